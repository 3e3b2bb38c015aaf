package ai.socagent.ingestion;

import ai.socagent.domain.finding.FindingFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import tools.jackson.databind.JsonNode;

/**
 * Recognises the {@link FindingFormat} of a parsed payload from explicit markers only. A payload
 * matching no format, or the markers of several, is rejected with {@link Violation#FORMAT_UNKNOWN}
 * listing what was looked for: the detector never guesses.
 *
 * <ul>
 *   <li>EventBridge event (has {@code detail-type} or {@code detail}): source {@value
 *       #GUARDDUTY_EVENT_SOURCE} with detail-type {@value #GUARDDUTY_DETAIL_TYPE} is {@link
 *       FindingFormat#GUARDDUTY_EVENT}; source {@value #SECURITY_HUB_EVENT_SOURCE} with detail-type
 *       {@value #SECURITY_HUB_DETAIL_TYPE} is {@link FindingFormat#ASFF_EVENT}; any other pair is
 *       unknown.
 *   <li>GuardDuty: {@code service.serviceName} "guardduty" or an {@code arn} containing
 *       ":guardduty:", together with GuardDuty fields ({@code schemaVersion}, {@code type}, {@code
 *       resource}). The parser then requires all of them, so a GuardDuty finding missing {@code
 *       resource.resourceType} is reported as exactly that.
 *   <li>ASFF: {@code {"Findings": [...]}}, or {@code ProductArn} together with ASFF fields ({@code
 *       SchemaVersion}, {@code AwsAccountId}, {@code Types}, {@code GeneratorId}).
 *   <li>OCSF: {@code class_uid} 2004 (other classes are unknown).
 *   <li>Plain threat: {@code title} plus one of {@code description}, {@code source}, {@code
 *       severity}, {@code resources}, {@code indicators}, and none of the markers above.
 * </ul>
 */
public final class FindingFormatDetector {

    public static final String GUARDDUTY_EVENT_SOURCE = "aws.guardduty";
    public static final String GUARDDUTY_DETAIL_TYPE = "GuardDuty Finding";
    public static final String SECURITY_HUB_EVENT_SOURCE = "aws.securityhub";
    public static final String SECURITY_HUB_DETAIL_TYPE = "Security Hub Findings - Imported";

    static final String LOOKED_FOR = "Looked for: an EventBridge event with source 'aws.guardduty' and detail-type"
            + " 'GuardDuty Finding' or source 'aws.securityhub' and detail-type 'Security Hub Findings - Imported';"
            + " a GuardDuty finding (schemaVersion, type, resource.resourceType and service.serviceName 'guardduty'"
            + " or a GuardDuty arn); an ASFF finding (SchemaVersion, ProductArn, AwsAccountId, Types) or"
            + " {\"Findings\": [...]}; an OCSF Detection Finding (class_uid 2004); a plain threat (title plus one of"
            + " description, source, severity, resources, indicators).";

    private static final List<String> PLAIN_FIELDS =
            List.of("description", "source", "severity", "resources", "indicators");

    /** Keys that belong to one of the structured formats and so rule out a plain threat. */
    static final List<String> FOREIGN_MARKERS = List.of(
            "schemaVersion",
            "SchemaVersion",
            "ProductArn",
            "AwsAccountId",
            "GeneratorId",
            "Findings",
            "class_uid",
            "category_uid",
            "finding_info",
            "detail-type",
            "detail",
            "service");

    private static final int KEYS_IN_MESSAGE = 15;

    private FindingFormatDetector() {}

    /**
     * The format of {@code root}.
     *
     * @throws FindingRejectedException with a single {@code format.unknown} violation at {@code $}
     */
    public static FindingFormat detect(JsonNode root) {
        if (root == null || !root.isObject()) {
            String type = root == null
                    ? "nothing"
                    : "a JSON " + root.getNodeType().name().toLowerCase(Locale.ROOT);
            throw unknown("the payload is " + type + ", not a JSON object.");
        }
        if (root.has("detail-type") || root.has("detail")) {
            return event(root);
        }
        boolean guardDuty = isGuardDuty(root);
        boolean asff = root.has("Findings")
                || (root.has("ProductArn")
                        && (root.has("SchemaVersion")
                                || root.has("AwsAccountId")
                                || root.has("Types")
                                || root.has("GeneratorId")));
        boolean ocsf = root.has("class_uid");
        List<String> matched = new ArrayList<>();
        if (guardDuty) {
            matched.add("GuardDuty");
        }
        if (asff) {
            matched.add("ASFF");
        }
        if (ocsf) {
            matched.add("OCSF");
        }
        if (matched.size() > 1) {
            throw unknown("the payload is ambiguous: it carries the markers of " + String.join(" and ", matched) + ".");
        }
        if (ocsf) {
            JsonNode classUid = root.get("class_uid");
            if (Validation.integral(classUid)
                    .filter(value ->
                            value.compareTo(java.math.BigDecimal.valueOf(OcsfParser.DETECTION_FINDING_CLASS)) == 0)
                    .isPresent()) {
                return FindingFormat.OCSF_DETECTION_FINDING;
            }
            throw unknown("OCSF class_uid " + Validation.show(classUid.toString())
                    + " is not supported; only 2004 (Detection Finding) is.");
        }
        if (asff) {
            return FindingFormat.ASFF;
        }
        if (guardDuty) {
            return FindingFormat.GUARDDUTY;
        }
        List<String> foreign = FOREIGN_MARKERS.stream().filter(root::has).toList();
        if (!foreign.isEmpty()) {
            throw unknown("the payload has " + foreign + " but not the other fields of any supported format.");
        }
        if (root.has("title") && PLAIN_FIELDS.stream().anyMatch(root::has)) {
            return FindingFormat.PLAIN_THREAT;
        }
        throw unknown(
                root.has("title")
                        ? "a plain threat needs 'title' plus at least one of " + PLAIN_FIELDS + "."
                        : "no 'title' for a plain threat and no marker of another format; found keys " + keys(root)
                                + ".");
    }

    private static FindingFormat event(JsonNode root) {
        String source = text(root.get("source"));
        String detailType = text(root.get("detail-type"));
        if (GUARDDUTY_EVENT_SOURCE.equals(source) && GUARDDUTY_DETAIL_TYPE.equals(detailType)) {
            return FindingFormat.GUARDDUTY_EVENT;
        }
        if (SECURITY_HUB_EVENT_SOURCE.equals(source) && SECURITY_HUB_DETAIL_TYPE.equals(detailType)) {
            return FindingFormat.ASFF_EVENT;
        }
        throw unknown("an EventBridge event with source " + (source == null ? "(none)" : Validation.show(source))
                + " and detail-type " + (detailType == null ? "(none)" : Validation.show(detailType))
                + " is not a supported finding event.");
    }

    private static boolean isGuardDuty(JsonNode root) {
        JsonNode serviceName = Validation.value(Validation.value(root, "service"), "serviceName");
        JsonNode arn = Validation.value(root, "arn");
        boolean identified = (serviceName != null
                        && serviceName.isString()
                        && serviceName.stringValue().equals("guardduty"))
                || (arn != null && arn.isString() && arn.stringValue().contains(":guardduty:"));
        return identified && (root.has("schemaVersion") || root.has("type") || root.has("resource"));
    }

    private static String text(JsonNode node) {
        return node != null && node.isString() ? node.stringValue() : null;
    }

    private static String keys(JsonNode root) {
        List<String> names = new ArrayList<>(root.propertyNames());
        List<String> shown = names.stream()
                .limit(KEYS_IN_MESSAGE)
                .map(name -> name.length() > 40 ? name.substring(0, 40) + "..." : name)
                .toList();
        return shown + (names.size() > KEYS_IN_MESSAGE ? " and " + (names.size() - KEYS_IN_MESSAGE) + " more" : "");
    }

    private static FindingRejectedException unknown(String reason) {
        return JsonPayloadReader.reject(
                JsonPaths.ROOT, Violation.FORMAT_UNKNOWN, "Unrecognised finding format: " + reason + " " + LOOKED_FOR);
    }
}
