package dev.incidentsla.projection.health;

import org.axonframework.common.DateTimeUtils;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

import static dev.incidentsla.eventstore.EventStoreConfiguration.CLAIM_TIMEOUT;
import static dev.incidentsla.eventstore.EventStoreConfiguration.TOKEN_SCHEMA;

/**
 * The segments' claims in Axon's token store, whichever node holds them. A claim not extended within the token
 * store's claim timeout belongs to a node that is gone: its segment waits for another node to take it over.
 */
@Repository
public class TokenClaims {

    private final JdbcTemplate jdbc;
    private final String segmentsOfProcessor;

    public TokenClaims(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        TokenSchema schema = TOKEN_SCHEMA;
        this.segmentsOfProcessor = "SELECT " + schema.segmentColumn() + ", " + schema.ownerColumn() + ", " + schema.timestampColumn()
                + " FROM " + schema.tokenTable() + " WHERE " + schema.processorNameColumn() + " = ? ORDER BY " + schema.segmentColumn();
    }

    /** A segment's claim: {@code owner} null when released. */
    public record Claim(int segment, String owner, Instant claimedAt) {

        public boolean live(Instant now, Duration claimTimeout) {
            return owner != null && claimedAt != null && !claimedAt.isBefore(now.minus(claimTimeout));
        }
    }

    public List<Claim> claims(String processorName) {
        return jdbc.query(segmentsOfProcessor, (rs, n) -> new Claim(rs.getInt(1), rs.getString(2), instant(rs.getString(3))),
                processorName);
    }

    /** The segments of the processor that no live node owns at {@code now}. */
    public List<Integer> withoutLiveOwner(String processorName, Instant now) {
        return claims(processorName).stream().filter(claim -> !claim.live(now, CLAIM_TIMEOUT)).map(Claim::segment).toList();
    }

    private static Instant instant(String timestamp) {
        if (timestamp == null) {
            return null;
        }
        try {
            return DateTimeUtils.parseInstant(timestamp);
        } catch (DateTimeParseException unreadable) {
            return null;
        }
    }
}
