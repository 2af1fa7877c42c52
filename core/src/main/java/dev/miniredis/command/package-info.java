/**
 * The command framework: how a command declares itself, and the one place every command passes through before it runs.
 * The commands live one family per package, one command per file: {@link dev.miniredis.command.string},
 * {@link dev.miniredis.command.keys}, {@link dev.miniredis.command.pubsub}, {@link dev.miniredis.command.connection},
 * {@link dev.miniredis.command.server}.
 *
 * <p>Read {@link dev.miniredis.command.CommandSpec} first: one command's metadata (name, arity, flags, where its keys
 * are, its parser, and for a container its subcommands), declared in the command's own file. Then
 * {@link dev.miniredis.command.CommandTable}: name lookup without allocation, Redis's checks in Redis's order (name,
 * arity, authentication, subscribed mode), and client mistakes turned into error replies. Then
 * {@link dev.miniredis.command.Unknown}, what a name that matches nothing resolves to. Then one command, such as
 * {@link dev.miniredis.command.string.Get}.
 *
 * <p>The rest of the framework: {@link dev.miniredis.command.Command} (parsed and ready to run),
 * {@link dev.miniredis.command.Args} (arguments, with Redis's rules for options and integers),
 * {@link dev.miniredis.command.CommandError} (a client's mistake, as an error reply),
 * {@link dev.miniredis.command.Context} (what a command may touch: the store, the pub/sub registry, its connection as a
 * {@link dev.miniredis.command.Session}, the server as {@link dev.miniredis.command.ServerControl}, and the time of the
 * turn), {@link dev.miniredis.command.ExpireTime} (an EX/PX/EXAT/PXAT amount turned into a deadline), and
 * {@link dev.miniredis.command.Flag} and {@link dev.miniredis.command.Category}, Redis's words for describing commands.
 *
 * <p>Dependencies: the families depend on this package, on {@code db}, {@code pubsub} and {@code protocol}; this package
 * knows the families only in {@link dev.miniredis.command.CommandTable#standard()}, which registers them. Nothing here
 * knows the reactor: a connection is a {@link dev.miniredis.command.Session}.
 */
package dev.miniredis.command;
