package ai.socagent.domain.classification;

import ai.socagent.domain.Preconditions;
import ai.socagent.domain.Severity;
import ai.socagent.domain.finding.FindingSource;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A classified threat as the other investigations see it (GlobalContextTable): enough to find
 * related threats — the same finding type, account, resource, category or techniques — without
 * reading each one's investigation.
 *
 * @param threatId the threat
 * @param investigationId its investigation
 * @param findingType the finding's type
 * @param source who reported it
 * @param accountId the account concerned, when known
 * @param resourceId the primary resource, when there is one
 * @param category the classified category
 * @param severity the classified severity
 * @param techniqueIds the ATT&CK techniques, most relevant first
 * @param classifiedAt when it was classified
 */
public record ThreatPattern(
        String threatId,
        String investigationId,
        String findingType,
        FindingSource source,
        Optional<String> accountId,
        Optional<String> resourceId,
        ThreatCategory category,
        Severity severity,
        List<String> techniqueIds,
        Instant classifiedAt) {

    public ThreatPattern {
        Preconditions.requireUuid(threatId, "threatId");
        Preconditions.requireUuid(investigationId, "investigationId");
        Preconditions.requireNonBlank(findingType, "findingType");
        Preconditions.requireNonNull(source, "source");
        accountId = Preconditions.optionalNonBlank(accountId, "accountId");
        resourceId = Preconditions.optionalNonBlank(resourceId, "resourceId");
        Preconditions.requireNonNull(category, "category");
        Preconditions.requireNonNull(severity, "severity");
        techniqueIds = Preconditions.copyList(techniqueIds, "techniqueIds");
        Preconditions.requireNonNull(classifiedAt, "classifiedAt");
    }
}
