/** The set commands (work in progress). */
package dev.miniredis.command.set;
