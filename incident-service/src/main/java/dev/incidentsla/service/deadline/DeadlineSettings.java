package dev.incidentsla.service.deadline;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * How the incident service notices deadlines ({@code incident-sla.deadlines.*}). Every node polls the shared
 * {@code scheduled_tasks} table; a node that dies while firing a deadline is found out after
 * {@code heartbeatInterval × missedHeartbeats} and the deadline fires on another node.
 *
 * @param pollInterval how often a node looks for deadlines that fell due, whatever woke it: the bound on breach
 *                     detection latency when a wake-up was missed
 * @param lookAhead how far ahead every node reads the deadlines and arms a wake-up at each one's instant (it reads
 *                  again every half of it)
 * @param threads deadlines one node fires at the same time: incidents opened in the same second share their deadline's
 *                second, so deadlines come in bursts; a firing mostly waits for the database, so threads are cheap
 * @param heartbeatInterval how often a node says it is still firing what it picked
 * @param missedHeartbeats heartbeats missed before another node takes a picked deadline over (db-scheduler wants 4 or more)
 * @param firstRetry the wait before a deadline that failed (a concurrent command won the race) is tried again;
 *                   it doubles with each failure
 * @param heldTolerance a deadline due longer ago than this and not yet fired makes health report DOWN
 */
@ConfigurationProperties("incident-sla.deadlines")
public record DeadlineSettings(@DefaultValue("PT0.025S") Duration pollInterval,
                               @DefaultValue("PT2S") Duration lookAhead,
                               @DefaultValue("16") int threads,
                               @DefaultValue("PT1S") Duration heartbeatInterval,
                               @DefaultValue("4") int missedHeartbeats,
                               @DefaultValue("PT0.1S") Duration firstRetry,
                               @DefaultValue("PT5S") Duration heldTolerance) {
}
