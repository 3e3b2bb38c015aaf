package ai.socagent.contextstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CursorCodecTest {

    private static final Instant T = Instant.parse("2026-11-26T10:00:00Z");
    private static final KeyQuery QUERY =
            KeyQuery.globalByContextType("pattern", TimeRange.between(T.minusSeconds(60), T.plusSeconds(60)));
    private static final Map<String, String> POSITION =
            Map.of("context_type", "pattern", "timestamp", ContextTimestamps.format(T));

    @Test
    void decode_ofEncode_returnsThePosition() {
        CursorCodec codec = CursorCodec.create();

        assertThat(codec.decode(QUERY, codec.encode(QUERY, POSITION))).isEqualTo(POSITION);
    }

    @Test
    void encode_isUrlSafeBase64OfJson() {
        String cursor = CursorCodec.create().encode(QUERY, POSITION);

        assertThat(cursor).matches("[A-Za-z0-9_-]+");
        assertThat(new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8))
                .startsWith("{")
                .contains("\"timestamp\"");
    }

    @Test
    void decode_rewrittenPositionWithoutTheSecret_throwsInvalidCursor() {
        String json = new String(
                Base64.getUrlDecoder().decode(CursorCodec.create().encode(QUERY, POSITION)), StandardCharsets.UTF_8);
        String forged = Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(json.replace("10:00:00", "10:00:30").getBytes(StandardCharsets.UTF_8));

        assertThatExceptionOfType(InvalidCursorException.class)
                .isThrownBy(() -> CursorCodec.create().decode(QUERY, forged))
                .withMessageContaining("altered");
    }

    @Test
    void decode_cursorOfAnotherSecret_throwsInvalidCursor() {
        String cursor = CursorCodec.withSecret("one secret of sixteen bytes".getBytes(StandardCharsets.UTF_8))
                .encode(QUERY, POSITION);

        assertThatExceptionOfType(InvalidCursorException.class)
                .isThrownBy(() -> CursorCodec.withSecret("another secret, 16+ bytes".getBytes(StandardCharsets.UTF_8))
                        .decode(QUERY, cursor));
    }

    @Test
    void decode_positionMissingAKeyAttribute_throwsInvalidCursor() {
        CursorCodec codec = CursorCodec.create();
        String cursor = codec.encode(QUERY, Map.of("context_type", "pattern"));

        assertThatExceptionOfType(InvalidCursorException.class)
                .isThrownBy(() -> codec.decode(QUERY, cursor))
                .withMessageContaining("key attributes");
    }
}
