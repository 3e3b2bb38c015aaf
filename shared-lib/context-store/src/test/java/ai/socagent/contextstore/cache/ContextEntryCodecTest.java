package ai.socagent.contextstore.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import ai.socagent.contextstore.AgentContextEntry;
import ai.socagent.contextstore.ContextTables;
import ai.socagent.contextstore.GlobalContextEntry;
import ai.socagent.contextstore.InvestigationContextEntry;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ContextEntryCodecTest {

    private static final Instant AT = Instant.parse("2026-11-26T12:00:00.123456Z");
    private static final Instant EXPIRES = Instant.parse("2026-12-03T12:00:00Z");

    @Test
    void encode_eachEntryKind_decodesToAnEqualEntry() {
        Object[] entries = {
            new GlobalContextEntry("pattern", AT, "item-1", "Trojan", null, "{\"ü\":\"€\"}", 3, EXPIRES),
            new InvestigationContextEntry("inv-1", "evidence", AT, "Inv", "{}", 1, null),
            new AgentContextEntry("agent", "s-1", AT, "x".repeat(300_000), 7, EXPIRES)
        };
        for (Object entry : entries) {
            byte[] bytes = ContextEntryCodec.encode(entry);

            assertThat(bytes[0]).isEqualTo(ContextEntryCodec.FORMAT);
            assertThat(ContextEntryCodec.decode(bytes)).isEqualTo(entry);
        }
    }

    @Test
    void encode_smallEntry_isCompact() {
        byte[] bytes = ContextEntryCodec.encode(AgentContextEntry.of("agent", "s", AT, "{\"k\":1}"));

        assertThat(bytes.length).isLessThan(64);
    }

    @Test
    void decode_flippedByte_isCorrupt() {
        byte[] bytes = ContextEntryCodec.encode(AgentContextEntry.of("agent", "s", AT, "{\"k\":1}"));
        bytes[10] ^= 0x20;

        assertThatExceptionOfType(CorruptCacheEntryException.class)
                .isThrownBy(() -> ContextEntryCodec.decode(bytes))
                .withMessageContaining("checksum");
    }

    @Test
    void decode_truncatedOrForeignOrOtherFormat_isCorrupt() {
        byte[] bytes = ContextEntryCodec.encode(AgentContextEntry.of("agent", "s", AT, "{}"));
        byte[] otherFormat = bytes.clone();
        otherFormat[0] = 9;

        assertThatExceptionOfType(CorruptCacheEntryException.class)
                .isThrownBy(() -> ContextEntryCodec.decode(Arrays.copyOf(bytes, bytes.length - 3)));
        assertThatExceptionOfType(CorruptCacheEntryException.class)
                .isThrownBy(() -> ContextEntryCodec.decode("{\"json\":true}".getBytes(StandardCharsets.UTF_8)));
        assertThatExceptionOfType(CorruptCacheEntryException.class)
                .isThrownBy(() -> ContextEntryCodec.decode(otherFormat));
    }

    @Test
    void keyOf_entries_isTheTableKeyAndParsesBack() {
        ContextTables tables = ContextTables.forEnvironment("dev");
        CacheKey key =
                ContextEntryCodec.keyOf(tables, InvestigationContextEntry.of("inv:1%", "evidence", AT, "Inv", "{}"));

        assertThat(key.redisKey())
                .isEqualTo("ctx:dev-InvestigationContextTable:inv%3A1%25:evidence#2026-11-26T12:00:00.123456Z");
        assertThat(CacheKey.parse(key.redisKey())).isEqualTo(key);
        assertThat(ContextEntryCodec.hasKey(InvestigationContextEntry.of("inv:1%", "evidence", AT, "Inv", "{}"), key))
                .isTrue();
        assertThat(ContextEntryCodec.hasKey(InvestigationContextEntry.of("inv:1%", "timeline", AT, "Inv", "{}"), key))
                .isFalse();
    }
}
