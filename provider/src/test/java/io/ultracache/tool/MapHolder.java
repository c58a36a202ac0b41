package io.ultracache.tool;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A live process that has a segment file mapped without being attached to its store (as a
 * monitoring tool or a process in the middle of opening it would). Holds the mapping until its
 * stdin closes.
 */
public final class MapHolder {
    static MappedByteBuffer held;

    public static void main(String[] args) throws Exception {
        try (FileChannel channel = FileChannel.open(Path.of(args[0]), StandardOpenOption.READ)) {
            held = channel.map(FileChannel.MapMode.READ_ONLY, 0, channel.size());
        }
        System.out.println("MAPPED " + held.capacity());
        new BufferedReader(new InputStreamReader(System.in)).readLine();
    }
}
