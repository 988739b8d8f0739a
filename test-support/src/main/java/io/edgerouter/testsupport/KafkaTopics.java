package io.edgerouter.testsupport;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Plain Kafka clients for tests: read or write a topic directly, bypassing the application. */
public final class KafkaTopics {

    private KafkaTopics() {
    }

    /**
     * Reads a topic from the beginning with a fresh consumer group until at least {@code atLeast}
     * records arrived or {@code limit} passed; returns the records read (key, value) in order.
     */
    public static List<Map.Entry<String, String>> read(String bootstrap, String topic, int atLeast, Duration limit) {
        List<Map.Entry<String, String>> entries = new ArrayList<>();
        for (ConsumerRecord<String, String> r : readRecords(bootstrap, topic, atLeast, limit)) {
            entries.add(Map.entry(r.key() == null ? "" : r.key(), r.value()));
        }
        return entries;
    }

    /** Like {@link #read} but returns whole records, headers included. */
    public static List<ConsumerRecord<String, String>> readRecords(String bootstrap, String topic, int atLeast, Duration limit) {
        Map<String, Object> props = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "test-reader-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer =
                     new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + limit.toNanos();
            while (records.size() < atLeast && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    records.add(r);
                }
            }
        }
        return records;
    }

    /** Writes one record and waits until the broker acknowledged it. */
    public static void write(String bootstrap, String topic, String key, String value) {
        Map<String, Object> props = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, String> producer =
                     new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic, key, value)).get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not write to topic " + topic + " at " + bootstrap, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing to " + topic, e);
        }
    }
}
