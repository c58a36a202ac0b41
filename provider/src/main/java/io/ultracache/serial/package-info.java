/**
 * How keys and values become bytes in shared memory, and back.
 *
 * <h2>Choosing a serializer</h2>
 * By name, through {@link io.ultracache.serial.Serializers#byName(String, ClassLoader, java.util.Map)}
 * (the cache manager and the caches pass their configured name and properties):
 * <ul>
 *   <li>{@code standard} (the default) and its synonym {@code jdk}: the built-in codecs, then Java
 *   serialization for {@link java.io.Serializable} types. Needs nothing; works on a plain JVM.</li>
 *   <li>{@code fst}: the built-in codecs, then FST. Needs {@code de.ruedigermoeller:fst:3.0.4-jdk17}
 *   on the class path and these JVM options
 *   ({@link io.ultracache.serial.FstSerializer#REQUIRED_JVM_OPTIONS}):
 *   <pre>
 * --add-opens=java.base/java.lang=ALL-UNNAMED
 * --add-opens=java.base/java.util=ALL-UNNAMED
 * --add-opens=java.base/java.util.concurrent=ALL-UNNAMED
 * --add-opens=java.base/java.math=ALL-UNNAMED
 * --add-opens=java.base/java.net=ALL-UNNAMED
 * --add-opens=java.base/java.text=ALL-UNNAMED
 * --add-opens=java.base/java.time=ALL-UNNAMED
 * --add-opens=java.sql/java.sql=ALL-UNNAMED</pre></li>
 *   <li>{@code fory}: the built-in codecs, then Apache Fory. Needs {@code org.apache.fory:fory-core}
 *   on the class path; no JVM options.</li>
 *   <li>the name of a class implementing {@link io.ultracache.serial.Serializer}: that serializer as
 *   it is.</li>
 * </ul>
 * Every process sharing a cache must use the same format: the serializer's
 * {@linkplain io.ultracache.serial.Serializer#id() id} (such as {@code standard/2+jdk/1}) is stored
 * with the cache, and a process with another id is refused when it opens it, with both ids named.
 *
 * <h2>Built-in codecs</h2>
 * Strings, boxed primitives, primitive arrays, UUID, BigInteger, BigDecimal, the java.time value
 * types and enum constants are written by {@link io.ultracache.serial.BuiltInCodec} (the byte layout
 * is drawn there) whatever the serializer: no reflection, no allocation when writing strings and
 * boxed numbers. Their encodings are deterministic, so they are safe keys: keys are compared by their
 * bytes. Other key types must serialize deterministically too (equal keys, equal bytes, in every
 * process): a plain Serializable class of strings and numbers does; a key holding a HashSet, say,
 * may not.
 *
 * <h2>Restricting what is read</h2>
 * Bytes in shared memory are input. The setting {@value io.ultracache.serial.ClassAllowList#PROPERTY}
 * (a cache manager's property, else the system property of that name) holds class patterns such as
 * {@code com.example.**}; JDK serialization, FST and Fory then refuse every other class, with an
 * error naming the class and the setting. See {@link io.ultracache.serial.ClassAllowList}.
 *
 * <h2>Sharing decoded values</h2>
 * Decoded strings, boxed primitives, big numbers, java.time values and enum constants are immutable
 * and may be handed to several readers of one process; arrays and user types are decoded afresh for
 * every read.
 */
package io.ultracache.serial;
