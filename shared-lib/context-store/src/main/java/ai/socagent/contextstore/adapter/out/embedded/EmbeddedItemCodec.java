package ai.socagent.contextstore.adapter.out.embedded;

import ai.socagent.contextstore.ContextStoreException;
import ai.socagent.contextstore.ContextTables;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Keys and values of the embedded store as bytes.
 *
 * <p>A key is the UTF-8 of its parts joined by {@code 0x00} (key values hold no control
 * characters, so no part contains it): RocksDB's bytewise order is then DynamoDB's key order (UTF-8
 * bytes) within a partition. An item's value leaves out the two key attributes (they are the key):
 *
 * <pre>
 * byte    format (1)
 * long    expires_at, epoch seconds (fixed 8 bytes first: the purge reads only this)
 * varlong version
 * per other attribute: byte code (its index in {@link #NAMES} + 1, or 0 then the name), varint
 *         length, UTF-8 bytes
 * </pre>
 *
 * A few bytes of framing instead of a JSON map that repeats every attribute name; the payload is
 * stored as its UTF-8 bytes and compressed by RocksDB block-wise (LZ4) with its neighbours.
 */
final class EmbeddedItemCodec {

    static final byte FORMAT = 1;
    static final byte SEPARATOR = 0;

    /** Attribute names with a one-byte code; the order is part of the format (append only). */
    static final List<String> NAMES = List.of(
            ContextTables.CONTEXT_TYPE,
            ContextTables.TIMESTAMP,
            ContextTables.THREAT_TYPE,
            ContextTables.SEVERITY,
            ContextTables.INVESTIGATION_ID,
            ContextTables.CONTEXT_LEVEL,
            ContextTables.CONTEXT_LEVEL_TIMESTAMP,
            ContextTables.AGENT_ID,
            ContextTables.AGENT_ID_TIMESTAMP,
            ContextTables.SESSION_ID,
            ContextTables.SESSION_ID_TIMESTAMP,
            ContextTables.PAYLOAD);

    private EmbeddedItemCodec() {}

    static byte[] key(String... parts) {
        Bytes out = new Bytes(64);
        for (int i = 0; i < parts.length; i++) {
            if (i > 0) {
                out.put(SEPARATOR);
            }
            out.put(parts[i].getBytes(StandardCharsets.UTF_8));
        }
        return out.toArray();
    }

    /** {@code key} followed by {@code 0x00} and {@code tail} (an index key ending in the primary key). */
    static byte[] concat(byte[] key, byte[] tail) {
        byte[] joined = Arrays.copyOf(key, key.length + 1 + tail.length);
        joined[key.length] = SEPARATOR;
        System.arraycopy(tail, 0, joined, key.length + 1, tail.length);
        return joined;
    }

    /** The key with one more byte: an exclusive bound just above {@code key} and every key it prefixes with 0x00. */
    static byte[] after(byte[] key, byte next) {
        byte[] bound = Arrays.copyOf(key, key.length + 1);
        bound[key.length] = next;
        return bound;
    }

    /** The primary key at the end of an index key ({@code <index pk>0<index sk>0<pk>0<sk>}). */
    static byte[] primaryOfIndexKey(byte[] indexKey) {
        int first = indexOf(indexKey, 0);
        int second = first < 0 ? -1 : indexOf(indexKey, first + 1);
        if (second < 0) {
            throw new ContextStoreException("corrupt index key in the embedded context store");
        }
        return Arrays.copyOfRange(indexKey, second + 1, indexKey.length);
    }

    /** The two parts of a primary key. */
    static String[] parts(byte[] primaryKey) {
        int at = indexOf(primaryKey, 0);
        if (at < 0) {
            throw new ContextStoreException("corrupt key in the embedded context store");
        }
        return new String[] {
            new String(primaryKey, 0, at, StandardCharsets.UTF_8),
            new String(primaryKey, at + 1, primaryKey.length - at - 1, StandardCharsets.UTF_8)
        };
    }

    static byte[] encode(ContextTables.Table table, Map<String, String> item) {
        Bytes out = new Bytes(256 + item.getOrDefault(ContextTables.PAYLOAD, "").length());
        out.put(FORMAT);
        out.putLong(Long.parseLong(item.get(ContextTables.EXPIRES_AT)));
        out.putVarLong(Long.parseLong(item.get(ContextTables.VERSION)));
        for (Map.Entry<String, String> attribute : item.entrySet()) {
            String name = attribute.getKey();
            if (name.equals(table.partitionKey())
                    || name.equals(table.sortKey())
                    || name.equals(ContextTables.EXPIRES_AT)
                    || name.equals(ContextTables.VERSION)) {
                continue;
            }
            int code = NAMES.indexOf(name) + 1;
            out.put((byte) code);
            if (code == 0) {
                out.putText(name);
            }
            out.putText(attribute.getValue());
        }
        return out.toArray();
    }

    /** The whole item, key attributes included, in the attribute map form of {@code ContextItems}. */
    static Map<String, String> decode(ContextTables.Table table, byte[] primaryKey, byte[] value) {
        String[] key = parts(primaryKey);
        In in = new In(value);
        if (in.get() != FORMAT) {
            throw new ContextStoreException("unknown value format in the embedded context store"
                    + " (a store of an older layout? see docs/adr/0005)");
        }
        long expiresAt = in.getLong();
        long version = in.getVarLong();
        Map<String, String> item = new LinkedHashMap<>();
        item.put(table.partitionKey(), key[0]);
        item.put(table.sortKey(), key[1]);
        while (in.remaining()) {
            int code = in.get() & 0xff;
            String name = code == 0 ? in.getText() : NAMES.get(code - 1);
            item.put(name, in.getText());
        }
        item.put(ContextTables.VERSION, Long.toString(version));
        item.put(ContextTables.EXPIRES_AT, Long.toString(expiresAt));
        return item;
    }

    /** The expiry (epoch seconds) of a stored value, without decoding the rest. */
    static long expiresAt(byte[] value) {
        if (value.length < 9 || value[0] != FORMAT) {
            throw new ContextStoreException("unknown value format in the embedded context store");
        }
        long v = 0;
        for (int i = 1; i < 9; i++) {
            v = (v << 8) | (value[i] & 0xff);
        }
        return v;
    }

    private static int indexOf(byte[] bytes, int from) {
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] == SEPARATOR) {
                return i;
            }
        }
        return -1;
    }

    /** A growable byte array. */
    private static final class Bytes {
        private byte[] buffer;
        private int size;

        Bytes(int capacity) {
            buffer = new byte[capacity];
        }

        private void room(int more) {
            if (size + more > buffer.length) {
                buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, size + more));
            }
        }

        void put(byte b) {
            room(1);
            buffer[size++] = b;
        }

        void put(byte[] bytes) {
            room(bytes.length);
            System.arraycopy(bytes, 0, buffer, size, bytes.length);
            size += bytes.length;
        }

        void putLong(long v) {
            room(8);
            for (int shift = 56; shift >= 0; shift -= 8) {
                buffer[size++] = (byte) (v >>> shift);
            }
        }

        void putVarLong(long v) {
            room(10);
            while ((v & ~0x7FL) != 0) {
                buffer[size++] = (byte) ((v & 0x7F) | 0x80);
                v >>>= 7;
            }
            buffer[size++] = (byte) v;
        }

        void putText(String text) {
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            putVarLong(bytes.length);
            put(bytes);
        }

        byte[] toArray() {
            return Arrays.copyOf(buffer, size);
        }
    }

    private static final class In {
        private final byte[] bytes;
        private int at;

        In(byte[] bytes) {
            this.bytes = bytes;
        }

        boolean remaining() {
            return at < bytes.length;
        }

        byte get() {
            return bytes[at++];
        }

        long getLong() {
            long v = 0;
            for (int i = 0; i < 8; i++) {
                v = (v << 8) | (bytes[at++] & 0xff);
            }
            return v;
        }

        long getVarLong() {
            long v = 0;
            for (int shift = 0; ; shift += 7) {
                byte b = bytes[at++];
                v |= (long) (b & 0x7F) << shift;
                if (b >= 0) {
                    return v;
                }
            }
        }

        String getText() {
            int length = (int) getVarLong();
            String text = new String(bytes, at, length, StandardCharsets.UTF_8);
            at += length;
            return text;
        }
    }
}
