package ai.socagent.contextstore;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Opaque page cursors: URL-safe base64 (no padding) of {@code {"v":1,"s":scope,"k":{position},"m":mac}},
 * where the position is the LastEvaluatedKey (all key attributes are strings) and the mac an
 * HMAC-SHA256 over scope and position.
 *
 * <p>A cursor is accepted only if it decodes, its mac matches, it names the same table and index as
 * the query, it holds exactly that query's key attributes, its partition value is the query's and
 * its sort value lies within the query's bounds. With the built-in key the mac is an integrity check
 * (edits are caught); give every instance of an environment the same secret ({@link #withSecret}) to
 * make cursors unforgeable too. Either way a cursor can only move within the caller's own query.
 */
public final class CursorCodec {

    private static final byte[] BUILT_IN_KEY = "socagent-context-store-cursor-v1".getBytes(StandardCharsets.UTF_8);
    private static final int MAX_CURSOR_CHARS = 8192;

    private final ObjectMapper json = JsonMapper.builder().build();
    private final byte[] key;

    private CursorCodec(byte[] key) {
        this.key = key.clone();
    }

    public static CursorCodec create() {
        return new CursorCodec(BUILT_IN_KEY);
    }

    public static CursorCodec withSecret(byte[] secret) {
        if (Objects.requireNonNull(secret, "secret").length < 16) {
            throw new IllegalArgumentException("a cursor secret needs at least 16 bytes");
        }
        return new CursorCodec(secret);
    }

    public String encode(KeyQuery query, Map<String, String> position) {
        ObjectNode root = json.createObjectNode();
        root.put("v", 1);
        root.put("s", query.scope());
        ObjectNode keyNode = root.putObject("k");
        new TreeMap<>(position).forEach(keyNode::put);
        root.put("m", mac(query.scope(), keyNode));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.writeValueAsBytes(root));
    }

    /** The position to resume after, checked against the query. */
    public Map<String, String> decode(KeyQuery query, String cursor) {
        if (cursor.isEmpty() || cursor.length() > MAX_CURSOR_CHARS) {
            throw new InvalidCursorException("empty or too long");
        }
        JsonNode root;
        try {
            root = json.readTree(Base64.getUrlDecoder().decode(cursor));
        } catch (IllegalArgumentException | JacksonException e) {
            throw new InvalidCursorException("not a cursor issued by this store", e);
        }
        if (root == null
                || !root.isObject()
                || root.path("v").asInt(0) != 1
                || !root.path("k").isObject()) {
            throw new InvalidCursorException("not a cursor issued by this store");
        }
        JsonNode keyNode = root.get("k");
        String expectedMac = mac(root.path("s").asString(""), keyNode);
        if (!MessageDigest.isEqual(
                expectedMac.getBytes(StandardCharsets.US_ASCII),
                root.path("m").asString("").getBytes(StandardCharsets.US_ASCII))) {
            throw new InvalidCursorException("it has been altered");
        }
        if (!query.scope().equals(root.path("s").asString(""))) {
            throw new InvalidCursorException(
                    "it belongs to a query of " + root.path("s").asString(""));
        }
        Map<String, String> position = new TreeMap<>();
        for (var field : keyNode.properties()) {
            if (!field.getValue().isString()) {
                throw new InvalidCursorException("key attribute " + field.getKey() + " is not a string");
            }
            position.put(field.getKey(), field.getValue().asString());
        }
        if (!position.keySet().equals(new TreeMap<>(toMap(query)).keySet())) {
            throw new InvalidCursorException("it does not hold the key attributes of " + query.scope());
        }
        if (!query.partitionValue().equals(position.get(query.partitionAttribute()))) {
            throw new InvalidCursorException("it belongs to another partition");
        }
        String sort = position.get(query.sortAttribute());
        if (sort.compareTo(query.sortFrom()) < 0 || sort.compareTo(query.sortTo()) > 0) {
            throw new InvalidCursorException("it lies outside the queried range");
        }
        return position;
    }

    private static Map<String, String> toMap(KeyQuery query) {
        Map<String, String> names = new TreeMap<>();
        query.positionAttributes().forEach(n -> names.put(n, ""));
        return names;
    }

    private String mac(String scope, JsonNode keyNode) {
        try {
            Mac hmac = Mac.getInstance("HmacSHA256");
            hmac.init(new SecretKeySpec(key, "HmacSHA256"));
            hmac.update(scope.getBytes(StandardCharsets.UTF_8));
            hmac.update((byte) 0);
            hmac.update(canonical(keyNode));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(hmac.doFinal());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JDK", e);
        }
    }

    private byte[] canonical(JsonNode keyNode) {
        Map<String, Object> sorted = new TreeMap<>();
        for (var field : keyNode.properties()) {
            sorted.put(
                    field.getKey(),
                    field.getValue().isString()
                            ? field.getValue().asString()
                            : field.getValue().toString());
        }
        return json.writeValueAsBytes(sorted);
    }
}
