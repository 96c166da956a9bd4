package dev.incidentsla.projection.live;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * Settings of the live stream ({@code sla-projection.live.*}).
 *
 * @param heartbeatInterval how often a quiet stream sends a comment line, so that proxies and load balancers that
 *                          close idle connections (often after 60 s) keep it open
 * @param clientBuffer      changes a client may fall behind by before it is disconnected (it then reconnects and reloads
 *                          the snapshot): the most a slow client costs this node's memory, beyond the socket's buffer
 */
@ConfigurationProperties("sla-projection.live")
public record LiveProperties(@DefaultValue("PT15S") Duration heartbeatInterval,
                             @DefaultValue("1000") int clientBuffer) {

    public LiveProperties {
        if (heartbeatInterval.isNegative() || heartbeatInterval.isZero()) {
            throw new IllegalArgumentException("sla-projection.live.heartbeat-interval must be positive");
        }
        if (clientBuffer < 1) {
            throw new IllegalArgumentException("sla-projection.live.client-buffer must be at least 1");
        }
    }
}
