package dev.flopcal.profiles;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.flopcal.core.Quantity;

/**
 * Fitted curves of one precision and the utilization factors derived from them.
 *
 * @param sizeCurves    throughput against square size n, one per thread count (Hockney saturation model)
 * @param threadScaling throughput against threads at the largest size measured at every thread count (USL)
 * @param utilization   achieved / nominal and achieved / measured ceiling, with intervals
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PrecisionFits(List<CurveFit> sizeCurves, CurveFit threadScaling, Utilization utilization) {

    /**
     * One weighted Levenberg-Marquardt fit.
     *
     * @param model         "hockney" or "usl"
     * @param formula       the model, e.g. "r(n) = rInf * n / (n + nHalf)"
     * @param threads       the thread count of a size curve (null for thread scaling)
     * @param n             the size of a thread-scaling fit (null for size curves)
     * @param parameters    fitted parameters by name, each with standard error and 95% interval
     * @param r2            weighted coefficient of determination; null when not fitted
     * @param rms           root mean square of the unweighted residuals, FLOP/s; null when not fitted
     * @param residuals     observed − fitted at each point
     * @param points        number of points used
     * @param lowConfidence true when a sample's relative error exceeded the noise threshold or the fit is poor
     * @param reason        why parameters are null, or why confidence is low; null otherwise
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record CurveFit(String model, String formula, Integer threads, Integer n, Map<String, Quantity> parameters,
                           Double r2, Double rms, List<Residual> residuals, int points, boolean lowConfidence,
                           String reason) {
    }

    /** A residual: the abscissa (n or threads), the observation, the model's value and their difference. */
    public record Residual(double x, double observed, double fitted, double residual) {
    }

    /**
     * Utilization factors, what the estimator consumes.
     *
     * @param ofNominal achieved / nominal peak
     * @param ofCeiling achieved / measured FMA ceiling of the arithmetic the kernel uses, at the same threads
     * @param ceiling   which ceiling, in words
     */
    public record Utilization(Quantity ofNominal, Quantity ofCeiling, String ceiling) {
    }
}
