package io.acta.runtime.internal.serialization;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.acta.api.entity.Rejection;
import io.acta.api.spi.Outcome;
import io.acta.runtime.internal.entity.CommandEnvelope;
import io.acta.runtime.internal.entity.EntityState;
import io.acta.runtime.internal.entity.GetState;
import io.acta.runtime.internal.entity.IdempotencyLog;
import io.acta.runtime.internal.entity.IdempotencyRecorded;
import io.acta.runtime.internal.entity.ProcessControl;
import io.acta.runtime.internal.entity.PushedEvents;
import io.acta.runtime.internal.entity.StopEntity;
import io.acta.runtime.internal.entity.TracedEvent;
import io.acta.runtime.internal.views.ViewChanged;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.pekko.actor.ExtendedActorSystem;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorRefResolver;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.serialization.SerializerWithStringManifest;

/**
 * The one serializer of everything Acta stores or sends: user commands, events, replies and states
 * as JSON under their {@code @TypeName} ({@code name@version} manifests, never class names), and
 * the runtime's own envelopes, outcomes, idempotency records and snapshots.
 *
 * <p>Bound by the runtime to every registered class; finds its {@link TypeRegistry} in the actor
 * system's {@link ActaSetup}.
 */
public final class ActaSerializer extends SerializerWithStringManifest {
  /** Registered in {@code reference.conf}; must never change once data is stored. */
  public static final int IDENTIFIER = 1_732_211_208;

  static final String COMMAND = "acta.command@1";
  static final String ACCEPTED = "acta.accepted@1";
  static final String REJECTED = "acta.rejected@1";
  static final String FAILED = "acta.failed@1";
  static final String UNAVAILABLE = "acta.unavailable@1";
  static final String IDEMPOTENCY = "acta.idempotency-recorded@1";
  static final String SNAPSHOT = "acta.entity-snapshot@1";
  static final String GET_STATE = "acta.get-state@1";
  static final String STOP_ENTITY = "acta.stop-entity@1";
  static final String PROCESS_RETRY = "acta.process-retry@1";
  static final String PROCESS_ABANDON = "acta.process-abandon@1";
  static final String VIEW_CHANGED = "acta.view-changed@1";
  static final String PUSHED_EVENTS = "acta.pushed-events@1";

  /**
   * The field of a stored event's JSON that holds the trace it was persisted in: no Java record
   * component can have this name, so it never meets a field of the event.
   */
  static final String TRACE_FIELD = "acta.traceparent";

  private static final byte[] TRACE_KEY =
      ("\"" + TRACE_FIELD + "\"").getBytes(StandardCharsets.UTF_8);

  private final ExtendedActorSystem system;
  private final PayloadCodec codec;
  private volatile ActorRefResolver refResolver;

  public ActaSerializer(ExtendedActorSystem system) {
    this.system = system;
    this.codec = ActaSetup.of(system).codec();
  }

  @Override
  public int identifier() {
    return IDENTIFIER;
  }

  @Override
  public String manifest(Object o) {
    return switch (o) {
      case CommandEnvelope e -> COMMAND;
      case Outcome.Accepted a -> ACCEPTED;
      case Outcome.Rejected r -> REJECTED;
      case Outcome.Failed f -> FAILED;
      case Outcome.Unavailable u -> UNAVAILABLE;
      case IdempotencyRecorded r -> IDEMPOTENCY;
      case EntityState<?> s -> SNAPSHOT;
      case ViewChanged c -> VIEW_CHANGED;
      case PushedEvents p -> PUSHED_EVENTS;
      case TracedEvent t -> codec.entryOf(t.event()).manifest();
      default -> codec.entryOf(o).manifest();
    };
  }

  @Override
  public byte[] toBinary(Object o) {
    return switch (o) {
      case CommandEnvelope e -> write(envelopeToTree(e));
      case Outcome.Accepted a -> write(codec.typed(a.reply()).put("seq", a.sequenceNr()));
      case Outcome.Rejected r ->
          write(
              obj().put("kind", r.rejection().kind().name()).put("reason", r.rejection().reason()));
      case Outcome.Failed f -> write(obj().put("message", f.message()));
      case Outcome.Unavailable u -> write(obj().put("message", u.message()));
      case IdempotencyRecorded r -> write(idempotencyToTree(r));
      case EntityState<?> s -> write(snapshotToTree(s));
      case ViewChanged c -> write(viewChangedToTree(c));
      case PushedEvents p -> write(pushedToTree(p));
      case TracedEvent t -> write(tracedToTree(t));
      default -> codec.toBytes(o);
    };
  }

  @Override
  public Object fromBinary(byte[] bytes, String manifest) {
    return switch (manifest) {
      case COMMAND -> {
        JsonNode n = read(bytes);
        // Absent from the shard's stop message, which no one answers.
        JsonNode reply = n.get("replyTo");
        ActorRef<Outcome> replyTo =
            reply == null ? null : resolver().resolveActorRef(reply.asText());
        JsonNode command = n.get("command");
        // Absent from envelopes of nodes that predate tracing, and outside any trace.
        JsonNode trace = n.get("trace");
        yield new CommandEnvelope(
            commandFromTree(command), replyTo, trace == null ? null : trace.asText());
      }
      case ACCEPTED -> {
        JsonNode n = read(bytes);
        yield new Outcome.Accepted(codec.fromTyped(n), n.path("seq").asLong(0));
      }
      case REJECTED -> {
        JsonNode n = read(bytes);
        yield new Outcome.Rejected(
            new Rejection(
                Rejection.Kind.valueOf(n.get("kind").asText()), n.get("reason").asText()));
      }
      case FAILED -> new Outcome.Failed(read(bytes).get("message").asText());
      case UNAVAILABLE -> new Outcome.Unavailable(read(bytes).get("message").asText());
      case IDEMPOTENCY -> idempotencyFromTree(read(bytes));
      case SNAPSHOT -> snapshotFromTree(read(bytes));
      case VIEW_CHANGED -> viewChangedFromTree(read(bytes));
      case PUSHED_EVENTS -> pushedFromTree(read(bytes));
      default -> payloadFromBytes(bytes, manifest);
    };
  }

  private JsonNode tracedToTree(TracedEvent t) {
    JsonNode event = codec.toTree(t.event());
    if (event instanceof ObjectNode n) n.put(TRACE_FIELD, t.traceparent());
    return event;
  }

  /** A user payload; an event stored with its trace comes back as a {@link TracedEvent}. */
  private Object payloadFromBytes(byte[] bytes, String manifest) {
    if (!mayHoldTrace(bytes)) return codec.fromBytes(bytes, manifest);
    JsonNode tree;
    try {
      tree = codec.mapper().readTree(bytes);
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "cannot read payload " + manifest + ": " + e.getMessage(), e);
    }
    if (tree instanceof ObjectNode n && n.get(TRACE_FIELD) != null) {
      String trace = n.remove(TRACE_FIELD).asText();
      return new TracedEvent(codec.fromTree(n, manifest), trace);
    }
    return codec.fromTree(tree, manifest);
  }

  /**
   * Whether a stored payload's JSON may hold {@link #TRACE_FIELD}: its quoted name appears in the
   * bytes (as Jackson writes it, unescaped). A payload whose value spells it too is only read the
   * slower way, as a tree; one without it is read straight into its class.
   */
  static boolean mayHoldTrace(byte[] bytes) {
    outer:
    for (int i = 0, last = bytes.length - TRACE_KEY.length; i <= last; i++) {
      for (int j = 0; j < TRACE_KEY.length; j++) {
        if (bytes[i + j] != TRACE_KEY[j]) continue outer;
      }
      return true;
    }
    return false;
  }

  private ObjectNode envelopeToTree(CommandEnvelope e) {
    ObjectNode n = obj();
    if (e.replyTo() != null) n.put("replyTo", resolver().toSerializationFormat(e.replyTo()));
    n.set("command", commandToTree(e.command()));
    if (e.traceparent() != null) n.put("trace", e.traceparent());
    return n;
  }

  /** A user command under its type name, or one of the runtime's own under an {@code acta.} one. */
  private ObjectNode commandToTree(Object command) {
    return switch (command) {
      case GetState g -> obj().put("type", GET_STATE);
      case StopEntity s -> obj().put("type", STOP_ENTITY);
      case ProcessControl.Retry r -> obj().put("type", PROCESS_RETRY);
      case ProcessControl.Abandon a -> obj().put("type", PROCESS_ABANDON).put("reason", a.reason());
      default -> codec.typed(command);
    };
  }

  private Object commandFromTree(JsonNode command) {
    return switch (command.get("type").asText()) {
      case GET_STATE -> GetState.INSTANCE;
      case STOP_ENTITY -> StopEntity.INSTANCE;
      case PROCESS_RETRY -> ProcessControl.Retry.INSTANCE;
      case PROCESS_ABANDON -> new ProcessControl.Abandon(command.get("reason").asText());
      default -> codec.fromTyped(command);
    };
  }

  /**
   * Each entry under its own manifest, in the bytes the journal stores for it (base64 in the JSON):
   * written once here and read once on arrival, not parsed and written again as a tree.
   */
  private ObjectNode pushedToTree(PushedEvents p) {
    ObjectNode n =
        obj()
            .put("tag", p.tag())
            .put("pid", p.persistenceId())
            .put("first", p.firstSequenceNr())
            .put("at", p.timestamp());
    ArrayNode events = n.putArray("events");
    for (Object entry : p.events()) {
      events.addObject().put("manifest", manifest(entry)).put("entry", toBinary(entry));
    }
    return n;
  }

  private PushedEvents pushedFromTree(JsonNode n) {
    List<Object> events = new ArrayList<>();
    for (JsonNode e : n.get("events")) {
      String manifest = e.get("manifest").asText();
      try {
        events.add(fromBinary(e.get("entry").binaryValue(), manifest));
      } catch (IOException failure) {
        throw new IllegalArgumentException(
            "pushed event " + manifest + " is not base64: " + failure.getMessage(), failure);
      }
    }
    return new PushedEvents(
        n.get("tag").asText(),
        n.get("pid").asText(),
        n.get("first").asLong(),
        n.get("at").asLong(),
        events);
  }

  private ObjectNode viewChangedToTree(ViewChanged c) {
    ObjectNode n = obj().put("view", c.view()).put("version", c.version());
    ArrayNode keys = n.putArray("keys");
    c.keys().forEach(keys::add);
    ObjectNode progress = n.putObject("progress");
    c.progress().forEach(progress::put);
    return n;
  }

  private static ViewChanged viewChangedFromTree(JsonNode n) {
    List<String> keys = new ArrayList<>();
    n.get("keys").forEach(k -> keys.add(k.asText()));
    Map<String, Long> progress = new HashMap<>();
    n.get("progress").properties().forEach(e -> progress.put(e.getKey(), e.getValue().asLong()));
    return new ViewChanged(n.get("view").asText(), n.get("version").asInt(), keys, progress);
  }

  private ObjectNode idempotencyToTree(IdempotencyRecorded r) {
    return obj()
        .put("key", r.key())
        .put("fingerprint", r.fingerprint())
        .put("at", r.atMillis())
        .set("reply", codec.typed(r.reply()));
  }

  private IdempotencyRecorded idempotencyFromTree(JsonNode n) {
    return new IdempotencyRecorded(
        n.get("key").asText(),
        n.get("fingerprint").asText(),
        codec.fromTyped(n.get("reply")),
        n.get("at").asLong());
  }

  /**
   * The state with the fields this node did not know written back, so a newer node's data survives.
   */
  private ObjectNode snapshotToTree(EntityState<?> s) {
    ObjectNode state = codec.typed(s.state());
    if (s.unknownFields() != null && state.get("data") instanceof ObjectNode data) {
      for (Map.Entry<String, JsonNode> f : s.unknownFields().properties()) {
        if (!data.has(f.getKey())) data.set(f.getKey(), f.getValue());
      }
    }
    ArrayNode keys = codec.mapper().createArrayNode();
    for (IdempotencyRecorded r : s.idempotency().records()) keys.add(idempotencyToTree(r));
    ObjectNode n = obj();
    n.set("state", state);
    n.set("idempotency", keys);
    return n;
  }

  private EntityState<?> snapshotFromTree(JsonNode n) {
    JsonNode typedState = n.get("state");
    Object state = codec.fromTyped(typedState);
    ObjectNode unknown =
        PayloadCodec.unknownFields(typedState.get("data"), codec.toTree(state), codec.mapper());
    var records = new ArrayList<IdempotencyRecorded>();
    for (JsonNode k : n.get("idempotency")) records.add(idempotencyFromTree(k));
    return new EntityState<>(state, IdempotencyLog.of(records), unknown.isEmpty() ? null : unknown);
  }

  private ObjectNode obj() {
    return codec.mapper().createObjectNode();
  }

  private byte[] write(JsonNode n) {
    try {
      return codec.mapper().writeValueAsBytes(n);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private JsonNode read(byte[] bytes) {
    try {
      return codec.mapper().readTree(bytes);
    } catch (IOException e) {
      throw new IllegalArgumentException("corrupt Acta payload: " + e.getMessage(), e);
    }
  }

  private ActorRefResolver resolver() {
    ActorRefResolver r = refResolver;
    if (r == null) refResolver = r = ActorRefResolver.get(Adapter.toTyped(system));
    return r;
  }
}
