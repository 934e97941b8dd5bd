package dev.flopcal.kernels;

import java.util.SplittableRandom;

import dev.flopcal.core.Precision;

/**
 * The operands of one matrix product C = A·B in one precision: A is m×k, B is k×n and C is m×n, all dense and
 * row-major. The arrays are the caller's buffers: kernels read {@code a} and {@code b} and overwrite {@code c}.
 *
 * <p>The accessors {@link #a(int, int)}, {@link #b(int, int)} and {@link #c(int, int)} decode single elements to
 * {@code double} for checking; they are not meant for hot loops.
 */
public sealed interface GemmOperands {

    Precision precision();

    int m();

    int n();

    int k();

    /** Element (i, p) of A, decoded exactly. */
    double a(int i, int p);

    /** Element (p, j) of B, decoded exactly. */
    double b(int p, int j);

    /** Element (i, j) of C, decoded exactly. */
    double c(int i, int j);

    /** Sets every element of C to zero. */
    void clearOutput();

    /**
     * Bytes of A, B and C of an m×k by k×n product as the kernels store them: A and B in the precision's own width,
     * C in fp64 for fp64, in fp32 for the floating-point formats below it and in int32 for int8.
     *
     * @throws IllegalArgumentException if the precision has no JVM kernel
     */
    static long bytes(Precision precision, int m, int n, int k) {
        if (!precision.isMeasurable()) {
            throw new IllegalArgumentException(precision.id() + " has no JVM GEMM kernel");
        }
        long in = precision.bits() / 8, out = precision == Precision.FP64 ? 8 : 4;
        return in * ((long) m * k + (long) k * n) + out * ((long) m * n);
    }

    /** Arithmetic operations of one product, 2·m·n·k (a multiply and an add per term). */
    default long operations() {
        return 2L * m() * n() * k();
    }

    /**
     * Operands filled with seeded pseudo-random values: uniform in [-1, 1) for floating-point formats (rounded to
     * the format), uniform over all 256 values for int8. C starts at zero.
     *
     * @throws IllegalArgumentException if a dimension is not positive, the matrices would not fit in a Java
     *                                  array, or the precision has no JVM kernel
     */
    static GemmOperands random(Precision precision, int m, int n, int k, long seed) {
        checkShape(m, n, k);
        SplittableRandom random = new SplittableRandom(seed);
        return switch (precision) {
            case FP64 -> {
                double[] a = new double[m * k], b = new double[k * n];
                for (int i = 0; i < a.length; i++) a[i] = random.nextDouble(-1, 1);
                for (int i = 0; i < b.length; i++) b[i] = random.nextDouble(-1, 1);
                yield new Fp64(m, n, k, a, b, new double[m * n]);
            }
            case FP32 -> {
                float[] a = new float[m * k], b = new float[k * n];
                for (int i = 0; i < a.length; i++) a[i] = (float) random.nextDouble(-1, 1);
                for (int i = 0; i < b.length; i++) b[i] = (float) random.nextDouble(-1, 1);
                yield new Fp32(m, n, k, a, b, new float[m * n]);
            }
            case BF16 -> {
                short[] a = new short[m * k], b = new short[k * n];
                for (int i = 0; i < a.length; i++) a[i] = Bf16.fromFloat((float) random.nextDouble(-1, 1));
                for (int i = 0; i < b.length; i++) b[i] = Bf16.fromFloat((float) random.nextDouble(-1, 1));
                yield new Bf16Operands(m, n, k, a, b, new float[m * n]);
            }
            case FP16 -> {
                short[] a = new short[m * k], b = new short[k * n];
                for (int i = 0; i < a.length; i++) a[i] = Float.floatToFloat16((float) random.nextDouble(-1, 1));
                for (int i = 0; i < b.length; i++) b[i] = Float.floatToFloat16((float) random.nextDouble(-1, 1));
                yield new Fp16(m, n, k, a, b, new float[m * n]);
            }
            case INT8 -> {
                byte[] a = new byte[m * k], b = new byte[k * n];
                for (int i = 0; i < a.length; i++) a[i] = (byte) random.nextInt(256);
                for (int i = 0; i < b.length; i++) b[i] = (byte) random.nextInt(256);
                yield new Int8(m, n, k, a, b, new int[m * n]);
            }
            default -> throw new IllegalArgumentException(
                    "precision " + precision + " has no JVM kernel; measurable: " + Precision.measurable());
        };
    }

    private static void checkShape(int m, int n, int k) {
        if (m <= 0 || n <= 0 || k <= 0) {
            throw new IllegalArgumentException("matrix dimensions must be positive, got m=" + m + " n=" + n + " k=" + k);
        }
        long largest = Math.max((long) m * k, Math.max((long) k * n, (long) m * n));
        if (largest > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException("matrix of " + largest + " elements exceeds a Java array (m=" + m
                    + " n=" + n + " k=" + k + ")");
        }
    }

    private static void checkLength(String name, int length, long expected) {
        if (length != expected) {
            throw new IllegalArgumentException(name + " has " + length + " elements, expected " + expected);
        }
    }

    /** fp64 inputs, fp64 accumulation and output. */
    record Fp64(int m, int n, int k, double[] a, double[] b, double[] c) implements GemmOperands {
        public Fp64 {
            checkShape(m, n, k);
            checkLength("A", a.length, (long) m * k);
            checkLength("B", b.length, (long) k * n);
            checkLength("C", c.length, (long) m * n);
        }

        public Precision precision() { return Precision.FP64; }
        public double a(int i, int p) { return a[i * k + p]; }
        public double b(int p, int j) { return b[p * n + j]; }
        public double c(int i, int j) { return c[i * n + j]; }
        public void clearOutput() { java.util.Arrays.fill(c, 0); }
    }

    /** fp32 inputs, fp32 accumulation and output. */
    record Fp32(int m, int n, int k, float[] a, float[] b, float[] c) implements GemmOperands {
        public Fp32 {
            checkShape(m, n, k);
            checkLength("A", a.length, (long) m * k);
            checkLength("B", b.length, (long) k * n);
            checkLength("C", c.length, (long) m * n);
        }

        public Precision precision() { return Precision.FP32; }
        public double a(int i, int p) { return a[i * k + p]; }
        public double b(int p, int j) { return b[p * n + j]; }
        public double c(int i, int j) { return c[i * n + j]; }
        public void clearOutput() { java.util.Arrays.fill(c, 0); }
    }

    /** bf16 inputs (raw bits), fp32 accumulation and output. */
    record Bf16Operands(int m, int n, int k, short[] a, short[] b, float[] c) implements GemmOperands {
        public Bf16Operands {
            checkShape(m, n, k);
            checkLength("A", a.length, (long) m * k);
            checkLength("B", b.length, (long) k * n);
            checkLength("C", c.length, (long) m * n);
        }

        public Precision precision() { return Precision.BF16; }
        public double a(int i, int p) { return Bf16.toFloat(a[i * k + p]); }
        public double b(int p, int j) { return Bf16.toFloat(b[p * n + j]); }
        public double c(int i, int j) { return c[i * n + j]; }
        public void clearOutput() { java.util.Arrays.fill(c, 0); }
    }

    /** IEEE binary16 inputs (raw bits), fp32 accumulation and output. */
    record Fp16(int m, int n, int k, short[] a, short[] b, float[] c) implements GemmOperands {
        public Fp16 {
            checkShape(m, n, k);
            checkLength("A", a.length, (long) m * k);
            checkLength("B", b.length, (long) k * n);
            checkLength("C", c.length, (long) m * n);
        }

        public Precision precision() { return Precision.FP16; }
        public double a(int i, int p) { return Float.float16ToFloat(a[i * k + p]); }
        public double b(int p, int j) { return Float.float16ToFloat(b[p * n + j]); }
        public double c(int i, int j) { return c[i * n + j]; }
        public void clearOutput() { java.util.Arrays.fill(c, 0); }
    }

    /** int8 inputs, exact int32 accumulation and output. */
    record Int8(int m, int n, int k, byte[] a, byte[] b, int[] c) implements GemmOperands {
        public Int8 {
            checkShape(m, n, k);
            checkLength("A", a.length, (long) m * k);
            checkLength("B", b.length, (long) k * n);
            checkLength("C", c.length, (long) m * n);
            // |sum| <= k * 128 * 128 must fit an int32 for the result to be exact
            if ((long) k * 128 * 128 > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("k=" + k + " can overflow int32 accumulation; at most "
                        + Integer.MAX_VALUE / (128 * 128) + " for int8");
            }
        }

        public Precision precision() { return Precision.INT8; }
        public double a(int i, int p) { return a[i * k + p]; }
        public double b(int p, int j) { return b[p * n + j]; }
        public double c(int i, int j) { return c[i * n + j]; }
        public void clearOutput() { java.util.Arrays.fill(c, 0); }
    }
}
