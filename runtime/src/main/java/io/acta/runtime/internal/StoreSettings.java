package io.acta.runtime.internal;

import com.typesafe.config.Config;
import io.acta.runtime.spi.StoreProvider;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

/**
 * The store named by {@code acta.persistence.store}, among those on the class path: the in-memory
 * store of this module, and any store module's {@link StoreProvider} (such as acta-cassandra's).
 */
public final class StoreSettings {
  private StoreSettings() {}

  /** The configured store; fails naming the stores there are when it is none of them. */
  public static StoreProvider store(Config config) {
    String name = config.getString("acta.persistence.store");
    List<String> known = new ArrayList<>();
    for (StoreProvider p :
        ServiceLoader.load(StoreProvider.class, StoreSettings.class.getClassLoader())) {
      if (p.name().equals(name)) return p;
      known.add(p.name());
    }
    String hint = name.equals("cassandra") ? " (add the dependency io.acta:acta-cassandra)" : "";
    throw new IllegalArgumentException(
        "acta.persistence.store is \""
            + name
            + "\", but no such store is on the class path"
            + hint
            + "; stores found: "
            + known);
  }
}
