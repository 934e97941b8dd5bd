package dev.flopcal.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import dev.flopcal.core.InvalidInputException;
import dev.flopcal.profiles.AcceleratorProfiles;
import dev.flopcal.profiles.ProfileStore;
import dev.flopcal.profiles.Publisher;
import dev.flopcal.reporting.ResultsIndex;

/** {@code calibrate publish PROFILE}: validates a profile and places it in the published collection. */
@Command(name = "publish", mixinStandardHelpOptions = true,
        description = {"Validates a profile (schema, and verify against its raw results), places it under"
                + " results/profiles/ID.json with its raw results under results/raw/, and regenerates results/README.md,"
                + " the index of every published profile.",
                "Refused, with the reason and exit code 2: an invalid or tampered profile, an id containing '/', '\\' or"
                        + " '..', an id already taken by a different profile (unless --replace)."})
public final class PublishCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "PROFILE", arity = "0..1", description = "Profile JSON file (or the id of one under --results).")
    String profile;

    @Option(names = "--id", paramLabel = "ID", description = "Publish under this id instead of the profile's own.")
    String id;

    @Option(names = "--replace", description = "Replace a different profile already published under the id.")
    boolean replace;

    @Option(names = "--results", paramLabel = "DIR", description = "The published collection (default: results/).")
    Path results;

    @Option(names = "--reindex", description = "Only regenerate the index from the profiles already published.")
    boolean reindex;

    @Option(names = "--accelerators", description = "(Re)generate one profile per row of accelerators.csv (datasheet"
            + " peaks; utilization fitted from published-runs.csv where runs exist, else 'nominal only') and the index.")
    boolean accelerators;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        ProfileStore store = new ProfileStore(results == null ? Paths.results() : results);
        Publisher publisher = new Publisher(store, ResultsIndex.writer(List.of(ResultsIndex.estimatorValidation())));
        if (accelerators) {
            for (Path f : AcceleratorProfiles.writeAll(store, Instant.now().toString())) {
                out.println("accelerator profile -> " + f);
            }
        }
        if (reindex || accelerators) {
            out.println("index -> " + publisher.reindex());
            return ExitCodes.OK;
        }
        if (profile == null) {
            throw new InvalidInputException("publish needs a PROFILE (or --reindex)");
        }
        Path source = store.find(profile).orElseThrow(() -> new InvalidInputException("profile '" + profile
                + "' is not a file and not a published id under " + store.profilesDir()));
        Publisher.Result r = publisher.publish(source, id, replace);
        for (String check : r.checks()) {
            out.println("ok    " + check);
        }
        out.println((r.replaced() ? "republished " : "published ") + r.profile().id() + " -> " + r.profileFile());
        if (r.rawFile() != null) {
            out.println("raw results -> " + r.rawFile());
        }
        out.println("index -> " + store.resultsDir().resolve("README.md"));
        return ExitCodes.OK;
    }
}
