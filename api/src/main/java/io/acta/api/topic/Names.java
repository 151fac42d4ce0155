package io.acta.api.topic;

import java.util.regex.Pattern;

/** The naming rules of publications, subscriptions and topics, checked when they are declared. */
final class Names {
  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_-]{0,47}");
  // Kafka's own rule for topic names: at most 249 of these characters.
  private static final Pattern TOPIC = Pattern.compile("[a-zA-Z0-9._-]{1,249}");

  private Names() {}

  static void requireName(String kind, String name) {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          kind
              + " name '"
              + name
              + "' must start with a lower-case letter and hold"
              + " only lower-case letters, digits, '-' and '_' (at most 48)");
    }
  }

  static void requireTopic(String topic) {
    if (topic == null || !TOPIC.matcher(topic).matches() || topic.equals(".") || topic.equals(".."))
      throw new IllegalArgumentException(
          "topic '" + topic + "' must hold 1 to 249 letters, digits, '.', '_' and '-'");
  }
}
