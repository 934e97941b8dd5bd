package dev.flopcal.kernels;

import java.lang.reflect.Constructor;
import java.util.logging.Logger;

/**
 * Chooses the kernel implementations once: the Vector API kernels when the {@code jdk.incubator.vector} module
 * is in the boot layer, their plain-Java twins ({@link ScalarGemm}, {@link ScalarProbes},
 * {@link ScalarStreams}) otherwise, with a
 * logged hint. The system property {@code flopcal.kernels=scalar} forces the scalar twins.
 */
public final class Kernels {
    private static final Logger LOG = Logger.getLogger(Kernels.class.getName());
    private static final boolean VECTOR = detect();

    private Kernels() {
    }

    /** True when the Vector API kernels are in use. */
    public static boolean vectorAvailable() {
        return VECTOR;
    }

    /**
     * A GEMM over {@code threads} threads with default blocking.
     *
     * @throws IllegalArgumentException if threads &lt; 1
     */
    public static Gemm gemm(int threads) {
        return VECTOR ? newVector(threads, null, null) : scalar(threads);
    }

    /** A GEMM with explicit blocking for the fp32-panel and fp64 engines (ignored by the scalar twin). */
    public static Gemm gemm(int threads, Blocking fp32, Blocking fp64) {
        return VECTOR ? newVector(threads, fp32, fp64) : scalar(threads);
    }

    /** The FMA-ceiling probes. */
    public static Probes probes() {
        if (!VECTOR) {
            return new ScalarProbes();
        }
        try {
            return (Probes) Class.forName("dev.flopcal.kernels.VectorProbes").getConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot create the Vector API probes", e);
        }
    }

    /** The bandwidth kernels. */
    public static Streams streams() {
        if (!VECTOR) {
            return new ScalarStreams();
        }
        try {
            return (Streams) Class.forName("dev.flopcal.kernels.VectorStreams").getConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot create the Vector API bandwidth kernels", e);
        }
    }

    private static Gemm scalar(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("thread count must be at least 1, got " + threads);
        }
        return new ScalarGemm();
    }

    private static Gemm newVector(int threads, Blocking fp32, Blocking fp64) {
        // reflection keeps this class loadable where jdk.incubator.vector is absent
        try {
            Class<?> type = Class.forName("dev.flopcal.kernels.VectorGemm");
            if (fp32 == null) {
                Constructor<?> c = type.getConstructor(int.class);
                return (Gemm) c.newInstance(threads);
            }
            Constructor<?> c = type.getConstructor(int.class, Blocking.class, Blocking.class);
            return (Gemm) c.newInstance(threads, fp32, fp64);
        } catch (java.lang.reflect.InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException("cannot create the Vector API kernels", e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot create the Vector API kernels", e);
        }
    }

    private static boolean detect() {
        if ("scalar".equals(System.getProperty("flopcal.kernels"))) {
            return false;
        }
        boolean present = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
        if (!present) {
            LOG.warning("jdk.incubator.vector is not available: using plain-Java kernels, which are much slower;"
                    + " run java with --add-modules jdk.incubator.vector");
        }
        return present;
    }
}
