package ai.socagent.contextstore;

import java.util.List;
import java.util.Optional;

/**
 * Evidence objects of investigations ({@code InvestigationEvidenceBucket}): stored with a SHA-256
 * checksum and a retention (S3 object lock, governance mode, 7 years by default) during which the
 * object cannot be replaced; checked against its checksum on every read. S3 in the aws and local
 * modes, a local directory (with a sidecar file per object) in the standalone mode.
 */
public interface EvidenceStore {

    /**
     * Stores the evidence under {@code evidence/<investigationId>/<evidenceId>}.
     *
     * @throws EvidenceRetainedException an object with this key exists and is still retained
     * @throws EvidenceIntegrityException the store reported a checksum other than ours
     * @throws ContextArchiveException it could not be written
     */
    EvidenceReceipt put(Evidence evidence);

    /**
     * The evidence, its bytes checked against the SHA-256 recorded when it was stored.
     *
     * @throws EvidenceIntegrityException the bytes do not match their checksum
     */
    Optional<StoredEvidence> get(String investigationId, String evidenceId);

    /** The evidence ids of an investigation, in key order. */
    List<String> list(String investigationId);
}
