package io.mezzo.allocator.drf;

import io.mezzo.api.Resources;

/**
 * A fairness policy: the order in which clients (roles, or the frameworks of one role) are
 * offered resources. The allocator keeps one sorter for roles and one per role for its
 * frameworks, and tells each what the clients hold and what the cluster has; the sorter
 * decides nothing else.
 *
 * <p>Clients are named (names break ties and must be unique) and addressed by the handle
 * {@link #add} returns: a small non-negative int, reused after {@link #remove}, so that the
 * allocator can keep per-client data in arrays rather than maps.
 *
 * <p>Pure and single-threaded: no clock, no I/O, no locks.
 */
interface Sorter {

    /** Adds an active client holding nothing, with weight 1; returns its handle. */
    int add(String name);

    /** Forgets the client and what it holds; its handle may be given to a later client. */
    void remove(int client);

    String name(int client);

    /** Lists the client in {@link #sort()} again. */
    void activate(int client);

    /** Leaves the client out of {@link #sort()}; what it holds still counts. */
    void deactivate(int client);

    boolean isActive(int client);

    /** A positive, finite weight; a client of weight 2 is entitled to twice the share of one of weight 1. */
    void updateWeight(int client, double weight);

    /** The client now also holds {@code resources} (only scalars matter, reserved ones under their name). */
    void allocated(int client, Resources resources);

    /** The client no longer holds {@code resources}; amounts never go below zero. */
    void unallocated(int client, Resources resources);

    /** The cluster grew by {@code resources} (an agent joined). */
    void addTotal(Resources resources);

    /** The cluster shrank by {@code resources} (an agent left); amounts never go below zero. */
    void removeTotal(Resources resources);

    /**
     * The client's weighted dominant share: the largest fraction, over the scalar names that count
     * for fairness, of the cluster total it holds, divided by its weight. Every policy reports it,
     * whether or not it orders by it, so that operators can compare policies.
     */
    double share(int client);

    /**
     * The active clients, first to be offered first. The array may be the sorter's own: the
     * caller must not modify it, and it holds this order only until the sorter next changes, so
     * a caller that goes on along this order after changing the sorter copies what it still
     * needs first. (Handing out a fresh copy per call would make garbage at every allocation.)
     */
    int[] sort();
}
