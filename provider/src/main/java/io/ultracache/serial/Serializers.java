package io.ultracache.serial;

/** Entry points for choosing a serializer. */
public final class Serializers {
    private Serializers() {
    }

    /** The default: built-in codecs, then JDK serialization. Works on a plain JVM with no flags. */
    public static Serializer standard(ClassLoader classLoader) {
        return new StandardSerializer(new JdkSerializer(classLoader));
    }
}
