package dev.flopcal.kernels;

import java.util.Locale;

import jdk.incubator.vector.VectorShape;

/**
 * Architectural vector register count, which bounds how many accumulators a micro-kernel can keep without
 * spilling: 32 on x86 with AVX-512 (zmm0-31) and on AArch64 (v0-31), 16 on x86 without AVX-512.
 */
final class VectorRegisters {
    private VectorRegisters() {
    }

    static int count() {
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        if (arch.equals("aarch64") || arch.equals("arm64")) {
            return 32;
        }
        if (arch.equals("amd64") || arch.equals("x86_64")) {
            return VectorShape.preferredShape().vectorBitSize() >= 512 ? 32 : 16;
        }
        return 16;
    }
}
