package ai.socagent.testsupport.architecture;

import java.util.List;

/** The declared shape of one module: a service ({@link HexagonalArchitecture}) or a library ({@link LibraryArchitecture}). */
public sealed interface Architecture permits HexagonalArchitecture, LibraryArchitecture {

    /** The module's base package. */
    String basePackage();

    /**
     * The rules the declaration implies: for every part it names, a rule that the part holds classes;
     * for every production class, a rule that it lies in a declared part; and the layering rules of
     * the parts present. Every one fails when it matches nothing.
     */
    List<CheckedRule> rules();
}
