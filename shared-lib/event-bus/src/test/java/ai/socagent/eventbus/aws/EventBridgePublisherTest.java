package ai.socagent.eventbus.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.socagent.domain.event.DomainEvent;
import ai.socagent.eventbus.RetryPolicy;
import ai.socagent.eventbus.SampleEvents;
import ai.socagent.eventbus.TraceContext;
import ai.socagent.eventbus.UndeliverableEventException;
import ai.socagent.eventbus.envelope.EventCodec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResultEntry;

/**
 * The publisher's batching and retry decisions, given PutEvents answers (the SDK's own response
 * model; the wire protocol is exercised against moto in {@link RoutingEquivalenceIT}).
 */
class EventBridgePublisherTest {

    private static final TraceContext TRACE = TraceContext.newRoot();
    private static final RetryPolicy BACKOFF = new RetryPolicy(Duration.ofMillis(100), 2.0, Duration.ofSeconds(1));

    private final List<List<PutEventsRequestEntry>> requests = new ArrayList<>();
    private final List<Duration> sleeps = new ArrayList<>();

    @Test
    void publish_25Events_sendsBatchesOfTenInOrder() {
        EventBridgePublisher publisher = publisher(this::acceptAll);
        List<DomainEvent> events = IntStream.range(0, 25)
                .mapToObj(i -> SampleEvents.all().get(i % 8))
                .toList();

        publisher.publish(events, TRACE);

        assertThat(requests).extracting(List::size).containsExactly(10, 10, 5);
        assertThat(requests.stream().flatMap(List::stream))
                .extracting(PutEventsRequestEntry::detailType)
                .containsExactlyElementsOf(
                        events.stream().map(DomainEvent::detailType).toList());
        assertThat(requests.getFirst().getFirst().eventBusName()).isEqualTo("ai-agent-events-x");
        assertThat(requests.getFirst().getFirst().source()).isEqualTo("ai-agent-service");
        assertThat(sleeps).isEmpty();
    }

    @Test
    void batches_entriesTogetherOver256KB_areSplitBySize() {
        PutEventsRequestEntry entry =
                PutEventsRequestEntry.builder().detailType("x").build();
        List<EventBridgePublisher.Sized> entries = List.of(
                new EventBridgePublisher.Sized(entry, 100_000),
                new EventBridgePublisher.Sized(entry, 100_000),
                new EventBridgePublisher.Sized(entry, 100_000),
                new EventBridgePublisher.Sized(entry, 62_144));

        assertThat(EventBridgePublisher.batches(entries)).extracting(List::size).containsExactly(2, 2);
    }

    @Test
    void publish_partialFailure_resendsOnlyTheFailedEntriesWithBackoff() {
        List<DomainEvent> events = SampleEvents.all();
        int[] call = {0};
        EventBridgePublisher publisher = publisher(entries -> {
            call[0]++;
            // First answer: entries 2 and 5 throttled; then everything is accepted.
            return call[0] == 1 ? failing(entries, 2, 5) : acceptAll(entries);
        });

        publisher.publish(events, TRACE);

        assertThat(requests).hasSize(2);
        assertThat(requests.get(1))
                .extracting(PutEventsRequestEntry::detailType)
                .containsExactly(events.get(2).detailType(), events.get(5).detailType());
        assertThat(sleeps).containsExactly(Duration.ofMillis(100));
    }

    @Test
    void publish_entryFailingEveryAttempt_throwsNamingTheError() {
        EventBridgePublisher publisher = publisher(entries -> failing(entries, 0));

        assertThatThrownBy(() -> publisher.publish(SampleEvents.all().get(4), TRACE))
                .isInstanceOf(PublishFailedException.class)
                .hasMessageContaining("1 of 1 events not accepted after 3 attempts")
                .hasMessageContaining("Investigation Complete: ThrottlingException");
        assertThat(requests).hasSize(3);
        assertThat(sleeps).containsExactly(Duration.ofMillis(100), Duration.ofMillis(200));
    }

    @Test
    void publish_eventTooLarge_isRefusedBeforeSending() {
        var threat = SampleEvents.threat();
        var f = threat.finding();
        var huge = new ai.socagent.domain.threat.Threat(
                threat.threatId(),
                ai.socagent.domain.finding.Finding.builder()
                        .format(f.format())
                        .sourceFindingId(f.sourceFindingId())
                        .findingType(f.findingType())
                        .title(f.title())
                        // the raw payload travels by reference: a normalised text past the limit
                        // makes the event too large (é is two bytes in UTF-8)
                        .description("é".repeat(140_000))
                        .severity(f.severity())
                        .firstSeen(f.firstSeen())
                        .lastSeen(f.lastSeen())
                        .rawPayload(f.rawPayload())
                        .receivedAt(f.receivedAt())
                        .build(),
                threat.correlationId(),
                threat.submittedAt());
        EventBridgePublisher publisher = publisher(this::acceptAll);

        assertThatThrownBy(() -> publisher.publish(
                        List.of(
                                SampleEvents.all().get(1),
                                ai.socagent.domain.event.ThreatSubmitted.of(huge, SampleEvents.T0)),
                        TRACE))
                .isInstanceOfSatisfying(
                        UndeliverableEventException.class,
                        e -> assertThat(e.reason()).isEqualTo(UndeliverableEventException.Reason.TOO_LARGE));
        assertThat(requests).isEmpty();
    }

    private EventBridgePublisher publisher(Function<List<PutEventsRequestEntry>, PutEventsResponse> answer) {
        return new EventBridgePublisher(
                entries -> {
                    requests.add(List.copyOf(entries));
                    return answer.apply(entries);
                },
                "ai-agent-events-x",
                EventCodec.create(),
                3,
                BACKOFF,
                sleeps::add);
    }

    private PutEventsResponse acceptAll(List<PutEventsRequestEntry> entries) {
        return PutEventsResponse.builder()
                .failedEntryCount(0)
                .entries(entries.stream()
                        .map(e -> PutEventsResultEntry.builder().eventId("id").build())
                        .toList())
                .build();
    }

    private static PutEventsResponse failing(List<PutEventsRequestEntry> entries, Integer... failed) {
        List<Integer> failedIndexes = List.of(failed);
        return PutEventsResponse.builder()
                .failedEntryCount(failedIndexes.size())
                .entries(IntStream.range(0, entries.size())
                        .mapToObj(i -> failedIndexes.contains(i)
                                ? PutEventsResultEntry.builder()
                                        .errorCode("ThrottlingException")
                                        .errorMessage("Rate exceeded")
                                        .build()
                                : PutEventsResultEntry.builder().eventId("id").build())
                        .toList())
                .build();
    }
}
