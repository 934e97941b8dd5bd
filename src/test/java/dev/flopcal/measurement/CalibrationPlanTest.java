package dev.flopcal.measurement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.flopcal.core.InvalidInputException;
import dev.flopcal.core.Precision;
import dev.flopcal.hardware.Cache;
import dev.flopcal.hardware.Cpu;
import dev.flopcal.hardware.TestHosts;
import dev.flopcal.kernels.StreamKernel;

class CalibrationPlanTest {
    private final Cpu cpu = TestHosts.emeraldRapidsVm();
    private static final long MEMORY = 24L << 30;

    @Test
    void defaultPlanMeasuresFivePrecisionsAtFourSizesAndBothThreadCounts() {
        CalibrationPlan plan = CalibrationPlan.of(cpu, MEMORY, Mode.DEFAULT, null, null, null, "Cooperlake");
        assertEquals(Precision.measurable(), plan.precisions());
        assertEquals(List.of(128, 256, 512, 1024), plan.sizes());
        assertEquals(List.of(1, 2), plan.threads());
        assertEquals("49152/2097152", plan.caches());
        List<Step> steps = plan.steps();
        // two JVMs: FMA and bandwidth twice; GEMM at every size on 2 threads and at the largest on 1, then again at
        // the upper half of the sizes (512, 1024) on 2 threads
        assertEquals(8, steps.stream().filter(s -> s.kind() == Step.Kind.FMA).count());
        assertEquals(List.of(1024), plan.belowTopSizes());
        assertEquals(5 * 4 + 5 * 1 + 5 * 2, steps.stream().filter(s -> s.kind() == Step.Kind.GEMM).count());
        assertEquals(List.of("1024"), steps.stream().filter(s -> s.kind() == Step.Kind.GEMM
                && s.param("threads").equals("1")).map(s -> s.param("size")).distinct().toList());
        assertEquals(List.of(2), plan.replicatedThreads());
        assertEquals(List.of(512, 1024), plan.replicatedSizes());
        // native reference at n >= 1024 by default, in the first pass only, right after the JVM run of the same shape
        assertEquals(4, steps.stream().filter(s -> s.kind() == Step.Kind.NATIVE_GEMM).count());
        assertTrue(steps.stream().filter(s -> s.kind() == Step.Kind.NATIVE_GEMM).allMatch(s -> s.jvm() == 1));
        for (int i = 0; i < steps.size(); i++) {
            if (steps.get(i).kind() == Step.Kind.NATIVE_GEMM) {
                Step jvm = steps.get(i - 1);
                assertEquals(Step.Kind.GEMM, jvm.kind());
                assertEquals(jvm.param("size"), steps.get(i).param("size"));
                assertEquals(jvm.param("precision"), steps.get(i).param("precision"));
            }
        }
        // bandwidth per thread at half of L1 and L2, between L2 (2 MiB) and the thread's share of the last-level cache
        // (130 MiB): 16 MiB, the power of two below their geometric mean; and eight times the last-level cache in all
        assertEquals(List.of("L1 49152", "L2 2097152", "L3 33554432", "DRAM " + 8 * 272629760L),
                plan.bandwidth(2).stream().map(b -> b.level() + " " + b.workingSetBytes()).toList());
        assertEquals(List.of("L1 24576", "L2 1048576", "L3 16777216", "DRAM " + 8 * 272629760L),
                plan.bandwidth(1).stream().map(b -> b.level() + " " + b.workingSetBytes()).toList());
        assertTrue(steps.stream().filter(s -> s.kind() == Step.Kind.BANDWIDTH).allMatch(s -> s.param("threads").equals("2")));
        // the triad alone at every level, in both JVMs
        assertEquals(List.of("bandwidth triad L1 48 KiB t=2", "bandwidth triad L2 2 MiB t=2",
                "bandwidth triad L3 32 MiB t=2", "bandwidth triad DRAM 2.0 GiB t=2"), steps.stream()
                .filter(s -> s.kind() == Step.Kind.BANDWIDTH && s.jvm() == 1).map(Step::displayLabel).toList());
        assertEquals(List.of("bandwidth triad L1 48 KiB t=2 #2", "bandwidth triad L2 2 MiB t=2 #2",
                "bandwidth triad L3 32 MiB t=2 #2", "bandwidth triad DRAM 2.0 GiB t=2 #2"), steps.stream()
                .filter(s -> s.kind() == Step.Kind.BANDWIDTH && s.jvm() == 2).map(Step::displayLabel).toList());
    }

    @Test
    void quickPlanIsSmallAndSkipsTheNativeReferenceWhenNoneIsInstalled() {
        CalibrationPlan plan = CalibrationPlan.of(cpu, MEMORY, Mode.QUICK, null, null, null, null);
        assertEquals(List.of(256, 512), plan.sizes());
        assertEquals(List.of(2), plan.threads());
        assertEquals(4, plan.bandwidth(2).size());
        assertTrue(plan.steps().stream().noneMatch(s -> s.kind() == Step.Kind.NATIVE_GEMM));
        // per JVM pass: 2 FMA probes, 5 precisions x 2 sizes, and the triad at 4 working sets
        assertEquals(2 * (2 + 10 + 4), plan.steps().size());
        // with a native library, the reference runs at the largest size only
        CalibrationPlan withNative = CalibrationPlan.of(cpu, MEMORY, Mode.QUICK, null, null, null, "Cooperlake");
        assertEquals(List.of("512", "512"), withNative.steps().stream().filter(s -> s.kind() == Step.Kind.NATIVE_GEMM)
                .map(s -> s.param("size")).toList());
    }

    @Test
    void defaultPlanRunsTheSizesOfOneKernelAndThreadCountInOneJvmInTwoPasses() {
        CalibrationPlan plan = CalibrationPlan.of(cpu, MEMORY, Mode.DEFAULT, null, null, null, "Cooperlake");
        List<List<Step>> groups = plan.groups();
        assertEquals(plan.steps(), groups.stream().flatMap(List::stream).toList());
        // per pass: 1 FMA group, 1 bandwidth sweep, and 5 precisions x 2 thread counts in the first pass (with 4
        // native references), 5 precisions at 2 threads in the second
        assertEquals((1 + 10 + 4 + 1) + (1 + 5 + 1), groups.size());
        for (List<Step> g : groups) {
            Step first = g.get(0);
            assertTrue(g.stream().allMatch(s -> s.jvm() == first.jvm()), "a group is one JVM of one pass");
            switch (first.kind()) {
                case FMA -> assertEquals(List.of("fp32 1", "fp64 1", "fp32 2", "fp64 2"),
                        g.stream().map(s -> s.param("precision") + " " + s.param("threads")).toList());
                case NATIVE_GEMM -> assertEquals(1, g.size(), first.label());
                case GEMM -> {
                    assertEquals(first.jvm() > 1 ? List.of("512", "1024") : first.param("threads").equals("1")
                            ? List.of("1024") : List.of("128", "256", "512", "1024"),
                            g.stream().map(s -> s.param("size")).toList());
                    assertTrue(g.stream().allMatch(s -> s.kind() == Step.Kind.GEMM
                            && s.param("precision").equals(first.param("precision"))
                            && s.param("threads").equals(first.param("threads"))), first.label());
                }
                case BANDWIDTH -> assertEquals(4, g.size());
                case NATIVE_BANDWIDTH -> throw new AssertionError("no likwid-bench in this plan");
            }
        }
        // the native reference still follows the JVM run of its shape
        int fp64 = plan.steps().indexOf(plan.steps().stream()
                .filter(s -> s.kind() == Step.Kind.NATIVE_GEMM && s.param("precision").equals("fp64")).findFirst().get());
        assertEquals("gemm fp64 n=1024 t=1", plan.steps().get(fp64 - 1).label());
    }

    @Test
    void aNativeReferenceInsideTheSizesSplitsTheirJvm() {
        CalibrationPlan plan = CalibrationPlan.of(cpu, MEMORY, Mode.DEFAULT, List.of(Precision.FP32), List.of(1024, 2048),
                List.of(1), "Cooperlake");
        assertEquals(List.of("fma ceiling fp32 t=1, fma ceiling fp64 t=1", "gemm fp32 n=1024 t=1", "native sgemm n=1024 t=1",
                "gemm fp32 n=2048 t=1", "native sgemm n=2048 t=1"), plan.groups().stream().limit(5)
                .map(g -> g.stream().map(Step::label).collect(java.util.stream.Collectors.joining(", "))).toList());
    }

    @Test
    void fullPlanMeasuresEverySizeInThreeJvms() {
        CalibrationPlan plan = CalibrationPlan.of(cpu, MEMORY, Mode.FULL, null, null, null, "Cooperlake");
        assertEquals(plan.sizes(), plan.replicatedSizes());
        for (int jvm = 1; jvm <= 3; jvm++) {
            int j = jvm;
            // 5 precisions x 11 sizes x 2 thread counts
            assertEquals(110, plan.steps().stream().filter(s -> s.kind() == Step.Kind.GEMM && s.jvm() == j).count());
        }
        assertEquals(330, plan.steps().stream().filter(s -> s.kind() == Step.Kind.GEMM).count());
    }

    @Test
    void fullPlanSweepsTheTriadEveryDoublingBetweenTheLevelSetsAtEveryThreadCount() {
        CalibrationPlan plan = CalibrationPlan.of(cpu, MEMORY, Mode.FULL, null, null, null, null);
        List<CalibrationPlan.BandwidthSet> sets = plan.bandwidth(2);
        assertEquals(16 * 1024, sets.get(0).workingSetBytes());
        assertEquals(List.of(StreamKernel.TRIAD), sets.get(0).kernels());
        List<String> levels = sets.stream().filter(b -> !b.level().equals("sweep"))
                .map(b -> b.level() + " " + b.workingSetBytes()).toList();
        assertEquals(List.of("L1 49152", "L2 2097152", "L3 33554432", "DRAM " + 8 * 272629760L), levels);
        // every doubling from 16 KiB below twice the LLC, where DRAM begins to count
        List<Long> sweep = sets.stream().filter(b -> b.level().equals("sweep")).map(b -> b.workingSetBytes()).toList();
        assertEquals(16 * 1024L, sweep.get(0));
        assertTrue(sweep.get(sweep.size() - 1) < 2 * 272629760L && 2 * sweep.get(sweep.size() - 1) >= 2 * 272629760L,
                sweep.toString());
        // three JVMs, both thread counts; all four kernels at the level sets in every JVM
        assertEquals(3 * 2 * 4 * 4L, plan.steps().stream().filter(s -> s.kind() == Step.Kind.BANDWIDTH
                && !s.param("level").equals("sweep")).count());
    }

    @Test
    void theZen5LevelsSitInsideItsCaches() {
        // caches as glibc reports them, with the L3 of one CCD (LibcCaches.adjustL3)
        Cpu zen5 = TestHosts.zen5Vm(List.of(new Cache(1, "data", 49152, 64, 12),
                new Cache(2, "unified", 1048576, 64, 8),
                new Cache(3, "unified", 32L << 20, 64, 0)));
        CalibrationPlan plan = CalibrationPlan.of(zen5, MEMORY, Mode.DEFAULT, null, null, null, "Cooperlake");
        // per thread: 24 KiB, 512 KiB, 4 MiB (between 1 MiB of L2 and the 16 MiB share of L3); 256 MiB in all
        assertEquals(List.of(48L << 10, 1L << 20, 8L << 20, 256L << 20),
                plan.bandwidth(2).stream().map(CalibrationPlan.BandwidthSet::workingSetBytes).toList());
        assertEquals("49152/1048576", plan.caches());
    }

    @Test
    void likwidBenchRunsAfterEachJvmsBandwidthStepsAtTheSameSets() {
        LikwidBench likwid = new LikwidBench("/usr/bin/likwid-bench", "5.2", java.util.Map.of(StreamKernel.READ,
                "load_avx512", StreamKernel.TRIAD, "stream_avx512"), "test");
        CalibrationPlan plan = CalibrationPlan.of(cpu, MEMORY, Mode.FULL, List.of(Precision.FP32), List.of(256),
                List.of(2), null).withLikwid(likwid);
        List<List<Step>> groups = plan.groups();
        for (int i = 0; i < groups.size(); i++) {
            if (groups.get(i).get(0).kind() == Step.Kind.NATIVE_BANDWIDTH) {
                List<Step> jvm = groups.get(i - 1), reference = groups.get(i);
                assertTrue(jvm.stream().allMatch(s -> s.kind() == Step.Kind.BANDWIDTH));
                // the kernels likwid-bench has a test for, at the same sets, threads and levels
                List<String> expected = jvm.stream().filter(s -> !s.param("level").equals("sweep")
                        && (s.benchmark().endsWith(".read") || s.benchmark().endsWith(".triad"))).map(s -> s.param("workingSetBytes") + " "
                        + s.param("threads") + " " + s.param("level")).toList();
                assertEquals(expected, reference.stream().map(s -> s.param("workingSetBytes") + " "
                        + s.param("threads") + " " + s.param("level")).toList());
                assertTrue(reference.stream().allMatch(s -> s.jvm() == jvm.get(0).jvm()));
            }
        }
        assertEquals(List.of("likwid load_avx512 L1 48 KiB t=2", "likwid stream_avx512 L1 48 KiB t=2"), plan.steps()
                .stream().filter(s -> s.kind() == Step.Kind.NATIVE_BANDWIDTH).limit(2).map(Step::label).toList());
        // full mode: both kernels likwid-bench has at 4 levels in each of 3 passes
        assertEquals(3 * 2 * 4, plan.steps().stream().filter(s -> s.kind() == Step.Kind.NATIVE_BANDWIDTH).count());
        // other modes: the triad's reference alone, in each pass
        CalibrationPlan quick = CalibrationPlan.of(cpu, MEMORY, Mode.DEFAULT, List.of(Precision.FP32), List.of(256),
                null, null).withLikwid(likwid);
        assertEquals(List.of("stream_avx512"), quick.steps().stream().filter(s -> s.kind() == Step.Kind.NATIVE_BANDWIDTH)
                .map(s -> s.param("test")).distinct().toList());
        assertEquals(2 * 4, quick.steps().stream().filter(s -> s.kind() == Step.Kind.NATIVE_BANDWIDTH).count());
    }

    @Test
    void userListsAreSortedAndDeduplicated() {
        CalibrationPlan plan = CalibrationPlan.of(cpu, MEMORY, Mode.DEFAULT, List.of(Precision.INT8, Precision.INT8),
                List.of(512, 64, 512), List.of(2, 1, 2), "none");
        assertEquals(List.of(Precision.INT8), plan.precisions());
        assertEquals(List.of(64, 512), plan.sizes());
        assertEquals(List.of(1, 2), plan.threads());
        // sizes the user asks for are measured at every thread count
        assertEquals(plan.sizes(), plan.belowTopSizes());
        assertEquals(List.of("64 1", "512 1", "64 2", "512 2"), plan.pass(1).stream().flatMap(List::stream)
                .filter(s -> s.kind() == Step.Kind.GEMM).map(s -> s.param("size") + " " + s.param("threads")).toList());
    }

    @Test
    void badValuesAreRejectedByName() {
        assertMessage("size 0 is not positive", () -> plan(null, List.of(256, 0), null));
        assertMessage("size -5 is not positive", () -> plan(null, List.of(-5), null));
        assertMessage("size 9000 exceeds", () -> plan(null, List.of(9000), null));
        assertMessage("thread count 3 exceeds this machine's 2 hardware threads", () -> plan(null, null, List.of(3)));
        assertMessage("thread count 0 is not a positive integer", () -> plan(null, null, List.of(0)));
        assertMessage("precision 'tf32' has no CPU kernel", () -> plan(List.of(Precision.TF32), null, null));
        assertMessage("--sizes is empty", () -> plan(null, List.of(), null));
    }

    private CalibrationPlan plan(List<Precision> p, List<Integer> sizes, List<Integer> threads) {
        return CalibrationPlan.of(cpu, MEMORY, Mode.DEFAULT, p, sizes, threads, null);
    }

    private static void assertMessage(String expected, org.junit.jupiter.api.function.Executable e) {
        InvalidInputException x = assertThrows(InvalidInputException.class, e);
        assertTrue(x.getMessage().contains(expected), x.getMessage());
    }
}
