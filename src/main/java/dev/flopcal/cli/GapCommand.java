package dev.flopcal.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import dev.flopcal.core.InvalidInputException;
import dev.flopcal.core.Precision;
import dev.flopcal.hardware.Cpu;
import dev.flopcal.hardware.HostDetector;
import dev.flopcal.measurement.CalibrationPlan;
import dev.flopcal.measurement.GemmGap;
import dev.flopcal.measurement.Interleaved;
import dev.flopcal.reporting.GemmGapReport;

/** {@code calibrate gap}: where the JVM's GEMM loses to the FMA ceiling and to native BLAS, in one run. */
@Command(name = "gap", mixinStandardHelpOptions = true,
        description = {"Splits the gap between the FMA ceiling and the JVM's GEMM: the FMA probe, the GEMM micro-kernel"
                + " on L1-resident panels, the whole GEMM and native OpenBLAS (when installed) take turns in short slices,"
                + " and each ratio is taken round by round, so a shared machine's changing clock cancels. On more than"
                + " one thread, the run waits after every slice until the process is idle (OpenBLAS's workers poll"
                + " for about 0.1 s after each call). Writes nothing.",
                "Exit codes: 0 ok, 1 a workload computed a wrong result, 2 bad input."})
public final class GapCommand implements Callable<Integer> {
    static final int WARMUP_ROUNDS = 3;

    @Spec
    CommandSpec spec;

    @Option(names = "--precision", paramLabel = "P", converter = Converters.PrecisionName.class,
            description = "fp32 or fp64 (default: fp32).")
    Precision precision = Precision.FP32;

    @Option(names = "--size", paramLabel = "N", description = "n of the n×n×n product, at most " + CalibrationPlan.MAX_SIZE + " (default: 1024).")
    int size = 1024;

    @Option(names = "--threads", paramLabel = "N", converter = Converters.PositiveInteger.class,
            description = "Threads for every workload, at most the machine's hardware threads (default: 1).")
    int threads = 1;

    @Option(names = "--rounds", paramLabel = "N", converter = Converters.PositiveInteger.class,
            description = "Measured rounds, after " + WARMUP_ROUNDS
            + " warm-up rounds (default: 20, about 20 s).")
    int rounds = 20;

    @Option(names = "--slice-ms", paramLabel = "MS", converter = Converters.PositiveInteger.class,
            description = "Milliseconds each workload runs per round (default: 200).")
    int sliceMillis = 200;

    @Override
    public Integer call() {
        if (precision != Precision.FP32 && precision != Precision.FP64) {
            throw new InvalidInputException("--precision must be fp32 or fp64, got " + precision);
        }
        if (size < 1 || size > CalibrationPlan.MAX_SIZE) {
            throw new InvalidInputException("--size must be from 1 to " + CalibrationPlan.MAX_SIZE + ", got " + size);
        }
        Cpu cpu = HostDetector.detect().cpu();
        int logical = Math.max(1, cpu.logicalCores());
        if (threads > logical) {
            throw new InvalidInputException("--threads must be from 1 to this machine's " + logical
                    + " hardware threads, got " + threads);
        }
        PrintWriter out = spec.commandLine().getOut(), err = spec.commandLine().getErr();
        Interleaved runner = new Interleaved(Duration.ofMillis(sliceMillis), WARMUP_ROUNDS, rounds);
        GemmGap gap = GemmGap.measure(precision, size, threads, runner, cpu, r -> {
            err.print("\rround " + r + "/" + rounds);
            err.flush();
        });
        err.println();
        out.print(GemmGapReport.text(gap, sliceMillis, WARMUP_ROUNDS));
        return ExitCodes.OK;
    }
}
