package io.coerouter.router.usage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class UsagePropertiesTest {

    private static UsageProperties.Datasource db(String url) {
        return UsageProperties.Datasource.of(url, "coe", "hunter2-secret");
    }

    @Test
    void withoutAUrlUsageHistoryIsOff() {
        assertThat(UsageProperties.of(db(null), UsageProperties.RequestLog.off())
                        .enabled())
                .isFalse();
        assertThat(UsageProperties.of(db(" "), UsageProperties.RequestLog.off()).enabled())
                .isFalse();
        assertThat(UsageProperties.of(db("jdbc:postgresql://db/coe"), UsageProperties.RequestLog.off())
                        .enabled())
                .isTrue();
    }

    @Test
    void thePasswordIsNeverPrintedNorIsAUrlsQuery() {
        UsageProperties.Datasource datasource = db("jdbc:postgresql://db/coe?password=in-the-url");

        assertThat(datasource.toString()).doesNotContain("hunter2-secret").doesNotContain("in-the-url");
        assertThat(UsageProperties.of(datasource, UsageProperties.RequestLog.off())
                        .toString())
                .doesNotContain("hunter2-secret");
    }

    @Test
    void badSettingsAreRefusedNamingTheKey() {
        assertThatThrownBy(() -> db("jdbc:mysql://db/coe"))
                .hasMessageContaining("coe.usage.datasource.url")
                .hasMessageNotContaining("hunter2");
        assertThatThrownBy(() -> new UsageProperties(
                        db(null),
                        "Robert'); DROP",
                        10,
                        10,
                        Duration.ofSeconds(1),
                        Duration.ofSeconds(1),
                        Duration.ofDays(1),
                        Duration.ofHours(1),
                        UsageProperties.RequestLog.off()))
                .hasMessageContaining("coe.usage.schema");
        assertThatThrownBy(() -> new UsageProperties(
                        db(null),
                        "coe_usage",
                        0,
                        10,
                        Duration.ofSeconds(1),
                        Duration.ofSeconds(1),
                        Duration.ofDays(1),
                        Duration.ofHours(1),
                        UsageProperties.RequestLog.off()))
                .hasMessageContaining("coe.usage.buffer-size");
        assertThatThrownBy(() -> new UsageProperties.RequestLog(true, false, Duration.ZERO))
                .hasMessageContaining("coe.usage.request-log.retention");
    }
}
