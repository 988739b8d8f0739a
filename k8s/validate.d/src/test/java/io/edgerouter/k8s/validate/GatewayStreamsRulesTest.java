package io.edgerouter.k8s.validate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Which operations a KafkaUser's ACLs grant on what the gateway's Streams application needs, as Kafka's authorizer would decide. */
class GatewayStreamsRulesTest {

    private static final GatewayStreamsRules.Need TRANSACTIONAL_IDS =
            new GatewayStreamsRules.Need("transactionalId", "edge-gateway-learning-", true, Set.of("Write", "Describe"), "");
    private static final GatewayStreamsRules.Need INTERNAL_TOPICS =
            new GatewayStreamsRules.Need("topic", "edge-gateway-learning-", true, Set.of("Create"), "");
    private static final GatewayStreamsRules.Need STATS_TOPIC =
            new GatewayStreamsRules.Need("topic", "edge.routing.fleet-stats", false, Set.of("Write"), "");

    static Stream<Arguments> cases() {
        return Stream.of(
                // a prefix shorter than every transactional id <app-id>-<process>-<n> covers them all
                Arguments.of("[{resource: {type: transactionalId, name: edge-gateway-learning, patternType: prefix}, operations: [Write, Describe]}]",
                        TRANSACTIONAL_IDS, "Describe,Write"),
                // a longer prefix covers only some of them
                Arguments.of("[{resource: {type: transactionalId, name: edge-gateway-learning-a, patternType: prefix}, operations: [Write]}]",
                        TRANSACTIONAL_IDS, ""),
                // one internal topic by name does not cover the topics Streams will create
                Arguments.of("[{resource: {type: topic, name: edge-gateway-learning-fleet-state-changelog, patternType: literal}, operations: [Create]}]",
                        INTERNAL_TOPICS, ""),
                // the literal wildcard covers every name
                Arguments.of("[{resource: {type: topic, name: '*', patternType: literal}, operations: [Create]}]", INTERNAL_TOPICS, "Create"),
                // patternType defaults to literal
                Arguments.of("[{resource: {type: topic, name: edge.routing.fleet-stats}, operations: [Write]}]", STATS_TOPIC, "Describe,Write"),
                // All grants everything; Read implies Describe; AlterConfigs implies DescribeConfigs
                Arguments.of("[{resource: {type: topic, name: edge.routing.fleet-stats}, operations: [All]}]", STATS_TOPIC,
                        "All,Alter,AlterConfigs,ClusterAction,Create,Delete,Describe,DescribeConfigs,IdempotentWrite,Read,Write"),
                Arguments.of("[{resource: {type: topic, name: edge.routing.fleet-stats}, operations: [Read, AlterConfigs]}]", STATS_TOPIC,
                        "AlterConfigs,Describe,DescribeConfigs,Read"),
                // the deprecated single operation counts too
                Arguments.of("[{resource: {type: topic, name: edge.routing.fleet-stats}, operation: Write}]", STATS_TOPIC, "Describe,Write"),
                // a deny wins over an allow
                Arguments.of("[{resource: {type: topic, name: edge.routing., patternType: prefix}, operations: [Write]},"
                        + " {resource: {type: topic, name: edge.routing.fleet-stats}, operations: [Write], type: deny}]", STATS_TOPIC, "Describe"),
                // a grant on a group is no grant on a topic of the same name
                Arguments.of("[{resource: {type: group, name: edge.routing.fleet-stats}, operations: [Read]}]", STATS_TOPIC, ""));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void grantsWhatKafkasAuthorizerWould(String acls, GatewayStreamsRules.Need need, String expected) throws Exception {
        JsonNode tree = new YAMLMapper().readTree(acls);
        Set<String> want = expected.isEmpty() ? Set.of() : Set.of(expected.split(","));
        assertEquals(new TreeSet<>(want), new TreeSet<>(GatewayStreamsRules.granted(tree, need)));
    }
}
