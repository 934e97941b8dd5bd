package dev.flopcal.estimation;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;

import dev.flopcal.core.InvalidInputException;

/**
 * Reads an estimate job file: one JSON object whose keys are the long flag names of {@code calibrate estimate}
 * in camelCase without the dashes ({@code --active-params} → {@code "activeParams"}, {@code --d-model} →
 * {@code "dModel"}; see {@link EstimateRequest#keys()}), for example
 * <pre>{@code
 * {"params": 7e9, "tokens": 2e12, "profile": "a100-sxm-80gb", "devices": 256,
 *  "price": 2.5, "pricing": "spot", "recompute": true}
 * }</pre>
 * Numbers must be JSON numbers (not strings), counts whole numbers, words strings, {@code recompute} a
 * boolean. Flags given on the command line override the file ({@link EstimateRequest#overriddenBy}).
 */
public final class JobFile {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .build();

    private JobFile() {
    }

    /**
     * Reads a job file.
     *
     * @throws InvalidInputException naming the file, and the line and column for malformed JSON, an unknown key
     *     or a value of the wrong type
     */
    public static EstimateRequest read(Path file) {
        try (Reader reader = Files.newBufferedReader(file)) {
            return read(reader, file.toString());
        } catch (NoSuchFileException e) {
            throw new InvalidInputException("job file " + file + " does not exist");
        } catch (IOException e) {
            throw new InvalidInputException("cannot read job file " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads a job from a reader.
     *
     * @param name the file name used in messages
     */
    public static EstimateRequest read(Reader reader, String name) throws IOException {
        try {
            EstimateRequest request = MAPPER.readValue(reader, EstimateRequest.class);
            if (request == null) {
                throw new InvalidInputException("job file " + name + " is empty JSON (null); expected an object");
            }
            return request;
        } catch (UnrecognizedPropertyException e) {
            throw new InvalidInputException(where(name, e.getLocation()) + "unknown key '" + e.getPropertyName()
                    + "'; known keys: " + String.join(", ", EstimateRequest.keys()), e);
        } catch (JsonMappingException e) {
            String key = e.getPath().isEmpty() ? null : e.getPath().get(e.getPath().size() - 1).getFieldName();
            throw new InvalidInputException(where(name, e.getLocation()) + (key == null ? "" : "bad value for '" + key + "': ")
                    + firstLine(e.getOriginalMessage()), e);
        } catch (JsonProcessingException e) {
            throw new InvalidInputException(where(name, e.getLocation()) + "malformed JSON: " + firstLine(e.getOriginalMessage()),
                    e);
        }
    }

    private static String where(String name, JsonLocation location) {
        if (location == null || location.getLineNr() < 1) {
            return "job file " + name + ": ";
        }
        return "job file " + name + ", line " + location.getLineNr() + ", column " + location.getColumnNr() + ": ";
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
