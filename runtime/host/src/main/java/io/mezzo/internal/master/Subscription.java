package io.mezzo.internal.master;

import io.mezzo.api.FrameworkId;

/** How the master answered a SUBSCRIBE (a refusal was already sent as an ERROR event). */
public sealed interface Subscription permits Subscription.Subscribed, Subscription.Refused {

    record Subscribed(FrameworkId frameworkId) implements Subscription {}

    record Refused(String message) implements Subscription {}
}
