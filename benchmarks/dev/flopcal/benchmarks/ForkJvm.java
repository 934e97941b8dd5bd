package dev.flopcal.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * The JVM options every harness's JVM needs, read from the class-path resource {@value #RESOURCE}, where they are
 * defined once for the launcher, the build's tests, the JMH forks and the JVMs the calibration starts: the Vector API
 * module, native access for the FFM reference, and no warning for JMH's own use of {@code sun.misc.Unsafe} on
 * JDK 25. Annotation values must be compile-time constants, so the harnesses' {@code @Fork} annotations cannot name
 * them: whoever runs a harness passes them ({@code measurement.JmhStep} as JMH's {@code jvmArgsAppend}; by hand,
 * {@code java @src/main/resources/dev/flopcal/jvm.options}, which the forks inherit).
 */
public final class ForkJvm {
    /** Class-path location of the options file: one option per line, {@code #} starts a comment. */
    public static final String RESOURCE = "/dev/flopcal/jvm.options";

    private static final List<String> OPTIONS = read();

    private ForkJvm() {
    }

    /** The options, in file order, e.g. {@code --add-modules=jdk.incubator.vector}. */
    public static List<String> options() {
        return OPTIONS;
    }

    /**
     * The options in an options file's text, read as {@code java} reads an @argument file of plain words: a
     * {@code #} comments out the rest of its line, whitespace separates options.
     */
    static List<String> parse(String text) {
        return text.lines().map(l -> l.replaceFirst("#.*", "")).flatMap(l -> Arrays.stream(l.trim().split("\\s+")))
                .filter(o -> !o.isEmpty()).toList();
    }

    private static List<String> read() {
        try (InputStream in = ForkJvm.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IOException(RESOURCE + " is not on the class path");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the JVM options: " + e.getMessage(), e);
        }
    }
}
