package ai.socagent.services.socapi.application.port.in;

/** Accepts a raw security finding in any supported format and turns it into submitted threats. */
public interface SubmitFindingUseCase {

    /**
     * @param payload the request body as received
     * @return what was accepted; nothing is kept when the payload is rejected
     * @throws ai.socagent.ingestion.FindingRejectedException when the payload breaks a rule
     */
    SubmissionReceipt submit(byte[] payload);

    /**
     * The largest payload {@link #submit} takes, in bytes: an edge can refuse a larger body before
     * reading it, and answers the same limit {@code submit} would.
     */
    long maxPayloadBytes();
}
