package dev.flopcal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.flopcal.benchmarks.ForkJvm;

/**
 * The launcher script, run from a copy of the repository with fake JDKs (a {@code release} file and a {@code bin/java}
 * that prints how it was called) and a fake {@code mvn} that logs its calls and writes the jar.
 */
@Tag("integration")
class LauncherTest {
    private static final String OPTIONS_FILE = "src/main/resources/dev/flopcal/jvm.options";

    @TempDir
    Path dir;
    private Path repo;
    private Path home;
    private Path mvnCalls;

    @BeforeEach
    void setUp() throws IOException {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/bin/bash")), "needs bash");
        repo = dir.resolve("repo");
        Files.createDirectories(repo.resolve(OPTIONS_FILE).getParent());
        Files.copy(Path.of(OPTIONS_FILE), repo.resolve(OPTIONS_FILE));
        Files.copy(Path.of("calibrate"), repo.resolve("calibrate"));
        Files.writeString(repo.resolve("pom.xml"), "<project/>");
        Files.createDirectories(repo.resolve("benchmarks"));
        Files.createDirectories(repo.resolve("results/schema"));
        home = dir.resolve("home");
        // the fakes are newer than any real JDK, so the real ones on this machine never win
        fakeJdk(home.resolve(".jdks/jdk-97"), "97.0.1");
        fakeJdk(home.resolve(".jdks/jdk-99"), "99.0.2");
        fakeJdk(home.resolve(".jdks/jdk-98"), "98");
        fakeJdk(home.resolve(".jdks/old"), "24.0.2");
        // a release file without bin/java is no JDK
        Files.createDirectories(home.resolve(".jdks/broken-100"));
        Files.writeString(home.resolve(".jdks/broken-100/release"), "JAVA_VERSION=\"100\"\n");
        mvnCalls = dir.resolve("mvn.calls");
        script(dir.resolve("bin/mvn"), "echo \"$JAVA_HOME\" >> '" + mvnCalls + "'\nsleep 2\nmkdir -p target\n"
                + "touch target/flopcal.jar\n");
    }

    private static void fakeJdk(Path jdk, String version) throws IOException {
        Files.createDirectories(jdk);
        Files.writeString(jdk.resolve("release"), "IMPLEMENTOR=\"Test\"\nJAVA_VERSION=\"" + version + "\"\n");
        script(jdk.resolve("bin/java"), "echo \"java $0\"\nprintf '%s\\n' \"$@\"\n");
    }

    private static void script(Path file, String body) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, "#!/usr/bin/env bash\n" + body);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private record Run(int exit, List<String> out, String err) {
        /** The JDK whose java ran. */
        String jdk() {
            return out.getFirst().replaceFirst("^java ", "").replaceFirst("/bin/java$", "");
        }

        /** The JVM options it was given, up to the launcher's own property. */
        List<String> options() {
            return out.subList(1, out.indexOf(out.stream().filter(a -> a.startsWith("-Dflopcal.home=")).findFirst()
                    .orElseThrow()));
        }
    }

    private Process start(Map<String, String> env, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of("/bin/bash", repo.resolve("calibrate").toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
        pb.environment().clear();
        pb.environment().put("PATH", dir.resolve("bin") + ":/usr/local/bin:/usr/bin:/bin");
        pb.environment().put("HOME", home.toString());
        pb.environment().putAll(env);
        return pb.start();
    }

    private static Run finish(Process p) throws Exception {
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        return new Run(p.exitValue(), out.lines().toList(), err);
    }

    private Run run(Map<String, String> env, String... args) throws Exception {
        return finish(start(env, args));
    }

    private Path jdk(String name) {
        return home.resolve(".jdks").resolve(name);
    }

    @Test
    void theNewestJdkBuildsAndRunsWithTheOptionsFile() throws Exception {
        Run r = run(Map.of("JAVA_HOME", jdk("jdk-98").toString()), "--quick", "--sizes", "64");
        assertEquals(0, r.exit(), r.err());
        assertEquals(jdk("jdk-99").toString(), r.jdk(), "the newest JDK, not JAVA_HOME's older one");
        assertEquals(List.of(jdk("jdk-99").toString()), Files.readAllLines(mvnCalls), "Maven ran once, on that JDK");
        assertEquals(ForkJvm.options(), r.options());
        assertEquals(List.of("-jar", repo.resolve("target/flopcal.jar").toString(), "--quick", "--sizes", "64"),
                r.out().subList(r.out().size() - 5, r.out().size()));

        Run again = run(Map.of(), "--version");
        assertEquals(0, again.exit(), again.err());
        assertEquals(1, Files.readAllLines(mvnCalls).size(), "a fresh jar is not built again");
    }

    @Test
    void flopcalJavaHomeComesFirst() throws Exception {
        Run r = run(Map.of("FLOPCAL_JAVA_HOME", jdk("jdk-97").toString()), "--version");
        assertEquals(0, r.exit(), r.err());
        assertEquals(jdk("jdk-97").toString(), r.jdk());
        // one that is too old is passed over for the newest
        Run old = run(Map.of("FLOPCAL_JAVA_HOME", jdk("old").toString()), "--version");
        assertEquals(jdk("jdk-99").toString(), old.jdk());
    }

    @Test
    void commandsThatDoNotMeasureLeaveTheVectorModuleOut() throws Exception {
        Run r = run(Map.of(), "verify", "profile.json");
        assertEquals(0, r.exit(), r.err());
        assertEquals(ForkJvm.options().stream().filter(o -> !o.startsWith("--add-modules")).toList(), r.options());
        assertEquals(2, r.options().size());
    }

    @Test
    void launchersStartedTogetherBuildOnce() throws Exception {
        Assumptions.assumeTrue(Set.of("/usr/bin/flock", "/bin/flock").stream().anyMatch(f -> Files.isExecutable(Path.of(f))),
                "needs flock");
        Process first = start(Map.of(), "--version");
        Process second = start(Map.of(), "--version");
        Run a = finish(first), b = finish(second);
        assertEquals(0, a.exit(), a.err());
        assertEquals(0, b.exit(), b.err());
        assertEquals(1, Files.readAllLines(mvnCalls).size(), "one build: " + a.err() + b.err());
        assertTrue((a.err() + b.err()).contains("waiting for another launcher's build"), a.err() + b.err());
    }
}
