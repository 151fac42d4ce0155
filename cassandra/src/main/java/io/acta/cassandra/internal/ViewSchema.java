package io.acta.cassandra.internal;

import com.datastax.oss.driver.api.core.CqlSession;
import com.typesafe.config.Config;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.projection.cassandra.javadsl.CassandraProjection;

/**
 * The tables of views, in the journal's keyspace.
 *
 * <p>{@code view_rows}: a partition per (view, key) holds the row itself (entry {@code ''}). A row
 * per entity keeps its entity's last applied sequence number beside it ({@code seq}). A row many
 * entities fold into keeps, per slice writing it (entry {@code writer:<tag>}), that writer's {@link
 * io.acta.runtime.spi.WriterMarks} ({@code run}, {@code applied}, {@code carried}): both live in
 * one partition so that one conditional batch updates them together, so an event is applied once or
 * not at all, and a redelivered one is recognized, in bookkeeping bounded by the number of slices,
 * not of entities. Rows written before these marks keep an entry per source entity (entry = its
 * persistence id), still read. {@code view_keys} lists a view's keys in 16 partitions for paging;
 * {@code view_index} maps an indexed field's value to keys; {@code view_progress} holds, per source
 * entity, the last sequence number the view has processed (for read-your-writes); {@code
 * view_skips} the events an operator told the view to pass over; {@code view_versions} which
 * version of a view serves reads and which, if any, is being rebuilt. Rows, keys, index and
 * progress are kept per version, under {@code name@version}.
 */
final class ViewSchema {
  /** Partitions of a view's key listing. */
  static final int KEY_PARTITIONS = 16;

  private ViewSchema() {}

  static List<String> statements(String keyspace) {
    return List.of(
        "CREATE TABLE IF NOT EXISTS "
            + keyspace
            + ".view_rows ( view_name text, row_key text, entry text, row_manifest text, row blob,"
            + " version bigint, seq bigint, run text, applied frozen<map<text, bigint>>, carried"
            + " frozen<map<text, bigint>>, PRIMARY KEY ((view_name, row_key), entry))",
        // Tables made before writer marks gain their columns; a no-op on a new table.
        "ALTER TABLE " + keyspace + ".view_rows ADD IF NOT EXISTS run text",
        "ALTER TABLE "
            + keyspace
            + ".view_rows ADD IF NOT EXISTS applied frozen<map<text, bigint>>",
        "ALTER TABLE "
            + keyspace
            + ".view_rows ADD IF NOT EXISTS carried frozen<map<text, bigint>>",
        "CREATE TABLE IF NOT EXISTS "
            + keyspace
            + ".view_keys ("
            + " view_name text, part int, row_key text, PRIMARY KEY ((view_name, part), row_key))",
        "CREATE TABLE IF NOT EXISTS "
            + keyspace
            + ".view_index ( view_name text, field text, value text, row_key text, PRIMARY KEY"
            + " ((view_name, field, value), row_key))",
        "CREATE TABLE IF NOT EXISTS "
            + keyspace
            + ".view_progress ("
            + " view_name text, source text, seq bigint, PRIMARY KEY ((view_name, source)))",
        "CREATE TABLE IF NOT EXISTS "
            + keyspace
            + ".view_skips ( view_name text, source text, seq bigint, skipped_at timestamp, PRIMARY"
            + " KEY ((view_name), source, seq))",
        "CREATE TABLE IF NOT EXISTS "
            + keyspace
            + ".view_versions ("
            + " view_name text PRIMARY KEY, serving int, building int)");
  }

  /** The tables a node checks for when it does not create the schema itself. */
  static Set<String> tables() {
    return Set.of(
        "view_rows", "view_keys", "view_index", "view_progress", "view_skips", "view_versions");
  }

  /** Creates the view tables and the projections' offset tables (idempotent). */
  static void create(CqlSession session, ActorSystem<?> system) {
    Ddl.execute(
        session,
        "views",
        statements(
            system.settings().config().getString("pekko.persistence.cassandra.journal.keyspace")));
    CassandraProjection.createTablesIfNotExists(system).toCompletableFuture().join();
  }

  /** Fails naming the view and offset tables that are missing. */
  static void verify(CqlSession session, Config config) {
    Set<String> required = new HashSet<>(tables());
    required.add(config.getString("pekko.projection.cassandra.offset-store.table"));
    Ddl.requireTables(
        session,
        config.getString("pekko.persistence.cassandra.journal.keyspace"),
        required,
        "view");
  }
}
