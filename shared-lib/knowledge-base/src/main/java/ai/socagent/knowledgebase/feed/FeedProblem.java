package ai.socagent.knowledgebase.feed;

import java.util.Objects;

/**
 * A feed record, or a part of one, that was not loaded, and why. A STIX indicator whose pattern
 * is only partly translated gives its indicators and one problem per part left out.
 *
 * @param kind the category of the problem
 * @param location where in the feed: {@code line 7} for CSV, the STIX object id for bundles
 * @param reason human-readable reason
 */
public record FeedProblem(Kind kind, String location, String reason) {

    /** Categories of problem. */
    public enum Kind {
        /** A STIX pattern (or pattern language), or a part of one, the loader does not translate into indicators. */
        UNSUPPORTED_PATTERN,
        /** The observable is no valid indicator of its type (domain Indicator validation). */
        INVALID_VALUE,
        /** A record that cannot be read at all: wrong column count, bad number or date, missing field. */
        MALFORMED
    }

    public FeedProblem {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(reason, "reason");
    }

    @Override
    public String toString() {
        return location + ": " + kind + ": " + reason;
    }
}
