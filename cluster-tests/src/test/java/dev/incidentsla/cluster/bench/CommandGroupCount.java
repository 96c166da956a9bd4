package dev.incidentsla.cluster.bench;

import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The incident service's command groups so far ({@code incident_sla_command_groups_commands} from
 * {@code /actuator/prometheus}): groups committed, their commands, groups split by a failed command, and commands sent
 * alone after waiting {@code max-wait} for their lane.
 */
record CommandGroupCount(double committedGroups, double committedCommands, double splitGroups, double waitedTooLong) {

    private static final String SUMMARY = "incident_sla_command_groups_commands";
    private static final String WAITED_TOO_LONG = "incident_sla_command_groups_waited_too_long_commands_total";

    static CommandGroupCount read(int port) throws IOException {
        String scrape;
        try (KeepAliveHttp http = new KeepAliveHttp(port)) {
            scrape = http.send("GET", "/actuator/prometheus", null).text();
        }
        return new CommandGroupCount(sample(scrape, "_count", "committed"), sample(scrape, "_sum", "committed"),
                sample(scrape, "_count", "split"), value(scrape, WAITED_TOO_LONG + "(?:\\{[^}]*})?"));
    }

    private static double sample(String scrape, String suffix, String outcome) {
        return value(scrape, SUMMARY + suffix + "\\{outcome=\"" + outcome + "\"[^}]*}");
    }

    /** The first sample of the series (a name and its labels, as a pattern); 0 when the scrape has none. */
    private static double value(String scrape, String series) {
        Matcher sample = Pattern.compile("(?m)^" + series + " ([0-9.eE+-]+)$").matcher(scrape);
        return sample.find() ? Double.parseDouble(sample.group(1)) : 0;
    }

    /** What happened since {@code before}, in words for the log. */
    String since(CommandGroupCount before) {
        double groups = committedGroups - before.committedGroups;
        double commands = committedCommands - before.committedCommands;
        return String.format("command groups committed %,.0f holding %,.0f commands (%.1f each), split %,.0f; "
                        + "%,.0f commands sent alone after max-wait", groups, commands, groups == 0 ? 0 : commands / groups,
                splitGroups - before.splitGroups, waitedTooLong - before.waitedTooLong);
    }
}
