package dev.flopcal.reporting;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import javax.imageio.ImageIO;

import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.internal.chartpart.Chart;

/**
 * Charts as files: each chart as PNG (at {@link #PNG_SCALE}× its size, for high-density screens) and SVG, encoded
 * in memory so that nothing is written before every chart has rendered, then written atomically (see
 * {@link OutputFile}).
 */
public final class ChartFiles {
    static {
        ChartStyle.headless();
    }

    /** PNG pixels per chart unit. */
    public static final int PNG_SCALE = 2;

    private ChartFiles() {
    }

    /**
     * A chart as {@code baseName.png} and {@code baseName.svg}, in memory.
     *
     * @throws UncheckedIOException if an encoder fails (they write to memory, so only on a library fault)
     */
    public static List<OutputFile> encode(Chart<?, ?> chart, String baseName) {
        return List.of(new OutputFile(baseName + ".png", png(chart)), new OutputFile(baseName + ".svg", svg(chart)));
    }

    static byte[] png(Chart<?, ?> chart) {
        BufferedImage image = new BufferedImage(chart.getWidth() * PNG_SCALE, chart.getHeight() * PNG_SCALE,
                BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.scale(PNG_SCALE, PNG_SCALE);
            chart.paint(g, chart.getWidth(), chart.getHeight());
        } finally {
            g.dispose();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, "png", out)) {
                throw new IllegalStateException("no PNG writer in this JDK");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode PNG: " + e.getMessage(), e);
        }
        return out.toByteArray();
    }

    static byte[] svg(Chart<?, ?> chart) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            VectorGraphicsEncoder.saveVectorGraphic(chart, out, VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode SVG: " + e.getMessage(), e);
        }
        return out.toByteArray();
    }

    /**
     * Makes {@code charts} the only charts in {@code dir}: writes each atomically (creating {@code dir}), then
     * removes every other .png and .svg there, e.g. the charts of a profile no longer published. Other files stay.
     */
    public static void replaceAll(List<OutputFile> charts, Path dir) throws IOException {
        Set<String> keep = new HashSet<>();
        for (OutputFile f : charts) {
            f.writeTo(dir);
            keep.add(f.name());
        }
        if (Files.isDirectory(dir)) {
            try (Stream<Path> old = Files.list(dir)) {
                for (Path f : old.toList()) {
                    String n = f.getFileName().toString();
                    if ((n.endsWith(".png") || n.endsWith(".svg")) && !keep.contains(n)) {
                        Files.deleteIfExists(f);
                    }
                }
            }
        }
    }
}
