package dev.flopcal.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import dev.flopcal.calibration.JmhFit;
import dev.flopcal.core.Precision;
import dev.flopcal.reporting.CalibrationSummary;

/** {@code calibrate fit RESULTS.json}: re-fits a JMH JSON result file into a profile. */
@Command(name = "fit", mixinStandardHelpOptions = true,
        description = {"Fits a JMH JSON result file (this tool's, another machine's, or your own harness's with 'size'"
                + " and 'precision' parameters) into a profile: size curves, thread scaling, roofline, utilization.",
                "The file is copied beside the profile as its raw results, so 'calibrate verify' works on the result."})
public final class FitCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "RESULTS.json", description = "JMH JSON results (java -jar ... -rf json).")
    Path results;

    @Option(names = "--out", paramLabel = "DIR", description = "Write profiles/ and raw/ under DIR instead of results/.")
    Path outDir;

    @Option(names = "--id", paramLabel = "ID", description = "Profile id (default: fit-FILENAME-TIMESTAMP).")
    String id;

    @Option(names = "--device", paramLabel = "NAME", description = "Name of the device that produced the results.")
    String device;

    @Option(names = "--this-host", description = "The results come from this machine: describe it (CPU, clocks,"
            + " caches, per-cycle rates) so that nominal figures and utilization can be computed.")
    boolean thisHost;

    @Option(names = "--nominal", paramLabel = "PRECISION=FLOPS", split = ",", hideParamSyntax = true,
            mapFallbackValue = "", converter = {Converters.PrecisionName.class, Converters.Flops.class},
            description = "Datasheet peak of a precision (repeatable).")
    Map<Precision, Double> nominal = Map.of();

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        JmhFit.Result r = JmhFit.run(new JmhFit.Request(results, outDir == null ? Paths.results() : outDir, id, device,
                thisHost, nominal));
        out.print(CalibrationSummary.render(r.profile()));
        out.println();
        out.println("Profile:     " + r.profileFile());
        out.println("Raw results: " + r.rawFile());
        return ExitCodes.OK;
    }
}
