package ai.socagent.eventbus.aws;

import java.util.Map;

/**
 * What {@link LocalBusBootstrapper} created, by logical name.
 *
 * @param suffix appended to every logical name to make the physical one
 * @param busName the physical name of the agents' bus
 * @param busArn its ARN
 * @param queueUrls queue URL of every queue and dead-letter queue
 * @param queueArns queue ARN of every queue and dead-letter queue
 * @param topicArns topic ARN of every topic
 * @param ruleArns rule ARN of every rule
 */
public record BootstrappedBus(
        String suffix,
        String busName,
        String busArn,
        Map<String, String> queueUrls,
        Map<String, String> queueArns,
        Map<String, String> topicArns,
        Map<String, String> ruleArns) {

    public BootstrappedBus {
        queueUrls = Map.copyOf(queueUrls);
        queueArns = Map.copyOf(queueArns);
        topicArns = Map.copyOf(topicArns);
        ruleArns = Map.copyOf(ruleArns);
    }

    /** The URL of the queue with logical name {@code queue}. */
    public String queueUrl(String queue) {
        String url = queueUrls.get(queue);
        if (url == null) {
            throw new IllegalArgumentException("no queue '" + queue + "'");
        }
        return url;
    }
}
