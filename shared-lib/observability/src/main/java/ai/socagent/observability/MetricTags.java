package ai.socagent.observability;

/** Tag keys shared by every metric, so dashboards can slice all of them the same way. */
public final class MetricTags {

    public static final String AGENT = "agent";
    public static final String ENGINE = "engine";
    public static final String OUTCOME = "outcome";
    public static final String REASON = "reason";
    public static final String SEVERITY = "severity";
    public static final String MODEL = "model";
    public static final String DIRECTION = "direction";
    public static final String TIER = "tier";
    public static final String RESULT = "result";
    public static final String STATUS = "status";
    public static final String FORMAT = "format";

    private MetricTags() {}
}
