package dev.incidentsla.sla.data;

import dev.incidentsla.sla.calendar.HolidayDirectory;
import dev.incidentsla.sla.calendar.HolidayYear;
import dev.incidentsla.sla.calendar.PublicHolidays;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Public holidays per country, layered: holiday tables (operator files named in configuration over the
 * tables the product ships in {@code holidays/XX.yaml}) for the years they list, then Jollyday, then none.
 * A country or year that nobody knows gets no public holidays and a logged warning, never an error.
 */
public final class HolidayLibrary implements HolidayDirectory {

    private static final System.Logger LOG = System.getLogger(HolidayLibrary.class.getName());
    private static final String BUNDLED = "holidays/%s.yaml";

    private final Map<String, HolidayTable> operatorTables;
    private final Map<String, Optional<HolidayTable>> tables = new ConcurrentHashMap<>();
    private final JollydayHolidays jollyday = new JollydayHolidays();
    private final Set<String> warned = ConcurrentHashMap.newKeySet();

    private HolidayLibrary(Map<String, HolidayTable> operatorTables) {
        this.operatorTables = Map.copyOf(operatorTables);
    }

    /** Only the shipped tables and Jollyday. */
    public static HolidayLibrary bundled() {
        return new HolidayLibrary(Map.of());
    }

    /**
     * The shipped tables, replaced or extended year by year by the tables in {@code location}: one YAML or
     * JSON file, or a directory of them, one country per file.
     */
    public static HolidayLibrary withOperatorTables(Path location) {
        Map<String, HolidayTable> tables = new HashMap<>();
        for (Path file : dataFiles(location)) {
            HolidayTable table = YamlFiles.read(file, HolidayTable.File.class).toTable(file.toString());
            tables.merge(table.country(), table, HolidayTable::overriddenBy);
        }
        return new HolidayLibrary(tables);
    }

    @Override
    public PublicHolidays publicHolidays(String country, String subdivision) {
        String code = country.toUpperCase();
        Optional<HolidayTable> table = tables.computeIfAbsent(code, this::table);
        boolean inJollyday = jollyday.knows(code);
        if (table.isEmpty() && !inJollyday) {
            warnOnce(code, "no holiday data for country " + code + ": it gets no public holidays beyond the contract's own lists");
            return PublicHolidays.NONE;
        }
        return year -> {
            Optional<HolidayTable.Year> fromTable = table.flatMap(candidate -> candidate.year(year));
            if (fromTable.isPresent()) {
                return fromTable.get().days();
            }
            if (inJollyday) {
                if (table.isPresent()) {
                    warnOnce(code + "/" + year, "no holiday table for " + code + " in " + year
                            + ": falling back to Jollyday, which the table exists to correct; add the year's table");
                }
                return jollyday.inYear(code, subdivision, year);
            }
            warnOnce(code + "/" + year, "no holiday table for " + code + " in " + year
                    + ": that year gets no public holidays beyond the contract's own lists");
            return HolidayYear.NONE;
        };
    }

    /** The tables this library uses for a country, shipped and operator-provided merged. */
    public Optional<HolidayTable> table(String country) {
        String resource = BUNDLED.formatted(country);
        HolidayTable.File file = YamlFiles.readResource(resource, HolidayTable.File.class);
        HolidayTable bundled = file == null ? null : file.toTable("classpath:" + resource);
        HolidayTable operator = operatorTables.get(country);
        if (bundled == null) {
            return Optional.ofNullable(operator);
        }
        return Optional.of(operator == null ? bundled : bundled.overriddenBy(operator));
    }

    private void warnOnce(String key, String message) {
        if (warned.add(key)) {
            LOG.log(Level.WARNING, message);
        }
    }

    private static List<Path> dataFiles(Path location) {
        if (!Files.isDirectory(location)) {
            if (!Files.isRegularFile(location)) {
                throw new IllegalArgumentException("holiday tables location " + location + " is neither a file nor a directory");
            }
            return List.of(location);
        }
        try (Stream<Path> files = Files.list(location)) {
            return files.filter(file -> file.getFileName().toString().matches(".*\\.(ya?ml|json)"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list holiday tables in " + location, e);
        }
    }
}
