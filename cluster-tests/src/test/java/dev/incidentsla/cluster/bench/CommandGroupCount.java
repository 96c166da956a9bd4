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
    private static final Pattern WAITED_TOO_LONG =
            Pattern.compile("(?m)^incident_sla_command_groups_waited_too_long_commands_total(?:\\{[^}]*})? ([0-9.eE+-]+)$");

    static CommandGroupCount read(int port) throws IOException {
        String scrape;
        try (KeepAliveHttp http = new KeepAliveHttp(port)) {
            scrape = http.send("GET", "/actuator/prometheus", null).text();
        }
        Matcher waited = WAITED_TOO_LONG.matcher(scrape);
        return new CommandGroupCount(sample(scrape, "_count", "committed"), sample(scrape, "_sum", "committed"),
                sample(scrape, "_count", "split"), waited.find() ? Double.parseDouble(waited.group(1)) : 0);
    }

    private static double sample(String scrape, String suffix, String outcome) {
        Matcher sample = Pattern.compile("(?m)^" + SUMMARY + suffix + "\\{outcome=\"" + outcome + "\"[^}]*} ([0-9.eE+-]+)$")
                .matcher(scrape);
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
