package dev.flopcal.measurement;

/** Progress of a calibration, for display. All methods are called on the calibrating thread. */
public interface CalibrationListener {

    /** A step is about to start. */
    void stepStarted(int index, int total, Step step);

    /** A step finished. */
    void stepFinished(int index, int total, StepResult result);

    /**
     * A likwid-bench run of the native bandwidth reference failed (after {@link #stepStarted} of its step): the
     * calibration goes on without the reference. The message is one line.
     */
    default void referenceFailed(String message) {
    }

    /** Output of JMH itself (only when verbose); one line, no line terminator. */
    default void jmhOutput(String line) {
    }

    /** The plan has run and more JVMs follow where figures are still too uncertain (full mode). */
    default void refinementStarted() {
    }

    /** A round-by-round comparison ({@link Mode#gapRounds()}) is about to start. */
    default void gapStarted(int index, int total, String label) {
    }

    /** A round-by-round comparison finished after {@code seconds}. */
    default void gapFinished(int index, int total, GemmGap gap, double seconds) {
    }

    /** A listener that ignores everything. */
    CalibrationListener SILENT = new CalibrationListener() {
        @Override
        public void stepStarted(int index, int total, Step step) {
        }

        @Override
        public void stepFinished(int index, int total, StepResult result) {
        }
    };
}
