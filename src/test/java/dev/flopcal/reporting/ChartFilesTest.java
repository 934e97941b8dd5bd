package dev.flopcal.reporting;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChartFilesTest {
    @TempDir
    Path dir;

    @Test
    void replacingChartsRemovesChartsOfProfilesNoLongerPublishedAndKeepsOtherFiles() throws IOException {
        Files.writeString(dir.resolve("roofline-gone.png"), "old");
        Files.writeString(dir.resolve("roofline-gone.svg"), "old");
        Files.writeString(dir.resolve("kept.png"), "old");
        Files.writeString(dir.resolve("notes.txt"), "not a chart");

        ChartFiles.replaceAll(List.of(OutputFile.text("kept.png", "new"), OutputFile.text("kept.svg", "new")), dir);

        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of("kept.png", "kept.svg", "notes.txt"),
                    files.map(p -> p.getFileName().toString()).sorted().toList());
        }
        assertEquals("new", Files.readString(dir.resolve("kept.png")));
        assertEquals("not a chart", Files.readString(dir.resolve("notes.txt")));
    }

    @Test
    void replacingChartsCreatesTheDirectory() throws IOException {
        Path charts = dir.resolve("results/charts");
        ChartFiles.replaceAll(List.of(OutputFile.text("a.svg", "<svg/>")), charts);
        assertEquals("<svg/>", Files.readString(charts.resolve("a.svg")));
    }
}
