package dev.flopcal.measurement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import dev.flopcal.hardware.Cpu;
import dev.flopcal.hardware.TestHosts;
import dev.flopcal.kernels.StreamKernel;

class LikwidBenchTest {
    private static final String RUN = "/dev/flopcal/likwid/stream_avx512-49152B-2.txt";
    private static final String LIST = "/dev/flopcal/likwid/tests.txt";

    @TempDir
    Path dir;

    @Test
    void aRunsFigureIsItsMegabytesPerSecondInBytes() throws Exception {
        // likwid-bench 5.2, stream_avx512 on 48 KiB over 2 threads, 1000 sweeps per thread, on the Zen 5 VM
        LikwidBench.Result r = LikwidBench.parse(resource(RUN));
        assertEquals(319707.86e6, r.bytesPerSecond(), 1e-3);
        assertEquals(49152, r.sizeBytes());
        assertEquals(1.537404e-04, r.seconds(), 1e-12);
        // its figure is its data volume over its time: 49152000 bytes in 153.7404 µs
        assertEquals(49152000 / 1.537404e-04, r.bytesPerSecond(), 1e-5 * r.bytesPerSecond());
        LikwidBench.Failed e = assertThrows(LikwidBench.Failed.class,
                () -> LikwidBench.parse("Running without Marker API.\nERROR: Cannot get topology\n"));
        assertEquals("no 'MByte/s' in its output: ERROR: Cannot get topology", e.getMessage());
    }

    @Test
    void theWidestPlainTestsOfTheCpuAreChosen() throws IOException {
        Set<String> listed = LikwidBench.tests(resource(LIST));
        assertTrue(listed.containsAll(List.of("load_avx512", "store_avx512", "copy_avx512", "stream_avx512", "copy")),
                listed.toString());
        Cpu zen5 = TestHosts.zen5Vm(List.of());
        assertEquals(Map.of(StreamKernel.READ, "load_avx512", StreamKernel.WRITE, "store_avx512", StreamKernel.COPY,
                "copy_avx512", StreamKernel.TRIAD, "stream_avx512"), LikwidBench.choose(listed, zen5));
        Cpu avx2 = new Cpu("AuthenticAMD", "x", 25, 1, 1, "", 2, 2, 1, Double.NaN, 2e9, List.of(),
                List.of("sse2", "avx", "avx2", "fma"));
        assertEquals(Map.of(StreamKernel.READ, "load_avx", StreamKernel.WRITE, "store_avx", StreamKernel.COPY, "copy_avx",
                StreamKernel.TRIAD, "stream_avx"), LikwidBench.choose(listed, avx2));
        // a tool listing only scalar tests gets those
        assertEquals(Map.of(StreamKernel.COPY, "copy"), LikwidBench.choose(Set.of("copy", "daxpy"), zen5));
    }

    @Test
    void theCommandGivesTheWorkingSetInBytesAndTheSweepsPerThread() {
        LikwidBench l = new LikwidBench("/usr/bin/likwid-bench", "5.2", Map.of(), "");
        assertEquals(List.of("/usr/bin/likwid-bench", "-t", "stream_avx512", "-w", "N:49152B:2", "-i", "4000"),
                l.command("stream_avx512", 49152, 2, 4000));
        assertEquals(List.of("/usr/bin/likwid-bench", "-t", "load_avx512", "-w", "N:268435456B:2"),
                l.command("load_avx512", 268435456, 2, 0));
        assertEquals("likwid-bench 5.2", l.tool());
    }

    @Test
    void sweepsAreSizedForTheTargetDurationAtTheJvmsRate() {
        // 0.25 s at 500 GB/s over 48 KiB in all: 0.25 * 500e9 / 49152 = 2543131.5 sweeps, rounded up
        assertEquals(2543132, LikwidBench.iterations(500e9, 49152, 0.25));
        // at least likwid-bench's own minimum; none (it times itself) without a rate
        assertEquals(10, LikwidBench.iterations(1e9, 1L << 30, 0.25));
        assertEquals(0, LikwidBench.iterations(Double.NaN, 49152, 0.25));
    }

    @Test
    void findsTheExecutableOnAPath() throws IOException {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        assertEquals(Optional.empty(), LikwidBench.onPath(dir.toString()));
        Path exe = script(bin, "echo hi");
        assertEquals(Optional.of(exe), LikwidBench.onPath("/nonexistent:" + bin));
        assertEquals(Optional.empty(), LikwidBench.onPath(null));
    }

    @Test
    @EnabledOnOs({OS.LINUX, OS.MAC})
    void aWorkingToolIsProbedAndMeasured() throws Exception {
        Path exe = fake("cat " + copy(RUN), "exit 0");
        List<String> missing = new ArrayList<>();
        LikwidBench l = LikwidBench.probe(exe, TestHosts.zen5Vm(List.of()), missing::add).orElseThrow();
        assertEquals(List.of(), missing);
        assertEquals("5.2", l.version());
        assertEquals("stream_avx512", l.tests().get(StreamKernel.TRIAD));
        assertEquals(319707.86e6, l.measure(l.command("stream_avx512", 49152, 2, 1000)).bytesPerSecond(), 1e-3);
    }

    @Test
    @EnabledOnOs({OS.LINUX, OS.MAC})
    void aToolThatFailsIsReportedInOneLine() throws Exception {
        Path exe = fake("echo 'Running without Marker API.'; echo 'ERROR: Cannot get affinity of thread 1' >&2", "exit 1");
        List<String> missing = new ArrayList<>();
        assertFalse(LikwidBench.probe(exe, TestHosts.zen5Vm(List.of()), missing::add).isPresent());
        assertEquals(1, missing.size());
        assertEquals(exe + " -t stream_avx512 -w N:24576B:1 -i 100 exited with code 1: ERROR: Cannot get affinity of"
                + " thread 1", missing.get(0));
        assertFalse(missing.get(0).contains("\n"));
    }

    /** A likwid-bench that answers -h and -a as 5.2 does and runs a test with {@code run}, then {@code exit}. */
    private Path fake(String run, String exit) throws IOException {
        Path list = copy(LIST);
        return script(Files.createDirectories(dir.resolve("bin")), String.join("\n",
                "case \"$1\" in",
                "  -h) echo 'Threaded Memory Hierarchy Benchmark --  Version  5.2 ' ;;",
                "  -a) cat " + list + " ;;",
                "  *) " + run + "; " + exit + " ;;",
                "esac"));
    }

    private Path copy(String resource) throws IOException {
        Path p = dir.resolve(resource.substring(resource.lastIndexOf('/') + 1));
        Files.writeString(p, resource(resource));
        return p;
    }

    private static Path script(Path bin, String body) throws IOException {
        Path exe = bin.resolve("likwid-bench");
        Files.writeString(exe, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(exe, PosixFilePermissions.fromString("rwxr-xr-x"));
        return exe;
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = LikwidBenchTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
