package dev.flopcal.hardware;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;

import dev.flopcal.InvalidInputException;

/**
 * A CSV data table with a header row and {@code #} comment lines, as the project's sourced data files are
 * written: rows as ordered maps from column name to (trimmed) text, empty cells as empty strings.
 */
public final class CsvTable {
    private final String name;
    private final List<Map<String, String>> rows;

    private CsvTable(String name, List<Map<String, String>> rows) {
        this.name = name;
        this.rows = List.copyOf(rows);
    }

    /**
     * Reads a classpath resource.
     *
     * @throws IllegalStateException if the resource is missing or malformed (a packaging error, not user input)
     */
    public static CsvTable resource(Class<?> anchor, String path) {
        try (InputStream in = anchor.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + path);
            }
            return read(path, new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read resource " + path + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads CSV text.
     *
     * @throws InvalidInputException naming the table, line and column when the text is not valid CSV
     */
    public static CsvTable read(String name, Reader reader) throws IOException {
        CsvMapper mapper = CsvMapper.builder().enable(CsvParser.Feature.ALLOW_COMMENTS)
                .enable(CsvParser.Feature.TRIM_SPACES).build();
        CsvSchema schema = CsvSchema.emptySchema().withHeader().withComments();
        List<Map<String, String>> rows = new ArrayList<>();
        try (MappingIterator<Map<String, String>> it = mapper.readerForMapOf(String.class).with(schema).readValues(reader)) {
            while (it.hasNextValue()) {
                rows.add(new LinkedHashMap<>(it.nextValue()));
            }
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            var at = e.getLocation();
            throw new InvalidInputException(name + (at == null ? "" : ":" + at.getLineNr() + ":" + at.getColumnNr())
                    + ": malformed CSV: " + e.getOriginalMessage(), e);
        }
        return new CsvTable(name, rows);
    }

    /** Where the table came from, for messages. */
    public String name() {
        return name;
    }

    /** The rows in file order. */
    public List<Map<String, String>> rows() {
        return rows;
    }
}
