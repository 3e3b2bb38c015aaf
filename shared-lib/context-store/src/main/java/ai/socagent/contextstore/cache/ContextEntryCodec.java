package ai.socagent.contextstore.cache;

import ai.socagent.contextstore.AgentContextEntry;
import ai.socagent.contextstore.ContextKeys;
import ai.socagent.contextstore.ContextTables;
import ai.socagent.contextstore.GlobalContextEntry;
import ai.socagent.contextstore.InvestigationContextEntry;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.zip.CRC32C;

/**
 * The compact binary form of an entry in the shared cache:
 *
 * <pre>
 * byte   format (2)
 * byte   kind   (1 global, 2 investigation, 3 agent)
 * ...    the record's fields in declaration order: strings as int length (-1 = null) + UTF-8,
 *        instants as long epoch second + int nano (expiresAt preceded by a presence byte),
 *        the version as a long
 * int    CRC32C of everything before it
 * </pre>
 *
 * Anything else decodes to a {@link CorruptCacheEntryException}. Also the one place that knows the
 * key, version and expiry of each entry kind.
 */
public final class ContextEntryCodec {

    /** 2 since global entries carry their item id; a value of format 1 left in Redis reads as corrupt and is refilled. */
    public static final byte FORMAT = 2;

    static final byte GLOBAL = 1;
    static final byte INVESTIGATION = 2;
    static final byte AGENT = 3;

    private ContextEntryCodec() {}

    public static byte[] encode(Object entry) {
        Writer out = new Writer();
        out.buffer.put(FORMAT);
        switch (entry) {
            case GlobalContextEntry g -> {
                out.buffer.put(GLOBAL);
                out.string(g.contextType());
                out.instant(g.timestamp());
                out.string(g.itemId());
                out.string(g.threatType());
                out.string(g.severity());
                out.string(g.payload());
                out.buffer.putLong(g.version());
                out.optionalInstant(g.expiresAt());
            }
            case InvestigationContextEntry i -> {
                out.buffer.put(INVESTIGATION);
                out.string(i.investigationId());
                out.string(i.contextLevel());
                out.instant(i.timestamp());
                out.string(i.agentId());
                out.string(i.payload());
                out.buffer.putLong(i.version());
                out.optionalInstant(i.expiresAt());
            }
            case AgentContextEntry a -> {
                out.buffer.put(AGENT);
                out.string(a.agentId());
                out.string(a.sessionId());
                out.instant(a.timestamp());
                out.string(a.payload());
                out.buffer.putLong(a.version());
                out.optionalInstant(a.expiresAt());
            }
            default -> throw new IllegalArgumentException("not a context entry: " + entry.getClass());
        }
        return out.finish();
    }

    /** @throws CorruptCacheEntryException the bytes are not an encoded entry */
    public static Object decode(byte[] bytes) {
        if (bytes == null || bytes.length < 6) {
            throw new CorruptCacheEntryException("cache value too short");
        }
        CRC32C crc = new CRC32C();
        crc.update(bytes, 0, bytes.length - 4);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        if ((int) crc.getValue() != in.getInt(bytes.length - 4)) {
            throw new CorruptCacheEntryException("cache value checksum mismatch");
        }
        in.limit(bytes.length - 4);
        try {
            byte format = in.get();
            if (format != FORMAT) {
                throw new CorruptCacheEntryException("unknown cache value format " + format);
            }
            byte kind = in.get();
            Object entry = switch (kind) {
                case GLOBAL ->
                    new GlobalContextEntry(
                            string(in),
                            instant(in),
                            string(in),
                            string(in),
                            string(in),
                            string(in),
                            in.getLong(),
                            optionalInstant(in));
                case INVESTIGATION ->
                    new InvestigationContextEntry(
                            string(in),
                            string(in),
                            instant(in),
                            string(in),
                            string(in),
                            in.getLong(),
                            optionalInstant(in));
                case AGENT ->
                    new AgentContextEntry(
                            string(in), string(in), instant(in), string(in), in.getLong(), optionalInstant(in));
                default -> throw new CorruptCacheEntryException("unknown cache value kind " + kind);
            };
            if (in.hasRemaining()) {
                throw new CorruptCacheEntryException("trailing bytes after the cache value");
            }
            return entry;
        } catch (CorruptCacheEntryException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new CorruptCacheEntryException("undecodable cache value: " + e.getMessage(), e);
        }
    }

    /** The full key of an entry in the tables of {@code tables}. */
    public static CacheKey keyOf(ContextTables tables, Object entry) {
        return switch (entry) {
            case GlobalContextEntry g ->
                new CacheKey(tables.nameOf(ContextTables.GLOBAL), g.contextType(), g.sortKey());
            case InvestigationContextEntry i ->
                new CacheKey(
                        tables.nameOf(ContextTables.INVESTIGATION),
                        i.investigationId(),
                        ContextKeys.composite(i.contextLevel(), i.timestamp()));
            case AgentContextEntry a ->
                new CacheKey(
                        tables.nameOf(ContextTables.AGENT),
                        a.agentId(),
                        ContextKeys.composite(a.sessionId(), a.timestamp()));
            default -> throw new IllegalArgumentException("not a context entry: " + entry.getClass());
        };
    }

    /** Whether an entry's partition and sort key are those of {@code key} (the table is not compared). */
    public static boolean hasKey(Object entry, CacheKey key) {
        return switch (entry) {
            case GlobalContextEntry g ->
                g.contextType().equals(key.partitionKey()) && g.sortKey().equals(key.sortKey());
            case InvestigationContextEntry i ->
                i.investigationId().equals(key.partitionKey())
                        && ContextKeys.composite(i.contextLevel(), i.timestamp())
                                .equals(key.sortKey());
            case AgentContextEntry a ->
                a.agentId().equals(key.partitionKey())
                        && ContextKeys.composite(a.sessionId(), a.timestamp()).equals(key.sortKey());
            default -> false;
        };
    }

    /** The stored expiry of an entry (null when it has none). */
    public static Instant expiresAt(Object entry) {
        return switch (entry) {
            case GlobalContextEntry g -> g.expiresAt();
            case InvestigationContextEntry i -> i.expiresAt();
            case AgentContextEntry a -> a.expiresAt();
            default -> throw new IllegalArgumentException("not a context entry: " + entry.getClass());
        };
    }

    public static long version(Object entry) {
        return switch (entry) {
            case GlobalContextEntry g -> g.version();
            case InvestigationContextEntry i -> i.version();
            case AgentContextEntry a -> a.version();
            default -> throw new IllegalArgumentException("not a context entry: " + entry.getClass());
        };
    }

    private static String string(ByteBuffer in) {
        int length = in.getInt();
        if (length == -1) {
            return null;
        }
        if (length < 0 || length > in.remaining()) {
            throw new CorruptCacheEntryException("bad string length " + length);
        }
        String value = new String(in.array(), in.position(), length, StandardCharsets.UTF_8);
        in.position(in.position() + length);
        return value;
    }

    private static Instant instant(ByteBuffer in) {
        return Instant.ofEpochSecond(in.getLong(), in.getInt());
    }

    private static Instant optionalInstant(ByteBuffer in) {
        byte present = in.get();
        return switch (present) {
            case 0 -> null;
            case 1 -> instant(in);
            default -> throw new CorruptCacheEntryException("bad presence byte " + present);
        };
    }

    private static final class Writer {

        ByteBuffer buffer = ByteBuffer.allocate(256);

        void ensure(int bytes) {
            if (buffer.remaining() < bytes) {
                ByteBuffer bigger =
                        ByteBuffer.allocate(Math.max(buffer.capacity() * 2, buffer.position() + bytes + 64));
                buffer.flip();
                bigger.put(buffer);
                buffer = bigger;
            }
        }

        void string(String value) {
            if (value == null) {
                ensure(4);
                buffer.putInt(-1);
                return;
            }
            byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
            ensure(4 + utf8.length + 32);
            buffer.putInt(utf8.length).put(utf8);
        }

        void instant(Instant value) {
            ensure(12 + 32);
            buffer.putLong(value.getEpochSecond()).putInt(value.getNano());
        }

        void optionalInstant(Instant value) {
            ensure(13 + 32);
            if (value == null) {
                buffer.put((byte) 0);
            } else {
                buffer.put((byte) 1);
                instant(value);
            }
        }

        byte[] finish() {
            ensure(4);
            CRC32C crc = new CRC32C();
            crc.update(buffer.array(), 0, buffer.position());
            buffer.putInt((int) crc.getValue());
            byte[] bytes = new byte[buffer.position()];
            System.arraycopy(buffer.array(), 0, bytes, 0, bytes.length);
            return bytes;
        }
    }
}
