/**
 * Mezzo's hdfs bundle: the implementation only; it exports nothing and registers its
 * service through Declarative Services.
 */
package io.mezzo.hdfs;
