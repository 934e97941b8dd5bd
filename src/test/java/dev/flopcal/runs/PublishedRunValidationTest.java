package dev.flopcal.runs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.flopcal.estimation.PublishedRunEstimator;
import dev.flopcal.hardware.AcceleratorCatalog;
import dev.flopcal.runs.PublishedRunValidation.Position;
import dev.flopcal.runs.PublishedRunValidation.Row;

class PublishedRunValidationTest {
    private static List<Row> rows;

    @BeforeAll
    static void validate() throws IOException {
        rows = new PublishedRunValidation(AcceleratorCatalog.shipped(),
                new PublishedRunEstimator(AcceleratorCatalog.shipped())).run(PublishedRuns.shipped());
        // the generated table, for the README and reviewers: target/published-run-validation.md
        Files.writeString(Path.of("target", "published-run-validation.md"), PublishedRunValidation.toMarkdown(rows));
    }

    private static Row row(String model) {
        return rows.stream().filter(r -> r.model().equals(model)).findFirst().orElseThrow();
    }

    @Test
    void everyRowIsReportedEvenWhenNothingCanBeCompared() {
        assertEquals(PublishedRuns.shipped().size(), rows.size());
        assertTrue(row("Gopher 280B").note().contains("tpu-v3 is not in accelerators.csv"));
        assertTrue(row("MegaScale 175B").note().contains("no parameter or token count"));
        assertTrue(row("OPT-175B").note().contains("nothing reported to compare"));
        assertTrue(row("OPT-175B").note().contains("hardware FLOPs utilization"), row("OPT-175B").note());
    }

    @Test
    void reportedFlopsAreMatchedWithinThreePercentForEveryRun() {
        PublishedRunValidation.Summary summary = PublishedRunValidation.summarize(rows);
        // GPT-3 3.14e23 against 6·175e9·300e9 = 3.15e23; Chinchilla 5.76e23 against 6·70e9·1.4e12 = 5.88e23; PaLM
        // 2.5272e24 = 6·540e9·780e9; Falcon-180B 43,500 petaflop-days = 3.76e24 against 6·180e9·3.5e12 = 3.78e24
        assertEquals(4, summary.flopsCompared());
        assertEquals(4, summary.flopsWithin3Percent());
        assertEquals(3.15e23 / 3.14e23 - 1, row("GPT-3 175B").flops().errorOfBase(), 1e-9);
        assertEquals(5.88e23 / 5.76e23 - 1, row("Chinchilla 70B").flops().errorOfBase(), 1e-9);
        assertEquals(0.0, row("PaLM 540B").flops().errorOfBase(), 1e-4);
        assertEquals(3.78e24 / 3.76e24 - 1, row("Falcon-180B").flops().errorOfBase(), 1e-9);
        assertTrue(row("Falcon-180B").note().contains("'check'"), row("Falcon-180B").note());
    }

    @Test
    void reportedDeviceHoursFallInsideTheRangeForEightOfElevenRunsWithAMedianWidthBelowOnePointEight() {
        PublishedRunValidation.Summary summary = PublishedRunValidation.summarize(rows);
        assertEquals(11, summary.deviceHoursCompared());
        for (String model : List.of("GPT-3 175B", "PaLM 540B", "BLOOM 176B", "Llama 2 7B", "Llama 2 13B", "Llama 2 70B",
                "MPT-7B", "DeepSeek-V3")) {
            assertEquals(Position.BETWEEN, row(model).deviceHours().position(), model);
        }
        // Falcon-180B's 7.0e6 device-hours ("approximate") for 3.76e24 FLOPs are 0.48 of the A100's peak over the
        // whole run, above the in-run MFU the other A100 runs predict; the two H100 runs, Llama 3.1 8B (0.14 of peak
        // over the whole run) and 70B (0.25), each predicted from the other, fall on either side
        assertEquals(Position.BELOW_BASE, row("Falcon-180B").deviceHours().position());
        assertEquals(Position.ABOVE_RETRY, row("Llama 3.1 8B").deviceHours().position());
        assertEquals(Position.BELOW_BASE, row("Llama 3.1 70B").deviceHours().position());
        assertEquals(8, summary.deviceHoursBetween());
        assertTrue(summary.medianWidth() <= 1.8, "median retry / base " + summary.medianWidth());
        assertTrue(summary.medianWidth() > 1.2, "median retry / base " + summary.medianWidth());
    }

    @Test
    void runsWithoutADeviceCountAreEstimatedOnTheFewestDevicesThatHoldTheirModelStates() {
        // Llama 2 70B: 70e9 × 16 bytes (bf16 Adam) / 80 GB = 14 A100-80GB
        assertTrue(row("Llama 2 70B").inputs().contains("14 devices (not stated: the fewest that fit)"),
                row("Llama 2 70B").inputs());
    }

    @Test
    void energyIsComparedInTheBasisTheRunStatesIt() {
        Row bloom = row("BLOOM 176B");
        assertNotNull(bloom.energyMwh());
        assertEquals(433, bloom.energyMwh().reported());
        assertEquals("device", bloom.energyBasis());
        // device energy = device-hours × 400 W (the A100's TDP), no PUE
        assertEquals(bloom.deviceHours().base() * 0.4 / 1000, bloom.energyMwh().base(), 1e-6);
        assertTrue(bloom.note().contains("0.057 kg/kWh"), bloom.note());
        Row gpt3 = row("GPT-3 175B");
        assertEquals("facility (PUE 1.1)", gpt3.energyBasis());
        // facility energy = device-hours × 330 W (stated) × PUE 1.1 (stated)
        assertEquals(gpt3.deviceHours().base() * 0.330 * 1.1 / 1000, gpt3.energyMwh().base(), 1e-6);
        assertEquals(Position.BETWEEN, gpt3.energyMwh().position());
        assertNotNull(gpt3.co2Tonnes());
        assertNotNull(row("Llama 2 70B").co2Tonnes());
    }

    @Test
    void markdownTableHasOneLinePerRunAndTheSummary() {
        String table = PublishedRunValidation.toMarkdown(rows);
        assertTrue(table.startsWith("| run | hardware | FLOPs reported"));
        assertEquals(rows.size() + 2, table.lines().filter(l -> l.startsWith("|")).count());
        assertTrue(table.contains("FLOPs within 3%: 4 of 4"), table);
        assertTrue(table.contains("inside [base, retry]: 8 of 11"), table);
        assertTrue(table.contains("median retry / base"), table);
    }
}
