package dev.flopcal.reporting;

import java.util.List;

/** Plain-text and Markdown tables. */
public final class Tables {
    private Tables() {
    }

    /** Columns padded to their widest cell, two spaces apart; the first row is the header. */
    public static String text(List<String[]> rows) {
        int cols = rows.stream().mapToInt(r -> r.length).max().orElse(0);
        int[] width = new int[cols];
        for (String[] r : rows) {
            for (int i = 0; i < r.length; i++) {
                width[i] = Math.max(width[i], r[i].codePointCount(0, r[i].length()));
            }
        }
        StringBuilder out = new StringBuilder();
        for (String[] r : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < r.length; i++) {
                line.append(r[i]).append(" ".repeat(width[i] - r[i].codePointCount(0, r[i].length()) + 2));
            }
            out.append(line.toString().stripTrailing()).append('\n');
        }
        return out.toString();
    }

    /** A GitHub-flavoured Markdown table; the first row is the header; '|' in cells is escaped. */
    public static String markdown(List<String[]> rows) {
        StringBuilder out = new StringBuilder();
        for (int r = 0; r < rows.size(); r++) {
            out.append('|');
            for (String c : rows.get(r)) {
                out.append(' ').append(c.replace("|", "\\|")).append(" |");
            }
            out.append('\n');
            if (r == 0) {
                out.append('|').append(" --- |".repeat(rows.get(0).length)).append('\n');
            }
        }
        return out.toString();
    }
}
