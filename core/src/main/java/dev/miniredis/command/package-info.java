/**
 * One class per command. Each has a static {@code parse(Args)} and an {@code execute(Context)} that applies it to the
 * {@link dev.miniredis.db.Db} and writes the reply straight into the connection's write buffer.
 *
 * <p>Read {@link dev.miniredis.command.CommandTable} first (name lookup without allocation, Redis's arity rule, error
 * replies), then a simple command such as {@link dev.miniredis.command.Get}, then {@link dev.miniredis.command.Set}, whose
 * options show how Redis's argument rules are reproduced.
 */
package dev.miniredis.command;
