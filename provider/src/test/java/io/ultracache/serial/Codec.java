package io.ultracache.serial;

/** Encoding and decoding through a serializer with fresh buffers, for tests. */
final class Codec {
    private Codec() {
    }

    static byte[] encode(Serializer serializer, Object value) {
        ByteSink sink = new ByteSink(64);
        serializer.write(value, sink);
        return sink.toByteArray();
    }

    static Object decode(Serializer serializer, byte[] bytes) {
        return serializer.read(new ByteSource(bytes, 0, bytes.length));
    }

    static Object roundTrip(Serializer serializer, Object value) {
        return decode(serializer, encode(serializer, value));
    }

    /** A fallback that fails the test if the chain ever asks it: proves a type is written by a built-in codec. */
    static final class NoFallback implements Serializer {
        @Override
        public String id() {
            return "none/1";
        }

        @Override
        public void write(Object value, ByteSink out) {
            throw new AssertionError("the fallback was asked to write a " + value.getClass().getName());
        }

        @Override
        public Object read(ByteSource in) {
            throw new AssertionError("the fallback was asked to read");
        }
    }
}
