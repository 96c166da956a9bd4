package dev.incidentsla.cluster.bench;

import java.util.Collection;

/** Nearest-rank percentiles of a sample in milliseconds. */
record Stats(int count, double p50, double p90, double p99, double max) {

    static Stats of(Collection<Double> millis) {
        double[] sorted = millis.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        if (sorted.length == 0) {
            return new Stats(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        return new Stats(sorted.length, rank(sorted, 0.50), rank(sorted, 0.90), rank(sorted, 0.99), sorted[sorted.length - 1]);
    }

    private static double rank(double[] sorted, double share) {
        return sorted[(int) Math.max(0, Math.min(sorted.length - 1, Math.ceil(share * sorted.length) - 1))];
    }

    static String ms(double millis) {
        if (Double.isNaN(millis)) {
            return "n/a";
        }
        if (Math.abs(millis) >= 10_000) {
            return String.format("%.1f s", millis / 1000);
        }
        return Math.abs(millis) >= 100 ? String.format("%.0f ms", millis) : String.format("%.1f ms", millis);
    }

    static String ratio(double alert, double raw) {
        return Double.isNaN(alert) || Double.isNaN(raw) || raw <= 0 ? "n/a" : String.format("%.1f×", alert / raw);
    }

    /** p50, p90, p99, max, count as a Markdown table row after the label. */
    String row(String label) {
        return "| " + label + " | " + ms(p50) + " | " + ms(p90) + " | " + ms(p99) + " | " + ms(max) + " | " + count + " |";
    }

    String line() {
        return "n=" + count + " p50 " + ms(p50) + " p90 " + ms(p90) + " p99 " + ms(p99) + " max " + ms(max);
    }
}
