/**
 * The Dominant Resource Fairness allocator bundle. Private: nothing here is exported; the
 * bundle provides {@link io.mezzo.spi.Allocator} as a Declarative Services component.
 */
package io.mezzo.allocator.drf;
