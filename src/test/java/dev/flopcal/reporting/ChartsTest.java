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
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.w3c.dom.Document;

import dev.flopcal.core.InvalidInputException;
import dev.flopcal.core.Precision;
import dev.flopcal.fitting.Hockney;
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
                assertEquals(Charts.HEIGHT * Charts.PNG_SCALE, image.getHeight(), p.toString());
                assertTrue(image.getWidth() >= Charts.WIDTH * Charts.PNG_SCALE, p.toString());
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
    void sizeChartPlotsTheSamplesAndTheFittedCurveFromTheProfile() {
        XYChart chart = Charts.throughputVsSize(TestProfiles.cpu(), List.of(Precision.FP64, Precision.FP32)).orElseThrow();
        Map<String, XYSeries> series = chart.getSeriesMap();
        XYSeries measured = series.get("fp32 measured");
        // GFLOP/s: the largest sample is below 1000 GFLOP/s
        double[] expected = Arrays.stream(TestProfiles.SIZES)
                .mapToDouble(n -> Hockney.rate(n, 180e9, 150) / 1e9).toArray();
        assertArrayEquals(expected, measured.getYData(), 1e-9);
        assertEquals(TestProfiles.SIZES.length, measured.getXData().length, "only the largest thread count");
        assertTrue(chart.getStyler().getYAxisMin() == 0.0);

        XYSeries fit = series.values().stream().filter(s -> s.getName().startsWith("fp32 fit")).findFirst().orElseThrow();
        assertTrue(fit.getName().contains("r∞ 180.0 GFLOP/s") && fit.getName().contains("n½ 150"), fit.getName());
        double[] x = fit.getXData(), y = fit.getYData();
        for (int i = 0; i < x.length; i++) {
            assertEquals(Hockney.rate(Math.pow(2, x[i]), 180e9, 150) / 1e9, y[i], 1e-9);
        }
        assertEquals(7, x[0], 1e-12, "the curve starts at the smallest size, log2(128)");
        assertEquals(10, x[x.length - 1], 1e-12, "and ends at the largest, log2(1024)");
        assertTrue(chart.getYAxisTitle().contains("GFLOP/s"), chart.getYAxisTitle());
        assertTrue(chart.getTitle().contains(TestProfiles.CPU_NAME) && chart.getTitle().contains("2 threads"));
    }

    @Test
    void rooflineDrawsEachMemoryLevelUnderTheTopCeilingAndMarksTheRidgePoints() {
        XYChart chart = Charts.roofline(TestProfiles.cpu()).orElseThrow();
        Map<String, XYSeries> series = chart.getSeriesMap();
        double logTop = Math.log10(241.5);
        XYSeries dram = series.get("DRAM 24.43 GB/s");
        double[] x = dram.getXData(), y = dram.getYData();
        assertEquals(3, x.length, "rises, bends at the ridge, runs flat");
        assertEquals(Math.log10(241.5e9 / 24.43e9), x[1], 1e-12);
        assertEquals(logTop, y[1], 1e-12);
        assertEquals(logTop, y[2], 1e-12);
        assertEquals(Math.log10(24.43) + x[0], y[0], 1e-12, "bandwidth × intensity below the ridge");
        for (String level : List.of("L1 130.4 GB/s", "L2 108.4 GB/s", "L3 49.80 GB/s")) {
            assertTrue(series.containsKey(level), level);
        }
        assertArrayEquals(new double[] {Math.log10(141.7), Math.log10(141.7)},
                series.get("fp64 FMA ceiling 141.7 GFLOP/s").getYData(), 1e-12);
        XYSeries ridges = series.values().stream().filter(s -> s.getName().startsWith("ridge point")).findFirst()
                .orElseThrow();
        assertArrayEquals(new double[] {Math.log10(241.5e9 / 24.43e9), Math.log10(141.7e9 / 24.43e9)},
                ridges.getXData(), 1e-12);
        assertTrue(chart.getXAxisTitle().contains("FLOP per byte"));
    }

    @Test
    void comparisonBarsRiseToTheNominalAndAchievedFiguresOnALogAxis() {
        XYChart chart = Charts.achievedVsNominal(profiles, List.of());
        Map<String, XYSeries> series = chart.getSeriesMap();
        // rows: cpu fp64, cpu fp32, gpu bf16, gpu fp16, gpu int8, tpu bf16
        assertEquals(Math.log10(396e12), top(series.get("achieved 2")), 1e-12);
        assertEquals(Math.log10(989.4e12), top(series.get("nominal 2")), 1e-12);
        assertFalse(series.containsKey("achieved 5"), "nominal only: no achieved bar");
        assertEquals(Math.log10(459e12), top(series.get("nominal 5")), 1e-12);
        assertEquals(Math.log10(396e12 + 44.5e12), top(series.get("error 2")), 1e-12);
        assertTrue(chart.getYAxisTitle().contains("log scale") && chart.getYAxisTitle().contains("op/s for int8"));
        double bottom = series.get("nominal 0").getYData()[0];
        assertEquals(Math.rint(bottom), bottom, "bars rise from a whole decade");
        assertTrue(bottom < Math.log10(TestProfiles.cpu().precisions().get("fp64").achievedFlops()));

        XYChart bf16 = Charts.achievedVsNominal(profiles, List.of(Precision.BF16));
        assertFalse(bf16.getSeriesMap().containsKey("nominal 2"), "two rows only");
        assertThrows(InvalidInputException.class, () -> Charts.achievedVsNominal(profiles, List.of(Precision.FP8)));
    }

    private static double top(XYSeries bar) {
        return bar.getYData()[1];
    }

    @Test
    void profilesWithoutSamplesOrRooflineGetNeitherChart() {
        assertTrue(Charts.throughputVsSize(TestProfiles.gpu(), Set.of(Precision.values())).isEmpty());
        assertTrue(Charts.roofline(TestProfiles.gpu()).isEmpty());
        assertTrue(Charts.throughputVsSize(TestProfiles.cpu(), List.of(Precision.BF16)).isEmpty());
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

    @Test
    void tickLabelsAndScales() {
        assertEquals("100 G", Charts.si(1e11));
        assertEquals("2.5 T", Charts.si(2.5e12));
        assertEquals("10", Charts.si(10));
        assertEquals("0.1", Charts.plain(0.1));
        assertEquals("150", Charts.plain(150));
        assertEquals("Intel Xeon Platinum 8480+", Charts.shortName("Intel(R) Xeon(R) Platinum 8480+ CPU"));
        assertEquals("Test, 2 cores", Charts.shortName("Test CPU, 2 cores"));
        assertEquals("G", Charts.Scale.of(999e9).prefix());
        assertEquals("T", Charts.Scale.of(1e12).prefix());
    }
}
