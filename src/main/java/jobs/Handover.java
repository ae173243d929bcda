package jobs;

import java.util.List;

/**
 * What one job tick hands over to the work queue: the work items, and what the job records once
 * Kafka has acknowledged all of them (its cursor, a walk's progress). Route {@code queue-heights}
 * sends the items and only then runs {@link #advance()}, so a failed send never moves a cursor.
 */
public record Handover(String job, List<WorkItem> items, Runnable onHandedOver) {

    public Handover {
        items = List.copyOf(items);
    }

    /** Nothing to hand over this tick. */
    public static Handover none(String job) {
        return new Handover(job, List.of(), () -> { });
    }

    /** Heights of one job, attempt 0, with what to record after they are acknowledged. */
    public static Handover of(String job, List<Long> heights, Runnable onHandedOver) {
        return new Handover(job, heights.stream().map(h -> new WorkItem(h, job, 0)).toList(), onHandedOver);
    }

    public boolean isEmpty() {
        return items.isEmpty();
    }

    public int size() {
        return items.size();
    }

    public List<Long> heights() {
        return items.stream().map(WorkItem::height).toList();
    }

    /** Called only after Kafka acknowledged every item. */
    public void advance() {
        onHandedOver.run();
    }
}
