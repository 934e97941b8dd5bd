package dev.flopcal.estimation;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * The cost of owning a device, per hour of use, and its break-even against renting.
 *
 * <pre>
 *   cost per used device-hour = purchase / (lifetime × use hours per year)
 *                             + operations per year / use hours per year
 *                             + electricity per device-hour
 * </pre>
 * Break-even against a cloud price P per device-hour (electricity e per device-hour):
 * <ul>
 *   <li>use per year: owning is cheaper above (purchase / lifetime + operations) / (P − e) hours a year;</li>
 *   <li>months of continuous use (730 h a month, no resale value): purchase / (730·(P − e) − operations/12).</li>
 * </ul>
 * Both are absent ({@code null}) when renting is cheaper than the electricity alone (P ≤ e), or when no
 * cloud price was given.
 *
 * @param purchasePriceUsd price of one device including its share of server, network and installation, USD &gt; 0
 * @param lifetimeYears amortization period, years &gt; 0
 * @param operationsUsdPerYear staff, space, maintenance and networking per device per year, USD &gt;= 0
 * @param useHoursPerYear hours a year the device is busy, (0, 8784]
 * @param electricityUsdPerDeviceHour power × power fraction × PUE × electricity price, USD per device-hour
 * @param cloudPriceUsdPerDeviceHour the rental price to compare with (the on-demand {@code --price}), or null
 */
// the derived figures' order is pinned: Jackson lists getters in the JVM's method order, which is not the source order
// and moves when unrelated code changes; this is the order the JSON output has always had
@JsonPropertyOrder({"purchasePriceUsd", "lifetimeYears", "operationsUsdPerYear", "useHoursPerYear",
    "electricityUsdPerDeviceHour", "cloudPriceUsdPerDeviceHour", "costUsdPerDeviceHour", "amortizationUsdPerDeviceHour",
    "operationsUsdPerDeviceHour", "breakEvenHoursPerYear", "breakEvenMonths"})
public record OnPremisesCost(double purchasePriceUsd, double lifetimeYears, double operationsUsdPerYear,
        double useHoursPerYear, double electricityUsdPerDeviceHour, Double cloudPriceUsdPerDeviceHour) {

    /** Purchase price spread over the lifetime's used hours, USD per device-hour. */
    @JsonProperty
    public double amortizationUsdPerDeviceHour() {
        return purchasePriceUsd / (lifetimeYears * useHoursPerYear);
    }

    /** Operations cost per used device-hour, USD. */
    @JsonProperty
    public double operationsUsdPerDeviceHour() {
        return operationsUsdPerYear / useHoursPerYear;
    }

    /** Total cost per used device-hour, USD. */
    @JsonProperty
    public double costUsdPerDeviceHour() {
        return amortizationUsdPerDeviceHour() + operationsUsdPerDeviceHour() + electricityUsdPerDeviceHour;
    }

    /** Hours of use per year above which owning beats renting, or null (see the class comment). */
    @JsonProperty
    public Double breakEvenHoursPerYear() {
        Double margin = marginPerHour();
        return margin == null ? null : (purchasePriceUsd / lifetimeYears + operationsUsdPerYear) / margin;
    }

    /** Months of continuous use after which buying has cost less than renting, or null. */
    @JsonProperty
    public Double breakEvenMonths() {
        Double margin = marginPerHour();
        if (margin == null) {
            return null;
        }
        double monthlySaving = Defaults.HOURS_PER_MONTH * margin - operationsUsdPerYear / 12;
        return monthlySaving > 0 ? purchasePriceUsd / monthlySaving : null;
    }

    private Double marginPerHour() {
        if (cloudPriceUsdPerDeviceHour == null) {
            return null;
        }
        double margin = cloudPriceUsdPerDeviceHour - electricityUsdPerDeviceHour;
        return margin > 0 ? margin : null;
    }
}
