/**
 * The commands about the server as a whole: DBSIZE, FLUSHDB, FLUSHALL, SHUTDOWN, INFO, and the CONFIG and COMMAND
 * containers. They reach the server through {@link dev.miniredis.command.ServerControl} and its
 * {@link dev.miniredis.command.ServerStats} and {@link dev.miniredis.command.Settings}, never the event loop itself.
 *
 * <p>Read {@link dev.miniredis.command.server.CommandInfo} first: the server describing its own commands, every element
 * generated from the {@link dev.miniredis.command.CommandSpec}s, including the subcommands of containers, and answering
 * as redis-server 7.0 does. Then {@link dev.miniredis.command.server.Shutdown}, which only asks the loop to stop, and
 * {@link dev.miniredis.command.server.ConfigSet}, all or nothing across several parameters.
 *
 * <p>The idea this package shows: metadata declared once is enough. No list of flags, arities or subcommands is written
 * twice; COMMAND, COMMAND INFO, COMMAND DOCS and COMMAND LIST read the same specs the table checks commands against.
 */
package dev.miniredis.command.server;
