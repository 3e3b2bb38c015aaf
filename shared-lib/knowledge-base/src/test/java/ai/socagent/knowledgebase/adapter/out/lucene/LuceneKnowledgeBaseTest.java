package ai.socagent.knowledgebase.adapter.out.lucene;

import ai.socagent.knowledgebase.KnowledgeBase;
import ai.socagent.knowledgebase.KnowledgeBaseContract;

class LuceneKnowledgeBaseTest extends KnowledgeBaseContract {

    @Override
    protected KnowledgeBase newKnowledgeBase() {
        return LuceneKnowledgeBase.inMemory();
    }

    @Override
    protected void dispose(KnowledgeBase knowledgeBase) {
        knowledgeBase.close();
    }
}
