package ai.socagent.contextstore.adapter.out.embedded;

import ai.socagent.contextstore.CursorCodec;
import ai.socagent.contextstore.KeyQuery;
import ai.socagent.contextstore.Page;
import ai.socagent.contextstore.PageRequest;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/** Runs a key query on an embedded table and turns positions into cursors. */
final class EmbeddedQueries {

    private EmbeddedQueries() {}

    static <T> Page<T> page(
            EmbeddedTable table,
            KeyQuery query,
            PageRequest page,
            CursorCodec cursors,
            Function<Map<String, String>, T> mapper) {
        Map<String, String> start = page.cursor() == null ? null : cursors.decode(query, page.cursor());
        EmbeddedTable.QueryResult result = table.query(query, start, page.limit(), page.newestFirst());
        return new Page<>(
                result.items().stream().map(mapper).toList(),
                Optional.ofNullable(result.next()).map(next -> cursors.encode(query, next)));
    }
}
