package ai.socagent.contextstore.adapter.out.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import ai.socagent.contextstore.ContextTables;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.enhanced.dynamodb.TableMetadata;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;

/** The persistence beans' annotations must say what the catalogue says (the provisioner reads the catalogue). */
class DynamoDbItemSchemaTest {

    @Test
    void itemSchemas_keysAndIndexes_matchTheCatalogue() {
        assertMatches(DynamoDbContextStore.GLOBAL_SCHEMA, ContextTables.GLOBAL);
        assertMatches(DynamoDbContextStore.INVESTIGATION_SCHEMA, ContextTables.INVESTIGATION);
        assertMatches(DynamoDbContextStore.AGENT_SCHEMA, ContextTables.AGENT);
    }

    @Test
    void itemSchemas_mapEveryAttributeOfTheCatalogueKeysAndTtl() {
        for (TableSchema<?> schema : List.of(
                DynamoDbContextStore.GLOBAL_SCHEMA,
                DynamoDbContextStore.INVESTIGATION_SCHEMA,
                DynamoDbContextStore.AGENT_SCHEMA)) {
            assertThat(schema.attributeNames()).contains("expires_at", "version", "payload");
        }
    }

    private static void assertMatches(TableSchema<?> schema, ContextTables.Table table) {
        TableMetadata metadata = schema.tableMetadata();
        assertThat(metadata.primaryPartitionKey()).isEqualTo(table.partitionKey());
        assertThat(metadata.primarySortKey()).contains(table.sortKey());
        for (ContextTables.Index index : table.indexes()) {
            assertThat(metadata.indexPartitionKey(index.name()))
                    .as(index.name())
                    .isEqualTo(index.partitionKey());
            assertThat(metadata.indexSortKey(index.name())).as(index.name()).contains(index.sortKey());
        }
    }
}
