package dev.miniredis.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The guide's pages as the checks read them: every {@code docs/*.md}, line by line, with fenced code blocks blanked out
 * (what is inside a fence is code to run or output to expect, not prose that names things).
 *
 * <p>Maven runs the tests with the {@code docs} module as the working directory; these helpers also work from the
 * repository root.
 */
final class GuidePages {
    private GuidePages() {
    }

    /** One line of prose: the page, its 1-based line number, and its text. */
    record Line(Path page, int number, String text) {
        String where() {
            return page.getFileName() + ":" + number;
        }
    }

    static Path docsDirectory() {
        Path here = Path.of("").toAbsolutePath();
        if (Files.isRegularFile(here.resolve("pom.xml")) && Files.isDirectory(here.resolve("src/main/java/dev/miniredis/examples"))) {
            return here;                     // the docs module itself (how Maven runs the tests)
        }
        Path fromRoot = here.resolve("docs");
        if (Files.isDirectory(fromRoot.resolve("src/main/java/dev/miniredis/examples"))) return fromRoot;
        throw new IllegalStateException("cannot find the docs directory from " + here);
    }

    static Path repositoryRoot() {
        return docsDirectory().getParent();
    }

    static List<Path> pages() {
        try (Stream<Path> files = Files.list(docsDirectory())) {
            return files.filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".md"))
                    .filter(Files::isRegularFile)
                    .sorted()
                    .collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every line of every page that is outside a fenced code block ({@code ```} or {@code ~~~}). */
    static List<Line> proseLines() {
        List<Line> prose = new ArrayList<>();
        for (Path page : pages()) {
            try {
                prose.addAll(proseLines(page, Files.readAllLines(page, StandardCharsets.UTF_8)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return prose;
    }

    static List<Line> proseLines(Path page, List<String> lines) {
        List<Line> prose = new ArrayList<>();
        boolean inFence = false;
        String fence = "";
        for (int i = 0; i < lines.size(); i++) {
            String trimmed = lines.get(i).trim();
            if (!inFence && (trimmed.startsWith("```") || trimmed.startsWith("~~~"))) {
                inFence = true;
                fence = trimmed.substring(0, 3);
                continue;
            }
            if (inFence) {
                if (trimmed.startsWith(fence)) inFence = false;
                continue;
            }
            prose.add(new Line(page, i + 1, lines.get(i)));
        }
        return prose;
    }
}
