package io.mezzo.benchmarks;

/** How many agents and frameworks a benchmark cluster has, written {@code 10000x1000}. */
record ClusterSize(int agents, int frameworks) {
    ClusterSize {
        if (agents < 1 || frameworks < 1) {
            throw new IllegalArgumentException("cluster size " + agents + "x" + frameworks
                    + ": needs at least one agent and one framework");
        }
    }

    /** Parses {@code <agents>x<frameworks>}, as JMH's {@code @Param} values are written. */
    static ClusterSize parse(String text) {
        String[] parts = text.strip().split("x");
        if (parts.length != 2) {
            throw new IllegalArgumentException("invalid cluster size '" + text + "': expected <agents>x<frameworks>");
        }
        try {
            return new ClusterSize(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("invalid cluster size '" + text + "': not a number", e);
        }
    }

    @Override
    public String toString() {
        return agents + "x" + frameworks;
    }
}
