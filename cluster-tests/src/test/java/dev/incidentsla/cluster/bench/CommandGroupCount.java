package dev.incidentsla.cluster.bench;

import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The incident service's command groups so far ({@code incident_sla_command_groups_commands} from
 * {@code /actuator/prometheus}): groups committed, their commands, and groups split by a failed command.
 */
record CommandGroupCount(double committedGroups, double committedCommands, double splitGroups) {

    private static final String SUMMARY = "incident_sla_command_groups_commands";

    static CommandGroupCount read(int port) throws IOException {
        String scrape;
        try (KeepAliveHttp http = new KeepAliveHttp(port)) {
            scrape = http.send("GET", "/actuator/prometheus", null).text();
        }
        return new CommandGroupCount(sample(scrape, "_count", "committed"), sample(scrape, "_sum", "committed"),
                sample(scrape, "_count", "split"));
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
        return String.format("command groups committed %,.0f holding %,.0f commands (%.1f each), split %,.0f", groups,
                commands, groups == 0 ? 0 : commands / groups, splitGroups - before.splitGroups);
    }
}
