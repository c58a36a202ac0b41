package io.ultracache.shm;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The directory that holds segment files, and the one place that creates, maps and removes them.
 *
 * <p>Files are created readable and writable by their owner only. Every block of a new file is
 * written before the file is mapped: tmpfs allocates pages lazily, and a store into a mapped page
 * it cannot back kills the JVM with SIGBUS, so running out of space must surface here, at
 * creation, as a {@link SegmentSpaceException}.
 */
public final class SegmentDirectory {
    /** Largest segment the {@link MappedSegment} implementation can map. */
    public static final long MAX_SEGMENT_SIZE = Integer.MAX_VALUE & ~4095L;

    private static final int ZERO_CHUNK = 1 << 20;
    /** Zeros written into new files; shared (read-only, each writer takes its own duplicate), as every generation creates files. */
    private static final ByteBuffer ZEROS = ByteBuffer.allocateDirect(ZERO_CHUNK).asReadOnlyBuffer();
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OWNER_ONLY_DIR = PosixFilePermissions.fromString("rwx------");

    private final Path path;
    private final boolean posix;

    private SegmentDirectory(Path path) {
        this.path = path;
        this.posix = path.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    /** System property that overrides the default segment directory for the whole JVM. */
    public static final String DIRECTORY_PROPERTY = "ultracache.directory";

    /**
     * The directory segments live in unless configured: the system property
     * {@value #DIRECTORY_PROPERTY} if set, else {@code /dev/shm} where it exists and is writable
     * (Linux), else the temporary directory.
     */
    public static Path defaultPath() {
        String configured = System.getProperty(DIRECTORY_PROPERTY);
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        Path shm = Path.of("/dev/shm");
        if (Files.isDirectory(shm) && Files.isWritable(shm)) {
            return shm;
        }
        return Path.of(System.getProperty("java.io.tmpdir"));
    }

    /** Opens (creating it, owner-only, if missing) a segment directory. */
    public static SegmentDirectory of(Path path) {
        Path dir = path.toAbsolutePath().normalize();
        if (!Files.isDirectory(dir)) {
            try {
                if (dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                    Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(OWNER_ONLY_DIR));
                } else {
                    Files.createDirectories(dir);
                }
            } catch (IOException e) {
                throw new SegmentException("cannot create segment directory " + dir + ": " + e
                        + "; create it or configure another directory", e);
            }
        }
        return new SegmentDirectory(dir);
    }

    public Path path() {
        return path;
    }

    public Path resolve(String fileName) {
        checkFileName(fileName);
        return path.resolve(fileName);
    }

    /** Segment file names are produced by {@link SegmentNames}; anything else is refused. */
    private static void checkFileName(String fileName) {
        if (fileName.isEmpty() || fileName.contains("/") || fileName.contains("\\")
                || fileName.equals(".") || fileName.equals("..") || fileName.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("not a plain segment file name: '" + fileName + "'");
        }
    }

    private FileAttribute<?>[] ownerOnly() {
        return posix ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_ONLY)} : new FileAttribute<?>[0];
    }

    private static void checkSize(String fileName, long size) {
        if (size <= 0 || size > MAX_SEGMENT_SIZE) {
            throw new SegmentException("segment '" + fileName + "' would need " + size
                    + " bytes; a segment holds at most " + MAX_SEGMENT_SIZE
                    + " bytes on this JVM; store fewer or smaller entries");
        }
    }

    /**
     * Creates a new file of {@code size} zero bytes under a temporary name, lets {@code init}
     * fill it through a writable mapping, and then makes it appear under {@code fileName} in one
     * step, so other processes never see it half-initialized.
     *
     * @return the mapped segment, or null if a file named {@code fileName} already exists (another
     *         process won the race; open that one instead)
     */
    public Segment createInitialized(String fileName, long size, Consumer<Segment> init) {
        Path target = resolve(fileName);
        Path temp = resolve("." + fileName + ".tmp-" + ProcessHandle.current().pid() + "-" + System.nanoTime());
        Segment segment = createZeroed(temp, fileName, size);
        try {
            init.accept(segment);
            Files.createLink(target, temp);
            return segment;
        } catch (FileAlreadyExistsException e) {
            segment.close();
            return null;
        } catch (IOException e) {
            segment.close();
            throw new SegmentException("cannot publish segment " + target + ": " + e, e);
        } catch (RuntimeException | Error e) {
            segment.close();
            throw e;
        } finally {
            deleteQuietly(temp);
        }
    }

    /**
     * Creates {@code fileName} afresh (replacing a leftover of the same name), {@code size} zero
     * bytes, mapped writable.
     */
    public Segment createReplacing(String fileName, long size) {
        Path file = resolve(fileName);
        deleteQuietly(file);
        return createZeroed(file, fileName, size);
    }

    private Segment createZeroed(Path file, String fileName, long size) {
        checkSize(fileName, size);
        Set<StandardOpenOption> options = EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.READ, StandardOpenOption.WRITE);
        try (FileChannel channel = FileChannel.open(file, options, ownerOnly())) {
            try {
                writeZeros(channel, size);
                return new MappedSegment(FileMapper.map(channel, FileChannel.MapMode.READ_WRITE, size), true);
            } catch (IOException | RuntimeException e) {
                deleteQuietly(file);
                throw e;
            }
        } catch (IOException e) {
            throw ioFailure("create", file, size, e);
        }
    }

    /** Opens a file for writing a segment's contents with channel writes; see {@link SegmentFileWriter}. */
    public SegmentFileWriter createForWriting(String fileName) {
        Path file = resolve(fileName);
        deleteQuietly(file);
        Set<StandardOpenOption> options = EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.READ, StandardOpenOption.WRITE);
        try {
            return new SegmentFileWriter(this, file, FileChannel.open(file, options, ownerOnly()));
        } catch (IOException e) {
            throw ioFailure("create", file, 0, e);
        }
    }

    /**
     * Maps an existing segment file.
     *
     * @throws SegmentMissingException if there is no such file
     */
    public Segment open(String fileName, boolean writable) {
        Path file = resolve(fileName);
        Set<StandardOpenOption> options = writable
                ? EnumSet.of(StandardOpenOption.READ, StandardOpenOption.WRITE)
                : EnumSet.of(StandardOpenOption.READ);
        try (FileChannel channel = FileChannel.open(file, options)) {
            long size = channel.size();
            if (size == 0 || size > MAX_SEGMENT_SIZE) {
                throw new SegmentFormatException("segment file " + file + " has " + size
                        + " bytes, which no UltraCache segment has; it is foreign or damaged: remove it"
                        + " (ultracache unlink, or delete the file) once no process uses it");
            }
            return new MappedSegment(FileMapper.map(channel, writable ? FileChannel.MapMode.READ_WRITE : FileChannel.MapMode.READ_ONLY, size), writable);
        } catch (NoSuchFileException e) {
            throw new SegmentMissingException("segment file " + file + " does not exist", e);
        } catch (IOException e) {
            throw ioFailure("open", file, 0, e);
        }
    }

    public boolean exists(String fileName) {
        return Files.exists(resolve(fileName));
    }

    /** Removes a segment file; processes that mapped it keep their mapping. Returns whether it existed. */
    public boolean unlink(String fileName) {
        try {
            return Files.deleteIfExists(resolve(fileName));
        } catch (IOException e) {
            throw new SegmentException("cannot remove segment file " + resolve(fileName) + ": " + e, e);
        }
    }

    /** Names of the files in this directory that start with {@code prefix}. */
    public List<String> list(String prefix) {
        List<String> names = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(path)) {
            for (Path p : stream) {
                String name = p.getFileName().toString();
                if (name.startsWith(prefix)) {
                    names.add(name);
                }
            }
        } catch (IOException e) {
            throw new SegmentException("cannot list segment directory " + path + ": " + e, e);
        }
        return names;
    }

    static void writeZeros(FileChannel channel, long size) throws IOException {
        writeZerosAt(channel, 0, size);
    }

    static void writeZerosAt(FileChannel channel, long offset, long count) throws IOException {
        if (count <= 0) {
            return;
        }
        ByteBuffer zeros = ZEROS.duplicate();
        long written = 0;
        while (written < count) {
            zeros.clear();
            zeros.limit((int) Math.min(zeros.capacity(), count - written));
            written += channel.write(zeros, offset + written);
        }
    }

    SegmentException ioFailure(String what, Path file, long size, IOException e) {
        String message = String.valueOf(e.getMessage());
        if (message.contains("No space left") || message.contains("Disk quota")) {
            return new SegmentSpaceException("no room in " + path + " for segment " + file.getFileName()
                    + (size > 0 ? " of " + size + " bytes" : "") + " (" + message + "); free space there"
                    + " (see df -h " + path + "), remove stale caches (ultracache cleanup), or configure"
                    + " another directory; the cache is unchanged", e);
        }
        if (e instanceof FileAlreadyExistsException) {
            return new SegmentException("segment file " + file + " already exists", e);
        }
        return new SegmentException("cannot " + what + " segment file " + file + ": " + e, e);
    }

    static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // best effort: a leftover temporary file is removed by the cleanup command
        }
    }
}
