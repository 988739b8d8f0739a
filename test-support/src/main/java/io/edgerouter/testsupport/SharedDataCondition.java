package io.edgerouter.testsupport;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;

import java.util.Optional;

/** Disables what {@link NeedsSharedData} marks while one of its paths is absent; the reason names the first one. */
public final class SharedDataCondition implements ExecutionCondition {

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        Optional<NeedsSharedData> needs = context.getElement()
                .flatMap(e -> AnnotationSupport.findAnnotation(e, NeedsSharedData.class));
        if (needs.isEmpty()) {
            return ConditionEvaluationResult.enabled("needs no shared data");
        }
        for (String relative : needs.get().value()) {
            Optional<String> absence = SharedData.absence(relative);
            if (absence.isPresent()) {
                return ConditionEvaluationResult.disabled(absence.get());
            }
        }
        return ConditionEvaluationResult.enabled("shared data present: " + String.join(", ", needs.get().value()));
    }
}
