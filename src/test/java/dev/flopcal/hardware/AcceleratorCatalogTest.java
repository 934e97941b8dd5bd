package dev.flopcal.hardware;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.util.EnumSet;

import org.junit.jupiter.api.Test;

import dev.flopcal.core.CsvTable;
import dev.flopcal.core.InvalidInputException;
import dev.flopcal.core.Precision;

class AcceleratorCatalogTest {
    private static final String HEADER = "id,name,vendor,kind,fp64_tflops,fp64_tensor_tflops,fp32_tflops,tf32_tflops,"
            + "bf16_tflops,fp16_tflops,fp8_tflops,int8_tops,memory_gb,memory_bandwidth_gbps,tdp_w,notes,source\n";

    private static AcceleratorCatalog parse(String text) throws IOException {
        return AcceleratorCatalog.from(CsvTable.read(new StringReader(text), "test.csv"));
    }

    @Test
    void shippedCatalogHasEveryRowOfTheDataFile() {
        AcceleratorCatalog catalog = AcceleratorCatalog.shipped();
        assertEquals(12, catalog.all().size());
        assertTrue(catalog.ids().containsAll(java.util.List.of("h100-sxm-80gb", "a100-sxm-80gb", "tpu-v4", "l4-24gb")));
    }

    @Test
    void peaksAreConvertedFromTflopsToFlopsPerSecond() {
        AcceleratorSpec h100 = AcceleratorCatalog.shipped().get("h100-sxm-80gb");
        assertEquals(989.4e12, h100.peakFlops(Precision.BF16).orElseThrow(), 1);
        assertEquals(1978.9e12, h100.peakFlops(Precision.INT8).orElseThrow(), 1);
        assertEquals(700, h100.tdp().orElseThrow());
        assertEquals(80, h100.memoryGb());
        assertEquals(3350, h100.memoryBandwidthGbPerSecond());
        assertTrue(h100.source().contains("H100 datasheet"));
    }

    @Test
    void fp64AndFp64TensorAreKeptApart() {
        AcceleratorSpec a100 = AcceleratorCatalog.shipped().get("a100-sxm-80gb");
        assertEquals(9.7e12, a100.peakFlops(Precision.FP64).orElseThrow(), 1);
        assertEquals(19.5e12, a100.fp64TensorFlopsPerSecond(), 1);
        assertTrue(a100.peakFlops(Precision.FP8).isEmpty(), "A100 has no fp8 figure");
    }

    @Test
    void absentFiguresStayAbsent() {
        AcceleratorSpec v4 = AcceleratorCatalog.shipped().get("tpu-v4");
        assertTrue(v4.tdp().isEmpty(), "TPU v4 TDP is not published and must not be invented");
        assertTrue(Double.isNaN(v4.fp64TensorFlopsPerSecond()));
        assertEquals(EnumSet.of(Precision.BF16, Precision.INT8), EnumSet.copyOf(v4.precisions()));
    }

    @Test
    void notesSayingCheckMarkTheRowUnverified() {
        AcceleratorCatalog catalog = AcceleratorCatalog.shipped();
        assertTrue(catalog.get("h800-sxm-80gb").needsCheck());
        assertTrue(catalog.get("b200-sxm-180gb").needsCheck());
        assertTrue(catalog.get("mi300x-192gb").needsCheck());
        assertFalse(catalog.get("h100-sxm-80gb").needsCheck());
        assertFalse(catalog.get("tpu-v4").needsCheck(), "'checked' elsewhere is not the word 'check'");
    }

    @Test
    void unknownIdListsTheKnownOnes() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> AcceleratorCatalog.shipped().get("h200-pcie"));
        assertTrue(e.getMessage().contains("'h200-pcie'"), e.getMessage());
        assertTrue(e.getMessage().contains("h100-sxm-80gb"), e.getMessage());
    }

    @Test
    void lookupIgnoresCase() {
        assertEquals("tpu-v4", AcceleratorCatalog.shipped().get("TPU-v4").id());
    }

    @Test
    void quotedFieldsMayContainCommas() throws IOException {
        AcceleratorCatalog catalog = parse("# comment\n" + HEADER
                + "x1,\"Chip, rev. 2\",V,gpu,,,1,,2,,,,16,100,,\"has \"\"quotes\"\"\",somewhere\n");
        AcceleratorSpec x1 = catalog.get("x1");
        assertEquals("Chip, rev. 2", x1.name());
        assertEquals("has \"quotes\"", x1.notes());
        assertEquals(2e12, x1.peakFlops(Precision.BF16).orElseThrow());
    }

    @Test
    void nonNumericFigureNamesFileLineAndColumn() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> parse("# c\n" + HEADER
                + "x1,X,V,gpu,,,1,,lots,,,,16,100,,,s\n"));
        assertTrue(e.getMessage().contains("test.csv, line 3, column 17 (bf16_tflops)"), e.getMessage());
        assertTrue(e.getMessage().contains("'lots'"), e.getMessage());
    }

    @Test
    void duplicateIdsAndMissingColumnsAreRejected() {
        InvalidInputException dup = assertThrows(InvalidInputException.class, () -> parse(HEADER
                + "x1,X,V,gpu,,,1,,,,,,,,,,s\nx1,Y,V,gpu,,,1,,,,,,,,,,s\n"));
        assertTrue(dup.getMessage().contains("duplicate id 'x1' (first on line 2)"), dup.getMessage());
        InvalidInputException missing = assertThrows(InvalidInputException.class, () -> parse("id,name\nx1,X\n"));
        assertTrue(missing.getMessage().contains("bf16_tflops"), missing.getMessage());
    }
}
