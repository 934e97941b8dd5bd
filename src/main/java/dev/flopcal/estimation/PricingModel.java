package dev.flopcal.estimation;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

import dev.flopcal.core.InvalidInputException;

/** How device time is paid for. {@code --price} is always the on-demand (list) price per device-hour. */
public enum PricingModel {
    /** The list price. */
    ON_DEMAND("on-demand"),
    /** A committed/reserved rate: list price × (1 − reserved discount). */
    RESERVED("reserved"),
    /**
     * Spot/preemptible capacity: list price × (1 − spot discount), and the run is interrupted and restarts from
     * its last checkpoint (see {@link FailureModel}).
     */
    SPOT("spot"),
    /** Owned devices: purchase price amortized over a lifetime, plus operations and electricity (see {@link OnPremisesCost}). */
    ON_PREMISES("on-prem");

    private final String id;

    PricingModel(String id) {
        this.id = id;
    }

    /** The command-line name, e.g. {@code "on-demand"}. */
    public String id() {
        return id;
    }

    /**
     * Parses {@code on-demand}, {@code reserved}, {@code spot} or {@code on-prem} (also {@code on-premises}),
     * ignoring case.
     *
     * @throws InvalidInputException naming the value and the accepted names
     */
    public static PricingModel parse(String name) {
        String key = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        if (key.equals("on-premises")) {
            return ON_PREMISES;
        }
        for (PricingModel model : values()) {
            if (model.id.equals(key)) {
                return model;
            }
        }
        throw new InvalidInputException("--pricing '" + name + "': expected one of "
                + Arrays.stream(values()).map(PricingModel::id).collect(Collectors.joining(", ")));
    }

    @Override
    public String toString() {
        return id;
    }
}
