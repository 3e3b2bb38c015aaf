package ai.socagent.knowledgebase;

/** The store behind a {@link KnowledgeBase} failed (I/O, rejected request, unreachable node). */
public class KnowledgeBaseException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public KnowledgeBaseException(String message) {
        super(message);
    }

    public KnowledgeBaseException(String message, Throwable cause) {
        super(message, cause);
    }
}
