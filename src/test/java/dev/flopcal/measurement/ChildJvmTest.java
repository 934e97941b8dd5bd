package dev.flopcal.measurement;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.flopcal.core.Precision;

class ChildJvmTest {
    private static <R> ChildJvm.Message<R> roundTrip(ChildJvm.Message<R> message, Class<R> resultType) throws IOException {
        String line = ChildJvm.encode(message);
        assertFalse(line.contains("\n") || line.contains("\r"), line);
        return ChildJvm.decode(line, resultType);
    }

    @Test
    void progressAndErrorMessagesComeBackAsSentOnOneLineEach() throws IOException {
        ChildJvm.Message<String> progress = new ChildJvm.Message.Progress<>("# Warmup: 2 × 50 ms,\t\"quoted\"\nnext é");
        assertEquals(progress, roundTrip(progress, String.class));
        ChildJvm.Message<String> error = new ChildJvm.Message.Failure<>("precision 'fp7' is unknown\r\nsecond line");
        assertEquals(error, roundTrip(error, String.class));
    }

    @Test
    void messagesAreTaggedByType() {
        assertTrue(ChildJvm.encode(new ChildJvm.Message.Progress<>("x")).startsWith("{\"type\":\"progress\""));
        assertTrue(ChildJvm.encode(new ChildJvm.Message.Result<>(1)).startsWith("{\"type\":\"result\""));
        assertTrue(ChildJvm.encode(new ChildJvm.Message.Failure<>("x")).startsWith("{\"type\":\"error\""));
    }

    @Test
    void aStepsOutcomeComesBackWithOrWithoutItsNote() throws IOException {
        for (StepJvm.Outcome outcome : List.of(new StepJvm.Outcome("rO0ABXNy", "native BLAS: Haswell"),
                new StepJvm.Outcome("rO0ABXNy", null))) {
            ChildJvm.Message<StepJvm.Outcome> back = roundTrip(new ChildJvm.Message.Result<>(outcome), StepJvm.Outcome.class);
            assertEquals(outcome, assertInstanceOf(ChildJvm.Message.Result.class, back).result());
        }
    }

    @Test
    void aComparisonComesBackWholeWithUndefinedFiguresKept() throws IOException {
        GapJvm.Measured measured = new GapJvm.Measured(List.of(GemmGap.FMA, GemmGap.GEMM),
                new double[][] {{1.25e11, 0.1 + 0.2}, {Double.NaN, 4.9e-324}}, Double.NaN, 12, 105,
                "12x16 micro-kernel", "no native reference: libopenblas not found", "Test CPU @ 2.0GHz");
        ChildJvm.Message<GapJvm.Measured> back = roundTrip(new ChildJvm.Message.Result<>(measured), GapJvm.Measured.class);
        GapJvm.Measured m = ((ChildJvm.Message.Result<GapJvm.Measured>) back).result();
        assertEquals(measured.names(), m.names());
        assertArrayEquals(measured.rates()[0], m.rates()[0]);
        assertArrayEquals(measured.rates()[1], m.rates()[1]);
        assertTrue(Double.isNaN(m.steal()));

        GemmGap gap = m.gap(new GapJvm.Request(Precision.FP64, 40, 2, 2, 5, 1));
        assertEquals(Precision.FP64, gap.precision());
        assertEquals(40, gap.size());
        assertEquals(2, gap.threads());
        assertEquals(new GemmGap.Settle(Duration.ofMillis(12), Duration.ofMillis(105)), gap.settle());
        assertEquals("12x16 micro-kernel", gap.jvmPath());
        assertEquals("no native reference: libopenblas not found", gap.nativeNote());
        assertEquals("Test CPU @ 2.0GHz", gap.cpu());
        assertEquals(0.1 + 0.2, gap.result().rates(GemmGap.FMA)[1]);
    }

    @Test
    void anIncompleteComparisonIsRefused() {
        GapJvm.Measured partial = new GapJvm.Measured(List.of(GemmGap.FMA, GemmGap.GEMM), new double[][] {{1}}, 0, 0, 0,
                "", "", "");
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> partial.gap(new GapJvm.Request(Precision.FP32, 40, 1, 1, 5, 1)));
        assertEquals("the comparison's JVM sent an incomplete result", e.getMessage());
    }

    @Test
    void aRequestComesBackAsSent() throws IOException {
        GapJvm.Request request = new GapJvm.Request(Precision.BF16, 40, 1, 2, 5, 1);
        String line = ChildJvm.encodeRequest(request);
        assertFalse(line.contains("\n"), line);
        assertEquals(request, ChildJvm.decodeRequest(line, GapJvm.Request.class));
    }

    @Test
    void linesThatAreNotMessagesArePassedOver() throws IOException {
        String output = "WARNING: Using incubator modules: jdk.incubator.vector\n"
                + ChildJvm.encode(new ChildJvm.Message.Progress<>("a")) + "\n"
                + "{\"some\": \"harness json\"}\n"
                + ChildJvm.encode(new ChildJvm.Message.Failure<>("b")) + "\n";
        ChildJvm.Messages<String> messages = new ChildJvm.Messages<>(
                new ByteArrayInputStream(output.getBytes(StandardCharsets.UTF_8)), String.class);
        assertEquals(new ChildJvm.Message.Progress<String>("a"), messages.next());
        assertEquals(new ChildJvm.Message.Failure<String>("b"), messages.next());
        assertNull(messages.next());
    }

    @Test
    void aLineThatStartsAsAMessageButIsNoneFails() {
        assertThrows(IOException.class, () -> ChildJvm.decode("{\"type\":\"progress\", \"line\": ", String.class));
        assertThrows(IOException.class, () -> ChildJvm.decode("{\"type\":\"finished\"}", String.class));
    }
}
