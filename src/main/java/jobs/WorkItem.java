package jobs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * One unit of work on the heights topic: {@code {"height":H,"job":"walk","attempt":0}}, keyed by
 * the height so that a height always lands on the same partition.
 */
public record WorkItem(long height, String job, int attempt) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public WorkItem {
        if (height < 0) {
            throw new IllegalArgumentException("height must be >= 0: " + height);
        }
        if (job == null || job.isBlank()) {
            throw new IllegalArgumentException("job must be named");
        }
    }

    public String key() {
        return Long.toString(height);
    }

    public String toJson() {
        return JSON.createObjectNode().put("height", height).put("job", job).put("attempt", attempt).toString();
    }

    /** Reads a work item; a bare number (an operator's hand-made record) is accepted as a height. */
    public static WorkItem fromJson(String value) {
        try {
            JsonNode node = JSON.readTree(value);
            if (node != null && node.isIntegralNumber()) {
                return new WorkItem(node.asLong(), "manual", 0);
            }
            if (node == null || !node.path("height").isIntegralNumber()) {
                throw new IllegalArgumentException("not a work item: " + abbreviate(value));
            }
            return new WorkItem(node.get("height").asLong(), node.path("job").asText("manual"),
                    node.path("attempt").asInt(0));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a work item: " + abbreviate(value), e);
        }
    }

    private static String abbreviate(String value) {
        return value == null || value.length() <= 80 ? String.valueOf(value) : value.substring(0, 80) + "…";
    }
}
