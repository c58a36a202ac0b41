package io.ultracache.serial;

import java.util.Locale;
import java.util.Map;

/**
 * Entry points for choosing a serializer.
 *
 * <p>Every serializer chosen by name writes the common JDK value types with the
 * {@linkplain BuiltInCodec built-in codecs} first and hands everything else to its fallback:
 *
 * <table>
 *   <caption>Serializer names</caption>
 *   <tr><th>name</th><th>fallback</th><th>id</th><th>needs</th></tr>
 *   <tr><td>{@value #STANDARD} (default)</td><td>JDK serialization</td><td>{@code standard/2+jdk/1}</td><td>nothing</td></tr>
 *   <tr><td>{@value #JDK}</td><td>JDK serialization (same as {@value #STANDARD})</td><td>{@code standard/2+jdk/1}</td><td>nothing</td></tr>
 *   <tr><td>{@value #FST}</td><td>{@link FstSerializer}</td><td>{@code standard/2+fst/3.0.4-jdk17}</td>
 *       <td>{@code de.ruedigermoeller:fst}, JVM flags {@link FstSerializer#REQUIRED_JVM_OPTIONS}</td></tr>
 *   <tr><td>{@value #FORY}</td><td>{@link ForySerializer}</td><td>{@code standard/2+fory/<version>/java-ref}</td>
 *       <td>{@code org.apache.fory:fory-core}</td></tr>
 *   <tr><td>a class name</td><td colspan="2">that {@link Serializer}, used as it is (no built-in codecs)</td><td>the class</td></tr>
 * </table>
 *
 * <p>The fallbacks honour the {@linkplain ClassAllowList allow-list} {@value ClassAllowList#PROPERTY}, taken
 * from the settings passed to {@link #byName(String, ClassLoader, Map)} or else from the system property.
 */
public final class Serializers {
    /** Name of the default serializer: built-in codecs, then JDK serialization. */
    public static final String STANDARD = "standard";
    /** Name of built-in codecs then JDK serialization, the same serializer as {@value #STANDARD}. */
    public static final String JDK = "jdk";
    /** Name of built-in codecs then FST (optional dependency, needs JVM flags). */
    public static final String FST = "fst";
    /** Name of built-in codecs then Apache Fory (optional dependency). */
    public static final String FORY = "fory";
    /**
     * A name the configuration layers may use for the serializer setting (a cache manager's or cache's
     * property); its value is a name {@link #byName} takes.
     */
    public static final String SERIALIZER_PROPERTY = "ultracache.serializer";

    static final String FST_ARTIFACT = "de.ruedigermoeller:fst:3.0.4-jdk17";
    static final String FORY_ARTIFACT = "org.apache.fory:fory-core";

    private Serializers() {
    }

    /**
     * The default: built-in codecs, then JDK serialization resolving classes with {@code classLoader}
     * and the allow-list of the system property {@value ClassAllowList#PROPERTY}. Works on a plain JVM
     * with no flags and no other library.
     */
    public static Serializer standard(ClassLoader classLoader) {
        return standard(classLoader, ClassAllowList.fromSettings(Map.of()));
    }

    private static Serializer standard(ClassLoader classLoader, ClassAllowList allowList) {
        return new StandardSerializer(new JdkSerializer(classLoader, allowList), classLoader);
    }

    /** {@link #byName(String, ClassLoader, Map)} with no settings: the allow-list comes from the system property. */
    public static Serializer byName(String name, ClassLoader classLoader) {
        return byName(name, classLoader, Map.of());
    }

    /**
     * A serializer by configuration name: {@value #STANDARD}, {@value #JDK}, {@value #FST} or
     * {@value #FORY} (any case), or the name of a class implementing {@link Serializer} with a public
     * constructor taking a {@link ClassLoader}, or none.
     *
     * @param classLoader resolves the classes named in stored bytes (a cache manager's class loader)
     * @param settings    may hold {@value ClassAllowList#PROPERTY}; a cache manager passes its properties
     * @throws SerializationException saying what to do if the name is unknown, the serializer's library is
     *         missing, or the JVM denies it what it needs
     * @throws IllegalArgumentException if the allow-list is malformed
     */
    public static Serializer byName(String name, ClassLoader classLoader, Map<String, String> settings) {
        String trimmed = name.trim();
        switch (trimmed.toLowerCase(Locale.ROOT)) {
            case STANDARD:
            case JDK:
                return standard(classLoader, ClassAllowList.fromSettings(settings));
            case FST:
                requireLibrary("org.nustaq.serialization.FSTConfiguration", FST, FST_ARTIFACT
                        + " (with its runtime dependencies com.fasterxml.jackson.core:jackson-core and org.objenesis:objenesis)");
                return new StandardSerializer(new FstSerializer(classLoader, ClassAllowList.fromSettings(settings)), classLoader);
            case FORY:
                requireLibrary("org.apache.fory.Fory", FORY, FORY_ARTIFACT);
                return new StandardSerializer(new ForySerializer(classLoader, ClassAllowList.fromSettings(settings)), classLoader);
            default:
                return byClassName(trimmed, classLoader);
        }
    }

    /** Fails with what to add if an optional library is not visible to this library's class loader. */
    private static void requireLibrary(String className, String serializer, String artifact) {
        try {
            Class.forName(className, false, Serializers.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            throw new SerializationException("serializer '" + serializer + "' needs a library that is not on the class path:"
                    + " add the dependency " + artifact + ", or choose serializer '" + STANDARD + "'", e);
        }
    }

    private static Serializer byClassName(String className, ClassLoader classLoader) {
        Class<?> type;
        try {
            type = Class.forName(className, true, classLoader != null ? classLoader : Serializers.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new SerializationException("unknown serializer '" + className + "': use '" + STANDARD + "', '" + JDK
                    + "', '" + FST + "', '" + FORY + "', or the name of a class implementing " + Serializer.class.getName(), e);
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
        } catch (java.lang.reflect.InvocationTargetException e) {
            if (e.getCause() instanceof SerializationException) {
                throw (SerializationException) e.getCause();
            }
            throw new SerializationException("cannot create serializer " + className + ": its constructor failed: "
                    + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new SerializationException("cannot create serializer " + className + ": it needs a public constructor"
                    + " taking a ClassLoader, or none: " + e, e);
        }
    }
}
