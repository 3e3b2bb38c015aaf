package ai.socagent.eventbus.aws;

import ai.socagent.eventbus.routing.QueueDefinition;
import ai.socagent.eventbus.routing.RoutingDefinition;
import ai.socagent.eventbus.routing.RuleDefinition;
import ai.socagent.eventbus.routing.TopicDefinition;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutTargetsResponse;
import software.amazon.awssdk.services.eventbridge.model.ResourceNotFoundException;
import software.amazon.awssdk.services.eventbridge.model.Target;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Creates what the routing definition declares in an AWS emulator (moto, LocalStack) for the local
 * mode and the integration tests: the agents' bus, every queue with its dead-letter queue and redrive
 * policy, the topics, the rules with their targets, and the queue and topic policies that let
 * EventBridge deliver. Running it again changes nothing (every call is a create-or-update).
 *
 * <p>Physical names are the logical ones plus {@code suffix} (empty for the local mode, unique per
 * test run), so runs sharing an emulator do not collide. Rules declared on the {@code default} bus
 * (GuardDuty, Security Hub) are put on the emulator's default bus. In AWS, Terraform creates the same
 * resources from the same file.
 */
public final class LocalBusBootstrapper {

    private final EventBridgeClient events;
    private final SqsClient sqs;
    private final SnsClient sns;
    private final boolean topicTargetsAsQueues;

    private LocalBusBootstrapper(EventBridgeClient events, SqsClient sqs, SnsClient sns, boolean topicTargetsAsQueues) {
        this.events = events;
        this.sqs = sqs;
        this.sns = sns;
        this.topicTargetsAsQueues = topicTargetsAsQueues;
    }

    public static LocalBusBootstrapper create(EventBridgeClient events, SqsClient sqs, SnsClient sns) {
        return new LocalBusBootstrapper(events, sqs, sns, false);
    }

    /**
     * This bootstrapper, but rules deliver what they would send to a topic to an SQS queue named after
     * the topic instead (the topic is still created). For moto 5.2.5, whose EventBridge cannot target
     * SNS: PutEvents fails with HTTP 500 ({@code NotImplementedError}) as soon as a matching rule has a
     * topic target. Never for LocalStack or AWS.
     */
    public LocalBusBootstrapper withTopicTargetsAsQueues() {
        return new LocalBusBootstrapper(events, sqs, sns, true);
    }

    /** Creates (or updates) everything {@code definition} declares, names suffixed with {@code suffix}. */
    public BootstrappedBus bootstrap(RoutingDefinition definition, String suffix) {
        String busName = definition.bus().name() + suffix;
        String busArn = eventBus(busName);

        Map<String, String> queueUrls = new LinkedHashMap<>();
        Map<String, String> queueArns = new LinkedHashMap<>();
        for (QueueDefinition queue : definition.queues()) {
            String dlq = queue.deadLetterQueue();
            queueUrls.put(dlq, sqs.createQueue(b -> b.queueName(dlq + suffix)).queueUrl());
            queueArns.put(dlq, queueArn(queueUrls.get(dlq)));
            // Dead letters wait for a person: keep them as long as SQS allows (14 days).
            sqs.setQueueAttributes(b -> b.queueUrl(queueUrls.get(dlq))
                    .attributes(Map.of(QueueAttributeName.MESSAGE_RETENTION_PERIOD, "1209600")));
            String redrive = "{\"deadLetterTargetArn\":\"" + queueArns.get(dlq) + "\",\"maxReceiveCount\":\""
                    + queue.maxReceiveCount() + "\"}";
            Map<QueueAttributeName, String> attributes = Map.of(
                    QueueAttributeName.REDRIVE_POLICY,
                    redrive,
                    QueueAttributeName.VISIBILITY_TIMEOUT,
                    Integer.toString(queue.visibilityTimeoutSeconds()));
            String url =
                    sqs.createQueue(b -> b.queueName(queue.name() + suffix)).queueUrl();
            // Set separately: CreateQueue refuses differing attributes on an existing queue.
            sqs.setQueueAttributes(b -> b.queueUrl(url).attributes(attributes));
            queueUrls.put(queue.name(), url);
            queueArns.put(queue.name(), queueArn(url));
        }
        Map<String, String> topicArns = new LinkedHashMap<>();
        for (TopicDefinition topic : definition.topics()) {
            topicArns.put(
                    topic.name(),
                    sns.createTopic(b -> b.name(topic.name() + suffix)).topicArn());
            if (topicTargetsAsQueues) {
                String url =
                        sqs.createQueue(b -> b.queueName(topic.name() + suffix)).queueUrl();
                queueUrls.put(topic.name(), url);
                queueArns.put(topic.name(), queueArn(url));
            }
        }

        Map<String, String> ruleArns = new LinkedHashMap<>();
        Map<String, List<String>> sourceRulesByTarget = new LinkedHashMap<>();
        for (RuleDefinition rule : definition.rules()) {
            String bus = rule.eventBus().isPresent() ? rule.eventBus().get() : busName;
            String ruleName = rule.name() + suffix;
            String ruleArn = events.putRule(b -> b.name(ruleName)
                            .eventBusName(bus)
                            .description(rule.description())
                            .eventPattern(rule.eventPattern()))
                    .ruleArn();
            ruleArns.put(rule.name(), ruleArn);
            List<Target> targets = new ArrayList<>();
            for (String target : rule.targets()) {
                String arn = queueArns.containsKey(target) ? queueArns.get(target) : topicArns.get(target);
                targets.add(Target.builder().id(target).arn(arn).build());
                sourceRulesByTarget
                        .computeIfAbsent(target, t -> new ArrayList<>())
                        .add(ruleArn);
            }
            PutTargetsResponse put =
                    events.putTargets(b -> b.rule(ruleName).eventBusName(bus).targets(targets));
            if (put.failedEntryCount() > 0) {
                throw new IllegalStateException("rule " + ruleName + ": targets refused: " + put.failedEntries());
            }
        }

        sourceRulesByTarget.forEach((target, rules) -> {
            if (queueUrls.containsKey(target)) {
                String policy = policy("sqs:SendMessage", queueArns.get(target), rules);
                sqs.setQueueAttributes(
                        b -> b.queueUrl(queueUrls.get(target)).attributes(Map.of(QueueAttributeName.POLICY, policy)));
            } else {
                String policy = policy("sns:Publish", topicArns.get(target), rules);
                sns.setTopicAttributes(b -> b.topicArn(topicArns.get(target))
                        .attributeName("Policy")
                        .attributeValue(policy));
            }
        });
        return new BootstrappedBus(suffix, busName, busArn, queueUrls, queueArns, topicArns, ruleArns);
    }

    /**
     * Deletes the rules, queues and topics {@link #bootstrap} created with {@code suffix}, and the bus.
     * For tests sharing an emulator; nothing in AWS calls this.
     */
    public void teardown(RoutingDefinition definition, BootstrappedBus bus) {
        for (RuleDefinition rule : definition.rules()) {
            String busName = rule.eventBus().isPresent() ? rule.eventBus().get() : bus.busName();
            String ruleName = rule.name()
                    + bus.busName().substring(definition.bus().name().length());
            events.removeTargets(b -> b.rule(ruleName).eventBusName(busName).ids(rule.targets()));
            events.deleteRule(b -> b.name(ruleName).eventBusName(busName));
        }
        bus.queueUrls().values().forEach(url -> sqs.deleteQueue(b -> b.queueUrl(url)));
        bus.topicArns().values().forEach(arn -> sns.deleteTopic(b -> b.topicArn(arn)));
        events.deleteEventBus(b -> b.name(bus.busName()));
    }

    private String eventBus(String name) {
        try {
            return events.describeEventBus(b -> b.name(name)).arn();
        } catch (ResourceNotFoundException e) {
            return events.createEventBus(b -> b.name(name)).eventBusArn();
        }
    }

    private String queueArn(String url) {
        return sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes()
                .get(QueueAttributeName.QUEUE_ARN);
    }

    private static String policy(String action, String resource, List<String> ruleArns) {
        String sources = ruleArns.stream().map(arn -> "\"" + arn + "\"").collect(Collectors.joining(","));
        return """
                {"Version":"2012-10-17","Statement":[{"Sid":"EventBridgeRules","Effect":"Allow",\
                "Principal":{"Service":"events.amazonaws.com"},"Action":"%s","Resource":"%s",\
                "Condition":{"ArnEquals":{"aws:SourceArn":[%s]}}}]}""".formatted(action, resource, sources);
    }
}
