package dev.flopcal.measurement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.flopcal.core.InvalidInputException;

class FlopsPerOpTest {
    @Test
    void squareAndRectangularProductsCountTheirOperations() {
        assertEquals(2e6, new FlopsPerOp("2*n^3").at(100, 100, 100), 0);
        assertEquals(2 * 10 * 20 * 30, new FlopsPerOp("2*m*n*k").at(10, 20, 30), 0);
        assertEquals(2e6, new FlopsPerOp("2n^3").at(1, 100, 1), 0, "a number before a variable multiplies it");
        assertEquals(2 * 64.0 * 64 * 64 + 64 * 64, new FlopsPerOp("2*n^3 + n^2").at(64, 64, 64), 0);
        assertEquals(1, new FlopsPerOp("1").at(5, 6, 7), 0, "scores that already count FLOPs");
        assertEquals(FlopsPerOp.SQUARE_GEMM, "2*n^3");
    }

    @ParameterizedTest
    @ValueSource(strings = {"2*n^", "2**n", "(2*n", "2*n)", "", "  ", "2*x^3", "2*N^3", "1,5*n"})
    void anExpressionThatDoesNotParseIsRefusedByName(String text) {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> new FlopsPerOp(text));
        assertTrue(e.getMessage().contains("--flops-per-op '" + text + "'"), e.getMessage());
        assertTrue(e.getMessage().contains("m, n and k"), e.getMessage());
    }

    @Test
    void anUnknownVariableIsNamed() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> new FlopsPerOp("2*x*n"));
        assertTrue(e.getMessage().contains("'x'"), e.getMessage());
    }

    @Test
    void aDivisionByZeroIsNamedWithTheShape() {
        FlopsPerOp f = new FlopsPerOp("n/(m-k)");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> f.at(8, 8, 8));
        assertTrue(e.getMessage().contains("n/(m-k)") && e.getMessage().contains("n=8.0"), e.getMessage());
    }
}
