package dev.flopcal.estimation;

import java.util.List;

import dev.flopcal.core.InvalidInputException;

/**
 * The price of one device-hour after the pricing model: the on-demand {@code --price}, less the reserved or spot
 * discount, or the cost of an owned device-hour ({@link OnPremisesCost}).
 *
 * @param usdPerDeviceHour USD per device-hour, null when no price was given (costs are then not computed)
 * @param onPremises the ownership cost and break-even, with {@code --pricing on-prem} only
 */
record EffectivePrice(Double usdPerDeviceHour, OnPremisesCost onPremises) {

    /**
     * The effective price of a checked request.
     *
     * @param power the energy per device-hour, part of an owned device's cost
     * @throws InvalidInputException with {@code --pricing on-prem} and no power figure
     */
    static EffectivePrice of(EstimateRequest r, PricingModel pricing, PowerDraw power, Assumptions assume,
            List<String> notes) {
        OnPremisesCost onPremises = pricing == PricingModel.ON_PREMISES ? onPremises(r, power, assume) : null;
        Double price = price(r, pricing, onPremises, assume);
        if (price == null) {
            notes.add("no --price: costs are not computed");
        }
        return new EffectivePrice(price, onPremises);
    }

    private static OnPremisesCost onPremises(EstimateRequest r, PowerDraw power, Assumptions assume) {
        if (power.facilityKwhPerDeviceHour() == null) {
            throw new InvalidInputException("--pricing on-prem needs the device power for electricity: give --power-w (the"
                    + " profile has no TDP)");
        }
        EstimateRequest.OnPremises owned = r.onPremises();
        assume.put("purchasePrice", owned.purchasePrice(), "USD per device", "given (--purchase-price)");
        assume.put("operationsUsdPerYear", owned.operationsUsdPerYear(), "USD per device-year",
                "given (--operations-usd-per-year)");
        double lifetime = assume.pick("lifetimeYears", owned.lifetimeYears(), Defaults.LIFETIME_YEARS, "years",
                Defaults.LIFETIME_SOURCE);
        double useHours = assume.pick("useHoursPerYear", owned.useHoursPerYear(), Defaults.USE_HOURS_PER_YEAR, "h/year",
                Defaults.USE_HOURS_SOURCE);
        return new OnPremisesCost(owned.purchasePrice(), lifetime, owned.operationsUsdPerYear(), useHours,
                power.facilityKwhPerDeviceHour() * power.electricityUsdPerKwh(), r.pricing().price());
    }

    private static Double price(EstimateRequest r, PricingModel pricing, OnPremisesCost onPremises, Assumptions assume) {
        Double listPrice = r.pricing().price();
        if (pricing == PricingModel.ON_PREMISES) {
            if (listPrice != null) {
                assume.put("price", listPrice, "USD/device-hour",
                        "given (--price): the rental price the break-even compares with");
            }
            return onPremises.costUsdPerDeviceHour();
        }
        if (listPrice == null) {
            return null;
        }
        assume.put("price", listPrice, "USD/device-hour", "given (--price), on-demand list price");
        return switch (pricing) {
            case ON_DEMAND -> listPrice;
            case RESERVED -> listPrice * (1 - assume.pick("reservedDiscount", r.pricing().reservedDiscount(),
                    Defaults.RESERVED_DISCOUNT, "fraction off on-demand", Defaults.RESERVED_DISCOUNT_SOURCE));
            case SPOT -> listPrice * (1 - assume.pick("spotDiscount", r.spot().spotDiscount(), Defaults.SPOT_DISCOUNT,
                    "fraction off on-demand", Defaults.SPOT_DISCOUNT_SOURCE));
            case ON_PREMISES -> throw new IllegalStateException("handled above");
        };
    }
}
