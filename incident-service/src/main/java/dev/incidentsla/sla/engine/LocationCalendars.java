package dev.incidentsla.sla.engine;

import dev.incidentsla.api.contract.BusinessHours;
import dev.incidentsla.api.contract.Identifiers;
import dev.incidentsla.api.contract.SupportLocation;
import dev.incidentsla.api.contract.TimeWindow;
import dev.incidentsla.sla.calendar.BusinessCalendar;
import dev.incidentsla.sla.calendar.HolidayDirectory;
import dev.incidentsla.sla.calendar.LocalExceptions;
import dev.incidentsla.sla.calendar.WorkingWeek;
import dev.incidentsla.sla.calendar.WorkingWindow;
import dev.incidentsla.sla.policy.LocationDefaults;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.zone.ZoneRulesException;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Builds (and keeps) the business calendar of each support location, with the policy's defaults, and chooses the one an
 * incident is supported from: every business-hours timer of an incident walks {@link #calendarFor}.
 */
public final class LocationCalendars {

    private static final Set<String> ISO_COUNTRIES = Set.of(Locale.getISOCountries());
    private static final Pattern COUNTRY_CODE_FORM = Pattern.compile("[A-Z]{2}");

    private final LocationDefaults defaults;
    private final HolidayDirectory holidays;
    private final Map<SupportLocation, BusinessCalendar> calendars = new ConcurrentHashMap<>();

    public LocationCalendars(LocationDefaults defaults, HolidayDirectory holidays) {
        this.defaults = defaults;
        this.holidays = holidays;
    }

    public BusinessCalendar calendarOf(SupportLocation location) {
        return calendars.computeIfAbsent(location, this::build);
    }

    /**
     * The calendar of the contract location an incident is supported from: the one it names by id, or the contract's
     * primary location when it names none ({@code null}).
     *
     * @throws UnknownLocationException when the contract has no location of that id
     */
    public BusinessCalendar calendarFor(ContractTerms contract, String locationId) {
        return calendarOf(contract.location(locationId));
    }

    /**
     * Whether a text has the form of a zone id, known or not: an IANA region id such as {@code Asia/Jakarta}, or an
     * offset such as {@code +07:00}. A region of that form that this JVM's zone rules do not know still has the form.
     */
    public static boolean isZoneIdForm(String timeZone) {
        if (timeZone == null) {
            return false;
        }
        try {
            ZoneId.of(timeZone);
            return true;
        } catch (ZoneRulesException unknownRegion) {
            return true;
        } catch (DateTimeException malformed) {
            return false;
        }
    }

    /** Whether a text has the form of an ISO 3166-1 alpha-2 code (two capital letters), assigned or not. */
    public static boolean isCountryCodeForm(String country) {
        return country != null && COUNTRY_CODE_FORM.matcher(country).matches();
    }

    /** Throws {@link InvalidContractException} naming the first setting that cannot be used. */
    public void validate(SupportLocation location) {
        build(location);
    }

    /**
     * Checks every location of a contract: each usable, ids usable and distinct, and the primary one of them, with the
     * same settings as the entry of its id.
     *
     * @throws InvalidContractException naming the first broken rule, and the location it is about
     */
    public void validate(ContractTerms contract) {
        if (contract.location() == null) {
            throw new InvalidContractException("supportLocation is required");
        }
        if (contract.locations().size() == 1 && contract.locations().get(0).equals(contract.location())) {
            validate(contract.location());
            return;
        }
        Set<String> ids = new LinkedHashSet<>();
        for (int index = 0; index < contract.locations().size(); index++) {
            SupportLocation location = contract.locations().get(index);
            String field = "supportLocations[" + index + "]";
            if (location.id() == null) {
                throw new InvalidContractException(field + ".id is required: every location of several is named");
            }
            try {
                Identifiers.requireUsable(location.id(), field + ".id");
            } catch (IllegalArgumentException e) {
                throw new InvalidContractException(e.getMessage());
            }
            if (!ids.add(location.id())) {
                throw new InvalidContractException("support location id '" + location.id() + "' is listed twice");
            }
            try {
                build(location);
            } catch (InvalidContractException e) {
                throw new InvalidContractException(field + " ('" + location.id() + "'): " + e.getMessage());
            }
        }
        SupportLocation primary = contract.location();
        if (primary.id() == null || !ids.contains(primary.id())) {
            throw new InvalidContractException("supportLocation is the primary location and must be one of "
                    + "supportLocations, with its id (one of " + String.join(", ", ids) + ")"
                    + (primary.id() == null ? "" : "; got '" + primary.id() + "'"));
        }
        if (!contract.location(primary.id()).equals(primary)) {
            throw new InvalidContractException("supportLocation '" + primary.id() + "' differs from the entry of "
                    + "supportLocations with that id: give the primary's settings once, in supportLocations, or the same "
                    + "in both");
        }
    }

    private BusinessCalendar build(SupportLocation location) {
        if (location == null) {
            throw new InvalidContractException("supportLocation is required");
        }
        ZoneId zone = zone(location.timeZone());
        String country = country(location.country());
        WorkingWeek week = week(location);
        LocalExceptions exceptions = LocalExceptions.of(
                orEmpty(location.extraHolidays()), orEmpty(location.removedHolidays()), orEmpty(location.extraWorkingDays()));
        return new BusinessCalendar(zone, week, holidays.publicHolidays(country, location.subdivision()), exceptions);
    }

    private static ZoneId zone(String timeZone) {
        if (timeZone == null || timeZone.isBlank()) {
            throw new InvalidContractException("supportLocation.timeZone is required (an IANA zone such as Asia/Jakarta)");
        }
        try {
            return ZoneId.of(timeZone);
        } catch (DateTimeException e) {
            throw new InvalidContractException("unknown time zone '" + timeZone + "' (expected an IANA zone such as Asia/Jakarta)");
        }
    }

    private static String country(String country) {
        if (country == null || !ISO_COUNTRIES.contains(country)) {
            throw new InvalidContractException("unknown country '" + country + "' (expected an ISO 3166-1 alpha-2 code such as ID)");
        }
        return country;
    }

    private WorkingWeek week(SupportLocation location) {
        List<DayOfWeek> weekendDays = location.weekendDays() == null ? defaults.weekendDays() : location.weekendDays();
        BusinessHours hours = location.businessHours();
        String opens = hours == null || hours.opens() == null ? defaults.opens() : hours.opens();
        String closes = hours == null || hours.closes() == null ? defaults.closes() : hours.closes();
        try {
            List<WorkingWindow> standardDay = List.of(WorkingWindow.parse(opens, closes));
            Map<DayOfWeek, List<WorkingWindow>> windows = new EnumMap<>(DayOfWeek.class);
            for (DayOfWeek day : DayOfWeek.values()) {
                List<TimeWindow> own = hours == null || hours.days() == null ? null : hours.days().get(day);
                if (own != null) {
                    windows.put(day, own.stream().map(window -> WorkingWindow.parse(window.opens(), window.closes())).toList());
                } else {
                    windows.put(day, weekendDays.contains(day) ? List.of() : standardDay);
                }
            }
            WorkingWeek week = new WorkingWeek(windows, standardDay);
            if (!week.hasWorkingTime()) {
                throw new InvalidContractException("supportLocation has no working day in its week");
            }
            return week;
        } catch (InvalidContractException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new InvalidContractException("supportLocation.businessHours: " + e.getMessage());
        }
    }

    private static List<LocalDate> orEmpty(List<LocalDate> dates) {
        return dates == null ? List.of() : dates;
    }
}
