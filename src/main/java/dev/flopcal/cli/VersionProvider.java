package dev.flopcal.cli;

import picocli.CommandLine.IVersionProvider;

/** Reports the jar's Implementation-Version and the running JDK. */
public final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
        String version = Main.class.getPackage().getImplementationVersion();
        return new String[] {"flopcal " + (version == null ? "(development build)" : version),
                "JDK " + Runtime.version() + " (" + System.getProperty("java.vm.name") + ")"};
    }
}
