/** The zset commands (work in progress). */
package dev.miniredis.command.zset;
