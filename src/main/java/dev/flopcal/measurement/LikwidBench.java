package dev.flopcal.measurement;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.flopcal.hardware.Cpu;
import dev.flopcal.kernels.StreamKernel;

/**
 * likwid-bench, the micro-benchmark tool of the likwid suite, as the native reference of the bandwidth kernels: its
 * hand-written assembly kernels (load, store, copy, the STREAM triad) over the same working sets, on the same number of
 * threads, each pinned to one of the first CPUs, run as a process of its own right after the JVM's measurement of
 * the same sets. It counts bytes as STREAM does, and as {@link StreamKernel} does: 8 per load and per store.
 *
 * <p>Where it is missing, or does not run (it reads the machine's topology, which some containers hide), {@link #probe}
 * says why in one line and the calibration measures the JVM kernels alone.
 *
 * @param executable the likwid-bench found
 * @param version    its version, e.g. "5.2"
 * @param tests      the test run beside each kernel, e.g. TRIAD: "stream_avx512"
 * @param reason     why those tests, in words
 */
public record LikwidBench(String executable, String version, Map<StreamKernel, String> tests, String reason) {
    /** The benchmark name of its steps. */
    public static final String BENCHMARK = "likwid-bench";
    /** Longest a run may take before it is stopped and counted as failed. */
    static final long TIMEOUT_SECONDS = 120;
    /** likwid-bench's own minimum: with fewer iterations it normalises to 10. */
    static final long MIN_ITERATIONS = 10;
    private static final Pattern MBYTES = Pattern.compile("(?m)^MByte/s:\\s+([0-9.eE+-]+)");
    private static final Pattern SIZE = Pattern.compile("(?m)^Size \\(Byte\\):\\s+(\\d+)");
    private static final Pattern TIME = Pattern.compile("(?m)^Time:\\s+([0-9.eE+-]+)");
    private static final Pattern VERSION = Pattern.compile("Version\\s+([0-9][0-9.]*)");
    private static final Pattern TEST = Pattern.compile("(?m)^(\\w+) - ");

    public LikwidBench {
        tests = Map.copyOf(tests);
    }

    /** "likwid-bench 5.2". */
    public String tool() {
        return BENCHMARK + " " + version;
    }

    /**
     * What one run reported.
     *
     * @param bytesPerSecond its MByte/s × 10⁶ (likwid-bench's MB are 10⁶ bytes)
     * @param sizeBytes      the working set it used: the one asked for, rounded to its loop stride and threads
     * @param seconds        the time it measured
     */
    public record Result(double bytesPerSecond, long sizeBytes, double seconds) {
    }

    /** A run that did not produce a figure: the message is one line. */
    public static final class Failed extends Exception {
        Failed(String message) {
            super(message);
        }
    }

    /**
     * Finds likwid-bench on the PATH and checks that it runs here.
     *
     * @param onMissing receives, in one line, why there is no reference
     */
    public static Optional<LikwidBench> probe(Cpu cpu, Consumer<String> onMissing) {
        Optional<Path> found = onPath(System.getenv("PATH"));
        if (found.isEmpty()) {
            onMissing.accept("likwid-bench is not installed (Debian/Ubuntu: apt-get install likwid)");
            return Optional.empty();
        }
        return probe(found.get(), cpu, onMissing);
    }

    /**
     * Checks that {@code executable} is a likwid-bench that runs here: lists its tests, chooses one per kernel for the
     * CPU's vector width, and runs the triad's once on a small set.
     */
    static Optional<LikwidBench> probe(Path executable, Cpu cpu, Consumer<String> onMissing) {
        String exe = executable.toString();
        try {
            String help = run(List.of(exe, "-h"), 20).output();
            Matcher v = VERSION.matcher(help);
            String version = v.find() ? v.group(1) : "?";
            Set<String> available = tests(run(List.of(exe, "-a"), 20).output());
            Map<StreamKernel, String> tests = choose(available, cpu);
            if (tests.isEmpty()) {
                onMissing.accept(exe + " lists none of the load, store, copy and stream tests");
                return Optional.empty();
            }
            LikwidBench bench = new LikwidBench(exe, version, tests, reason(tests, cpu));
            String triad = tests.getOrDefault(StreamKernel.TRIAD, tests.values().iterator().next());
            bench.measure(bench.command(triad, 24 * 1024, 1, 100));
            return Optional.of(bench);
        } catch (Failed e) {
            onMissing.accept(e.getMessage());
            return Optional.empty();
        }
    }

    /** The first executable likwid-bench on a PATH-style list of directories. */
    static Optional<Path> onPath(String path) {
        if (path == null) {
            return Optional.empty();
        }
        return Arrays.stream(path.split(java.io.File.pathSeparator)).filter(d -> !d.isEmpty())
                .map(d -> Path.of(d, BENCHMARK)).filter(p -> Files.isRegularFile(p) && Files.isExecutable(p))
                .findFirst();
    }

    /** The test names of likwid-bench's {@code -a} listing ("copy_avx512 - Double-precision vector copy, ..."). */
    static Set<String> tests(String listing) {
        Set<String> out = new LinkedHashSet<>();
        Matcher m = TEST.matcher(listing);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    /**
     * One test per kernel: load, store, copy and stream (the STREAM triad, a separate multiply and add) in the widest
     * vector set the CPU has and likwid-bench lists (AVX-512, AVX, SSE, scalar), the plain variants (no non-temporal
     * stores, no FMA) that do what the JVM kernels do.
     */
    static Map<StreamKernel, String> choose(Set<String> available, Cpu cpu) {
        List<String> suffixes = new ArrayList<>();
        if (cpu.hasFlag("avx512f")) {
            suffixes.add("_avx512");
        }
        if (cpu.hasFlag("avx")) {
            suffixes.add("_avx");
        }
        if (cpu.hasFlag("sse2")) {
            suffixes.add("_sse");
        }
        suffixes.add("");
        Map<StreamKernel, String> names = Map.of(StreamKernel.READ, "load", StreamKernel.WRITE, "store",
                StreamKernel.COPY, "copy", StreamKernel.TRIAD, "stream");
        Map<StreamKernel, String> out = new EnumMap<>(StreamKernel.class);
        for (StreamKernel k : StreamKernel.values()) {
            suffixes.stream().map(s -> names.get(k) + s).filter(available::contains).findFirst()
                    .ifPresent(t -> out.put(k, t));
        }
        return out;
    }

    private static String reason(Map<StreamKernel, String> tests, Cpu cpu) {
        return "the widest vector tests this CPU supports (" + (cpu.hasFlag("avx512f") ? "avx512f" : cpu.hasFlag("avx")
                ? "avx" : "no AVX") + "): " + String.join(", ", tests.values())
                + "; byte counts as STREAM's, 8 per load and per store";
    }

    /**
     * The command of one run: the test over {@code workingSetBytes} in all (given in bytes, which likwid-bench
     * rounds to its loop stride and threads) on the first {@code threads} CPUs, {@code iterations} sweeps per thread,
     * or for at least a second when {@code iterations} is 0.
     */
    public List<String> command(String test, long workingSetBytes, int threads, long iterations) {
        List<String> c = new ArrayList<>(List.of(executable, "-t", test, "-w", "N:" + workingSetBytes + "B:" + threads));
        if (iterations > 0) {
            c.addAll(List.of("-i", Long.toString(iterations)));
        }
        return c;
    }

    /**
     * Sweeps per thread for a run of about {@code seconds} at {@code expectedBytesPerSecond} (the JVM's rate at the
     * same set): each sweep moves the whole working set once over all threads; at least {@value #MIN_ITERATIONS}; 0
     * (likwid-bench times itself for a second) where no rate is known. likwid-bench's own timing ({@code -s}) ran
     * 3 µs instead of 0.3 s on a 24 KiB set on the Zen 5 VM, and its figures came out 6 times too low.
     */
    public static long iterations(double expectedBytesPerSecond, long workingSetBytes, double seconds) {
        if (!(expectedBytesPerSecond > 0) || workingSetBytes <= 0) {
            return 0;
        }
        return Math.max(MIN_ITERATIONS, (long) Math.ceil(seconds * expectedBytesPerSecond / workingSetBytes));
    }

    /** Seconds each likwid-bench run of the mode aims at: a quarter second, a second in full mode. */
    public static double seconds(Mode mode) {
        return mode == Mode.FULL ? 1.0 : 0.25;
    }

    /**
     * Runs a command and parses its figure.
     *
     * @throws Failed in one line: it could not start, timed out, exited with an error or printed no MByte/s
     */
    public Result measure(List<String> command) throws Failed {
        Ran r = run(command, TIMEOUT_SECONDS);
        try {
            return parse(r.output());
        } catch (Failed e) {
            throw new Failed(String.join(" ", command) + ": " + e.getMessage());
        }
    }

    /** The figures of likwid-bench's report. */
    static Result parse(String output) throws Failed {
        Matcher mb = MBYTES.matcher(output), size = SIZE.matcher(output), time = TIME.matcher(output);
        if (!mb.find()) {
            throw new Failed("no 'MByte/s' in its output" + lastLine(output));
        }
        double rate = Double.parseDouble(mb.group(1)) * 1e6;
        if (!(rate > 0)) {
            throw new Failed("it reported " + mb.group(1) + " MByte/s");
        }
        return new Result(rate, size.find() ? Long.parseLong(size.group(1)) : 0,
                time.find() ? Double.parseDouble(time.group(1)) : Double.NaN);
    }

    private record Ran(String output) {
    }

    private static Ran run(List<String> command, long timeoutSeconds) throws Failed {
        String shown = String.join(" ", command);
        Process p;
        try {
            p = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new Failed("cannot start " + shown + ": " + e.getMessage());
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Thread reader = new Thread(() -> copy(p.getInputStream(), bytes), "likwid-bench-output");
        reader.setDaemon(true);
        reader.start();
        try {
            p.getOutputStream().close();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new Failed(shown + " did not finish within " + timeoutSeconds + " s");
            }
            reader.join(5000);
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new Failed(shown + " was interrupted");
        } catch (IOException e) {
            // its standard input could not be closed: it does not read it
        }
        String out;
        synchronized (bytes) {
            out = bytes.toString(StandardCharsets.UTF_8);
        }
        if (p.exitValue() != 0) {
            throw new Failed(shown + " exited with code " + p.exitValue() + lastLine(out));
        }
        return new Ran(out);
    }

    private static void copy(InputStream in, ByteArrayOutputStream out) {
        byte[] buffer = new byte[8192];
        try (in) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                synchronized (out) {
                    out.write(buffer, 0, n);
                }
            }
        } catch (IOException e) {
            // the process is gone; what was read stays
        }
    }

    /** ": " and the last line of the output that says something, or "" when there is none. */
    private static String lastLine(String output) {
        List<String> lines = output.lines().map(String::strip)
                .filter(l -> !l.isEmpty() && !l.matches("-+") && !l.startsWith("Running without Marker API")).toList();
        return lines.isEmpty() ? "" : ": " + lines.get(lines.size() - 1);
    }

    /** A short description for the profile's provenance. */
    public String describe() {
        return String.format(Locale.ROOT, "%s (%s): %s", tool(), executable, reason);
    }
}
