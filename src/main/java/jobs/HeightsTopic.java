package jobs;

import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Kafka work queue of heights: created at start-up with the admin client (the broker's
 * auto-creation would give it the broker's default partition count), and asked how much work is
 * still waiting for the indexer group — that backlog is what "heights in flight" bounds.
 */
public final class HeightsTopic implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HeightsTopic.class);
    private static final long TIMEOUT_SECONDS = 30;

    private final Admin admin;
    private final String topic;
    private final int partitions;
    private final short replicationFactor;
    private final String group;

    public HeightsTopic(String brokers, String topic, int partitions, short replicationFactor, String group) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, brokers);
        props.put(AdminClientConfig.CLIENT_ID_CONFIG, "filflow-heights-admin");
        this.admin = Admin.create(props);
        this.topic = topic;
        this.partitions = partitions;
        this.replicationFactor = replicationFactor;
        this.group = group;
    }

    public String name() {
        return topic;
    }

    public String group() {
        return group;
    }

    /** Creates the topic if it does not exist; returns its partition count. */
    public int ensure() {
        try {
            admin.createTopics(List.of(new NewTopic(topic, partitions, replicationFactor)))
                    .all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            LOG.info("Created topic {} with {} partitions", topic, partitions);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("cannot create topic " + topic, e.getCause());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted creating topic " + topic, e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("Kafka did not answer creating topic " + topic, e);
        }
        int actual = describeWhenKnown().partitions().size();
        if (actual != partitions) {
            LOG.warn("Topic {} has {} partitions, configuration asks for {}", topic, actual, partitions);
        }
        return actual;
    }

    /**
     * Work items written but not yet committed by the indexer group, summed over partitions. A
     * partition the group never committed counts from its earliest retained offset.
     */
    public long backlog() {
        Offsets o = offsets();
        long backlog = 0;
        for (Map.Entry<TopicPartition, Long> end : o.ends().entrySet()) {
            backlog += Math.max(0, end.getValue() - o.consumed().get(end.getKey()));
        }
        return backlog;
    }

    /**
     * Where each partition ends now: every work item written (and acknowledged) so far lies below
     * these offsets. With {@link #consumedPast} it tells when all of them have been consumed.
     */
    public Map<Integer, Long> ends() {
        return byPartition(offsets().ends());
    }

    /**
     * True when the indexer group has committed every work item below {@code ends} (from
     * {@link #ends}); the consumer commits only heights whose processing report is stored, so each
     * of those heights then has a report. A partition added since counts as consumed.
     */
    public boolean consumedPast(Map<Integer, Long> ends) {
        Map<Integer, Long> consumed = byPartition(offsets().consumed());
        return ends.entrySet().stream().allMatch(e -> consumed.getOrDefault(e.getKey(), Long.MAX_VALUE) >= e.getValue());
    }

    private static Map<Integer, Long> byPartition(Map<TopicPartition, Long> offsets) {
        return offsets.entrySet().stream().collect(Collectors.toMap(e -> e.getKey().partition(), Map.Entry::getValue));
    }

    /** Per partition: its end, and how far the group consumed (its commit, else the earliest retained offset). */
    private record Offsets(Map<TopicPartition, Long> ends, Map<TopicPartition, Long> consumed) {
    }

    private Offsets offsets() {
        try {
            List<TopicPartition> tps = describe().partitions().stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            Map<TopicPartition, OffsetSpec> latest = tps.stream()
                    .collect(Collectors.toMap(tp -> tp, tp -> OffsetSpec.latest()));
            Map<TopicPartition, OffsetSpec> earliest = tps.stream()
                    .collect(Collectors.toMap(tp -> tp, tp -> OffsetSpec.earliest()));
            var ends = admin.listOffsets(latest).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            var starts = admin.listOffsets(earliest).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            Map<TopicPartition, OffsetAndMetadata> committed = new HashMap<>(admin
                    .listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata()
                    .get(TIMEOUT_SECONDS, TimeUnit.SECONDS));
            Map<TopicPartition, Long> endOffsets = new HashMap<>();
            Map<TopicPartition, Long> consumed = new HashMap<>();
            for (TopicPartition tp : tps) {
                OffsetAndMetadata done = committed.get(tp);
                endOffsets.put(tp, ends.get(tp).offset());
                consumed.put(tp, done == null ? starts.get(tp).offset() : done.offset());
            }
            return new Offsets(endOffsets, consumed);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot read the offsets of " + topic, e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted reading the offsets of " + topic, e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("Kafka did not answer for the offsets of " + topic, e);
        }
    }

    /** Right after creation the broker may not know the topic's metadata yet: ask again briefly. */
    private TopicDescription describeWhenKnown() {
        for (int attempt = 1; ; attempt++) {
            try {
                return describe();
            } catch (IllegalStateException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException) || attempt == 50) {
                    throw e;
                }
                try {
                    Thread.sleep(100);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    private TopicDescription describe() {
        try {
            return admin.describeTopics(Collections.singleton(topic)).allTopicNames()
                    .get(TIMEOUT_SECONDS, TimeUnit.SECONDS).get(topic);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot describe topic " + topic, e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted describing topic " + topic, e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("Kafka did not answer describing topic " + topic, e);
        }
    }

    @Override
    public void close() {
        admin.close();
    }
}
