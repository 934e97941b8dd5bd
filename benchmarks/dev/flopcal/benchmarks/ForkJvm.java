package dev.flopcal.benchmarks;

/**
 * JVM options every harness's forks need, in one place (annotation values must be compile-time constants, so each
 * harness lists the three names): the Vector API module, native access for the FFM reference, and no warning for
 * JMH's own use of {@code sun.misc.Unsafe} on JDK 25. The {@code calibrate} launcher passes the same options.
 */
final class ForkJvm {
    static final String VECTOR_MODULE = "--add-modules=jdk.incubator.vector";
    static final String NATIVE_ACCESS = "--enable-native-access=ALL-UNNAMED";
    static final String JMH_UNSAFE = "--sun-misc-unsafe-memory-access=allow";

    private ForkJvm() {
    }
}
