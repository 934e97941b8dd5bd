package dev.flopcal.cli;

/** Every exit code of the {@code calibrate} command, in one place. */
public final class ExitCodes {
    /** Success. */
    public static final int OK = 0;
    /** The command ran and failed: a measurement failed, a verification found a mismatch, an I/O error. */
    public static final int FAILURE = 1;
    /** Bad usage or bad input: unknown flag, bad value, malformed file. Nothing was written. */
    public static final int BAD_INPUT = 2;
    /** {@code estimate --budget}: the retry scenario costs more than the budget (the estimate is still printed). */
    public static final int OVER_BUDGET = 3;
    /** Interrupted (Ctrl-C): 128 + SIGINT, as shells report it. */
    public static final int INTERRUPTED = 130;

    private ExitCodes() {
    }
}
