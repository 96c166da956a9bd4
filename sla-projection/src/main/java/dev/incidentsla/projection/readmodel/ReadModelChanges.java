package dev.incidentsla.projection.readmodel;

import java.util.List;

/**
 * Told which rows a batch of the projector changed, inside the batch's transaction once the rows are written, so that
 * whatever it does there (the live stream's {@code NOTIFY}) commits or rolls back with them.
 */
@FunctionalInterface
public interface ReadModelChanges {

    /** @param rows the rows the batch changed, as written, in incident order */
    void written(List<SlaRow> rows);
}
