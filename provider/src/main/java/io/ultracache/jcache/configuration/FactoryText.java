package io.ultracache.jcache.configuration;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;
import java.io.Serializable;
import java.util.Base64;
import javax.cache.CacheException;
import javax.cache.configuration.Factory;

/**
 * A configuration {@link Factory} as text in a cache's shared properties, so another process can
 * rebuild the configuration it was created with: {@code serialized:<base64>} for a factory that
 * Java serialization can write (the JCache factories of {@code FactoryBuilder} and the expiry policies
 * are), {@code process-local:<class name>} for one it cannot (each process supplies its own). The
 * segments holding the text are readable by their owner only, like the entries themselves.
 */
final class FactoryText {
    static final String SERIALIZED = "serialized:";
    static final String PROCESS_LOCAL = "process-local:";

    private FactoryText() {
    }

    static String of(Factory<?> factory) {
        if (factory instanceof Serializable) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
                out.writeObject(factory);
                return SERIALIZED + Base64.getEncoder().encodeToString(bytes.toByteArray());
            } catch (IOException | RuntimeException e) {
                // falls through: this process keeps it to itself
            }
        }
        return PROCESS_LOCAL + factory.getClass().getName();
    }

    /** The factory the text names, or null if it was process-local. */
    @SuppressWarnings("unchecked")
    static <T> Factory<T> parse(String property, String text, ClassLoader classLoader) {
        if (text == null || text.startsWith(PROCESS_LOCAL)) {
            return null;
        }
        if (!text.startsWith(SERIALIZED)) {
            throw new CacheException("shared property " + property + " holds '" + text + "', not a factory UltraCache wrote");
        }
        byte[] bytes = Base64.getDecoder().decode(text.substring(SERIALIZED.length()));
        try (ObjectInputStream in = new LoaderInput(new ByteArrayInputStream(bytes), classLoader)) {
            return (Factory<T>) in.readObject();
        } catch (IOException | ClassNotFoundException | ClassCastException e) {
            throw new CacheException("the factory in shared property " + property + " cannot be read in this process (" + e
                    + "); put its class on this process's class path, or create the cache here with your own configuration", e);
        }
    }

    private static final class LoaderInput extends ObjectInputStream {
        private final ClassLoader loader;

        LoaderInput(InputStream in, ClassLoader loader) throws IOException {
            super(in);
            this.loader = loader;
        }

        @Override
        protected Class<?> resolveClass(ObjectStreamClass desc) throws IOException, ClassNotFoundException {
            try {
                return Class.forName(desc.getName(), false, loader);
            } catch (ClassNotFoundException e) {
                return super.resolveClass(desc);
            }
        }
    }
}
