package io.coerouter.router.dispatch;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class WorkItemTest {

    @Test
    void aWorkItemNeedsARequestAReplyChannelAPayloadAndATime() {
        assertThatThrownBy(() -> new WorkItem(null, "gw", "{}", 0)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new WorkItem(" ", "gw", "{}", 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new WorkItem("r", "", "{}", 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new WorkItem("r", "gw", null, 0)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new WorkItem("r", "gw", " ", 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new WorkItem("r", "gw", "{}", -1)).isInstanceOf(IllegalArgumentException.class);
    }
}
