package io.ultracache.shm;

import java.nio.charset.StandardCharsets;

/**
 * Names of segment files, derived from a namespace (a cache manager's URI) and a store name
 * (a cache's name) so that every process finds the same files.
 *
 * <pre>
 *   uc-&lt;namespace&gt;-&lt;name&gt;-&lt;hash&gt;.ctl                         control segment
 *   uc-&lt;namespace&gt;-&lt;name&gt;-&lt;hash&gt;.&lt;incarnation&gt;.g&lt;n&gt;.dump     dump of generation n
 *   uc-&lt;namespace&gt;-&lt;name&gt;-&lt;hash&gt;.&lt;incarnation&gt;.g&lt;n&gt;.stream   stream buffer of generation n
 * </pre>
 *
 * The readable parts keep only {@code [A-Za-z0-9_-]} (anything else becomes {@code _}) and are
 * shortened, so no name can hold a path separator or {@code ..}; the hash, over the exact
 * namespace and name, keeps names that read alike apart. The incarnation (random, chosen when
 * the control segment is created) keeps a store that was destroyed and created again from ever
 * opening its predecessor's files.
 */
public final class SegmentNames {
    /** Every UltraCache segment file starts with this. */
    public static final String PREFIX = "uc-";
    public static final String CONTROL_SUFFIX = ".ctl";

    private final String base;

    private SegmentNames(String base) {
        this.base = base;
    }

    public static SegmentNames of(String namespace, String storeName) {
        String hash = String.format("%016x", fnv1a64(namespace + '\0' + storeName));
        return new SegmentNames(PREFIX + readable(namespace, 24) + "-" + readable(storeName, 48) + "-" + hash);
    }

    /** The common start of the file names of every store of a namespace. */
    public static String namespacePrefix(String namespace) {
        return PREFIX + readable(namespace, 24) + "-";
    }

    /** The common start of this store's file names. */
    public String base() {
        return base;
    }

    public String control() {
        return base + CONTROL_SUFFIX;
    }

    public String dump(long incarnation, long generation) {
        return generationPrefix(incarnation) + generation + ".dump";
    }

    public String stream(long incarnation, long generation) {
        return generationPrefix(incarnation) + generation + ".stream";
    }

    /** Common start of the generation files of one incarnation: {@code <base>.<incarnation>.g}. */
    public String generationPrefix(long incarnation) {
        return base + "." + String.format("%016x", incarnation) + ".g";
    }

    /**
     * The generation a file of this store names, or -1 if {@code fileName} is not a generation
     * file of this store's incarnation.
     */
    public long generationOf(String fileName, long incarnation) {
        String prefix = generationPrefix(incarnation);
        if (!fileName.startsWith(prefix)) {
            return -1;
        }
        int dot = fileName.indexOf('.', prefix.length());
        if (dot < 0) {
            return -1;
        }
        try {
            return Long.parseLong(fileName.substring(prefix.length(), dot));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    static String readable(String s, int maxLength) {
        StringBuilder b = new StringBuilder(Math.min(s.length(), maxLength));
        for (int i = 0; i < s.length() && b.length() < maxLength; i++) {
            char c = s.charAt(i);
            boolean plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
            b.append(plain ? c : '_');
        }
        return b.length() == 0 ? "_" : b.toString();
    }

    static long fnv1a64(String s) {
        long h = 0xcbf29ce484222325L;
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xFF;
            h *= 0x100000001b3L;
        }
        return h;
    }
}
