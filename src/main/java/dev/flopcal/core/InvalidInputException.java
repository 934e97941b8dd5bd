package dev.flopcal.core;

/**
 * Input a user can correct: a bad flag value, a malformed or tampered file, an unknown profile. The message
 * names the bad value (and the file, line and column where there is one) and what was expected. The command
 * line reports it with exit code 2.
 */
public class InvalidInputException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public InvalidInputException(String message) {
        super(message);
    }

    public InvalidInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
