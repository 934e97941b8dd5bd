package dev.flopcal.measurement;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/** What the JVMs the calibration starts for itself ({@link StepJvm}, {@link GapJvm}) have in common. */
final class ChildJvm {
    /** Options the harnesses need (their {@code @Fork(jvmArgsAppend)}), added when not inherited. */
    static final List<String> HARNESS_OPTIONS = List.of("--add-modules=jdk.incubator.vector",
            "--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow");

    private ChildJvm() {
    }

    /**
     * The command line up to the main class's arguments: this JVM's {@code java} and options, the harness options it
     * lacks, {@code extraOptions}, this class path and {@code main}.
     */
    static List<String> command(List<String> extraOptions, Class<?> main) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> inherited = ManagementFactory.getRuntimeMXBean().getInputArguments();
        command.addAll(inherited);
        for (String option : HARNESS_OPTIONS) {
            String name = option.substring(0, option.indexOf('='));
            if (inherited.stream().noneMatch(a -> a.startsWith(name))) {
                command.add(option);
            }
        }
        command.addAll(extraOptions);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(main.getName());
        return command;
    }

    /**
     * In the started JVM: halts it with {@code status} once its standard input ends. The parent never writes to it,
     * so the end of input means the parent is gone, and the child does not outlive the calibration.
     */
    static void exitWhenParentGone(String threadName, int status) {
        Thread watch = new Thread(() -> {
            try {
                while (System.in.read() >= 0) {
                    // nothing is ever written; keep reading until the end
                }
            } catch (IOException e) {
                // treated as the end of input
            }
            Runtime.getRuntime().halt(status);
        }, threadName);
        watch.setDaemon(true);
        watch.start();
    }

    /** Text as one protocol field: UTF-8 in Base64, so it holds no spaces or line breaks. */
    static String encodeText(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /** The text of a field written by {@link #encodeText}. */
    static String decodeText(String base64) {
        return new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
    }
}
