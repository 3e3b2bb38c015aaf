package ai.socagent.services.socapi.application.port.out;

/**
 * The clients' token buckets: in this instance's memory, or in Redis for the whole fleet. Each
 * bucket holds the burst and refills at the sustained rate; an idle client's bucket is forgotten once
 * it would be full again (forgetting it then changes nothing), so the memory is bounded.
 */
public interface ClientAllowancePort {

    /** Takes one token of the client's bucket. */
    Consumption tryTake(String client);

    /**
     * @param taken whether there was a token
     * @param nanosToWait when not taken, how long until there is one; 0 when taken
     */
    record Consumption(boolean taken, long nanosToWait) {}
}
