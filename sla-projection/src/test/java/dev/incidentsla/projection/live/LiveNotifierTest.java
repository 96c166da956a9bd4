package dev.incidentsla.projection.live;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class LiveNotifierTest {

    @Test
    void a_batch_of_a_few_incidents_is_one_payload_of_their_ids() {
        assertThat(LiveNotifier.payloads(List.of("INC-1", "INC-2", "INC-3"))).containsExactly("INC-1 INC-2 INC-3");
        assertThat(LiveNotifier.payloads(List.of())).isEmpty();
    }

    @Test
    void a_large_batch_is_split_under_postgresqls_payload_limit_and_loses_no_id() {
        List<String> ids = IntStream.range(0, 1000).mapToObj(n -> "INC-" + "x".repeat(90) + "-" + n).toList();

        List<String> payloads = LiveNotifier.payloads(ids);

        assertThat(payloads).hasSizeGreaterThan(1)
                .allSatisfy(payload -> assertThat(payload.getBytes(StandardCharsets.UTF_8).length)
                        .isLessThanOrEqualTo(LiveNotifier.MAX_PAYLOAD_BYTES));
        assertThat(payloads.stream().flatMap(payload -> Arrays.stream(payload.split(" ")))).containsExactlyElementsOf(ids);
    }
}
