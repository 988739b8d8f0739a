package io.edgerouter.agent;

import io.edgerouter.testsupport.KafkaBrokerResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
class ManagementEndpointsTest {

    @Test
    void readinessIsUpAndSaysWhereThePolicyComesFrom() {
        given().when().get("/q/health/ready")
                .then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.find { it.name == 'edge-agent' }.data.policy_source", equalTo("embedded-default"))
                .body("checks.find { it.name == 'edge-agent' }.data.policy_version", equalTo(1));
    }

    @Test
    void livenessIsUp() {
        given().when().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void metricsAreServedInPrometheusFormat() {
        given().when().get("/q/metrics")
                .then().statusCode(200)
                .body(containsString("# TYPE jvm_memory_used_bytes gauge"));
    }

    @Test
    void openApiDocumentIsServed() {
        given().accept("application/json").when().get("/q/openapi")
                .then().statusCode(200)
                .body("info.title", equalTo("Edge agent API"))
                .body("paths.'/v1/completions'.post.requestBody.content.'application/json'.schema.$ref",
                        equalTo("#/components/schemas/CompletionRequest"))
                .body("paths.'/v1/chat/completions'.post.summary", containsString("OpenAI-compatible chat completion"))
                .body("paths.'/v1/route'.post", notNullValue());
    }
}
