package org.neuralode4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

class JitQuiescenceTest {
    @Test
    void waitsAtLeastTheQuietPollsAndAtMostAboutTheLimit() {
        long limit = 2000;
        long waited = JitQuiescence.await(limit);
        assertThat(waited).isLessThan(limit + 2 * JitQuiescence.POLL_MILLIS);
        if (ManagementFactory.getCompilationMXBean().isCompilationTimeMonitoringSupported()) {
            assertThat(waited).isGreaterThanOrEqualTo(JitQuiescence.QUIET_POLLS * JitQuiescence.POLL_MILLIS);
        }
    }
}
