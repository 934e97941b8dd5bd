package dev.flopcal.cli;

import java.nio.file.Path;

/** Where flopcal's files live: results/ beside the launcher ({@code -Dflopcal.home}), else in the working directory. */
public final class Paths {
    private Paths() {
    }

    /**
     * The launcher, {@code $flopcal.home/calibrate}, absolute; empty when flopcal was not started by it (a fleet's
     * node tasks run the launcher).
     */
    public static java.util.Optional<Path> launcher() {
        String home = System.getProperty("flopcal.home");
        return home == null || home.isBlank() ? java.util.Optional.empty()
                : java.util.Optional.of(Path.of(home, "calibrate").toAbsolutePath().normalize());
    }

    /** The results directory: {@code $flopcal.home/results}, or {@code results} in the working directory. */
    public static Path results() {
        String home = System.getProperty("flopcal.home");
        return home == null || home.isBlank() ? Path.of("results") : Path.of(home, "results");
    }
}
