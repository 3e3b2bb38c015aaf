package ai.socagent.contextstore.adapter.out.local;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;

/**
 * One evidence object as a RocksDB value: a compact binary header, then the content, so a put is one
 * atomic write. Layout (big-endian, {@link DataOutputStream}): format version (1 byte, {@value
 * #FORMAT}), SHA-256 (32 bytes), size (8), stored-at (epoch seconds 8, nanos 4), retain-until (epoch
 * seconds 8, nanos 4), content type (modified UTF-8, 2-byte length), number of metadata entries (2),
 * each name and value (modified UTF-8), content length (4), content.
 */
record EvidenceRecord(
        byte[] sha256,
        long size,
        Instant storedAt,
        Instant retainUntil,
        String contentType,
        Map<String, String> metadata,
        byte[] content) {

    static final byte FORMAT = 1;

    String sha256Base64() {
        return Base64.getEncoder().encodeToString(sha256);
    }

    byte[] encode() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(96 + content.length);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(FORMAT);
            out.write(sha256);
            out.writeLong(size);
            out.writeLong(storedAt.getEpochSecond());
            out.writeInt(storedAt.getNano());
            out.writeLong(retainUntil.getEpochSecond());
            out.writeInt(retainUntil.getNano());
            out.writeUTF(contentType);
            Map<String, String> sorted = new TreeMap<>(metadata);
            out.writeShort(sorted.size());
            for (Map.Entry<String, String> entry : sorted.entrySet()) {
                out.writeUTF(entry.getKey());
                out.writeUTF(entry.getValue());
            }
            out.writeInt(content.length);
            out.write(content);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot happen in memory", e);
        }
        return bytes.toByteArray();
    }

    /** The header alone: the retain-until check of a put does not need the content. */
    static Instant retainUntilOf(byte[] value) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(value));
        checkFormat(in);
        in.skipNBytes(32 + 8 + 8 + 4);
        return Instant.ofEpochSecond(in.readLong(), in.readInt());
    }

    static EvidenceRecord decode(byte[] value) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(value));
        checkFormat(in);
        byte[] sha256 = in.readNBytes(32);
        long size = in.readLong();
        Instant storedAt = Instant.ofEpochSecond(in.readLong(), in.readInt());
        Instant retainUntil = Instant.ofEpochSecond(in.readLong(), in.readInt());
        String contentType = in.readUTF();
        int entries = in.readUnsignedShort();
        Map<String, String> metadata = new TreeMap<>();
        for (int i = 0; i < entries; i++) {
            metadata.put(in.readUTF(), in.readUTF());
        }
        int length = in.readInt();
        if (length < 0 || length > in.available()) {
            throw new IOException("content length " + length + " but " + in.available() + " bytes left");
        }
        byte[] content = in.readNBytes(length);
        return new EvidenceRecord(sha256, size, storedAt, retainUntil, contentType, metadata, content);
    }

    private static void checkFormat(DataInputStream in) throws IOException {
        byte format = in.readByte();
        if (format != FORMAT) {
            throw new IOException("unknown evidence record format " + format);
        }
    }
}
