package dev.flopcal.estimation;

import dev.flopcal.core.Precision;

/**
 * Where the estimator gets hardware figures from: {@link CatalogHardwareSource} resolves
 * {@code accelerators.csv} ids (spec sheet only); {@link ProfileHardwareSource} resolves profiles (achieved
 * throughput per precision, measured or fitted from published runs) by file or id, then catalog ids.
 */
@FunctionalInterface
public interface HardwareSource {
    /**
     * The throughput of one device at one precision.
     *
     * @param idOrFile a hardware id or a profile file path, as the user typed it
     * @param precision the precision the job runs in
     * @return nominal (spec-sheet) throughput, achieved throughput when measured ({@code NaN} otherwise) and TDP
     * @throws dev.flopcal.core.InvalidInputException when the id or file is unknown (naming it and listing what is
     *     known) or the hardware has no figure for {@code precision} (naming the precisions it has)
     */
    DeviceThroughput resolve(String idOrFile, Precision precision);
}
