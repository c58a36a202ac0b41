package io.ultracache.serial;

import java.util.Locale;

/** Entry points for choosing a serializer. */
public final class Serializers {
    /** Name of the default serializer: built-in codecs, then JDK serialization. */
    public static final String STANDARD = "standard";
    /** Name of plain JDK serialization (no built-in codecs first). */
    public static final String JDK = "jdk";

    private Serializers() {
    }

    /** The default: built-in codecs, then JDK serialization. Works on a plain JVM with no flags. */
    public static Serializer standard(ClassLoader classLoader) {
        return new StandardSerializer(new JdkSerializer(classLoader));
    }

    /**
     * A serializer by configuration name: {@value #STANDARD} or {@value #JDK}, or the name of a
     * class implementing {@link Serializer} with a public constructor taking a {@link ClassLoader}
     * (or none).
     *
     * @throws SerializationException naming the choices if the name is unknown
     */
    public static Serializer byName(String name, ClassLoader classLoader) {
        switch (name.trim().toLowerCase(Locale.ROOT)) {
            case STANDARD:
                return standard(classLoader);
            case JDK:
                return new JdkSerializer(classLoader);
            default:
                return byClassName(name.trim(), classLoader);
        }
    }

    private static Serializer byClassName(String className, ClassLoader classLoader) {
        Class<?> type;
        try {
            type = Class.forName(className, true, classLoader != null ? classLoader : Serializers.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new SerializationException("unknown serializer '" + className + "': use '" + STANDARD + "', '" + JDK
                    + "', or the name of a class implementing " + Serializer.class.getName(), e);
        }
        if (!Serializer.class.isAssignableFrom(type)) {
            throw new SerializationException("serializer class " + className + " does not implement " + Serializer.class.getName());
        }
        try {
            try {
                return (Serializer) type.getConstructor(ClassLoader.class).newInstance(classLoader);
            } catch (NoSuchMethodException e) {
                return (Serializer) type.getConstructor().newInstance();
            }
        } catch (ReflectiveOperationException e) {
            throw new SerializationException("cannot create serializer " + className + ": it needs a public constructor"
                    + " taking a ClassLoader, or none: " + e, e);
        }
    }
}
