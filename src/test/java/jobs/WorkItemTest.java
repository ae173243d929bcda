package jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class WorkItemTest {

    @Test
    void roundTripsThroughTheTopicFormat() {
        WorkItem item = new WorkItem(3_573_064L, "walk", 0);
        assertThat(item.toJson()).isEqualTo("{\"height\":3573064,\"job\":\"walk\",\"attempt\":0}");
        assertThat(WorkItem.fromJson(item.toJson())).isEqualTo(item);
        assertThat(item.key()).isEqualTo("3573064");
    }

    @Test
    void aBareNumberIsAHandMadeItem() {
        assertThat(WorkItem.fromJson("42")).isEqualTo(new WorkItem(42, "manual", 0));
    }

    @Test
    void rejectsWhatIsNotAWorkItem() {
        assertThatThrownBy(() -> WorkItem.fromJson("{\"job\":\"walk\"}")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> WorkItem.fromJson("not json")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> WorkItem.fromJson("-1")).isInstanceOf(IllegalArgumentException.class);
    }
}
