package dev.flopcal.estimation;

import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import dev.flopcal.core.Units;

/**
 * Renders an {@link Estimate} as text: a readable table with every assumption, or one JSON object. Returns
 * strings; printing is the caller's business.
 */
public final class EstimateReport {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private EstimateReport() {
    }

    /** The estimate as one pretty-printed JSON object (the record tree's component names are the keys). */
    public static String json(Estimate estimate) {
        try {
            return JSON.writeValueAsString(estimate);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the estimate as JSON", e);
        }
    }

    /** The estimate as a table: job, hardware, the spec-sheet line beside the three scenarios, costs, assumptions. */
    public static String table(Estimate e) {
        StringBuilder out = new StringBuilder();
        line(out, "Training-cost estimate");
        line(out, "======================");
        line(out, "Job        %s FLOPs: %s", e.flops() == null ? "unknown" : sci(e.flops()), e.flopsFormula());
        if (e.hardwareFlops() != null && !e.hardwareFlops().equals(e.flops())) {
            line(out, "           %s hardware FLOPs (executed, recomputation included)", sci(e.hardwareFlops()));
        }
        if (e.hardware() != null) {
            line(out, "Hardware   %s (%s), %s, %s", e.hardware().id(), e.hardware().name(), e.precision(), devices(e.devices()));
            line(out, "           nominal  %s per device (%s)", rate(e.nominalFlopsPerDevice()), e.hardware().source());
        } else {
            line(out, "Hardware   no --profile, %s, %s", e.precision(), devices(e.devices()));
        }
        line(out, "           achieved %s per device%s", rate(e.achievedFlopsPerDevice()), e.utilization() == null ? ""
                : String.format(Locale.ROOT, " = %.1f%% of nominal (MFU)%s", e.utilization() * 100,
                        e.hardwareFlopsUtilization() == null || e.hardwareFlopsUtilization().equals(e.utilization()) ? ""
                        : String.format(Locale.ROOT, ", %.1f%% in hardware FLOPs (HFU)", e.hardwareFlopsUtilization() * 100)));
        line(out, "           (%s)", e.throughputSource());
        if (e.tokensPerSecondPerDevice() != null) {
            line(out, "           %s tokens/s per device, limited by %s", num(e.tokensPerSecondPerDevice(), "%,.4g"),
                    e.limitedBy());
        }
        if (e.decoding() != null) {
            Estimate.Decoding d = e.decoding();
            line(out, "Decoding   batch %d, context %d tokens, %s bytes per weight: compute allows %s tokens/s, memory %s",
                    d.batchSize(), d.contextTokens(), num(d.weightBytesPerParam(), "%.3g"),
                    num(d.computeBoundTokensPerSecond(), "%,.4g"), num(d.memoryBoundTokensPerSecond(), "%,.4g"));
            line(out, "           %s", d.perStep());
        }
        if (e.memoryPerDeviceGb() != null) {
            Estimate.MemoryPerDevice m = e.memoryPerDeviceGb();
            line(out, "Memory     %s GB per device of %s (%s)", num(m.total(), "%,.4g"), m.available() == null ? "unknown"
                    : num(m.available(), "%,.4g") + " GB: " + (Boolean.TRUE.equals(m.fits()) ? "fits" : "DOES NOT FIT"),
                    m.layout());
            line(out, "           weights %s, gradients %s, optimizer states %s, activations %s, keys and values %s GB",
                    num(m.weights(), "%.4g"), num(m.gradients(), "%.4g"), num(m.optimizerStates(), "%.4g"),
                    num(m.activations(), "%.4g"), num(m.kvCache(), "%.4g"));
        }
        line(out, "Pricing    %s, %s USD per device-hour", e.pricing(), e.priceUsdPerDeviceHour() == null ? "no price"
                : String.format(Locale.ROOT, "%.4g", e.priceUsdPerDeviceHour()));
        line(out, "");

        line(out, "%-11s %22s %16s %16s %14s %14s %14s %8s", "Scenario", "Wall clock", "Device-hours", "Cost (USD)",
                "Device kWh", "Facility kWh", "CO2e (kg)", "× base");
        scenarioLine(out, "spec sheet", e.specSheet());
        scenarioLine(out, "base", e.scenarios().base());
        scenarioLine(out, "slow", e.scenarios().slow());
        scenarioLine(out, "retry", e.scenarios().retry());
        line(out, "");
        line(out, "Raw compute cost (base device-hours × price, no overheads): %s USD", usd(e.rawComputeCostUsd()));
        if (e.budget() != null) {
            Estimate.Budget b = e.budget();
            line(out, "Budget %s USD: retry scenario %s USD %s", usd(b.budgetUsd()), usd(b.retryCostUsd()), b.exceeded()
                    ? "EXCEEDS the budget by " + usd(b.retryCostUsd() - b.budgetUsd()) + " USD (exit code 3)"
                    : "is within it (" + usd(b.budgetUsd() - b.retryCostUsd()) + " USD to spare)");
        }
        line(out, "");

        Estimate.CostBreakdown c = e.costBreakdownUsd();
        line(out, "Retry scenario cost, item by item (USD)");
        item(out, "raw compute", c.rawCompute());
        item(out, "slowdown", c.slowdown());
        item(out, "published-run overhead", c.publishedRunOverhead());
        item(out, "checkpoint writes", c.checkpointWrites());
        item(out, "failures and restarts", c.failures());
        item(out, "spot interruptions", c.spotInterruptions());
        item(out, "exploratory runs", c.exploration());
        item(out, "orchestration", c.orchestration());
        item(out, "checkpoint storage", c.checkpointStorage());
        item(out, "dataset storage", c.datasetStorage());
        item(out, "egress", c.egress());
        item(out, "total", c.total());
        line(out, "");

        Estimate.Checkpointing k = e.checkpointing();
        line(out, "Checkpoints, failures and interruptions");
        line(out, "  checkpoint size             %s GB", num(k.checkpointSizeGb(), "%.1f"));
        line(out, "  checkpoint write time       %s s", num(k.checkpointWriteSeconds(), "%.1f"));
        line(out, "  job MTBF                    %.2f h (device MTBF %.0f device-hours / %d devices, plus spot %.4f/h)",
                k.jobMtbfHours(), k.deviceMtbfHours(), e.devices(), k.spotInterruptionsPerHour());
        line(out, "  checkpoint interval         %.3f h (Young/Daly optimum: %s h)", k.checkpointIntervalHours(),
                num(k.youngDalyIntervalHours(), "%.3f"));
        line(out, "  lost per interruption       %.3f h (half an interval + restart)", k.lostHoursPerInterruption());
        line(out, "  time lost per useful hour   %.4f writing, %.4f failures, %.4f spot", k.checkpointWriteFraction(),
                k.failureLostFraction(), k.spotLostFraction());
        if (!k.note().isEmpty()) {
            line(out, "  note: %s", k.note());
        }
        line(out, "");

        line(out, "Energy (base): %s kWh at the devices, %s kWh at the facility (× PUE), %s kg CO2e, %s USD of electricity",
                num(e.deviceEnergyKwh(), "%,.0f"), num(e.facilityEnergyKwh(), "%,.0f"), num(e.co2Kg(), "%,.0f"),
                usd(e.energyCostUsd()));
        if (e.onPremises() != null) {
            OnPremisesCost o = e.onPremises();
            line(out, "On premises: %.4g USD per device-hour = %.4g amortization + %.4g operations + %.4g electricity",
                    o.costUsdPerDeviceHour(), o.amortizationUsdPerDeviceHour(), o.operationsUsdPerDeviceHour(),
                    o.electricityUsdPerDeviceHour());
            line(out, "  break-even against renting at %s USD per device-hour: %s h of use per year, or %s months of"
                    + " continuous use", num(o.cloudPriceUsdPerDeviceHour(), "%.4g"), num(o.breakEvenHoursPerYear(), "%,.0f"),
                    num(o.breakEvenMonths(), "%.1f"));
        }
        if (e.computeOptimal() != null) {
            line(out, "Compute-optimal for these model FLOPs (Chinchilla, D = 20·N): %s params, %s tokens",
                    sci(e.computeOptimal().params()), sci(e.computeOptimal().tokens()));
        }
        line(out, "");

        line(out, "Scenario definitions");
        line(out, "  base:  %s", e.scenarios().base().definition());
        line(out, "  slow:  %s", e.scenarios().slow().definition());
        line(out, "  retry: %s", e.scenarios().retry().definition());
        line(out, "");
        line(out, "Assumptions");
        for (Map.Entry<String, Estimate.Assumption> a : e.assumptions().entrySet()) {
            line(out, "  %-26s %-14s %-24s %s", a.getKey(), value(a.getValue().value()), a.getValue().unit(),
                    a.getValue().source());
        }
        if (!e.notes().isEmpty()) {
            line(out, "");
            line(out, "Notes");
            for (String note : e.notes()) {
                line(out, "  - %s", note);
            }
        }
        return out.toString();
    }

    private static void scenarioLine(StringBuilder out, String name, Estimate.Scenario s) {
        String wall = s.wallClockHours() == null ? "n/a" : String.format(Locale.ROOT, "%,.1f h (%,.1f d)",
                s.wallClockHours(), s.wallClockHours() / 24);
        line(out, "%-11s %22s %16s %16s %14s %14s %14s %8s", name, wall, num(s.deviceHours(), "%,.0f"), usd(s.costUsd()),
                num(s.deviceEnergyKwh(), "%,.0f"), num(s.facilityEnergyKwh(), "%,.0f"), num(s.co2Kg(), "%,.0f"),
                num(s.deviceHoursFactor(), "%.3f"));
    }

    private static void item(StringBuilder out, String name, Double usd) {
        line(out, "  %-26s %16s", name, usd(usd));
    }

    private static void line(StringBuilder out, String format, Object... args) {
        out.append(String.format(Locale.ROOT, format, args)).append(System.lineSeparator());
    }

    private static String usd(Double value) {
        if (value == null) {
            return "n/a";
        }
        return Math.abs(value) < 100 ? String.format(Locale.ROOT, "%,.2f", value) : String.format(Locale.ROOT, "%,.0f", value);
    }

    private static String num(Double value, String format) {
        return value == null ? "n/a" : String.format(Locale.ROOT, format, value);
    }

    private static String sci(double value) {
        return String.format(Locale.ROOT, "%.4g", value);
    }

    private static String devices(int k) {
        return k == 1 ? "1 device" : k + " devices";
    }

    private static String rate(Double flopsPerSecond) {
        return Units.rate(flopsPerSecond, "FLOP/s");
    }

    private static String value(Object value) {
        if (value instanceof Double d) {
            boolean plain = Math.abs(d) < 1e9 && (d == Math.rint(d) || Math.abs(d) >= 1000);
            return plain ? String.format(Locale.ROOT, "%,.0f", d) : String.format(Locale.ROOT, "%.4g", d);
        }
        return String.valueOf(value);
    }
}
