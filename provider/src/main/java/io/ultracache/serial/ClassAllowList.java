package io.ultracache.serial;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Which classes the fallback serializers (JDK serialization, FST, Fory) may instantiate when they
 * read bytes from shared memory. Those bytes are input: any process that can write the segments
 * could plant a deserialization gadget, so a process can restrict what it decodes to the classes
 * it expects.
 *
 * <h2>Configuration</h2>
 * The setting {@value #PROPERTY} holds patterns separated by {@code ;}, in the syntax of
 * {@link java.io.ObjectInputFilter.Config#createFilter} class patterns:
 * <ul>
 *   <li>{@code com.example.Order} &mdash; that class;</li>
 *   <li>{@code com.example.*} &mdash; the classes of package {@code com.example};</li>
 *   <li>{@code com.example.**} &mdash; the classes of {@code com.example} and its subpackages;</li>
 *   <li>{@code com.example.Ord*} &mdash; the classes whose name starts so;</li>
 *   <li>{@code *} &mdash; every class; {@code !pattern} refuses what the pattern matches.</li>
 * </ul>
 * The first matching pattern decides; a class that no pattern matches is refused. The JDK value
 * types that user classes commonly hold are allowed after the given patterns
 * ({@link #ALWAYS_ALLOWED}: refuse one of them by putting {@code !name} first). Arrays are judged
 * by their element class; primitives are always allowed. Module prefixes and limits
 * ({@code maxdepth=...}) are not supported here: put limits in the JVM-wide {@code jdk.serialFilter},
 * which JDK serialization applies as well.
 *
 * <p>The setting comes from the settings given to {@link Serializers#byName(String, ClassLoader, Map)}
 * (a cache manager's or a cache's properties), else from the system property of the same name. Without
 * either, the list is unrestricted: every class is accepted (JDK serialization still applies
 * {@code jdk.serialFilter}). Segments are created readable and writable by their owner only, so
 * only processes of the same user can plant bytes; set the list where that is not enough.
 *
 * <p>The list does not change the byte format, so it is not part of a serializer's id: processes
 * with different lists share a cache, each refusing what it does not allow. Immutable.
 */
public final class ClassAllowList {
    /** Name of the setting and system property holding the patterns. */
    public static final String PROPERTY = "ultracache.serial.allow";

    /**
     * JDK value types allowed after the configured patterns. ({@code java.lang.Object} is there for
     * {@code Object[]}, the array inside many collections: a plain Object has nothing to deserialize.)
     */
    public static final List<String> ALWAYS_ALLOWED = List.of(
            "java.lang.String", "java.lang.Boolean", "java.lang.Character", "java.lang.Byte", "java.lang.Short",
            "java.lang.Integer", "java.lang.Long", "java.lang.Float", "java.lang.Double", "java.lang.Number",
            "java.lang.Enum", "java.lang.Object", "java.math.BigInteger", "java.math.BigDecimal", "java.time.*", "java.util.*");

    private static final System.Logger LOG = System.getLogger(ClassAllowList.class.getName());
    private static final ClassAllowList UNRESTRICTED = new ClassAllowList(null, List.of());

    private final String configured;
    private final List<ClassPattern> patterns;

    private ClassAllowList(String configured, List<ClassPattern> patterns) {
        this.configured = configured;
        this.patterns = patterns;
    }

    /** A list that accepts every class. */
    public static ClassAllowList unrestricted() {
        return UNRESTRICTED;
    }

    /**
     * The list of these patterns, then {@link #ALWAYS_ALLOWED}.
     *
     * @throws IllegalArgumentException naming the pattern if one is malformed
     */
    public static ClassAllowList of(String patterns) {
        Objects.requireNonNull(patterns, "patterns");
        List<ClassPattern> parsed = new ArrayList<>();
        for (String text : patterns.split(";")) {
            String trimmed = text.trim();
            if (!trimmed.isEmpty()) {
                parsed.add(ClassPattern.parse(trimmed, patterns));
            }
        }
        if (parsed.isEmpty()) {
            throw new IllegalArgumentException(PROPERTY + " '" + patterns + "' holds no pattern: give class patterns"
                    + " such as 'com.example.**', or leave the setting out to accept every class");
        }
        for (String allowed : ALWAYS_ALLOWED) {
            parsed.add(ClassPattern.parse(allowed, allowed));
        }
        return new ClassAllowList(patterns.trim(), List.copyOf(parsed));
    }

    /**
     * The list configured by {@value #PROPERTY} in {@code settings}, else by the system property of
     * that name, else the unrestricted list.
     *
     * @throws IllegalArgumentException naming the pattern if one is malformed
     */
    public static ClassAllowList fromSettings(Map<String, String> settings) {
        String patterns = settings.get(PROPERTY);
        if (patterns == null) {
            patterns = System.getProperty(PROPERTY);
        }
        if (patterns == null || patterns.isBlank()) {
            LOG.log(System.Logger.Level.DEBUG, "{0} is not set: values read from shared memory may be of any class", PROPERTY);
            return UNRESTRICTED;
        }
        return of(patterns);
    }

    /** Whether some classes are refused. */
    public boolean isRestricted() {
        return configured != null;
    }

    /** Whether a value of this class may be created from stored bytes. */
    public boolean allows(Class<?> type) {
        if (configured == null) {
            return true;
        }
        while (type.isArray()) {
            type = type.getComponentType();
        }
        return type.isPrimitive() || allowsName(type.getName());
    }

    /** Whether a value of the class of this binary name (or JVM array descriptor) may be created. */
    public boolean allows(String className) {
        if (configured == null) {
            return true;
        }
        String name = elementName(className);
        return name.isEmpty() || allowsName(name);
    }

    /** The element class name of an array descriptor ("" for primitives), else the name itself. */
    private static String elementName(String className) {
        if (!className.startsWith("[")) {
            return className;
        }
        String name = className;
        while (name.startsWith("[")) {
            name = name.substring(1);
        }
        if (!name.startsWith("L")) {
            return ""; // an array of primitives
        }
        return name.substring(1, name.endsWith(";") ? name.length() - 1 : name.length());
    }

    private boolean allowsName(String name) {
        for (ClassPattern pattern : patterns) {
            if (pattern.matches(name)) {
                return !pattern.refuses;
            }
        }
        return false;
    }

    /**
     * What to tell a user whose value of class {@code className} was refused: which setting refused
     * it and how to allow it.
     */
    public String refusal(String className, String serializerId) {
        className = elementName(className);
        String pkg = className.lastIndexOf('.') > 0 ? className.substring(0, className.lastIndexOf('.')) : "";
        return "class " + className + " is not allowed by " + PROPERTY + "='" + configured + "' (serializer '"
                + serializerId + "'): if values of that class belong in the cache, add '" + className + "'"
                + (pkg.isEmpty() ? "" : " or '" + pkg + ".*'") + " to " + PROPERTY;
    }

    /** {@link #refusal} of a stored value that was being read. */
    String readRefusal(String className, String serializerId) {
        return "refused to read a stored value: " + refusal(className, serializerId)
                + "; otherwise the bytes were planted or written by a process configured otherwise (the entry stays in the cache)";
    }

    /** {@link #refusal} of a value that was being written. */
    String writeRefusal(Object value, String className, String serializerId) {
        return "cannot store a value of class " + value.getClass().getName() + ": " + refusal(className, serializerId)
                + "; nothing was stored";
    }

    @Override
    public String toString() {
        return configured == null ? PROPERTY + " unset (every class allowed)" : PROPERTY + "='" + configured + "'";
    }

    /** One pattern of the list. */
    private static final class ClassPattern {
        final boolean refuses;
        private final String text;
        private final Kind kind;

        private enum Kind { EXACT, PACKAGE, SUBPACKAGES, PREFIX, ANY }

        private ClassPattern(boolean refuses, String text, Kind kind) {
            this.refuses = refuses;
            this.text = text;
            this.kind = kind;
        }

        static ClassPattern parse(String pattern, String all) {
            boolean refuses = pattern.startsWith("!");
            String body = refuses ? pattern.substring(1).trim() : pattern;
            String problem = null;
            if (body.isEmpty()) {
                problem = "it names no class";
            } else if (body.contains("=")) {
                problem = "limits such as maxdepth= are not supported here; put them in the JVM's jdk.serialFilter";
            } else if (body.contains("/")) {
                problem = "module prefixes are not supported; give the class or package name alone";
            } else if (body.indexOf('*') >= 0 && body.indexOf('*') < body.length() - (body.endsWith(".**") ? 2 : 1)) {
                problem = "'*' may only end a pattern ('pkg.*', 'pkg.**' or 'Prefix*')";
            }
            if (problem != null) {
                throw new IllegalArgumentException("pattern '" + pattern + "' in " + PROPERTY + "='" + all + "' is malformed: "
                        + problem);
            }
            if (body.equals("*")) {
                return new ClassPattern(refuses, "", Kind.ANY);
            }
            if (body.endsWith(".**")) {
                return new ClassPattern(refuses, body.substring(0, body.length() - 2), Kind.SUBPACKAGES);
            }
            if (body.endsWith(".*")) {
                return new ClassPattern(refuses, body.substring(0, body.length() - 1), Kind.PACKAGE);
            }
            if (body.endsWith("*")) {
                return new ClassPattern(refuses, body.substring(0, body.length() - 1), Kind.PREFIX);
            }
            return new ClassPattern(refuses, body, Kind.EXACT);
        }

        boolean matches(String name) {
            switch (kind) {
                case ANY:
                    return true;
                case EXACT:
                    return name.equals(text);
                case PACKAGE:
                    return name.startsWith(text) && name.indexOf('.', text.length()) < 0;
                case SUBPACKAGES:
                case PREFIX:
                    return name.startsWith(text);
                default:
                    throw new AssertionError(kind);
            }
        }
    }
}
