package ai.socagent.ingestion;

import ai.socagent.domain.finding.Finding;
import ai.socagent.domain.finding.Resource;
import ai.socagent.domainjson.DomainJson;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Keeps a normalised finding small enough to travel the bus inside its {@code Threat Submitted}
 * event, whatever the payload at the ingestion limit held: the payload travels by reference (its
 * claim check), the normalised finding travels whole, and EventBridge caps an entry at 256 KB.
 *
 * <p>A finding read from a payload well under the budget is never touched (normalising adds at most
 * a few hundred bytes of structure). Above it — only a payload filled to the limit with text the
 * finding keeps, a plain threat of huge tag values, say — the longest kept text (the description, a
 * tag value, a resource detail) is cut in half with an ellipsis, again and again, until the finding
 * fits. Nothing is lost: the text in full stays in the kept payload.
 */
final class NormalisedSizeBudget {

    /**
     * 248 KiB: EventBridge's 256 KB entry less room for what the event adds around the finding — the
     * threat's and the event's ids, times and correlation, the trace context and the envelope, about
     * one KiB — with margin.
     */
    static final int MAX_NORMALISED_BYTES = 248 * 1024;

    /** Below this a payload's finding cannot reach the budget, so it is not even measured. */
    static final int MEASURE_ABOVE_PAYLOAD_BYTES = MAX_NORMALISED_BYTES - 8 * 1024;

    /** No text is cut below this many characters. */
    static final int MIN_KEPT_CHARS = 256;

    private static final String ELLIPSIS = "…";

    private NormalisedSizeBudget() {}

    static Finding fit(Finding finding) {
        if (finding.rawPayload().sizeBytes() <= MEASURE_ABOVE_PAYLOAD_BYTES) {
            return finding;
        }
        Finding fitted = finding;
        while (size(fitted) > MAX_NORMALISED_BYTES) {
            Finding shorter = halveLongestText(fitted);
            if (shorter == fitted) {
                return fitted; // nothing left to cut: the publisher refuses it, loudly
            }
            fitted = shorter;
        }
        return fitted;
    }

    private static int size(Finding finding) {
        return DomainJson.mapper().writeValueAsBytes(finding).length;
    }

    private static Finding halveLongestText(Finding finding) {
        int longest = finding.description().length();
        for (Resource resource : finding.resources()) {
            longest = Math.max(longest, longestValue(resource.tags()));
            longest = Math.max(longest, longestValue(resource.details()));
        }
        if (longest <= MIN_KEPT_CHARS) {
            return finding;
        }
        int target = longest;
        String description = cut(finding.description(), target);
        List<Resource> resources = new ArrayList<>(finding.resources().size());
        for (Resource resource : finding.resources()) {
            resources.add(new Resource(
                    resource.type(),
                    resource.id(),
                    resource.arn(),
                    resource.region(),
                    resource.accountId(),
                    cutValues(resource.tags(), target),
                    cutValues(resource.details(), target)));
        }
        return new Finding(
                finding.findingId(),
                finding.source(),
                finding.format(),
                finding.sourceFindingId(),
                finding.findingType(),
                finding.title(),
                description,
                finding.severity(),
                finding.sourceSeverityScore(),
                finding.accountId(),
                finding.region(),
                finding.firstSeen(),
                finding.lastSeen(),
                resources,
                finding.indicators(),
                finding.rawPayload(),
                finding.receivedAt());
    }

    private static int longestValue(Map<String, String> values) {
        return values.values().stream().mapToInt(String::length).max().orElse(0);
    }

    private static Map<String, String> cutValues(Map<String, String> values, int longest) {
        Map<String, String> cut = new LinkedHashMap<>();
        values.forEach((key, value) -> cut.put(key, cut(value, longest)));
        return cut;
    }

    /** The text cut in half when it is (one of) the longest, unchanged otherwise. */
    private static String cut(String text, int longest) {
        if (text.length() < longest) {
            return text;
        }
        return text.substring(0, Math.max(MIN_KEPT_CHARS, text.length() / 2)) + ELLIPSIS;
    }
}
