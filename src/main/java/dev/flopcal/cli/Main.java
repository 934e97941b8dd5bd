package dev.flopcal.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

import picocli.CommandLine;

import dev.flopcal.core.InvalidInputException;

/** Entry point of the {@code calibrate} launcher. */
public final class Main {
    private Main() {
    }

    public static void main(String... args) {
        System.exit(run(new PrintWriter(System.out, true, StandardCharsets.UTF_8),
                new PrintWriter(System.err, true, StandardCharsets.UTF_8), args));
    }

    /** Runs the command line in-process, writing to {@code out} and {@code err}; returns the exit code. */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        try {
            return configure(new CommandLine(new CalibrateCommand()), out, err).execute(args);
        } finally {
            out.flush();
            err.flush();
        }
    }

    /**
     * Applies flopcal's conventions to a command line: output writers, exit code 2 with a one-line message naming
     * the bad value for usage errors and {@link InvalidInputException}, exit code 1 for other failures.
     */
    public static CommandLine configure(CommandLine commandLine, PrintWriter out, PrintWriter err) {
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        commandLine.setParameterExceptionHandler((ex, args) -> {
            CommandLine cmd = ex.getCommandLine();
            cmd.getErr().println("calibrate: " + ex.getMessage());
            cmd.getErr().println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help' for usage.");
            return ExitCodes.BAD_INPUT;
        });
        commandLine.setExecutionExceptionHandler((ex, cmd, parseResult) -> {
            if (ex instanceof InvalidInputException) {
                cmd.getErr().println("calibrate: " + ex.getMessage());
                return ExitCodes.BAD_INPUT;
            }
            cmd.getErr().println("calibrate: " + describe(ex));
            if (Boolean.getBoolean("flopcal.debug")) {
                ex.printStackTrace(cmd.getErr());
            } else {
                cmd.getErr().println("(run with -Dflopcal.debug=true, or JAVA_OPTS=-Dflopcal.debug=true ./calibrate ..., for the stack trace)");
            }
            return ExitCodes.FAILURE;
        });
        return commandLine;
    }

    private static String describe(Throwable t) {
        String message = t.getMessage();
        return message == null || message.isBlank() ? t.getClass().getSimpleName() : message;
    }
}
