package dev.miniredis.testing;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

/** Whether an external program the tests drive (redis-server, redis-cli, tmux, nutcracker) is installed. */
public final class Tools {
    private Tools() {
    }

    /** True if {@code tool} is an executable file in one of the PATH directories. */
    public static boolean installed(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) return true;
        }
        return false;
    }
}
