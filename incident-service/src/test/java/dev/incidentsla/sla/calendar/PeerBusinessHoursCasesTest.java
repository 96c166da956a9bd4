package dev.incidentsla.sla.calendar;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.MonthDay;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Business-hours cases mined from other projects' test suites (src/test/resources/peer-cases), each run
 * through {@link BusinessCalendar}. Two cases were written for the other closing convention (roll a
 * deadline that lands on closing time to the next opening); for those the documented difference is asserted.
 */
class PeerBusinessHoursCasesTest {

    private static final Map<String, Instant> CLOSING_TIME_CONVENTION = Map.of(
            "biz-04", Instant.parse("2006-01-08T12:00:00Z"),
            "biz-05", Instant.parse("2019-01-12T00:00:00Z"));

    @TestFactory
    Stream<DynamicTest> every_peer_case_holds_on_our_calendar() throws IOException {
        JsonNode cases = load().get("cases");
        assertThat(cases.size()).isEqualTo(40);
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode peerCase : cases) {
            tests.add(DynamicTest.dynamicTest(peerCase.get("id").asText() + " " + peerCase.get("tags"), () -> check(peerCase)));
        }
        return tests.stream();
    }

    private static void check(JsonNode peerCase) {
        ZoneId zone = zone(peerCase.get("calendar").get("timezone").asText());
        BusinessCalendar calendar = calendar(peerCase.get("calendar"), zone);
        String id = peerCase.get("id").asText();
        if (peerCase.get("kind").asText().equals("elapsed")) {
            Instant from = local(peerCase.get("start_local").asText(), zone);
            Instant to = local(peerCase.get("end_local").asText(), zone);
            assertThat(calendar.elapsed(from, to)).isEqualTo(minutes(peerCase.get("expected_business_minutes")));
            return;
        }
        Instant start = peerCase.has("start_utc") ? Instant.parse(peerCase.get("start_utc").asText())
                : local(peerCase.get("start_local").asText(), zone);
        Instant end = addWithPauses(calendar, start, minutes(peerCase.get("duration_minutes")), pauses(peerCase));
        if (CLOSING_TIME_CONVENTION.containsKey(id)) {
            assertThat(end).as("closing time stays closing time (SLA-RULES 7.15)").isEqualTo(CLOSING_TIME_CONVENTION.get(id));
            assertThat(end).as("the peer rolls to the next opening").isNotEqualTo(expectedEnd(peerCase, zone));
        } else if (peerCase.has("expected_end_date")) {
            assertThat(LocalDate.ofInstant(end, zone)).isEqualTo(LocalDate.parse(peerCase.get("expected_end_date").asText()));
            assertThat(end).isEqualTo(local(peerCase.get("expected_end_local_derived").asText(), zone));
        } else {
            assertThat(end).isEqualTo(expectedEnd(peerCase, zone));
        }
    }

    /** Pauses (an SLA on hold) stop the clock: count up to the pause, restart after it. */
    private static Instant addWithPauses(BusinessCalendar calendar, Instant start, Duration amount, List<Instant[]> pauses) {
        Instant cursor = start;
        Duration remaining = amount;
        for (Instant[] pause : pauses) {
            if (!pause[0].isBefore(calendar.add(cursor, remaining)) || !pause[1].isAfter(cursor)) {
                continue;
            }
            remaining = remaining.minus(calendar.elapsed(cursor, pause[0].isAfter(cursor) ? pause[0] : cursor));
            cursor = pause[1];
        }
        return calendar.add(cursor, remaining);
    }

    private static BusinessCalendar calendar(JsonNode spec, ZoneId zone) {
        Map<DayOfWeek, List<WorkingWindow>> windows = new EnumMap<>(DayOfWeek.class);
        List<WorkingWindow> anyDay = null;
        for (var day : (Iterable<Map.Entry<String, JsonNode>>) spec.get("weekly_hours")::fields) {
            List<WorkingWindow> list = new ArrayList<>();
            day.getValue().forEach(pair -> list.add(WorkingWindow.parse(pair.get(0).asText(), pair.get(1).asText())));
            windows.put(dayOfWeek(day.getKey()), list);
            anyDay = anyDay == null ? list : anyDay;
        }
        Map<LocalDate, String> fixed = new HashMap<>();
        spec.path("holidays").forEach(date -> fixed.put(LocalDate.parse(date.asText()), "holiday"));
        List<MonthDay> recurring = new ArrayList<>();
        spec.path("recurring_holidays").forEach(day -> recurring.add(MonthDay.parse("--" + day.asText())));
        PublicHolidays holidays = year -> {
            Map<LocalDate, String> days = new HashMap<>();
            fixed.forEach((date, name) -> {
                if (date.getYear() == year) {
                    days.put(date, name);
                }
            });
            recurring.forEach(day -> days.put(day.atYear(year), "recurring holiday"));
            return new HolidayYear(days, Map.of());
        };
        return new BusinessCalendar(zone, new WorkingWeek(windows, anyDay), holidays, LocalExceptions.NONE);
    }

    private static DayOfWeek dayOfWeek(String abbreviation) {
        return Stream.of(DayOfWeek.values()).filter(day -> day.name().startsWith(abbreviation)).findFirst().orElseThrow();
    }

    private static ZoneId zone(String name) {
        return name.startsWith("floating") ? ZoneOffset.UTC : ZoneId.of(name);
    }

    private static Instant local(String text, ZoneId zone) {
        return LocalDateTime.parse(text).atZone(zone).toInstant();
    }

    private static Instant expectedEnd(JsonNode peerCase, ZoneId zone) {
        return peerCase.has("expected_end_utc") ? Instant.parse(peerCase.get("expected_end_utc").asText())
                : local(peerCase.get("expected_end_local").asText(), zone);
    }

    private static Duration minutes(JsonNode minutes) {
        return Duration.ofMillis(new BigDecimal(minutes.asText()).multiply(BigDecimal.valueOf(60_000)).longValueExact());
    }

    private static List<Instant[]> pauses(JsonNode peerCase) {
        List<Instant[]> pauses = new ArrayList<>();
        peerCase.path("pauses_utc").forEach(pause -> pauses.add(new Instant[]{
                Instant.parse(pause.get(0).asText()), Instant.parse(pause.get(1).asText())}));
        pauses.sort((a, b) -> a[0].compareTo(b[0]));
        return pauses;
    }

    private static JsonNode load() throws IOException {
        try (InputStream in = PeerBusinessHoursCasesTest.class.getResourceAsStream("/peer-cases/business_hours_cases.json")) {
            return new ObjectMapper().readTree(in);
        }
    }
}
