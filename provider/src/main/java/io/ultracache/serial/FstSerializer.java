package io.ultracache.serial;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.nustaq.serialization.FSTConfiguration;
import org.nustaq.serialization.FSTObjectInput;
import org.nustaq.serialization.FSTObjectOutput;

/**
 * FST ({@code de.ruedigermoeller:fst}), a fast drop-in for Java serialization of {@link java.io.Serializable}
 * classes (it honours {@code readResolve}, {@code writeObject} and the like). An <em>optional</em> dependency: add
 * {@code de.ruedigermoeller:fst:3.0.4-jdk17} to use it, and choose it by the name
 * {@value Serializers#FST}; the chain then writes the built-in types itself and hands FST the rest.
 *
 * <h2>JVM flags</h2>
 * FST reads and writes fields by reflection, including those of JDK classes, which Java 17 and later
 * refuse unless the JVM opens their packages. Start every JVM that uses it with
 * {@link #REQUIRED_JVM_OPTIONS}:
 * <pre>
 * --add-opens=java.base/java.lang=ALL-UNNAMED
 * --add-opens=java.base/java.util=ALL-UNNAMED
 * --add-opens=java.base/java.util.concurrent=ALL-UNNAMED
 * --add-opens=java.base/java.math=ALL-UNNAMED
 * --add-opens=java.base/java.net=ALL-UNNAMED
 * --add-opens=java.base/java.text=ALL-UNNAMED
 * --add-opens=java.base/java.time=ALL-UNNAMED
 * --add-opens=java.sql/java.sql=ALL-UNNAMED
 * </pre>
 * All but {@code java.time} are needed by FST's own set-up; {@code java.time} by values holding
 * java.time fields. Without them the constructor fails, naming the flags missing; a value holding a
 * JDK class of yet another package fails to be stored, naming the flag for that package. (If FST is on
 * the module path, replace {@code ALL-UNNAMED} by its module name; the messages say so.)
 *
 * <h2>Safety and identity</h2>
 * Reads are checked against the {@linkplain ClassAllowList allow-list} by FST's class verifier. The id
 * is {@code "fst/" + FST's version}: FST's byte format may change between its versions. Classes are
 * resolved with the given class loader. Thread-safe: FST keeps a stream per thread.
 */
public final class FstSerializer implements Serializer {
    /** The JVM options FST needs on Java 17 and later, for FST on the class path. */
    public static final List<String> REQUIRED_JVM_OPTIONS;

    private static final String[][] REQUIRED_OPENS = {
        {"java.base", "java.lang"}, {"java.base", "java.util"}, {"java.base", "java.util.concurrent"},
        {"java.base", "java.math"}, {"java.base", "java.net"}, {"java.base", "java.text"},
        {"java.base", "java.time"}, {"java.sql", "java.sql"},
    };
    private static final Pattern NOT_OPEN = Pattern.compile("module (\\S+) does not \"opens (\\S+)\"");
    private static final ThreadLocal<String> REFUSED = new ThreadLocal<>();

    static {
        List<String> options = new ArrayList<>();
        for (String[] open : REQUIRED_OPENS) {
            options.add(addOpens(open[0], open[1], "ALL-UNNAMED"));
        }
        REQUIRED_JVM_OPTIONS = List.copyOf(options);
    }

    private final FSTConfiguration configuration;
    private final ClassAllowList allowList;
    private final String id;

    /**
     * @param classLoader resolves the classes named in stored bytes; null means FST's default
     * @param allowList   the classes that may be read
     * @throws SerializationException naming the missing {@code --add-opens} flags if the JVM denies FST
     *         the access it needs
     */
    public FstSerializer(ClassLoader classLoader, ClassAllowList allowList) {
        requireOpenPackages();
        this.allowList = allowList;
        this.id = "fst/" + fstVersion();
        try {
            this.configuration = FSTConfiguration.createDefaultConfiguration();
        } catch (RuntimeException e) {
            throw new SerializationException("serializer '" + id + "' cannot start: " + e + accessAdvice(e), e);
        }
        if (classLoader != null) {
            configuration.setClassLoader(classLoader);
        }
        if (allowList.isRestricted()) {
            configuration.setVerifier(type -> {
                if (allowList.allows(type)) {
                    return true;
                }
                REFUSED.set(type.getName());
                return false;
            });
        }
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public void write(Object value, ByteSink out) {
        try {
            FSTObjectOutput output = configuration.getObjectOutput();
            output.writeObject(value);
            out.writeBytes(output.getBuffer(), 0, output.getWritten());
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("cannot serialize a value of class " + value.getClass().getName() + " with serializer '"
                    + id + "': " + e + accessAdvice(e) + "; nothing was stored", e);
        }
    }

    @Override
    public Object read(ByteSource in) {
        REFUSED.remove();
        try {
            FSTObjectInput input = configuration.getObjectInputCopyFrom(in.array(), in.position(), in.remaining());
            Object value = input.readObject();
            in.skip(in.remaining());
            return value;
        } catch (IOException | ClassNotFoundException | RuntimeException e) {
            String refused = REFUSED.get();
            if (refused != null) {
                REFUSED.remove();
                throw new SerializationException("serializer '" + id + "' " + allowList.readRefusal(refused, id), e);
            }
            throw new SerializationException("serializer '" + id + "' cannot read a stored value: " + e + accessAdvice(e)
                    + "; if a class is missing, put it on the class path or give the cache manager a class loader that"
                    + " sees it (the entry stays in the cache)", e);
        }
    }

    /** Fails, naming the flags to add, unless every package FST needs is open to it. */
    private static void requireOpenPackages() {
        Module fst = FSTConfiguration.class.getModule();
        String target = fst.isNamed() ? fst.getName() : "ALL-UNNAMED";
        List<String> missing = new ArrayList<>();
        for (String[] open : REQUIRED_OPENS) {
            Module module = ModuleLayer.boot().findModule(open[0]).orElse(null);
            if (module == null || !module.isOpen(open[1], fst)) {
                missing.add(addOpens(open[0], open[1], target));
            }
        }
        if (!missing.isEmpty()) {
            List<String> all = new ArrayList<>();
            for (String[] open : REQUIRED_OPENS) {
                all.add(addOpens(open[0], open[1], target));
            }
            throw new SerializationException("serializer 'fst' cannot work in this JVM: Java denies FST access to JDK"
                    + " classes. Add these JVM options: " + String.join(" ", missing)
                    + (missing.size() < all.size() ? "\n(all the options FST needs: " + String.join(" ", all) + ")" : "")
                    + "\nor choose serializer '" + Serializers.STANDARD + "', which needs none.");
        }
    }

    private static String addOpens(String module, String pkg, String target) {
        return "--add-opens=" + module + "/" + pkg + "=" + target;
    }

    /** If {@code e} comes from a package not opened to FST, the flag that opens it. */
    private static String accessAdvice(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            Matcher m = t.getMessage() == null ? null : NOT_OPEN.matcher(t.getMessage());
            if (m != null && m.find()) {
                Module fst = FSTConfiguration.class.getModule();
                return "; start the JVM with " + addOpens(m.group(1), m.group(2), fst.isNamed() ? fst.getName() : "ALL-UNNAMED")
                        + " to let FST reach that package";
            }
        }
        return "";
    }

    /** FST's version from its jar's Maven metadata; "unknown" if it has none. */
    private static String fstVersion() {
        try (InputStream in = FSTConfiguration.class.getResourceAsStream("/META-INF/maven/de.ruedigermoeller/fst/pom.properties")) {
            if (in != null) {
                Properties properties = new Properties();
                properties.load(in);
                return properties.getProperty("version", "unknown");
            }
        } catch (IOException e) {
            // fall through
        }
        return "unknown";
    }
}
