package ai.socagent.services.threatclassifier;

import ai.socagent.knowledgebase.KnowledgeBase;
import ai.socagent.knowledgebase.adapter.out.lucene.LuceneKnowledgeBase;
import ai.socagent.knowledgebase.attack.AttackKnowledge;
import ai.socagent.services.threatclassifier.adapter.out.knowledgebase.KnowledgeBaseTechniqueSearch;
import ai.socagent.services.threatclassifier.application.offline.GuardDutyTechniqueMapping;
import ai.socagent.services.threatclassifier.application.offline.OfflineThreatClassifier;
import ai.socagent.services.threatclassifier.application.offline.SeverityScorer;
import ai.socagent.services.threatclassifier.application.port.out.TechniqueSearchPort;
import java.time.Clock;

/**
 * The offline engine as the standalone mode runs it, for tests outside a Spring context: the
 * shipped ATT&CK extract in an in-memory Lucene knowledge base (indexed once per JVM), the CTID
 * mapping and the severity scorer.
 */
public final class TestClassifiers {

    private static final class Holder {
        private static final KnowledgeBase KNOWLEDGE_BASE = load();
        private static final TechniqueSearchPort SEARCH = new KnowledgeBaseTechniqueSearch(KNOWLEDGE_BASE);
        private static final OfflineThreatClassifier OFFLINE = offline(Clock.systemUTC());

        private static KnowledgeBase load() {
            LuceneKnowledgeBase knowledgeBase = LuceneKnowledgeBase.inMemory();
            knowledgeBase.indexAttack(AttackKnowledge.embedded());
            return knowledgeBase;
        }
    }

    private TestClassifiers() {}

    /** The knowledge base with the shipped extract indexed. */
    public static KnowledgeBase knowledgeBase() {
        return Holder.KNOWLEDGE_BASE;
    }

    /** The technique search over {@link #knowledgeBase()}. */
    public static TechniqueSearchPort search() {
        return Holder.SEARCH;
    }

    /** The offline classifier with the system clock, shared. */
    public static OfflineThreatClassifier offline() {
        return Holder.OFFLINE;
    }

    /** The offline classifier with {@code clock}. */
    public static OfflineThreatClassifier offline(Clock clock) {
        return new OfflineThreatClassifier(
                AttackKnowledge.embedded(),
                GuardDutyTechniqueMapping.embedded(),
                search(),
                new SeverityScorer(),
                clock);
    }
}
