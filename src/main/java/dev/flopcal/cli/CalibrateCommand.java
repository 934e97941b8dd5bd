package dev.flopcal.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import dev.flopcal.calibration.CpuCalibration;
import dev.flopcal.core.Precision;
import dev.flopcal.measurement.CalibrationListener;
import dev.flopcal.measurement.GemmGap;
import dev.flopcal.measurement.Mode;
import dev.flopcal.measurement.Step;
import dev.flopcal.measurement.StepResult;
import dev.flopcal.reporting.CalibrationSummary;
import dev.flopcal.reporting.ProgressLine;
import dev.flopcal.reporting.TimeLeft;

/** {@code calibrate}: with no subcommand, measures this machine and writes its profile. */
@Command(name = "calibrate", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        subcommands = {EstimateCommand.class, FitCommand.class, VerifyCommand.class, PublishCommand.class,
                CompareCommand.class, GapCommand.class, FleetCommand.class},
        description = {"Measures what this machine achieves (GEMM in fp64, fp32, bf16, fp16 and int8 with the JDK Vector"
                + " API, the FMA ceiling, memory bandwidth, and the native OpenBLAS reference when installed) and writes a"
                + " hardware profile under results/profiles/ with the raw JMH results under results/raw/.", "",
                "Exit codes: 0 ok, 1 a measurement failed, 2 bad input (nothing written), 3 over budget (estimate),"
                        + " 130 interrupted (nothing written)."})
public final class CalibrateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--precisions", paramLabel = "LIST", split = ",", hideParamSyntax = true,
            converter = Converters.PrecisionElement.class, description = "GEMM precisions, comma-separated, from"
            + " fp64,fp32,bf16,fp16,int8 (default: all five).")
    List<Precision> precisions;

    @Option(names = "--sizes", paramLabel = "LIST", split = ",", hideParamSyntax = true,
            converter = Converters.IntegerElement.class, description = "Square GEMM sizes n (m = n = k), comma-separated"
            + " (default: 256,512 quick; 128,256,512,1024; 64 to 2048 full).")
    List<Integer> sizes;

    @Option(names = "--threads", paramLabel = "LIST", split = ",", hideParamSyntax = true,
            converter = Converters.IntegerElement.class, description = "Thread counts, comma-separated, each at most the"
            + " machine's hardware threads (default: all cores quick; 1 and all cores; powers of two and all cores full).")
    List<Integer> threads;

    @ArgGroup(exclusive = true)
    Speed speed = new Speed();

    static final class Speed {
        @Option(names = "--quick", description = "About 1.5 minutes on 2 cores: two sizes, all cores, a 4-point bandwidth sweep, two JVMs each.")
        boolean quick;

        @Option(names = "--full", description = "Publication quality in at most about 20 minutes: dense sweeps, three JVMs each, then more JVMs where the achieved interval is widest.")
        boolean full;
    }

    @Option(names = "--out", paramLabel = "DIR", description = "Write profiles/ and raw/ under DIR instead of results/.")
    Path outDir;

    @Option(names = "--nominal", paramLabel = "PRECISION=FLOPS", split = ",", hideParamSyntax = true,
            mapFallbackValue = "", converter = {Converters.PrecisionName.class, Converters.Flops.class},
            description = "Take a precision's nominal peak from a datasheet instead of cores × clock × FLOPs per cycle,"
            + " e.g. --nominal fp32=2.3e12 (repeatable).")
    Map<Precision, Double> nominal = Map.of();

    @Option(names = "--verbose", description = "Show JMH's own output.")
    boolean verbose;

    @Option(names = "--node", paramLabel = "NAME", description = "As a fleet's node task: the batch scheduler's name of"
            + " this node, recorded as provenance.node and appended to the profile id with --job-id (the batch script of"
            + " 'calibrate fleet' sets both).")
    String node;

    @Option(names = "--job-id", paramLabel = "ID", description = "As a fleet's node task: the batch scheduler's job id,"
            + " recorded as provenance.jobId and appended to the profile id.")
    String jobId;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Mode mode = speed.quick ? Mode.QUICK : speed.full ? Mode.FULL : Mode.DEFAULT;
        CpuCalibration.Request request = new CpuCalibration.Request(mode,
                precisions, sizes, threads, nominal, outDir == null ? Paths.results() : outDir,
                "calibrate " + String.join(" ", spec.commandLine().getParseResult().originalArgs()), verbose, node, jobId);
        CpuCalibration.Prepared prepared = CpuCalibration.prepare(request);
        out.println("flopcal: calibrating " + prepared.deviceName() + " (" + mode.id() + " mode, "
                + prepared.plan().steps().size() + " measurements in " + prepared.plan().groups().size() + " JVMs, "
                + mode.jvms() + " per kernel and thread count" + (mode.refineUntilSeconds() > 0
                ? ", then more where figures are least certain" : "") + ")");
        out.println(prepared.nativeNote());
        out.println(prepared.likwidNote());
        out.flush();
        TimeLeft timeLeft = new TimeLeft(prepared.plan().groups());
        CalibrationListener progress = new CalibrationListener() {
            @Override
            public void stepStarted(int index, int total, Step step) {
                out.print(ProgressLine.started(index, total, step));
                out.flush();
            }

            @Override
            public void stepFinished(int index, int total, StepResult result) {
                timeLeft.finished(index, result.seconds());
                out.println(ProgressLine.finished(index, total, result, timeLeft.after(index)));
                out.flush();
            }

            @Override
            public void referenceFailed(String message) {
                out.println("failed: " + message + "; the rest of the native bandwidth reference is skipped");
                out.flush();
            }

            @Override
            public void refinementStarted() {
                out.println(ProgressLine.refinementStarted(CpuCalibration.FULL_MODE_TARGET));
                out.flush();
            }

            @Override
            public void gapStarted(int index, int total, String label) {
                out.print(ProgressLine.gapStarted(index, total, label));
                out.flush();
            }

            @Override
            public void gapFinished(int index, int total, GemmGap gap, double seconds) {
                out.println(ProgressLine.gapFinished(gap, seconds));
                out.flush();
            }

            @Override
            public void jmhOutput(String line) {
                out.println("    " + line);
            }
        };
        CpuCalibration.Result result = CpuCalibration.run(prepared, progress);
        out.println();
        out.print(CalibrationSummary.render(result.profile()));
        out.println();
        out.println("Profile:     " + result.profileFile());
        out.println("Raw results: " + result.rawFile());
        return ExitCodes.OK;
    }
}
