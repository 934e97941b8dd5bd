package dev.flopcal.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.flopcal.core.InvalidInputException;
import dev.flopcal.core.Precision;
import dev.flopcal.measurement.Mode;

class FleetRequestTest {
    static final Path DIR = Path.of("/shared/fleet");
    static final Path LAUNCHER = Path.of("/opt/flopcal/calibrate");
    static final NodeCalibration QUICK = NodeCalibration.of(Mode.QUICK, List.of(Precision.FP32), List.of(64, 96), null);

    static FleetRequest request(Integer nodes, String nodeList, String timeLimit) {
        return new FleetRequest(DIR, null, nodes, nodeList, timeLimit, List.of(), QUICK, LAUNCHER, false);
    }

    @Test
    void siteOptionsSplitAsAShellWould() {
        assertEquals(List.of(), FleetRequest.splitOptions(null));
        assertEquals(List.of(), FleetRequest.splitOptions("   "));
        assertEquals(List.of("--account=ml", "--qos=high"), FleetRequest.splitOptions(" --account=ml\t--qos=high "));
        assertEquals(List.of("--account=ml", "--comment=acceptance run"),
                FleetRequest.splitOptions("--account=ml --comment='acceptance run'"));
        assertEquals(List.of("--comment=it's \"ok\"", "x"), FleetRequest.splitOptions("\"--comment=it's \\\"ok\\\"\" x"));
        assertEquals(List.of("a b", ""), FleetRequest.splitOptions("a\\ b ''"));
        for (String bad : List.of("--comment='open", "--comment=\"open", "trailing\\")) {
            InvalidInputException e = assertThrows(InvalidInputException.class, () -> FleetRequest.splitOptions(bad));
            assertTrue(e.getMessage().contains(bad), e.getMessage());
        }
    }

    @Test
    void badRequestsNameWhatIsWrong() {
        assertMessage("give --nodes N", () -> request(null, null, null));
        assertMessage("not both", () -> request(2, "node1", null));
        assertMessage("--nodes 0 is not a positive", () -> request(0, null, null));
        assertMessage("--nodelist is empty", () -> request(null, " ", null));
        assertMessage("--time-limit '1h' is not a Slurm time", () -> request(1, null, "1h"));
        assertMessage("--results DIR is required", () -> new FleetRequest(null, null, 1, null, null, List.of(), QUICK,
                LAUNCHER, false));
        assertMessage("leave out the calibration flags", () -> new FleetRequest(DIR, null, null, null, null, List.of(),
                QUICK, LAUNCHER, true));
        assertMessage("leave out --nodelist", () -> new FleetRequest(DIR, null, null, "node1", null, List.of(), null,
                LAUNCHER, true));
        assertMessage("--partition 'a b' is not a partition name", () -> new FleetRequest(DIR, "a b", 1, null, null,
                List.of(), QUICK, LAUNCHER, false));
        assertMessage("size 0 is not positive", () -> NodeCalibration.of(Mode.QUICK, null, List.of(0), null));
        assertMessage("thread count 0", () -> NodeCalibration.of(Mode.QUICK, null, null, List.of(0)));
    }

    @Test
    void slurmTimeFormatsAreAccepted() {
        for (String t : List.of("30", "30:00", "1:00:00", "2-0", "2-12", "1-12:30", "1-00:00:00", "UNLIMITED")) {
            assertEquals(t, request(1, null, t).timeLimit());
        }
    }

    @Test
    void theCalibrationFlagsOfANodeTask() {
        assertEquals(List.of("--quick", "--precisions", "fp32", "--sizes", "64,96"), QUICK.arguments());
        assertEquals(List.of(), NodeCalibration.of(Mode.DEFAULT, null, null, null).arguments());
        assertEquals(List.of("--full", "--precisions", "bf16,int8", "--threads", "1,2"), NodeCalibration.of(Mode.FULL,
                List.of(Precision.BF16, Precision.INT8, Precision.BF16), null, List.of(1, 2)).arguments());
    }

    private static void assertMessage(String expected, org.junit.jupiter.api.function.Executable e) {
        InvalidInputException x = assertThrows(InvalidInputException.class, e);
        assertTrue(x.getMessage().contains(expected), x.getMessage());
    }
}
