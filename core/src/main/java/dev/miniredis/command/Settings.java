package dev.miniredis.command;

import java.util.List;

/**
 * The server's settings as CONFIG GET and CONFIG SET see them: Redis's parameter names, string values. Parameters Redis
 * has but that mean nothing here (persistence, eviction) are reported with the value that describes what we do, so tools
 * that ask (redis-benchmark asks for {@code save} and {@code appendonly}) get a truthful answer.
 */
public interface Settings {
    /**
     * Every parameter name, in a stable order.
     *
     * @return the names, as Redis spells them
     */
    List<String> names();

    /**
     * The value of a parameter, or null if there is no such parameter.
     *
     * @param name the parameter name, lower case
     * @return its current value as text, or null
     */
    String get(String name);

    /**
     * Whether CONFIG SET may change a parameter (Redis's "immutable" configs may not; they are set at start only).
     *
     * @param name the parameter name, lower case
     * @return false for an immutable or unknown parameter
     */
    default boolean mutable(String name) {
        return get(name) != null;
    }

    /**
     * Changes a parameter at run time. Returns null on success, or the reason it failed (Redis's wording after
     * {@code CONFIG SET failed (possibly related to argument '...') - }); throws {@link CommandError} for a parameter
     * that does not exist or cannot be changed.
     *
     * @param name the parameter name, lower case
     * @param value the new value as text
     * @return null on success, otherwise the reason for the failure
     */
    String set(String name, String value);

    /**
     * CONFIG REWRITE: writes the running settings back to the config file the server started with.
     *
     * @return null on success, otherwise the error text (without "ERR "), Redis's words
     */
    default String rewriteConfigFile() {
        return "The server is running without a config file";
    }
}
