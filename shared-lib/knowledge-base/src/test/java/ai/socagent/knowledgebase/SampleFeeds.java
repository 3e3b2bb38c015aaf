package ai.socagent.knowledgebase;

import ai.socagent.knowledgebase.feed.CsvFeedLoader;
import ai.socagent.knowledgebase.feed.FeedLoadResult;
import ai.socagent.knowledgebase.feed.StixBundleLoader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/** The sample feeds under src/test/resources/feeds. */
public final class SampleFeeds {

    public static final String CSV_FEED = "sample-csv";
    public static final String STIX_FEED = "sample-stix";

    private SampleFeeds() {}

    public static FeedLoadResult csv() {
        try (Reader reader = new InputStreamReader(open("sample-indicators.csv"), StandardCharsets.UTF_8)) {
            return CsvFeedLoader.load(reader, CSV_FEED);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static FeedLoadResult stix() {
        try (InputStream in = open("sample-bundle.json")) {
            return StixBundleLoader.load(in, STIX_FEED);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static InputStream open(String name) {
        return Objects.requireNonNull(SampleFeeds.class.getResourceAsStream("/feeds/" + name), name);
    }
}
