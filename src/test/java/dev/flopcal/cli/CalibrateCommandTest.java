package dev.flopcal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CalibrateCommandTest {
    @TempDir
    Path out;

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', value = {
        "--precisions|fp33|unknown precision 'fp33'",
        "--precisions|tf32|'tf32' has no CPU kernel",
        "--precisions|fp32,,bf16|empty element",
        "--sizes|0|size 0 is not positive",
        "--sizes|256,-1|size -1 is not positive",
        "--sizes|256,abc|'abc' is not an integer",
        "--sizes|256;512|'256;512' is not an integer",
        "--threads|0|thread count 0 is not a positive integer",
        "--threads|100000|exceeds this machine's",
        "--threads|1.5|'1.5' is not an integer",
        "--nominal|fp32|expected PRECISION=FLOPS",
        "--nominal|fp32=-1|not a positive number",
        "--nominal|xx=1e12|unknown precision 'xx'",
        "--node|node1|names both its node and its job id (--node and --job-id), not only the node node1",
        "--job-id|4711|not only the job id 4711",
    })
    void badInputExitsTwoNamesTheValueAndWritesNothing(String option, String value, String message) throws Exception {
        Cli r = Cli.run("--quick", option, value, "--out", out.toString());
        assertEquals(ExitCodes.BAD_INPUT, r.exit(), r.err());
        assertTrue(r.err().contains(message), r.err());
        try (var files = Files.list(out)) {
            assertEquals(0, files.count(), "nothing written to " + out);
        }
        assertEquals("", r.out(), "nothing printed before the input was checked");
    }

    @Test
    void quickAndFullAreExclusive() {
        Cli r = Cli.run("--quick", "--full");
        assertEquals(ExitCodes.BAD_INPUT, r.exit());
        assertTrue(r.err().contains("mutually exclusive"), r.err());
    }

    @Test
    void helpListsTheFlagsAndSubcommands() {
        Cli r = Cli.run("--help");
        assertEquals(0, r.exit());
        for (String s : new String[] {"--precisions", "--sizes", "--threads", "--quick", "--full", "--out", "--nominal",
                "estimate", "fit", "verify"}) {
            assertTrue(r.out().contains(s), s + " in help");
        }
    }
}
