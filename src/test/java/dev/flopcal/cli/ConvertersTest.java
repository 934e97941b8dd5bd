package dev.flopcal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;
import picocli.CommandLine;

import dev.flopcal.core.Precision;

class ConvertersTest {
    private static String message(CommandLine.ITypeConverter<?> converter, String value) {
        return assertThrows(TypeConversionException.class, () -> converter.convert(value)).getMessage();
    }

    @Test
    void listsAreSplitAtCommasAndAddUpWhenRepeated() {
        CalibrateCommand c = new CalibrateCommand();
        new CommandLine(c).parseArgs("--precisions", "fp32, BF16", "--precisions", "int8", "--sizes", "64,96",
                "--threads", "1,2", "--nominal", "fp32=2.3e12,fp64=1.1e12", "--nominal", "int8=4e12");
        assertEquals(List.of(Precision.FP32, Precision.BF16, Precision.INT8), c.precisions);
        assertEquals(List.of(64, 96), c.sizes);
        assertEquals(List.of(1, 2), c.threads);
        assertEquals(Map.of(Precision.FP32, 2.3e12, Precision.FP64, 1.1e12, Precision.INT8, 4e12), c.nominal);
    }

    @Test
    void absentOptionsLeaveTheDefaults() {
        CalibrateCommand c = new CalibrateCommand();
        new CommandLine(c).parseArgs();
        assertNull(c.precisions);
        assertNull(c.sizes);
        assertEquals(Map.of(), c.nominal);
        GapCommand gap = new GapCommand();
        new CommandLine(gap).parseArgs("--rounds", "3");
        assertEquals(Precision.FP32, gap.precision);
        assertEquals(3, gap.rounds);
        assertEquals(1, gap.threads);
    }

    @Test
    void badValuesAreNamed() {
        assertEquals("unknown precision 'fp33'; expected one of fp64, fp32, tf32, bf16, fp16, fp8, int8",
                message(new Converters.PrecisionName(), "fp33"));
        assertEquals("empty element in the list", message(new Converters.PrecisionElement(), " "));
        assertEquals("'1.5' is not an integer", message(new Converters.IntegerElement(), "1.5"));
        assertEquals("empty element in the list", message(new Converters.IntegerElement(), ""));
        assertEquals("-3 is not a positive integer", message(new Converters.PositiveInteger(), "-3"));
        assertEquals("'two' is not an integer", message(new Converters.PositiveInteger(), "two"));
        assertEquals("'lots' is not a number", message(new Converters.Flops(), "lots"));
        assertEquals("0 is not a positive number", message(new Converters.Flops(), "0"));
        assertEquals("Infinity is not a positive number", message(new Converters.Flops(), "Infinity"));
        assertEquals("NaN is not a positive number", message(new Converters.Flops(), "NaN"));
        assertEquals("a precision without its figure; expected PRECISION=FLOPS, e.g. fp32=2.3e12",
                message(new Converters.Flops(), ""));
    }
}
