package dev.flopcal.reporting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.flopcal.profiles.GapRun;
import dev.flopcal.profiles.PrecisionProfile;
import dev.flopcal.profiles.Profile;

class ResultsIndexGapTest {
    @Test
    void aProfileWithoutComparisonsHasNoTable() {
        assertEquals("", ResultsIndex.roundByRound(TestProfiles.cpu()));
    }

    @Test
    void eachComparisonIsARow() {
        Profile cpu = TestProfiles.cpu();
        Map<String, GapRun.Quartiles> ratios = new LinkedHashMap<>();
        ratios.put(GapRun.GEMM_OVER_NATIVE, new GapRun.Quartiles(0.929, 0.899, 0.976));
        ratios.put("micro-kernel/fma", new GapRun.Quartiles(0.933, 0.896, 0.968));
        ratios.put("gemm/micro-kernel", new GapRun.Quartiles(0.822, 0.8, 0.865));
        GapRun run = new GapRun(1024, 2, 200, 0.038, ratios, Map.of("gemm", List.of(1e11, 1.1e11)));
        Map<String, PrecisionProfile> precisions = new LinkedHashMap<>(cpu.precisions());
        precisions.put("fp64", precisions.get("fp64").withGap(List.of(run)));
        Profile p = new Profile(cpu.schemaVersion(), cpu.id(), cpu.device(), precisions, cpu.ceilings(), cpu.roofline(),
                cpu.nativeBlas(), cpu.notes(), cpu.provenance());
        String table = ResultsIndex.roundByRound(p);
        assertTrue(table.startsWith("Round by round (the workloads taking turns in 200 ms slices;"), table);
        assertTrue(table.contains("| fp64 | 1024 | 2 | 0.929 (0.899-0.976) | 0.933 (0.896-0.968) | 0.822 (0.800-0.865) | 2 | 3.8% |"),
                table);
    }
}
