package dev.flopcal.measurement;

import java.io.BufferedReader;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import dev.flopcal.benchmarks.ForkJvm;

/**
 * What the JVMs the calibration starts for itself ({@link StepJvm}, {@link GapJvm}) have in common: their command
 * line, and the protocol the parent and the child speak.
 *
 * <p>The protocol is JSON lines. The parent writes the request, one JSON object on one line, to the child's standard
 * input and then writes nothing more: the end of that input means the parent is gone. The child answers with
 * {@link Message}s, one JSON object per line on its standard output, tagged by {@code "type"}; lines that are not
 * messages (whatever else reaches standard output) are passed over.
 */
final class ChildJvm {
    /** How every message line starts: Jackson writes the type id first. */
    private static final String MESSAGE_START = "{\"type\":";
    // a NaN travels as the string "NaN" (Jackson's default) and is read back as NaN
    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private ChildJvm() {
    }

    /**
     * What a child reports, one per line.
     *
     * @param <R> the child's result
     */
    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
    @JsonSubTypes({@JsonSubTypes.Type(value = Message.Progress.class, name = "progress"),
        @JsonSubTypes.Type(value = Message.Result.class, name = "result"),
        @JsonSubTypes.Type(value = Message.Failure.class, name = "error")})
    sealed interface Message<R> {
        /** A line of output the parent relays while the child works (JMH's, in a verbose calibration). */
        record Progress<R>(String line) implements Message<R> {
        }

        /** A finished piece of work (a step; the comparison). */
        record Result<R>(R result) implements Message<R> {
        }

        /** The work failed; the child exits after sending this. */
        record Failure<R>(String message) implements Message<R> {
        }
    }

    /**
     * The command line up to the main class: this JVM's {@code java} and options, the harness options
     * ({@link ForkJvm#options()}) it lacks, {@code extraOptions}, this class path and {@code main}. The request goes
     * to the standard input ({@link #start}).
     */
    static List<String> command(List<String> extraOptions, Class<?> main) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> inherited = ManagementFactory.getRuntimeMXBean().getInputArguments();
        command.addAll(inherited);
        for (String option : ForkJvm.options()) {
            String name = option.split("=", 2)[0];
            if (inherited.stream().noneMatch(a -> a.startsWith(name))) {
                command.add(option);
            }
        }
        command.addAll(extraOptions);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(main.getName());
        return command;
    }

    /**
     * Starts the child and sends it the request. Its standard input stays open: closing it ends the child.
     *
     * @throws IOException when the JVM cannot be started or told its request
     */
    static Process start(ProcessBuilder builder, Object request) throws IOException {
        Process process = builder.start();
        try {
            OutputStream in = process.getOutputStream();
            in.write((encodeRequest(request) + "\n").getBytes(StandardCharsets.UTF_8));
            in.flush();
        } catch (IOException e) {
            process.destroyForcibly();
            throw e;
        }
        return process;
    }

    /**
     * In the child: reads the request from standard input, then halts the JVM with {@code status} once that input
     * ends. The parent writes nothing after the request, so the end of input means the parent is gone, and the child
     * does not outlive the calibration.
     */
    static <Q> Q request(Class<Q> type, String watchThreadName, int status) {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        try {
            line = in.readLine();
        } catch (IOException e) {
            line = null; // as the end of input
        }
        if (line == null) {
            Runtime.getRuntime().halt(status);
        }
        Thread watch = new Thread(() -> {
            try {
                while (in.read() >= 0) {
                    // nothing more is ever written; keep reading until the end
                }
            } catch (IOException e) {
                // treated as the end of input
            }
            Runtime.getRuntime().halt(status);
        }, watchThreadName);
        watch.setDaemon(true);
        watch.start();
        return decodeRequest(line, type);
    }

    /** A request as its line (without the line break). */
    static String encodeRequest(Object request) throws JsonProcessingException {
        return JSON.writeValueAsString(request);
    }

    /** The request a line holds. */
    static <Q> Q decodeRequest(String line, Class<Q> type) {
        try {
            return JSON.readValue(line, type);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("unreadable request: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * In the child: where its messages go, the process's standard output itself (a step redirects {@link System#out}
     * to capture JMH's output).
     */
    static PrintStream messageStream() {
        return new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
    }

    /** In the child: writes one message as one line, at once. */
    static void send(PrintStream out, Message<?> message) {
        out.println(encode(message));
        out.flush();
    }

    /** A message as its line (without the line break); line breaks in its texts are escaped. */
    static String encode(Message<?> message) {
        try {
            // the static type keeps the "type" tag: Jackson takes type information from the declared base type
            return JSON.writerFor(Message.class).writeValueAsString(message);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot write " + message, e);
        }
    }

    /**
     * The message a line holds, or null when the line is not a message.
     *
     * @throws IOException when a line that starts as a message is not one
     */
    static <R> Message<R> decode(String line, Class<R> resultType) throws IOException {
        if (!line.startsWith(MESSAGE_START)) {
            return null;
        }
        JavaType type = JSON.getTypeFactory().constructParametricType(Message.class, resultType);
        return JSON.readValue(line, type);
    }

    /** In the parent: reads a child's messages from its standard output. */
    static final class Messages<R> {
        private final BufferedReader lines;
        private final Class<R> resultType;

        Messages(InputStream childOutput, Class<R> resultType) {
            this.lines = new BufferedReader(new InputStreamReader(childOutput, StandardCharsets.UTF_8));
            this.resultType = resultType;
        }

        /**
         * Waits for the next message.
         *
         * @return the message, or null when the child closed its output
         * @throws IOException when the output cannot be read or holds a malformed message
         */
        Message<R> next() throws IOException {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                Message<R> message = decode(line, resultType);
                if (message != null) {
                    return message;
                }
            }
            return null;
        }
    }
}
