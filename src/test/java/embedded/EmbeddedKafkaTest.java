package embedded;

import org.apache.camel.CamelContext;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.kafka.KafkaComponent;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.Test;
import testsupport.SharedEngines;

import java.util.List;
import java.util.concurrent.TimeUnit;

/** camel-kafka producing to and consuming from the embedded KRaft broker. */
class EmbeddedKafkaTest extends CamelTestSupport {
    private static final String TOPIC = "engines-test";

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext context = super.createCamelContext();
        KafkaComponent kafka = new KafkaComponent();
        kafka.getConfiguration().setBrokers(SharedEngines.kafkaBrokers());
        context.addComponent("kafka", kafka);
        return context;
    }

    @Override
    protected RoutesBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("kafka:" + TOPIC + "?groupId=engines-test&autoOffsetReset=earliest&pollTimeoutMs=200")
                        .routeId("test-kafka-consume")
                        .to("mock:received");
            }
        };
    }

    @Test
    void producesAndConsumesThroughCamelKafka() throws Exception {
        MockEndpoint received = getMockEndpoint("mock:received");
        received.expectedBodiesReceivedInAnyOrder("one", "two", "three");
        received.expectedHeaderValuesReceivedInAnyOrder(KafkaConstants.KEY, "k1", "k2", "k3");

        List<String> bodies = List.of("one", "two", "three");
        for (int i = 0; i < bodies.size(); i++) {
            template.sendBodyAndHeader("kafka:" + TOPIC, bodies.get(i), KafkaConstants.KEY, "k" + (i + 1));
        }

        received.assertIsSatisfied(TimeUnit.SECONDS.toMillis(30));
    }
}
