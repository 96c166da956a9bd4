package dev.incidentsla.projection.report;

import org.reactivestreams.Publisher;
import org.springframework.core.ResolvableType;
import org.springframework.core.codec.AbstractEncoder;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferFactory;
import org.springframework.http.MediaType;
import org.springframework.util.MimeType;
import reactor.core.publisher.Flux;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A compliance report as CSV (RFC 4180): a header line, then a line per row, the groupBy keys' columns first in the
 * order of the request, then the party owing the timer (in the reports that say it), lines ended by CRLF, UTF-8. A
 * field holding a comma, a double quote or a line break is quoted (its quotes doubled); an absent ratio is an empty
 * field. Registered as a codec, so that content negotiation chooses it for {@code Accept: text/csv} like any other
 * format.
 */
public class ReportCsv extends AbstractEncoder<ComplianceReport> {

    public static final String TEXT_CSV_VALUE = "text/csv";
    public static final MediaType TEXT_CSV = new MediaType("text", "csv", StandardCharsets.UTF_8);
    private static final List<String> COUNTS = List.of("total", "met", "breached", "cancelled", "pending", "metRatio");

    public ReportCsv() {
        super(TEXT_CSV);
    }

    @Override
    public boolean canEncode(ResolvableType elementType, MimeType mimeType) {
        return ComplianceReport.class.isAssignableFrom(elementType.toClass()) && super.canEncode(elementType, mimeType);
    }

    @Override
    public Flux<DataBuffer> encode(Publisher<? extends ComplianceReport> inputStream, DataBufferFactory bufferFactory,
                                   ResolvableType elementType, MimeType mimeType, Map<String, Object> hints) {
        return Flux.from(inputStream).map(report -> encodeValue(report, bufferFactory, elementType, mimeType, hints));
    }

    @Override
    public DataBuffer encodeValue(ComplianceReport report, DataBufferFactory bufferFactory, ResolvableType valueType,
                                  MimeType mimeType, Map<String, Object> hints) {
        return bufferFactory.wrap(text(report).getBytes(StandardCharsets.UTF_8));
    }

    public static String text(ComplianceReport report) {
        StringBuilder csv = new StringBuilder();
        List<String> header = new ArrayList<>();
        report.groupBy().forEach(key -> header.add(key.field()));
        if (report.party() != null) {
            header.add("party");
        }
        header.addAll(COUNTS);
        line(csv, header);
        for (ComplianceReport.Row row : report.rows()) {
            List<String> fields = new ArrayList<>();
            report.groupBy().forEach(key -> fields.add(row.key(key)));
            if (report.party() != null) {
                fields.add(row.party().name());
            }
            fields.add(Long.toString(row.total()));
            fields.add(Long.toString(row.met()));
            fields.add(Long.toString(row.breached()));
            fields.add(Long.toString(row.cancelled()));
            fields.add(Long.toString(row.pending()));
            fields.add(row.metRatio() == null ? "" : row.metRatio().toPlainString());
            line(csv, fields);
        }
        return csv.toString();
    }

    private static void line(StringBuilder csv, List<String> fields) {
        for (int index = 0; index < fields.size(); index++) {
            if (index > 0) {
                csv.append(',');
            }
            csv.append(field(fields.get(index)));
        }
        csv.append("\r\n");
    }

    private static String field(String value) {
        if (value.indexOf(',') < 0 && value.indexOf('"') < 0 && value.indexOf('\r') < 0 && value.indexOf('\n') < 0) {
            return value;
        }
        return '"' + value.replace("\"", "\"\"") + '"';
    }
}
