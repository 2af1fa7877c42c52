package dev.miniredis.server;

import java.io.PrintStream;
import java.text.MessageFormat;
import java.time.Instant;
import java.util.ResourceBundle;

/**
 * The backend behind every {@link System.Logger} in the server process: one line per event on standard output,
 * {@code <time> <LEVEL> <message>}, where the message carries key=value fields.
 *
 * <p>The JDK finds this class through {@code META-INF/services/java.lang.System$LoggerFinder}. We do not use the default
 * backend, java.util.logging, because its own shutdown hook removes its handlers while ours is still stopping the loop,
 * and the last lines of a shutdown ("event loop stopped") would be lost.
 */
public final class LineLoggerFinder extends System.LoggerFinder {
    private static volatile System.Logger.Level threshold = System.Logger.Level.INFO;
    private static final PrintStream OUT = System.out;

    /** Sets the lowest level printed, for every logger. */
    static void threshold(System.Logger.Level level) {
        threshold = level;
    }

    @Override
    public System.Logger getLogger(String name, Module module) {
        return new LineLogger(name);
    }

    private record LineLogger(String name) implements System.Logger {
        @Override
        public String getName() {
            return name;
        }

        @Override
        public boolean isLoggable(Level level) {
            return level != Level.OFF && level.getSeverity() >= threshold.getSeverity();
        }

        @Override
        public void log(Level level, ResourceBundle bundle, String message, Throwable thrown) {
            if (!isLoggable(level)) return;
            print(level, message);
            if (thrown != null) thrown.printStackTrace(OUT);
        }

        @Override
        public void log(Level level, ResourceBundle bundle, String format, Object... params) {
            if (!isLoggable(level)) return;
            print(level, params == null || params.length == 0 ? format : MessageFormat.format(format, params));
        }

        private static void print(Level level, String message) {
            OUT.println(Instant.now() + " " + level.getName() + " " + message);
        }
    }
}
