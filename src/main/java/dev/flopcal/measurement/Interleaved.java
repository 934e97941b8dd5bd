package dev.flopcal.measurement;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.IntConsumer;
import java.util.function.LongSupplier;

import org.apache.commons.math3.stat.descriptive.rank.Percentile;

/**
 * Runs several workloads in turn, each for a short slice, round after round, and compares them round by round.
 *
 * <p>Why: on a shared virtual machine the clock and the neighbours change from one second to the next, and two JMH
 * runs a minute apart can measure the same loop far apart (docs/measurement.md#round-by-round-comparisons). Slices
 * that follow each other within a fraction of a second see nearly the same machine, so the ratio of their rates is
 * much steadier than either rate. The result
 * keeps every round's rates and reports per-round ratios by their median and quartiles.
 *
 * <p>Not a replacement for the JMH harnesses, which are what profiles are built from: a diagnostic for questions
 * of the form "how far is A from B on this machine", such as where a GEMM loses to the FMA ceiling.
 */
public final class Interleaved {

    /**
     * A named unit of work.
     *
     * @param name       label in results, unique within a run
     * @param opsPerCall operations one call performs (FLOP, or op for integer formats), positive
     * @param call       the work; must leave an observable result so that it cannot be optimised away
     */
    public record Workload(String name, double opsPerCall, Runnable call) {
        public Workload {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(call, "call");
            if (!(opsPerCall > 0) || Double.isInfinite(opsPerCall)) {
                throw new IllegalArgumentException("operations per call of " + name + " must be positive, got "
                        + opsPerCall);
            }
        }
    }

    /**
     * The median and quartiles of the per-round ratio numerator / denominator.
     *
     * @param rounds rounds the ratio was taken over
     */
    public record Ratio(String numerator, String denominator, double median, double lowerQuartile,
                        double upperQuartile, int rounds) {
    }

    /**
     * Rates of every workload in every measured round, operations per second.
     *
     * @param names workload names, in run order
     * @param rates {@code rates[w][r]}: rate of workload w in round r
     */
    public record Result(List<String> names, double[][] rates) {
        public Result {
            names = List.copyOf(names);
            if (rates.length != names.size()) {
                throw new IllegalArgumentException(names.size() + " names but " + rates.length + " rate rows");
            }
            int rounds = -1;
            double[][] copy = new double[rates.length][];
            for (int w = 0; w < rates.length; w++) {
                if (rounds >= 0 && rates[w].length != rounds) {
                    throw new IllegalArgumentException("every workload needs the same number of rounds");
                }
                rounds = rates[w].length;
                copy[w] = rates[w].clone();
            }
            if (rounds < 1) {
                throw new IllegalArgumentException("at least one round is needed");
            }
            rates = copy;
        }

        public int rounds() {
            return rates[0].length;
        }

        /** Rates of one workload, one per round. */
        public double[] rates(String name) {
            return rates[index(name)].clone();
        }

        /** Median rate of a workload over the rounds, operations per second. */
        public double medianRate(String name) {
            return quantile(rates[index(name)], 50);
        }

        /** Per-round ratio of two workloads' rates, summarised by median and quartiles. */
        public Ratio ratio(String numerator, String denominator) {
            double[] a = rates[index(numerator)], b = rates[index(denominator)];
            double[] q = new double[a.length];
            for (int r = 0; r < q.length; r++) {
                q[r] = a[r] / b[r];
            }
            return new Ratio(numerator, denominator, quantile(q, 50), quantile(q, 25), quantile(q, 75), q.length);
        }

        private int index(String name) {
            int i = names.indexOf(name);
            if (i < 0) {
                throw new IllegalArgumentException("no workload named " + name + "; have " + names);
            }
            return i;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Result r && names.equals(r.names) && Arrays.deepEquals(rates, r.rates);
        }

        @Override
        public int hashCode() {
            return 31 * names.hashCode() + Arrays.deepHashCode(rates);
        }

        @Override
        public String toString() {
            return "Result" + names + " over " + rounds() + " rounds";
        }
    }

    private final Duration slice;
    private final int warmupRounds;
    private final int rounds;
    private final LongSupplier nanoClock;
    private final Runnable betweenSlices;

    /**
     * @param slice        time each workload runs per round (it runs whole calls, at least one)
     * @param warmupRounds rounds run first and discarded (JIT compilation, caches, clocks)
     * @param rounds       measured rounds, at least 1
     */
    public Interleaved(Duration slice, int warmupRounds, int rounds) {
        this(slice, warmupRounds, rounds, System::nanoTime);
    }

    Interleaved(Duration slice, int warmupRounds, int rounds, LongSupplier nanoClock) {
        this(slice, warmupRounds, rounds, nanoClock, () -> { });
    }

    private Interleaved(Duration slice, int warmupRounds, int rounds, LongSupplier nanoClock, Runnable betweenSlices) {
        if (slice.isNegative() || slice.isZero()) {
            throw new IllegalArgumentException("slice must be positive, got " + slice);
        }
        if (warmupRounds < 0) {
            throw new IllegalArgumentException("warm-up rounds must be at least 0, got " + warmupRounds);
        }
        if (rounds < 1) {
            throw new IllegalArgumentException("rounds must be at least 1, got " + rounds);
        }
        this.slice = slice;
        this.warmupRounds = warmupRounds;
        this.rounds = rounds;
        this.nanoClock = nanoClock;
        this.betweenSlices = Objects.requireNonNull(betweenSlices, "betweenSlices");
    }

    /**
     * A copy that runs {@code settle} after every slice, outside the timed part: for workloads that leave threads
     * busy after they return (see {@link Quiesce}).
     */
    public Interleaved settlingWith(Runnable settle) {
        return new Interleaved(slice, warmupRounds, rounds, nanoClock, settle);
    }

    /**
     * Runs the workloads round after round, in the orders of a Williams design: over every n rounds (n workloads,
     * n even) or 2n rounds (n odd), each workload runs in every slot equally often and, within a round, right after
     * each other workload equally often. Why: with one fixed order, whatever ran right after OpenBLAS measured lowest
     * in most runs of a scratch driver, which once passed for a gain of the kernels in the other slots
     * (docs/measurement.md#round-by-round-comparisons).
     *
     * @param progress told after each measured round (round number from 1)
     * @throws IllegalArgumentException if names repeat or the list is empty
     */
    public Result run(List<Workload> workloads, IntConsumer progress) {
        if (workloads.isEmpty()) {
            throw new IllegalArgumentException("no workloads to run");
        }
        List<String> names = new ArrayList<>();
        for (Workload w : workloads) {
            if (names.contains(w.name())) {
                throw new IllegalArgumentException("workload name " + w.name() + " appears twice");
            }
            names.add(w.name());
        }
        long sliceNanos = slice.toNanos();
        double[][] rates = new double[workloads.size()][rounds];
        int[][] orders = williamsOrders(workloads.size());
        for (int round = -warmupRounds; round < rounds; round++) {
            for (int w : orders[(round + warmupRounds) % orders.length]) {
                Workload workload = workloads.get(w);
                long start = nanoClock.getAsLong(), end = start + sliceNanos, now;
                long calls = 0;
                do {
                    workload.call().run();
                    calls++;
                } while ((now = nanoClock.getAsLong()) < end);
                if (round >= 0) {
                    rates[w][round] = calls * workload.opsPerCall() / ((now - start) / 1e9);
                }
                betweenSlices.run();
            }
            if (round >= 0) {
                progress.accept(round + 1);
            }
        }
        return new Result(names, rates);
    }

    /**
     * The rows of a Williams design for n treatments: row i is (b_j + i) mod n with b = 0, 1, n-1, 2, n-2, ...; for
     * odd n the reversed rows follow, since one square balances who-follows-whom only for even n.
     */
    static int[][] williamsOrders(int n) {
        int[] base = new int[n];
        for (int j = 1; j < n; j++) {
            base[j] = j % 2 == 1 ? (j + 1) / 2 : n - j / 2;
        }
        int[][] rows = new int[n % 2 == 0 ? n : 2 * n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                rows[i][j] = (base[j] + i) % n;
                if (n % 2 == 1) {
                    rows[n + i][n - 1 - j] = rows[i][j];
                }
            }
        }
        return rows;
    }

    private static double quantile(double[] values, double p) {
        if (values.length == 1) {
            return values[0];
        }
        return new Percentile().withEstimationType(Percentile.EstimationType.R_7).evaluate(values, p);
    }
}
