package dev.flopcal.profiles;

import java.text.Normalizer;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.regex.Pattern;

import dev.flopcal.core.InvalidInputException;

/**
 * Profile identifiers: lower-case letters, digits, '.', '_' and '-', starting with a letter or digit, at most 100
 * characters. An id is also a file name under {@code results/}, so it can never contain a path separator or "..".
 */
public final class Ids {
    private static final Pattern VALID = Pattern.compile("[a-z0-9][a-z0-9._-]{0,99}");
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private Ids() {
    }

    /**
     * Checks an id.
     *
     * @throws InvalidInputException naming the id and the rule it breaks
     */
    public static String check(String id) {
        if (id == null || id.isEmpty()) {
            throw new InvalidInputException("profile id is empty");
        }
        if (id.contains("/") || id.contains("\\") || id.contains("..")) {
            throw new InvalidInputException("profile id '" + id + "' would escape results/: ids may not contain '/', '\\\\' or '..'");
        }
        if (!VALID.matcher(id).matches()) {
            throw new InvalidInputException("profile id '" + id + "' is not valid: use lower-case letters, digits, '.',"
                    + " '_' and '-', starting with a letter or digit, at most 100 characters");
        }
        return id;
    }

    /** Lower-case, ASCII, words joined by '-', e.g. "Intel(R) Xeon(R) Processor" → "intel-xeon-processor". */
    public static String slug(String text) {
        String ascii = Normalizer.normalize(text, Normalizer.Form.NFKD).replaceAll("[^\\p{ASCII}]", "");
        String s = ascii.toLowerCase(Locale.ROOT).replaceAll("\\((r|tm|c)\\)", " ").replaceAll("[^a-z0-9]+", "-")
                .replaceAll("^-+|-+$", "");
        return s.isEmpty() ? "device" : s.length() > 60 ? s.substring(0, 60).replaceAll("-+$", "") : s;
    }

    /**
     * The id of a fleet's node task: the calibration's id + "-" + node slug + "-" + job id slug, e.g.
     * "cpu-amd-zen5-2c-20261207t213000z-node1-4711". A scheduler's node names and job ids are unique within its
     * cluster, so two nodes calibrating in the same second get different ids. A long node name is shortened to keep
     * the id within 100 characters; the job id is kept whole.
     *
     * @throws InvalidInputException when the job id alone leaves no room, or the node name has no letter or digit
     */
    public static String forNodeTask(String calibrationId, String node, String jobId) {
        String job = idWord(jobId), host = idWord(node);
        if (host.isEmpty() || job.isEmpty()) {
            throw new InvalidInputException((host.isEmpty() ? "node name '" + node : "job id '" + jobId)
                    + "' has no letter or digit to name a profile by");
        }
        int room = 100 - calibrationId.length() - job.length() - 2;
        if (room < 1) {
            throw new InvalidInputException("job id '" + jobId + "' is too long to name a profile by");
        }
        return check(calibrationId + "-" + host.substring(0, Math.min(room, host.length())).replaceAll("[-._]+$", "")
                + "-" + job);
    }

    /** Lower case, runs of characters an id cannot hold turned into '-', no punctuation at either end. */
    private static String idWord(String text) {
        return text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]+", "-").replaceAll("^[-._]+|[-._]+$", "");
    }

    /** An id for a CPU calibration: "cpu-" + device slug + "-" + cores + "c-" + UTC timestamp. */
    public static String forCalibration(String device, int cores, Instant at) {
        return check("cpu-" + slug(device) + "-" + cores + "c-" + STAMP.format(at).toLowerCase(Locale.ROOT));
    }
}
