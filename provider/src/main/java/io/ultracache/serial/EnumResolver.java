package io.ultracache.serial;

import java.nio.charset.StandardCharsets;

/**
 * Finds the enum class named in stored bytes, through one class loader, and remembers it, so that
 * decoding an enum constant that was seen before allocates nothing: it compares the name's bytes
 * with the known classes' names instead of building a String.
 *
 * <p>The known classes sit in an open-addressing table replaced whole (copy on write) when a
 * class is added: reads take no lock, and enum classes are few. Only classes that were found
 * and are enums are added, so damaged or hostile bytes cannot fill it. Classes are looked up
 * without being initialised, and a class that is not an enum is refused before its constants
 * are touched, so a name in shared memory can run no static initialiser but an enum's.
 */
final class EnumResolver {
    private final ClassLoader classLoader;
    private volatile EnumType[] table = new EnumType[16];
    private int size;

    /** @param classLoader loads the enum classes; null means the loader of this library */
    EnumResolver(ClassLoader classLoader) {
        this.classLoader = classLoader != null ? classLoader : EnumResolver.class.getClassLoader();
    }

    /**
     * The enum class whose binary name is {@code bytes[from, to)} in UTF-8.
     *
     * @throws SerializationException if this process cannot load it, or it is not an enum
     */
    EnumType resolve(byte[] bytes, int from, int to) {
        EnumType[] t = table;
        int mask = t.length - 1;
        for (int i = hash(bytes, from, to) & mask; t[i] != null; i = (i + 1) & mask) {
            if (t[i].hasClassName(bytes, from, to)) {
                return t[i];
            }
        }
        return load(new String(bytes, from, to - from, StandardCharsets.UTF_8));
    }

    private EnumType load(String className) {
        Class<?> type;
        try {
            type = ClassLookup.load(className, classLoader);
        } catch (ClassNotFoundException | LinkageError e) {
            throw new SerializationException("a stored enum constant is of class " + className
                    + ", which class loader " + classLoader + " cannot load in this process (" + e
                    + "): put that class on this process's class path, or give the cache manager a class loader"
                    + " that sees it; the entry stays in the cache for processes that have the class", e);
        }
        if (!type.isEnum()) {
            throw new SerializationException("class " + className + " named as an enum in the stored bytes is not an enum"
                    + " in this process; the bytes are damaged, or the class changed and the cache must be cleared");
        }
        EnumType enumType = EnumType.OF_CLASS.get(type);
        add(enumType);
        return enumType;
    }

    private synchronized void add(EnumType type) {
        EnumType[] old = table;
        for (EnumType known : old) {
            if (known == type) {
                return;
            }
        }
        int capacity = old.length;
        while ((size + 1) * 2 > capacity) {
            capacity *= 2;
        }
        EnumType[] grown = new EnumType[capacity];
        for (EnumType known : old) {
            if (known != null) {
                insert(grown, known);
            }
        }
        insert(grown, type);
        size++;
        table = grown;
    }

    private static void insert(EnumType[] t, EnumType type) {
        int mask = t.length - 1;
        int i = hash(type.className, 0, type.className.length) & mask;
        while (t[i] != null) {
            i = (i + 1) & mask;
        }
        t[i] = type;
    }

    private static int hash(byte[] bytes, int from, int to) {
        int h = 0x811C9DC5;
        for (int i = from; i < to; i++) {
            h = (h ^ bytes[i]) * 0x01000193;
        }
        return h ^ (h >>> 16);
    }
}
