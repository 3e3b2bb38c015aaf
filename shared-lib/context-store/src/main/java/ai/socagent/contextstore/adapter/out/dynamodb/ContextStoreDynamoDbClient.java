package ai.socagent.contextstore.adapter.out.dynamodb;

import ai.socagent.contextstore.ContextStoreException;
import java.util.Collection;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.SdkPlugin;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbServiceClientConfiguration;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

/**
 * The {@link DynamoDbClient} the store's enhanced client talks through: the item and query calls of
 * the application's client, (1) with the store's own retry strategy on every request (a request
 * plugin, so the application's client is left as it is), and (2) with every failure other than a
 * failed condition turned into a {@link ContextStoreException} that names the operation, the table,
 * the number of attempts and the kind of failure (throttled, service error, no answer, refused).
 * Failed conditions ({@link ConditionalCheckFailedException}, {@link TransactionCanceledException})
 * pass through: the table code turns them into the store's own exceptions.
 */
final class ContextStoreDynamoDbClient implements DynamoDbClient {

    private final DynamoDbClient delegate;
    private final SdkPlugin retries;

    private ContextStoreDynamoDbClient(DynamoDbClient delegate, RetryStrategy strategy) {
        this.delegate = delegate;
        this.retries = strategy == null
                ? null
                : config -> config.overrideConfiguration(config.overrideConfiguration().toBuilder()
                        .retryStrategy(strategy)
                        .build());
    }

    /** {@code strategy} null: the application's client retries as it is configured to. */
    static DynamoDbClient wrap(DynamoDbClient client, RetryStrategy strategy) {
        return client instanceof ContextStoreDynamoDbClient ? client : new ContextStoreDynamoDbClient(client, strategy);
    }

    /** The SDK's standard strategy (exponential backoff with jitter, throttling backoff) with {@code maxAttempts}. */
    static RetryStrategy standardRetryStrategy(int maxAttempts) {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
        }
        return AwsRetryStrategy.standardRetryStrategy().toBuilder()
                .maxAttempts(maxAttempts)
                .build();
    }

    @Override
    public GetItemResponse getItem(GetItemRequest request) {
        return call(
                "GetItem",
                request.tableName(),
                () -> delegate.getItem(request.toBuilder()
                        .overrideConfiguration(override(request.overrideConfiguration()))
                        .build()));
    }

    @Override
    public PutItemResponse putItem(PutItemRequest request) {
        return call(
                "PutItem",
                request.tableName(),
                () -> delegate.putItem(request.toBuilder()
                        .overrideConfiguration(override(request.overrideConfiguration()))
                        .build()));
    }

    @Override
    public UpdateItemResponse updateItem(UpdateItemRequest request) {
        return call(
                "UpdateItem",
                request.tableName(),
                () -> delegate.updateItem(request.toBuilder()
                        .overrideConfiguration(override(request.overrideConfiguration()))
                        .build()));
    }

    @Override
    public DeleteItemResponse deleteItem(DeleteItemRequest request) {
        return call(
                "DeleteItem",
                request.tableName(),
                () -> delegate.deleteItem(request.toBuilder()
                        .overrideConfiguration(override(request.overrideConfiguration()))
                        .build()));
    }

    @Override
    public QueryResponse query(QueryRequest request) {
        return call(
                "Query",
                request.tableName(),
                () -> delegate.query(request.toBuilder()
                        .overrideConfiguration(override(request.overrideConfiguration()))
                        .build()));
    }

    @Override
    public TransactWriteItemsResponse transactWriteItems(TransactWriteItemsRequest request) {
        return call(
                "TransactWriteItems",
                tables(request),
                () -> delegate.transactWriteItems(request.toBuilder()
                        .overrideConfiguration(override(request.overrideConfiguration()))
                        .build()));
    }

    @Override
    public BatchWriteItemResponse batchWriteItem(BatchWriteItemRequest request) {
        return call(
                "BatchWriteItem",
                String.join(", ", new TreeSet<>(request.requestItems().keySet())),
                () -> delegate.batchWriteItem(request.toBuilder()
                        .overrideConfiguration(override(request.overrideConfiguration()))
                        .build()));
    }

    @Override
    public DynamoDbServiceClientConfiguration serviceClientConfiguration() {
        return delegate.serviceClientConfiguration();
    }

    @Override
    public String serviceName() {
        return SERVICE_NAME;
    }

    @Override
    public void close() {
        // the client belongs to the application
    }

    private AwsRequestOverrideConfiguration override(Optional<AwsRequestOverrideConfiguration> existing) {
        if (retries == null) {
            return existing.orElse(null);
        }
        return existing.map(AwsRequestOverrideConfiguration::toBuilder)
                .orElseGet(AwsRequestOverrideConfiguration::builder)
                .addPlugin(retries)
                .build();
    }

    private static <R> R call(String operation, String table, Supplier<R> call) {
        try {
            return call.get();
        } catch (ConditionalCheckFailedException | TransactionCanceledException e) {
            throw e;
        } catch (SdkException e) {
            throw failure(operation, table, e);
        }
    }

    static ContextStoreException failure(String operation, String table, SdkException e) {
        String kind;
        String detail = e.getMessage();
        if (e instanceof AwsServiceException service) {
            if (service.isThrottlingException()) {
                kind = "throttled";
            } else if (service.statusCode() >= 500) {
                kind = "service error (HTTP " + service.statusCode() + ")";
            } else {
                kind = "refused (HTTP " + service.statusCode() + ")";
            }
            if (service.awsErrorDetails() != null) {
                detail = service.awsErrorDetails().errorCode() + ": "
                        + service.awsErrorDetails().errorMessage();
            }
        } else if (e instanceof SdkClientException) {
            kind = "no answer";
        } else {
            kind = "failed";
        }
        Integer attempts = e.numAttempts();
        return new ContextStoreException(
                "DynamoDB " + operation + " on table " + table + " failed"
                        + (attempts == null ? "" : " after " + attempts + (attempts == 1 ? " attempt" : " attempts"))
                        + ": " + kind + " (" + detail + ")",
                e);
    }

    private static String tables(TransactWriteItemsRequest request) {
        Collection<String> names = new TreeSet<>();
        for (TransactWriteItem item : request.transactItems()) {
            if (item.put() != null) {
                names.add(item.put().tableName());
            }
            if (item.update() != null) {
                names.add(item.update().tableName());
            }
            if (item.delete() != null) {
                names.add(item.delete().tableName());
            }
            if (item.conditionCheck() != null) {
                names.add(item.conditionCheck().tableName());
            }
        }
        return String.join(", ", names);
    }
}
