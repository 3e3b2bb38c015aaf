package ai.socagent.knowledgebase.config;

import static org.assertj.core.api.Assertions.assertThat;

import ai.socagent.knowledgebase.KnowledgeBase;
import ai.socagent.knowledgebase.adapter.out.opensearch.OpenSearchKnowledgeBase;
import ai.socagent.testsupport.backends.TestBackends;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class KnowledgeBaseAutoConfigurationIT {

    private final String prefix = TestBackends.uniqueName("kb-config");

    private ApplicationContextRunner runner() {
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(KnowledgeBaseAutoConfiguration.class))
                .withPropertyValues(
                        "soc.knowledge-base.mode=opensearch",
                        "soc.knowledge-base.opensearch.uri="
                                + TestBackends.openSearch().uri(),
                        "soc.knowledge-base.opensearch.index-prefix=" + prefix);
    }

    @AfterEach
    void deleteIndices() {
        try (OpenSearchKnowledgeBase openSearch = OpenSearchKnowledgeBase.connect(
                TestBackends.openSearch().uri(), OpenSearchKnowledgeBase.Settings.of(prefix))) {
            openSearch.deleteIndices();
        }
    }

    @Test
    void opensearchMode_loadsAttackOnceIntoPrefixedIndices() {
        runner().run(context -> {
            assertThat(context).hasSingleBean(OpenSearchKnowledgeBase.class);
            OpenSearchKnowledgeBase openSearch = context.getBean(OpenSearchKnowledgeBase.class);
            assertThat(openSearch.indexNames())
                    .allSatisfy(name -> assertThat(name).startsWith(prefix + "-"));
            assertThat(openSearch.findTechnique("T1078")).isPresent();
            assertThat(openSearch.groupsUsing("T1078", 100)).isNotEmpty();
            assertThat(context.getBean(KnowledgeBaseStartup.class).report().attackIndexed())
                    .isTrue();
        });

        runner().run(context -> {
            assertThat(context.getBean(KnowledgeBaseStartup.class).report().attackIndexed())
                    .isFalse();
            assertThat(context.getBean(KnowledgeBase.class).findAttackObject("M1032"))
                    .isPresent();
        });
    }
}
