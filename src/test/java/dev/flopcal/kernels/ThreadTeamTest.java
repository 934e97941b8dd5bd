package dev.flopcal.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicIntegerArray;

import org.junit.jupiter.api.Test;

class ThreadTeamTest {

    @Test
    void runsTheBodyOnceOnEveryMemberEachRun() {
        try (ThreadTeam team = new ThreadTeam(3)) {
            AtomicIntegerArray counts = new AtomicIntegerArray(3);
            for (int r = 0; r < 200; r++) {
                team.run(counts::incrementAndGet);
            }
            for (int m = 0; m < 3; m++) {
                assertEquals(200, counts.get(m), "member " + m);
            }
        }
    }

    @Test
    void rethrowsAWorkersExceptionAndStaysUsable() {
        try (ThreadTeam team = new ThreadTeam(2)) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> team.run(m -> {
                if (m == 1) {
                    throw new IllegalStateException("member one failed");
                }
            }));
            assertEquals("member one failed", e.getMessage());
            AtomicIntegerArray counts = new AtomicIntegerArray(2);
            team.run(counts::incrementAndGet);
            assertEquals(1, counts.get(0));
            assertEquals(1, counts.get(1));
        }
    }

    @Test
    void slicesCoverTheRangeInAlignedContiguousRuns() {
        for (int members : new int[] {1, 2, 3, 7}) {
            for (int count : new int[] {0, 1, 11, 12, 13, 100, 1000}) {
                int expectedFrom = 0;
                for (int m = 0; m < members; m++) {
                    long s = ThreadTeam.slice(m, members, count, 12);
                    int from = ThreadTeam.sliceFrom(s), to = ThreadTeam.sliceTo(s);
                    assertEquals(expectedFrom, from, "contiguous");
                    assertTrue(from % 12 == 0 || from == count, "aligned start " + from);
                    assertTrue(to >= from);
                    expectedFrom = to;
                }
                assertEquals(count, expectedFrom, "covers " + count + " with " + members + " members");
            }
        }
    }

    @Test
    void rejectsAnEmptyTeamAndUseAfterClose() {
        assertThrows(IllegalArgumentException.class, () -> new ThreadTeam(0));
        ThreadTeam team = new ThreadTeam(2);
        team.close();
        assertThrows(IllegalStateException.class, () -> team.run(m -> { }));
    }
}
