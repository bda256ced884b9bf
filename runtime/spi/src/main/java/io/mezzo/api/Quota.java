package io.mezzo.api;

/**
 * A role's quota, as Mesos's {@code QuotaConfig}: {@code guarantees} are scalars the role is
 * promised (allocated to it before others get more, and held back from others while not yet
 * met); {@code limits} cap what it may hold. A resource named in neither is unconstrained; an
 * empty quota is no quota. Guarantees never exceed limits.
 */
public record Quota(Resources guarantees, Resources limits) {
    public static final Quota NONE = new Quota(Resources.empty(), Resources.empty());

    public Quota {
        if (guarantees == null || limits == null) {
            throw new IllegalArgumentException("quota needs guarantees and limits (possibly empty)");
        }
        requireUnreservedScalars("guarantees", guarantees);
        requireUnreservedScalars("limits", limits);
        for (Resource limit : limits) {
            Scalar guaranteed = guarantees.scalar(limit.name());
            if (guaranteed.compareTo((Scalar) limit.value()) > 0) {
                throw new IllegalArgumentException("quota guarantee " + limit.name() + ":" + guaranteed
                        + " exceeds its limit " + limit.value());
            }
        }
    }

    private static void requireUnreservedScalars(String what, Resources resources) {
        for (Resource r : resources) {
            if (!(r.value() instanceof Scalar) || !r.isUnreserved()) {
                throw new IllegalArgumentException("quota " + what + " must be unreserved scalars, not " + r);
            }
        }
    }

    /** The limit on {@code name}, or empty when unlimited. */
    public java.util.Optional<Scalar> limit(String name) {
        return limits.names().contains(name) ? java.util.Optional.of(limits.scalar(name)) : java.util.Optional.empty();
    }

    public boolean isNone() {
        return guarantees.isEmpty() && limits.isEmpty();
    }
}
