package ai.socagent.contextstore.adapter.in.dynamodbstreams;

import static org.assertj.core.api.Assertions.assertThat;

import ai.socagent.contextstore.ArchiveReason;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.OperationType;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.Shard;

/**
 * The TTL / delete distinction, on records shaped as DynamoDB Streams documents them: moto never
 * expires items, so its streams never carry the TTL service identity.
 */
class AgentContextStreamArchiverTest {

    @Test
    void reason_removeByTheTtlService_isTtlExpiry() {
        Record ttl = Record.builder()
                .eventName(OperationType.REMOVE)
                .userIdentity(i -> i.type("Service").principalId("dynamodb.amazonaws.com"))
                .build();

        assertThat(AgentContextStreamArchiver.reason(ttl)).isEqualTo(ArchiveReason.TTL_EXPIRY);
        assertThat(ArchiveReason.TTL_EXPIRY.wireName()).isEqualTo("ttl-expiry");
    }

    @Test
    void parentsFirst_ordersShardLineageOldestFirst_andIgnoresParentsTrimmedAway() {
        Shard child = Shard.builder().shardId("c").parentShardId("p").build();
        Shard grandChild = Shard.builder().shardId("g").parentShardId("c").build();
        Shard parent = Shard.builder().shardId("p").parentShardId("trimmed").build();
        Shard other = Shard.builder().shardId("o").build();
        List<Shard> described = List.of(grandChild, child, other, parent);
        Map<String, Shard> byId = new LinkedHashMap<>();
        described.forEach(s -> byId.put(s.shardId(), s));

        assertThat(AgentContextStreamArchiver.parentsFirst(described, byId))
                .extracting(Shard::shardId)
                .containsExactly("o", "p", "c", "g");
    }

    @Test
    void reason_removeWithoutIdentityOrByAnotherPrincipal_isDeleted() {
        Record plain = Record.builder().eventName(OperationType.REMOVE).build();
        Record user = Record.builder()
                .eventName(OperationType.REMOVE)
                .userIdentity(i -> i.type("Service").principalId("lambda.amazonaws.com"))
                .build();

        assertThat(AgentContextStreamArchiver.reason(plain)).isEqualTo(ArchiveReason.DELETED);
        assertThat(AgentContextStreamArchiver.reason(user)).isEqualTo(ArchiveReason.DELETED);
        assertThat(ArchiveReason.DELETED.wireName()).isEqualTo("deleted");
    }
}
