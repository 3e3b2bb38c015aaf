package ai.socagent.testsupport.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.properties.HasName;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The vocabulary of the project's architecture rules, written once: what counts as infrastructure, what
 * application code may use, what an inbound adapter must leave to the use case. The rules themselves
 * come from each module's declaration ({@link HexagonalArchitecture} for a service, {@link
 * LibraryArchitecture} for a shared library), which {@link ArchitectureRulesTest} runs in every
 * module; see docs/adr/0004-module-split.md.
 */
public final class ArchitectureRules {

    static final String SERVICES = "ai.socagent.services";

    /** The domain model every module shares (shared-lib/domain). */
    static final String SHARED_DOMAIN = "ai.socagent.domain..";

    /** Frameworks and infrastructure clients: none of them may reach domain or application code. */
    public static final List<String> INFRASTRUCTURE = List.of(
            "org.springframework..",
            "io.awspring..",
            "software.amazon.awssdk..",
            "software.amazon.dax..",
            "com.amazonaws..",
            "io.lettuce..",
            "io.netty..",
            "org.opensearch..",
            "org.apache.lucene..",
            "org.apache.hc..",
            "org.rocksdb..",
            "org.h2..",
            "jakarta.persistence..");

    /**
     * Everything application code may use besides its own layer, its service's domain and the shared
     * domain, each with the reason it is no way around an outbound port. Anything else — the event
     * bus, the context store, the knowledge base's index, a network or file API — is reached through
     * an outbound port the application declares and an adapter implements.
     */
    public static final Map<String, String> APPLICATION_MAY_USE = applicationMayUse();

    /** The JDK's ways out of the process: application code reaches them through ports like any other. */
    public static final List<String> JDK_INPUT_OUTPUT =
            List.of("java.net..", "java.nio.file..", "java.nio.channels..", "java.sql..", "java.rmi..");

    /**
     * A shared library's adapters and configuration. Only a configuration package (or a service's
     * Application class) names them: that is where the embedded or AWS implementation is chosen. The
     * event bus keeps its two transports in {@code aws} and {@code inprocess}, hence the extra entries.
     */
    public static final List<String> LIBRARY_WIRING = List.of(
            "ai.socagent.*.adapter..",
            "ai.socagent.*.config..",
            "ai.socagent.eventbus.aws..",
            "ai.socagent.eventbus.inprocess..");

    /** Configuration packages of any module: a shared library's or a service's. */
    static final List<String> ANY_CONFIGURATION = List.of("ai.socagent.*.config..", SERVICES + ".*.config..");

    /**
     * What an inbound adapter must not reach itself: publishing (the event bus's publisher and
     * transports), storing (the context store), asking a model (the agent runtime), searching the
     * knowledge base, and the clients and engines underneath them. A use case does these through its
     * outbound ports, so that every edge that calls it (a queue, HTTP, the sample replay) gets the same
     * effects.
     */
    public static final List<String> SIDE_EFFECT_PACKAGES = List.of(
            "ai.socagent.contextstore..",
            "ai.socagent.agentruntime..",
            "ai.socagent.knowledgebase..",
            "ai.socagent.eventbus.aws..",
            "ai.socagent.eventbus.inprocess..",
            "software.amazon.awssdk.services..",
            "io.lettuce..",
            "org.opensearch..",
            "org.apache.lucene..",
            "org.rocksdb..",
            "org.h2..",
            "java.net.http..",
            "java.sql..");

    /** The event bus's publishing port: an inbound adapter hands what it has to say to the use case. */
    public static final String EVENT_PUBLISHER = "ai.socagent.eventbus.EventPublisher";

    /**
     * Library functions a use case is made of: an inbound adapter passes its input to the use case,
     * which ingests it, so that every edge turns input into threats the same way (soc-api's {@code
     * SubmitFindingUseCase}, the ThreatClassifier's raw AWS events).
     */
    public static final List<String> LIBRARY_USE_CASES = List.of("ai.socagent.ingestion.FindingIngestion");

    private ArchitectureRules() {}

    private static Map<String, String> applicationMayUse() {
        Map<String, String> allowed = new LinkedHashMap<>();
        allowed.put("java..", "the JDK, except its input and output (JDK_INPUT_OUTPUT)");
        allowed.put("org.slf4j..", "the logging facade");
        allowed.put("io.micrometer.core.instrument..", "the metrics facade");
        allowed.put("ai.socagent.observability..", "the design's metric names, over Micrometer");
        allowed.put("ai.socagent.ingestion..", "finding ingestion: a pure function from bytes to domain findings");
        allowed.put(
                "ai.socagent.agentruntime.model..",
                "the model port every agent shares; configuration chooses what answers (offline, Bedrock)");
        allowed.put("ai.socagent.knowledgebase.attack..", "the ATT&CK extract: reference data, read from the jar");
        // Jackson is allowed, deliberately: a model's contract is a JSON document checked against a JSON
        // schema, and the shared model port carries it as Jackson's tree (ModelRequest, ModelAnswer,
        // OutputPolicy take JsonNode). Building that input and reading that answer is the agent's own
        // logic (issue 9, part 1), so it stays in the application layer. Only the tree model: Jackson's
        // annotations (com.fasterxml.jackson.annotation) would make application types a wire format,
        // which is a codec's job (domain-json, the event envelope).
        allowed.put("tools.jackson.core..", "Jackson's JSON tree: the model port's contract is a JSON document");
        allowed.put("tools.jackson.databind..", "Jackson's JSON tree: the model port's contract is a JSON document");
        return Collections.unmodifiableMap(allowed);
    }

    /** The package pattern of {@code relative} under {@code base}: the base itself for "", else the subtree. */
    static String pattern(String base, String relative) {
        return relative.isEmpty() ? base : base + "." + relative + "..";
    }

    /** Classes in any of {@code patterns}, package-info excluded (it is no class of a layer). */
    static DescribedPredicate<JavaClass> inPackages(String description, List<String> patterns) {
        return resideInAnyPackage(patterns.toArray(String[]::new))
                .and(not(packageInfo()))
                .as(description + " " + patterns);
    }

    /** Every class of the module: a package-info is no class of a layer. */
    static DescribedPredicate<JavaClass> notPackageInfo() {
        return not(packageInfo()).as("are not package-info");
    }

    static DescribedPredicate<JavaClass> packageInfo() {
        return DescribedPredicate.describe(
                "package-info",
                (JavaClass javaClass) -> javaClass.getSimpleName().equals("package-info"));
    }

    static DescribedPredicate<JavaClass> anyOf(String description, List<DescribedPredicate<JavaClass>> predicates) {
        DescribedPredicate<JavaClass> any = DescribedPredicate.alwaysFalse();
        for (DescribedPredicate<JavaClass> predicate : predicates) {
            any = any.or(predicate);
        }
        return any.as(description);
    }

    /** What application code may depend on, given its own packages. */
    static DescribedPredicate<JavaClass> allowedForApplication(List<String> ownPackages) {
        List<String> allowed = new ArrayList<>(ownPackages);
        allowed.add(SHARED_DOMAIN);
        allowed.addAll(APPLICATION_MAY_USE.keySet());
        return resideInAnyPackage(allowed.toArray(String[]::new))
                .and(not(resideInAnyPackage(JDK_INPUT_OUTPUT.toArray(String[]::new))))
                .as("its own layer, the domain, or " + APPLICATION_MAY_USE.keySet() + " but not " + JDK_INPUT_OUTPUT);
    }

    static DescribedPredicate<JavaClass> sideEffects() {
        return resideInAnyPackage(SIDE_EFFECT_PACKAGES.toArray(String[]::new))
                .or(HasName.Predicates.name(EVENT_PUBLISHER))
                .as("publish, store, ask a model or search: " + SIDE_EFFECT_PACKAGES + " or " + EVENT_PUBLISHER);
    }

    static DescribedPredicate<JavaClass> libraryUseCases() {
        DescribedPredicate<JavaClass> any = DescribedPredicate.alwaysFalse();
        for (String name : LIBRARY_USE_CASES) {
            any = any.or(HasName.Predicates.name(name));
        }
        return any.as("are a library use case " + LIBRARY_USE_CASES);
    }

    /** Applies what every rule of the project has: its reason, and failing when it matches nothing. */
    static CheckedRule checked(RuleKind kind, ArchRule rule) {
        return new CheckedRule(kind, rule.because(kind.protects()).allowEmptyShould(false));
    }

    /** Interfaces (ports) that some class matching {@code implementors} implements. */
    static ArchCondition<JavaClass> beImplementedBy(DescribedPredicate<JavaClass> implementors) {
        return new ArchCondition<>("be implemented by a class that " + implementors.getDescription()) {
            @Override
            public void check(JavaClass port, ConditionEvents events) {
                boolean implemented = port.getAllSubclasses().stream().anyMatch(implementors);
                events.add(new SimpleConditionEvent(
                        port,
                        implemented,
                        port.getName() + (implemented ? " is" : " is not") + " implemented by a class that "
                                + implementors.getDescription()));
            }
        };
    }
}
