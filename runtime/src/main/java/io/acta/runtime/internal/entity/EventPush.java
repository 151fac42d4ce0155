package io.acta.runtime.internal.entity;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.pekko.NotUsed;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Extension;
import org.apache.pekko.actor.typed.ExtensionId;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.actor.typed.pubsub.Topic;
import org.apache.pekko.stream.OverflowStrategy;
import org.apache.pekko.stream.javadsl.Source;

/**
 * Hands the events an entity has just persisted straight to the projections of its slice (views,
 * reactions, feeds) on every node, over a cluster pub-sub topic per slice, so that they need not
 * wait for events-by-tag to show them: events-by-tag shows an event only after its {@code
 * eventual-consistency-delay} and the next look at the tag, most of a view's freshness before.
 *
 * <p>At most once, as pub-sub is: the projections read events-by-tag all the same, which stays the
 * source of what exists and of their offsets. An event that comes both ways is applied once (a
 * projection's recorded progress per entity recognizes it); one pushed after a lost one makes a
 * hole in its entity's sequence numbers, which the projection fills from the journal. One per actor
 * system: the node's entities publish, its projections subscribe.
 */
public final class EventPush implements Extension {
  private static final Id ID = new Id();

  private final ActorSystem<?> system;
  private final boolean enabled;
  private final Map<String, ActorRef<Topic.Command<PushedEvents>>> topics =
      new ConcurrentHashMap<>();

  private EventPush(ActorSystem<?> system) {
    this.system = system;
    this.enabled = system.settings().config().getBoolean("acta.projections.push-events");
  }

  /** The push of {@code system}. */
  public static EventPush get(ActorSystem<?> system) {
    return ID.apply(system);
  }

  /** Whether events are pushed at all ({@code acta.projections.push-events}). */
  public boolean enabled() {
    return enabled;
  }

  /** Publishes entries {@code firstSequenceNr} on of {@code persistenceId}, just persisted. */
  void publish(
      String tag,
      String persistenceId,
      long firstSequenceNr,
      long timestamp,
      List<Object> entries) {
    if (!enabled || entries.isEmpty()) return;
    topic(tag)
        .tell(
            Topic.publish(
                new PushedEvents(tag, persistenceId, firstSequenceNr, timestamp, entries)));
  }

  /**
   * The events pushed for {@code tag} from the moment the source runs. At most {@code buffer} wait
   * for a slow consumer; beyond that the oldest are dropped (their tag brings them, and a hole a
   * dropped one leaves before a later one of its entity is read from the journal).
   */
  public Source<PushedEvents, NotUsed> subscribe(String tag, int buffer) {
    return Source.<PushedEvents>actorRef(
            message -> Optional.empty(),
            message -> Optional.empty(),
            buffer,
            OverflowStrategy.dropHead())
        .mapMaterializedValue(
            ref -> {
              // The topic watches its subscribers: the source's actor leaves it when it stops.
              topic(tag).tell(Topic.subscribe(Adapter.<PushedEvents>toTyped(ref)));
              return NotUsed.notUsed();
            });
  }

  private ActorRef<Topic.Command<PushedEvents>> topic(String tag) {
    return topics.computeIfAbsent(
        tag,
        t ->
            system.systemActorOf(
                Topic.create(PushedEvents.class, "acta-events-" + t),
                "acta-events-" + URLEncoder.encode(t, StandardCharsets.UTF_8),
                Props.empty()));
  }

  private static final class Id extends ExtensionId<EventPush> {
    @Override
    public EventPush createExtension(ActorSystem<?> system) {
      return new EventPush(system);
    }
  }
}
