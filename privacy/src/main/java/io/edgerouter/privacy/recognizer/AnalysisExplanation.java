package io.edgerouter.privacy.recognizer;

/**
 * Why a result got its score (returned only when the caller asks for the decision process).
 *
 * @param originalScore          score from the pattern or model alone
 * @param score                  final score after validation and context
 * @param validationResult       true/false when a checksum ran, null when none applies
 * @param supportiveContextWord  the context word that raised the score, or null
 */
public record AnalysisExplanation(String recognizer, String patternName, String pattern, double originalScore,
                                  double score, String textualExplanation, double scoreContextImprovement,
                                  String supportiveContextWord, Boolean validationResult) {
}
