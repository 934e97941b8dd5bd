package dev.flopcal.reporting;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.GraphicsEnvironment;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

import dev.flopcal.core.Precision;
import dev.flopcal.profiles.Profile;
import dev.flopcal.profiles.ProfileIO;

class ChartsTest {
    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    @TempDir
    Path dir;

    private final List<Profile> profiles = List.of(TestProfiles.cpu(), TestProfiles.gpu(), TestProfiles.tpu());

    @Test
    void rendersSizeAndRooflineChartsForMeasuredProfilesAndOneComparisonAsPngAndSvg() throws Exception {
        Charts.Rendered rendered = Charts.render(profiles, List.of());
        assertEquals(List.of(), rendered.notes());
        assertEquals(Set.of("throughput-vs-size-cpu-test.png", "throughput-vs-size-cpu-test.svg",
                "roofline-cpu-test.png", "roofline-cpu-test.svg", "achieved-vs-nominal.png", "achieved-vs-nominal.svg"),
                rendered.files().stream().map(OutputFile::name).collect(Collectors.toSet()));
        assertTrue(GraphicsEnvironment.isHeadless(), "charts render headless");

        List<Path> written = OutputFile.writeAll(rendered.files(), dir);
        for (Path p : written) {
            byte[] bytes = Files.readAllBytes(p);
            if (p.toString().endsWith(".png")) {
                assertArrayEquals(PNG_SIGNATURE, Arrays.copyOf(bytes, 8), p + " is a PNG");
                BufferedImage image = ImageIO.read(new ByteArrayInputStream(bytes));
                assertEquals(ChartStyle.HEIGHT * ChartFiles.PNG_SCALE, image.getHeight(), p.toString());
                assertTrue(image.getWidth() >= ChartStyle.WIDTH * ChartFiles.PNG_SCALE, p.toString());
                assertTrue(distinctColours(image) > 8, p + " has content, not a blank canvas");
            } else {
                String svg = new String(bytes, StandardCharsets.UTF_8);
                assertTrue(svg.contains("<svg"), p.toString());
                DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
                f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
                Document doc = f.newDocumentBuilder().parse(new ByteArrayInputStream(bytes));
                assertEquals("svg", doc.getDocumentElement().getTagName());
                assertFalse(svg.contains("NaN"), p + " has no NaN coordinates");
            }
        }
    }

    /**
     * A real quick calibration on tiny sizes (64 and 96, as CI's smoke test runs it): the size axis spans less than
     * one power of two, so every tick but the ends is blank. XChart rejects an empty label, which once broke
     * {@code publish}.
     */
    @Test
    void rendersAProfileWhoseSizesSpanLessThanAPowerOfTwo() throws Exception {
        String json;
        try (var in = getClass().getResourceAsStream("/dev/flopcal/golden/quick-64-96.profile.json")) {
            json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Profile tiny = ProfileIO.parse("quick-64-96.profile.json", json);
        Charts.Rendered rendered = Charts.render(List.of(tiny), List.of());
        List<Path> written = OutputFile.writeAll(rendered.files(), dir);
        assertTrue(written.stream().anyMatch(p -> p.getFileName().toString().startsWith("throughput-vs-size-")),
                written.toString());
        for (Path p : written) {
            assertTrue(Files.size(p) > 1000, p.toString());
        }
    }

    private static int distinctColours(BufferedImage image) {
        Set<Integer> colours = new java.util.HashSet<>();
        for (int y = 0; y < image.getHeight(); y += 7) {
            for (int x = 0; x < image.getWidth(); x += 7) {
                colours.add(image.getRGB(x, y));
            }
        }
        return colours.size();
    }

    @Test
    void profilesWithoutSamplesOrRooflineGetNeitherChart() {
        assertTrue(ThroughputVsSizeChart.of(TestProfiles.gpu(), Set.of(Precision.values())).isEmpty());
        assertTrue(RooflineChart.of(TestProfiles.gpu()).isEmpty());
        assertTrue(ThroughputVsSizeChart.of(TestProfiles.cpu(), List.of(Precision.BF16)).isEmpty());
        Profile noRoofline = TestProfiles.cpu();
        noRoofline = new Profile(noRoofline.schemaVersion(), noRoofline.id(), noRoofline.device(), noRoofline.precisions(),
                null, null, null, noRoofline.notes(), noRoofline.provenance());
        Charts.Rendered r = Charts.render(List.of(noRoofline), List.of());
        assertTrue(r.notes().stream().anyMatch(n -> n.contains("no roofline")), r.notes().toString());
        assertEquals(4, r.files().size());
    }

    @Test
    void aFailedWriteLeavesNoHalfWrittenChart() throws IOException {
        Charts.Rendered rendered = Charts.render(List.of(TestProfiles.gpu()), List.of());
        Files.createDirectories(dir.resolve("achieved-vs-nominal.svg"));
        Files.writeString(dir.resolve("achieved-vs-nominal.svg").resolve("occupied"), "x");
        assertThrows(IOException.class, () -> OutputFile.writeAll(rendered.files(), dir));
        assertArrayEquals(PNG_SIGNATURE, Arrays.copyOf(Files.readAllBytes(dir.resolve("achieved-vs-nominal.png")), 8));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of("achieved-vs-nominal.png", "achieved-vs-nominal.svg"),
                    files.map(p -> p.getFileName().toString()).sorted().toList(), "no temporary file remains");
        }
    }
}
