package ai.socagent.contextstore;

import java.time.Instant;

/** An evidence object with this key exists and is retained: it cannot be replaced before {@link #retainUntil()}. */
public class EvidenceRetainedException extends ContextStoreException {

    private static final long serialVersionUID = 1L;

    private final String key;
    private final transient Instant retainUntil;

    public EvidenceRetainedException(String key, Instant retainUntil) {
        super("evidence " + key + " is retained until " + retainUntil + " and cannot be replaced");
        this.key = key;
        this.retainUntil = retainUntil;
    }

    public String key() {
        return key;
    }

    public Instant retainUntil() {
        return retainUntil;
    }
}
