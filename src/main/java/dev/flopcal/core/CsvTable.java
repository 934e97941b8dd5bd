package dev.flopcal.core;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;


/**
 * A small CSV table, as flopcal's data files are written: lines starting with {@code #} and blank lines are
 * comments, the first other line is the header, fields are separated by commas and may be double-quoted
 * (RFC 4180 quoting, within one line). Every cell remembers its line and column so that an error can name
 * them.
 */
public final class CsvTable {
    private final String name;
    private final List<String> header;
    private final List<Row> rows;

    private CsvTable(String name, List<String> header, List<Row> rows) {
        this.name = name;
        this.header = List.copyOf(header);
        this.rows = List.copyOf(rows);
    }

    /**
     * Reads a UTF-8 table from the class path.
     *
     * @param resource absolute resource path, e.g. {@code /dev/flopcal/data/accelerators.csv}
     * @throws UncheckedIOException when the resource is missing or unreadable (a packaging bug, not bad input)
     */
    public static CsvTable resource(String resource) {
        InputStream in = CsvTable.class.getResourceAsStream(resource);
        if (in == null) {
            throw new UncheckedIOException(new IOException("resource " + resource + " is not on the class path"));
        }
        String fileName = resource.substring(resource.lastIndexOf('/') + 1);
        try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            return read(reader, fileName);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read resource " + resource, e);
        }
    }

    /**
     * Reads a table.
     *
     * @param name the file name used in error messages
     * @throws InvalidInputException naming the file, line and column of a malformed line (unterminated quote,
     *     more fields than the header)
     */
    public static CsvTable read(Reader reader, String name) throws IOException {
        BufferedReader lines = new BufferedReader(reader);
        List<String> header = null;
        List<Row> rows = new ArrayList<>();
        String line;
        int lineNumber = 0;
        while ((line = lines.readLine()) != null) {
            lineNumber++;
            if (line.isBlank() || line.stripLeading().startsWith("#")) {
                continue;
            }
            List<Field> fields = split(line, name, lineNumber);
            if (header == null) {
                header = fields.stream().map(f -> f.text().trim()).toList();
                continue;
            }
            if (fields.size() > header.size()) {
                throw new InvalidInputException(name + ", line " + lineNumber + ", column " + fields.get(header.size()).column()
                        + ": " + fields.size() + " fields but the header has " + header.size());
            }
            Map<String, Field> cells = new LinkedHashMap<>();
            for (int i = 0; i < header.size(); i++) {
                // missing trailing fields are empty, as spreadsheets write them
                cells.put(header.get(i), i < fields.size() ? fields.get(i) : new Field("", line.length() + 1));
            }
            rows.add(new Row(name, lineNumber, cells));
        }
        if (header == null) {
            throw new InvalidInputException(name + ": no header line");
        }
        return new CsvTable(name, header, rows);
    }

    private static List<Field> split(String line, String name, int lineNumber) {
        List<Field> fields = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        int start = 0;
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    text.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    text.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                fields.add(new Field(text.toString(), start + 1));
                text.setLength(0);
                start = i + 1;
            } else {
                text.append(c);
            }
        }
        if (quoted) {
            throw new InvalidInputException(name + ", line " + lineNumber + ", column " + (start + 1) + ": unterminated quote");
        }
        fields.add(new Field(text.toString(), start + 1));
        return fields;
    }

    /** The file name given when reading, for messages. */
    public String name() {
        return name;
    }

    /** Column names in file order. */
    public List<String> header() {
        return header;
    }

    /** Data rows in file order (comments and the header excluded). */
    public List<Row> rows() {
        return rows;
    }

    /**
     * Checks that every named column is present.
     *
     * @throws InvalidInputException naming the file and the missing columns
     */
    public CsvTable requireColumns(String... columns) {
        List<String> missing = Arrays.stream(columns).filter(c -> !header.contains(c)).toList();
        if (!missing.isEmpty()) {
            throw new InvalidInputException(name + ": missing column(s) " + String.join(", ", missing) + "; header is "
                    + String.join(",", header));
        }
        return this;
    }

    /** One field's text and the 1-based character column where it starts. */
    private record Field(String text, int column) {
    }

    /** One data row; cells are looked up by column name. */
    public static final class Row {
        private final String file;
        private final int line;
        private final Map<String, Field> cells;

        private Row(String file, int line, Map<String, Field> cells) {
            this.file = file;
            this.line = line;
            this.cells = cells;
        }

        /** 1-based line number in the file. */
        public int line() {
            return line;
        }

        /** The cell's text, trimmed; {@code ""} when empty. */
        public String text(String column) {
            return field(column).text().trim();
        }

        /** True when the cell is empty. */
        public boolean isEmpty(String column) {
            return text(column).isEmpty();
        }

        /**
         * The cell as a number, {@code NaN} when empty.
         *
         * @throws InvalidInputException naming file, line, column and the text when it is not a finite number
         */
        public double number(String column) {
            String text = text(column);
            if (text.isEmpty()) {
                return Double.NaN;
            }
            double value;
            try {
                value = Double.parseDouble(text);
            } catch (NumberFormatException e) {
                throw error(column, "'" + text + "' is not a number");
            }
            if (!Double.isFinite(value)) {
                throw error(column, "'" + text + "' is not a finite number");
            }
            return value;
        }

        /** An {@link InvalidInputException} that names this row's file, line and the column's position. */
        public InvalidInputException error(String column, String message) {
            return new InvalidInputException(file + ", line " + line + ", column " + field(column).column() + " (" + column
                    + "): " + message);
        }

        private Field field(String column) {
            Field field = cells.get(column);
            if (field == null) {
                throw new IllegalArgumentException("no column '" + column + "' in " + file);
            }
            return field;
        }
    }
}
