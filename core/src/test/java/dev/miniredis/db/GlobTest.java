package dev.miniredis.db;

import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(60)
class GlobTest {
    @ParameterizedTest(name = "{0} ~ {1} = {2}")
    @CsvSource(delimiter = ' ', quoteCharacter = '`', value = {
            "* `` true", "* anything true", "h?llo hello true", "h?llo hllo false", "h*llo heeeello true",
            "h[ae]llo hallo true", "h[ae]llo hillo false", "h[^e]llo hallo true", "h[^e]llo hello false",
            "h[a-b]llo hbllo true", "h[b-a]llo hallo true", "h[a-b]llo hcllo false",
            "h\\*llo h*llo true", "h\\*llo hello false", "[\\]] ] true", "[ab a true", "[ab b true", "[ab c false",
            "[^ x true", "[ `` false", "[] ] false", "a\\ a\\ true", "*a*a*a*a*a*b aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa false",
            "news.* news.tech true", "news.* news false", "*.* a.b true", "?* `` false", "a*b*c abxbxc true",
    })
    void matchesLikeRedis(String pattern, String text, boolean expected) {
        assertThat(Glob.matches(pattern.getBytes(StandardCharsets.ISO_8859_1), text.getBytes(StandardCharsets.ISO_8859_1)))
                .isEqualTo(expected);
    }
}
