package dev.flopcal.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.flopcal.core.Precision;
import dev.flopcal.profiles.ProfileIO;

/** A node's figure and interval as read from its profile, before and after profiles record achievedCi95. */
class NodeProfilesTest {
    @TempDir
    Path dir;

    @Test
    void theIntervalIsAchievedCi95WhereRecordedElseJmhsHalfWidth() throws Exception {
        Path plain = dir.resolve("profiles/cpu-test-node1-7.json");
        ProfileIO.write(FakeScheduler.nodeProfile("node1", "7", 300e9), plain);
        NodeFigure f = NodeProfiles.read(plain).figures().get(Precision.FP32);
        assertEquals(NodeFigure.JMH_999, f.interval());
        assertEquals("node1", f.node());
        assertEquals("cpu-test-node1-7", f.profileId());
        assertEquals(297e9, f.low(), 1);
        assertEquals(303e9, f.high(), 1);

        // a profile with a 95% interval per precision (issue #21): that interval is the node's
        Path withCi = dir.resolve("profiles/cpu-test-node2-8.json");
        String json = ProfileIO.toJson(FakeScheduler.nodeProfile("node2", "8", 300e9))
                .replaceFirst("\"achievedError\" : ", "\"achievedCi95\" : [ 2.9E11, 3.05E11 ],\n      \"achievedError\" : ");
        Files.writeString(withCi, json);
        NodeFigure g = NodeProfiles.read(withCi).figures().get(Precision.FP32);
        assertEquals(NodeFigure.CI95, g.interval());
        assertEquals(290e9, g.low());
        assertEquals(305e9, g.high());

        assertEquals(Map.of("node1/7", plain, "node2/8", withCi), NodeProfiles.byJob(dir));
    }

    @Test
    void aHalfWidthWiderThanTheRateIsCutAtZero() throws Exception {
        Path file = dir.resolve("p.json");
        String json = ProfileIO.toJson(FakeScheduler.nodeProfile("node1", "7", 22e9))
                .replaceFirst("\"achievedError\" : [0-9.E]+", "\"achievedError\" : 4.0E10");
        Files.writeString(file, json);
        NodeFigure f = NodeProfiles.read(file).figures().get(Precision.FP32);
        assertEquals(0, f.low());
        assertEquals(62e9, f.high(), 1);
        assertTrue(NodeProfiles.summarize(java.util.List.of(NodeProfiles.read(file))).containsKey("fp32"));
    }
}
