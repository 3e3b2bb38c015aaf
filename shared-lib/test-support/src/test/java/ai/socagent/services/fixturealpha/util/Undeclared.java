package ai.socagent.services.fixturealpha.util;

/** Deliberately breaks the rules: a class in a package the declaration does not name. */
public final class Undeclared {}
