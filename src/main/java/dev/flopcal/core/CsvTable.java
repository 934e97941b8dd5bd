package dev.flopcal.core;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * A small CSV table, as flopcal's data files are written: RFC 4180 (read by Apache Commons CSV), lines starting with
 * {@code #} and empty lines are comments, the first other record is the header. Every cell remembers its line and
 * column so that an error can name them.
 */
public final class CsvTable {
    private static final char QUOTE = '"';
    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder()
            .setCommentMarker('#')
            .setIgnoreEmptyLines(true)
            // a quote left open makes the rest of the file its field rather than failing without a column:
            // Positions finds such a field and names where it starts
            .setLenientEof(true)
            // text after a closing quote belongs to the field ("a"b reads as ab), as it did before Commons CSV
            .setTrailingData(true)
            .get();

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
     * @throws InvalidInputException naming the file, line and column of a malformed record (unterminated quote,
     *     more fields than the header)
     */
    public static CsvTable read(Reader reader, String name) throws IOException {
        StringWriter copy = new StringWriter();
        reader.transferTo(copy);
        // the whole text stays at hand: Commons CSV gives each record's offset, not each field's
        Positions positions = new Positions(copy.toString(), name);
        List<String> header = null;
        List<Row> rows = new ArrayList<>();
        try (CSVParser parser = CSVParser.parse(positions.text, FORMAT)) {
            for (CSVRecord record : parser) {
                List<Field> fields = positions.fields(record);
                if (fields.size() == 1 && fields.get(0).text().isBlank()) {
                    continue; // a line of spaces, blank as an empty one
                }
                if (header == null) {
                    header = fields.stream().map(f -> f.text().trim()).toList();
                    continue;
                }
                if (fields.size() > header.size()) {
                    throw fields.get(header.size()).error(name, fields.size() + " fields but the header has " + header.size());
                }
                Map<String, Field> cells = new LinkedHashMap<>();
                for (int i = 0; i < header.size(); i++) {
                    // missing trailing fields are empty, as spreadsheets write them; they "start" after the last one
                    cells.put(header.get(i), i < fields.size() ? fields.get(i) : positions.after(fields.getLast()));
                }
                rows.add(new Row(name, fields.getFirst().line(), cells));
            }
        } catch (UncheckedIOException e) {
            throw e.getCause(); // the parser's iterator wraps the reader's failures
        }
        if (header == null) {
            throw new InvalidInputException(name + ": no header line");
        }
        return new CsvTable(name, header, rows);
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

    /** One field's text and the 1-based line and character column where it starts. */
    private record Field(String text, int line, int column, int end) {
        InvalidInputException error(String file, String message) {
            return new InvalidInputException(file + ", line " + line + ", column " + column + ": " + message);
        }
    }

    /**
     * Where each field of a record starts in the text. A field's extent follows from its value: unquoted, as long as
     * the value; quoted, the value with its inner quotes doubled between two quotes.
     */
    private static final class Positions {
        private final String text;
        private final String file;
        /** Offset of the first character of each line. */
        private final int[] lineStarts;

        Positions(String text, String file) {
            this.text = text;
            this.file = file;
            List<Integer> starts = new ArrayList<>(List.of(0));
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c == '\n' || c == '\r' && (i + 1 == text.length() || text.charAt(i + 1) != '\n')) {
                    starts.add(i + 1);
                }
            }
            this.lineStarts = starts.stream().mapToInt(Integer::intValue).toArray();
        }

        List<Field> fields(CSVRecord record) {
            int at = skipCommentsAndEmptyLines((int) record.getCharacterPosition());
            List<Field> fields = new ArrayList<>(record.size());
            for (String value : record) {
                boolean quoted = at < text.length() && text.charAt(at) == QUOTE;
                int end = at + value.length() + (quoted ? 2 + (int) value.chars().filter(c -> c == QUOTE).count() : 0);
                Field field = field(value, at, end);
                if (end > text.length()) {
                    throw field.error(file, "unterminated quote");
                }
                if (end < text.length() && ",\r\n".indexOf(text.charAt(end)) < 0) {
                    throw field.error(file, "malformed quoted field");
                }
                fields.add(field);
                at = end + 1;
            }
            return fields;
        }

        /** An empty field just after {@code last}. */
        Field after(Field last) {
            return field("", last.end(), last.end());
        }

        /** Commons CSV gives a record the offset where it started reading it, before the comments it skipped. */
        private int skipCommentsAndEmptyLines(int at) {
            while (at < text.length() && (text.charAt(at) == '#' || text.charAt(at) == '\n' || text.charAt(at) == '\r')) {
                int line = lineOf(at);
                at = line + 1 < lineStarts.length ? lineStarts[line + 1] : text.length();
            }
            return at;
        }

        private Field field(String value, int start, int end) {
            int line = lineOf(Math.min(start, text.length()));
            return new Field(value, line + 1, start - lineStarts[line] + 1, end);
        }

        /** The 0-based line holding the offset. */
        private int lineOf(int offset) {
            int i = Arrays.binarySearch(lineStarts, offset);
            return i >= 0 ? i : -i - 2;
        }
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

        /** An {@link InvalidInputException} that names this row's file, the cell's line and column, and its name. */
        public InvalidInputException error(String column, String message) {
            Field field = field(column);
            return new InvalidInputException(file + ", line " + field.line() + ", column " + field.column() + " (" + column
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
