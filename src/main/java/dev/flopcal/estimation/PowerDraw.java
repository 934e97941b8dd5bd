package dev.flopcal.estimation;

import java.util.List;

/**
 * Energy per device-hour at the wall, and what a kWh costs and emits.
 *
 * <pre>
 *   kWh per device-hour = power (W) / 1000 × power fraction × PUE
 * </pre>
 *
 * @param kwhPerDeviceHour energy per device-hour, null when no power figure exists (no TDP, no {@code --power-w})
 * @param electricityUsdPerKwh electricity price
 * @param carbonKgPerKwh grid carbon intensity in kg CO2e per kWh
 */
record PowerDraw(Double kwhPerDeviceHour, double electricityUsdPerKwh, double carbonKgPerKwh) {

    /**
     * The power draw of a checked request.
     *
     * @param device the profile's figures (its TDP is the default power), null without {@code --profile}
     */
    static PowerDraw of(EstimateRequest.Energy energy, DeviceThroughput device, Assumptions assume, List<String> notes) {
        Double kwh = kwhPerDeviceHour(energy, device, assume, notes);
        double electricity = assume.pick("electricityPrice", energy.electricityPrice(), Defaults.ELECTRICITY_USD_PER_KWH,
                "USD/kWh", Defaults.ELECTRICITY_SOURCE);
        double carbon = assume.pick("carbonIntensity", energy.carbonIntensity(), Defaults.CARBON_KG_PER_KWH,
                "kg CO2e/kWh", Defaults.CARBON_SOURCE);
        return new PowerDraw(kwh, electricity, carbon);
    }

    private static Double kwhPerDeviceHour(EstimateRequest.Energy energy, DeviceThroughput device, Assumptions assume,
            List<String> notes) {
        Double watts = energy.powerW();
        String source = "given (--power-w)";
        if (watts == null && device != null && device.tdp().isPresent()) {
            watts = device.tdpW();
            source = "TDP of " + device.id() + " (" + device.source() + ")";
        }
        double fraction = assume.pick("powerFraction", energy.powerFraction(), Defaults.POWER_FRACTION,
                "fraction of power", Defaults.POWER_FRACTION_SOURCE);
        double pue = assume.pick("pue", energy.pue(), Defaults.PUE, "", Defaults.PUE_SOURCE);
        if (watts == null) {
            notes.add("no device power (the profile has no TDP and --power-w is not given): energy and emissions are not"
                    + " computed");
            return null;
        }
        assume.put("powerW", watts, "W per device", source);
        return watts / 1000 * fraction * pue;
    }
}
