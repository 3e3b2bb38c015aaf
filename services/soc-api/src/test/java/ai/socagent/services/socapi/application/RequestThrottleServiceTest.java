package ai.socagent.services.socapi.application;

import static org.assertj.core.api.Assertions.assertThat;

import ai.socagent.services.socapi.application.port.in.AdmitRequestUseCase.Admission;
import ai.socagent.services.socapi.application.port.out.ClientAllowancePort.Consumption;
import org.junit.jupiter.api.Test;

/** A refusal's Retry-After: the wait rounded up to whole seconds, at least one. */
class RequestThrottleServiceTest {

    private static Admission admit(Consumption consumption) {
        return new RequestThrottleService(client -> consumption).admit("caller:key_a");
    }

    @Test
    void admit_tokenTaken_isAdmitted() {
        assertThat(admit(new Consumption(true, 0))).isEqualTo(new Admission(true, 0));
    }

    @Test
    void admit_noToken_retryAfterIsTheWaitRoundedUpToWholeSeconds() {
        assertThat(admit(new Consumption(false, 2_000_000L))).isEqualTo(new Admission(false, 1));
        assertThat(admit(new Consumption(false, 1_000_000_000L))).isEqualTo(new Admission(false, 1));
        assertThat(admit(new Consumption(false, 1_000_000_001L))).isEqualTo(new Admission(false, 2));
        assertThat(admit(new Consumption(false, 0))).isEqualTo(new Admission(false, 1));
    }
}
