package dev.flopcal.estimation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.flopcal.core.InvalidInputException;
import dev.flopcal.core.Precision;

class JobFileTest {
    private static EstimateRequest read(String json) throws IOException {
        return JobFile.read(new StringReader(json), "job.json");
    }

    private static String failure(String json) {
        return assertThrows(InvalidInputException.class, () -> read(json)).getMessage();
    }

    @Test
    void keysAreTheLongFlagNamesInCamelCase() throws IOException {
        EstimateRequest r = read("""
                {"params": 7e9, "tokens": 2000000000000, "activeParams": 1e9, "dModel": 4096, "seqLen": 2048,
                 "layers": 32, "recompute": true, "profile": "a100-sxm-80gb", "devices": 256,
                 "tokensPerSecondPerDevice": 3100.5, "price": 2.5, "pricing": "spot", "powerW": 400}
                """);
        assertEquals(7e9, r.job().params());
        assertEquals(2e12, r.job().tokens());
        assertEquals(4096, r.job().dModel());
        assertEquals(Boolean.TRUE, r.job().recompute());
        assertEquals(256, r.hardware().devices());
        assertEquals(3100.5, r.throughput().tokensPerSecondPerDevice());
        assertEquals(PricingModel.SPOT, r.pricing().pricing());
        assertEquals(400.0, r.energy().powerW());
        assertNull(r.duration().days());
        assertTrue(JobFile.keys().containsAll(List.of("dModel", "tokensPerSecondPerDevice",
                "operationsUsdPerYear", "carbonIntensity")));
    }

    @Test
    void malformedJsonNamesFileLineAndColumn() {
        String message = failure("{\n  \"devices\": 512,\n  \"days\" 14\n}\n");
        assertTrue(message.startsWith("job file job.json, line 3, column 10: malformed JSON"), message);
    }

    @Test
    void unknownKeyIsNamedWithItsPosition() {
        String message = failure("{\"devices\": 8,\n \"devcies\": 8}");
        assertTrue(message.contains("line 2"), message);
        assertTrue(message.contains("unknown key 'devcies'"), message);
        assertTrue(message.contains("known keys: flops, params"), message);
    }

    @Test
    void valuesOfTheWrongTypeAreRejected() {
        assertTrue(failure("{\"devices\": 2.5}").contains("bad value for 'devices'"));
        assertTrue(failure("{\"price\": \"5\"}").contains("bad value for 'price'"));
        assertTrue(failure("{\"devices\": 8, \"devices\": 9}").contains("devices"));
        assertTrue(failure("[1, 2]").contains("line 1"));
        assertTrue(failure("{\"days\": 1} {\"days\": 2}").contains("line 1"));
    }

    @Test
    void wordsAreParsedAsTheCommandLineParsesThem() throws IOException {
        EstimateRequest r = read("{\"mode\": \"Adapter\", \"precision\": \"FP32\", \"pricing\": \"on-premises\"}");
        assertEquals(WorkloadMode.ADAPTER, r.job().mode());
        assertEquals(Precision.FP32, r.hardware().precision());
        assertEquals(PricingModel.ON_PREMISES, r.pricing().pricing());
        assertEquals("--pricing 'cheap': expected one of on-demand, reserved, spot, on-prem",
                failure("{\"pricing\": \"cheap\"}"));
        assertTrue(failure("{\"mode\": {\"a\": 1}}").contains("bad value for 'mode'"));
    }

    @Test
    void keysFollowTheConcernsInTheOrderOfTheHelp() {
        assertEquals(57, JobFile.keys().size());
        assertEquals(List.of("flops", "params", "activeParams"), JobFile.keys().subList(0, 3));
        assertEquals("budget", JobFile.keys().getLast());
    }

    @Test
    void missingFileIsBadInput(@TempDir Path dir) {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> JobFile.read(dir.resolve("no.json")));
        assertTrue(e.getMessage().contains("no.json does not exist"), e.getMessage());
    }

    @Test
    void readsFromAFile(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("job.json"), "{\"devices\": 512, \"days\": 14, \"price\": 5}");
        assertEquals(512, JobFile.read(file).hardware().devices());
    }

    @Test
    void flagsOverrideTheFileAndDropOptionsThatDecideTheSameThing() throws IOException {
        EstimateRequest file = read("{\"devices\": 512, \"days\": 14, \"price\": 5, \"params\": 7e9, \"tokens\": 1e12,"
                + " \"utilization\": 0.4}");
        EstimateRequest merged = file.overriddenBy(read("{\"price\": 10, \"hours\": 100}"));
        assertEquals(10.0, merged.pricing().price());
        assertEquals(100.0, merged.duration().hours());
        assertNull(merged.duration().days(), "--hours replaces the file's days");
        assertEquals(512, merged.hardware().devices());
        EstimateRequest flops = file.overriddenBy(read("{\"flops\": 1e22, \"tokensPerSecondPerDevice\": 900}"));
        assertNull(flops.job().params(), "--flops replaces the file's model size");
        assertNull(flops.throughput().utilization(), "--tokens-per-second-per-device replaces the file's utilization");
        assertEquals(1e12, flops.job().tokens());
        assertEquals(file, file.overriddenBy(EstimateRequest.EMPTY));
    }
}
