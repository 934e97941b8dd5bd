package dev.flopcal.profiles;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import dev.flopcal.core.Precision;

/**
 * A hardware profile (schema version 1): what a device is, what it is nominally capable of per precision, what
 * it achieved, and where every figure came from. CPU profiles are measured by {@code calibrate}; accelerator
 * profiles carry datasheet peaks and utilization fitted from published training runs.
 *
 * <p>Rates are per second for the whole device as measured (FLOP/s; op/s for int8). Absent or unknown figures
 * are {@code null}, never zero. Errors are 99.9% confidence half-widths as JMH reports them unless a field says
 * otherwise.
 *
 * @param schemaVersion always {@link #SCHEMA_VERSION}
 * @param id            stable identifier: lower case letters, digits, '.', '_' and '-'
 * @param device        the hardware
 * @param precisions    per precision id ("fp64", "fp32", "tf32", "bf16", "fp16", "fp8", "int8")
 * @param ceilings      measured roofline ceilings (CPU profiles)
 * @param roofline      fitted roofline (CPU profiles)
 * @param nativeBlas    the native reference library, when one was measured
 * @param notes         caveats a reader must see (e.g. inferred clock, "check" figures)
 * @param provenance    how and when the profile was made, and the raw results behind it
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"schemaVersion", "id", "device", "precisions", "ceilings", "roofline", "nativeBlas", "notes", "provenance"})
public record Profile(int schemaVersion, String id, Device device, Map<String, PrecisionProfile> precisions,
                      Ceilings ceilings, Roofline roofline, NativeBlasInfo nativeBlas, List<String> notes,
                      Provenance provenance) {

    public static final int SCHEMA_VERSION = 1;

    public Profile {
        precisions = precisions == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(precisions));
        notes = notes == null ? List.of() : List.copyOf(notes);
    }

    /** The entry for a precision, if the profile has one. */
    public Optional<PrecisionProfile> precision(Precision p) {
        return Optional.ofNullable(precisions.get(p.id()));
    }

    /** A copy with another id. */
    public Profile withId(String newId) {
        return new Profile(schemaVersion, newId, device, precisions, ceilings, roofline, nativeBlas, notes, provenance);
    }

    /** A copy with other provenance. */
    public Profile withProvenance(Provenance p) {
        return new Profile(schemaVersion, id, device, precisions, ceilings, roofline, nativeBlas, notes, p);
    }
}
