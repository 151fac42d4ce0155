package io.acta.api.entity;

/**
 * A reply together with the write position of the command that produced it.
 *
 * @param reply the entity's reply
 * @param position where the entity's journal stood once the command was handled
 * @param <R> the reply type
 */
public record Acknowledged<R>(R reply, WritePosition position) {}
