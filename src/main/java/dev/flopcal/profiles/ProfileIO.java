package dev.flopcal.profiles;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

import dev.flopcal.core.AtomicFiles;
import dev.flopcal.core.InputFiles;
import dev.flopcal.core.InvalidInputException;

/**
 * Reads and writes profiles as JSON with Jackson, checking every document against the profile schema on the way in
 * and on the way out. Unknown fields are tolerated on read.
 */
public final class ProfileIO {
    static final ObjectMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();

    private ProfileIO() {
    }

    /**
     * The profile as pretty-printed JSON with a trailing newline.
     *
     * @throws IllegalStateException if the profile does not satisfy the schema (a bug in whatever built it)
     */
    public static String toJson(Profile profile) {
        try {
            JsonNode tree = MAPPER.valueToTree(profile);
            List<String> violations = ProfileSchema.violations(tree);
            if (!violations.isEmpty()) {
                throw new IllegalStateException("profile " + profile.id() + " violates the schema: " + violations);
            }
            return MAPPER.writeValueAsString(tree) + "\n";
        } catch (JacksonException e) {
            throw new IllegalStateException("cannot serialise profile " + profile.id() + ": " + e.getOriginalMessage(), e);
        }
    }

    /** Writes a profile atomically. */
    public static void write(Profile profile, Path file) throws IOException {
        AtomicFiles.writeString(file, toJson(profile));
    }

    /**
     * Reads a profile.
     *
     * @throws InvalidInputException naming the file (and line and column, or the field) when it is missing,
     *                               not JSON, or not a profile
     */
    public static Profile read(Path file) {
        return parse(file.toString(), InputFiles.readString(file, "profile"));
    }

    /** Parses profile JSON; {@code name} is used in messages. */
    public static Profile parse(String name, String text) {
        try {
            JsonNode tree = MAPPER.readTree(text);
            if (tree == null || tree.isMissingNode()) {
                throw new InvalidInputException(name + ": empty file, not a profile");
            }
            ProfileSchema.check(name, tree);
            return MAPPER.treeToValue(tree, Profile.class);
        } catch (JacksonException e) {
            var at = e.getLocation();
            throw new InvalidInputException(name + (at == null ? "" : ":" + at.getLineNr() + ":" + at.getColumnNr())
                    + ": not a valid profile: " + e.getOriginalMessage(), e);
        }
    }
}
