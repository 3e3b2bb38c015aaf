package ai.socagent.services.socapi;

import ai.socagent.testsupport.architecture.Architecture;
import ai.socagent.testsupport.architecture.HexagonalArchitecture;
import ai.socagent.testsupport.architecture.ModuleArchitecture;

/**
 * soc-api: the threat as the SOC sees it (domain), submission, queries and the audit trail (application);\n * HTTP and the audit-trail queue drive it, the context store and the bus are its outbound adapters, and the throttle's buckets (memory, redis).
 */
public final class SocApiArchitecture implements ModuleArchitecture {

    @Override
    public Architecture architecture() {
        return HexagonalArchitecture.service("ai.socagent.services.socapi")
                .withApplicationClass("SocApiApplication")
                .withDomainLayer("domain")
                .withApplicationLayer("application")
                .incomingPorts("port.in")
                .outgoingPorts("port.out")
                .and()
                .withAdapters("adapter")
                .incoming("cli", "eventbus", "http")
                .outgoing("contextstore", "eventbus", "live", "memory", "redis")
                .and()
                .withConfiguration("config");
    }
}
