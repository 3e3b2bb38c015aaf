package ai.socagent.domain.finding;

/** Kinds of cloud resource a finding can concern. Unrecognised source types map to {@link #OTHER}. */
public enum ResourceType {
    EC2_INSTANCE,
    IAM_USER,
    IAM_ROLE,
    IAM_ACCESS_KEY,
    S3_BUCKET,
    S3_OBJECT,
    EKS_CLUSTER,
    ECS_CLUSTER,
    CONTAINER,
    LAMBDA_FUNCTION,
    RDS_DB_INSTANCE,
    OTHER;

    /** True for IAM principals and their credentials. */
    public boolean isIdentity() {
        return this == IAM_USER || this == IAM_ROLE || this == IAM_ACCESS_KEY;
    }
}
