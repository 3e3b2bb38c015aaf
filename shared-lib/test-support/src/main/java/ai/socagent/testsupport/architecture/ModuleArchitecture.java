package ai.socagent.testsupport.architecture;

/**
 * A module's declaration of its own shape. Every module has exactly one implementation among its test
 * classes (src/test/java), with a public no-argument constructor; {@link ArchitectureRulesTest}, which
 * surefire runs in every module, finds it and checks the module's production classes against it. A
 * module without one fails its build.
 */
public interface ModuleArchitecture {

    Architecture architecture();
}
