package jobs;

import java.util.Collection;
import java.util.List;

import org.apache.camel.CamelContext;
import org.apache.camel.Message;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.support.DefaultMessage;

/**
 * The work queue's side of route {@code queue-heights} (jobs.camel.yaml): turns a {@link Handover}
 * into Kafka records (key = height, so a height always lands on the same partition) and records
 * the job's progress after the {@code kafka:} step has had every record acknowledged. Code that is
 * not a timer (the admin API, tests) hands heights over through the same route.
 */
public final class HeightQueue {
    public static final String ROUTE = "direct:queue-heights";

    private final ProducerTemplate template;

    public HeightQueue(ProducerTemplate template) {
        this.template = template;
    }

    /** The records of a handover, one Camel message each so each carries its own key. */
    public List<Message> records(Handover handover, CamelContext context) {
        return handover.items().stream().map(item -> {
            Message m = new DefaultMessage(context);
            m.setHeader(KafkaConstants.KEY, item.key());
            m.setBody(item.toJson());
            return (Message) m;
        }).toList();
    }

    /** The last step of {@code queue-heights}: Kafka has acknowledged every item. */
    public void advance(Handover handover) {
        handover.advance();
    }

    /** Hands heights over through the route; returns once Kafka acknowledged them. */
    public int enqueue(Collection<Long> heights, String job) {
        return handOver(Handover.of(job, List.copyOf(heights), () -> { }));
    }

    public int handOver(Handover handover) {
        template.requestBody(ROUTE, handover);
        return handover.size();
    }
}
