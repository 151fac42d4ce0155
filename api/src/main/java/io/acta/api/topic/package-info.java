/**
 * Topics: an entity type's events published as public messages ({@link
 * io.acta.api.topic.Publication}), and a topic's messages turned into commands ({@link
 * io.acta.api.topic.Subscription}). Declared here in plain Java; a broker module (acta-kafka) runs
 * them.
 */
package io.acta.api.topic;
