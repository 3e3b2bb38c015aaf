package ai.socagent.domain.finding;

import ai.socagent.domain.Preconditions;
import java.util.Map;
import java.util.Optional;

/**
 * A cloud resource a finding concerns.
 *
 * @param type the kind of resource
 * @param id the resource's own identifier: instance id, user or role name, access key id, bucket
 *     name, bucket/key for objects, cluster or function name; the ARN when nothing shorter exists
 * @param arn the ARN, when the source gave one or it can be built without guessing
 * @param region the region, when the resource is regional and the source said which
 * @param accountId the owning account, when known
 * @param tags the resource's tags
 * @param details further source-specific facts (instance type, VPC, user type, ...)
 */
public record Resource(
        ResourceType type,
        String id,
        Optional<String> arn,
        Optional<String> region,
        Optional<String> accountId,
        Map<String, String> tags,
        Map<String, String> details) {

    public Resource {
        Preconditions.requireNonNull(type, "type");
        Preconditions.requireNonBlank(id, "id");
        arn = Preconditions.optionalNonBlank(arn, "arn");
        region = Preconditions.optionalNonBlank(region, "region");
        accountId = Preconditions.optionalNonBlank(accountId, "accountId");
        tags = Preconditions.copyStringMap(tags, "tags");
        details = Preconditions.copyStringMap(details, "details");
    }

    /** Factory taking nullable strings for the optional parts. */
    public static Resource of(
            ResourceType type,
            String id,
            String arn,
            String region,
            String accountId,
            Map<String, String> tags,
            Map<String, String> details) {
        return new Resource(
                type,
                id,
                Optional.ofNullable(arn),
                Optional.ofNullable(region),
                Optional.ofNullable(accountId),
                tags,
                details);
    }

    /** A resource of {@code type} known only by its id. */
    public static Resource of(ResourceType type, String id) {
        return of(type, id, null, null, null, Map.of(), Map.of());
    }
}
