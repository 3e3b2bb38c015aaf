package ai.socagent.contextstore;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A page of entries and, when more may follow, an opaque cursor for the next page. A cursor may be
 * followed by an empty page (as with DynamoDB's LastEvaluatedKey); the query is done when there is
 * no cursor.
 */
public record Page<T>(List<T> items, Optional<String> nextCursor) {

    public Page {
        items = List.copyOf(items);
        Objects.requireNonNull(nextCursor, "nextCursor");
    }
}
