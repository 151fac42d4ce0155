/**
 * Readiness checks of a node, for Pekko Management's {@code /ready}: created by Pekko Management by
 * reflection, from their names in {@code pekko.management.health-checks.readiness-checks}
 * (acta-http's {@code reference.conf} lists them).
 */
package io.acta.runtime.health;
