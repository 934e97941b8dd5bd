package dev.flopcal.hardware;

import dev.flopcal.core.InvalidInputException;
import dev.flopcal.core.Precision;

/**
 * A spec-sheet style peak for one precision: cores × clock × operations per cycle, or a figure a user supplied.
 *
 * @param precision   the format
 * @param flops       peak operations per second (FLOP/s, op/s for int8)
 * @param cores       cores counted
 * @param clockHz     clock used, Hz (NaN for user-supplied figures)
 * @param perCycle    operations per cycle per core (NaN for user-supplied figures)
 * @param instruction the instruction the per-cycle figure is for, e.g. "512-bit FMA" or "VPDPBUSD (AVX512_VNNI)"
 * @param basis       the whole derivation in words, with units
 * @param source      where the per-cycle figure comes from
 * @param estimated   true when the per-cycle figure was inferred from ISA flags (microarchitecture not in the
 *                    table) or the table marks it "check"
 */
public record NominalPeak(Precision precision, double flops, int cores, double clockHz, double perCycle,
                          String instruction, String basis, String source, boolean estimated) {

    /** A figure taken from a datasheet by the user ({@code --nominal PRECISION=FLOPS}). */
    public static NominalPeak userSupplied(Precision precision, double flops) {
        if (!(flops > 0) || Double.isInfinite(flops)) {
            throw new InvalidInputException("nominal " + precision + " peak must be a positive number, got " + flops);
        }
        return new NominalPeak(precision, flops, 0, Double.NaN, Double.NaN, "datasheet",
                String.format("%.4g %s supplied with --nominal", flops, precision.rateUnit()), "user (--nominal)", false);
    }
}
