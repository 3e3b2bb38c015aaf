package ai.socagent.knowledgebase.feed;

import ai.socagent.domain.indicator.Reputation;
import java.util.Collection;
import java.util.Locale;
import java.util.Set;

/** The verdict a feed entry implies: feeds list bad things unless they label an entry otherwise. */
final class Reputations {

    private static final Set<String> BENIGN = Set.of("benign", "allowlist", "whitelist");
    private static final Set<String> SUSPICIOUS = Set.of("anomalous-activity", "suspicious");

    private Reputations() {}

    /** BENIGN or SUSPICIOUS when a label says so, else MALICIOUS from confidence 50 (of 100), SUSPICIOUS below. */
    static Reputation of(int confidence, Collection<String> labels) {
        for (String label : labels) {
            String lower = label.toLowerCase(Locale.ROOT);
            if (BENIGN.contains(lower)) {
                return Reputation.BENIGN;
            }
        }
        for (String label : labels) {
            if (SUSPICIOUS.contains(label.toLowerCase(Locale.ROOT))) {
                return Reputation.SUSPICIOUS;
            }
        }
        return confidence >= 50 ? Reputation.MALICIOUS : Reputation.SUSPICIOUS;
    }
}
