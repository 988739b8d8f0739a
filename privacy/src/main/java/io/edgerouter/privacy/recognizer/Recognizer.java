package io.edgerouter.privacy.recognizer;

import java.util.List;
import java.util.Set;

/** Finds entities of one or more types in a text. Implementations are immutable and thread-safe. */
public interface Recognizer {

    /** Unique name, reported in every result ("recognizer" / recognition_metadata.recognizer_name). */
    String name();

    /** Entity types this recognizer can emit. */
    Set<String> supportedEntities();

    /** All candidate spans with their scores; low-scoring ones are filtered later by the analyzer. */
    List<RecognizerResult> analyze(AnalysisInput input);
}
