package dev.flopcal.reporting;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import dev.flopcal.core.AtomicFiles;

/**
 * A report file rendered in memory and not yet written. Reports are rendered completely before the first byte
 * reaches the disk, so bad input or a rendering failure writes nothing, and each file is then written atomically
 * (temporary file, forced to disk, renamed over the target), so a reader never sees half a chart.
 *
 * @param name  file name, no directory part, e.g. "roofline-ID.png"
 * @param bytes the complete content
 */
public record OutputFile(String name, byte[] bytes) {

    public OutputFile {
        if (name == null || name.isEmpty() || name.contains("/") || name.contains("\\") || name.equals("..")
                || name.startsWith(".")) {
            throw new IllegalArgumentException("report file name '" + name + "' must be a plain file name");
        }
        bytes = bytes.clone();
    }

    /** A UTF-8 text file. */
    public static OutputFile text(String name, String text) {
        return new OutputFile(name, text.getBytes(StandardCharsets.UTF_8));
    }

    /** A copy of the content. */
    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    /** Equal when name and content are. */
    @Override
    public boolean equals(Object o) {
        return o instanceof OutputFile f && f.name.equals(name) && Arrays.equals(f.bytes, bytes);
    }

    @Override
    public int hashCode() {
        return 31 * name.hashCode() + Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return "OutputFile[" + name + ", " + bytes.length + " bytes]";
    }

    /** Content length in bytes. */
    public int size() {
        return bytes.length;
    }

    /** Writes this file atomically into {@code dir}, creating it; returns the path written. */
    public Path writeTo(Path dir) throws IOException {
        Path target = dir.resolve(name);
        AtomicFiles.write(target, bytes);
        return target;
    }

    /**
     * Writes files atomically into {@code dir}, creating it, in order; returns the paths written. When one fails
     * the ones before it are complete and no temporary file remains.
     */
    public static List<Path> writeAll(List<OutputFile> files, Path dir) throws IOException {
        List<Path> written = new ArrayList<>();
        for (OutputFile f : files) {
            written.add(f.writeTo(dir));
        }
        return written;
    }
}
