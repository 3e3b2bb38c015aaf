package ai.socagent.services.socapi.application.port.in;

import ai.socagent.services.socapi.application.SubmissionReceipt;

/** Accepts a raw security finding in any supported format and turns it into submitted threats. */
public interface SubmitFindingUseCase {

    /**
     * @param payload the request body as received
     * @return what was accepted; nothing is kept when the payload is rejected
     * @throws ai.socagent.ingestion.FindingRejectedException when the payload breaks a rule
     */
    SubmissionReceipt submit(byte[] payload);
}
