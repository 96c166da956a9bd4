package dev.incidentsla.projection.pipeline;

/** The end-to-end tests' parts, stopped in the order given: the ones that never started (null) are skipped. */
public final class Teardown {

    private Teardown() {
    }

    public static void closeInOrder(AutoCloseable... parts) throws Exception {
        Exception first = null;
        for (AutoCloseable part : parts) {
            if (part == null) {
                continue;
            }
            try {
                part.close();
            } catch (Exception e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
