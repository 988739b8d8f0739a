package io.edgerouter.testsupport;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder.request;

/**
 * {@link NeedsSharedData} run for real: sample classes go through a JUnit launcher of their own with the shared
 * folder pointed at a temporary directory, and what ran, what was skipped and why is recorded.
 */
class SharedDataConditionTest {

    /** Bodies and class-level set-ups that actually ran in the samples. */
    static final AtomicInteger RAN = new AtomicInteger();

    @TempDir
    Path shared;

    private String before;

    @BeforeEach
    void pointAtTempDir() {
        before = System.getProperty(SharedData.PROPERTY);
        System.setProperty(SharedData.PROPERTY, shared.toString());
        RAN.set(0);
    }

    @AfterEach
    void restore() {
        if (before == null) {
            System.clearProperty(SharedData.PROPERTY);
        } else {
            System.setProperty(SharedData.PROPERTY, before);
        }
    }

    @Test
    void aClassWhoseDataIsAbsentIsSkippedBeforeItsSetUpWithTheMissingPathAsReason() {
        Outcome o = run(NeedsStories.class);
        assertEquals(0, RAN.get(), "neither @BeforeAll nor the test ran");
        assertEquals(List.of(), o.executed);
        assertEquals(1, o.skipped.size(), o.skipped.toString());
        String reason = o.skipped.get(0);
        assertTrue(reason.contains(shared.resolve("models/stories260K").toString()), reason);
        assertFalse(reason.contains("\n"), "one line: " + reason);
    }

    @Test
    void aClassWhoseDataIsPresentRuns() throws IOException {
        Files.createDirectories(shared.resolve("models/stories260K"));
        Outcome o = run(NeedsStories.class);
        assertEquals(2, RAN.get(), "@BeforeAll and the test ran");
        assertEquals(List.of(), o.skipped);
        assertEquals(List.of("SUCCESSFUL"), o.executed);
    }

    @Test
    void everyPathMustBeThereAndTheFirstMissingOneIsNamed() throws IOException {
        Files.createDirectories(shared.resolve("models/tokenizers"));
        Outcome o = run(NeedsTwo.class);
        assertEquals(0, RAN.get());
        assertEquals(1, o.skipped.size(), o.skipped.toString());
        assertTrue(o.skipped.get(0).contains(shared.resolve("routing/train.jsonl").toString()), o.skipped.get(0));
    }

    @Test
    void onAMethodOnlyThatMethodIsSkipped() {
        Outcome o = run(OneMethodNeedsData.class);
        assertEquals(1, RAN.get(), "the other method ran");
        assertEquals(List.of("SUCCESSFUL"), o.executed);
        assertEquals(1, o.skipped.size());
        assertTrue(o.skipped.get(0).contains(shared.resolve("models/gguf-vocab").toString()), o.skipped.get(0));
    }

    @Test
    void theReasonNamesTheAbsolutePathEvenWhenTheFolderIsGivenRelative() {
        System.setProperty(SharedData.PROPERTY, "some/relative/dir");
        Path expected = Path.of("some/relative/dir/models").toAbsolutePath().normalize();
        assertEquals(expected, SharedData.path("models"));
        assertTrue(SharedData.absence("models").orElseThrow().contains(expected.toString()));
    }

    private record Outcome(List<String> executed, List<String> skipped) {
    }

    /** Runs one sample class; the outcomes of its test methods and the reasons of whatever was skipped. */
    private static Outcome run(Class<?> sample) {
        List<String> executed = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        LauncherDiscoveryRequest request = request().selectors(selectClass(sample)).build();
        LauncherFactory.create().execute(request, new TestExecutionListener() {
            @Override
            public void executionSkipped(TestIdentifier id, String reason) {
                skipped.add(reason);
            }

            @Override
            public void executionFinished(TestIdentifier id, TestExecutionResult result) {
                if (id.isTest()) {
                    executed.add(result.getStatus().name());
                }
            }
        });
        return new Outcome(executed, skipped);
    }

    @NeedsSharedData("models/stories260K")
    static class NeedsStories {
        @BeforeAll
        static void setUp() {
            RAN.incrementAndGet();
        }

        @Test
        void body() {
            RAN.incrementAndGet();
        }
    }

    @NeedsSharedData({"models/tokenizers", "routing/train.jsonl"})
    static class NeedsTwo {
        @Test
        void body() {
            RAN.incrementAndGet();
        }
    }

    static class OneMethodNeedsData {
        @Test
        void needsNothing() {
            RAN.incrementAndGet();
        }

        @Test
        @NeedsSharedData("models/gguf-vocab")
        void needsVocabularies() {
            RAN.incrementAndGet();
        }
    }
}
