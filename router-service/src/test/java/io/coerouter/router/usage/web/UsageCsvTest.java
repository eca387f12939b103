package io.coerouter.router.usage.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class UsageCsvTest {

    @Test
    void cellsAFormulaWouldStartAreNeutralisedWithALeadingQuote() {
        assertThat(UsageCsv.cell("=HYPERLINK(\"x\")")).isEqualTo("\"'=HYPERLINK(\"\"x\"\")\"");
        assertThat(UsageCsv.cell("+1")).isEqualTo("'+1");
        assertThat(UsageCsv.cell("-2")).isEqualTo("'-2");
        assertThat(UsageCsv.cell("@SUM(A1)")).isEqualTo("'@SUM(A1)");
        assertThat(UsageCsv.cell("\tx")).isEqualTo("'\tx");
        assertThat(UsageCsv.cell("key_1")).isEqualTo("key_1");
    }

    @Test
    void commasQuotesAndLineBreaksAreQuoted() {
        assertThat(UsageCsv.cell("a,b")).isEqualTo("\"a,b\"");
        assertThat(UsageCsv.cell("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
        assertThat(UsageCsv.cell("two\nlines")).isEqualTo("\"two\nlines\"");
        assertThat(UsageCsv.cell("")).isEmpty();
        assertThat(UsageCsv.cell(null)).isEmpty();
    }

    @Test
    void aRowHoldsEveryFigureAndEmptyCellsForAbsentOnes() {
        String csv = UsageCsv.of(List.of(new UsageReport.Entry(
                null,
                "=evil",
                4,
                1,
                30,
                12,
                new BigDecimal("0.00120"),
                new UsageReport.Latency(1.5, null, null),
                1,
                0.25,
                new BigDecimal("0.0004"))));

        assertThat(csv.split("\r\n")).containsExactly(UsageCsv.HEADER, ",'=evil,4,1,30,12,0.00120,1.5,,,1,0.25,0.0004");
        assertThat(UsageCsv.HEADER).endsWith(",cache_hits,cache_hit_rate,cache_saved_usd");
    }
}
