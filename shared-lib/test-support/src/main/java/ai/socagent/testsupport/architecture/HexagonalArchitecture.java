package ai.socagent.testsupport.architecture;

import static ai.socagent.testsupport.architecture.ArchitectureRules.ANY_CONFIGURATION;
import static ai.socagent.testsupport.architecture.ArchitectureRules.INFRASTRUCTURE;
import static ai.socagent.testsupport.architecture.ArchitectureRules.LIBRARY_WIRING;
import static ai.socagent.testsupport.architecture.ArchitectureRules.SERVICES;
import static ai.socagent.testsupport.architecture.ArchitectureRules.SHARED_DOMAIN;
import static ai.socagent.testsupport.architecture.ArchitectureRules.allowedForApplication;
import static ai.socagent.testsupport.architecture.ArchitectureRules.anyOf;
import static ai.socagent.testsupport.architecture.ArchitectureRules.beImplementedBy;
import static ai.socagent.testsupport.architecture.ArchitectureRules.checked;
import static ai.socagent.testsupport.architecture.ArchitectureRules.inPackages;
import static ai.socagent.testsupport.architecture.ArchitectureRules.libraryUseCases;
import static ai.socagent.testsupport.architecture.ArchitectureRules.notPackageInfo;
import static ai.socagent.testsupport.architecture.ArchitectureRules.packageInfo;
import static ai.socagent.testsupport.architecture.ArchitectureRules.sideEffects;
import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.conditions.ArchConditions.be;
import static com.tngtech.archunit.lang.conditions.ArchConditions.containNumberOfElements;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The ports-and-adapters shape of one service, declared the way thombergs/buckpal's {@code
 * HexagonalArchitecture} ArchUnit DSL does: the layers are named, and the rules follow from the names.
 *
 * <pre>{@code
 * HexagonalArchitecture.service("ai.socagent.services.threatclassifier")
 *         .withApplicationClass("ThreatClassifierApplication")
 *         .withApplicationLayer("application")
 *             .incomingPorts("port.in")
 *             .outgoingPorts("port.out")
 *             .and()
 *         .withAdapters("adapter")
 *             .incoming("eventbus")                     // adapter.in.eventbus
 *             .outgoing("contextstore", "eventbus")     // adapter.out.contextstore, adapter.out.eventbus
 *             .and()
 *         .withConfiguration("config");
 * }</pre>
 *
 * <p>The application layer's services are its classes outside the two port packages. A service without
 * behaviour yet (an agent shell) declares only its Application class: then every class that lands in
 * it fails the build until the declaration names its layer, and from then on the layer's rules apply.
 * Every declared part must hold classes, and every class must lie in a declared part, so renaming a
 * package fails the build instead of silently leaving a rule with nothing to check.
 */
public final class HexagonalArchitecture implements Architecture {

    private final String basePackage;
    private String applicationClass;
    private final List<String> domainPackages = new ArrayList<>();
    private ApplicationLayer applicationLayer;
    private Adapters adapters;
    private final List<String> configurationPackages = new ArrayList<>();
    private boolean assemblesServices;

    private HexagonalArchitecture(String basePackage) {
        if (!basePackage.startsWith(SERVICES + ".")) {
            throw new IllegalArgumentException("a service lives under " + SERVICES + ", not " + basePackage);
        }
        this.basePackage = basePackage;
    }

    /** Starts the declaration of the service whose classes live in {@code basePackage}. */
    public static HexagonalArchitecture service(String basePackage) {
        return new HexagonalArchitecture(basePackage);
    }

    /** The {@code @SpringBootApplication} class, directly in the base package: every service has one. */
    public HexagonalArchitecture withApplicationClass(String simpleName) {
        this.applicationClass = basePackage + "." + simpleName;
        return this;
    }

    /** A package of the service's own domain model (relative to the base package). */
    public HexagonalArchitecture withDomainLayer(String packageName) {
        domainPackages.add(ArchitectureRules.pattern(basePackage, packageName));
        return this;
    }

    /** The application layer (relative to the base package): use cases and their ports. */
    public ApplicationLayer withApplicationLayer(String packageName) {
        applicationLayer = new ApplicationLayer(basePackage + "." + packageName);
        return applicationLayer;
    }

    /** The adapters' package (relative to the base package): {@code in.<x>} and {@code out.<x>} below it. */
    public Adapters withAdapters(String packageName) {
        adapters = new Adapters(basePackage + "." + packageName);
        return adapters;
    }

    /** The packages that wire the service (relative to the base package): Spring configuration. */
    public HexagonalArchitecture withConfiguration(String... packageNames) {
        for (String packageName : packageNames) {
            configurationPackages.add(ArchitectureRules.pattern(basePackage, packageName));
        }
        return this;
    }

    /**
     * This module assembles the other services (the standalone mode): it may use their inbound ports,
     * their configuration and their Application classes, and nothing else of them.
     */
    public HexagonalArchitecture assemblingServices() {
        assemblesServices = true;
        return this;
    }

    @Override
    public String basePackage() {
        return basePackage;
    }

    /** The application layer: its services are its classes outside the port packages. */
    public final class ApplicationLayer {

        private final String packageName;
        private String incomingPorts;
        private String outgoingPorts;

        private ApplicationLayer(String packageName) {
            this.packageName = packageName;
        }

        /** The inbound ports (use cases), relative to the application layer. */
        public ApplicationLayer incomingPorts(String relative) {
            incomingPorts = packageName + "." + relative;
            return this;
        }

        /** The outbound ports, relative to the application layer. */
        public ApplicationLayer outgoingPorts(String relative) {
            outgoingPorts = packageName + "." + relative;
            return this;
        }

        public HexagonalArchitecture and() {
            return HexagonalArchitecture.this;
        }
    }

    /** The adapters: {@code <adapters>.in.<name>} drive the application, {@code <adapters>.out.<name>} implement its ports. */
    public final class Adapters {

        private final String packageName;
        private final List<String> incoming = new ArrayList<>();
        private final List<String> outgoing = new ArrayList<>();

        private Adapters(String packageName) {
            this.packageName = packageName;
        }

        /** Inbound adapters, each {@code <adapters>.in.<name>}. */
        public Adapters incoming(String... names) {
            for (String name : names) {
                incoming.add(packageName + ".in." + name);
            }
            return this;
        }

        /** Outbound adapters, each {@code <adapters>.out.<name>}. */
        public Adapters outgoing(String... names) {
            for (String name : names) {
                outgoing.add(packageName + ".out." + name);
            }
            return this;
        }

        public HexagonalArchitecture and() {
            return HexagonalArchitecture.this;
        }

        private List<String> all() {
            List<String> all = new ArrayList<>(incoming);
            all.addAll(outgoing);
            return all;
        }
    }

    @Override
    public List<CheckedRule> rules() {
        if (applicationClass == null) {
            throw new IllegalStateException(basePackage + " declares no Application class: every service has one");
        }
        if (applicationLayer != null && applicationLayer.incomingPorts == null) {
            throw new IllegalStateException(
                    basePackage + " declares an application layer without incoming ports: nothing could drive it");
        }
        List<CheckedRule> rules = new ArrayList<>();
        Parts parts = new Parts();
        rules.add(checked(
                RuleKind.APPLICATION_CLASS,
                classes()
                        .that(parts.applicationClassOnly)
                        .should()
                        .beAnnotatedWith("org.springframework.boot.autoconfigure.SpringBootApplication")));
        for (Part part : parts.declared()) {
            rules.add(checked(
                    RuleKind.DECLARED_PARTS_EXIST,
                    classes().that(part.classes()).should(containNumberOfElements(DescribedPredicate.greaterThan(0)))));
        }
        rules.add(checked(
                RuleKind.EVERY_CLASS_IN_A_DECLARED_PART,
                classes().that(notPackageInfo()).should(be(parts.anyDeclared()))));
        domainRules(parts, rules);
        applicationRules(parts, rules);
        adapterRules(parts, rules);
        wiringRules(parts, rules);
        rules.add(serviceIsolation(parts));
        return List.copyOf(rules);
    }

    private void domainRules(Parts parts, List<CheckedRule> rules) {
        if (parts.domain != null) {
            List<String> allowed = new ArrayList<>(domainPackages);
            allowed.add("java..");
            allowed.add(SHARED_DOMAIN);
            rules.add(checked(
                    RuleKind.DOMAIN_IS_PLAIN_JAVA,
                    noClasses()
                            .that(parts.domain.classes())
                            .should()
                            .dependOnClassesThat(not(resideInAnyPackage(allowed.toArray(String[]::new)))
                                    .as("reside outside of " + allowed))));
        }
        DescribedPredicate<JavaClass> inner = parts.domainAndApplication();
        if (inner != null) {
            rules.add(checked(
                    RuleKind.NO_FRAMEWORK_IN_DOMAIN_AND_APPLICATION,
                    noClasses()
                            .that(inner)
                            .should()
                            .dependOnClassesThat()
                            .resideInAnyPackage(INFRASTRUCTURE.toArray(String[]::new))));
            List<String> outer = new ArrayList<>(configurationPackages);
            outer.addAll(LIBRARY_WIRING);
            if (adapters != null) {
                outer.add(adapters.packageName + "..");
            }
            rules.add(checked(
                    RuleKind.APPLICATION_DOES_NOT_DEPEND_ON_ADAPTERS_OR_CONFIG,
                    noClasses()
                            .that(inner)
                            .should()
                            .dependOnClassesThat(inPackages("reside in an adapter or configuration", outer))));
        }
    }

    private void applicationRules(Parts parts, List<CheckedRule> rules) {
        if (parts.application == null) {
            return;
        }
        List<String> own = new ArrayList<>(domainPackages);
        own.add(applicationLayer.packageName + "..");
        rules.add(checked(
                RuleKind.APPLICATION_REACHES_OUTSIDE_ONLY_THROUGH_PORTS,
                noClasses()
                        .that(parts.application.classes())
                        .should()
                        .dependOnClassesThat(not(allowedForApplication(own))
                                .as("are not " + allowedForApplication(own).getDescription()))));
        if (parts.outgoingPorts != null) {
            rules.add(checked(
                    RuleKind.PORTS_DO_NOT_DEPEND_ON_EACH_OTHER,
                    noClasses()
                            .that(parts.incomingPorts.classes())
                            .should()
                            .dependOnClassesThat(parts.outgoingPorts.classes())));
            rules.add(checked(
                    RuleKind.PORTS_DO_NOT_DEPEND_ON_EACH_OTHER,
                    noClasses()
                            .that(parts.outgoingPorts.classes())
                            .should()
                            .dependOnClassesThat(parts.incomingPorts.classes())));
        }
        rules.add(checked(
                RuleKind.PORTS_ARE_IMPLEMENTED,
                classes()
                        .that(parts.incomingPorts.classes())
                        .and()
                        .areInterfaces()
                        .should(beImplementedBy(parts.services.classes()))));
        if (parts.outgoingPorts != null) {
            rules.add(checked(
                    RuleKind.PORTS_ARE_IMPLEMENTED,
                    classes()
                            .that(parts.outgoingPorts.classes())
                            .and()
                            .areInterfaces()
                            .should(beImplementedBy(parts.outgoingAdapters()))));
        }
    }

    private void adapterRules(Parts parts, List<CheckedRule> rules) {
        if (adapters == null) {
            return;
        }
        DescribedPredicate<JavaClass> incoming = parts.incomingAdapters();
        DescribedPredicate<JavaClass> outgoing = parts.outgoingAdapters();
        if (!adapters.incoming.isEmpty()) {
            // Without an application layer of its own (the standalone assembly), another service's
            // inbound ports are the only way in, which the service isolation rule holds it to.
            DescribedPredicate<JavaClass> beyondInboundPorts = libraryUseCases();
            if (parts.application != null) {
                String layer = applicationLayer.packageName + "..";
                beyondInboundPorts = resideInAPackage(layer)
                        .and(not(resideInAPackage(applicationLayer.incomingPorts + "..")))
                        .or(libraryUseCases())
                        .as("reside in " + layer + " outside the inbound ports " + applicationLayer.incomingPorts
                                + ", or " + libraryUseCases().getDescription());
            }
            rules.add(checked(
                    RuleKind.INBOUND_ADAPTERS_CALL_ONLY_INBOUND_PORTS,
                    noClasses().that(incoming).should().dependOnClassesThat(beyondInboundPorts)));
            rules.add(checked(
                    RuleKind.NO_SIDE_EFFECTS_IN_INBOUND_ADAPTERS,
                    noClasses().that(incoming).should().dependOnClassesThat(sideEffects())));
        }
        if (!adapters.outgoing.isEmpty() && parts.application != null) {
            String layer = applicationLayer.packageName + "..";
            DescribedPredicate<JavaClass> notOutboundPorts = applicationLayer.outgoingPorts == null
                    ? resideInAPackage(layer)
                    : resideInAPackage(layer).and(not(resideInAPackage(applicationLayer.outgoingPorts + "..")));
            rules.add(checked(
                    RuleKind.OUTBOUND_ADAPTERS_SEE_ONLY_OUTBOUND_PORTS,
                    noClasses()
                            .that(outgoing)
                            .should()
                            .dependOnClassesThat(notOutboundPorts.as("reside in " + layer
                                    + " outside the outbound ports " + applicationLayer.outgoingPorts))));
        }
        List<String> all = adapters.all();
        if (all.size() > 1) {
            for (String adapter : all) {
                List<String> others = new ArrayList<>();
                all.stream().filter(other -> !other.equals(adapter)).forEach(other -> others.add(other + ".."));
                rules.add(checked(
                        RuleKind.ADAPTERS_DO_NOT_DEPEND_ON_EACH_OTHER,
                        noClasses()
                                .that(inPackages("reside in adapter", List.of(adapter + "..")))
                                .should()
                                .dependOnClassesThat(inPackages("reside in another adapter", others))));
            }
        }
        if (!all.isEmpty()) {
            List<String> configuration = new ArrayList<>(configurationPackages);
            configuration.addAll(ANY_CONFIGURATION);
            rules.add(checked(
                    RuleKind.ADAPTERS_DO_NOT_DEPEND_ON_CONFIG,
                    noClasses()
                            .that(parts.anyAdapter())
                            .should()
                            .dependOnClassesThat(inPackages("reside in a configuration package", configuration))));
        }
    }

    /** Only configuration and the Application class name the libraries' adapters and configuration. */
    private void wiringRules(Parts parts, List<CheckedRule> rules) {
        DescribedPredicate<JavaClass> wired = parts.neitherConfigurationNorApplicationClass();
        if (wired != null) {
            rules.add(checked(
                    RuleKind.ONLY_CONFIG_WIRES_ADAPTERS,
                    noClasses()
                            .that(wired)
                            .should()
                            .dependOnClassesThat(inPackages(
                                    "reside in a shared library's adapter or configuration", LIBRARY_WIRING))));
        }
    }

    private CheckedRule serviceIsolation(Parts parts) {
        DescribedPredicate<JavaClass> otherServices =
                resideInAPackage(SERVICES + "..").and(not(resideInAPackage(basePackage + "..")));
        String description = "belong to another service";
        if (assemblesServices) {
            otherServices = otherServices.and(not(resideInAnyPackage(
                    SERVICES + ".*.application.port.in..", SERVICES + ".*.config..", SERVICES + ".*")));
            description =
                    "belong to another service, other than its inbound ports, configuration and Application class";
        }
        return checked(
                RuleKind.SERVICES_DO_NOT_DEPEND_ON_EACH_OTHER,
                noClasses()
                        .that(inPackages("reside in the service", List.of(basePackage + "..")))
                        .should()
                        .dependOnClassesThat(otherServices.as(description)));
    }

    /** A named part of the declaration and the classes in it. */
    private record Part(String name, DescribedPredicate<JavaClass> classes) {}

    /** The declared parts, as ArchUnit predicates. */
    private final class Parts {

        final Part applicationClassPart;
        final DescribedPredicate<JavaClass> applicationClassOnly;
        final Part domain;
        final Part application;
        final Part incomingPorts;
        final Part outgoingPorts;
        final Part services;
        final List<Part> adapterParts = new ArrayList<>();
        final Part configuration;

        Parts() {
            String name = Objects.requireNonNull(HexagonalArchitecture.this.applicationClass);
            applicationClassOnly = DescribedPredicate.describe(
                    "are the Application class " + name,
                    (JavaClass javaClass) -> javaClass.getName().equals(name)
                            || javaClass.getName().startsWith(name + "$"));
            applicationClassPart = new Part("Application class " + name, applicationClassOnly);
            domain = domainPackages.isEmpty() ? null : part("domain layer", domainPackages);
            if (applicationLayer == null) {
                application = null;
                incomingPorts = null;
                outgoingPorts = null;
                services = null;
            } else {
                String layer = applicationLayer.packageName;
                application = part("application layer", List.of(layer + ".."));
                incomingPorts = part("inbound ports", List.of(applicationLayer.incomingPorts + ".."));
                outgoingPorts = applicationLayer.outgoingPorts == null
                        ? null
                        : part("outbound ports", List.of(applicationLayer.outgoingPorts + ".."));
                List<String> ports = new ArrayList<>();
                ports.add(applicationLayer.incomingPorts + "..");
                if (applicationLayer.outgoingPorts != null) {
                    ports.add(applicationLayer.outgoingPorts + "..");
                }
                services = new Part(
                        "application services",
                        resideInAPackage(layer + "..")
                                .and(not(resideInAnyPackage(ports.toArray(String[]::new))))
                                .and(not(packageInfo()))
                                .as("reside in the application services (" + layer + ".. outside " + ports + ")"));
            }
            if (adapters != null) {
                adapters.incoming.forEach(
                        adapter -> adapterParts.add(part("inbound adapter", List.of(adapter + ".."))));
                adapters.outgoing.forEach(
                        adapter -> adapterParts.add(part("outbound adapter", List.of(adapter + ".."))));
            }
            configuration = configurationPackages.isEmpty() ? null : part("configuration", configurationPackages);
        }

        private Part part(String name, List<String> patterns) {
            return new Part(name, inPackages("reside in the " + name, patterns));
        }

        List<Part> declared() {
            List<Part> declared = new ArrayList<>();
            declared.add(applicationClassPart);
            for (Part part : new Part[] {domain, application, incomingPorts, outgoingPorts, services}) {
                if (part != null) {
                    declared.add(part);
                }
            }
            declared.addAll(adapterParts);
            if (configuration != null) {
                declared.add(configuration);
            }
            return declared;
        }

        DescribedPredicate<JavaClass> anyDeclared() {
            return anyOf(
                    "in a part the module declares",
                    declared().stream().map(Part::classes).toList());
        }

        DescribedPredicate<JavaClass> domainAndApplication() {
            List<DescribedPredicate<JavaClass>> inner = new ArrayList<>();
            if (domain != null) {
                inner.add(domain.classes());
            }
            if (application != null) {
                inner.add(application.classes());
            }
            return inner.isEmpty() ? null : anyOf("reside in the domain or application layer", inner);
        }

        DescribedPredicate<JavaClass> incomingAdapters() {
            return inPackages("reside in an inbound adapter", withSubpackages(adapters.incoming));
        }

        DescribedPredicate<JavaClass> outgoingAdapters() {
            List<String> outgoing = adapters == null ? List.of() : withSubpackages(adapters.outgoing);
            return inPackages("reside in an outbound adapter", outgoing);
        }

        DescribedPredicate<JavaClass> anyAdapter() {
            return inPackages("reside in an adapter", withSubpackages(adapters.all()));
        }

        /** Every declared part but configuration and the Application class; null when there is none. */
        DescribedPredicate<JavaClass> neitherConfigurationNorApplicationClass() {
            List<DescribedPredicate<JavaClass>> parts = new ArrayList<>();
            for (Part part : declared()) {
                if (part != applicationClassPart && part != configuration) {
                    parts.add(part.classes());
                }
            }
            return parts.isEmpty() ? null : anyOf("reside outside configuration and the Application class", parts);
        }

        private static List<String> withSubpackages(List<String> packages) {
            return packages.stream().map(p -> p + "..").toList();
        }
    }
}
