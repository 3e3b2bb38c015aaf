package ai.socagent.knowledgebase.adapter.out.opensearch;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.socagent.knowledgebase.KnowledgeBaseException;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import org.junit.jupiter.api.Test;

class OpenSearchKnowledgeBaseTest {

    @Test
    void connect_nothingListening_throwsKnowledgeBaseExceptionNamingTheStep() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        URI closed = URI.create("http://127.0.0.1:" + port);

        assertThatThrownBy(() -> OpenSearchKnowledgeBase.connect(closed, OpenSearchKnowledgeBase.Settings.of("kb")))
                .isInstanceOf(KnowledgeBaseException.class)
                .hasMessageContaining("check index kb-techniques");
    }

    @Test
    void settings_negativeReplicas_isRejected() {
        assertThatThrownBy(() -> OpenSearchKnowledgeBase.Settings.of("kb").withReplicas(-1))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
