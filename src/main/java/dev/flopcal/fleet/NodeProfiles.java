package dev.flopcal.fleet;

import java.nio.file.Path;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import dev.flopcal.core.InputFiles;
import dev.flopcal.core.InvalidInputException;
import dev.flopcal.core.Precision;
import dev.flopcal.profiles.PrecisionProfile;
import dev.flopcal.profiles.Profile;
import dev.flopcal.profiles.ProfileIO;
import dev.flopcal.profiles.ProfileStore;

/** The profiles a fleet's nodes wrote, and the achieved figures with their intervals that the report compares. */
public final class NodeProfiles {
    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private NodeProfiles() {
    }

    /**
     * A node's profile as read from its file.
     *
     * @param profile the profile
     * @param file    its file
     * @param figures per precision, its achieved figure with its interval (node and profile id filled in)
     */
    public record NodeProfile(Profile profile, Path file, Map<Precision, NodeFigure> figures) {
        public NodeProfile {
            figures = figures.isEmpty() ? Map.of() : java.util.Collections.unmodifiableMap(new EnumMap<>(figures));
        }
    }

    /**
     * Reads a profile and its achieved figures. The interval is the profile's {@code achievedCi95} [low, high] where
     * it records one, else achievedFlops ± achievedError (JMH's 99.9% half-width, cut at zero), else none. The node is
     * {@code provenance.node}, or the profile id for a profile not made by a fleet's node task.
     *
     * @throws InvalidInputException when the file is missing or not a valid profile
     */
    public static NodeProfile read(Path file) {
        String text = InputFiles.readString(file, "profile");
        Profile profile = ProfileIO.parse(file.toString(), text);
        JsonNode tree;
        try {
            tree = JSON.readTree(text);
        } catch (JacksonException e) {
            throw new InvalidInputException(file + ": not JSON: " + e.getOriginalMessage(), e);
        }
        String node = profile.provenance() != null && profile.provenance().node() != null ? profile.provenance().node()
                : profile.id();
        Map<Precision, NodeFigure> figures = new EnumMap<>(Precision.class);
        profile.precisions().forEach((key, entry) -> figure(node, profile.id(), entry,
                tree.path("precisions").path(key).path("achievedCi95")).ifPresent(f -> figures.put(Precision.parse(key), f)));
        return new NodeProfile(profile, file, figures);
    }

    private static Optional<NodeFigure> figure(String node, String profileId, PrecisionProfile entry, JsonNode ci95) {
        Double a = entry.achievedFlops();
        if (a == null || a.isNaN()) {
            return Optional.empty();
        }
        if (ci95.isArray() && ci95.size() == 2 && ci95.get(0).isNumber() && ci95.get(1).isNumber()) {
            return Optional.of(NodeFigure.of(node, profileId, a, ci95.get(0).asDouble(), ci95.get(1).asDouble(),
                    NodeFigure.CI95));
        }
        Double e = entry.achievedError();
        // a rate is never negative: a half-width wider than the rate is cut at zero, as the charts cut error bars
        return Optional.of(e == null || e.isNaN() ? NodeFigure.of(node, profileId, a, a, a, NodeFigure.NONE)
                : NodeFigure.of(node, profileId, a, Math.max(0, a - e), a + e, NodeFigure.JMH_999));
    }

    /**
     * The profiles under a results directory written by a scheduler's jobs, by "node/jobId"; files that are not
     * valid profiles are passed over.
     */
    public static Map<String, Path> byJob(Path resultsDir) {
        Map<String, Path> m = new LinkedHashMap<>();
        for (Path f : new ProfileStore(resultsDir).all()) {
            try {
                Profile p = ProfileIO.read(f);
                if (p.provenance() != null && p.provenance().node() != null && p.provenance().jobId() != null) {
                    m.put(key(p.provenance().node(), p.provenance().jobId()), f);
                }
            } catch (InvalidInputException e) {
                // not a profile (or a damaged one): it cannot be a node task's, which are written atomically
            }
        }
        return m;
    }

    /** The key of {@link #byJob}. */
    public static String key(String node, String jobId) {
        return node + "/" + jobId;
    }

    /**
     * The fleet's summary per precision, over the given nodes' profiles: for each precision some node has a figure
     * of, in {@link Precision} order.
     */
    public static Map<String, FleetReport.PrecisionSummary> summarize(List<NodeProfile> profiles) {
        Map<String, FleetReport.PrecisionSummary> m = new LinkedHashMap<>();
        for (Precision p : Precision.values()) {
            List<NodeFigure> figures = profiles.stream().map(np -> np.figures().get(p))
                    .filter(java.util.Objects::nonNull).toList();
            if (!figures.isEmpty()) {
                m.put(p.id(), FleetStatistics.summarize(p, figures));
            }
        }
        return m;
    }
}
