package dev.flopcal.cli;

import picocli.CommandLine.IVersionProvider;

import dev.flopcal.core.BuildInfo;

/** Reports the jar's Implementation-Version and the running JDK. */
public final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
        return new String[] {"flopcal " + BuildInfo.version(),
                "JDK " + Runtime.version() + " (" + System.getProperty("java.vm.name") + ")"};
    }
}
