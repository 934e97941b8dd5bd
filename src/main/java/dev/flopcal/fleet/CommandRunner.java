package dev.flopcal.fleet;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/** Runs a scheduler's command and returns what it printed; tests replace it with canned answers. */
@FunctionalInterface
public interface CommandRunner {
    /** Seconds a scheduler command may take before it is given up (a controller that hangs). */
    int TIMEOUT_SECONDS = 120;

    /**
     * What a command did.
     *
     * @param exitCode its exit code
     * @param stdout   its standard output
     * @param stderr   its standard error
     */
    record Result(int exitCode, String stdout, String stderr) {
        /** Standard error, or standard output when that is empty, stripped: the message to show. */
        public String message() {
            return (stderr.isBlank() ? stdout : stderr).strip();
        }
    }

    /**
     * Runs a command to its end.
     *
     * @param command the program and its arguments
     * @param stdin   text for its standard input, or null for none
     * @throws IOException when the program cannot be started (not installed) or does not end in time
     */
    Result run(List<String> command, String stdin) throws IOException;

    /** Runs commands as processes of this machine, found on PATH. */
    static CommandRunner processes() {
        return (command, stdin) -> {
            Process p = new ProcessBuilder(command).start();
            CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(p.getInputStream()));
            CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(p.getErrorStream()));
            try (OutputStream in = p.getOutputStream()) {
                if (stdin != null) {
                    in.write(stdin.getBytes(StandardCharsets.UTF_8));
                }
            }
            try {
                if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    throw new IOException(String.join(" ", command) + " did not end within " + TIMEOUT_SECONDS + " s");
                }
                return new Result(p.exitValue(), out.get(), err.get());
            } catch (InterruptedException e) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
                throw new IOException(String.join(" ", command) + " interrupted", e);
            } catch (ExecutionException e) {
                throw new IOException("cannot read the output of " + String.join(" ", command), e.getCause());
            }
        };
    }

    private static String read(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
