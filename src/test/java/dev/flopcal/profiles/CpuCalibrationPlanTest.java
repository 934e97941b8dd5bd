package dev.flopcal.profiles;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.flopcal.kernels.Precision;
import dev.flopcal.kernels.VectorGemm;

class CpuCalibrationPlanTest {

    @Test
    void recordsTheBlockingEachPrecisionRunsWith() {
        Map<String, String> b = CpuCalibration.blocking("49152/2097152", List.of(Precision.FP64, Precision.FP32,
                Precision.INT8)).orElseThrow();
        assertEquals(List.of("fp64", "fp32", "int8"), List.copyOf(b.keySet()));
        assertEquals(VectorGemm.forCaches(Precision.FP64, 49152, 2097152).toString(), b.get("fp64"));
        assertEquals(VectorGemm.forCaches(Precision.FP32, 49152, 2097152).toString(), b.get("fp32"));
    }
}
