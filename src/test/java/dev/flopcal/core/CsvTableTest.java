package dev.flopcal.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.util.List;

import org.junit.jupiter.api.Test;

class CsvTableTest {
    private static CsvTable read(String text) throws IOException {
        return CsvTable.read(new StringReader(text), "t.csv");
    }

    private static String message(String text) {
        return assertThrows(InvalidInputException.class, () -> read(text)).getMessage();
    }

    @Test
    void commentsAndEmptyLinesAreSkippedAndLinesKeepTheirNumbers() throws IOException {
        CsvTable t = read("# about\n\na , b\n# between\n1,2\n\n3,4\n");
        assertEquals(List.of("a", "b"), t.header());
        assertEquals(List.of(5, 7), t.rows().stream().map(CsvTable.Row::line).toList());
        assertEquals(3, t.rows().get(1).number("a"));
        assertEquals("t.csv, line 7, column 3 (b): x", t.rows().get(1).error("b", "x").getMessage());
    }

    @Test
    void quotedFieldsKeepCommasAndQuotesAndLaterColumnsCountTheRawText() throws IOException {
        // "x, ""y""" takes 10 characters: the field after it starts in column 12
        CsvTable t = read("a,b,c\n\"x, \"\"y\"\"\",2,\n");
        CsvTable.Row row = t.rows().getFirst();
        assertEquals("x, \"y\"", row.text("a"));
        assertEquals("t.csv, line 2, column 12 (b): x", row.error("b", "x").getMessage());
        assertEquals("t.csv, line 2, column 14 (c): x", row.error("c", "x").getMessage());
        assertTrue(row.isEmpty("c"));
    }

    @Test
    void crLfLineEndingsGiveTheSameLinesAndColumns() throws IOException {
        CsvTable t = read("# c\r\na,b\r\n\r\n1,22\r\n");
        assertEquals("t.csv, line 4, column 3 (b): x", t.rows().getFirst().error("b", "x").getMessage());
        assertEquals(22, t.rows().getFirst().number("b"));
    }

    @Test
    void missingTrailingFieldsAreEmptyAndPlacedAfterTheLastOne() throws IOException {
        CsvTable.Row row = read("a,b,c\n1,2").rows().getFirst();
        assertTrue(row.isEmpty("c"));
        assertTrue(Double.isNaN(row.number("c")));
        assertEquals("t.csv, line 2, column 4 (c): x", row.error("c", "x").getMessage());
    }

    @Test
    void aNonNumberNamesLineColumnAndText() throws IOException {
        CsvTable.Row row = read("a,b\n1, lots\n").rows().getFirst();
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> row.number("b"));
        assertEquals("t.csv, line 2, column 3 (b): 'lots' is not a number", e.getMessage());
        CsvTable.Row infinite = read("a\nInfinity\n").rows().getFirst();
        assertTrue(assertThrows(InvalidInputException.class, () -> infinite.number("a")).getMessage()
                .endsWith("'Infinity' is not a finite number"));
    }

    @Test
    void malformedRecordsNameLineAndColumn() {
        assertEquals("t.csv, line 3, column 3: unterminated quote", message("a,b\n1,2\n3,\"4\n5,6\n"));
        assertEquals("t.csv, line 2, column 5: 3 fields but the header has 2", message("a,b\n1,2,3\n"));
        assertEquals("t.csv: no header line", message("# only a comment\n\n"));
    }

    @Test
    void missingColumnsAreListedWithTheHeader() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> read("a,b\n1,2\n").requireColumns("a", "c", "d"));
        assertEquals("t.csv: missing column(s) c, d; header is a,b", e.getMessage());
    }

    @Test
    void shippedTablesAreRead() {
        CsvTable accelerators = CsvTable.resource("/dev/flopcal/data/accelerators.csv");
        assertEquals("accelerators.csv", accelerators.name());
        assertEquals(12, accelerators.rows().size());
        // the first data row follows two comment lines and the header
        assertEquals(4, accelerators.rows().getFirst().line());
    }
}
