package ai.socagent.testsupport.architecture;

/**
 * The kinds of rule a declaration ({@link HexagonalArchitecture}, {@link LibraryArchitecture}) turns
 * into ArchUnit rules, each with what it protects. A declaration yields one or more rules of a kind
 * only where the module has the layers the kind is about; each of them fails on an empty match.
 */
public enum RuleKind {
    /** Every layer, port, adapter and configuration package the module declares holds classes. */
    DECLARED_PARTS_EXIST("a renamed or emptied package fails the build instead of leaving its rules nothing to check"),
    /** Every production class lies in a declared part. */
    EVERY_CLASS_IN_A_DECLARED_PART("a class in a package nobody declared escapes every layer rule"),
    /** The service's Application class exists and is a {@code @SpringBootApplication}. */
    APPLICATION_CLASS("every service starts the same way and scans from the same place"),
    /** Domain code depends on the JDK and the domain only. */
    DOMAIN_IS_PLAIN_JAVA("the domain model is read, tested and shared by every agent without any library"),
    /** Domain and application code (a library's core) import no framework or infrastructure client. */
    NO_FRAMEWORK_IN_DOMAIN_AND_APPLICATION(
            "use cases run and are tested without Spring, the AWS SDK, Lettuce, OpenSearch, Lucene, RocksDB or MVStore"),
    /** Application code uses only its own layer, the domain and a short list of framework-free library APIs. */
    APPLICATION_REACHES_OUTSIDE_ONLY_THROUGH_PORTS("every effect of a use case goes through an outbound port"),
    /** Application code does not depend on adapters or configuration. */
    APPLICATION_DOES_NOT_DEPEND_ON_ADAPTERS_OR_CONFIG("an adapter can be replaced without touching a use case"),
    /** Inbound and outbound ports do not depend on each other. */
    PORTS_DO_NOT_DEPEND_ON_EACH_OTHER("what drives the service and what it drives stay separate contracts"),
    /** Inbound adapters use the application only through its inbound ports. */
    INBOUND_ADAPTERS_CALL_ONLY_INBOUND_PORTS("an edge (HTTP, a queue) translates and calls a use case, nothing more"),
    /** Inbound adapters publish, store, ask a model or search nothing themselves. */
    NO_SIDE_EFFECTS_IN_INBOUND_ADAPTERS(
            "side effects happen in the use case through outbound ports, so every edge gets the same behaviour"),
    /** Outbound adapters use the application only through its outbound ports. */
    OUTBOUND_ADAPTERS_SEE_ONLY_OUTBOUND_PORTS("an adapter implements a port; it does not drive use cases"),
    /** Adapters do not depend on each other. */
    ADAPTERS_DO_NOT_DEPEND_ON_EACH_OTHER("each adapter can be replaced on its own"),
    /** Adapters do not depend on configuration (their own module's, another service's or a library's). */
    ADAPTERS_DO_NOT_DEPEND_ON_CONFIG("settings reach an adapter as values, wired by configuration"),
    /** Only configuration (and the Application class) names a shared library's adapters or configuration. */
    ONLY_CONFIG_WIRES_ADAPTERS("choosing an implementation (embedded or AWS, offline or Bedrock) happens in one place"),
    /** Every inbound port has an application service behind it, every outbound port an adapter. */
    PORTS_ARE_IMPLEMENTED("a port nobody implements is a promise the wiring cannot keep"),
    /** A service depends on no other service (the standalone assembly: only on their ports and configuration). */
    SERVICES_DO_NOT_DEPEND_ON_EACH_OTHER("services coordinate through the event bus, never by importing each other"),
    /** A library's core depends on none of its adapters or configuration, nor another library's. */
    CORE_DOES_NOT_DEPEND_ON_ADAPTERS_OR_CONFIG("a library's port and logic do not know which implementation runs"),
    /** A shared library depends on no service. */
    LIBRARIES_DO_NOT_DEPEND_ON_SERVICES("shared-lib modules are used by the services, never the other way round"),
    /** {@code @ConditionalOnMissingBean} appears only in auto-configurations (and their nested classes). */
    CONDITIONAL_ON_MISSING_BEAN_ONLY_IN_AUTO_CONFIGURATIONS(
            "an application's beans never depend on which configuration was processed first; only an"
                    + " auto-configuration, processed after them, backs off"),
    /** The classes listed in AutoConfiguration.imports are exactly the module's {@code @AutoConfiguration} classes. */
    AUTO_CONFIGURATIONS_ARE_LISTED(
            "an auto-configuration nobody lists never loads, and a listed class that is not one loads out of order"),
    /** A dependency the module's declaration names as forbidden. */
    DECLARED_INDEPENDENCE("a boundary particular to one module (the knowledge base knows no agent runtime)");

    private final String protects;

    RuleKind(String protects) {
        this.protects = protects;
    }

    /** What breaks if the rule is broken. */
    public String protects() {
        return protects;
    }
}
