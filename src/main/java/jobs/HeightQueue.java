package jobs;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Publishes heights to the work-queue topic. {@link #enqueue} returns only once the broker has
 * acknowledged every item, so a job may advance its durable cursor afterwards without losing work.
 */
public final class HeightQueue implements AutoCloseable {
    private final KafkaProducer<String, String> producer;
    private final String topic;

    public HeightQueue(String brokers, String topic) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers);
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "filflow-heights-producer");
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        props.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        this.producer = new KafkaProducer<>(props);
        this.topic = topic;
    }

    /** Enqueues the heights in the given order; returns how many were acknowledged. */
    public int enqueue(Collection<Long> heights, String job) {
        List<Future<RecordMetadata>> sent = new ArrayList<>(heights.size());
        for (long height : heights) {
            WorkItem item = new WorkItem(height, job, 0);
            sent.add(producer.send(new ProducerRecord<>(topic, item.key(), item.toJson())));
        }
        producer.flush();
        for (Future<RecordMetadata> f : sent) {
            try {
                f.get();
            } catch (ExecutionException e) {
                throw new IllegalStateException("Kafka refused a work item on " + topic, e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while enqueueing on " + topic, e);
            }
        }
        return sent.size();
    }

    @Override
    public void close() {
        producer.close();
    }
}
