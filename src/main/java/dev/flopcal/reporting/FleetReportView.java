package dev.flopcal.reporting;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import dev.flopcal.core.Units;
import dev.flopcal.fleet.FleetCalibration;
import dev.flopcal.fleet.FleetReport;
import dev.flopcal.fleet.NodeFigure;

/**
 * A fleet report as text for the terminal and as Markdown ({@code fleet-report.md}): the nodes' outcomes, the nodes
 * side by side per precision with the fleet median and spread, and the suspect nodes with their reasons. Every
 * figure is copied from the report.
 */
public final class FleetReportView {
    private FleetReportView() {
    }

    /** The whole report as text: outcomes, nodes side by side, the fleet's spread, suspects. */
    public static String text(FleetReport report) {
        StringBuilder out = new StringBuilder();
        out.append(outcomesHeading(report)).append('\n').append(Tables.text(outcomes(report))).append('\n');
        if (!report.precisions().isEmpty()) {
            out.append(sideBySide(report.precisions(), false)).append('\n');
        }
        out.append(suspects(report.precisions()));
        return out.toString();
    }

    /** The whole report as Markdown, for {@code fleet-report.md}. */
    public static String markdown(FleetReport report, List<String> chartFiles) {
        StringBuilder out = new StringBuilder("# Fleet calibration\n\n");
        out.append("Written by `./calibrate fleet` on ").append(report.createdAt()).append(" (").append(report.tool())
                .append(", scheduler ").append(report.scheduler()).append("); the data: [`fleet-report.json`](")
                .append("fleet-report.json); each node's profile under [`profiles/`](profiles/).\n\n");
        out.append("## Nodes\n\n").append(outcomesHeading(report)).append("\n\n").append(Tables.markdown(outcomes(report)));
        if (!report.precisions().isEmpty()) {
            out.append("\n## Side by side\n\n").append(sideBySide(report.precisions(), true));
        }
        out.append("\n## Suspect nodes\n\n").append(suspects(report.precisions()));
        for (String chart : chartFiles) {
            out.append("\n![").append(chart.replaceFirst("\\.png$", "")).append("](").append(chart).append(")\n");
        }
        return out.toString();
    }

    /** The section the results index shows for a fleet: its outcome and links to the report. */
    public static String indexSection(FleetReport report, List<String> chartFiles) {
        StringBuilder out = new StringBuilder("## Fleet calibration\n\n");
        out.append(outcomesHeading(report)).append(' ');
        int suspects = report.suspects().values().stream().mapToInt(List::size).sum();
        out.append(suspects == 0 ? "No suspect node." : Units.count(suspects, "suspect node figure") + ".")
                .append(" The report: [`fleet-report.md`](fleet-report.md) (data: [`fleet-report.json`]")
                .append("(fleet-report.json)).\n");
        for (String chart : chartFiles) {
            out.append("\n![").append(chart.replaceFirst("\\.png$", "")).append("](").append(chart).append(")\n");
        }
        return out.toString();
    }

    private static String outcomesHeading(FleetReport report) {
        int n = report.nodes().size(), failed = report.failed();
        return Units.count(n, "node") + ": " + (n - failed) + " done, " + failed + " failed.";
    }

    private static List<String[]> outcomes(FleetReport report) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"node", "job", "outcome", "state", "exit", "profile / why it failed", "log"});
        for (FleetReport.NodeResult r : report.nodes()) {
            rows.add(new String[] {r.node(), r.jobId() == null ? "" : r.jobId(), r.outcome(),
                    r.state() == null ? "" : r.state(), r.exitCode() == null ? "" : exit(r),
                    r.done() ? r.profileId() : r.reason(), r.log() == null ? "" : r.log()});
        }
        return rows;
    }

    private static String exit(FleetReport.NodeResult r) {
        return r.exitCode() + (r.signal() != null && r.signal() != 0 ? " (signal " + r.signal() + ")" : "");
    }

    /**
     * The nodes side by side: one row per node, per precision its achieved figure with its interval and how far it
     * is from the fleet median, "SUSPECT" where the rule names it; then the fleet median, the MAD and the threshold.
     *
     * @param summaries per precision id
     * @param markdown  a Markdown table instead of text columns
     */
    public static String sideBySide(Map<String, FleetReport.PrecisionSummary> summaries, boolean markdown) {
        Set<String> nodes = new LinkedHashSet<>();
        summaries.values().forEach(s -> s.figures().forEach(f -> nodes.add(f.node())));
        List<String> precisions = List.copyOf(summaries.keySet());
        List<String[]> rows = new ArrayList<>();
        List<String> header = new ArrayList<>(List.of("node"));
        for (String p : precisions) {
            header.add(p + " achieved [interval]");
            header.add("vs median");
        }
        rows.add(header.toArray(String[]::new));
        Set<String> intervals = new LinkedHashSet<>();
        for (String node : nodes) {
            List<String> row = new ArrayList<>(List.of(node));
            for (String p : precisions) {
                FleetReport.PrecisionSummary s = summaries.get(p);
                NodeFigure f = s.figures().stream().filter(x -> x.node().equals(node)).findFirst().orElse(null);
                if (f == null) {
                    row.add("");
                    row.add("");
                    continue;
                }
                intervals.add(f.interval());
                row.add(Units.rate(f.achieved(), s.unit()) + (NodeFigure.NONE.equals(f.interval()) ? ""
                        : " [" + Units.si(f.low()) + ", " + Units.si(f.high()) + "]"));
                row.add(String.format(Locale.ROOT, "%+.1f%%", 100 * (f.achieved() - s.median()) / s.median())
                        + (f.suspect() ? " SUSPECT" : ""));
            }
            rows.add(row.toArray(String[]::new));
        }
        List<String> median = new ArrayList<>(List.of("fleet median")), spread = new ArrayList<>(List.of("MAD"));
        List<String> cut = new ArrayList<>(List.of("suspect below"));
        for (String p : precisions) {
            FleetReport.PrecisionSummary s = summaries.get(p);
            median.add(Units.rate(s.median(), s.unit()) + " [" + Units.si(s.min()) + ", " + Units.si(s.max()) + "]");
            median.add("");
            spread.add(Units.rate(s.mad(), s.unit()) + String.format(Locale.ROOT, " (%.1f%%)", 100 * s.mad() / s.median()));
            spread.add("");
            // a threshold beyond the median leaves no rate to be suspect below: say so rather than print a negative rate
            boolean any = s.median() - s.threshold() > 0;
            cut.add(any ? Units.rate(s.median() - s.threshold(), s.unit()) : "none (3 × 1.4826 × MAD exceeds the median)");
            cut.add(any ? String.format(Locale.ROOT, "%+.1f%%", -100 * s.threshold() / s.median()) : "");
        }
        rows.add(median.toArray(String[]::new));
        rows.add(spread.toArray(String[]::new));
        rows.add(cut.toArray(String[]::new));
        StringBuilder out = new StringBuilder(markdown ? Tables.markdown(rows) : Tables.text(rows));
        out.append(markdown ? "\n" : "");
        out.append("Achieved at the largest thread count, with its interval");
        List<String> sources = new ArrayList<>();
        if (intervals.contains(NodeFigure.CI95)) {
            sources.add("[low, high]: the profile's 95% interval where it records one (achievedCi95)");
        }
        if (intervals.contains(NodeFigure.JMH_999)) {
            sources.add("achieved ± JMH's 99.9% half-width" + (intervals.contains(NodeFigure.CI95) ? " otherwise" : ""));
        }
        out.append(sources.isEmpty() ? "" : ": " + String.join("; ", sources)).append(".\n");
        out.append(markdown ? "\n" : "").append("The fleet median's brackets are the lowest and highest node; MAD is the"
                + " median absolute deviation from the median.\n");
        out.append(markdown ? "\n" : "").append("A node is suspect when it is below the median by more than both its"
                + " own interval and 3 × 1.4826 × MAD (\"suspect below\").\n");
        summaries.forEach((p, s) -> {
            if (s.note() != null) {
                out.append(markdown ? "\n" : "").append("Note: ").append(s.note()).append(".\n");
            }
        });
        return out.toString();
    }

    /**
     * A progress line, e.g. "[1 done, 0 failed, 1 running, 0 pending] node2 (job 4712): running" or "... node3 (job
     * 4713): failed, the job reached its time limit; log /shared/fleet/logs/node3-4713.log".
     */
    public static String progressLine(FleetCalibration.NodeProgress p, FleetCalibration.Counts c) {
        return "[" + c.done() + " done, " + c.failed() + " failed, " + c.running() + " running, " + c.pending()
                + " pending] " + p.node() + (p.jobId() == null ? "" : " (job " + p.jobId() + ")") + ": "
                + p.phase().name().toLowerCase(Locale.ROOT)
                + (p.detail() == null || p.detail().isEmpty() ? "" : ", " + p.detail());
    }

    /** The suspect nodes with their reasons, or a line saying there are none. */
    static String suspects(Map<String, FleetReport.PrecisionSummary> summaries) {
        List<NodeFigure> all = summaries.values().stream().flatMap(s -> s.suspects().stream()).toList();
        if (all.isEmpty()) {
            return summaries.isEmpty() ? "No node left a profile to compare.\n"
                    : "No suspect node: none is below the fleet median by more than both its interval and 3 × 1.4826 × MAD.\n";
        }
        StringBuilder out = new StringBuilder("Suspect nodes:\n");
        for (NodeFigure f : all) {
            out.append("  ").append(f.node()).append(": ").append(f.reason()).append('\n');
        }
        return out.toString();
    }
}
