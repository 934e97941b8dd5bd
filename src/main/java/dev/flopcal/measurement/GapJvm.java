package dev.flopcal.measurement;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.flopcal.core.Precision;
import dev.flopcal.hardware.Cpu;
import dev.flopcal.hardware.HostDetector;

/**
 * Runs a {@link GemmGap} in a JVM of its own and reads its result back. The calibrating JVM has already loaded
 * OpenBLAS to see which kernels it picks by itself ({@link NativeReference#probe}), and OpenBLAS fixes its kernels
 * when it is loaded: a comparison run there measured OpenBLAS's Prescott (SSE3) kernels, a fifth of its AVX-512
 * speed (JVM/native 4.9-5.6 in the first full run that tried). A new JVM loads it after setting
 * {@code OPENBLAS_CORETYPE}, as the JMH forks do.
 *
 * <p>Protocol on the child's standard output, one line each: {@code gap names <n1,n2,...>}, {@code gap rates <name>
 * <r0> <r1> ...}, {@code gap steal <x>}, {@code gap settle <medianMs> <longestMs>}, {@code gap path <Base64>},
 * {@code gap native <Base64>}, {@code gap cpu <Base64>}, then {@code gap end}; or {@code gap fail <Base64 message>}.
 */
public final class GapJvm {
    private static final String PREFIX = "gap ";

    private GapJvm() {
    }

    /**
     * Measures in a new JVM.
     *
     * @throws IllegalStateException when a workload computes a wrong result or the JVM fails
     */
    public static GemmGap measure(Precision precision, int size, int threads, int rounds, int sliceMillis,
                                  int warmupRounds) {
        List<String> command = ChildJvm.command(List.of(), GapJvm.class);
        for (Object a : new Object[] {precision.id(), size, threads, rounds, sliceMillis, warmupRounds}) {
            command.add(String.valueOf(a));
        }
        Process process;
        try {
            process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start a JVM for the comparison: " + e.getMessage(), e);
        }
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            List<String> names = null;
            List<double[]> rates = new ArrayList<>();
            double steal = 0;
            long settleMedian = 0, settleLongest = 0;
            String path = "", nativeNote = "", cpu = "";
            for (String line; (line = in.readLine()) != null; ) {
                if (!line.startsWith(PREFIX)) {
                    continue;
                }
                String[] f = line.substring(PREFIX.length()).split(" ");
                switch (f[0]) {
                    case "names" -> names = List.of(f[1].split(","));
                    case "rates" -> {
                        double[] r = new double[f.length - 2];
                        for (int i = 0; i < r.length; i++) {
                            r[i] = Double.parseDouble(f[i + 2]);
                        }
                        rates.add(r);
                    }
                    case "steal" -> steal = Double.parseDouble(f[1]);
                    case "settle" -> {
                        settleMedian = Long.parseLong(f[1]);
                        settleLongest = Long.parseLong(f[2]);
                    }
                    case "path" -> path = ChildJvm.decodeText(f[1]);
                    case "native" -> nativeNote = ChildJvm.decodeText(f[1]);
                    case "cpu" -> cpu = ChildJvm.decodeText(f[1]);
                    case "fail" -> throw new IllegalStateException(ChildJvm.decodeText(f[1]));
                    case "end" -> {
                        if (names == null || rates.size() != names.size()) {
                            throw new IllegalStateException("the comparison's JVM sent an incomplete result");
                        }
                        return new GemmGap(precision, size, threads, cpu, path, nativeNote,
                                new Interleaved.Result(names, rates.toArray(double[][]::new)),
                                new GemmGap.Settle(Duration.ofMillis(settleMedian), Duration.ofMillis(settleLongest)),
                                steal);
                    }
                    default -> { }
                }
            }
            throw new IllegalStateException("the comparison's JVM ended without a result (exit code "
                    + waitFor(process) + ")");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the comparison's result: " + e.getMessage(), e);
        } finally {
            process.destroy();
        }
    }

    private static int waitFor(Process p) {
        try {
            return p.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** The child: measures and writes the protocol lines; exits when its standard input closes (the parent is gone). */
    public static void main(String[] args) {
        ChildJvm.exitWhenParentGone("gap-jvm-parent-watch", 130);
        try {
            Precision p = Precision.parse(args[0]);
            int size = Integer.parseInt(args[1]), threads = Integer.parseInt(args[2]), rounds = Integer.parseInt(args[3]);
            int slice = Integer.parseInt(args[4]), warmup = Integer.parseInt(args[5]);
            Cpu cpu = HostDetector.detect().cpu();
            GemmGap gap = GemmGap.measure(p, size, threads, new Interleaved(Duration.ofMillis(slice), warmup, rounds),
                    cpu, r -> { });
            StringBuilder out = new StringBuilder();
            out.append(PREFIX).append("names ").append(String.join(",", gap.result().names())).append('\n');
            for (String name : gap.result().names()) {
                out.append(PREFIX).append("rates ").append(name);
                for (double v : gap.result().rates(name)) {
                    out.append(' ').append(v);
                }
                out.append('\n');
            }
            out.append(PREFIX).append("steal ").append(gap.steal()).append('\n');
            out.append(PREFIX).append("settle ").append(gap.settle().median().toMillis()).append(' ')
                    .append(gap.settle().longest().toMillis()).append('\n');
            out.append(PREFIX).append("path ").append(ChildJvm.encodeText(gap.jvmPath())).append('\n');
            out.append(PREFIX).append("native ").append(ChildJvm.encodeText(gap.nativeNote())).append('\n');
            out.append(PREFIX).append("cpu ").append(ChildJvm.encodeText(gap.cpu())).append('\n');
            out.append(PREFIX).append("end\n");
            System.out.print(out);
            System.out.flush();
            System.exit(0);
        } catch (RuntimeException e) {
            System.out.println(PREFIX + "fail " + ChildJvm.encodeText(String.valueOf(e.getMessage())));
            System.out.flush();
            System.exit(1);
        }
    }
}
