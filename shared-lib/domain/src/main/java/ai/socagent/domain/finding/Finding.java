package ai.socagent.domain.finding;

import ai.socagent.domain.NameBasedIds;
import ai.socagent.domain.Preconditions;
import ai.socagent.domain.Severity;
import ai.socagent.domain.indicator.Indicator;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * A security finding normalised from one of the supported {@link FindingFormat}s.
 *
 * @param findingId our identifier: {@link #deterministicId(FindingSource, String)} of source and
 *     source finding id, so a redelivered finding keeps its id
 * @param source the delivering system, always {@code format.source()}
 * @param format the wire format it arrived in
 * @param sourceFindingId the source's own id (GuardDuty {@code id}, ASFF {@code Id}, OCSF
 *     {@code finding_info.uid}, the plain threat's {@code id} or the SHA-256 of its payload)
 * @param findingType GuardDuty {@code type}, ASFF {@code Types[0]}, OCSF {@code
 *     finding_info.types[0]} (or its title)
 * @param title short title
 * @param description longer description, possibly empty
 * @param severity normalised severity
 * @param sourceSeverityScore the number the source gave, on the source's scale: GuardDuty 0-10,
 *     ASFF {@code Severity.Normalized} 0-100 (the Security Hub default for the label when only a
 *     label was given), OCSF {@code severity_id}, plain threats {@link Severity#level()} 0-4
 * @param accountId the AWS account the finding concerns, when known
 * @param region the region the finding concerns, when known
 * @param firstSeen when the activity was first observed
 * @param lastSeen when the activity was last observed, never before {@code firstSeen}
 * @param resources affected resources, the primary one first
 * @param indicators distinct observables found in the finding
 * @param rawPayload where the JSON text of this finding, as received, is kept (the claim check):
 *     the finding itself carries only its reference, so it travels the bus whatever the payload's size
 * @param receivedAt when we received it
 */
public record Finding(
        String findingId,
        FindingSource source,
        FindingFormat format,
        String sourceFindingId,
        String findingType,
        String title,
        String description,
        Severity severity,
        double sourceSeverityScore,
        Optional<String> accountId,
        Optional<String> region,
        Instant firstSeen,
        Instant lastSeen,
        List<Resource> resources,
        List<Indicator> indicators,
        RawPayloadReference rawPayload,
        Instant receivedAt) {

    /** Namespace of our name-based finding ids (RFC 9562 version 5 UUIDs). */
    public static final UUID ID_NAMESPACE = UUID.fromString("5b0c3e8a-2f4d-4c1e-9a57-3d6e1f0b7c42");

    public Finding {
        Preconditions.requireUuid(findingId, "findingId");
        Preconditions.requireNonNull(source, "source");
        Preconditions.requireNonNull(format, "format");
        if (format.source() != source) {
            throw new IllegalArgumentException(
                    "format " + format + " belongs to source " + format.source() + ", not " + source);
        }
        Preconditions.requireNonBlank(sourceFindingId, "sourceFindingId");
        Preconditions.requireNonBlank(findingType, "findingType");
        Preconditions.requireNonBlank(title, "title");
        Preconditions.requireNonNull(description, "description");
        Preconditions.requireNonNull(severity, "severity");
        if (!Double.isFinite(sourceSeverityScore) || sourceSeverityScore < 0) {
            throw new IllegalArgumentException(
                    "sourceSeverityScore must be a finite, non-negative number but was " + sourceSeverityScore);
        }
        accountId = Preconditions.optionalNonBlank(accountId, "accountId");
        region = Preconditions.optionalNonBlank(region, "region");
        Preconditions.requireNonNull(firstSeen, "firstSeen");
        Preconditions.requireNonNull(lastSeen, "lastSeen");
        if (lastSeen.isBefore(firstSeen)) {
            throw new IllegalArgumentException("lastSeen " + lastSeen + " is before firstSeen " + firstSeen);
        }
        resources = Preconditions.copyList(resources, "resources");
        indicators = Preconditions.copyList(indicators, "indicators");
        if (indicators.stream().distinct().count() != indicators.size()) {
            throw new IllegalArgumentException("indicators must be distinct");
        }
        Preconditions.requireNonNull(rawPayload, "rawPayload");
        Preconditions.requireNonNull(receivedAt, "receivedAt");
    }

    /**
     * Our id for the finding {@code sourceFindingId} of {@code source}: a name-based (SHA-1, version
     * 5) UUID in {@link #ID_NAMESPACE}, identical for every delivery of the same finding.
     */
    public static String deterministicId(FindingSource source, String sourceFindingId) {
        Preconditions.requireNonNull(source, "source");
        Preconditions.requireNonBlank(sourceFindingId, "sourceFindingId");
        return NameBasedIds.uuidV5(ID_NAMESPACE, source.name() + ":" + sourceFindingId);
    }

    /** The primary affected resource, if any. */
    public Optional<Resource> primaryResource() {
        return resources.isEmpty() ? Optional.empty() : Optional.of(resources.get(0));
    }

    /** A builder whose {@link Builder#build()} derives the finding id and source from the format. */
    public static Builder builder() {
        return new Builder();
    }

    /** Mutable builder for {@link Finding}; validation happens in {@link #build()}. */
    public static final class Builder {
        private String findingId;
        private FindingFormat format;
        private String sourceFindingId;
        private String findingType;
        private String title;
        private String description = "";
        private Severity severity;
        private double sourceSeverityScore;
        private String accountId;
        private String region;
        private Instant firstSeen;
        private Instant lastSeen;
        private List<Resource> resources = List.of();
        private List<Indicator> indicators = List.of();
        private RawPayloadReference rawPayload;
        private Instant receivedAt;

        private Builder() {}

        /** Overrides the derived {@link Finding#deterministicId(FindingSource, String)}. */
        public Builder findingId(String value) {
            this.findingId = value;
            return this;
        }

        public Builder format(FindingFormat value) {
            this.format = value;
            return this;
        }

        public Builder sourceFindingId(String value) {
            this.sourceFindingId = value;
            return this;
        }

        public Builder findingType(String value) {
            this.findingType = value;
            return this;
        }

        public Builder title(String value) {
            this.title = value;
            return this;
        }

        public Builder description(String value) {
            this.description = value;
            return this;
        }

        public Builder severity(Severity value) {
            this.severity = value;
            return this;
        }

        public Builder sourceSeverityScore(double value) {
            this.sourceSeverityScore = value;
            return this;
        }

        /** Nullable: the account is optional. */
        public Builder accountId(String value) {
            this.accountId = value;
            return this;
        }

        /** Nullable: the region is optional. */
        public Builder region(String value) {
            this.region = value;
            return this;
        }

        public Builder firstSeen(Instant value) {
            this.firstSeen = value;
            return this;
        }

        public Builder lastSeen(Instant value) {
            this.lastSeen = value;
            return this;
        }

        public Builder resources(List<Resource> value) {
            this.resources = value;
            return this;
        }

        public Builder indicators(List<Indicator> value) {
            this.indicators = value;
            return this;
        }

        /** The payload as received; the finding keeps its {@link RawPayloadReference}. */
        public Builder rawPayload(String value) {
            this.rawPayload =
                    value == null ? null : RawPayloadReference.of(Preconditions.requireNonBlank(value, "rawPayload"));
            return this;
        }

        public Builder rawPayload(RawPayloadReference value) {
            this.rawPayload = value;
            return this;
        }

        public Builder receivedAt(Instant value) {
            this.receivedAt = value;
            return this;
        }

        public Finding build() {
            Preconditions.requireNonNull(format, "format");
            Preconditions.requireNonBlank(sourceFindingId, "sourceFindingId");
            String id = findingId != null ? findingId : deterministicId(format.source(), sourceFindingId);
            return new Finding(
                    id,
                    format.source(),
                    format,
                    sourceFindingId,
                    findingType,
                    title,
                    description,
                    severity,
                    sourceSeverityScore,
                    Optional.ofNullable(accountId),
                    Optional.ofNullable(region),
                    firstSeen,
                    lastSeen,
                    resources,
                    indicators,
                    rawPayload,
                    receivedAt);
        }
    }
}
