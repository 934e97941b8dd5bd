package dev.flopcal.profiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import dev.flopcal.core.InvalidInputException;

/**
 * The published collection: {@code profiles/ID.json} and {@code raw/ID.jmh.json} under a results directory.
 * Profiles are named on the command line by file path or by id.
 */
public final class ProfileStore {
    private final Path results;

    /** @param results the results directory, e.g. {@code results/} */
    public ProfileStore(Path results) {
        this.results = results;
    }

    public Path resultsDir() {
        return results;
    }

    public Path profilesDir() {
        return results.resolve("profiles");
    }

    public Path rawDir() {
        return results.resolve("raw");
    }

    /** Where a published profile with this id lives (whether or not it exists). */
    public Path profileFile(String id) {
        return profilesDir().resolve(Ids.check(id) + ".json");
    }

    /** An existing file named {@code idOrPath}, else the published profile with that id, if either exists. */
    public Optional<Path> find(String idOrPath) {
        Path asPath = Path.of(idOrPath);
        if (Files.isRegularFile(asPath)) {
            return Optional.of(asPath);
        }
        if (idOrPath.contains("/") || idOrPath.contains("\\") || idOrPath.endsWith(".json")) {
            return Optional.empty();
        }
        Path published = profilesDir().resolve(idOrPath + ".json");
        return Files.isRegularFile(published) ? Optional.of(published) : Optional.empty();
    }

    /**
     * Loads a profile by file or id.
     *
     * @throws InvalidInputException naming the value and the published ids when it is neither
     */
    public Profile load(String idOrPath) {
        return ProfileIO.read(find(idOrPath).orElseThrow(() -> unknown(idOrPath)));
    }

    /** Every published profile file, sorted by name. */
    public List<Path> all() {
        if (!Files.isDirectory(profilesDir())) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(profilesDir())) {
            return files.filter(f -> f.getFileName().toString().endsWith(".json")
                    && !f.getFileName().toString().startsWith(".")).sorted().toList();
        } catch (IOException e) {
            throw new IllegalStateException("cannot list " + profilesDir() + ": " + e.getMessage(), e);
        }
    }

    /** The published ids, sorted. */
    public List<String> ids() {
        return all().stream().map(f -> f.getFileName().toString().replaceFirst("\\.json$", "")).toList();
    }

    private InvalidInputException unknown(String idOrPath) {
        List<String> ids = ids();
        return new InvalidInputException("unknown profile '" + idOrPath + "': not a file and not an id under "
                + profilesDir() + (ids.isEmpty() ? " (none published)" : " (published: " + String.join(", ", ids) + ")"));
    }
}
