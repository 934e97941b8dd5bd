package dev.flopcal.profiles;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import dev.flopcal.core.InvalidInputException;

class ProfileSchemaTest {

    private static ObjectNode golden() {
        return (ObjectNode) ProfileIO.MAPPER.valueToTree(Golden.profile());
    }

    @Test
    void aBuiltProfileIsValidAndRoundTrips() {
        String json = ProfileIO.toJson(Golden.profile());
        Profile back = ProfileIO.parse("golden.json", json);
        assertEquals(json, ProfileIO.toJson(back));
    }

    @Test
    void unknownExtraFieldsAreTolerated() throws Exception {
        ObjectNode tree = golden();
        tree.put("comment", "added by a later version");
        ((ObjectNode) tree.path("device")).put("rackPosition", 7);
        Profile p = ProfileIO.parse("extra.json", ProfileIO.MAPPER.writeValueAsString(tree));
        assertEquals("cpu-test-golden", p.id());
    }

    @Test
    void aMissingRequiredFieldIsNamedWithTheFile() throws Exception {
        ObjectNode tree = golden();
        ((ObjectNode) tree.path("device")).remove("name");
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> ProfileIO.parse("results/profiles/x.json", ProfileIO.MAPPER.writeValueAsString(tree)));
        assertTrue(e.getMessage().startsWith("results/profiles/x.json: not a valid profile"), e.getMessage());
        assertTrue(e.getMessage().contains("$.device") && e.getMessage().contains("name"), e.getMessage());
    }

    @Test
    void anIllTypedFieldIsNamed() throws Exception {
        ObjectNode tree = golden();
        ((ObjectNode) tree.path("precisions").path("fp32")).put("achievedFlops", "fast");
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> ProfileIO.parse("p.json", ProfileIO.MAPPER.writeValueAsString(tree)));
        assertTrue(e.getMessage().contains("$.precisions.fp32.achievedFlops"), e.getMessage());
    }

    @Test
    void aWrongSchemaVersionOrUnknownPrecisionIsRejected() throws Exception {
        ObjectNode v2 = golden();
        v2.put("schemaVersion", 2);
        assertTrue(assertThrows(InvalidInputException.class, () -> ProfileIO.parse("p.json",
                ProfileIO.MAPPER.writeValueAsString(v2))).getMessage().contains("$.schemaVersion"));
        ObjectNode fp4 = golden();
        ((ObjectNode) fp4.path("precisions")).set("fp4", fp4.path("precisions").path("fp32"));
        assertTrue(assertThrows(InvalidInputException.class, () -> ProfileIO.parse("p.json",
                ProfileIO.MAPPER.writeValueAsString(fp4))).getMessage().contains("fp4"));
    }
}
