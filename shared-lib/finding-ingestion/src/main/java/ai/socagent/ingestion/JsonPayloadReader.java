package ai.socagent.ingestion;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.TokenStreamContext;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns payload bytes into a JSON tree under {@link IngestionLimits}: size first, then strict UTF-8
 * decoding, then Jackson parsing with {@link StreamReadConstraints} for depth and string length,
 * duplicate-key detection and no trailing content. Every failure becomes a {@link
 * FindingRejectedException}.
 */
final class JsonPayloadReader {

    private static final int MESSAGE_LENGTH = 200;

    private final IngestionLimits limits;
    private final JsonMapper mapper;

    JsonPayloadReader(IngestionLimits limits) {
        this.limits = limits;
        StreamReadConstraints constraints = StreamReadConstraints.builder()
                .maxNestingDepth(limits.maxNestingDepth())
                .maxStringLength(limits.maxStringLength())
                .maxNameLength(limits.maxStringLength())
                // In characters; never reached first because the byte size was checked before.
                .maxDocumentLength(limits.maxPayloadBytes())
                .build();
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(constraints)
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .build();
        this.mapper = JsonMapper.builder(factory).build();
    }

    /** Rejects payloads over the size limit before looking at their content. */
    void checkSize(long bytes) {
        if (bytes > limits.maxPayloadBytes()) {
            throw reject(
                    JsonPaths.ROOT,
                    Violation.PAYLOAD_TOO_LARGE,
                    "payload has " + bytes + " bytes; the limit is " + limits.maxPayloadBytes());
        }
    }

    /** Strict UTF-8 decoding; a leading byte order mark is dropped. */
    String decode(byte[] payload) {
        checkSize(payload.length);
        CharsetDecoder decoder = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        String text;
        try {
            text = decoder.decode(ByteBuffer.wrap(payload)).toString();
        } catch (CharacterCodingException e) {
            throw reject(JsonPaths.ROOT, Violation.JSON_MALFORMED, "payload is not valid UTF-8");
        }
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    /** UTF-8 bytes of a string payload; unpaired surrogates are rejected rather than replaced. */
    byte[] encode(String payload) {
        // Every character is at least one UTF-8 byte: reject huge strings without encoding them.
        checkSize(payload.length());
        CharsetEncoder encoder = StandardCharsets.UTF_8
                .newEncoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            ByteBuffer buffer = encoder.encode(CharBuffer.wrap(payload));
            byte[] bytes = new byte[buffer.remaining()];
            buffer.get(bytes);
            return bytes;
        } catch (CharacterCodingException e) {
            throw reject(JsonPaths.ROOT, Violation.JSON_MALFORMED, "payload contains an unpaired UTF-16 surrogate");
        }
    }

    /** Parses exactly one JSON value. */
    JsonNode parse(String text) {
        JsonParser parser = null;
        try {
            parser = mapper.createParser(text);
            JsonNode root = mapper.readTree(parser);
            if (root == null || root.isMissingNode()) {
                throw reject(JsonPaths.ROOT, Violation.JSON_MALFORMED, "payload contains no JSON value");
            }
            JsonToken trailing = parser.nextToken();
            if (trailing != null) {
                TokenStreamLocation location = parser.currentTokenLocation();
                throw reject(
                        JsonPaths.ROOT,
                        Violation.JSON_MALFORMED,
                        "unexpected content after the JSON value at " + position(location));
            }
            return root;
        } catch (StreamConstraintsException e) {
            throw reject(pathOf(parser), constraintRule(e), limited(e.getOriginalMessage()));
        } catch (JacksonException e) {
            throw reject(
                    JsonPaths.ROOT,
                    Violation.JSON_MALFORMED,
                    "malformed JSON at " + position(e.getLocation()) + ": " + limited(e.getOriginalMessage()));
        } finally {
            if (parser != null) {
                parser.close();
            }
        }
    }

    /**
     * The verbatim text of every element of the array at {@code path} (object keys from the root),
     * in order. Only used on text {@link #parse} accepted; elements that are not objects are null.
     */
    List<String> arrayElementTexts(String text, List<String> path) {
        List<String> elements = new ArrayList<>();
        try (JsonParser parser = mapper.createParser(text)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return elements;
            }
            for (String wanted : path) {
                if (parser.currentToken() != JsonToken.START_OBJECT || !seekProperty(parser, wanted)) {
                    return elements;
                }
            }
            if (parser.currentToken() != JsonToken.START_ARRAY) {
                return elements;
            }
            for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
                if (token == JsonToken.START_OBJECT) {
                    int start = (int) parser.currentTokenLocation().getCharOffset();
                    parser.skipChildren();
                    int end = (int) parser.currentTokenLocation().getCharOffset() + 1;
                    elements.add(text.substring(start, end));
                } else {
                    parser.skipChildren();
                    elements.add(null);
                }
            }
        }
        return elements;
    }

    /** Moves to the value of {@code name} in the current object; false when it has no such property. */
    private static boolean seekProperty(JsonParser parser, String name) {
        while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
            String current = parser.currentName();
            parser.nextToken();
            if (current.equals(name)) {
                return true;
            }
            parser.skipChildren();
        }
        return false;
    }

    private static String constraintRule(StreamConstraintsException e) {
        String message = String.valueOf(e.getOriginalMessage());
        if (message.contains("nesting depth")) {
            return Violation.JSON_TOO_DEEP;
        }
        if (message.contains("String value length") || message.contains("Name length")) {
            return Violation.STRING_TOO_LONG;
        }
        if (message.contains("Document length")) {
            return Violation.PAYLOAD_TOO_LARGE;
        }
        // Number literals longer than Jackson's limit (1000 digits) and similar: not well-formed input.
        return Violation.JSON_MALFORMED;
    }

    /** The location the parser had reached, as a JSONPath-like string. */
    private static String pathOf(JsonParser parser) {
        if (parser == null) {
            return JsonPaths.ROOT;
        }
        List<TokenStreamContext> chain = new ArrayList<>();
        for (TokenStreamContext context = parser.streamReadContext(); context != null; context = context.getParent()) {
            chain.add(0, context);
        }
        String path = JsonPaths.ROOT;
        for (TokenStreamContext context : chain) {
            if (context.inArray() && context.hasCurrentIndex()) {
                path = JsonPaths.index(path, context.getCurrentIndex());
            } else if (context.inObject() && context.currentName() != null) {
                path = JsonPaths.child(path, context.currentName());
            }
        }
        return path;
    }

    private static String position(TokenStreamLocation location) {
        if (location == null || location == TokenStreamLocation.NA) {
            return "an unknown position";
        }
        return "line " + location.getLineNr() + ", column " + location.getColumnNr();
    }

    private static String limited(String message) {
        if (message == null) {
            return "";
        }
        String oneLine = message.replaceAll("\\s+", " ").strip();
        return oneLine.length() > MESSAGE_LENGTH ? oneLine.substring(0, MESSAGE_LENGTH) + "..." : oneLine;
    }

    static FindingRejectedException reject(String path, String rule, String message) {
        return new FindingRejectedException(List.of(new Violation(path, rule, message)));
    }
}
