package filflow;

import org.junit.jupiter.api.Test;
import testsupport.FilflowInstance;
import testsupport.SharedEngines;

import java.util.Map;

class BootSmokeTest {
    @Test
    void boots() {
        try (FilflowInstance app = FilflowInstance.start(SharedEngines.newTempDir(), Map.of())) {
            System.out.println("HEALTH " + app.health());
            String metrics = app.metrics();
            System.out.println("METRICS " + metrics.length() + " " + metrics.lines().filter(l -> l.startsWith("jvm_memory_used") || l.contains("camel_")).limit(10).toList());
            System.out.println("ROUTES " + app.context().getRoutes());
        }
    }
}
