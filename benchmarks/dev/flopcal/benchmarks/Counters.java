package dev.flopcal.benchmarks;

import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Rates reported beside JMH's primary score (calls per second), normalised to time by JMH like a throughput.
 * A harness adds the work of each call; JMH divides by the measured time and computes the error.
 */
public final class Counters {
    private Counters() {
    }

    /** Arithmetic operations: FLOP for floating-point formats, integer operations for int8. JSON key "ops". */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Ops {
        public double ops;

        @Setup(Level.Iteration)
        public void reset() {
            ops = 0;
        }
    }

    /** Bytes moved to and from memory (STREAM convention). JSON key "bytes". */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Bytes {
        public double bytes;

        @Setup(Level.Iteration)
        public void reset() {
            bytes = 0;
        }
    }
}
