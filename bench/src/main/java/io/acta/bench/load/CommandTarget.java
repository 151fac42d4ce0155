package io.acta.bench.load;

import java.util.concurrent.CompletionStage;

/**
 * Something the load driver sends commands to: Acta or one of its references, each running the same
 * account domain. The driver calls {@link #send} from many threads at once.
 */
public interface CommandTarget extends AutoCloseable {

  /** The subject's name in the results, e.g. "Acta (in-memory)". */
  String name();

  /** Creates (opens) accounts {@code 0 .. accounts-1} so that {@link #send} finds them. */
  void prepare(int accounts) throws Exception;

  /**
   * Starts one command against account {@code account} (deposit one unit, reply with the balance);
   * the stage completes with the reply, exceptionally when the command failed.
   */
  CompletionStage<?> send(int account);

  /** Releases what {@link #prepare} set up; the default keeps nothing. */
  @Override
  default void close() {}
}
