package dev.flopcal.cli;

import java.nio.file.Path;

/** Where flopcal's files live: results/ beside the launcher ({@code -Dflopcal.home}), else in the working directory. */
final class Paths {
    private Paths() {
    }

    static Path results() {
        String home = System.getProperty("flopcal.home");
        return home == null || home.isBlank() ? Path.of("results") : Path.of(home, "results");
    }
}
