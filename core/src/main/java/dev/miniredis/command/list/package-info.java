/** The list commands (work in progress). */
package dev.miniredis.command.list;
