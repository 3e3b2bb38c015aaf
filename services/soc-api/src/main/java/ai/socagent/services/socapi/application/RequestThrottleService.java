package ai.socagent.services.socapi.application;

import ai.socagent.services.socapi.application.port.in.AdmitRequestUseCase;
import ai.socagent.services.socapi.application.port.out.ClientAllowancePort;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/** A request is admitted when its client's bucket has a token; a refusal says when to retry, in whole seconds. */
public final class RequestThrottleService implements AdmitRequestUseCase {

    private static final long NANOS_PER_SECOND = TimeUnit.SECONDS.toNanos(1);

    private final ClientAllowancePort allowances;

    public RequestThrottleService(ClientAllowancePort allowances) {
        this.allowances = Objects.requireNonNull(allowances, "allowances");
    }

    @Override
    public Admission admit(String client) {
        ClientAllowancePort.Consumption consumption = allowances.tryTake(client);
        if (consumption.taken()) {
            return new Admission(true, 0);
        }
        long seconds = consumption.nanosToWait() / NANOS_PER_SECOND
                + (consumption.nanosToWait() % NANOS_PER_SECOND == 0 ? 0 : 1);
        return new Admission(false, Math.max(1, seconds));
    }
}
