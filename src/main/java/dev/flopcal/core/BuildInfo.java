package dev.flopcal.core;

/** What this build of flopcal is, for provenance and {@code --version}. */
public final class BuildInfo {
    private BuildInfo() {
    }

    /** The jar's Implementation-Version, or "(development build)" when run from classes. */
    public static String version() {
        String v = BuildInfo.class.getPackage().getImplementationVersion();
        return v == null ? "(development build)" : v;
    }
}
