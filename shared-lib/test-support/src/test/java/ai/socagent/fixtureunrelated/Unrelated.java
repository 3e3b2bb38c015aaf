package ai.socagent.fixtureunrelated;

/** A class no fixture declaration is about: what a rule sees when its packages were renamed away. */
public final class Unrelated {}
