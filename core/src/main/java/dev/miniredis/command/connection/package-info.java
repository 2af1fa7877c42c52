/**
 * The commands about the connection itself: PING, ECHO, SELECT, QUIT, AUTH, HELLO, RESET, and the CLIENT container with
 * its subcommands (CLIENT SETNAME, CLIENT LIST, CLIENT KILL, ...). They see the connection only through
 * {@link dev.miniredis.command.Session}, never the reactor's own class.
 *
 * <p>Read {@link dev.miniredis.command.connection.Hello} first: the handshake modern clients open with, which may
 * authenticate ({@link dev.miniredis.command.connection.Auth}), name the connection
 * ({@link dev.miniredis.command.connection.ClientSetName}) and switch it to RESP3 in one command. Then
 * {@link dev.miniredis.command.connection.ClientCommand}: CLIENT is not a command but a table of subcommands, each its
 * own small command with its own spec, found by name like any other.
 *
 * <p>The idea this package shows: a container's subcommand is a full command. {@code client|setname} has its own arity,
 * flags and error messages, and the table checks them before authentication, exactly as Redis does.
 */
package dev.miniredis.command.connection;
