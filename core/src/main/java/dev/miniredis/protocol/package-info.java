/**
 * RESP, the Redis serialization protocol, in both directions and in both versions (RESP2, and RESP3 after HELLO 3).
 *
 * <p>Read {@link dev.miniredis.protocol.RequestParser} first: a resumable state machine that turns the bytes a client sent
 * into commands without ever blocking or rescanning. {@link dev.miniredis.protocol.RespWriter} encodes replies straight
 * into a connection's write buffer. {@link dev.miniredis.protocol.ReplyParser} is the client side's parser.
 *
 * <p>This package depends on nothing else in the project.
 */
package dev.miniredis.protocol;
