package dev.flopcal.runs;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What utilization a run on a given chip reaches, from published runs: a one-way random-effects model of the log
 * in-run utilization with partial pooling across chips, and the prediction interval of a new run (not the interval
 * of a mean).
 *
 * <pre>
 *   log u_i = θ_g(i) + ε_i,   ε ~ N(0, σ²)   (run to run, within a chip)
 *   θ_g     = μ + a_g,        a ~ N(0, τ²)   (chip to chip)
 * </pre>
 * σ² is the pooled within-chip variance (n − G degrees of freedom), τ² the method-of-moments (ANOVA) estimate of
 * the between-chip variance, floored at 0. A chip's centre shrinks its own mean toward the mean of all runs by
 * w = τ² / (τ² + σ²/n_g): a chip with many runs keeps its own figure, a chip with one run is pulled toward all runs,
 * a chip with none takes the mean of all runs. The predictive variance of a new run's log utilization is σ² plus
 * the uncertainty of the centre, w·σ²/n_g + (1 − w)²·Var(μ) with Var(μ) = σ²/n + τ²/G (τ² + Var(μ) for a chip
 * without runs): wider where few runs are. Quantiles are Student-t with n − G degrees of freedom. Logs because a
 * utilization is a positive ratio whose spread is relative (0.21 to 0.55 in the shipped runs).
 *
 * <p>When every chip has one run (no within-chip degree of freedom), chips cannot be told apart from runs: the
 * model pools completely (τ² = 0, σ² = the variance of all runs, n − 1 degrees of freedom). With fewer than two
 * runs there is no spread: predictions have a centre and no interval (NaN), and say so.
 *
 * <p>Immutable.
 */
public final class UtilizationModel {
    private final ChipGroups chips;
    private final Map<String, Group> groups;
    private final int n;
    private final double mu;
    private final double sigma2;
    private final double tau2;
    private final int degreesOfFreedom;

    /**
     * The runs of one chip group.
     *
     * @param id      the group (see {@link ChipGroups})
     * @param meanLog mean log utilization of its runs
     * @param runs    each run's label with its value
     */
    public record Group(String id, double meanLog, List<String> runs) {
        public Group {
            runs = List.copyOf(runs);
        }

        /** Number of runs. */
        public int n() {
            return runs.size();
        }
    }

    /**
     * One run's utilization.
     *
     * @param hardware    the run's hardware id
     * @param utilization in-run utilization, a fraction &gt; 0
     * @param label       e.g. {@code "PaLM 540B 0.462 (MFU)"}
     */
    public record Sample(String hardware, double utilization, String label) {
    }

    private UtilizationModel(ChipGroups chips, Map<String, Group> groups, int n, double mu, double sigma2, double tau2,
            int degreesOfFreedom) {
        this.chips = chips;
        this.groups = Collections.unmodifiableMap(groups);
        this.n = n;
        this.mu = mu;
        this.sigma2 = sigma2;
        this.tau2 = tau2;
        this.degreesOfFreedom = degreesOfFreedom;
    }

    /**
     * Fits the model.
     *
     * @param samples runs with a finite, positive utilization (others are ignored)
     */
    public static UtilizationModel fit(List<Sample> samples, ChipGroups chips) {
        Map<String, List<Double>> logs = new LinkedHashMap<>();
        Map<String, List<String>> labels = new LinkedHashMap<>();
        List<Double> all = new ArrayList<>();
        for (Sample s : samples) {
            if (Double.isFinite(s.utilization()) && s.utilization() > 0) {
                String g = chips.groupOf(s.hardware());
                logs.computeIfAbsent(g, k -> new ArrayList<>()).add(Math.log(s.utilization()));
                labels.computeIfAbsent(g, k -> new ArrayList<>()).add(s.label());
                all.add(Math.log(s.utilization()));
            }
        }
        Map<String, Group> groups = new LinkedHashMap<>();
        logs.forEach((g, ys) -> groups.put(g, new Group(g, mean(ys), labels.get(g))));
        int n = all.size();
        int g = groups.size();
        double mu = n == 0 ? Double.NaN : mean(all);
        double within = 0;
        for (Map.Entry<String, List<Double>> e : logs.entrySet()) {
            double m = groups.get(e.getKey()).meanLog();
            for (double y : e.getValue()) {
                within += (y - m) * (y - m);
            }
        }
        if (n < 2) {
            return new UtilizationModel(chips, groups, n, mu, Double.NaN, 0, 0);
        }
        if (n == g) {
            // one run per chip: no within-chip spread to tell chips from runs, so pool completely
            double total = 0;
            for (double y : all) {
                total += (y - mu) * (y - mu);
            }
            return new UtilizationModel(chips, groups, n, mu, total / (n - 1), 0, n - 1);
        }
        double sigma2 = within / (n - g);
        double tau2 = 0;
        if (g > 1) {
            double between = 0;
            double sumSquares = 0;
            for (Group group : groups.values()) {
                between += group.n() * (group.meanLog() - mu) * (group.meanLog() - mu);
                sumSquares += (double) group.n() * group.n();
            }
            double n0 = (n - sumSquares / n) / (g - 1);
            tau2 = Math.max(0, (between / (g - 1) - sigma2) / n0);
        }
        return new UtilizationModel(chips, groups, n, mu, sigma2, tau2, n - g);
    }

    private static double mean(List<Double> values) {
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        return sum / values.size();
    }

    /** The prediction for a run on {@code hardwareId} (an id no run used: the mean of all runs, widest). */
    public UtilizationPrediction predict(String hardwareId) {
        String groupId = chips.groupOf(hardwareId);
        Group group = groups.get(groupId);
        int groupRuns = group == null ? 0 : group.n();
        if (n == 0) {
            return new UtilizationPrediction(hardwareId, groupId, 0, 0, Double.NaN, Double.NaN, 0,
                    "no published run states a utilization");
        }
        if (Double.isNaN(sigma2)) {
            return new UtilizationPrediction(hardwareId, groupId, groupRuns, n, Math.exp(mu), Double.NaN, 0,
                    "one published run: no spread (an interval needs at least 2)");
        }
        double varMu = sigma2 / n + tau2 / groups.size();
        double centreLog;
        double varCentre;
        if (group == null) {
            centreLog = mu;
            varCentre = tau2 + varMu;
        } else {
            double w = tau2 / (tau2 + sigma2 / group.n());
            centreLog = w * group.meanLog() + (1 - w) * mu;
            varCentre = w * sigma2 / group.n() + (1 - w) * (1 - w) * varMu;
        }
        return new UtilizationPrediction(hardwareId, groupId, groupRuns, n, Math.exp(centreLog),
                Math.sqrt(sigma2 + varCentre), degreesOfFreedom, "");
    }

    /** The groups with runs, in the order first seen. */
    public Map<String, Group> groups() {
        return groups;
    }

    /** Runs in the model. */
    public int n() {
        return n;
    }

    /** Pooled within-chip variance of the log utilization; NaN with fewer than 2 runs. */
    public double withinChipVariance() {
        return sigma2;
    }

    /** Between-chip variance of the log utilization (0: complete pooling). */
    public double betweenChipVariance() {
        return tau2;
    }

    /** Degrees of freedom of the t quantiles. */
    public int degreesOfFreedom() {
        return degreesOfFreedom;
    }
}
