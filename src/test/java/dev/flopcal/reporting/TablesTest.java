package dev.flopcal.reporting;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

class TablesTest {
    @Test
    void tablesPadColumnsAndEscapeMarkdown() {
        assertEquals("a    bb\nccc  d\n", Tables.text(List.of(new String[] {"a", "bb"}, new String[] {"ccc", "d"})));
        assertEquals("| x | y\\|z |\n| --- | --- |\n| 1 | 2 |\n",
                Tables.markdown(List.of(new String[] {"x", "y|z"}, new String[] {"1", "2"})));
    }
}
