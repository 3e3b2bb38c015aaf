package ai.socagent.contextstore;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The archived document, gzip-compressed JSON, one per {@link ArchiveBatch}:
 *
 * <pre>{@code
 * {"format":1, "environment":"dev", "table":"AgentContextTable", "tableName":"dev-AgentContextTable",
 *  "partition":"agent-1", "batchId":"...", "archivedAt":"2026-11-26T13:05:00Z",
 *  "entries":[{"reason":"ttl-expiry", "removedAt":"...", "item":{"agent_id":"agent-1", ...}}]}
 * }</pre>
 *
 * Self-describing (environment and physical table name inside) so an object read on its own,
 * for example by an operator from the bucket, says what it was.
 */
public final class ContextArchiveFormat {

    public static final String CONTENT_TYPE = "application/json";
    public static final String CONTENT_ENCODING = "gzip";

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private ContextArchiveFormat() {}

    public static byte[] encode(ContextTables tables, ArchiveBatch batch) {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", 1);
        root.put("environment", tables.environment());
        root.put("table", batch.table().name());
        root.put("tableName", tables.nameOf(batch.table()));
        root.put("partition", batch.partition());
        root.put("batchId", batch.batchId());
        root.put("archivedAt", batch.archivedAt().toString());
        var entries = root.putArray("entries");
        for (ArchivedEntry entry : batch.entries()) {
            ObjectNode node = entries.addObject();
            node.put("reason", entry.reason().wireName());
            node.put("removedAt", entry.removedAt().toString());
            ObjectNode item = node.putObject("item");
            entry.item().forEach(item::put);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
            JSON.writeValue(gzip, root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /**
     * @throws ContextArchiveException the bytes are not an archived document
     */
    public static ArchiveBatch decode(byte[] gzipped) {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gzipped))) {
            JsonNode root = JSON.readTree(in);
            if (root.path("format").asInt() != 1) {
                throw new ContextArchiveException("unknown archive format " + root.path("format"));
            }
            List<ArchivedEntry> entries = new ArrayList<>();
            for (JsonNode node : root.path("entries")) {
                Map<String, String> item = new LinkedHashMap<>();
                node.path("item")
                        .properties()
                        .forEach(f -> item.put(f.getKey(), f.getValue().asString()));
                entries.add(new ArchivedEntry(
                        item,
                        ArchiveReason.fromWireName(node.path("reason").asString()),
                        Instant.parse(node.path("removedAt").asString())));
            }
            return new ArchiveBatch(
                    ArchiveBatch.tableNamed(root.path("table").asString()),
                    root.path("partition").asString(),
                    root.path("batchId").asString(),
                    Instant.parse(root.path("archivedAt").asString()),
                    entries);
        } catch (IOException | JacksonException | IllegalArgumentException | java.time.DateTimeException e) {
            throw new ContextArchiveException("not an archived context document: " + e.getMessage(), e);
        }
    }
}
