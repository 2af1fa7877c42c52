/** The hash commands (work in progress). */
package dev.miniredis.command.hash;
