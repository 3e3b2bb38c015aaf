package ai.socagent.services.socapi.application.port.in;

/** Whether a client's request is within its rate (the per-client throttle of the API). */
public interface AdmitRequestUseCase {

    /**
     * Takes one request from the client's allowance.
     *
     * @param client who calls: {@code caller:<name>} (API key id, JWT subject, IAM ARN) or {@code
     *     address:<remote address>}
     */
    Admission admit(String client);

    /**
     * @param admitted whether the request is within the client's rate
     * @param retryAfterSeconds when refused, the whole seconds (at least 1) until a request would be
     *     admitted; 0 when admitted
     */
    record Admission(boolean admitted, long retryAfterSeconds) {}
}
