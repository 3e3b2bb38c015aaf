package ai.socagent.services.fixturealpha.application.port.in;

import ai.socagent.services.fixturealpha.application.port.out.AlphaStore;

/** Deliberately breaks the rules: an inbound port that names an outbound one. */
public interface UseCaseKnowingAnOutboundPort {
    AlphaStore store();
}
