package dev.incidentsla.localkafka;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * What a dashboard's consumer sees, for end-to-end tests: a consumer of its own group reads the topics from the
 * earliest offset on a thread of its own and keeps every record once (by topic, partition and offset, so a re-read
 * after a broker restart counts nothing twice), in the order they arrived. A broker that goes away is waited for.
 */
public final class TopicRecorder implements AutoCloseable {

    private static final Duration POLL = Duration.ofMillis(200);

    private final List<ConsumerRecord<String, String>> records = new CopyOnWriteArrayList<>();
    private final Set<String> positions = ConcurrentHashMap.newKeySet();
    private final Thread thread;
    private volatile boolean running = true;

    private TopicRecorder(String bootstrapServers, String group, List<String> topics) {
        thread = new Thread(() -> consume(bootstrapServers, group, topics), "topic-recorder");
        thread.setDaemon(true);
    }

    public static TopicRecorder start(String bootstrapServers, String groupPrefix, List<String> topics) {
        TopicRecorder recorder = new TopicRecorder(bootstrapServers, groupPrefix + "-" + UUID.randomUUID(), topics);
        recorder.thread.start();
        return recorder;
    }

    /** Every record received so far, each once, in the order received. */
    public List<ConsumerRecord<String, String>> records() {
        return List.copyOf(records);
    }

    private void consume(String bootstrapServers, String group, List<String> topics) {
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, group,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.METADATA_MAX_AGE_CONFIG, 1000);
        try (KafkaConsumer<String, String> kafka = new KafkaConsumer<>(config)) {
            kafka.subscribe(topics);
            while (running) {
                try {
                    kafka.poll(POLL).forEach(record -> {
                        if (positions.add(record.topic() + "/" + record.partition() + "/" + record.offset())) {
                            records.add(record);
                        }
                    });
                } catch (RuntimeException brokerAway) {
                    pause();
                }
            }
        }
    }

    private void pause() {
        try {
            Thread.sleep(POLL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join(10_000);
    }
}
