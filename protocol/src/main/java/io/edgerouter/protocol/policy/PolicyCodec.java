package io.edgerouter.protocol.policy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import io.edgerouter.protocol.json.FieldViolation;
import io.edgerouter.protocol.json.JsonFields;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Parses and writes policy JSON. The one implementation of the policy schema: the edge agent
 * validates what it consumes from Kafka with it, the cloud gateway what operators PUT.
 */
public final class PolicyCodec {

    /** Largest policy document accepted, in bytes of UTF-8. */
    public static final int MAX_BYTES = 256 * 1024;

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .build();

    static {
        MAPPER.getFactory().setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(32).build());
    }

    private final PolicyCheck check;

    public PolicyCodec(PolicyCheck check) {
        this.check = Objects.requireNonNull(check, "check");
    }

    /** A codec with schema validation only. */
    public static PolicyCodec schemaOnly() {
        return new PolicyCodec(PolicyCheck.NONE);
    }

    /**
     * Parses and validates a policy document.
     *
     * @throws InvalidPolicyException listing every violation, each naming its field
     */
    public Policy parse(String json) {
        if (json == null || json.isBlank()) {
            throw new InvalidPolicyException(List.of(new FieldViolation("", "policy document is empty")));
        }
        int bytes = json.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_BYTES) {
            throw new InvalidPolicyException(List.of(new FieldViolation("", "policy document is " + bytes + " bytes, the limit is " + MAX_BYTES)));
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new InvalidPolicyException(List.of(new FieldViolation("", "not valid JSON: " + e.getOriginalMessage())));
        }
        PolicyReader reader = new PolicyReader();
        Policy policy = reader.read(root).orElse(null);
        if (policy == null) {
            throw new InvalidPolicyException(reader.violations());
        }
        List<FieldViolation> semantic = new ArrayList<>(check.check(policy));
        if (!semantic.isEmpty()) {
            throw new InvalidPolicyException(semantic);
        }
        return policy;
    }

    /** Writes a policy as canonical JSON that {@link #parse} reads back to an equal policy. */
    public String write(Policy policy) {
        try {
            return MAPPER.writeValueAsString(PolicyWriter.toTree(MAPPER, policy));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write policy " + policy.fleet() + " v" + policy.version(), e);
        }
    }
}
