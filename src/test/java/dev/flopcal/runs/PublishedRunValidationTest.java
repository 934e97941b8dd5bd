package dev.flopcal.runs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
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
    }

    @Test
    void reportedFlopsAreMatchedWithinThreePercentExceptFalcon() {
        PublishedRunValidation.Summary summary = PublishedRunValidation.summarize(rows);
        // GPT-3 (+0.3%), Chinchilla (+2.1%), PaLM (0.0%) match 6·N·D. Falcon-180B states 54,401 petaflop-days
        // (4.70e24) for 180e9 parameters × 3.5e12 tokens, 24% more than 6·N·D = 3.78e24; the source does not say
        // how it counted, so the miss is the data's, and the test keeps it visible rather than tuning it away.
        assertEquals(4, summary.flopsCompared());
        assertEquals(3, summary.flopsWithin3Percent());
        assertEquals(0.003, row("GPT-3 175B").flops().errorOfBase(), 0.001);
        assertEquals(0.021, row("Chinchilla 70B").flops().errorOfBase(), 0.001);
        assertEquals(0.0, row("PaLM 540B").flops().errorOfBase(), 1e-4);
        assertEquals(-0.196, row("Falcon-180B").flops().errorOfBase(), 0.001);
    }

    @Test
    void reportedDeviceHoursFallBetweenBaseAndRetryForSixOfSevenRuns() {
        PublishedRunValidation.Summary summary = PublishedRunValidation.summarize(rows);
        assertEquals(7, summary.deviceHoursCompared());
        assertEquals(6, summary.deviceHoursBetween());
        for (String model : List.of("PaLM 540B", "BLOOM 176B", "Llama 2 7B", "Llama 2 70B", "MPT-7B", "DeepSeek-V3")) {
            assertEquals(Position.BETWEEN, row(model).deviceHours().position(), model);
        }
        // Falcon-180B reports 7.0e6 device-hours ("approximate") for 6·N·D = 3.78e24 FLOPs: 0.48 effective
        // utilization on A100-40GB (0.60 with its own FLOPs figure), above the pooled mean in-run utilization of the
        // published runs (0.40) that the base assumes for hardware without runs of its own, so the base is already
        // slower than the reported run.
        assertEquals(Position.BELOW_BASE, row("Falcon-180B").deviceHours().position());
    }

    @Test
    void energyAndEmissionsAreComparedWhereReported() {
        Row bloom = row("BLOOM 176B");
        assertNotNull(bloom.energyMwh());
        assertEquals(433, bloom.energyMwh().reported());
        assertTrue(bloom.note().contains("0.057 kg/kWh"), bloom.note());
        Row gpt3 = row("GPT-3 175B");
        assertNotNull(gpt3.energyMwh());
        assertNotNull(gpt3.co2Tonnes());
        assertNull(gpt3.deviceHours(), "GPT-3's source states no device-hours");
        assertNotNull(row("Llama 2 70B").co2Tonnes());
    }

    @Test
    void markdownTableHasOneLinePerRunAndTheSummary() {
        String table = PublishedRunValidation.toMarkdown(rows);
        assertTrue(table.startsWith("| run | hardware | FLOPs reported"));
        assertEquals(rows.size() + 2, table.lines().filter(l -> l.startsWith("|")).count());
        assertTrue(table.contains("FLOPs within 3%: 3 of 4"), table);
        assertTrue(table.contains("between base and retry: 6 of 7"), table);
    }
}
