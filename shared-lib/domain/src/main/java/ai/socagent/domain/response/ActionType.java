package ai.socagent.domain.response;

/** Kinds of response action. */
public enum ActionType {
    ISOLATE_INSTANCE(true),
    /** Creates an EBS snapshot for forensics; adds a resource, changes nothing in use. */
    SNAPSHOT_VOLUME(false),
    STOP_INSTANCE(true),
    DISABLE_ACCESS_KEY(true),
    REVOKE_SESSIONS(true),
    DETACH_POLICY(true),
    BLOCK_IP(true),
    BLOCK_BUCKET_PUBLIC_ACCESS(true),
    QUARANTINE_USER(true),
    ROTATE_CREDENTIALS(true),
    /** Copies logs and memory or disk images; read-only on the affected resources. */
    COLLECT_FORENSICS(false),
    NOTIFY(false),
    CREATE_TICKET(false);

    private final boolean destructive;

    ActionType(boolean destructive) {
        this.destructive = destructive;
    }

    /**
     * True when executing the action changes the protected environment (cuts access, stops or
     * isolates workloads, changes permissions); such actions always require human approval.
     */
    public boolean destructive() {
        return destructive;
    }
}
