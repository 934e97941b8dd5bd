package dev.flopcal.reporting;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutputFileTest {
    @TempDir
    Path dir;

    @Test
    void writesEveryFileCompleteIntoTheDirectory() throws IOException {
        Path out = dir.resolve("new/charts");
        List<Path> written = OutputFile.writeAll(List.of(OutputFile.text("a.txt", "alpha"),
                new OutputFile("b.bin", new byte[] {1, 2, 3})), out);
        assertEquals(List.of(out.resolve("a.txt"), out.resolve("b.bin")), written);
        assertEquals("alpha", Files.readString(out.resolve("a.txt")));
        assertArrayEquals(new byte[] {1, 2, 3}, Files.readAllBytes(out.resolve("b.bin")));
    }

    @Test
    void aFailedWriteLeavesTheEarlierFilesCompleteAndNoTemporaryFile() throws IOException {
        // a non-empty directory where the second file should go: the rename over it fails
        Files.createDirectories(dir.resolve("second.txt"));
        Files.writeString(dir.resolve("second.txt").resolve("keep"), "x");
        assertThrows(IOException.class, () -> OutputFile.writeAll(List.of(OutputFile.text("first.txt", "one"),
                OutputFile.text("second.txt", "two"), OutputFile.text("third.txt", "three")), dir));
        assertEquals("one", Files.readString(dir.resolve("first.txt")));
        assertEquals(false, Files.exists(dir.resolve("third.txt")));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(), files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(".")).toList(),
                    "no temporary file remains");
        }
    }

    @Test
    void namesArePlainFileNames() {
        for (String bad : new String[] {"", "../x.png", "a/b.png", ".hidden", ".."}) {
            assertThrows(IllegalArgumentException.class, () -> OutputFile.text(bad, ""), bad);
        }
    }

    @Test
    void contentIsCopiedInAndOut() {
        byte[] bytes = {7};
        OutputFile f = new OutputFile("f", bytes);
        bytes[0] = 8;
        assertEquals(7, f.bytes()[0]);
        f.bytes()[0] = 9;
        assertEquals(7, f.bytes()[0]);
        assertEquals(new OutputFile("f", new byte[] {7}), f);
    }
}
