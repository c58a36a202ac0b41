package io.ultracache.serial;

import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;
import java.io.Serializable;

/**
 * Java serialization for {@link Serializable} types: the zero-dependency fallback.
 * Classes are resolved with the class loader given at construction.
 */
public final class JdkSerializer implements Serializer {
    public static final String ID = "jdk/1";

    private final ClassLoader classLoader;

    public JdkSerializer(ClassLoader classLoader) {
        this.classLoader = classLoader;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public void write(Object value, ByteSink out) {
        if (!(value instanceof Serializable)) {
            throw new SerializationException(value.getClass().getName()
                    + " cannot be stored: it does not implement java.io.Serializable and serializer '"
                    + ID + "' has no other way to write it; make it Serializable or choose another serializer");
        }
        try (ObjectOutputStream oos = new ObjectOutputStream(out.asOutputStream())) {
            oos.writeObject(value);
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("serializer '" + ID + "' failed to write a "
                    + value.getClass().getName() + ": " + e, e);
        }
    }

    @Override
    public Object read(ByteSource in) {
        try (ObjectInputStream ois = new LoaderObjectInputStream(in.asInputStream(), classLoader)) {
            return ois.readObject();
        } catch (IOException | ClassNotFoundException | RuntimeException e) {
            throw new SerializationException("serializer '" + ID + "' failed to read a value: " + e, e);
        }
    }

    /** Resolves classes with a given loader, as the manager's class loader must be used. */
    private static final class LoaderObjectInputStream extends ObjectInputStream {
        private final ClassLoader loader;

        LoaderObjectInputStream(InputStream in, ClassLoader loader) throws IOException {
            super(in);
            this.loader = loader;
        }

        @Override
        protected Class<?> resolveClass(ObjectStreamClass desc) throws IOException, ClassNotFoundException {
            if (loader == null) {
                return super.resolveClass(desc);
            }
            try {
                return Class.forName(desc.getName(), false, loader);
            } catch (ClassNotFoundException e) {
                return super.resolveClass(desc);
            }
        }
    }
}
