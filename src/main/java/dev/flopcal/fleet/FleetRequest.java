package dev.flopcal.fleet;

import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

import dev.flopcal.core.InvalidInputException;

/**
 * What a fleet calibration is asked to do.
 *
 * @param resultsDir  the directory every node writes its profile and raw results under, and the report goes to (a
 *                    shared filesystem on a cluster); absolute
 * @param partition   the partition to run in, or null for the scheduler's default
 * @param nodes       calibrate this many nodes of the partition (the first in service), or null
 * @param nodeList    calibrate these nodes (a node list such as "node[1-4],gpu7"), or null
 * @param timeLimit   each node task's time limit in the scheduler's format (minutes, "HH:MM:SS", "D-HH:MM"...), or
 *                    null for the partition's default
 * @param sbatchArgs  site options for every submission, split into words as a shell would (quotes group words)
 * @param calibration what each node measures; null when retrying (the retried run's settings are kept)
 * @param launcher    the {@code calibrate} launcher the node tasks run, on the shared filesystem; absolute
 * @param retryFailed resubmit only the nodes the report in {@code resultsDir} names as failed
 */
public record FleetRequest(Path resultsDir, String partition, Integer nodes, String nodeList, String timeLimit,
                           List<String> sbatchArgs, NodeCalibration calibration, Path launcher, boolean retryFailed) {

    /** Slurm's time formats: minutes, M:S, H:M:S, D-H, D-H:M, D-H:M:S, or unlimited. */
    private static final Pattern TIME = Pattern.compile("\\d+(:\\d{1,2}){0,2}|\\d+-\\d{1,2}(:\\d{1,2}){0,2}"
            + "|(?i:unlimited|infinite)");

    /**
     * Checks a request.
     *
     * @throws InvalidInputException naming the bad value: no nodes asked for (or both --nodes and --nodelist), a
     *                               count below 1, a malformed time limit, calibration flags with --retry-failed
     */
    public FleetRequest {
        sbatchArgs = List.copyOf(sbatchArgs);
        if (resultsDir == null) {
            throw new InvalidInputException("--results DIR is required: the directory every node writes its profile"
                    + " to (on a cluster, a shared filesystem every node mounts)");
        }
        if (retryFailed) {
            if (nodes != null || nodeList != null) {
                throw new InvalidInputException("--retry-failed resubmits the failed nodes of " + resultsDir
                        + "/" + FleetCalibration.REPORT_FILE + "; leave out " + (nodes != null ? "--nodes" : "--nodelist"));
            }
            if (calibration != null) {
                throw new InvalidInputException("--retry-failed measures as the run it retries did, so that the"
                        + " fleet's nodes stay comparable; leave out the calibration flags (--quick, --full,"
                        + " --precisions, --sizes, --threads)");
            }
        } else {
            if ((nodes == null) == (nodeList == null)) {
                throw new InvalidInputException(nodes == null
                        ? "which nodes? give --nodes N (the first N in service in the partition) or --nodelist LIST"
                        : "give --nodes or --nodelist, not both");
            }
            if (nodes != null && nodes < 1) {
                throw new InvalidInputException("--nodes " + nodes + " is not a positive number of nodes");
            }
            if (nodeList != null && nodeList.isBlank()) {
                throw new InvalidInputException("--nodelist is empty; expected node names such as node1,node2 or"
                        + " node[1-4]");
            }
            if (calibration == null) {
                throw new IllegalArgumentException("a fleet calibration needs its calibration flags");
            }
        }
        if (timeLimit != null && !TIME.matcher(timeLimit.strip()).matches()) {
            throw new InvalidInputException("--time-limit '" + timeLimit + "' is not a Slurm time: minutes, MM:SS,"
                    + " HH:MM:SS, D-HH, D-HH:MM or D-HH:MM:SS, e.g. 30 or 1:00:00");
        }
        if (partition != null && !partition.matches("[A-Za-z0-9._-]+")) {
            throw new InvalidInputException("--partition '" + partition + "' is not a partition name");
        }
        if (launcher == null || !launcher.isAbsolute() || !resultsDir.isAbsolute()) {
            throw new IllegalArgumentException("the launcher and the results directory are absolute paths");
        }
    }

    /**
     * Site options as one string, split into words as a POSIX shell would: white space separates words; single
     * quotes keep everything up to the next single quote; double quotes keep everything up to the next double quote
     * but a backslash before {@code "} or {@code \\}; a backslash outside quotes keeps the next character. Quotes
     * may start inside a word, e.g. {@code --account=ml --comment='acceptance run'} → two words. (Commons Text's
     * tokenizer only honours quotes that open a word.)
     *
     * @throws InvalidInputException when a quote is not closed or the text ends in a lone backslash
     */
    public static List<String> splitOptions(String text) {
        List<String> words = new java.util.ArrayList<>();
        if (text == null) {
            return words;
        }
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
                continue;
            }
            inWord = true;
            if (c == '\'') {
                int end = text.indexOf('\'', i + 1);
                if (end < 0) {
                    throw unclosed(text, "single quote");
                }
                word.append(text, i + 1, end);
                i = end;
            } else if (c == '"') {
                int j = i + 1;
                for (; j < text.length() && text.charAt(j) != '"'; j++) {
                    char d = text.charAt(j);
                    if (d == '\\' && j + 1 < text.length() && (text.charAt(j + 1) == '"' || text.charAt(j + 1) == '\\')) {
                        d = text.charAt(++j);
                    }
                    word.append(d);
                }
                if (j >= text.length()) {
                    throw unclosed(text, "double quote");
                }
                i = j;
            } else if (c == '\\') {
                if (i + 1 >= text.length()) {
                    throw new InvalidInputException("--sbatch-args '" + text + "' ends in a lone backslash");
                }
                word.append(text.charAt(++i));
            } else {
                word.append(c);
            }
        }
        if (inWord) {
            words.add(word.toString());
        }
        return List.copyOf(words);
    }

    private static InvalidInputException unclosed(String text, String what) {
        return new InvalidInputException("--sbatch-args '" + text + "' has an unclosed " + what);
    }
}
