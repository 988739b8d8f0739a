package io.edgerouter.protocol.policy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import io.edgerouter.protocol.json.FieldViolation;
import io.edgerouter.protocol.json.JsonFields;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PolicyCodecTest {

    private final PolicyCodec codec = PolicyCodec.schemaOnly();

    @Test
    void readsEveryFieldOfAFullPolicy() throws IOException {
        Policy p = codec.parse(resource("full-policy.json"));

        assertThat(p.version()).isEqualTo(7);
        assertThat(p.fleet()).isEqualTo("factory-eu");
        assertThat(p.routerModelVersion()).contains("router-1");
        assertThat(p.routing().target()).contains(new Policy.TargetShare(0.2, 0.15));
        assertThat(p.routing().thresholds()).isEmpty();
        assertThat(p.routing().escalation()).isEqualTo(new Policy.Escalation(true, 2.5, 6));
        assertThat(p.verify()).isEqualTo(new Policy.Verify(3, 12, true));
        assertThat(p.budget().cloudTokensPerHour()).hasValue(50000);
        assertThat(p.budget().usdPerDay()).hasValue(12.5);
        assertThat(p.privacy().actionFor("US_SSN")).isEqualTo(PrivacyAction.BLOCK_OFFLOAD);
        assertThat(p.privacy().actionFor("EMAIL_ADDRESS")).isEqualTo(PrivacyAction.MASK);
        assertThat(p.privacy().maskThreshold()).isEqualTo(0.5);
        assertThat(p.privacy().blockThreshold()).isEqualTo(0.25);
        assertThat(p.privacy().analysisThreshold()).isEqualTo(0.25);
        assertThat(p.privacy().customRecognizers()).singleElement()
                .satisfies(c -> assertThat(c.context()).containsExactly("employee", "badge"));
        assertThat(p.apps().get("notes").forcedRoute()).contains(Route.LOCAL);
        assertThat(p.apps().get("notes").cloudAllowed()).isFalse();
        assertThat(p.apps().get("assistant").thresholds()).contains(new Policy.Thresholds(0.7, 0.5));
    }

    @Test
    void writtenPolicyReadsBackEqual() throws IOException {
        Policy p = codec.parse(resource("full-policy.json"));

        assertThat(codec.parse(codec.write(p))).isEqualTo(p);
    }

    @Test
    void minimalPolicyGetsDefaults() {
        Policy p = codec.parse("{\"version\":1,\"fleet\":\"default\",\"routing\":{\"thresholds\":{\"offload\":0.6}}}");

        assertThat(p.routing().thresholds()).contains(new Policy.Thresholds(0.6, 0.6));
        assertThat(p.routing().escalation().enabled()).isFalse();
        assertThat(p.routing().splitSubtasks()).isTrue();
        assertThat(p.verify()).isEqualTo(new Policy.Verify(2, 8, false));
        assertThat(p.budget()).isEqualTo(Policy.Budget.UNLIMITED);
        assertThat(p.privacy().defaultAction()).isEqualTo(PrivacyAction.MASK);
        assertThat(p.privacy().maskThreshold()).isEqualTo(Policy.Privacy.DEFAULT_MASK_THRESHOLD);
        assertThat(p.privacy().blockThreshold()).isEqualTo(Policy.Privacy.DEFAULT_BLOCK_THRESHOLD);
        assertThat(p.issuedBy()).isEqualTo("operator");
    }

    @Test
    void policyWithThresholdsAndTargetKeepsBothAndReadsBackEqual() {
        // what the learning loop publishes: thresholds calibrated toward the operator's target, the target carried along
        Policy p = codec.parse("""
                {"version": 3, "fleet": "f", "issued_by": "learning-loop",
                 "routing": {"thresholds": {"offload": 0.81, "verify": 0.42},
                             "target": {"offload_share": 0.1, "verify_share": 0.2}}}""");

        assertThat(p.routing().thresholds()).contains(new Policy.Thresholds(0.81, 0.42));
        assertThat(p.routing().target()).contains(new Policy.TargetShare(0.1, 0.2));
        String written = codec.write(p);
        assertThat(written).contains("\"target\":{\"offload_share\":0.1,\"verify_share\":0.2}")
                .contains("\"thresholds\":{\"offload\":0.81,\"verify\":0.42}");
        assertThat(codec.parse(written)).isEqualTo(p);
    }

    @Test
    void routingWithoutThresholdsOrTargetCannotBeBuilt() {
        assertThatThrownBy(() -> new Policy.Routing(java.util.Optional.empty(), java.util.Optional.empty(),
                Policy.Escalation.OFF, true)).hasMessageContaining("at least one of thresholds and target");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            // unknown top-level field
            "{'version':1,'fleet':'f','routing':{'thresholds':{'offload':0.5}},'colour':'red'} | colour: unknown field",
            // unknown nested field
            "{'version':1,'fleet':'f','routing':{'thresholds':{'offload':0.5,'offlaod':0.4}}} | routing.thresholds.offlaod: unknown field",
            // version missing
            "{'fleet':'f','routing':{'thresholds':{'offload':0.5}}} | version: is required",
            // version zero
            "{'version':0,'fleet':'f','routing':{'thresholds':{'offload':0.5}}} | version: must be between 1 and",
            // version as a string
            "{'version':'7','fleet':'f','routing':{'thresholds':{'offload':0.5}}} | version: must be an integer, got string",
            // fleet with spaces
            "{'version':1,'fleet':'my fleet','routing':{'thresholds':{'offload':0.5}}} | fleet: must match",
            // threshold out of range
            "{'version':1,'fleet':'f','routing':{'thresholds':{'offload':1.5}}} | routing.thresholds.offload: must be between 0 and 1, got 1.5",
            // verify threshold above offload
            "{'version':1,'fleet':'f','routing':{'thresholds':{'offload':0.5,'verify':0.7}}} | routing.thresholds.verify: must not exceed offload",
            // neither thresholds nor target
            "{'version':1,'fleet':'f','routing':{}} | routing.thresholds: set routing.thresholds, routing.target or both",
            // both, the target broken: the thresholds do not excuse it
            "{'version':1,'fleet':'f','routing':{'thresholds':{'offload':0.5},'target':{'offload_share':1.5}}} | routing.target.offload_share: must be between 0 and 1",
            // shares summing over 1
            "{'version':1,'fleet':'f','routing':{'target':{'offload_share':0.7,'verify_share':0.5}}} | routing.target.verify_share: offload_share + verify_share must not exceed 1",
            // a threshold outside [0, 1]
            "{'version':1,'fleet':'f','routing':{'target':{'offload_share':0.2}},'privacy':{'block_threshold':1.5}} | privacy.block_threshold: must be between 0 and 1, got 1.5",
            // a threshold that is not a number
            "{'version':1,'fleet':'f','routing':{'target':{'offload_share':0.2}},'privacy':{'mask_threshold':'high'}} | privacy.mask_threshold: must be a number",
            // unknown privacy action
            "{'version':1,'fleet':'f','routing':{'target':{'offload_share':0.2}},'privacy':{'entities':{'US_SSN':'shred'}}} | privacy.entities.US_SSN: must be one of allow, mask, block_offload",
            // lower-case entity type
            "{'version':1,'fleet':'f','routing':{'target':{'offload_share':0.2}},'privacy':{'entities':{'email':'mask'}}} | privacy.entities.email: entity type must match",
            // draft bounds reversed
            "{'version':1,'fleet':'f','routing':{'target':{'offload_share':0.2}},'verify':{'min_draft_tokens':9,'max_draft_tokens':4}} | verify.max_draft_tokens: must be at least min_draft_tokens",
            // negative budget
            "{'version':1,'fleet':'f','routing':{'target':{'offload_share':0.2}},'budget':{'cloud_tokens_per_day':-5}} | budget.cloud_tokens_per_day: must be between 0 and",
            // unknown forced route
            "{'version':1,'fleet':'f','routing':{'target':{'offload_share':0.2}},'apps':{'a':{'forced_route':'MOON'}}} | apps.a.forced_route: must be one of local, verify, offload",
            // custom recognizer without regex
            "{'version':1,'fleet':'f','routing':{'target':{'offload_share':0.2}},'privacy':{'custom_recognizers':[{'name':'x','entity_type':'X_ID'}]}} | privacy.custom_recognizers[0].regex: is required",
            // not an object at all
            "[1,2,3] | (document): must be a JSON object, got array",
            // malformed JSON
            "{'version':1, | (document): not valid JSON",
    })
    void rejectsInvalidPolicyNamingTheFieldAndTheRule(String json, String expected) {
        assertThatThrownBy(() -> codec.parse(json.replace('\'', '"')))
                .isInstanceOf(InvalidPolicyException.class)
                .hasMessageContaining(expected);
    }

    @Test
    void listsEveryViolationNotJustTheFirst() {
        InvalidPolicyException e = org.junit.jupiter.api.Assertions.assertThrows(InvalidPolicyException.class,
                () -> codec.parse("{\"version\":-1,\"fleet\":\"F F\",\"routing\":{\"thresholds\":{\"offload\":2}},\"x\":1}"));

        assertThat(e.violations()).extracting(FieldViolation::path)
                .containsExactlyInAnyOrder("version", "fleet", "routing.thresholds.offload", "x");
    }

    @Test
    void rejectsEmptyAndOversizedDocuments() {
        assertThatThrownBy(() -> codec.parse("  ")).hasMessageContaining("policy document is empty");
        String huge = "{\"version\":1,\"fleet\":\"f\",\"issued_by\":\"" + "x".repeat(PolicyCodec.MAX_BYTES) + "\"}";
        assertThatThrownBy(() -> codec.parse(huge)).hasMessageContaining("the limit is " + PolicyCodec.MAX_BYTES);
    }

    @Test
    void semanticCheckRejectsAnOtherwiseValidPolicy() {
        PolicyCodec withCheck = new PolicyCodec(p -> p.privacy().entities().containsKey("FOO_BAR")
                ? List.of(new FieldViolation("privacy.entities.FOO_BAR", "unknown entity type"))
                : List.of());

        assertThatThrownBy(() -> withCheck.parse(
                "{\"version\":1,\"fleet\":\"f\",\"routing\":{\"target\":{\"offload_share\":0.2}},\"privacy\":{\"entities\":{\"FOO_BAR\":\"mask\"}}}"))
                .hasMessageContaining("privacy.entities.FOO_BAR: unknown entity type");
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = PolicyCodecTest.class.getResourceAsStream("/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
