package dev.flopcal.measurement;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.time.Duration;
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
 * <p>The child speaks {@link ChildJvm}'s protocol: it reads a {@link Request} and answers with one {@code result}
 * ({@link Measured}) or one {@code error} carrying the failure's message.
 */
public final class GapJvm {
    private GapJvm() {
    }

    /** What the child measures: {@link GemmGap#measure}'s arguments and the {@link Interleaved} runner's. */
    record Request(Precision precision, int size, int threads, int rounds, int sliceMillis, int warmupRounds) {
    }

    /**
     * What the child measured: the {@link GemmGap} apart from the request, with the settle times in whole
     * milliseconds.
     */
    record Measured(List<String> names, double[][] rates, double steal, long settleMedianMillis,
                    long settleLongestMillis, String jvmPath, String nativeNote, String cpu) {
        static Measured of(GemmGap gap) {
            return new Measured(gap.result().names(), gap.result().names().stream().map(gap.result()::rates)
                    .toArray(double[][]::new), gap.steal(), gap.settle().median().toMillis(),
                    gap.settle().longest().toMillis(), gap.jvmPath(), gap.nativeNote(), gap.cpu());
        }

        GemmGap gap(Request request) {
            if (names == null || rates == null || rates.length != names.size()) {
                throw new IllegalStateException("the comparison's JVM sent an incomplete result");
            }
            return new GemmGap(request.precision(), request.size(), request.threads(), cpu, jvmPath, nativeNote,
                    new Interleaved.Result(names, rates),
                    new GemmGap.Settle(Duration.ofMillis(settleMedianMillis), Duration.ofMillis(settleLongestMillis)),
                    steal);
        }
    }

    /**
     * Measures in a new JVM.
     *
     * @throws IllegalStateException when a workload computes a wrong result or the JVM fails
     */
    public static GemmGap measure(Precision precision, int size, int threads, int rounds, int sliceMillis,
                                  int warmupRounds) {
        Request request = new Request(precision, size, threads, rounds, sliceMillis, warmupRounds);
        Process process;
        try {
            process = ChildJvm.start(new ProcessBuilder(ChildJvm.command(List.of(), GapJvm.class))
                    .redirectError(ProcessBuilder.Redirect.DISCARD), request);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start a JVM for the comparison: " + e.getMessage(), e);
        }
        ChildJvm.Messages<Measured> messages = new ChildJvm.Messages<>(process.getInputStream(), Measured.class);
        try {
            for (ChildJvm.Message<Measured> m = messages.next(); m != null; m = messages.next()) {
                switch (m) {
                    case ChildJvm.Message.Result<Measured> r -> {
                        return r.result().gap(request);
                    }
                    case ChildJvm.Message.Failure<Measured> e -> throw new IllegalStateException(e.message());
                    case ChildJvm.Message.Progress<Measured> p -> { }
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

    /** The child: measures what the {@link Request} on its standard input asks; exits when that input closes. */
    public static void main(String[] args) {
        PrintStream out = ChildJvm.messageStream();
        try {
            Request request = ChildJvm.request(Request.class, "gap-jvm-parent-watch", 130);
            Cpu cpu = HostDetector.detect().cpu();
            GemmGap gap = GemmGap.measure(request.precision(), request.size(), request.threads(),
                    new Interleaved(Duration.ofMillis(request.sliceMillis()), request.warmupRounds(), request.rounds()),
                    cpu, r -> { });
            ChildJvm.send(out, new ChildJvm.Message.Result<>(Measured.of(gap)));
            System.exit(0);
        } catch (RuntimeException e) {
            ChildJvm.send(out, new ChildJvm.Message.Failure<>(String.valueOf(e.getMessage())));
            System.exit(1);
        }
    }
}
