package io.acta.api.entity;

/**
 * Marks a command and declares the type of its reply, so callers get a typed reply without any
 * {@code replyTo} field in the command:
 *
 * <pre>{@code
 * public sealed interface Command<R> extends ReplyType<R> {}
 * public record Deposit(long amount) implements Command<Balance> {}
 * }</pre>
 *
 * <p>{@code EntityRef.ask(new Deposit(10))} then completes with a {@code Balance}.
 *
 * @param <R> the reply type; use {@link Done} for commands that only acknowledge
 */
public interface ReplyType<R> {}
