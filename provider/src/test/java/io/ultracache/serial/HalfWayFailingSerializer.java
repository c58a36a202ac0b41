package io.ultracache.serial;

/**
 * A serializer that fails half-way for the strings {@value #FAIL}: it has written bytes when it
 * throws, which the store must discard. Chosen by class name, as a user's own serializer would be.
 */
public final class HalfWayFailingSerializer implements Serializer {
    static final String FAIL = "fail-half-way";

    private final Serializer delegate;

    public HalfWayFailingSerializer(ClassLoader classLoader) {
        this.delegate = Serializers.standard(classLoader);
    }

    @Override
    public String id() {
        return "half-way-test/1+" + delegate.id();
    }

    @Override
    public void write(Object value, ByteSink out) {
        if (FAIL.equals(value)) {
            delegate.write("these bytes must not reach the cache", out);
            throw new IllegalStateException("simulated failure after " + out.length() + " bytes");
        }
        delegate.write(value, out);
    }

    @Override
    public Object read(ByteSource in) {
        return delegate.read(in);
    }

    @Override
    public boolean isShareable(Object decoded) {
        return delegate.isShareable(decoded);
    }
}
