package ai.socagent.fixturecleanlib;

/** The fixture library's port. */
public interface CleanPort {
    void put(String value);
}
