package dev.flopcal.kernels;

import dev.flopcal.core.Precision;

/**
 * The plain-Java twin of every GEMM kernel: a straightforward i-p-j triple loop, single-threaded, accumulating
 * in the same format as the vector kernels (fp64 for fp64, fp32 for fp32/bf16/fp16, exact int32 for int8).
 *
 * <p>It is the reference the vector kernels are tested against, and the fallback where the
 * {@code jdk.incubator.vector} module is not present.
 */
public final class ScalarGemm implements Gemm {

    @Override
    public String name() {
        return "scalar";
    }

    @Override
    public int threads() {
        return 1;
    }

    @Override
    public String path(Precision precision) {
        return switch (precision) {
            case FP64 -> "plain Java loops; fp64 multiply-add; fp64 accumulation";
            case FP32 -> "plain Java loops; fp32 multiply-add; fp32 accumulation";
            case BF16 -> "bf16 widened to fp32 per element; plain Java loops; fp32 accumulation";
            case FP16 -> "fp16 widened to fp32 per element; plain Java loops; fp32 accumulation";
            case INT8 -> "plain Java loops; exact int32 accumulation";
            default -> throw new IllegalArgumentException("no kernel for " + precision);
        };
    }

    @Override
    public void multiply(GemmOperands operands) {
        switch (operands) {
            case GemmOperands.Fp64 o -> fp64(o.m(), o.n(), o.k(), o.a(), o.b(), o.c());
            case GemmOperands.Fp32 o -> fp32(o.m(), o.n(), o.k(), o.a(), o.b(), o.c());
            case GemmOperands.Bf16Operands o -> fp32(o.m(), o.n(), o.k(), widenBf16(o.a()), widenBf16(o.b()), o.c());
            case GemmOperands.Fp16 o -> fp32(o.m(), o.n(), o.k(), widenFp16(o.a()), widenFp16(o.b()), o.c());
            case GemmOperands.Int8 o -> int8(o.m(), o.n(), o.k(), o.a(), o.b(), o.c());
        }
    }

    @Override
    public void close() {
        // no threads to stop
    }

    static void fp64(int m, int n, int k, double[] a, double[] b, double[] c) {
        for (int i = 0; i < m; i++) {
            int ci = i * n;
            java.util.Arrays.fill(c, ci, ci + n, 0);
            for (int p = 0; p < k; p++) {
                double aip = a[i * k + p];
                int bp = p * n;
                for (int j = 0; j < n; j++) {
                    c[ci + j] = Math.fma(aip, b[bp + j], c[ci + j]);
                }
            }
        }
    }

    static void fp32(int m, int n, int k, float[] a, float[] b, float[] c) {
        for (int i = 0; i < m; i++) {
            int ci = i * n;
            java.util.Arrays.fill(c, ci, ci + n, 0);
            for (int p = 0; p < k; p++) {
                float aip = a[i * k + p];
                int bp = p * n;
                for (int j = 0; j < n; j++) {
                    c[ci + j] = Math.fma(aip, b[bp + j], c[ci + j]);
                }
            }
        }
    }

    static void int8(int m, int n, int k, byte[] a, byte[] b, int[] c) {
        for (int i = 0; i < m; i++) {
            int ci = i * n;
            java.util.Arrays.fill(c, ci, ci + n, 0);
            for (int p = 0; p < k; p++) {
                int aip = a[i * k + p];
                int bp = p * n;
                for (int j = 0; j < n; j++) {
                    c[ci + j] += aip * b[bp + j];
                }
            }
        }
    }

    private static float[] widenBf16(short[] bits) {
        float[] out = new float[bits.length];
        for (int i = 0; i < bits.length; i++) {
            out[i] = Bf16.toFloat(bits[i]);
        }
        return out;
    }

    private static float[] widenFp16(short[] bits) {
        float[] out = new float[bits.length];
        for (int i = 0; i < bits.length; i++) {
            out[i] = Float.float16ToFloat(bits[i]);
        }
        return out;
    }
}
