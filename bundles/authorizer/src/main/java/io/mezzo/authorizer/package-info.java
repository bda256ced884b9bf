/**
 * Mezzo's authorizer bundle: the implementation only; it exports nothing and registers its
 * service through Declarative Services.
 */
package io.mezzo.authorizer;
