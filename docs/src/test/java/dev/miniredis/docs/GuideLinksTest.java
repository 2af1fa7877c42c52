package dev.miniredis.docs;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keeps the guide honest as the code moves: every relative link in {@code docs/*.md} must point to a file or directory
 * that exists, and a link whose text names a class in backticks, such as {@code [`EventLoop`](../core/.../EventLoop.java)},
 * must point to that class's file.
 *
 * <p>Links inside fenced code blocks are not links, so those blocks are skipped ({@link GuidePages}). Web links
 * ({@code http:}, {@code https:}), {@code mailto:} links and links to an anchor in the same page are not checked.
 * {@link GuideNamesTest} checks the names in backticks that are not links too.
 */
@Timeout(60)
class GuideLinksTest {
    /** {@code [text](target)} or {@code [text](target "title")}; the text may contain backticks but not brackets. */
    private static final Pattern LINK = Pattern.compile("\\[([^\\[\\]]*)]\\(\\s*<?([^)\\s>]+)>?(?:\\s+\"[^\"]*\")?\\s*\\)");
    /**
     * A class name in backticks: {@code `EventLoop`}, optionally followed by a member such as {@code `EventLoop.runOnce`}
     * or {@code `EventLoop#runOnce()`}. The class is the first part.
     */
    private static final Pattern BACKTICKED_CLASS =
            Pattern.compile("`([A-Z][A-Za-z0-9_]*)(?:[.#][A-Za-z_][A-Za-z0-9_]*(?:\\(\\))?)*`");

    /** One link: where it is, its text and its target without the anchor. */
    private record Link(Path page, int line, String text, String target) {
        @Override
        public String toString() {
            return page.getFileName() + ":" + line + ": [" + text + "](" + target + ")";
        }
    }

    /** Every relative link on every page, with web links, mailto links and same-page anchors left out. */
    private static List<Link> relativeLinks() {
        List<Link> links = new ArrayList<>();
        for (GuidePages.Line line : GuidePages.proseLines()) {
            Matcher m = LINK.matcher(line.text());
            while (m.find()) {
                String target = m.group(2);
                String lower = target.toLowerCase(Locale.ROOT);
                if (lower.startsWith("http://") || lower.startsWith("https://") || lower.startsWith("mailto:")) continue;
                int hash = target.indexOf('#');
                if (hash >= 0) target = target.substring(0, hash);
                if (target.isEmpty()) continue;  // an anchor on the same page
                links.add(new Link(line.page(), line.number(), m.group(1), target.replace("%20", " ")));
            }
        }
        return links;
    }

    @Test
    void theGuideHasPagesAndLinks() {
        List<String> names = GuidePages.pages().stream().map(p -> p.getFileName().toString()).collect(Collectors.toList());
        assertThat(names).as("Markdown pages in %s", GuidePages.docsDirectory()).contains("README.md");
        assertThat(relativeLinks()).as("relative links found in the guide").isNotEmpty();
    }

    @Test
    void everyRelativeLinkPointsToAFileThatExists() {
        List<String> broken = new ArrayList<>();
        for (Link link : relativeLinks()) {
            Path resolved = link.page().getParent().resolve(link.target()).normalize();
            if (!Files.exists(resolved)) broken.add(link + " -> " + resolved + " does not exist");
        }
        assertThat(broken).as("links to files that do not exist").isEmpty();
    }

    @Test
    void aClassNamedInALinkToAJavaFileIsThatFilesClass() {
        List<String> mismatched = new ArrayList<>();
        for (Link link : relativeLinks()) {
            if (!link.target().endsWith(".java")) continue;
            String fileName = Path.of(link.target()).getFileName().toString();
            String fileClass = fileName.substring(0, fileName.length() - ".java".length());
            Matcher m = BACKTICKED_CLASS.matcher(link.text());
            while (m.find()) {
                if (!m.group(1).equals(fileClass)) {
                    mismatched.add(link + ": `" + m.group(1) + "` is not the class of " + fileName);
                }
            }
        }
        assertThat(mismatched).as("links whose backticked class name differs from the file they point to").isEmpty();
    }
}
