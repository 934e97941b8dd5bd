package dev.flopcal.estimation;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;

import dev.flopcal.core.InvalidInputException;
import dev.flopcal.core.Precision;

/**
 * Reads an estimate job file: one JSON object whose keys are the long flag names of {@code calibrate estimate}
 * in camelCase without the dashes ({@code --active-params} → {@code "activeParams"}, {@code --d-model} →
 * {@code "dModel"}; see {@link #keys()}), for example
 * <pre>{@code
 * {"params": 7e9, "tokens": 2e12, "profile": "a100-sxm-80gb", "devices": 256,
 *  "price": 2.5, "pricing": "spot", "recompute": true}
 * }</pre>
 * Numbers must be JSON numbers (not strings), counts whole numbers, words (mode, precision, pricing, optimizer,
 * utilizationKind) strings, {@code recompute} a boolean. Flags given on the command line override the file ({@link EstimateRequest#overriddenBy}).
 *
 * <p>The file is flat and the request is a record per concern, so Jackson reads it twice: once to check the
 * JSON, that it is an object and that every key is known, then once per concern record, each taking its own keys
 * and leaving the others. Both passes read the original text, so every message carries Jackson's line and column.
 */
public final class JobFile {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .addModule(new SimpleModule("job file")
                    .addDeserializer(EstimateRequest.class, new KeyCheck())
                    .addDeserializer(WorkloadMode.class, new Word<>(WorkloadMode.class, WorkloadMode::parse))
                    .addDeserializer(Precision.class, new Word<>(Precision.class, EstimateRequest.Hardware::parsePrecision))
                    .addDeserializer(PricingModel.class, new Word<>(PricingModel.class, PricingModel::parse))
                    .addDeserializer(Optimizer.class, new Word<>(Optimizer.class, Optimizer::parse))
                    .addDeserializer(UtilizationKind.class, new Word<>(UtilizationKind.class, UtilizationKind::parse)))
            .build();

    /** The keys in the order of the request's concerns and their components. */
    private static final List<String> KEYS = creatorProperties(EstimateRequest.class).stream()
            .flatMap(concern -> creatorProperties(concern.getPrimaryType().getRawClass()).stream())
            .map(BeanPropertyDefinition::getName)
            .toList();

    private JobFile() {
    }

    /** The keys a job file may hold, i.e. the option names, in the order {@code calibrate estimate --help} lists them. */
    public static List<String> keys() {
        return KEYS;
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
        StringWriter text = new StringWriter();
        reader.transferTo(text);
        String json = text.toString();
        try {
            if (MAPPER.readValue(json, EstimateRequest.class) == null) {
                throw new InvalidInputException("job file " + name + " is empty JSON (null); expected an object");
            }
            return new EstimateRequest(part(json, EstimateRequest.Job.class), part(json, EstimateRequest.Hardware.class),
                    part(json, EstimateRequest.Parallelism.class), part(json, EstimateRequest.Throughput.class),
                    part(json, EstimateRequest.Inference.class), part(json, EstimateRequest.Duration.class),
                    part(json, EstimateRequest.Pricing.class), part(json, EstimateRequest.Spot.class),
                    part(json, EstimateRequest.OnPremises.class), part(json, EstimateRequest.Storage.class),
                    part(json, EstimateRequest.Reliability.class), part(json, EstimateRequest.Overheads.class),
                    part(json, EstimateRequest.Energy.class), part(json, EstimateRequest.Guardrail.class));
        } catch (UnrecognizedPropertyException e) {
            throw new InvalidInputException(where(name, e.getLocation()) + "unknown key '" + e.getPropertyName()
                    + "'; known keys: " + String.join(", ", KEYS), e);
        } catch (JsonMappingException e) {
            if (e.getCause() instanceof InvalidInputException badWord) {
                throw badWord;
            }
            String key = e.getPath().isEmpty() ? null : e.getPath().get(e.getPath().size() - 1).getFieldName();
            throw new InvalidInputException(where(name, e.getLocation()) + (key == null ? "" : "bad value for '" + key + "': ")
                    + firstLine(e.getOriginalMessage()), e);
        } catch (JsonProcessingException e) {
            throw new InvalidInputException(where(name, e.getLocation()) + "malformed JSON: " + firstLine(e.getOriginalMessage()),
                    e);
        }
    }

    /** One concern's record from the whole file: the keys of the other concerns are left to them. */
    private static <T> T part(String json, Class<T> concern) throws JsonProcessingException {
        ObjectReader reader = MAPPER.readerFor(concern).without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        return reader.readValue(json);
    }

    private static List<BeanPropertyDefinition> creatorProperties(Class<?> type) {
        JavaType javaType = MAPPER.constructType(type);
        return MAPPER.getDeserializationConfig().introspect(javaType).findProperties().stream()
                .filter(BeanPropertyDefinition::hasConstructorParameter)
                .toList();
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

    /**
     * The first pass: the file is one object with known keys. The first unknown key is reported where Jackson
     * reports it when it reads a record, at the end of the object. Returns an empty request: the values are
     * read by the second pass.
     */
    private static final class KeyCheck extends StdDeserializer<EstimateRequest> {
        private static final long serialVersionUID = 1L;

        KeyCheck() {
            super(EstimateRequest.class);
        }

        @Override
        public EstimateRequest deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (!p.isExpectedStartObjectToken()) {
                return (EstimateRequest) ctxt.handleUnexpectedToken(EstimateRequest.class, p);
            }
            String unknown = null;
            for (String key = p.nextFieldName(); key != null; key = p.nextFieldName()) {
                p.nextToken();
                if (unknown == null && !KEYS.contains(key)) {
                    unknown = key;
                }
                p.skipChildren();
            }
            if (unknown != null) {
                ctxt.handleUnknownProperty(p, this, EstimateRequest.class, unknown);
            }
            return EstimateRequest.EMPTY;
        }
    }

    /**
     * A word option (mode, precision, pricing, optimizer, utilization kind) read as the command line reads it: any JSON scalar as text, then
     * the option's own parser, whose message names the option and the bad value.
     */
    private static final class Word<T> extends StdDeserializer<T> {
        private static final long serialVersionUID = 1L;
        private final transient Function<String, T> parse;

        Word(Class<T> type, Function<String, T> parse) {
            super(type);
            this.parse = parse;
        }

        @Override
        public T deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            return parse.apply(ctxt.readValue(p, String.class));
        }
    }
}
