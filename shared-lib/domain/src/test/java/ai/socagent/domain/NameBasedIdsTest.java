package ai.socagent.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class NameBasedIdsTest {

    private static final UUID DNS = UUID.fromString("6ba7b810-9dad-11d1-80b4-00c04fd430c8");

    @Test
    void uuidV5_matchesTheRfc9562Example() {
        // RFC 9562, appendix A.4: "www.example.com" in the DNS namespace
        assertThat(NameBasedIds.uuidV5(DNS, "www.example.com")).isEqualTo("2ed6657d-e927-568b-95e1-2665a8aea6a2");
    }

    @Test
    void uuidV5_concurrentCallsEachGetTheirOwnDigest() {
        // The digest is cloned from one prototype: callers on many threads must not share its state.
        var ids = new ConcurrentHashMap<String, String>();
        IntStream.range(0, 20_000).parallel().forEach(i -> ids.put("name-" + i, NameBasedIds.uuidV5(DNS, "name-" + i)));
        IntStream.range(0, 20_000)
                .forEach(i -> assertThat(ids.get("name-" + i)).isEqualTo(NameBasedIds.uuidV5(DNS, "name-" + i)));
        assertThat(NameBasedIds.uuidV5(DNS, "www.example.com")).isEqualTo("2ed6657d-e927-568b-95e1-2665a8aea6a2");
    }
}
