package io.ultracache.shm;

import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.ref.Cleaner;
import java.lang.reflect.Field;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;

/**
 * Maps segment files so that a mapping can be released at once rather than when the garbage
 * collector finds its buffer unreachable. A removed file's pages stay in memory, and count against
 * {@code /dev/shm}, as long as any process maps them: a store that starts a new generation every
 * second would otherwise pile up the files of retired generations until the next collection, which
 * a process that allocates little may not have for minutes (seen here: 35 generations, 1.4 GB of
 * removed files still mapped, no collection).
 *
 * <ul>
 *   <li>Java 22 and later: each mapping belongs to its own shared {@code java.lang.foreign.Arena};
 *   closing the arena unmaps, and a thread that still touches the memory gets an
 *   {@code IllegalStateException}, never freed memory. A shared arena is never closed by the
 *   collector, so a mapping nobody released is closed by a {@link Cleaner} once it is
 *   unreachable, as a plain {@code MappedByteBuffer} would be.</li>
 *   <li>Java 17 to 21: a plain {@code FileChannel.map}, released through
 *   {@code sun.misc.Unsafe.invokeCleaner} (module {@code jdk.unsupported}, no flags needed). A
 *   touch after the release would crash the JVM, so callers release only what no thread can reach
 *   any more (the store counts the readers of each generation).</li>
 *   <li>Neither available: {@link #release} does nothing and the collector frees the mapping.</li>
 * </ul>
 * Both are reached through method handles, so the provider compiles for Java 17 and uses on each
 * JDK what it has. (Unsafe is not used on Java 22 and later, where it prints a deprecation warning.)
 */
final class FileMapper {
    private static final System.Logger LOG = System.getLogger(FileMapper.class.getName());
    private static final Strategy STRATEGY = Strategy.detect();

    private FileMapper() {
    }

    /** Closes the arenas of mappings that became unreachable unreleased; its thread starts with the first. */
    private static final class Unreleased {
        static final Cleaner CLEANER = Cleaner.create();
    }

    /** A mapped region and what releases it (at most once). */
    static final class Mapping {
        final MappedByteBuffer buffer;
        private Runnable releaser = () -> { };
        private boolean released;

        private Mapping(MappedByteBuffer buffer) {
            this.buffer = buffer;
        }
    }

    static Mapping map(FileChannel channel, FileChannel.MapMode mode, long size) throws IOException {
        return STRATEGY.map(channel, mode, size);
    }

    /** Unmaps now (see the class comment for what the caller must make sure of). Idempotent per mapping. */
    static void release(Mapping mapping) {
        synchronized (mapping) {
            if (mapping.released) {
                return;
            }
            mapping.released = true;
        }
        try {
            mapping.releaser.run();
        } catch (RuntimeException | Error e) {
            LOG.log(System.Logger.Level.WARNING, "could not unmap a segment: " + e);
        }
    }

    /** How mappings are made and released on this JDK. */
    private static final class Strategy {
        private final MethodHandle openArena;
        private final MethodHandle mapInArena;
        private final MethodHandle asByteBuffer;
        private final MethodHandle closeArena;
        private final MethodHandle invokeCleaner;

        private Strategy(MethodHandle openArena, MethodHandle mapInArena, MethodHandle asByteBuffer,
                         MethodHandle closeArena, MethodHandle invokeCleaner) {
            this.openArena = openArena;
            this.mapInArena = mapInArena;
            this.asByteBuffer = asByteBuffer;
            this.closeArena = closeArena;
            this.invokeCleaner = invokeCleaner;
        }

        static Strategy detect() {
            MethodHandles.Lookup lookup = MethodHandles.publicLookup();
            if (Runtime.version().feature() >= 22) {
                try {
                    Class<?> arena = Class.forName("java.lang.foreign.Arena");
                    Class<?> memorySegment = Class.forName("java.lang.foreign.MemorySegment");
                    return new Strategy(
                            lookup.findStatic(arena, "ofShared", MethodType.methodType(arena)),
                            lookup.findVirtual(FileChannel.class, "map", MethodType.methodType(memorySegment,
                                    FileChannel.MapMode.class, long.class, long.class, arena)),
                            lookup.findVirtual(memorySegment, "asByteBuffer", MethodType.methodType(ByteBuffer.class)),
                            lookup.findVirtual(arena, "close", MethodType.methodType(void.class)),
                            null);
                } catch (ReflectiveOperationException | RuntimeException e) {
                    LOG.log(System.Logger.Level.DEBUG, "java.lang.foreign mapping unavailable: " + e);
                    return new Strategy(null, null, null, null, null);
                }
            }
            try {
                Class<?> unsafeClass = Class.forName("sun.misc.Unsafe");
                Field field = unsafeClass.getDeclaredField("theUnsafe");
                field.setAccessible(true);
                MethodHandle cleaner = lookup.findVirtual(unsafeClass, "invokeCleaner", MethodType.methodType(void.class, ByteBuffer.class))
                        .bindTo(field.get(null));
                return new Strategy(null, null, null, null, cleaner);
            } catch (ReflectiveOperationException | RuntimeException e) {
                LOG.log(System.Logger.Level.DEBUG, "sun.misc.Unsafe.invokeCleaner unavailable: " + e);
                return new Strategy(null, null, null, null, null);
            }
        }

        Mapping map(FileChannel channel, FileChannel.MapMode mode, long size) throws IOException {
            if (openArena == null) {
                MappedByteBuffer buffer = channel.map(mode, 0, size);
                Mapping mapping = new Mapping(buffer);
                if (invokeCleaner != null) {
                    mapping.releaser = () -> call(() -> invokeCleaner.invoke((ByteBuffer) buffer));
                }
                return mapping;
            }
            Object arena = invoke(() -> openArena.invoke());
            Runnable closer = () -> call(() -> closeArena.invoke(arena));
            MappedByteBuffer buffer;
            try {
                Object segment = invoke(() -> mapInArena.invoke(channel, mode, 0L, size, arena));
                buffer = (MappedByteBuffer) invoke(() -> asByteBuffer.invoke(segment));
            } catch (IOException | RuntimeException | Error e) {
                closer.run();
                throw e;
            }
            Mapping mapping = new Mapping(buffer);
            mapping.releaser = Unreleased.CLEANER.register(buffer, closer)::clean; // on the buffer, which every access goes through
            return mapping;
        }

        private static void call(Call call) {
            try {
                invoke(call);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }

        private interface Call {
            Object call() throws Throwable;
        }

        private static Object invoke(Call call) throws IOException {
            try {
                return call.call();
            } catch (IOException | RuntimeException | Error e) {
                throw e;
            } catch (Throwable e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
