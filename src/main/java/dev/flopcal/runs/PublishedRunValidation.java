package dev.flopcal.runs;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import dev.flopcal.core.Precision;
import dev.flopcal.hardware.AcceleratorCatalog;
import dev.flopcal.hardware.AcceleratorSpec;

/**
 * Runs the estimator on every published run it can and compares with what was reported: FLOPs, device-hours,
 * energy and emissions.
 *
 * <p>Each run is estimated as a user would ask: its parameters and tokens ({@code 6·N·D}, active parameters for
 * mixture-of-experts), its hardware at the training precision of {@link PublishedRunFitter#trainingPrecision},
 * its device count (when not stated: the smallest count whose model states fit, which the estimator names), its
 * stated MFU when it states one (else the fitted default; a hardware FLOPs utilization is not given, being kept
 * apart from MFU), its power per device and PUE when stated, and every other figure at its default. Everything
 * fitted from published runs (utilization model, typical and residual overhead) is refitted <b>without the run
 * being validated</b> (leave-one-out), so no run's range is computed from the run itself.
 *
 * <p>Energy is compared in the basis the run states it: facility energy (device energy × PUE) when the run's notes
 * state a PUE, device energy otherwise ({@link PublishedRun#statedPue()}).
 *
 * <p>Targets of issue 22: reported device-hours inside [base, retry] for all runs that report them but at most one,
 * with a median retry / base of at most 1.8; reported FLOPs within 3%.
 */
public final class PublishedRunValidation {
    /** Where a reported figure falls in the estimated range. */
    public enum Position {
        BELOW_BASE("below base"), BETWEEN("inside"), ABOVE_RETRY("above retry");

        private final String text;

        Position(String text) {
            this.text = text;
        }

        @Override
        public String toString() {
            return text;
        }
    }

    /**
     * One reported figure against the estimate.
     *
     * @param reported the published figure
     * @param base     the base scenario's figure (for FLOPs: the estimate)
     * @param retry    the retry scenario's figure (for FLOPs: the same as base)
     */
    public record Comparison(double reported, double base, double retry) {
        /** (base − reported) / reported. */
        public double errorOfBase() {
            return base / reported - 1;
        }

        /** Where {@code reported} falls between base and retry. */
        public Position position() {
            if (reported < base) {
                return Position.BELOW_BASE;
            }
            return reported <= retry ? Position.BETWEEN : Position.ABOVE_RETRY;
        }

        /** Retry / base: the width of the range. */
        public double width() {
            return retry / base;
        }
    }

    /**
     * One run's comparison; a comparison is null when the run does not report the figure or the estimator cannot
     * compute it.
     *
     * @param model       the run
     * @param hardware    its hardware id
     * @param inputs      what the estimator was given
     * @param flops       FLOPs (count)
     * @param deviceHours device-hours
     * @param energyMwh   energy in MWh, in the basis the run states ({@code energyBasis})
     * @param energyBasis "device" or "facility (PUE x)", empty without an energy comparison
     * @param co2Tonnes   emissions in tonnes CO2e
     * @param note        why something was not compared, or what was assumed
     */
    public record Row(String model, String hardware, String inputs, Comparison flops, Comparison deviceHours,
            Comparison energyMwh, String energyBasis, Comparison co2Tonnes, String note) {
    }

    /**
     * Counts against the targets.
     *
     * @param flopsCompared       runs with reported FLOPs and an estimate
     * @param flopsWithin3Percent of those, how many within 3%
     * @param deviceHoursCompared runs with reported device-hours and an estimate
     * @param deviceHoursBetween  of those, how many fall inside [base, retry]
     * @param medianWidth         median retry / base over those runs, NaN without any
     * @param outside             the runs outside their range, with where they fall
     */
    public record Summary(int flopsCompared, int flopsWithin3Percent, int deviceHoursCompared, int deviceHoursBetween,
            double medianWidth, List<String> outside) {
        public Summary {
            outside = List.copyOf(outside);
        }
    }

    private final AcceleratorCatalog catalog;
    private final PublishedRunFitter fitter;
    private final RunEstimator estimator;

    /** A validation that looks hardware up in {@code catalog} and asks {@code estimator} for each run's estimate. */
    public PublishedRunValidation(AcceleratorCatalog catalog, RunEstimator estimator) {
        this.catalog = catalog;
        this.fitter = new PublishedRunFitter(catalog);
        this.estimator = estimator;
    }

    /** Validates every run, in order. */
    public List<Row> run(List<PublishedRun> runs) {
        List<Row> rows = new ArrayList<>();
        for (PublishedRun run : runs) {
            List<PublishedRun> others = runs.stream().filter(r -> r != run).toList();
            rows.add(validate(run, fitter.fit(others)));
        }
        return rows;
    }

    private Row validate(PublishedRun run, PublishedRunFit leaveOneOut) {
        List<String> notes = new ArrayList<>();
        if (run.notes().matches("(?s).*\\bcheck\\b.*")) {
            notes.add("published-runs.csv marks a figure of this row 'check' (unconfirmed; see its notes)");
        }
        boolean hasWorkload = !Double.isNaN(run.params()) && !Double.isNaN(run.tokens());
        if (!hasWorkload) {
            notes.add("no parameter or token count: nothing to estimate");
            return new Row(run.model(), run.hardware(), "", null, null, null, "", null, String.join("; ", notes));
        }
        Optional<AcceleratorSpec> spec = catalog.find(run.hardware());
        Precision precision = spec.map(s -> PublishedRunFitter.trainingPrecision(s).orElseThrow()).orElse(null);
        double pue = run.statedPue();
        RunEstimator.Outcome outcome = estimator.estimate(new RunEstimator.Query(run.params(), run.activeParams(),
                run.tokens(), spec.orElse(null), precision, run.devices(), run.mfu(), run.powerWPerDevice(), pue),
                leaveOneOut);
        Comparison flops = Double.isNaN(run.trainingFlops()) ? null
                : new Comparison(run.trainingFlops(), outcome.flops(), outcome.flops());
        if (spec.isEmpty()) {
            notes.add(run.hardware().isEmpty() ? "no hardware stated" : run.hardware() + " is not in accelerators.csv");
            return new Row(run.model(), run.hardware(), outcome.formula(), flops, null, null, "", null,
                    String.join("; ", notes));
        }
        StringBuilder inputs = new StringBuilder(String.format(Locale.ROOT, "%s; %s %s; %s", outcome.formula(),
                spec.get().id(), precision.id(), run.devices() > 0 ? run.devices() + " devices"
                        : outcome.devices() > 0 ? outcome.devices() + " devices (not stated: the fewest that fit)"
                        : "devices not stated"));
        inputs.append(Double.isFinite(run.mfu()) ? String.format(Locale.ROOT, "; MFU %.3f as stated", run.mfu())
                : "; utilization: fitted default");
        if (!Double.isNaN(run.tflopsPerDevice()) && Double.isNaN(run.mfu())) {
            notes.add(String.format(Locale.ROOT, "states %s TFLOP/s per device, a hardware FLOPs utilization (recomputation"
                    + " not stated): not given as MFU", plain(run.tflopsPerDevice())));
        }
        if (!Double.isNaN(run.powerWPerDevice())) {
            inputs.append(String.format(Locale.ROOT, "; %.0f W per device", run.powerWPerDevice()));
        }
        if (!Double.isNaN(pue)) {
            inputs.append(String.format(Locale.ROOT, "; PUE %s as stated", plain(pue)));
        }
        if (outcome.refusal() != null) {
            notes.add("not estimated: " + outcome.refusal());
            return new Row(run.model(), run.hardware(), inputs.toString(), flops, null, null, "", null,
                    String.join("; ", notes));
        }
        RunEstimator.Scenario base = outcome.base();
        RunEstimator.Scenario retry = outcome.retry();
        Comparison deviceHours = Double.isNaN(run.reportedDeviceHours()) ? null
                : new Comparison(run.reportedDeviceHours(), base.deviceHours(), retry.deviceHours());
        if (run.deviceHoursDerived()) {
            notes.add("reported device-hours = devices × wall-clock days × 24");
        }
        boolean facility = !Double.isNaN(pue);
        double baseEnergy = facility ? base.facilityEnergyKwh() : base.deviceEnergyKwh();
        double retryEnergy = facility ? retry.facilityEnergyKwh() : retry.deviceEnergyKwh();
        Comparison energy = Double.isNaN(run.energyMwh()) || Double.isNaN(baseEnergy) ? null
                : new Comparison(run.energyMwh(), baseEnergy / 1000, retryEnergy / 1000);
        String energyBasis = energy == null ? "" : facility ? "facility (PUE " + plain(pue) + ")" : "device";
        Comparison co2 = Double.isNaN(run.co2Tonnes()) || Double.isNaN(base.co2Kg()) ? null
                : new Comparison(run.co2Tonnes(), base.co2Kg() / 1000, retry.co2Kg() / 1000);
        if (deviceHours == null && energy == null && co2 == null) {
            notes.add(String.format(Locale.ROOT, "nothing reported to compare; estimated %.3g to %.3g device-hours",
                    base.deviceHours(), retry.deviceHours()));
        }
        if (co2 != null && energy != null) {
            notes.add(String.format(Locale.ROOT, "reported CO2 / reported energy = %.3f kg/kWh; the estimate uses the default"
                    + " %.3f per facility kWh", run.co2Tonnes() / run.energyMwh(), base.co2Kg() / base.facilityEnergyKwh()));
        }
        return new Row(run.model(), run.hardware(), inputs.toString(), flops, deviceHours, energy, energyBasis, co2,
                String.join("; ", notes));
    }

    private static String plain(double v) {
        return v == Math.rint(v) ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%s", v);
    }

    /** Counts of the rows that meet the targets. */
    public static Summary summarize(List<Row> rows) {
        int flops = 0;
        int flopsOk = 0;
        List<Double> widths = new ArrayList<>();
        int hoursOk = 0;
        List<String> outside = new ArrayList<>();
        for (Row row : rows) {
            if (row.flops() != null) {
                flops++;
                flopsOk += Math.abs(row.flops().errorOfBase()) <= 0.03 ? 1 : 0;
            }
            if (row.deviceHours() != null) {
                widths.add(row.deviceHours().width());
                if (row.deviceHours().position() == Position.BETWEEN) {
                    hoursOk++;
                } else {
                    outside.add(row.model() + " (" + row.deviceHours().position() + ")");
                }
            }
        }
        return new Summary(flops, flopsOk, widths.size(), hoursOk, median(widths), outside);
    }

    private static double median(List<Double> values) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    /** The rows as a Markdown table, with the summary underneath. */
    public static String toMarkdown(List<Row> rows) {
        StringBuilder out = new StringBuilder();
        out.append("| run | hardware | FLOPs reported | FLOPs estimated (error) | device-hours reported | base (error) | retry"
                + " | retry / base | reported in [base, retry] | energy MWh reported | base | retry | CO2 t reported | base"
                + " | retry | notes |\n");
        out.append("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (Row row : rows) {
            out.append("| ").append(row.model()).append(" | ").append(row.hardware().isEmpty() ? "-" : row.hardware());
            if (row.flops() == null) {
                out.append(" | - | -");
            } else {
                out.append(String.format(Locale.ROOT, " | %.4g | %.4g (%+.1f%%)", row.flops().reported(), row.flops().base(),
                        row.flops().errorOfBase() * 100));
            }
            Comparison h = row.deviceHours();
            if (h == null) {
                out.append(" | - | - | - | - | -");
            } else {
                out.append(String.format(Locale.ROOT, " | %.4g | %.4g (%+.0f%%) | %.4g | %.2f | %s", h.reported(), h.base(),
                        h.errorOfBase() * 100, h.retry(), h.width(), h.position()));
            }
            appendRange(out, row.energyMwh(), row.energyBasis());
            appendRange(out, row.co2Tonnes(), "");
            out.append(" | ").append(row.note().replace("|", "/")).append(" |\n");
        }
        Summary s = summarize(rows);
        out.append(String.format(Locale.ROOT, "%nFLOPs within 3%%: %d of %d runs that report FLOPs. Reported device-hours"
                + " inside [base, retry]: %d of %d runs that report device-hours (coverage %.0f%%); median retry / base"
                + " %.2f.%s%n", s.flopsWithin3Percent(), s.flopsCompared(), s.deviceHoursBetween(), s.deviceHoursCompared(),
                100.0 * s.deviceHoursBetween() / Math.max(1, s.deviceHoursCompared()), s.medianWidth(),
                s.outside().isEmpty() ? "" : " Outside: " + String.join(", ", s.outside()) + "."));
        return out.toString();
    }

    private static void appendRange(StringBuilder out, Comparison c, String basis) {
        if (c == null) {
            out.append(" | - | - | -");
            return;
        }
        out.append(" | ").append(String.format(Locale.ROOT, "%.4g", c.reported()))
                .append(basis.isEmpty() ? "" : " (" + basis + ")");
        out.append(" | ").append(String.format(Locale.ROOT, "%.4g (%+.0f%%)", c.base(), c.errorOfBase() * 100));
        out.append(" | ").append(String.format(Locale.ROOT, "%.4g", c.retry()));
    }
}
