package ai.socagent.services.socapi.adapter.in.http;

/** The instance already streams updates to as many live views as it is configured for. */
final class TooManyFollowersException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int limit;

    TooManyFollowersException(int limit) {
        super("this instance already streams threat updates to " + limit
                + " live views (soc.api.updates.max-followers): retry later or on another instance");
        this.limit = limit;
    }

    int limit() {
        return limit;
    }
}
