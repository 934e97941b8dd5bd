package dev.flopcal.profiles;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The native BLAS reference measured beside the JVM kernels.
 *
 * @param library      e.g. "libopenblas.so.0"
 * @param config       the library's build configuration
 * @param detectedCore kernel set OpenBLAS chose by itself
 * @param usedCore     kernel set the measurement ran with
 * @param reason       why that one
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record NativeBlasInfo(String library, String config, String detectedCore, String usedCore, String reason) {
}
