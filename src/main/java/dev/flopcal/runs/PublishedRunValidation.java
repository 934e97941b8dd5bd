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
 * its device count (1 when not stated: device-hours do not depend on it, apart from the small failure term),
 * its reported in-run utilization when it states one (else the fitted default), its power per device when
 * stated, and every other figure at its default. The defaults fitted from published runs are refitted
 * <b>without the run being validated</b> (leave-one-out), so no run is checked against a fit of itself.
 *
 * <p>Target of issue 4: reported device-hours between the base and retry scenarios for most runs, and reported
 * FLOPs within 3%.
 */
public final class PublishedRunValidation {
    /** Where a reported figure falls in the estimated range. */
    public enum Position {
        BELOW_BASE("below base"), BETWEEN("between base and retry"), ABOVE_RETRY("above retry");

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
     * @param base the base scenario's figure (for FLOPs: the estimate)
     * @param retry the retry scenario's figure (for FLOPs: the same as base)
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
    }

    /**
     * One run's comparison; a comparison is null when the run does not report the figure or the estimator cannot
     * compute it.
     *
     * @param model the run
     * @param hardware its hardware id
     * @param inputs what the estimator was given
     * @param flops FLOPs (count)
     * @param deviceHours device-hours
     * @param energyMwh energy in MWh
     * @param co2Tonnes emissions in tonnes CO2e
     * @param note why something was not compared, or what was assumed
     */
    public record Row(String model, String hardware, String inputs, Comparison flops, Comparison deviceHours,
            Comparison energyMwh, Comparison co2Tonnes, String note) {
    }

    /**
     * Counts against the targets.
     *
     * @param flopsCompared runs with reported FLOPs and an estimate
     * @param flopsWithin3Percent of those, how many within 3%
     * @param deviceHoursCompared runs with reported device-hours and an estimate
     * @param deviceHoursBetween of those, how many fall between base and retry
     */
    public record Summary(int flopsCompared, int flopsWithin3Percent, int deviceHoursCompared, int deviceHoursBetween) {
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
        boolean hasWorkload = !Double.isNaN(run.params()) && !Double.isNaN(run.tokens());
        if (!hasWorkload) {
            notes.add("no parameter or token count: nothing to estimate");
            return new Row(run.model(), run.hardware(), "", null, null, null, null, String.join("; ", notes));
        }
        Optional<AcceleratorSpec> spec = catalog.find(run.hardware());
        int devices = run.devices() > 0 ? run.devices() : 1;
        Precision precision = spec.map(s -> PublishedRunFitter.trainingPrecision(s).orElseThrow()).orElse(null);
        RunObservation observed = fitter.observe(run);
        RunEstimator.Outcome outcome = estimator.estimate(new RunEstimator.Query(run.params(), run.activeParams(),
                run.tokens(), spec.orElse(null), precision, devices, observed.inRunUtilization(),
                run.powerWPerDevice()), leaveOneOut);
        Comparison flops = Double.isNaN(run.trainingFlops()) ? null
                : new Comparison(run.trainingFlops(), outcome.flops(), outcome.flops());
        if (spec.isEmpty()) {
            notes.add(run.hardware().isEmpty() ? "no hardware stated" : run.hardware() + " is not in accelerators.csv");
            return new Row(run.model(), run.hardware(), outcome.formula(), flops, null, null, null,
                    String.join("; ", notes));
        }
        StringBuilder inputs = new StringBuilder(String.format(Locale.ROOT, "%s; %s %s; %s devices", outcome.formula(),
                spec.get().id(), precision.id(), run.devices() > 0 ? Integer.toString(run.devices()) : "1 (not stated)"));
        if (Double.isFinite(observed.inRunUtilization())) {
            inputs.append(String.format(Locale.ROOT, "; utilization %.3f (%s)", observed.inRunUtilization(),
                    observed.inRunBasis()));
        } else {
            inputs.append("; utilization: fitted default");
        }
        if (!Double.isNaN(run.powerWPerDevice())) {
            inputs.append(String.format(Locale.ROOT, "; %.0f W per device", run.powerWPerDevice()));
        }
        if (outcome.refusal() != null) {
            notes.add("not estimated: " + outcome.refusal());
            return new Row(run.model(), run.hardware(), inputs.toString(), flops, null, null, null, String.join("; ", notes));
        }
        if (run.devices() == 0) {
            notes.add("devices not stated: 1 assumed");
        }
        RunEstimator.Scenario base = outcome.base();
        RunEstimator.Scenario retry = outcome.retry();
        Comparison deviceHours = Double.isNaN(run.reportedDeviceHours()) ? null
                : new Comparison(run.reportedDeviceHours(), base.deviceHours(), retry.deviceHours());
        if (run.deviceHoursDerived()) {
            notes.add("reported device-hours = devices × wall-clock days × 24");
        }
        Comparison energy = Double.isNaN(run.energyMwh()) || Double.isNaN(base.energyKwh()) ? null
                : new Comparison(run.energyMwh(), base.energyKwh() / 1000, retry.energyKwh() / 1000);
        Comparison co2 = Double.isNaN(run.co2Tonnes()) || Double.isNaN(base.co2Kg()) ? null
                : new Comparison(run.co2Tonnes(), base.co2Kg() / 1000, retry.co2Kg() / 1000);
        if (deviceHours == null && energy == null && co2 == null) {
            notes.add(String.format(Locale.ROOT, "nothing reported to compare; estimated %.3g to %.3g device-hours",
                    base.deviceHours(), retry.deviceHours()));
        }
        if (co2 != null && energy != null) {
            notes.add(String.format(Locale.ROOT, "reported CO2 / reported energy = %.3f kg/kWh; the estimate uses the default"
                    + " %.3f", run.co2Tonnes() / run.energyMwh(), base.co2Kg() / base.energyKwh()));
        }
        return new Row(run.model(), run.hardware(), inputs.toString(), flops, deviceHours, energy, co2,
                String.join("; ", notes));
    }

    /** Counts of the rows that meet the targets. */
    public static Summary summarize(List<Row> rows) {
        int flops = 0;
        int flopsOk = 0;
        int hours = 0;
        int hoursOk = 0;
        for (Row row : rows) {
            if (row.flops() != null) {
                flops++;
                flopsOk += Math.abs(row.flops().errorOfBase()) <= 0.03 ? 1 : 0;
            }
            if (row.deviceHours() != null) {
                hours++;
                hoursOk += row.deviceHours().position() == Position.BETWEEN ? 1 : 0;
            }
        }
        return new Summary(flops, flopsOk, hours, hoursOk);
    }

    /** The rows as a Markdown table, with the summary underneath. */
    public static String toMarkdown(List<Row> rows) {
        StringBuilder out = new StringBuilder();
        out.append("| run | hardware | FLOPs reported | FLOPs estimated (error) | device-hours reported | base | retry | where"
                + " | energy MWh reported | base | retry | CO2 t reported | base | retry | notes |\n");
        out.append("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (Row row : rows) {
            out.append("| ").append(row.model()).append(" | ").append(row.hardware().isEmpty() ? "-" : row.hardware());
            if (row.flops() == null) {
                out.append(" | - | -");
            } else {
                out.append(String.format(Locale.ROOT, " | %.4g | %.4g (%+.1f%%)", row.flops().reported(), row.flops().base(),
                        row.flops().errorOfBase() * 100));
            }
            appendRange(out, row.deviceHours(), "%.4g", true);
            appendRange(out, row.energyMwh(), "%.4g", false);
            appendRange(out, row.co2Tonnes(), "%.4g", false);
            out.append(" | ").append(row.note().replace("|", "/")).append(" |\n");
        }
        Summary s = summarize(rows);
        out.append(String.format(Locale.ROOT, "%nFLOPs within 3%%: %d of %d runs that report FLOPs. Reported device-hours"
                + " between base and retry: %d of %d runs that report device-hours.%n", s.flopsWithin3Percent(),
                s.flopsCompared(), s.deviceHoursBetween(), s.deviceHoursCompared()));
        return out.toString();
    }

    private static void appendRange(StringBuilder out, Comparison c, String format, boolean position) {
        if (c == null) {
            out.append(position ? " | - | - | - | -" : " | - | - | -");
            return;
        }
        out.append(" | ").append(String.format(Locale.ROOT, format, c.reported()));
        out.append(" | ").append(String.format(Locale.ROOT, format + " (%+.0f%%)", c.base(), c.errorOfBase() * 100));
        out.append(" | ").append(String.format(Locale.ROOT, format, c.retry()));
        if (position) {
            out.append(" | ").append(c.position());
        }
    }
}
