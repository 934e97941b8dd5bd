package dev.flopcal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine;

import dev.flopcal.estimation.JobFile;

class EstimateCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private record Run(int exitCode, String out, String err) {
        JsonNode json() throws IOException {
            return JSON.readTree(out);
        }
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.configure(new CommandLine(new EstimateCommand()), new PrintWriter(out), new PrintWriter(err))
                .execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void seedWorkedExampleAsJson() throws IOException {
        Run run = run("--devices", "512", "--days", "14", "--price", "5", "--json");
        assertEquals(ExitCodes.OK, run.exitCode(), run.err());
        JsonNode json = run.json();
        assertEquals(860_160.0, json.get("rawComputeCostUsd").asDouble(), 0.0);
        assertEquals(172_032.0, json.at("/scenarios/base/deviceHours").asDouble(), 0.0);
        assertEquals(336.0, json.at("/scenarios/base/wallClockHours").asDouble(), 0.0);
    }

    @Test
    void jsonHasEveryFieldTheIssueRequires() throws IOException {
        Run run = run("--params", "70e9", "--tokens", "2e12", "--profile", "h100-sxm-80gb", "--devices", "512", "--price",
                "4", "--json");
        assertEquals(ExitCodes.OK, run.exitCode(), run.err());
        JsonNode json = run.json();
        assertTrue(json.isObject());
        for (String field : List.of("flops", "devices", "precision", "nominalFlopsPerDevice", "achievedFlopsPerDevice",
                "utilization", "hardwareFlops", "hardwareFlopsUtilization", "utilizationKind", "tokensPerSecondPerDevice",
                "limitedBy", "memoryPerDeviceGb", "rawComputeCostUsd", "deviceEnergyKwh", "facilityEnergyKwh", "co2Kg")) {
            assertTrue(json.hasNonNull(field), field);
        }
        assertEquals(8.4e23, json.get("flops").asDouble(), 1e9);
        assertEquals(512, json.get("devices").asInt());
        assertEquals("bf16", json.get("precision").asText());
        assertEquals(989.4e12, json.get("nominalFlopsPerDevice").asDouble(), 1);
        for (String block : List.of("specSheet", "scenarios/base", "scenarios/slow", "scenarios/retry")) {
            for (String field : List.of("wallClockHours", "deviceHours", "costUsd")) {
                assertTrue(json.at("/" + block + "/" + field).isNumber(), block + "." + field);
            }
        }
        // 70e9 parameters × 16 bytes (bf16 Adam) fully sharded over 512 devices: 70e9 × 16 / 512 / 1e9 = 2.1875 GB
        assertEquals(3, json.at("/memoryPerDeviceGb/zeroStage").asInt());
        assertEquals(70e9 * 16 / 512 / 1e9, json.at("/memoryPerDeviceGb/total").asDouble(), 1e-9);
        assertEquals(80, json.at("/memoryPerDeviceGb/available").asDouble(), 0);
        assertTrue(json.at("/memoryPerDeviceGb/fits").asBoolean());
        assertEquals(json.get("flops").asDouble(), json.get("hardwareFlops").asDouble(), 0, "no recompute");
        assertEquals("compute", json.get("limitedBy").asText());
        assertTrue(json.get("costBreakdownUsd").isObject());
        assertTrue(json.at("/costBreakdownUsd/total").isNumber());
        JsonNode assumptions = json.get("assumptions");
        assertTrue(assumptions.isObject() && assumptions.size() > 10);
        assertTrue(assumptions.at("/pue/source").asText().contains("Uptime Institute"));
        assertTrue(assumptions.at("/slowFactor/source").asText().contains("published-runs.csv"));
        assertTrue(run.out().trim().endsWith("}"), "stdout holds the JSON object and nothing else");
    }

    @Test
    void tableShowsSpecSheetBesideScenariosWithUnitsAndAssumptions() {
        Run run = run("--devices", "512", "--days", "14", "--price", "5");
        assertEquals(ExitCodes.OK, run.exitCode(), run.err());
        String out = run.out();
        assertTrue(out.contains("860,160"), out);
        for (String expected : List.of("spec sheet", "base", "slow", "retry", "Device-hours", "Cost (USD)", "Device kWh",
                "Raw compute cost", "Assumptions", "USD/GB-month", "Llama 3", "336.0 h (14.0 d)")) {
            assertTrue(out.contains(expected), expected);
        }
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "--devices 0 --days 14                                   | --devices 0",
        "--devices -4 --days 14                                  | --devices -4",
        "--devices NaN --days 14                                 | 'NaN'",
        "--devices 8 --params 0 --tokens 1e12                    | --params 0",
        "--devices 8 --params -7e9 --tokens 1e12                 | --params -7000000000",
        "--devices 8 --params NaN --tokens 1e12                  | --params NaN",
        "--devices 8 --params 7e9 --tokens 0                     | --tokens 0",
        "--devices 8 --params 7e9 --tokens -1                    | --tokens -1",
        "--devices 8 --params 7e9 --tokens NaN                   | --tokens NaN",
        "--devices 8 --days 0                                    | --days 0",
        "--devices 8 --days -3                                   | --days -3",
        "--devices 8 --days NaN                                  | --days NaN",
        "--devices 8 --days 14 --price 0                         | --price 0",
        "--devices 8 --days 14 --price -5                        | --price -5",
        "--devices 8 --days 14 --price NaN                       | --price NaN",
        "--devices 8 --days 1 --profile h100-sxm-81gb            | 'h100-sxm-81gb'",
        "--devices 8 --days 1 --profile tpu-v4 --precision fp32  | tpu-v4 has no fp32",
        "--devices 8 --days 1 --precision fp4                    | 'fp4'",
        "--devices 8 --days 1 --hours 24                         | --days 1 contradicts --hours 24",
        "--devices 8 --flops 1e23 --params 7e9 --tokens 1e12     | --flops 1e23 contradicts --params 7000000000",
        "--devices 8 --flops 1e21 --profile h100-sxm-80gb --utilization 1.5 | --utilization 1.5",
        "--devices 8 --days 1 --pricing cheap                    | --pricing 'cheap'",
        "--devices 8 --days 1 --price 2 --spot-discount 0.5      | --spot-discount 0.5 applies to --pricing spot",
        "--devices 8 --params 7e9 --tokens 1e12 --zero-stage 4   | --zero-stage 4",
        "--devices 8 --params 7e9 --tokens 1e12 --optimizer adagrad | --optimizer 'adagrad'",
        "--devices 8 --params 7e9 --tokens 1e12 --profile h100-sxm-80gb --utilization 0.4 --utilization-kind xfu"
                + " | --utilization-kind 'xfu'",
        "--devices 8 --params 7e9 --tokens 1e12 --profile h100-sxm-80gb --utilization-kind hfu"
                + " | --utilization-kind hfu says which FLOPs --utilization counts",
        "--devices 8 --params 7e9 --tokens 1e12 --batch-size 4   | --batch-size 4 applies to --mode inference",
        "--devices 8 --days 1 --zero-stage 3                     | --zero-stage 3 needs --params",
        "--devices 6 --params 7e9 --tokens 1e12 --profile h100-sxm-80gb --tensor-parallel 4"
                + " | --devices 6 is not a multiple of --tensor-parallel 4",
        "--devices 2 --params 70e9 --tokens 1e12 --profile h100-sxm-80gb | at least 14 devices are needed",
    })
    void badInputExitsWithTwoNamingTheValue(String args, String expected) {
        Run run = run(args.trim().split("\\s+"));
        assertEquals(ExitCodes.BAD_INPUT, run.exitCode(), run.out() + run.err());
        assertTrue(run.err().contains(expected), "expected '" + expected + "' in: " + run.err());
        assertEquals("", run.out(), "nothing printed on stdout");
    }

    @Test
    void malformedJobFileExitsWithTwoNamingLineAndColumn(@TempDir Path dir) throws IOException {
        Path job = Files.writeString(dir.resolve("job.json"), "{\n  \"devices\": 512,\n  \"days\": 14,\n  \"price\": 5,\n}\n");
        Run run = run("--job", job.toString());
        assertEquals(ExitCodes.BAD_INPUT, run.exitCode());
        assertTrue(run.err().contains("job file " + job + ", line 5, column 1"), run.err());
        Path unknown = Files.writeString(dir.resolve("unknown.json"), "{\"devices\": 512,\n \"gpus\": 8}");
        Run unknownRun = run("--job", unknown.toString());
        assertEquals(ExitCodes.BAD_INPUT, unknownRun.exitCode());
        assertTrue(unknownRun.err().contains("line 2") && unknownRun.err().contains("unknown key 'gpus'"), unknownRun.err());
    }

    @Test
    void flagsOverrideTheJobFile(@TempDir Path dir) throws IOException {
        Path job = Files.writeString(dir.resolve("job.json"), "{\"devices\": 512, \"days\": 14, \"price\": 5}");
        assertEquals(860_160.0, run("--job", job.toString(), "--json").json().get("rawComputeCostUsd").asDouble(), 0.0);
        assertEquals(1_720_320.0, run("--job", job.toString(), "--price", "10", "--json").json().get("rawComputeCostUsd")
                .asDouble(), 0.0);
        assertEquals(430_080.0, run("--job", job.toString(), "--hours", "168", "--json").json().get("rawComputeCostUsd")
                .asDouble(), 0.0);
    }

    @Test
    void budgetBelowTheRetryCostExitsWithThreeAfterPrintingInFull() throws IOException {
        Run over = run("--devices", "512", "--days", "14", "--price", "5", "--budget", "1000000", "--json");
        assertEquals(ExitCodes.OVER_BUDGET, over.exitCode());
        JsonNode json = over.json();
        assertTrue(json.at("/budget/exceeded").asBoolean());
        assertEquals(860_160.0, json.get("rawComputeCostUsd").asDouble(), 0.0);
        assertTrue(over.err().contains("exceeds --budget 1000000 USD"), over.err());

        Run table = run("--devices", "512", "--days", "14", "--price", "5", "--budget", "1000000");
        assertEquals(ExitCodes.OVER_BUDGET, table.exitCode());
        assertTrue(table.out().contains("EXCEEDS the budget") && table.out().contains("Assumptions"), table.out());

        Run within = run("--devices", "512", "--days", "14", "--price", "5", "--budget", "5000000", "--json");
        assertEquals(ExitCodes.OK, within.exitCode());
        assertFalse(within.json().at("/budget/exceeded").asBoolean());
    }

    @Test
    void helpListsTheOptions() {
        Run run = run("--help");
        assertEquals(ExitCodes.OK, run.exitCode());
        for (String option : List.of("--job", "--flops", "--active-params", "--d-model", "--recompute", "--mode",
                "--optimizer", "--zero-stage", "--tensor-parallel", "--pipeline-parallel", "--micro-batch-size",
                "--utilization-kind", "--batch-size", "--context-tokens", "--prompt-tokens", "--weight-bytes-per-param",
                "--tokens-per-second-per-device", "--pricing", "--purchase-price", "--device-mtbf-hours",
                "--exploration-multiplier", "--orchestration-fraction", "--power-fraction", "--carbon-intensity",
                "--budget", "--json")) {
            assertTrue(run.out().contains(option), option);
        }
    }

    @Test
    void everyJobFileKeyIsAnOptionInTheSameOrder() {
        List<String> flags = new CommandLine(new EstimateCommand()).getCommandSpec().options().stream()
                .map(OptionSpec::longestName)
                .filter(name -> !List.of("--job", "--json", "--help", "--version").contains(name))
                .toList();
        List<String> keys = JobFile.keys().stream()
                .map(key -> "--" + key.replaceAll("([A-Z])", "-$1").toLowerCase(Locale.ROOT))
                .toList();
        assertEquals(keys, flags);
    }

    @Test
    void seventyBillionParametersOnTwoEightyGigabyteDevicesAreRefusedNamingNeedMemoryAndDevices() {
        Run run = run("--params", "70e9", "--tokens", "1e12", "--profile", "h100-sxm-80gb", "--devices", "2", "--json");
        assertEquals(ExitCodes.BAD_INPUT, run.exitCode());
        assertEquals("", run.out());
        // mixed-precision Adam: 2 (bf16 weights) + 2 (gradients) + 4 (fp32 master) + 8 (moments) = 16 bytes per
        // parameter; 70e9 × 16 = 1,120 GB, 560 GB per device over 2; 1,120 / 80 = 14 devices
        for (String expected : List.of("1,120 GB", "560 GB per device", "80.0 GB", "at least 14 devices")) {
            assertTrue(run.err().contains(expected), expected + " in " + run.err());
        }
    }

    @Test
    void inferenceReportsItsTokenRateAndTheBoundThatLimitsIt() throws IOException {
        Run run = run("--mode", "inference", "--params", "7e9", "--tokens", "1e6", "--profile", "h100-sxm-80gb",
                "--devices", "1", "--json");
        assertEquals(ExitCodes.OK, run.exitCode(), run.err());
        JsonNode json = run.json();
        // 7e9 bf16 weights = 14 GB read per token at 3,350 GB/s × 0.6853 (gpt-fast's 1397.31 of 2039 GB/s)
        double expected = 3350e9 * (1397.31 / 2039) / 14e9;
        assertEquals(expected, json.get("tokensPerSecondPerDevice").asDouble(), 1e-6 * expected);
        assertEquals("memory bandwidth", json.get("limitedBy").asText());
        assertEquals(14.0, json.at("/memoryPerDeviceGb/weights").asDouble(), 1e-9);
        assertTrue(json.at("/decoding/computeBoundTokensPerSecond").asDouble() > 10 * expected);
    }

    @Test
    void onPremisesFiguresKeepTheirJsonOrder() throws IOException {
        Run run = run("--flops", "1e23", "--profile", "h100-sxm-80gb", "--devices", "8", "--pricing", "on-prem",
                "--purchase-price", "30000", "--operations-usd-per-year", "3000", "--price", "4", "--json");
        assertEquals(ExitCodes.OK, run.exitCode(), run.err());
        List<String> names = new ArrayList<>();
        run.json().get("onPremises").fieldNames().forEachRemaining(names::add);
        assertEquals(List.of("purchasePriceUsd", "lifetimeYears", "operationsUsdPerYear", "useHoursPerYear",
                "electricityUsdPerDeviceHour", "cloudPriceUsdPerDeviceHour", "costUsdPerDeviceHour",
                "amortizationUsdPerDeviceHour", "operationsUsdPerDeviceHour", "breakEvenHoursPerYear", "breakEvenMonths"),
                names);
    }
}
