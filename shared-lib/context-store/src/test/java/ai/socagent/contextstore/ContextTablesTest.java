package ai.socagent.contextstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ContextTablesTest {

    @Test
    void catalogue_keepsTheKeysOfTheDesign() {
        assertThat(ContextTables.all())
                .extracting(t -> t.name() + "|" + t.partitionKey() + "|" + t.sortKey() + "|" + t.timeToLive())
                .containsExactly(
                        "GlobalContextTable|context_type|timestamp|" + Duration.ofDays(7),
                        "InvestigationContextTable|investigation_id|context_level#timestamp|" + Duration.ofDays(30),
                        "AgentContextTable|agent_id|session_id#timestamp|" + Duration.ofHours(24));
        assertThat(ContextTables.GLOBAL.indexes())
                .containsExactly(
                        new ContextTables.Index(
                                "threat_type-timestamp-index",
                                ContextTables.IndexKind.GLOBAL,
                                "threat_type",
                                "timestamp"),
                        new ContextTables.Index(
                                "severity-timestamp-index", ContextTables.IndexKind.GLOBAL, "severity", "timestamp"));
        assertThat(ContextTables.INVESTIGATION.indexes())
                .containsExactly(new ContextTables.Index(
                        "agent_id-timestamp-index",
                        ContextTables.IndexKind.LOCAL,
                        "investigation_id",
                        "agent_id#timestamp"));
        assertThat(ContextTables.AGENT.stream()).isEqualTo(ContextTables.StreamView.NEW_AND_OLD_IMAGES);
        assertThat(ContextTables.all())
                .allSatisfy(t -> assertThat(t.timeToLiveAttribute()).isEqualTo("expires_at"));
    }

    @Test
    void nameOf_withEnvironment_prefixesTheDesignName() {
        assertThat(ContextTables.forEnvironment("dev").nameOf(ContextTables.GLOBAL))
                .isEqualTo("dev-GlobalContextTable");
        assertThat(ContextTables.forEnvironment("").nameOf(ContextTables.AGENT)).isEqualTo("AgentContextTable");
    }

    @Test
    void forEnvironment_withCharactersTableNamesCannotHold_isRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> ContextTables.forEnvironment("Dev Env"));
        assertThatIllegalArgumentException().isThrownBy(() -> ContextTables.forEnvironment("-dev"));
    }

    @Test
    void keyAttributes_ofEachTable_listTableThenIndexKeysOnce() {
        assertThat(ContextTables.GLOBAL.keyAttributes())
                .containsExactly("context_type", "timestamp", "threat_type", "severity");
        assertThat(ContextTables.INVESTIGATION.keyAttributes())
                .containsExactly("investigation_id", "context_level#timestamp", "agent_id#timestamp");
    }
}
