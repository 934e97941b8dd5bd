package dev.flopcal.cli;

import java.util.concurrent.Callable;

import picocli.CommandLine.Command;

/** {@code calibrate}: with no subcommand, measures this machine. */
@Command(name = "calibrate", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        subcommands = {EstimateCommand.class},
        description = "Measures what this machine achieves (GEMM in fp64/fp32/bf16/fp16/int8, FMA ceiling, memory"
                + " bandwidth) and writes a hardware profile.")
public final class CalibrateCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new UnsupportedOperationException("calibration is not wired yet");
    }
}
