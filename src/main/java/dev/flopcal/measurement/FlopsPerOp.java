package dev.flopcal.measurement;

import java.util.List;

import net.objecthunter.exp4j.Expression;
import net.objecthunter.exp4j.ExpressionBuilder;
import net.objecthunter.exp4j.ValidationResult;

import dev.flopcal.core.InvalidInputException;

/**
 * The floating-point operations one benchmark operation performs, as an arithmetic expression in the GEMM shape:
 * {@code m}, {@code n} and {@code k} (C is m×n, the inner dimension k), e.g. {@code 2*n^3} for a square product or
 * {@code 2*m*n*k}. Numbers, {@code + - * / ^}, parentheses and exp4j's functions ({@code sqrt}, {@code log}, ...);
 * a number before a variable multiplies it ({@code 2n^3}). Parsed by exp4j, which names an unknown variable and
 * its position.
 *
 * @param text the expression as given
 */
public record FlopsPerOp(String text) {
    /** The variables an expression may use. */
    public static final List<String> VARIABLES = List.of("m", "n", "k");
    /** A square n×n by n×n product: n³ multiply-adds, two operations each. */
    public static final String SQUARE_GEMM = "2*n^3";

    /**
     * Checks that the expression parses and uses only m, n and k.
     *
     * @throws InvalidInputException naming the expression and what is wrong with it
     */
    public FlopsPerOp {
        build(text);
    }

    /**
     * The operations for a shape, evaluated in double precision.
     *
     * @throws InvalidInputException when the expression cannot be evaluated there (a division by zero)
     */
    public double at(double m, double n, double k) {
        Expression e = build(text).setVariable("m", m).setVariable("n", n).setVariable("k", k);
        try {
            return e.evaluate();
        } catch (ArithmeticException ex) {
            throw new InvalidInputException("--flops-per-op '" + text + "' cannot be evaluated at m=" + m + ", n=" + n
                    + ", k=" + k + ": " + ex.getMessage());
        }
    }

    private static Expression build(String text) {
        String why;
        try {
            Expression e = new ExpressionBuilder(text == null ? "" : text).variables(VARIABLES.get(0), VARIABLES.get(1),
                    VARIABLES.get(2)).build();
            ValidationResult v = e.validate(false);
            if (v.isValid()) {
                return e;
            }
            why = String.join("; ", v.getErrors());
        } catch (RuntimeException ex) {
            // exp4j signals unbalanced parentheses with an EmptyStackException, which has no message
            why = ex.getMessage() == null ? "unbalanced parentheses or operators" : ex.getMessage();
        }
        throw new InvalidInputException("--flops-per-op '" + text + "' is not an arithmetic expression in m, n and k ("
                + why + "); e.g. " + SQUARE_GEMM + " or 2*m*n*k");
    }
}
