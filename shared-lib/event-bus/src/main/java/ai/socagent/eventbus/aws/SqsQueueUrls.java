package ai.socagent.eventbus.aws;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Queue URLs by logical name: the configured ones, else {@code GetQueueUrl} of the logical name plus
 * a suffix (the environment's), remembered once found.
 */
public final class SqsQueueUrls implements Function<String, String> {

    private final SqsClient sqs;
    private final String suffix;
    private final Map<String, String> urls = new ConcurrentHashMap<>();

    public SqsQueueUrls(SqsClient sqs, String suffix, Map<String, String> configured) {
        this.sqs = sqs;
        this.suffix = suffix;
        this.urls.putAll(configured);
    }

    @Override
    public String apply(String queue) {
        return urls.computeIfAbsent(
                queue, q -> sqs.getQueueUrl(b -> b.queueName(q + suffix)).queueUrl());
    }
}
