package dev.miniredis.command;

import java.util.List;

/**
 * The server's settings as CONFIG GET and CONFIG SET see them: Redis's parameter names, string values. Parameters Redis
 * has but that mean nothing here (persistence, eviction) are reported with the value that describes what we do, so tools
 * that ask (redis-benchmark asks for {@code save} and {@code appendonly}) get a truthful answer.
 */
public interface Settings {
    /** Every parameter name, in a stable order. */
    List<String> names();

    /** The value of a parameter, or null if there is no such parameter. */
    String get(String name);

    /**
     * Changes a parameter at run time. Returns null on success, or the reason it failed (Redis's wording after
     * {@code CONFIG SET failed (possibly related to argument '...') - }); throws {@link CommandError} for a parameter
     * that does not exist or cannot be changed.
     */
    String set(String name, String value);
}
