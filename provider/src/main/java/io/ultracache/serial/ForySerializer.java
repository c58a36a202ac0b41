package io.ultracache.serial;

import org.apache.fory.Fory;
import org.apache.fory.ThreadSafeFory;
import org.apache.fory.config.CompatibleMode;
import org.apache.fory.config.Language;
import org.apache.fory.memory.MemoryBuffer;

/**
 * Apache Fory ({@code org.apache.fory:fory-core}), a fast serializer that generates code for each
 * class it meets. An <em>optional</em> dependency: add {@code org.apache.fory:fory-core} to use it,
 * and choose it by the name {@value Serializers#FORY}; the chain then writes the built-in types itself
 * and hands Fory the rest. It needs no JVM flags on Java 17 to 25.
 *
 * <h2>Configuration</h2>
 * <ul>
 *   <li>Java-only format, schema-consistent mode (every process has the same classes, which the
 *   store's shared id cannot check: processes must run the same version of the value classes, as
 *   with FST), reference tracking on (shared and cyclic references survive, as with Java
 *   serialization).</li>
 *   <li>No class registration required (a cache holds whatever the application puts in it);
 *   instead, classes read and written are checked against the {@linkplain ClassAllowList allow-list}
 *   by Fory's type checker, on top of Fory's own list of known-dangerous classes.</li>
 *   <li>Fory instances are not thread-safe: each thread gets its own from Fory's thread-local wrapper,
 *   and its own buffers here.</li>
 * </ul>
 * The id is {@code "fory/" + Fory's version + "/java-ref"}: Fory's format may change between its
 * versions. Classes are resolved with the given class loader.
 */
public final class ForySerializer implements Serializer {
    private static final ThreadLocal<String> REFUSED = new ThreadLocal<>();

    private final ThreadSafeFory fory;
    private final ThreadLocal<Buffers> buffers = ThreadLocal.withInitial(Buffers::new);
    private final ClassAllowList allowList;
    private final String id;

    /** Per-thread buffers: output grows to the largest value written; input wraps the caller's bytes. */
    private static final class Buffers {
        final MemoryBuffer output = MemoryBuffer.newHeapBuffer(256);
        final MemoryBuffer input = MemoryBuffer.fromByteArray(new byte[0]);
    }

    /**
     * @param classLoader resolves the classes named in stored bytes; null means this library's loader
     * @param allowList   the classes that may be read and written
     */
    public ForySerializer(ClassLoader classLoader, ClassAllowList allowList) {
        this.allowList = allowList;
        this.id = "fory/" + foryVersion() + "/java-ref";
        ClassLoader loader = classLoader != null ? classLoader : ForySerializer.class.getClassLoader();
        this.fory = Fory.builder()
                .withLanguage(Language.JAVA)
                .withRefTracking(true)
                .withCompatibleMode(CompatibleMode.SCHEMA_CONSISTENT)
                .requireClassRegistration(false)
                .suppressClassRegistrationWarnings(true)
                .withClassLoader(loader)
                .withTypeChecker((resolver, className) -> {
                    if (allowList.allows(className)) {
                        return true;
                    }
                    REFUSED.set(className);
                    return false;
                })
                .buildThreadLocalFory();
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public void write(Object value, ByteSink out) {
        REFUSED.remove();
        try {
            MemoryBuffer output = buffers.get().output;
            output.writerIndex(0);
            fory.serialize(output, value);
            out.writeBytes(output.getHeapMemory(), 0, output.writerIndex());
        } catch (RuntimeException | StackOverflowError e) {
            String refused = REFUSED.get();
            if (refused != null) {
                REFUSED.remove();
                throw new SerializationException(allowList.writeRefusal(value, refused, id), e);
            }
            throw new SerializationException("cannot serialize a value of class " + value.getClass().getName() + " with serializer '"
                    + id + "': " + e + "; nothing was stored", e);
        }
    }

    @Override
    public Object read(ByteSource in) {
        REFUSED.remove();
        try {
            MemoryBuffer input = buffers.get().input;
            input.pointTo(in.array(), in.position(), in.remaining());
            input.readerIndex(0);
            Object value = fory.deserialize(input);
            in.skip(in.remaining());
            return value;
        } catch (RuntimeException | StackOverflowError e) {
            String refused = REFUSED.get();
            if (refused != null) {
                REFUSED.remove();
                throw new SerializationException("serializer '" + id + "' " + allowList.readRefusal(refused, id), e);
            }
            throw new SerializationException("serializer '" + id + "' cannot read a stored value: " + e
                    + "; if a class is missing, put it on the class path or give the cache manager a class loader that"
                    + " sees it (the entry stays in the cache)", e);
        }
    }

    private static String foryVersion() {
        String version = Fory.class.getPackage().getImplementationVersion();
        return version != null ? version : "unknown";
    }
}
