package dev.incidentsla.projection.report;

import dev.incidentsla.api.Severity;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The CSV form of a report: RFC 4180 fields and lines, whatever a value holds. */
class ReportCsvTest {

    @Test
    void a_value_holding_a_comma_a_quote_or_a_line_break_is_quoted_and_its_quotes_doubled() {
        ComplianceReport report = new ComplianceReport(List.of(ReportKey.CONTRACT, ReportKey.PROGRAM), List.of(
                new ComplianceReport.Row("a,b", null, "say \"x\"", null, 1, 0, 0, 0),
                new ComplianceReport.Row("line\nbreak", null, "cr\rhere", null, 0, 1, 0, 0),
                new ComplianceReport.Row("plain", null, "UNIFIED", null, 0, 0, 1, 1)));

        assertThat(ReportCsv.text(report)).isEqualTo("contractId,program,total,met,breached,cancelled,pending,metRatio\r\n"
                + "\"a,b\",\"say \"\"x\"\"\",1,1,0,0,0,1\r\n"
                + "\"line\nbreak\",\"cr\rhere\",1,0,1,0,0,0\r\n"
                + "plain,UNIFIED,2,0,0,1,1,\r\n");
    }

    @Test
    void without_keys_the_header_holds_the_counts_only_and_ratios_are_plain_decimals() {
        ComplianceReport report = new ComplianceReport(List.of(), List.of(new ComplianceReport.Row(null, null, null, null, 1, 9999,
                0, 0)));

        assertThat(ReportCsv.text(report)).isEqualTo("total,met,breached,cancelled,pending,metRatio\r\n10000,1,9999,0,0,0.0001\r\n");
    }

    @Test
    void the_ratio_is_met_over_met_and_breached_rounded_to_four_places_and_absent_when_nothing_was_decided() {
        assertThat(ComplianceReport.Row.ratio(2, 1)).hasToString("0.6667");
        assertThat(ComplianceReport.Row.ratio(1, 2)).hasToString("0.3333");
        assertThat(ComplianceReport.Row.ratio(3, 0)).hasToString("1");
        assertThat(ComplianceReport.Row.ratio(0, 3)).hasToString("0");
        assertThat(ComplianceReport.Row.ratio(0, 0)).isNull();
        assertThat(new ComplianceReport.Row(null, Severity.B, null, null, 0, 0, 4, 2).metRatio()).isNull();
    }
}
