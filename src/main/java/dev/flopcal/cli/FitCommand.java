package dev.flopcal.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import dev.flopcal.calibration.JmhFit;
import dev.flopcal.core.Precision;
import dev.flopcal.measurement.FlopsPerOp;
import dev.flopcal.measurement.GemmMapping;
import dev.flopcal.profiles.Profile;
import dev.flopcal.profiles.ProfileIO;
import dev.flopcal.profiles.ProfileVerifier;
import dev.flopcal.reporting.CalibrationSummary;

/**
 * {@code calibrate fit RESULTS.json}: fits a JMH JSON result file into profiles, mapping another project's results
 * onto GEMM rates with {@code --size-param}, {@code --series-param}, {@code --precision} and {@code --flops-per-op}.
 */
@Command(name = "fit", mixinStandardHelpOptions = true,
        description = {"Fits a JMH JSON result file (this tool's, another machine's, or another project's GEMM benchmark)"
                + " into a profile: size curves, thread scaling, roofline, utilization.",
                "Another project's scores (any JMH unit: ops/s, ops/min, ms/op, ...) become FLOP/s: operations per"
                        + " second × --flops-per-op at the size that --size-param names; --series-param makes one"
                        + " profile per value of a parameter (e.g. the library), its id suffixed by the value.",
                "The file is copied beside each profile as its raw results, so 'calibrate verify' works on the result.",
                "Exit codes: 0 done; 2 bad input (a parameter the results lack, an expression that does not parse, a"
                        + " unit that does not convert): the message names it, nothing is written."})
public final class FitCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "RESULTS.json", description = "JMH JSON results (java -jar ... -rf json); with --refit,"
            + " a profile.")
    Path results;

    @Option(names = "--refit", description = "The file is a measured profile: rebuild it in place from its raw results"
            + " and recorded inputs with this version's fitting (when flopcal's statistics changed); 'verify' then"
            + " checks it as any other profile.")
    boolean refit;

    @Option(names = "--out", paramLabel = "DIR", description = "Write profiles/ and raw/ under DIR instead of results/.")
    Path outDir;

    @Option(names = "--id", paramLabel = "ID", description = "Profile id (default: fit-FILENAME-TIMESTAMP); with"
            + " --series-param, each profile's id is suffixed by its value.")
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

    @Option(names = "--size-param", paramLabel = "NAME", defaultValue = GemmMapping.DEFAULT_SIZE_PARAM,
            description = "JMH parameter holding the matrix size n (default: ${DEFAULT-VALUE}).")
    String sizeParam;

    @Option(names = "--series-param", paramLabel = "NAME", description = "JMH parameter whose values make one"
            + " profile each, e.g. lib: ids suffixed by the value, which each profile's 'path' names.")
    String seriesParam;

    @Option(names = "--precision", paramLabel = "P", converter = Converters.PrecisionName.class,
            description = "Precision of results without a 'precision' parameter, e.g. fp64.")
    Precision precision;

    @Option(names = "--flops-per-op", paramLabel = "EXPR", defaultValue = FlopsPerOp.SQUARE_GEMM,
            description = "FLOP per benchmark operation, an expression in n, or in m, n and k, e.g. 2*m*n*k"
                    + " (default: ${DEFAULT-VALUE}); m, n and k come from parameters of those names, else from the"
                    + " size. 1 when the scores already count FLOPs.")
    String flopsPerOp;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (refit) {
            Profile p = ProfileVerifier.refit(results, Instant.now().toString());
            ProfileIO.write(p, results);
            out.print(CalibrationSummary.render(p));
            out.println();
            out.println("Refitted: " + results);
            return ExitCodes.OK;
        }
        GemmMapping mapping = new GemmMapping(sizeParam, seriesParam, precision, new FlopsPerOp(flopsPerOp));
        List<JmhFit.Result> written = JmhFit.run(new JmhFit.Request(results, outDir == null ? Paths.results() : outDir,
                id, device, thisHost, nominal, mapping));
        for (JmhFit.Result r : written) {
            out.print(CalibrationSummary.render(r.profile()));
            out.println();
            out.println("Profile:     " + r.profileFile());
            out.println("Raw results: " + r.rawFile());
            out.println();
        }
        return ExitCodes.OK;
    }
}
