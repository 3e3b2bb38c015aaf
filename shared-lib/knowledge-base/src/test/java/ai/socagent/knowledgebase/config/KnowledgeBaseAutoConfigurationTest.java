package ai.socagent.knowledgebase.config;

import static org.assertj.core.api.Assertions.assertThat;

import ai.socagent.domain.indicator.Indicator;
import ai.socagent.domain.indicator.IndicatorType;
import ai.socagent.knowledgebase.KnowledgeBase;
import ai.socagent.knowledgebase.adapter.out.lucene.LuceneKnowledgeBase;
import ai.socagent.knowledgebase.attack.AttackKnowledge;
import ai.socagent.knowledgebase.feed.FeedProblem;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class KnowledgeBaseAutoConfigurationTest {

    @TempDir
    Path directory;

    private ApplicationContextRunner runner() {
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(KnowledgeBaseAutoConfiguration.class))
                .withPropertyValues("soc.knowledge-base.embedded.directory=" + directory.resolve("kb"));
    }

    @Test
    void defaults_giveAnEmbeddedIndexWithTheShippedAttackLoaded() {
        runner().run(context -> {
            assertThat(context).hasSingleBean(LuceneKnowledgeBase.class);
            KnowledgeBase knowledgeBase = context.getBean(KnowledgeBase.class);
            assertThat(knowledgeBase.findTechnique("T1078")).isPresent();
            assertThat(knowledgeBase.mitigationsFor("T1078", 20)).isNotEmpty();
            assertThat(knowledgeBase.findAttackObject("G0016")).isPresent();
            KnowledgeBaseStartup.Report report =
                    context.getBean(KnowledgeBaseStartup.class).report();
            assertThat(report.attackIndexed()).isTrue();
            assertThat(report.attackRelease())
                    .isEqualTo(AttackKnowledge.embedded().source());
            assertThat(report.feeds()).isEmpty();
        });
        assertThat(directory.resolve("kb")).isDirectory();
    }

    @Test
    void startup_isALifecycle_loadingNothingUntilStarted() {
        java.util.concurrent.atomic.AtomicInteger reads = new java.util.concurrent.atomic.AtomicInteger();
        try (LuceneKnowledgeBase knowledgeBase = LuceneKnowledgeBase.inMemory()) {
            KnowledgeBaseStartup startup = KnowledgeBaseStartup.of(
                    knowledgeBase, new KnowledgeBaseProperties(null, null, null, null, null), () -> {
                        reads.incrementAndGet();
                        return AttackKnowledge.embedded();
                    });

            assertThat(startup.isRunning()).isFalse();
            assertThat(reads).hasValue(0);
            assertThat(knowledgeBase.findTechnique("T1078")).isEmpty();
            org.assertj.core.api.Assertions.assertThatIllegalStateException().isThrownBy(startup::report);

            startup.start();
            startup.start();

            assertThat(startup.isRunning()).isTrue();
            assertThat(reads).hasValue(1);
            assertThat(startup.report().attackIndexed()).isTrue();
            assertThat(knowledgeBase.findTechnique("T1078")).isPresent();
            assertThat(startup.getPhase()).isLessThan(org.springframework.context.SmartLifecycle.DEFAULT_PHASE - 4096);
        }
    }

    @Test
    void restartOverTheSameDirectory_skipsIndexingTheSameRelease() {
        runner().run(context -> assertThat(context).hasNotFailed());

        runner().run(context -> {
            assertThat(context.getBean(KnowledgeBaseStartup.class).report().attackIndexed())
                    .isFalse();
            assertThat(context.getBean(KnowledgeBase.class).findTechnique("T1078"))
                    .isPresent();
        });
    }

    @Test
    void loadAttackOnStartupFalse_leavesTheIndexEmpty() {
        runner().withPropertyValues("soc.knowledge-base.load-attack-on-startup=false")
                .run(context -> {
                    assertThat(context.getBean(KnowledgeBase.class).findTechnique("T1078"))
                            .isEmpty();
                    assertThat(context.getBean(KnowledgeBaseStartup.class)
                                    .report()
                                    .attackRelease())
                            .isEmpty();
                });
    }

    @Test
    void feeds_stixAndCsvFiles_areLoadedWithTheirProblemsReported() throws IOException {
        Path csv = copy("sample-indicators.csv");
        Path stix = copy("sample-bundle.json");

        runner().withPropertyValues(
                        "soc.knowledge-base.load-attack-on-startup=false",
                        "soc.knowledge-base.feeds[0]=" + csv,
                        "soc.knowledge-base.feeds[1]=" + stix)
                .run(context -> {
                    KnowledgeBase knowledgeBase = context.getBean(KnowledgeBase.class);
                    assertThat(knowledgeBase.findIndicator(Indicator.of(IndicatorType.IPV4, "198.51.100.23")))
                            .hasValueSatisfying(
                                    intel -> assertThat(intel.labels()).contains("c2"));
                    assertThat(knowledgeBase.findIndicator(Indicator.of(IndicatorType.DOMAIN, "kit.example.org")))
                            .hasValueSatisfying(
                                    intel -> assertThat(intel.source()).isEqualTo("sample-bundle.json"));
                    // ATT&CK is off: the bundle's attack-patterns are the only techniques.
                    assertThat(knowledgeBase.findTechnique("T1071.001")).isPresent();
                    KnowledgeBaseStartup.Report report =
                            context.getBean(KnowledgeBaseStartup.class).report();
                    assertThat(report.feeds())
                            .extracting(KnowledgeBaseStartup.FeedLoad::path)
                            .containsExactly(csv, stix);
                    assertThat(report.feeds().get(1).result().count(FeedProblem.Kind.UNSUPPORTED_PATTERN))
                            .isEqualTo(2);
                });
    }

    @Test
    void feeds_withAttackLoaded_doNotReplaceAttackTechniques() throws IOException {
        Path stix = copy("sample-bundle.json");

        runner().withPropertyValues("soc.knowledge-base.feeds[0]=" + stix)
                .run(context -> assertThat(context.getBean(KnowledgeBase.class).findTechnique("T1071.001"))
                        .hasValueSatisfying(t -> assertThat(t.description())
                                .isEqualTo(AttackKnowledge.embedded()
                                        .technique("T1071.001")
                                        .orElseThrow()
                                        .description())));
    }

    @Test
    void feeds_unknownFormatOrMissingFile_failTheStartNamingTheFile() throws IOException {
        Path text = Files.writeString(directory.resolve("feed.txt"), "198.51.100.1");

        runner().withPropertyValues(
                        "soc.knowledge-base.load-attack-on-startup=false", "soc.knowledge-base.feeds[0]=" + text)
                .run(context -> assertThat(context)
                        .getFailure()
                        .rootCause()
                        .hasMessageContaining("feed.txt")
                        .hasMessageContaining(".csv"));
        runner().withPropertyValues(
                        "soc.knowledge-base.load-attack-on-startup=false",
                        "soc.knowledge-base.feeds[0]=" + directory.resolve("absent.csv"))
                .run(context -> assertThat(context).getFailure().rootCause().hasMessageContaining("absent.csv"));
    }

    @Test
    void opensearchModeWithoutUri_failsTheStartNamingTheProperty() {
        runner().withPropertyValues("soc.knowledge-base.mode=opensearch")
                .run(context -> assertThat(context)
                        .getFailure()
                        .rootCause()
                        .hasMessageContaining("soc.knowledge-base.opensearch.uri"));
    }

    @Test
    void applicationKnowledgeBase_isUsedAndStillLoaded() {
        runner().withBean(KnowledgeBase.class, LuceneKnowledgeBase::inMemory).run(context -> {
            assertThat(context).hasSingleBean(KnowledgeBase.class);
            assertThat(context.getBean(KnowledgeBase.class).findTechnique("T1078"))
                    .isPresent();
            assertThat(directory.resolve("kb")).doesNotExist();
        });
    }

    private Path copy(String feed) throws IOException {
        Path target = directory.resolve(feed);
        try (InputStream in = Objects.requireNonNull(getClass().getResourceAsStream("/feeds/" + feed), feed)) {
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        }
        return target;
    }
}
