package dev.flopcal.profiles;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.flopcal.core.Quantity;

/**
 * Fitted curves of one precision and the utilization factors derived from them.
 *
 * @param sizeCurves    throughput against square size n, one per thread count (the model chosen by AICc)
 * @param threadScaling throughput against threads at the largest size measured at every thread count (USL)
 * @param utilization   achieved / nominal and achieved / measured ceiling, with intervals
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PrecisionFits(List<CurveFit> sizeCurves, CurveFit threadScaling, Utilization utilization) {

    /**
     * One weighted Levenberg-Marquardt fit.
     *
     * @param model         the model: "hockney", "hill" or "plateau" for size curves (the one chosen), "usl"
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
     * @param sustained     size curves: the chosen curve's value at the largest size measured, with its 95%
     *                      interval (delta method); null otherwise
     * @param extrapolated  size curves: true when the asymptote rInf lies above the sustained value by more than
     *                      rInf's own interval half-width (the asymptote is beyond the measured range)
     * @param candidates    size curves: every model compared, with its AICc and residual check
     * @param selection     size curves: how the model was chosen
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record CurveFit(String model, String formula, Integer threads, Integer n, Map<String, Quantity> parameters,
                           Double r2, Double rms, List<Residual> residuals, int points, boolean lowConfidence,
                           String reason, Quantity sustained, Boolean extrapolated, List<Candidate> candidates,
                           String selection) {

        /** A fit without model selection (thread scaling). */
        public CurveFit(String model, String formula, Integer threads, Integer n, Map<String, Quantity> parameters,
                        Double r2, Double rms, List<Residual> residuals, int points, boolean lowConfidence,
                        String reason) {
            this(model, formula, threads, n, parameters, r2, rms, residuals, points, lowConfidence, reason, null, null,
                    null, null);
        }
    }

    /**
     * A size model compared with the others.
     *
     * @param model       "hockney", "hill" or "plateau"
     * @param formula     the model
     * @param aicc        its AICc; null when undefined (too few points)
     * @param parameters  its fitted parameters
     * @param signRuns    runs of one sign among its residuals by size
     * @param signRunsP   probability of that few runs by chance; null when undefined
     * @param systematic  true when that probability is below 1% (the model misses the data's shape)
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Candidate(String model, String formula, Double aicc, Map<String, Quantity> parameters, int signRuns,
                            Double signRunsP, boolean systematic) {
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
