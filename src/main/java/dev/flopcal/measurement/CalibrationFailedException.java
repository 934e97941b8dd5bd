package dev.flopcal.measurement;

/** A measurement step failed: a harness's correctness check, the forked JVM, or JMH itself. */
public class CalibrationFailedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public CalibrationFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
