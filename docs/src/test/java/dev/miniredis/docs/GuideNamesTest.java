package dev.miniredis.docs;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keeps the guide's explanations from drifting away from the code: every code name that the prose of
 * {@code docs/*.md} puts in backticks must still exist. Rename a method, move a field to another class, drop a class,
 * and this test names every page and line that still speaks of the old name.
 *
 * <h2>Which backticked spans are names</h2>
 * Only spans outside fenced code blocks, and only when the <em>whole</em> span has one of these four shapes:
 * <ol>
 *   <li><b>A type</b>: {@code `Db`}, {@code `ByteBuffer`}. UpperCamelCase with at least one lower-case letter, so
 *       Redis commands and constants in capitals ({@code `SET`}, {@code `OP_WRITE`}) are not taken for types.</li>
 *   <li><b>A type and a member</b>: {@code `Db.lookup`}, {@code `EventLoop#runOnce()`}, {@code `Db.NO_DEADLINE`},
 *       {@code `ByteBuffer.flip()`}, {@code `PriorityQueue.remove(Object)`}.</li>
 *   <li><b>A method</b>: {@code `wakeup()`}, {@code `expireDue(now, maxKeys)`}, {@code `select(Consumer)`}; a
 *       lower-case receiver in front, as in {@code `selector.wakeup()`}, is ignored.</li>
 *   <li><b>A camelCase identifier</b> with at least one capital: {@code `onReady`}, {@code `softLimitSinceMillis`}: a
 *       method, field or variable.</li>
 * </ol>
 * Everything else is left alone: commands, flags, file names, shell lines, expressions, plain words such as
 * {@code `select`} or {@code `now`}, and fully qualified names such as {@code `sun.nio.ch.FileDispatcherImpl`}.
 *
 * <h2>What "exists" means</h2>
 * The code is every {@code .java} file under a module's {@code src/main/java} or {@code src/test/java} (the guide
 * names test classes and test methods too) and under {@code bench/}, read as text with comments and string literals
 * removed, so a name that survives only in a comment does not count.
 * <ul>
 *   <li>A type exists if the code declares a class, interface, enum or record of that name, or if it is a JDK class in
 *       one of the {@link #JDK_PACKAGES}, or a HotSpot VM option ({@code `MaxHeapFreeRatio`}).</li>
 *   <li>A member of a project type exists if a file that declares the type also declares a method, field, parameter or
 *       enum constant of that name. A member of a JDK class must be one of its public methods or fields.</li>
 *   <li>A method exists if any file of the code declares a method of that name, or if it is a public method of a JDK
 *       class that the guide itself names somewhere ({@code `wakeup()`} passes because the guide names
 *       {@code `Selector`}). A camelCase identifier may also be a field, parameter or variable.</li>
 *   <li>{@link #NOT_JAVA} lists the few names from other programs' code that the guide mentions in these shapes.</li>
 * </ul>
 * Declarations are recognised by their shape ({@code Type name(} for a method, {@code Type name =}, {@code ;},
 * {@code ,} or {@code )} for a field, parameter or variable). This is a tripwire for renamed and removed names, not a
 * compiler: it does not know which overload, or in which class a bare method lives.
 */
class GuideNamesTest {
    /** Where JDK classes named by their simple name are looked up. */
    static final List<String> JDK_PACKAGES = List.of("java.lang", "java.util", "java.util.concurrent",
            "java.util.concurrent.atomic", "java.util.function", "java.util.regex", "java.io", "java.net", "java.nio",
            "java.nio.channels", "java.nio.charset", "java.nio.file", "java.time", "java.lang.management",
            "com.sun.management");

    /** Names in one of the four shapes that belong to code outside this project and the JDK (Redis's C sources, ...). */
    static final Set<String> NOT_JAVA = Set.of();

    private static final String TYPE = "[A-Z][A-Za-z0-9_]*";
    private static final String IDENTIFIER = "[A-Za-z_][A-Za-z0-9_]*";
    private static final Pattern SPAN = Pattern.compile("`([^`]+)`");
    private static final Pattern TYPE_SPAN = Pattern.compile(TYPE);
    private static final Pattern MEMBER_SPAN = Pattern.compile("(" + TYPE + ")[.#](" + IDENTIFIER + ")(?:\\(.*\\))?");
    private static final Pattern METHOD_SPAN = Pattern.compile("(?:[a-z][A-Za-z0-9_]*\\.)*([a-z][A-Za-z0-9_]*)\\(.*\\)");
    private static final Pattern CAMEL_SPAN = Pattern.compile("[a-z][a-z0-9]*[A-Z][A-Za-z0-9]*");

    // Declarations in source text without comments and string literals.
    private static final Pattern TYPE_DECLARATION =
            Pattern.compile("\\b(?:class|interface|enum|record)\\s+(" + TYPE + ")");
    /** The type in front of a declared name: not a keyword that can stand in that place in a statement. */
    private static final String DECLARED_TYPE = "(?<![\\w.$])(?!(?:return|new|throw|else|case|yield|assert|instanceof)\\b)"
            + "[A-Za-z_][\\w.]*(?:<[^;{}()=]*>)?(?:\\[\\])*(?:\\.\\.\\.)?";
    private static final Pattern METHOD_DECLARATION =
            Pattern.compile(DECLARED_TYPE + "\\s+(" + IDENTIFIER + ")\\s*\\(");
    private static final Pattern VARIABLE_DECLARATION =
            Pattern.compile(DECLARED_TYPE + "\\s+(" + IDENTIFIER + ")\\s*[=;,):]");
    private static final Pattern ENUM_CONSTANT = Pattern.compile("[{,]\\s*([A-Z][A-Z0-9_]*)\\s*(?=[,;}(])");

    /** One backticked span of prose, and where it is. */
    record Span(GuidePages.Line line, String text) {
        @Override
        public String toString() {
            return line.where() + ": `" + text + "`";
        }
    }

    /** What the project's code declares. */
    record Code(Map<String, List<String>> typeSources, Set<String> methods, Set<String> variables) {
        boolean declaresType(String name) {
            return typeSources.containsKey(name);
        }

        /** Whether a file that declares {@code type} declares {@code member} as a method, field, parameter or constant. */
        boolean declaresMember(String type, String member) {
            for (String source : typeSources.getOrDefault(type, List.of())) {
                if (declarations(METHOD_DECLARATION, source).contains(member)
                        || declarations(VARIABLE_DECLARATION, source).contains(member)
                        || declarations(ENUM_CONSTANT, source).contains(member)) {
                    return true;
                }
            }
            return false;
        }
    }

    // ---- the checks ------------------------------------------------------------------------------------------------

    @Test
    void everyCodeNameInTheGuideExistsInTheCode() {
        List<Span> spans = spans(GuidePages.proseLines());
        List<String> missing = missingNames(spans, code());
        assertThat(missing)
                .as("names in backticks in docs/*.md that the code no longer declares (rename them in the guide, or see"
                        + " GuideNamesTest's class comment for what counts)")
                .isEmpty();
    }

    @Test
    void theCheckFindsNamesInTheGuideAndDeclarationsInTheCode() {
        long checked = spans(GuidePages.proseLines()).stream().filter(s -> shape(s.text()).isPresent()).count();
        assertThat(checked).as("backticked code names found in the guide").isGreaterThan(300);
        Code code = code();
        assertThat(code.declaresType("EventLoop")).isTrue();
        assertThat(code.declaresMember("Db", "lookup")).isTrue();
        assertThat(code.declaresMember("Db", "PERSISTENT")).isTrue();
        assertThat(code.methods()).contains("runOnce");
    }

    @Test
    void staleNamesAreReportedWithPageAndLine() {
        Path page = Path.of("example.md");
        List<GuidePages.Line> lines = GuidePages.proseLines(page, List.of(
                "`Db.lookup` and `Db.scan` are fine, and so are `SET`, `OP_WRITE`, `redis-cli` and `select`.",
                "```java",
                "`NotAClassAnyMore` inside a fence is code, not prose.",
                "```",
                "`Db.millisUntilNextTimer` and `NoSuchClass` and `noSuchMethod()` and `noSuchField` are gone.",
                "`Selector`, `wakeup()`, `ByteBuffer.flip()`, `PriorityQueue.remove(Object)` are the JDK's."));
        List<String> missing = missingNames(spans(lines), code());
        assertThat(missing).containsExactly(
                "example.md:5: `Db.millisUntilNextTimer`: Db declares no member millisUntilNextTimer",
                "example.md:5: `NoSuchClass`: no such class, interface, enum or record",
                "example.md:5: `noSuchMethod()`: no method noSuchMethod is declared",
                "example.md:5: `noSuchField`: no method, field or variable noSuchField is declared");
    }

    // ---- spans and their shapes --------------------------------------------------------------------------------------

    private enum Shape { TYPE, MEMBER, METHOD, CAMEL }

    static List<Span> spans(List<GuidePages.Line> lines) {
        List<Span> spans = new ArrayList<>();
        for (GuidePages.Line line : lines) {
            Matcher m = SPAN.matcher(line.text());
            while (m.find()) spans.add(new Span(line, m.group(1).trim()));
        }
        return spans;
    }

    private static Optional<Shape> shape(String span) {
        if (TYPE_SPAN.matcher(span).matches()) return hasLowerCase(span) ? Optional.of(Shape.TYPE) : Optional.empty();
        Matcher member = MEMBER_SPAN.matcher(span);
        if (member.matches()) return hasLowerCase(member.group(1)) ? Optional.of(Shape.MEMBER) : Optional.empty();
        if (METHOD_SPAN.matcher(span).matches()) return Optional.of(Shape.METHOD);
        if (CAMEL_SPAN.matcher(span).matches()) return Optional.of(Shape.CAMEL);
        return Optional.empty();
    }

    private static boolean hasLowerCase(String s) {
        return s.chars().anyMatch(Character::isLowerCase);
    }

    /** Every span in one of the four shapes whose name the code does not declare, as "page:line: `span`: why". */
    static List<String> missingNames(List<Span> spans, Code code) {
        // JDK classes the guide names anywhere: their public methods count for bare method names.
        Set<Class<?>> namedJdkClasses = new LinkedHashSet<>();
        for (Span span : spans) {
            Optional<Shape> shape = shape(span.text());
            if (shape.isEmpty() || (shape.get() != Shape.TYPE && shape.get() != Shape.MEMBER)) continue;
            jdkClass(span.text().split("[.#]", 2)[0]).ifPresent(namedJdkClasses::add);
        }
        Set<String> jdkMethods = new HashSet<>();
        Set<String> jdkFields = new HashSet<>();
        for (Class<?> c : namedJdkClasses) {
            for (Method m : c.getMethods()) jdkMethods.add(m.getName());
            for (Field f : c.getFields()) jdkFields.add(f.getName());
        }

        List<String> missing = new ArrayList<>();
        for (Span span : spans) {
            Optional<Shape> shape = shape(span.text());
            if (shape.isEmpty()) continue;
            String problem = switch (shape.get()) {
                case TYPE -> typeExists(span.text(), code) ? null : "no such class, interface, enum or record";
                case MEMBER -> {
                    Matcher m = MEMBER_SPAN.matcher(span.text());
                    if (!m.matches()) throw new AssertionError(span);
                    yield memberProblem(m.group(1), m.group(2), code);
                }
                case METHOD -> {
                    Matcher m = METHOD_SPAN.matcher(span.text());
                    if (!m.matches()) throw new AssertionError(span);
                    String name = m.group(1);
                    boolean known = code.methods().contains(name) || jdkMethods.contains(name) || NOT_JAVA.contains(name);
                    yield known ? null : "no method " + name + " is declared";
                }
                case CAMEL -> {
                    String name = span.text();
                    boolean known = code.methods().contains(name) || code.variables().contains(name)
                            || jdkMethods.contains(name) || jdkFields.contains(name) || NOT_JAVA.contains(name);
                    yield known ? null : "no method, field or variable " + name + " is declared";
                }
            };
            if (problem != null) missing.add(span + ": " + problem);
        }
        return missing;
    }

    private static boolean typeExists(String name, Code code) {
        return code.declaresType(name) || jdkClass(name).isPresent() || isVmOption(name) || NOT_JAVA.contains(name);
    }

    private static String memberProblem(String type, String member, Code code) {
        if (NOT_JAVA.contains(type + "." + member)) return null;
        if (code.declaresType(type) && code.declaresMember(type, member)) return null;
        Optional<Class<?>> jdk = jdkClass(type);
        if (jdk.isPresent()) {
            Class<?> c = jdk.get();
            boolean known = Stream.of(c.getMethods()).anyMatch(m -> m.getName().equals(member))
                    || Stream.of(c.getFields()).anyMatch(f -> f.getName().equals(member));
            if (known) return null;
            if (!code.declaresType(type)) return c.getName() + " has no public member " + member;
        }
        if (code.declaresType(type)) return type + " declares no member " + member;
        return "no such class, interface, enum or record " + type;
    }

    private static Optional<Class<?>> jdkClass(String simpleName) {
        for (String pkg : JDK_PACKAGES) {
            try {
                return Optional.of(Class.forName(pkg + "." + simpleName, false, ClassLoader.getSystemClassLoader()));
            } catch (ClassNotFoundException | LinkageError notThere) {
                // try the next package
            }
        }
        return Optional.empty();
    }

    private static boolean isVmOption(String name) {
        try {
            ManagementFactory.getPlatformMXBean(com.sun.management.HotSpotDiagnosticMXBean.class).getVMOption(name);
            return true;
        } catch (IllegalArgumentException | NullPointerException notAnOption) {
            return false;
        }
    }

    // ---- the code ------------------------------------------------------------------------------------------------

    private static Code cachedCode;

    static synchronized Code code() {
        if (cachedCode != null) return cachedCode;
        Map<String, List<String>> typeSources = new HashMap<>();
        Set<String> methods = new HashSet<>();
        Set<String> variables = new HashSet<>();
        for (Path file : sourceFiles()) {
            String source;
            try {
                source = withoutCommentsAndStrings(Files.readString(file, StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            for (String type : declarations(TYPE_DECLARATION, source)) {
                typeSources.computeIfAbsent(type, t -> new ArrayList<>()).add(source);
            }
            methods.addAll(declarations(METHOD_DECLARATION, source));
            variables.addAll(declarations(VARIABLE_DECLARATION, source));
            variables.addAll(declarations(ENUM_CONSTANT, source));
        }
        cachedCode = new Code(typeSources, methods, variables);
        return cachedCode;
    }

    /** Every .java file in a module's src/main/java or src/test/java, and in bench/. */
    static List<Path> sourceFiles() {
        Path root = GuidePages.repositoryRoot();
        List<Path> roots = new ArrayList<>();
        try (Stream<Path> modules = Files.list(root)) {
            for (Path module : modules.filter(Files::isDirectory).sorted().collect(Collectors.toList())) {
                for (String sources : List.of("src/main/java", "src/test/java")) {
                    if (Files.isDirectory(module.resolve(sources))) roots.add(module.resolve(sources));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (Files.isDirectory(root.resolve("bench"))) roots.add(root.resolve("bench"));
        List<Path> files = new ArrayList<>();
        for (Path dir : roots) {
            try (Stream<Path> walk = Files.walk(dir)) {
                walk.filter(p -> p.toString().endsWith(".java") && Files.isRegularFile(p)).sorted().forEach(files::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return files;
    }

    private static Set<String> declarations(Pattern pattern, String source) {
        Set<String> names = new HashSet<>();
        Matcher m = pattern.matcher(source);
        while (m.find()) names.add(m.group(1));
        return names;
    }

    /**
     * The source with comments removed and string, text-block and character literals emptied, so that neither prose
     * nor quoted text looks like a declaration. Line breaks are kept.
     */
    static String withoutCommentsAndStrings(String source) {
        StringBuilder out = new StringBuilder(source.length());
        int i = 0;
        int n = source.length();
        while (i < n) {
            char c = source.charAt(i);
            if (source.startsWith("//", i)) {
                while (i < n && source.charAt(i) != '\n') i++;
            } else if (source.startsWith("/*", i)) {
                int end = source.indexOf("*/", i + 2);
                end = end < 0 ? n : end + 2;
                for (int j = i; j < end; j++) if (source.charAt(j) == '\n') out.append('\n');
                out.append(' ');
                i = end;
            } else if (source.startsWith("\"\"\"", i)) {
                int end = source.indexOf("\"\"\"", i + 3);
                end = end < 0 ? n : end + 3;
                out.append("\"\"");
                i = end;
            } else if (c == '"' || c == '\'') {
                int j = i + 1;
                while (j < n && source.charAt(j) != c && source.charAt(j) != '\n') {
                    if (source.charAt(j) == '\\') j++;
                    j++;
                }
                out.append(c).append(c);
                i = Math.min(n, j + 1);
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }
}
