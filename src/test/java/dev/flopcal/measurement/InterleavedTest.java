package dev.flopcal.measurement;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class InterleavedTest {

    /** A clock that only moves when a fake workload "runs": no real time is measured. */
    private static final class FakeMachine {
        long now;
        double slowdown = 1;

        Runnable work(long nanosPerCall) {
            return () -> now += Math.round(nanosPerCall * slowdown);
        }
    }

    @Test
    void ratesAreOperationsOverTheClockTimeOfEachSlice() {
        FakeMachine m = new FakeMachine();
        List<Integer> progress = new ArrayList<>();
        Runnable fast = m.work(1_000_000), slow = m.work(2_000_000);
        Interleaved runner = new Interleaved(Duration.ofMillis(10), 1, 4, () -> m.now);
        Interleaved.Result r = runner.run(List.of(
                new Interleaved.Workload("fast", 1e6, fast),
                new Interleaved.Workload("slow", 1e6, slow)),
                progress::add);
        assertEquals(List.of(1, 2, 3, 4), progress);
        assertEquals(4, r.rounds());
        assertArrayEquals(new double[] {1e9, 1e9, 1e9, 1e9}, r.rates("fast"), 1e-3);
        assertArrayEquals(new double[] {5e8, 5e8, 5e8, 5e8}, r.rates("slow"), 1e-3);
        Interleaved.Ratio q = r.ratio("fast", "slow");
        assertEquals(2.0, q.median(), 1e-12);
        assertEquals(4, q.rounds());
    }

    @Test
    void rateChangesBetweenRoundsDoNotReachThePairedRatio() {
        // the fake machine slows down after every round, as a shared VM does when a neighbour wakes up
        FakeMachine m = new FakeMachine();
        Runnable a = m.work(1_000_000), b = m.work(3_000_000);
        int[] round = {0};
        Interleaved runner = new Interleaved(Duration.ofMillis(30), 0, 5, () -> m.now);
        Interleaved.Result r = runner.run(List.of(
                new Interleaved.Workload("a", 1e6, a),
                new Interleaved.Workload("b", 1e6, b)),
                done -> m.slowdown = 1 + ++round[0] * 0.5);
        double[] rates = r.rates("a");
        assertTrue(rates[0] > 2 * rates[4], "the fake machine slowed down: " + java.util.Arrays.toString(rates));
        Interleaved.Ratio q = r.ratio("a", "b");
        assertEquals(3.0, q.median(), 1e-9);
        assertEquals(3.0, q.lowerQuartile(), 1e-9);
        assertEquals(3.0, q.upperQuartile(), 1e-9);
    }

    @Test
    void theSettleRunsAfterEverySliceOutsideTheTimedPart() {
        FakeMachine m = new FakeMachine();
        List<String> log = new ArrayList<>();
        Interleaved runner = new Interleaved(Duration.ofMillis(10), 1, 2, () -> m.now).settlingWith(() -> {
            log.add("settle");
            m.now += 50_000_000L; // a long wait that must not count against any workload
        });
        Runnable a = m.work(1_000_000), b = m.work(2_000_000);
        Interleaved.Result r = runner.run(List.of(
                new Interleaved.Workload("a", 1e6, () -> { log.add("a"); a.run(); }),
                new Interleaved.Workload("b", 1e6, () -> { log.add("b"); b.run(); })),
                done -> { });
        // 1 warm-up and 2 measured rounds, each slice followed by one settle
        assertEquals(3 * 2, log.stream().filter("settle"::equals).count());
        assertEquals("settle", log.get(log.indexOf("b") - 1));
        assertArrayEquals(new double[] {1e9, 1e9}, r.rates("a"), 1e-3);
        assertArrayEquals(new double[] {5e8, 5e8}, r.rates("b"), 1e-3);
    }

    @Test
    void roundsFollowAWilliamsDesign() {
        FakeMachine m = new FakeMachine();
        StringBuilder order = new StringBuilder();
        List<Interleaved.Workload> ws = new ArrayList<>();
        for (String name : List.of("a", "b", "c", "d")) {
            Runnable work = m.work(1_000_000);
            ws.add(new Interleaved.Workload(name, 1e6, () -> { order.append(name); work.run(); }));
        }
        Interleaved runner = new Interleaved(Duration.ofNanos(1), 1, 4, () -> m.now);
        Interleaved.Result r = runner.run(ws, done -> order.append('|'));
        // one call per slice; the warm-up round, then four measured rounds each ended by the progress mark
        assertEquals("abdc" + "bcad|" + "cdba|" + "dacb|" + "abdc|", order.toString());
        assertEquals(List.of("a", "b", "c", "d"), r.names());
        assertArrayEquals(new double[] {1e9, 1e9, 1e9, 1e9}, r.rates("d"), 1e-3);
    }

    @Test
    void everyWorkloadFollowsEveryOtherEquallyOftenWithinRounds() {
        for (int n = 1; n <= 7; n++) {
            int[][] rows = Interleaved.williamsOrders(n);
            int[][] follows = new int[n][n];
            int[][] inSlot = new int[n][n];
            for (int[] row : rows) {
                for (int j = 0; j < n; j++) {
                    inSlot[row[j]][j]++;
                    if (j > 0) {
                        follows[row[j - 1]][row[j]]++;
                    }
                }
            }
            int perSlot = rows.length / n, perPair = n == 1 ? 0 : rows.length * (n - 1) / (n * (n - 1));
            for (int a = 0; a < n; a++) {
                for (int b = 0; b < n; b++) {
                    assertEquals(perSlot, inSlot[a][b], "n=" + n + ": workload " + a + " in slot " + b);
                    assertEquals(a == b ? 0 : perPair, follows[a][b], "n=" + n + ": " + b + " right after " + a);
                }
            }
        }
    }

    @Test
    void aSlowSliceAfterOneWorkloadIsSharedByTheOthers() {
        // "n" leaves the machine slow for the next slice of its round (as OpenBLAS's spinning threads did); "x" and
        // "y" are the same kernel, so their ratio must come out 1 however the slowdown falls
        FakeMachine m = new FakeMachine();
        boolean[] afterN = {false};
        List<Interleaved.Workload> ws = new ArrayList<>();
        for (String name : List.of("n", "x", "y")) {
            ws.add(new Interleaved.Workload(name, 1e6, () -> {
                m.now += afterN[0] ? 2_000_000 : 1_000_000;
                afterN[0] = name.equals("n");
            }));
        }
        Interleaved.Result r = new Interleaved(Duration.ofNanos(1), 0, 30, () -> m.now)
                .run(ws, done -> afterN[0] = false);
        double x = 0, y = 0;
        for (int i = 0; i < 30; i++) {
            x += r.rates("x")[i];
            y += r.rates("y")[i];
        }
        assertEquals(1.0, x / y, 1e-9);
    }

    @Test
    void quartilesFollowTheR7Definition() {
        Interleaved.Result r = new Interleaved.Result(List.of("x", "y"),
                new double[][] {{1, 2, 3, 4}, {1, 1, 1, 1}});
        Interleaved.Ratio q = r.ratio("x", "y");
        assertEquals(2.5, q.median(), 1e-12);
        assertEquals(1.75, q.lowerQuartile(), 1e-12);
        assertEquals(3.25, q.upperQuartile(), 1e-12);
        assertEquals(2.5, r.medianRate("x"), 1e-12);
    }

    @Test
    void badArgumentsAreNamed() {
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> new Interleaved(Duration.ZERO, 1, 1)).getMessage().contains("PT0S"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> new Interleaved(Duration.ofMillis(1), -1, 1)).getMessage().contains("-1"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> new Interleaved(Duration.ofMillis(1), 0, 0)).getMessage().contains("got 0"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> new Interleaved.Workload("w", 0, () -> { })).getMessage().contains("w"));
        Interleaved runner = new Interleaved(Duration.ofNanos(1), 0, 1);
        Interleaved.Workload w = new Interleaved.Workload("w", 1, () -> { });
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> runner.run(List.of(w, w), i -> { })).getMessage().contains("twice"));
        assertThrows(IllegalArgumentException.class, () -> runner.run(List.of(), i -> { }));
        Interleaved.Result r = runner.run(List.of(w), i -> { });
        assertTrue(assertThrows(IllegalArgumentException.class, () -> r.ratio("w", "v")).getMessage()
                .contains("v"));
    }
}
