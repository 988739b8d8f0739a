package io.edgerouter.agent.api;

import io.edgerouter.agent.policy.PolicyStore;
import io.edgerouter.protocol.policy.Policy;
import io.edgerouter.protocol.policy.PrivacyAction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

/**
 * Conversation vaults over HTTP (they belong to an app and a conversation, outlive a policy change, answer 429 when
 * full) and block decisions under the policy's own {@code block_threshold}.
 */
@QuarkusTest
@TestProfile(StandInCloud.Profile.class)
class PrivacyVaultsTest {

    static final String TEXT = "Mail ann.lee@example.org today";

    @Inject
    PolicyStore policies;

    @BeforeEach
    @AfterEach
    void reset() {
        StandInCloud.reset();
    }

    /** An anonymize request masking the e-mail address in {@code text}. */
    private static String anonymizeBody(String text) {
        int start = text.indexOf("Mail ") + 5;
        int end = text.indexOf(' ', start);
        return "{\"text\":\"" + text + "\",\"analyzer_results\":[{\"entity_type\":\"EMAIL_ADDRESS\",\"start\":" + start
                + ",\"end\":" + end + ",\"score\":1.0}],\"anonymizers\":{\"DEFAULT\":{\"type\":\"replace\"}}}";
    }

    private static String anonymize(String app, String conversation) {
        return anonymize(app, conversation, TEXT);
    }

    private static String anonymize(String app, String conversation, String text) {
        return given().contentType(ContentType.JSON).header("x-app-id", app).header("x-conversation-id", conversation)
                .body(anonymizeBody(text)).post("/v1/privacy/anonymize")
                .then().statusCode(200).extract().path("text");
    }

    /** Restores the placeholder of a masked {@link #TEXT} ("Mail &lt;...&gt; today") as Presidio's deanonymize does. */
    private static String deanonymize(String app, String conversation, String masked) {
        int start = masked.indexOf('<');
        int end = masked.indexOf('>') + 1;
        var request = given().contentType(ContentType.JSON);
        if (app != null) {
            request = request.header("x-app-id", app);
        }
        return request.header("x-conversation-id", conversation)
                .body("{\"text\":\"" + masked + "\",\"deanonymizers\":{\"DEFAULT\":{\"type\":\"restore\"}},"
                        + "\"anonymizer_results\":[{\"start\":" + start + ",\"end\":" + end
                        + ",\"entity_type\":\"EMAIL_ADDRESS\",\"text\":\"" + masked.substring(start, end)
                        + "\",\"operator\":\"replace\"}]}")
                .post("/v1/privacy/deanonymize").then().statusCode(200).extract().path("text");
    }

    /** The policy in force with another version and other privacy thresholds. */
    private Policy next(double mask, double block) {
        return next(mask, block, policies.policy().privacy().customRecognizers());
    }

    /** ... and US_SSN {@code block_offload} whatever the policy in force says (another test may have replaced it). */
    private Policy next(double mask, double block, List<Policy.CustomRecognizer> custom) {
        Policy p = policies.policy();
        Policy.Privacy old = p.privacy();
        java.util.Map<String, PrivacyAction> entities = new java.util.HashMap<>(old.entities());
        entities.put("US_SSN", PrivacyAction.BLOCK_OFFLOAD);
        return new Policy(p.version() + 1, p.fleet(), p.routerModelVersion(), p.issuedBy(), p.routing(), p.verify(),
                p.budget(), new Policy.Privacy(old.defaultAction(), entities, custom, mask, block), p.apps());
    }

    @Test
    void oneAppCannotRestoreAnotherAppsPlaceholders() {
        String masked = anonymize("mail-app", "conv-iso");
        assertThat(masked).isEqualTo("Mail <EMAIL_ADDRESS_1> today");
        assertThat(deanonymize("mail-app", "conv-iso", masked)).isEqualTo(TEXT);
        // the same conversation id under another app, or under no app, is another vault
        assertThat(deanonymize("other-app", "conv-iso", masked)).isEqualTo(masked);
        assertThat(deanonymize(null, "conv-iso", masked)).isEqualTo(masked);
    }

    @Test
    void placeholdersStayRestorableAcrossAPolicyChange() {
        String masked = anonymize("notes", "conv-policy");
        long before = policies.policy().version();
        assertThat(policies.offer(next(policies.policy().privacy().maskThreshold(), policies.policy().privacy().blockThreshold())))
                .isEqualTo(PolicyStore.Offer.APPLIED);
        assertThat(policies.policy().version()).isEqualTo(before + 1);
        assertThat(deanonymize("notes", "conv-policy", masked)).isEqualTo(TEXT);
        // and the vault goes on numbering where it was: a new address gets the next placeholder
        String second = anonymize("notes", "conv-policy", "Mail bo.kim@example.org today");
        assertThat(second).isEqualTo("Mail <EMAIL_ADDRESS_2> today");
    }

    @Test
    void aFullVaultIsA429NamingTheBoundNotA500() {
        // 800 distinct 100-character values per call: about 250 KB of the vault's 1 MiB each time
        StringBuilder text = new StringBuilder();
        StringBuilder results = new StringBuilder();
        for (int i = 0; i < 800; i++) {
            int start = text.length();
            text.append(String.format("v%05d", i)).append("x".repeat(94)).append(' ');
            results.append(i == 0 ? "" : ",").append("{\"entity_type\":\"PERSON\",\"start\":").append(start)
                    .append(",\"end\":").append(start + 100).append(",\"score\":1.0}");
        }
        int status = 200;
        String message = null;
        for (int call = 0; call < 8 && status == 200; call++) {
            String t = text.toString().replace("v", "w" + call);
            var r = given().contentType(ContentType.JSON).header("x-app-id", "bulk").header("x-conversation-id", "conv-full")
                    .body("{\"text\":\"" + t + "\",\"analyzer_results\":[" + results.toString().replace("\"end\":", "\"end\":")
                            + "],\"anonymizers\":{\"DEFAULT\":{\"type\":\"replace\"}}}")
                    .post("/v1/privacy/anonymize");
            status = r.statusCode();
            message = r.body().path("error.message");
            if (status == 200) {
                assertThat(call).as("a 1 MiB vault cannot take 5 calls of 250 KB").isLessThan(5);
            }
        }
        assertThat(status).isEqualTo(429);
        assertThat(message).contains("conversation vault is full").contains("1048576 bytes").contains("start a new conversation");
        // the chat path says the same: an OFFLOAD in that conversation cannot mask a new address
        given().contentType(ContentType.JSON).header("x-app-id", "bulk").header("x-conversation-id", "conv-full")
                .body("{\"model\":\"cloud\",\"max_tokens\":8,\"messages\":[{\"role\":\"user\",\"content\":"
                        + "\"Write to zed.new@example.org please\"}]}")
                .post("/v1/chat/completions").then().statusCode(429)
                .body("error.code", equalTo("vault_full"))
                .body("error.message", containsString("start a new conversation"));
        assertThat(StandInCloud.RECEIVED).as("nothing left the device").isEmpty();
        // another conversation of the same app is not affected
        assertThat(anonymize("bulk", "conv-fresh")).isEqualTo("Mail <EMAIL_ADDRESS_1> today");
    }

    @Test
    void aBadConversationHeaderIsA400NamingIt() {
        given().contentType(ContentType.JSON).header("x-conversation-id", "has space")
                .body(anonymizeBody(TEXT)).post("/v1/privacy/anonymize")
                .then().statusCode(400).body("error.message", containsString("x-conversation-id"));
    }

    @Test
    void aStrongerResultOfAnotherTypeOnTheSameSpanDoesNotHideABlockingSsn() {
        try {
            // an operator's recognizer for nine-digit order ids (mask) scores above the SSN on the same digits
            assertThat(policies.offer(next(0.4, 0.3, List.of(new Policy.CustomRecognizer("order-id", "ORDER_ID",
                    "[0-9]{9}", List.of("order"), 0.9))))).isEqualTo(PolicyStore.Offer.APPLIED);
            given().contentType(ContentType.JSON)
                    .body("{\"model\":\"cloud\",\"max_tokens\":8,\"messages\":[{\"role\":\"user\",\"content\":"
                            + "\"My SSN is 536228726, what should I do?\"}]}")
                    .post("/v1/chat/completions").then().statusCode(200)
                    .body("route.route", equalTo("LOCAL"))
                    .body("route.reasons", hasItem("pii:block_offload"));
            assertThat(StandInCloud.RECEIVED).as("nothing left the device").isEmpty();
        } finally {
            policies.offer(next(Policy.Privacy.DEFAULT_MASK_THRESHOLD, Policy.Privacy.DEFAULT_BLOCK_THRESHOLD, List.of()));
        }
    }

    @Test
    void aWeakSsnNearItsContextWordBlocksBelowTheMaskThreshold() {
        long start = policies.policy().version();
        try {
            // mask only from 0.6, block SSNs from 0.3: nine bare digits after "SSN" score 0.4
            assertThat(policies.offer(next(0.6, 0.3))).isEqualTo(PolicyStore.Offer.APPLIED);
            List<String> reasons = given().contentType(ContentType.JSON)
                    .body("{\"model\":\"cloud\",\"max_tokens\":8,\"messages\":[{\"role\":\"user\",\"content\":"
                            + "\"My SSN is 536228726, what should I do?\"}]}")
                    .post("/v1/chat/completions").then().statusCode(200)
                    .header("x-route", startsWith("LOCAL"))
                    .body("route.route", equalTo("LOCAL"))
                    .body("route.reasons", hasItem("pii:block_offload"))
                    .extract().path("route.reasons");
            assertThat(reasons).anySatisfy(r -> assertThat(r).startsWith("pii:US_SSN=").contains(">=block_threshold=0.30")
                    .contains("<mask_threshold=0.60"));
            assertThat(StandInCloud.RECEIVED).as("nothing left the device").isEmpty();

            // the same number without its context word is too weak to block, and too weak to mask
            given().contentType(ContentType.JSON)
                    .body("{\"model\":\"cloud\",\"max_tokens\":8,\"messages\":[{\"role\":\"user\",\"content\":"
                            + "\"Order 536228726 shipped, what should I do?\"}]}")
                    .post("/v1/chat/completions").then().statusCode(200)
                    .body("route.route", equalTo("OFFLOAD"));
        } finally {
            Policy p = policies.policy();
            policies.offer(next(Policy.Privacy.DEFAULT_MASK_THRESHOLD, Policy.Privacy.DEFAULT_BLOCK_THRESHOLD, List.of()));
            assertThat(policies.policy().version()).isGreaterThan(start);
            assertThat(p).isNotNull();
        }
    }
}
