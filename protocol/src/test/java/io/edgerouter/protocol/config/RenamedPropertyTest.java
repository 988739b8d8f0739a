package io.edgerouter.protocol.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RenamedPropertyTest {

    private static final RenamedProperty MODEL_DIR = new RenamedProperty("gateway.model.dir", "gateway.model", "a model directory or file");
    private static final RenamedProperty NAME = new RenamedProperty("gateway.model.name", "gateway.model-name", "");

    @ParameterizedTest(name = "{0} sets {1}: {2}")
    @CsvSource({
            // the property itself
            "gateway.model.dir,       gateway.model.dir,  true",
            // under a profile
            "%prod.gateway.model.dir, gateway.model.dir,  true",
            // as an environment variable
            "GATEWAY_MODEL_DIR,       gateway.model.dir,  true",
            // the new name is not the old one
            "gateway.model,           gateway.model.dir,  false",
            "GATEWAY_MODEL,           gateway.model.dir,  false",
            // a variable that also spells the new name keeps working (gateway.model-name)
            "GATEWAY_MODEL_NAME,      gateway.model.name, false",
            "gateway.model.name,      gateway.model.name, true",
    })
    void recognisesTheOldNameInEveryFormItCanBeSet(String name, String property, boolean set) {
        RenamedProperty r = property.equals(MODEL_DIR.oldName()) ? MODEL_DIR : NAME;
        assertThat(r.isSetBy(name)).isEqualTo(set);
    }

    @Test
    void failsListingEveryOldNameWithItsNewName() {
        List<String> names = List.of("gateway.agents.a.key", "gateway.model.dir", "GATEWAY_MODEL_DIR", "gateway.model.name");
        assertThatThrownBy(() -> RenamedProperty.rejectRenamed(names.iterator(), List.of(MODEL_DIR, NAME), p -> new IllegalStateException(String.join(" | ", p))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("gateway.model.dir was renamed to gateway.model (a model directory or file)"
                        + " | gateway.model.name was renamed to gateway.model-name");
    }

    @Test
    void passesEveryNameOnWhenNoneIsOld() {
        List<String> names = List.of("gateway.model", "gateway.engine.max-concurrency");
        List<String> out = new java.util.ArrayList<>();
        RenamedProperty.rejectRenamed(names.iterator(), List.of(MODEL_DIR, NAME), p -> new IllegalStateException(p.toString())).forEachRemaining(out::add);
        assertThat(out).isEqualTo(names);
    }
}
