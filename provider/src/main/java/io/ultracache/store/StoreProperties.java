package io.ultracache.store;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The text form of a store's shared properties, as kept in the control segment: one
 * {@code key=value} line per property, sorted by key, with {@code \\}, newline and carriage return
 * in values escaped. Deterministic, so equal maps give equal text.
 */
final class StoreProperties {
    private StoreProperties() {
    }

    static String encode(Map<String, String> properties) {
        StringBuilder b = new StringBuilder();
        for (Map.Entry<String, String> e : new TreeMap<>(properties).entrySet()) {
            String key = e.getKey();
            if (key.isEmpty() || key.indexOf('=') >= 0 || key.indexOf('\n') >= 0 || key.indexOf('\r') >= 0) {
                throw new IllegalArgumentException("property key must be non-empty, without '=' or line breaks: '" + key + "'");
            }
            b.append(key).append('=');
            String value = e.getValue();
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                switch (c) {
                    case '\\': b.append("\\\\"); break;
                    case '\n': b.append("\\n"); break;
                    case '\r': b.append("\\r"); break;
                    default: b.append(c);
                }
            }
            b.append('\n');
        }
        return b.toString();
    }

    static Map<String, String> decode(String text) {
        Map<String, String> properties = new TreeMap<>();
        for (String line : text.split("\n")) {
            if (line.isEmpty()) {
                continue;
            }
            int eq = line.indexOf('=');
            StringBuilder value = new StringBuilder();
            for (int i = eq + 1; i < line.length(); i++) {
                char c = line.charAt(i);
                if (c == '\\' && i + 1 < line.length()) {
                    char n = line.charAt(++i);
                    value.append(n == 'n' ? '\n' : n == 'r' ? '\r' : n);
                } else {
                    value.append(c);
                }
            }
            properties.put(line.substring(0, eq), value.toString());
        }
        return properties;
    }

    /**
     * Lines describing each property that differs, or an empty string if none does. Properties
     * under {@link SharedStore#CREATOR_PREFIX} describe how the creator set the store up and are
     * not compared.
     */
    static String differences(Map<String, String> mine, Map<String, String> theirs) {
        Set<String> keys = new TreeSet<>(mine.keySet());
        keys.addAll(theirs.keySet());
        StringBuilder b = new StringBuilder();
        for (String key : keys) {
            if (key.startsWith(SharedStore.CREATOR_PREFIX)) {
                continue;
            }
            String a = mine.get(key);
            String t = theirs.get(key);
            if (a == null ? t != null : !a.equals(t)) {
                b.append("\n  ").append(key).append(": this process has ").append(a == null ? "(none)" : "'" + a + "'")
                        .append(", the existing cache has ").append(t == null ? "(none)" : "'" + t + "'");
            }
        }
        return b.toString();
    }
}
