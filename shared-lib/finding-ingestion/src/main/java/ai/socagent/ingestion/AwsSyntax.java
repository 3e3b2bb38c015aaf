package ai.socagent.ingestion;

import ai.socagent.domain.finding.ResourceType;
import ai.socagent.domain.indicator.Indicator;
import ai.socagent.domain.indicator.IndicatorType;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Syntax of AWS identifiers and the mapping of AWS resource type names, shared by the parsers. */
final class AwsSyntax {

    static final SchemaPattern ACCOUNT_ID = SchemaPattern.whole("[0-9]{12}");
    static final String ACCOUNT_ID_DESCRIPTION = "a 12-digit AWS account id";

    static final SchemaPattern REGION = SchemaPattern.whole("[a-z]{2}(-gov)?-[a-z]+-[0-9]");
    static final String REGION_DESCRIPTION = "an AWS region such as us-east-1 (pattern [a-z]{2}(-gov)?-[a-z]+-[0-9])";

    static final SchemaPattern INSTANCE_ID = SchemaPattern.whole("i-[0-9a-f]{8}(?:[0-9a-f]{9})?");

    /** What {@link #arn(String)} accepts: an ARN (as {@link IndicatorType#ARN}), trailing white space stripped. */
    static final SchemaPattern ARN =
            SchemaPattern.of("^arn:aws(?:-[a-z]+)*:[a-z0-9][a-z0-9.-]*:[a-z0-9-]*:(?:[0-9]{12}|aws|):"
                    + "[^ \\t\\n\\u000B\\f\\r]+" + SchemaPattern.BLANK + "$");

    private static final Pattern ARN_ACCOUNT = Pattern.compile("\\d{12}");
    private static final Pattern ARN_REGION = Pattern.compile("[a-z]{2}(-gov)?-[a-z]+-\\d");

    private static final Pattern ACCESS_KEY_RESOURCE_ID = Pattern.compile("AWS::IAM::AccessKey:(.+)");

    /**
     * AWS resource type names in every spelling we receive (ASFF {@code AwsEc2Instance},
     * CloudFormation/OCSF {@code AWS::EC2::Instance}), keyed by their lowercase letters and digits.
     */
    private static final Map<String, ResourceType> AWS_TYPES = Map.ofEntries(
            Map.entry("awsec2instance", ResourceType.EC2_INSTANCE),
            Map.entry("awsiamuser", ResourceType.IAM_USER),
            Map.entry("awsiamrole", ResourceType.IAM_ROLE),
            Map.entry("awsiamaccesskey", ResourceType.IAM_ACCESS_KEY),
            Map.entry("awss3bucket", ResourceType.S3_BUCKET),
            Map.entry("awss3object", ResourceType.S3_OBJECT),
            Map.entry("awsekscluster", ResourceType.EKS_CLUSTER),
            Map.entry("awsecscluster", ResourceType.ECS_CLUSTER),
            Map.entry("container", ResourceType.CONTAINER),
            Map.entry("awsecscontainer", ResourceType.CONTAINER),
            Map.entry("awslambdafunction", ResourceType.LAMBDA_FUNCTION),
            Map.entry("awsrdsdbinstance", ResourceType.RDS_DB_INSTANCE));

    private AwsSyntax() {}

    /** Maps an AWS resource type name; names we do not model are {@link ResourceType#OTHER}. */
    static ResourceType resourceType(String awsTypeName) {
        String key = awsTypeName.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
        return AWS_TYPES.getOrDefault(key, ResourceType.OTHER);
    }

    /** The ARN as an indicator, when the text is a syntactically valid ARN. */
    static Optional<Indicator> arn(String text) {
        if (text == null || !text.startsWith("arn:")) {
            return Optional.empty();
        }
        try {
            return Optional.of(Indicator.of(IndicatorType.ARN, text));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** An access key id as an indicator, when the text has the AKIA/ASIA syntax. */
    static Optional<Indicator> accessKeyId(String text) {
        try {
            return Optional.of(Indicator.of(IndicatorType.AWS_ACCESS_KEY_ID, text));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The account field of an ARN when it is a 12-digit account id. */
    static Optional<String> arnAccount(String arn) {
        String[] parts = arn.split(":", 6);
        return parts.length == 6 && ARN_ACCOUNT.matcher(parts[4]).matches() ? Optional.of(parts[4]) : Optional.empty();
    }

    /** The region field of an ARN, when not empty. */
    static Optional<String> arnRegion(String arn) {
        String[] parts = arn.split(":", 6);
        return parts.length == 6 && ARN_REGION.matcher(parts[3]).matches() ? Optional.of(parts[3]) : Optional.empty();
    }

    /**
     * The resource's own short id from its ARN: {@code i-0abc} from an instance ARN, the bucket name
     * from a bucket ARN, {@code bucket/key} for objects, the name for IAM users and roles. Falls back
     * to the resource part of the ARN.
     */
    static String shortId(ResourceType type, String arn) {
        String[] parts = arn.split(":", 6);
        if (parts.length < 6 || parts[5].isEmpty()) {
            return arn;
        }
        String resource = parts[5];
        if (type == ResourceType.S3_OBJECT || type == ResourceType.S3_BUCKET) {
            return resource;
        }
        int slash = resource.lastIndexOf('/');
        if (slash >= 0 && slash < resource.length() - 1) {
            return resource.substring(slash + 1);
        }
        int colon = resource.lastIndexOf(':');
        if (colon >= 0 && colon < resource.length() - 1) {
            return resource.substring(colon + 1);
        }
        return resource;
    }

    /** The key id of a Security Hub access key resource id ({@code AWS::IAM::AccessKey:ASIA...}). */
    static Optional<String> accessKeyFromResourceId(String id) {
        Matcher m = ACCESS_KEY_RESOURCE_ID.matcher(id);
        return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
    }
}
