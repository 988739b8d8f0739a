package io.edgerouter.testsupport;

import io.edgerouter.protocol.signing.PolicySignatures;
import io.edgerouter.protocol.signing.PolicySigner;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * TEST-ONLY Ed25519 key pairs for signing policies in tests, committed on purpose so that test configuration
 * ({@code src/test/resources/application.properties}, the e2e agents' {@code -D} options) can name their public
 * halves. They sign nothing outside tests: no deployment may trust them.
 *
 * <p>{@link #PRIMARY} is the key the test gateways sign with (cloud-gateway's
 * {@code src/test/resources/policy-signing-test-key.pem} holds its private half) and the test agents trust;
 * {@link #ROTATION} is a second key the test agents trust, as during a key rollover.
 */
public final class PolicyTestKeys {

    /** A test-only key pair: id, PKCS#8 private key (base64), X.509 public key (base64). */
    public record TestKey(String id, String privateKeyBase64, String publicKeyBase64) {

        public PolicySigner signer() {
            return new PolicySigner(id, PolicySignatures.privateKey(privateKeyBase64));
        }
    }

    // generated with `openssl genpkey -algorithm ed25519` / `openssl pkey -pubout`, for tests only
    public static final TestKey PRIMARY = new TestKey("test-primary",
            "MC4CAQAwBQYDK2VwBCIEIHacZ3mCz99o3Yq2kx9tX2a7PPIhOqAZeCC8B8rlb46o",
            "MCowBQYDK2VwAyEA+c8z1X+xI2esfcWU+8SBHpizBKM8rfoXXOx8QF15th8=");

    public static final TestKey ROTATION = new TestKey("test-rotation",
            "MC4CAQAwBQYDK2VwBCIEIH9fYBNyM0qfbLA028cASKpAGyuJnRF2scN9Et2rrEYc",
            "MCowBQYDK2VwAyEAGc1xd/OFoV6ondMavePqRP8y0/A/UWOnBrHhcM6CXag=");

    private PolicyTestKeys() {
    }

    /** Writes a policy record signed with {@link #PRIMARY}, as the gateway would, and waits for the broker's ack. */
    public static void publishSigned(String bootstrap, String topic, String key, String value) {
        publish(bootstrap, topic, key, value, PRIMARY.signer().headers(value.getBytes(StandardCharsets.UTF_8)));
    }

    /** Writes one record with exactly these headers (none, forged or real) and waits for the broker's ack. */
    public static void publish(String bootstrap, String topic, String key, String value, Map<String, byte[]> headers) {
        RecordHeaders recordHeaders = new RecordHeaders();
        headers.forEach(recordHeaders::add);
        Map<String, Object> props = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topic, null, key, value.getBytes(StandardCharsets.UTF_8), recordHeaders))
                    .get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not write to topic " + topic + " at " + bootstrap, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing to " + topic, e);
        }
    }
}
