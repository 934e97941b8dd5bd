package dev.flopcal.profiles;

import java.io.IOException;
import java.io.InputStream;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import dev.flopcal.core.InvalidInputException;

/**
 * The profile JSON Schema ({@code results/schema/profile-v1.schema.json}, packaged in the jar), checked on every
 * profile read and write.
 */
public final class ProfileSchema {
    /** Resource name of the schema inside the jar. */
    public static final String RESOURCE = "/dev/flopcal/profiles/profile-v1.schema.json";
    private static final JsonSchema SCHEMA = load();

    private ProfileSchema() {
    }

    /** Every violation, as "$.path: message", sorted by path; empty when the document is valid. */
    public static List<String> violations(JsonNode document) {
        Set<ValidationMessage> messages = SCHEMA.validate(document);
        return messages.stream()
                .sorted(Comparator.comparing((ValidationMessage m) -> m.getInstanceLocation().toString())
                        .thenComparing(ValidationMessage::getMessage))
                .map(ValidationMessage::getMessage).toList();
    }

    /**
     * Checks a document.
     *
     * @param name the file, for the message
     * @throws InvalidInputException naming the file and the first violation (field path and rule)
     */
    public static void check(String name, JsonNode document) {
        List<String> v = violations(document);
        if (!v.isEmpty()) {
            throw new InvalidInputException(name + ": not a valid profile (schema v1): " + v.get(0)
                    + (v.size() > 1 ? " (and " + (v.size() - 1) + " more)" : ""));
        }
    }

    private static JsonSchema load() {
        try (InputStream in = ProfileSchema.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + RESOURCE);
            }
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + RESOURCE, e);
        }
    }
}
