/**
 * Values shared between the Mezzo host and its plugin bundles: identifiers, resources,
 * attributes and the descriptions the SPIs exchange.
 *
 * <p>Everything here is an immutable value that validates itself on construction, so a
 * bundle can pass it across threads and trust it. Version 1.x only adds; a change that a
 * bundle compiled against 1.0 could notice bumps the major version.
 */
@Version("1.1.0")
package io.mezzo.api;

import org.osgi.annotation.versioning.Version;
