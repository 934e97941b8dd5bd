package dev.flopcal.fleet;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * One node's achieved figure for one precision, with its interval, and whether it stands out below the fleet.
 *
 * @param node      the scheduler's node name
 * @param profileId the node's profile
 * @param achieved  the achieved rate, FLOP/s (op/s for int8)
 * @param low       the interval's lower end, same unit
 * @param high      its upper end
 * @param interval  where the interval comes from: {@link #CI95} (the profile's {@code achievedCi95}),
 *                  {@link #JMH_999} (achievedFlops ± achievedError, JMH's 99.9% half-width) or {@link #NONE}
 * @param suspect   true when the node is below the fleet by more than both its interval and the robust threshold
 * @param reason    why it is suspect, in words; null otherwise
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"node", "profileId", "achieved", "low", "high", "interval", "suspect", "reason"})
public record NodeFigure(String node, String profileId, double achieved, double low, double high, String interval,
                         boolean suspect, String reason) {
    /** The profile's 95% confidence interval of the achieved figure, {@code achievedCi95}. */
    public static final String CI95 = "ci95";
    /** achievedFlops ± achievedError, JMH's 99.9% confidence half-width. */
    public static final String JMH_999 = "jmh99.9";
    /** No interval recorded: low = high = achieved. */
    public static final String NONE = "none";

    /** A figure not yet assessed against the fleet. */
    public static NodeFigure of(String node, String profileId, double achieved, double low, double high,
                                String interval) {
        return new NodeFigure(node, profileId, achieved, low, high, interval, false, null);
    }

    /** A copy with the fleet's verdict. */
    public NodeFigure assessed(boolean isSuspect, String why) {
        return new NodeFigure(node, profileId, achieved, low, high, interval, isSuspect, why);
    }
}
