package ai.socagent.contextstore;

import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

/**
 * Object keys of the archive and the evidence store, the same in S3 and in the local directory:
 * {@code context/<table name>/<partition>/<yyyy>/<mm>/<dd>/<batch id>.json.gz} and {@code
 * evidence/<investigation id>/<evidence id>}. Key values are percent-encoded as one path segment
 * (everything but {@code A-Z a-z 0-9 _ -}, so no segment is {@code .} or {@code ..} or holds a
 * {@code /}): a key is safe as a relative file path and maps back to exactly one value.
 */
public final class ContextArchiveKeys {

    public static final String CONTEXT = "context/";
    public static final String EVIDENCE = "evidence/";
    public static final String SUFFIX = ".json.gz";

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private ContextArchiveKeys() {}

    public static String key(ContextTables tables, ArchiveBatch batch) {
        ZonedDateTime day = batch.archivedAt().atZone(ZoneOffset.UTC);
        return prefix(tables, batch.table(), batch.partition())
                + String.format("%04d/%02d/%02d/", day.getYear(), day.getMonthValue(), day.getDayOfMonth())
                + batch.batchId()
                + SUFFIX;
    }

    /** Every object of one partition: {@code context/<table name>/<partition>/}. */
    public static String prefix(ContextTables tables, ContextTables.Table table, String partition) {
        return prefix(tables, table) + segment(partition) + "/";
    }

    /** Every object of one table: {@code context/<table name>/}. */
    public static String prefix(ContextTables tables, ContextTables.Table table) {
        return CONTEXT + segment(tables.nameOf(table)) + "/";
    }

    public static String evidenceKey(String investigationId, String evidenceId) {
        return evidencePrefix(investigationId) + segment(evidenceId);
    }

    public static String evidencePrefix(String investigationId) {
        return EVIDENCE + segment(investigationId) + "/";
    }

    /** The value of a {@link #segment}. */
    public static String value(String segment) {
        return java.net.URLDecoder.decode(segment, StandardCharsets.UTF_8);
    }

    /** One path segment: UTF-8, percent-encoded except {@code A-Z a-z 0-9 _ -}. */
    public static String segment(String value) {
        StringBuilder out = new StringBuilder(value.length());
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_' || c == '-') {
                out.append((char) c);
            } else {
                out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xf]);
            }
        }
        return out.toString();
    }
}
