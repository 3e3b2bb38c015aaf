package ai.socagent.contextstore.adapter.out.dynamodb;

import ai.socagent.contextstore.ContextAlreadyExistsException;
import ai.socagent.contextstore.ContextItems;
import ai.socagent.contextstore.ContextTables;
import ai.socagent.contextstore.ContextVersionConflictException;
import ai.socagent.contextstore.CursorCodec;
import ai.socagent.contextstore.KeyQuery;
import ai.socagent.contextstore.Page;
import ai.socagent.contextstore.PageRequest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.model.DeleteItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.PutItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryEnhancedRequest;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * The writes and queries the three repositories share, on one enhanced-client table: creates that
 * refuse a live item (and replace an expired one), version-checked replaces, reads and paged key
 * queries that skip expired items.
 */
final class DynamoDbContextTable<T> {

    private final DynamoDbTable<T> table;
    private final ContextTables.Table definition;
    private final Class<T> itemClass;
    private final Function<T, Long> version;
    private final Function<T, Long> expiresAt;
    private final Clock clock;
    private final CursorCodec cursors;

    DynamoDbContextTable(
            DynamoDbTable<T> table,
            ContextTables.Table definition,
            Class<T> itemClass,
            Function<T, Long> version,
            Function<T, Long> expiresAt,
            Clock clock,
            CursorCodec cursors) {
        this.table = table;
        this.definition = definition;
        this.itemClass = itemClass;
        this.version = version;
        this.expiresAt = expiresAt;
        this.clock = clock;
        this.cursors = cursors;
    }

    String name() {
        return table.tableName();
    }

    /** Puts an item whose version is null, so that the version extension writes version 1. */
    void create(T item, Key key) {
        try {
            putIfAbsent(item);
        } catch (ConditionalCheckFailedException e) {
            T existing = table.getItem(r -> r.key(key).consistentRead(true));
            if (existing == null || !isExpired(existing)) {
                throw new ContextAlreadyExistsException(name(), describe(key));
            }
            deleteIfUnchanged(existing, key);
            try {
                putIfAbsent(item);
            } catch (ConditionalCheckFailedException again) {
                throw new ContextAlreadyExistsException(name(), describe(key));
            }
        }
    }

    /** Puts an item carrying the expected version; the extension checks it and writes the next one. */
    void replace(T item, Key key, long expectedVersion) {
        try {
            table.putItem(PutItemEnhancedRequest.builder(itemClass)
                    .item(item)
                    .conditionExpression(notExpired())
                    .build());
        } catch (ConditionalCheckFailedException e) {
            throw new ContextVersionConflictException(name(), describe(key), expectedVersion);
        }
    }

    Optional<T> get(Key key) {
        return Optional.ofNullable(table.getItem(r -> r.key(key).consistentRead(true)))
                .filter(item -> !isExpired(item));
    }

    /**
     * Runs the query from the cursor's position until {@code limit} live items are found or the range
     * ends. DynamoDB applies the limit before the expiry filter, so one page may take several calls.
     */
    <E> Page<E> query(KeyQuery query, PageRequest page, Function<T, E> mapper) {
        Map<String, AttributeValue> start =
                page.cursor() == null ? null : toAttributes(cursors.decode(query, page.cursor()));
        QueryConditional range = query.wholePartition()
                ? QueryConditional.keyEqualTo(
                        Key.builder().partitionValue(query.partitionValue()).build())
                : QueryConditional.sortBetween(
                        Key.builder()
                                .partitionValue(query.partitionValue())
                                .sortValue(query.sortFrom())
                                .build(),
                        Key.builder()
                                .partitionValue(query.partitionValue())
                                .sortValue(query.sortTo())
                                .build());
        boolean global =
                query.index() != null && definition.index(query.index()).kind() == ContextTables.IndexKind.GLOBAL;
        List<E> found = new ArrayList<>();
        do {
            QueryEnhancedRequest request = QueryEnhancedRequest.builder()
                    .queryConditional(range)
                    .filterExpression(notExpired())
                    .scanIndexForward(!page.newestFirst())
                    .consistentRead(!global)
                    .limit(page.limit() - found.size())
                    .exclusiveStartKey(start)
                    .build();
            software.amazon.awssdk.enhanced.dynamodb.model.Page<T> result = query.index() == null
                    ? table.query(request).iterator().next()
                    : table.index(query.index()).query(request).iterator().next();
            result.items().stream().map(mapper).forEach(found::add);
            start = result.lastEvaluatedKey();
        } while (found.size() < page.limit() && start != null && !start.isEmpty());
        Optional<String> next = start == null || start.isEmpty()
                ? Optional.empty()
                : Optional.of(cursors.encode(query, toStrings(start)));
        return new Page<>(found, next);
    }

    private void putIfAbsent(T item) {
        table.putItem(PutItemEnhancedRequest.builder(itemClass)
                .item(item)
                .conditionExpression(Expression.builder()
                        .expression("attribute_not_exists(#pk)")
                        .putExpressionName("#pk", definition.partitionKey())
                        .build())
                .build());
    }

    private void deleteIfUnchanged(T existing, Key key) {
        try {
            table.deleteItem(DeleteItemEnhancedRequest.builder()
                    .key(key)
                    .conditionExpression(Expression.builder()
                            .expression("#v = :v")
                            .putExpressionName("#v", ContextTables.VERSION)
                            .putExpressionValue(":v", AttributeValue.fromN(Long.toString(version.apply(existing))))
                            .build())
                    .build());
        } catch (ConditionalCheckFailedException e) {
            throw new ContextAlreadyExistsException(name(), describe(key));
        }
    }

    private Expression notExpired() {
        return Expression.builder()
                .expression("#expires_at > :now")
                .putExpressionName("#expires_at", ContextTables.EXPIRES_AT)
                .putExpressionValue(
                        ":now",
                        AttributeValue.fromN(Long.toString(clock.instant().getEpochSecond())))
                .build();
    }

    private boolean isExpired(T item) {
        return ContextItems.isExpired(expiresAt.apply(item), clock);
    }

    private static String describe(Key key) {
        return ContextItems.key(
                key.partitionKeyValue().s(),
                key.sortKeyValue().map(AttributeValue::s).orElse(""));
    }

    private static Map<String, AttributeValue> toAttributes(Map<String, String> position) {
        Map<String, AttributeValue> attributes = new LinkedHashMap<>();
        position.forEach((name, value) -> attributes.put(name, AttributeValue.fromS(value)));
        return attributes;
    }

    private static Map<String, String> toStrings(Map<String, AttributeValue> key) {
        Map<String, String> position = new LinkedHashMap<>();
        key.forEach((name, value) -> position.put(name, value.s()));
        return position;
    }
}
