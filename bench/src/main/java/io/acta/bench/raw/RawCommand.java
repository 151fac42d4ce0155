package io.acta.bench.raw;

import io.acta.examples.ledger.Money;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.pattern.StatusReply;

/** The account commands of the hand-written Pekko reference; each carries where its reply goes. */
public sealed interface RawCommand extends RawJson {

  /** Opens the account. */
  record Open(String owner, String currency, ActorRef<StatusReply<Done>> replyTo)
      implements RawCommand {}

  /** Puts money in; replies with the new balance. */
  record Deposit(Money amount, ActorRef<StatusReply<Money>> replyTo) implements RawCommand {}

  /** Reads the account. */
  record Get(ActorRef<StatusReply<RawState>> replyTo) implements RawCommand {}
}
