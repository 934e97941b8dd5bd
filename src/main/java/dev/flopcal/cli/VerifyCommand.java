package dev.flopcal.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import dev.flopcal.profiles.ProfileVerifier;

/** {@code calibrate verify PROFILE}: checks a profile against its raw results. */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = {"Checks a profile against what it was derived from. A measured profile: its raw results' SHA-256,"
                + " and that re-fitting them reproduces every number. An accelerator profile: that accelerators.csv and"
                + " published-runs.csv reproduce every number.",
                "Exit codes: 0 all holds; 1 a mismatch (the first is printed); 2 the profile is unreadable or invalid."})
public final class VerifyCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "PROFILE", description = "Profile JSON file.")
    Path profile;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        ProfileVerifier.Result r = ProfileVerifier.verify(profile);
        for (String check : r.checks()) {
            out.println("ok    " + check);
        }
        if (!r.ok()) {
            out.flush();
            spec.commandLine().getErr().println("FAIL  " + r.mismatch());
            return ExitCodes.FAILURE;
        }
        out.println("verified " + profile);
        return ExitCodes.OK;
    }
}
