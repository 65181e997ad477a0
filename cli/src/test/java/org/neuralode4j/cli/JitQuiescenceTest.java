package org.neuralode4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

class JitQuiescenceTest {
    @Test
    void waitsAtLeastTheQuietPollsAndAtMostAboutTheLimit() {
        long limit = 1000;
        long waited = JitQuiescence.await(limit);
        // the deadline is checked before each poll's sleep; a second of slack for a busy machine
        assertThat(waited).isLessThan(limit + JitQuiescence.POLL_MILLIS + 1000);
        if (ManagementFactory.getCompilationMXBean().isCompilationTimeMonitoringSupported()) {
            assertThat(waited).isGreaterThanOrEqualTo(JitQuiescence.QUIET_POLLS * JitQuiescence.POLL_MILLIS);
        }
    }
}
