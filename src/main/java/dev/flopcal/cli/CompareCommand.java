package dev.flopcal.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import dev.flopcal.core.AtomicFiles;
import dev.flopcal.core.InvalidInputException;
import dev.flopcal.core.Precision;
import dev.flopcal.fleet.FleetReport;
import dev.flopcal.fleet.NodeProfiles;
import dev.flopcal.profiles.Ids;
import dev.flopcal.profiles.Profile;
import dev.flopcal.profiles.ProfileIO;
import dev.flopcal.profiles.ProfileStore;
import dev.flopcal.reporting.Charts;
import dev.flopcal.reporting.Comparison;
import dev.flopcal.reporting.FleetReportView;
import dev.flopcal.reporting.LlmAnalysisExport;
import dev.flopcal.reporting.OutputFile;

/**
 * {@code calibrate compare [PROFILE...]}: achieved against nominal throughput across profiles, as a table, charts,
 * CSV and llm-analysis GPU configs. Maps the options onto {@link Comparison}, {@link Charts} and
 * {@link LlmAnalysisExport}; everything is rendered before anything is written, so bad input writes nothing.
 */
@Command(name = "compare", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Compares achieved with nominal throughput across profiles: prints a table per profile and"
                + " precision and, on request, writes charts (PNG and SVG), a CSV and llm-analysis GPU configs.",
                "Without --out, --csv or --llm-analysis only the table is printed; nothing is written.",
                "Exit codes: 0 done; 1 a file could not be written; 2 an unknown profile or precision, or a bad value."})
public final class CompareCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "PROFILE", arity = "0..*",
            description = "Profile ids (under RESULTS/profiles), profile files, or results directories (every profile"
                    + " under DIR/profiles, e.g. a fleet's). Default: every published profile.")
    List<String> profiles = List.of();

    @Option(names = "--results", paramLabel = "DIR", description = "Results directory to find profile ids in"
            + " (default: results/ beside the launcher, else in the working directory).")
    Path results;

    @Option(names = "--precisions", paramLabel = "LIST", split = ",", hideParamSyntax = true,
            converter = Converters.PrecisionElement.class, description = "Only these precisions, e.g. fp32,bf16"
            + " (fp64, fp32, tf32, bf16, fp16, fp8, int8). Default: every precision of the profiles.")
    List<Precision> precisions = List.of();

    @Option(names = "--out", paramLabel = "DIR", description = "Write charts here: throughput-vs-size-ID and"
            + " roofline-ID for measured profiles, achieved-vs-nominal across all; each as .png and .svg.")
    Path out;

    @Option(names = "--csv", paramLabel = "FILE", description = "Write the comparison as CSV (RFC 4180; rates in"
            + " FLOP/s, op/s for int8; utilization as a fraction).")
    Path csv;

    @Option(names = "--llm-analysis", paramLabel = "DIR", description = "Write an llm-analysis GPU config (ID.json)"
            + " per GPU/TPU profile, and beside it ID.flops_efficiency.txt with the calibrated utilization to pass as"
            + " flops_efficiency (from bf16 or fp16, whatever --precisions says). Needs --intra-node-bandwidth and"
            + " --intra-node-latency.")
    Path llmAnalysis;

    @Option(names = "--intra-node-bandwidth", paramLabel = "[ID=]GB/s", description = "GPU-to-GPU bandwidth within a"
            + " node (e.g. NVLink), GB/s: llm-analysis' intra_node_bandwidth_in_GB_per_sec. Repeatable; ID= sets one"
            + " profile's value.")
    List<String> intraNodeBandwidth = List.of();

    @Option(names = "--intra-node-latency", paramLabel = "[ID=]SECONDS", description = "Minimum intra-node message"
            + " latency, seconds (e.g. 8e-6): llm-analysis' intra_node_min_message_latency. Repeatable; ID= per profile.")
    List<String> intraNodeLatency = List.of();

    @Option(names = "--inter-node-bandwidth", paramLabel = "[ID=]GB/s", description = "Bandwidth between nodes, GB/s"
            + " (optional; llm-analysis assumes 200). Repeatable; ID= per profile.")
    List<String> interNodeBandwidth = List.of();

    @Option(names = "--peak-i4", paramLabel = "[ID=]TFLOPS", description = "Dense int4 peak, 10^12 op/s (optional;"
            + " llm-analysis assumes 4 × the 16-bit peak). Repeatable; ID= per profile.")
    List<String> peakI4 = List.of();

    @Override
    public Integer call() throws Exception {
        PrintWriter stdout = spec.commandLine().getOut();
        Map<Path, Profile> files = load();
        List<Profile> selected = List.copyOf(files.values());
        List<Precision> filter = precisions;
        // profiles of a fleet's nodes (provenance.node): the nodes side by side, with the fleet's median and suspects
        List<NodeProfiles.NodeProfile> nodes = files.entrySet().stream()
                .filter(e -> e.getValue().provenance() != null && e.getValue().provenance().node() != null)
                .map(e -> NodeProfiles.read(e.getKey())).toList();
        Map<String, FleetReport.PrecisionSummary> fleet = new LinkedHashMap<>(NodeProfiles.summarize(nodes));
        if (!filter.isEmpty()) {
            fleet.keySet().retainAll(filter.stream().map(Precision::id).toList());
        }

        Comparison comparison = Comparison.of(selected, filter);
        List<LlmAnalysisExport.Export> exports = llmAnalysis == null ? List.of()
                : LlmAnalysisExport.of(selected, new LlmAnalysisExport.UserFigures(
                        perDevice("--intra-node-bandwidth", intraNodeBandwidth),
                        perDevice("--intra-node-latency", intraNodeLatency),
                        perDevice("--inter-node-bandwidth", interNodeBandwidth), perDevice("--peak-i4", peakI4)));
        Charts.Rendered charts = out == null ? null : Charts.render(selected, filter);
        String csvText = csv == null ? null : comparison.csv();

        stdout.print(comparison.text());
        if (nodes.size() >= 2 && !fleet.isEmpty()) {
            stdout.println();
            stdout.println("Nodes side by side (" + nodes.size() + " profiles of a fleet's nodes):");
            stdout.print(FleetReportView.sideBySide(fleet, false));
        }
        if (charts != null) {
            charts.notes().forEach(n -> stdout.println("note: " + n));
        }
        if (csvText != null) {
            AtomicFiles.writeString(csv, csvText);
            stdout.println();
            stdout.println("CSV: " + csv);
        }
        if (charts != null) {
            stdout.println();
            stdout.println("Charts:");
            for (Path p : OutputFile.writeAll(charts.files(), out)) {
                stdout.println("  " + p);
            }
        }
        for (LlmAnalysisExport.Export e : exports) {
            List<Path> written = OutputFile.writeAll(e.files(), llmAnalysis);
            stdout.println();
            stdout.println("llm-analysis config for " + e.device() + ": " + written.get(0));
            stdout.println("  flops_efficiency " + e.efficiency().map(LlmAnalysisExport.FlopsEfficiency::summary)
                    .orElse("unknown: nominal figures only (llm-analysis would assume 1)"));
            stdout.println("  details: " + written.get(1));
        }
        return ExitCodes.OK;
    }

    /** The selected profiles by file, in the order named (a directory's in file name order). */
    private Map<Path, Profile> load() {
        ProfileStore store = new ProfileStore(results == null ? Paths.results() : results);
        List<Path> named = new ArrayList<>();
        if (profiles.isEmpty()) {
            named.addAll(store.all());
            if (named.isEmpty()) {
                throw new InvalidInputException("no profiles under " + store.profilesDir()
                        + ": name profile files, or calibrate first");
            }
        } else {
            for (String name : profiles) {
                Path dir = Path.of(name);
                if (Files.isDirectory(dir)) {
                    List<Path> under = new ProfileStore(dir).all();
                    if (under.isEmpty()) {
                        throw new InvalidInputException("no profiles under " + dir.resolve("profiles"));
                    }
                    named.addAll(under);
                } else {
                    java.util.Optional<Path> file = store.find(name);
                    if (file.isEmpty()) {
                        store.load(name); // neither a file nor an id: throws, naming the published ids
                    }
                    named.add(file.orElseThrow());
                }
            }
        }
        Map<Path, Profile> loaded = new LinkedHashMap<>();
        Set<String> seen = new HashSet<>();
        for (Path file : named) {
            Profile p = ProfileIO.read(file);
            if (!seen.add(p.id())) {
                throw new InvalidInputException("profile '" + p.id() + "' is named twice");
            }
            loaded.put(file, p);
        }
        return loaded;
    }

    /** Parses repeatable "[ID=]VALUE" options into a common value and per-profile values. */
    private static LlmAnalysisExport.PerDevice perDevice(String option, List<String> values) {
        Double all = null;
        Map<String, Double> byId = new LinkedHashMap<>();
        for (String v : values) {
            int eq = v.lastIndexOf('=');
            String text = v.substring(eq + 1).trim();
            double number;
            try {
                number = Double.parseDouble(text);
            } catch (NumberFormatException e) {
                throw new InvalidInputException(option + " '" + v + "': '" + text + "' is not a number");
            }
            if (eq < 0) {
                if (all != null) {
                    throw new InvalidInputException(option + " is given twice without a profile id ('" + v + "')");
                }
                all = number;
            } else {
                String id = v.substring(0, eq).trim();
                Ids.check(id);
                if (byId.put(id, number) != null) {
                    throw new InvalidInputException(option + " is given twice for '" + id + "'");
                }
            }
        }
        return new LlmAnalysisExport.PerDevice(all, byId);
    }
}
