package dev.flopcal.fitting;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;

/**
 * Chooses a size model by AICc ({@link FitResult#aicc}) with a residual check: a model whose residuals, ordered by
 * size, run in fewer runs of one sign than chance allows at the 5% level has missed the data's shape and is passed
 * over while another is acceptable. Among the rest, a model within {@value #EQUIVALENT_AICC} of the lowest AICc
 * counts as equally supported, and the one with fewer parameters is kept (the usual reading of AICc differences:
 * Burnham and Anderson, Model Selection and Multimodel Inference, 2002, §2.6). Too few points to compare models
 * (AICc undefined for every candidate) keeps Hockney's two-parameter curve, and says so.
 */
public final class SizeModels {
    /** Level below which too few sign runs mark residuals as systematic. */
    static final double RUNS_LEVEL = 0.05;
    /** AICc difference within which two models are equally supported. */
    static final double EQUIVALENT_AICC = 2;

    private SizeModels() {
    }

    /**
     * One candidate's fit.
     *
     * @param model       the model
     * @param fit         its fit
     * @param aicc        its AICc, NaN when undefined
     * @param runs        runs of one sign among its residuals by size (mean residual per size), 0 when not fitted
     * @param runsP       probability of so few runs or fewer by chance (one-sided Wald-Wolfowitz, exact); NaN when
     *                    not defined (a sign missing, or not fitted)
     */
    public record Candidate(SizeModel model, FitResult fit, double aicc, int runs, double runsP) {
        /** True when the residuals run in fewer runs of one sign than chance allows at the 5% level. */
        public boolean systematic() {
            return runsP < RUNS_LEVEL;
        }
    }

    /**
     * The outcome of a selection.
     *
     * @param chosen     the model chosen
     * @param candidates every candidate, in {@link SizeModel} order
     * @param reason     how the choice was made
     */
    public record Selection(Candidate chosen, List<Candidate> candidates, String reason) {
        /** The chosen fit. */
        public FitResult fit() {
            return chosen.fit();
        }
    }

    /** Fits every {@link SizeModel} to the points and chooses one. */
    public static Selection select(List<Observation> points) {
        List<Candidate> all = new ArrayList<>();
        for (SizeModel m : SizeModel.values()) {
            FitResult f = m.fit(points);
            int[] signs = signsBySize(points, f);
            all.add(new Candidate(m, f, f.aicc(), runs(signs), runsP(signs)));
        }
        List<Candidate> comparable = all.stream().filter(c -> Double.isFinite(c.aicc())).toList();
        if (comparable.isEmpty()) {
            Candidate hockney = all.get(SizeModel.HOCKNEY.ordinal());
            return new Selection(hockney, all, "too few points to compare models by AICc (" + points.size()
                    + " points): Hockney's two-parameter curve");
        }
        List<Candidate> acceptable = comparable.stream().filter(c -> !c.systematic()).toList();
        List<Candidate> pool = acceptable.isEmpty() ? comparable : acceptable;
        Candidate lowest = pool.stream().min((a, b) -> Double.compare(a.aicc(), b.aicc())).orElseThrow();
        Candidate best = pool.stream().filter(c -> c.aicc() <= lowest.aicc() + EQUIVALENT_AICC)
                .min((a, b) -> a.model().parameters().size() != b.model().parameters().size()
                        ? Integer.compare(a.model().parameters().size(), b.model().parameters().size())
                        : Double.compare(a.aicc(), b.aicc())).orElseThrow();
        StringBuilder why = new StringBuilder(best == lowest
                ? String.format(Locale.ROOT, "lowest AICc (%.1f)", best.aicc())
                : String.format(Locale.ROOT, "AICc %.1f, within %.0f of the lowest (%s, %.1f): fewer parameters",
                        best.aicc(), EQUIVALENT_AICC, lowest.model().id(), lowest.aicc()));
        List<Candidate> passedOver = comparable.stream().filter(c -> c.systematic() && c.aicc() < best.aicc()).toList();
        if (!passedOver.isEmpty()) {
            why.append(" among models without systematic residuals; ").append(String.join(", ",
                    passedOver.stream().map(c -> c.model().id()).toList())).append(" passed over (residuals of one sign"
                    + " in long runs)");
        }
        if (acceptable.isEmpty()) {
            why.append("; every model leaves residuals of one sign in long runs");
        }
        return new Selection(best, all, why.toString());
    }

    /** Sign of the mean residual at each distinct size, ascending; 0 where not fitted. */
    static int[] signsBySize(List<Observation> points, FitResult f) {
        if (!f.hasValues()) {
            return new int[0];
        }
        double[] res = f.residuals();
        TreeMap<Double, double[]> bySize = new TreeMap<>();
        for (int i = 0; i < points.size(); i++) {
            double[] acc = bySize.computeIfAbsent(points.get(i).x(), k -> new double[2]);
            acc[0] += res[i];
            acc[1]++;
        }
        return bySize.values().stream().mapToInt(a -> (int) Math.signum(a[0] / a[1])).filter(s -> s != 0).toArray();
    }

    /** Number of runs of equal signs. */
    static int runs(int[] signs) {
        int r = signs.length == 0 ? 0 : 1;
        for (int i = 1; i < signs.length; i++) {
            if (signs[i] != signs[i - 1]) {
                r++;
            }
        }
        return r;
    }

    /**
     * P(R ≤ r) for the number of runs R in a random arrangement of the same numbers of positive and negative signs
     * (the exact Wald-Wolfowitz distribution); NaN when one sign is absent.
     */
    static double runsP(int[] signs) {
        int pos = 0, neg = 0;
        for (int s : signs) {
            if (s > 0) {
                pos++;
            } else {
                neg++;
            }
        }
        if (pos == 0 || neg == 0) {
            return Double.NaN;
        }
        int r = runs(signs);
        double total = binomial(pos + neg, pos);
        double p = 0;
        for (int k = 2; k <= r; k++) {
            p += arrangements(k, pos, neg) / total;
        }
        return Math.min(1, p); // the sum over every possible run count rounds to a hair above 1
    }

    /** Arrangements of n1 and n2 signs with exactly k runs. */
    private static double arrangements(int k, int n1, int n2) {
        if (k % 2 == 0) {
            int m = k / 2;
            return 2 * binomial(n1 - 1, m - 1) * binomial(n2 - 1, m - 1);
        }
        int m = (k - 1) / 2;
        return binomial(n1 - 1, m) * binomial(n2 - 1, m - 1) + binomial(n1 - 1, m - 1) * binomial(n2 - 1, m);
    }

    private static double binomial(int n, int k) {
        if (k < 0 || k > n) {
            return 0;
        }
        double b = 1;
        for (int i = 1; i <= k; i++) {
            b = b * (n - k + i) / i;
        }
        return b;
    }
}
