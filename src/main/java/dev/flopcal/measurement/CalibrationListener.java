package dev.flopcal.measurement;

/** Progress of a calibration, for display. All methods are called on the calibrating thread. */
public interface CalibrationListener {

    /** A step is about to start. */
    void stepStarted(int index, int total, Step step);

    /** A step finished. */
    void stepFinished(int index, int total, StepResult result);

    /** Output of JMH itself (only when verbose); one line, no line terminator. */
    default void jmhOutput(String line) {
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
