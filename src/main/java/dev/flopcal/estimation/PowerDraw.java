package dev.flopcal.estimation;

import java.util.List;

/**
 * Energy per device-hour, at the device and at the facility, and what a kWh costs and emits.
 *
 * <pre>
 *   device kWh per device-hour   = power (W) / 1000 × power fraction
 *   facility kWh per device-hour = device kWh per device-hour × PUE
 * </pre>
 * Device energy is what the devices draw; facility energy adds cooling and power distribution (PUE). The grid
 * supplies the facility energy, so it is the one that is paid for and emits.
 *
 * @param deviceKwhPerDeviceHour   device energy per device-hour, null when no power figure exists (no TDP, no
 *                                 {@code --power-w})
 * @param facilityKwhPerDeviceHour facility energy per device-hour, null likewise
 * @param electricityUsdPerKwh     electricity price
 * @param carbonKgPerKwh           grid carbon intensity in kg CO2e per kWh
 */
record PowerDraw(Double deviceKwhPerDeviceHour, Double facilityKwhPerDeviceHour, double electricityUsdPerKwh,
        double carbonKgPerKwh) {

    /**
     * The power draw of a checked request.
     *
     * @param device the profile's figures (its TDP is the default power), null without {@code --profile}
     */
    static PowerDraw of(EstimateRequest.Energy energy, DeviceThroughput device, Assumptions assume, List<String> notes) {
        Double watts = energy.powerW();
        String source = "given (--power-w)";
        if (watts == null && device != null && device.tdp().isPresent()) {
            watts = device.tdpW();
            source = "TDP of " + device.id() + " (" + device.source() + ")";
        }
        double fraction = assume.pick("powerFraction", energy.powerFraction(), Defaults.POWER_FRACTION,
                "fraction of power", Defaults.POWER_FRACTION_SOURCE);
        double pue = assume.pick("pue", energy.pue(), Defaults.PUE, "facility / device energy", Defaults.PUE_SOURCE);
        double electricity = assume.pick("electricityPrice", energy.electricityPrice(), Defaults.ELECTRICITY_USD_PER_KWH,
                "USD per facility kWh", Defaults.ELECTRICITY_SOURCE);
        double carbon = assume.pick("carbonIntensity", energy.carbonIntensity(), Defaults.CARBON_KG_PER_KWH,
                "kg CO2e per facility kWh", Defaults.CARBON_SOURCE);
        if (watts == null) {
            notes.add("no device power (the profile has no TDP and --power-w is not given): energy and emissions are not"
                    + " computed");
            return new PowerDraw(null, null, electricity, carbon);
        }
        assume.put("powerW", watts, "W per device", source);
        double atDevice = watts / 1000 * fraction;
        return new PowerDraw(atDevice, atDevice * pue, electricity, carbon);
    }
}
