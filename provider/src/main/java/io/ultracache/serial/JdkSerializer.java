package io.ultracache.serial;

import java.io.IOException;
import java.io.InputStream;
import java.io.InvalidClassException;
import java.io.NotSerializableException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;
import java.io.OutputStream;
import java.io.Serializable;
import java.util.Map;

/**
 * Java serialization for {@link Serializable} types: the zero-dependency fallback, and the one the
 * default chain uses ({@link Serializers#standard}).
 *
 * <ul>
 *   <li>Classes are resolved with the class loader given at construction (a cache manager's, as
 *   Hibernate and application servers need), then as {@link ObjectInputStream} would.</li>
 *   <li>{@code readResolve} and {@code writeReplace} are honoured, so a singleton that Spring
 *   compares with {@code ==} comes back as itself.</li>
 *   <li>An {@linkplain ClassAllowList allow-list} restricts the classes read: it runs as the
 *   stream's {@link ObjectInputFilter}, merged with the JVM-wide {@code jdk.serialFilter} so both
 *   apply. Values are checked against it when written too, so a value this process could not read
 *   back is never stored.</li>
 * </ul>
 *
 * <p>The byte format is Java's serialization stream, whose compatibility Java keeps across
 * versions; hence the id {@value #ID}. Thread-safe: every call uses its own streams.
 */
public final class JdkSerializer implements Serializer {
    public static final String ID = "jdk/1";

    private final ClassLoader classLoader;
    private final ClassAllowList allowList;

    /** JDK serialization resolving classes with {@code classLoader}, allow-list from the system property. */
    public JdkSerializer(ClassLoader classLoader) {
        this(classLoader, ClassAllowList.fromSettings(Map.of()));
    }

    /**
     * @param classLoader resolves the classes named in stored bytes; null means the default of {@link ObjectInputStream}
     * @param allowList   the classes that may be read (and written)
     */
    public JdkSerializer(ClassLoader classLoader, ClassAllowList allowList) {
        this.classLoader = classLoader;
        this.allowList = allowList;
    }

    @Override
    public String id() {
        return ID;
    }

    public ClassAllowList allowList() {
        return allowList;
    }

    @Override
    public void write(Object value, ByteSink out) {
        if (!(value instanceof Serializable)) {
            throw new SerializationException("cannot serialize a value of class " + value.getClass().getName() + " with serializer '"
                    + ID + "': it does not implement java.io.Serializable; make it Serializable, or choose serializer 'fst'"
                    + " or 'fory'; nothing was stored");
        }
        try (ObjectOutputStream oos = new CheckedObjectOutputStream(out.asOutputStream())) {
            oos.writeObject(value);
        } catch (NotSerializableException e) {
            throw new SerializationException("cannot serialize a value of class " + value.getClass().getName() + " with serializer '" + ID
                    + "': it holds a " + e.getMessage() + ", which does not implement java.io.Serializable; make that"
                    + " class Serializable or the field transient; nothing was stored", e);
        } catch (RefusedClassException e) {
            throw new SerializationException(allowList.writeRefusal(value, e.className, ID), e);
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("cannot serialize a value of class " + value.getClass().getName() + " with serializer '"
                    + ID + "': " + e + "; nothing was stored", e);
        }
    }

    @Override
    public Object read(ByteSource in) {
        LoaderObjectInputStream ois = null;
        try {
            ois = new LoaderObjectInputStream(in.asInputStream());
            return ois.readObject();
        } catch (ClassNotFoundException e) {
            throw new SerializationException("serializer '" + ID + "' cannot read a stored value: its class " + e.getMessage()
                    + " cannot be loaded by " + loaderName() + " in this process; put it on the class path, or give the"
                    + " cache manager a class loader that sees it (the entry stays in the cache)", e);
        } catch (InvalidClassException e) {
            if (ois != null && ois.refusedClass != null) {
                throw new SerializationException("serializer '" + ID + "' " + allowList.readRefusal(ois.refusedClass, ID), e);
            }
            throw new SerializationException("serializer '" + ID + "' cannot read a stored value: " + e
                    + "; a process with another version of the class wrote it, or jdk.serialFilter refused it", e);
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("serializer '" + ID + "' cannot read a stored value: " + e, e);
        } finally {
            if (ois != null) {
                try {
                    ois.close();
                } catch (IOException e) {
                    // closing a stream over a byte window cannot fail
                }
            }
        }
    }

    private String loaderName() {
        return classLoader != null ? "class loader " + classLoader : "the default class loader";
    }

    /**
     * A class of the value refused by the allow-list when writing. Unchecked on purpose: for an
     * IOException, ObjectOutputStream would try to write the exception itself into the stream.
     */
    private static final class RefusedClassException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final String className;

        RefusedClassException(String className) {
            super("refused by " + ClassAllowList.PROPERTY + ": " + className, null, false, false);
            this.className = className;
        }
    }

    /** Checks every object written, and each serializable superclass, against the allow-list. */
    private final class CheckedObjectOutputStream extends ObjectOutputStream {
        CheckedObjectOutputStream(OutputStream out) throws IOException {
            super(out);
            enableReplaceObject(allowList.isRestricted());
        }

        @Override
        protected Object replaceObject(Object obj) {
            for (Class<?> type = obj.getClass(); type != null && Serializable.class.isAssignableFrom(type);
                    type = type.getSuperclass()) {
                if (!allowList.allows(type)) {
                    throw new RefusedClassException(type.getName());
                }
            }
            return obj;
        }
    }

    /** Resolves classes with the given loader and filters them with the allow-list. */
    private final class LoaderObjectInputStream extends ObjectInputStream {
        /** The class the allow-list refused, for the error message (the JDK's says only "REJECTED"). */
        String refusedClass;

        LoaderObjectInputStream(InputStream in) throws IOException {
            super(in);
            if (allowList.isRestricted()) {
                ObjectInputFilter own = this::check;
                ObjectInputFilter jvmWide = ObjectInputFilter.Config.getSerialFilter();
                setObjectInputFilter(jvmWide == null ? own : ObjectInputFilter.merge(own, jvmWide));
            }
        }

        private ObjectInputFilter.Status check(ObjectInputFilter.FilterInfo info) {
            Class<?> type = info.serialClass();
            if (type == null) {
                return ObjectInputFilter.Status.UNDECIDED; // a limit check: left to jdk.serialFilter
            }
            if (allowList.allows(type)) {
                return ObjectInputFilter.Status.ALLOWED;
            }
            refusedClass = type.getName();
            return ObjectInputFilter.Status.REJECTED;
        }

        @Override
        protected Class<?> resolveClass(ObjectStreamClass desc) throws IOException, ClassNotFoundException {
            try {
                return ClassLookup.load(desc.getName(), classLoader);
            } catch (ClassNotFoundException e) {
                return super.resolveClass(desc); // primitives, and what ObjectInputStream finds by itself
            }
        }
    }
}
