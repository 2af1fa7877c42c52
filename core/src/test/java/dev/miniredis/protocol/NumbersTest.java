package dev.miniredis.protocol;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Timeout(60)
class NumbersTest {
    private static long parse(String s) {
        return Numbers.parseLong(s.getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void parsesWhatString2llAccepts() {
        assertThat(parse("0")).isZero();
        assertThat(parse("7")).isEqualTo(7);
        assertThat(parse("-7")).isEqualTo(-7);
        assertThat(parse("9223372036854775807")).isEqualTo(Long.MAX_VALUE);
        assertThat(parse("-9223372036854775808")).isEqualTo(Long.MIN_VALUE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "-", "01", "-0", "+1", " 1", "1 ", "1a", "9223372036854775808",
            "-9223372036854775809", "99999999999999999999", "1.0"})
    void rejectsWhatString2llRejects(String s) {
        assertThatThrownBy(() -> parse(s)).isInstanceOf(NumberFormatException.class);
    }

    @Test
    void writesDigits() {
        for (long v : new long[] {0, 9, 10, -1, 123456789, Long.MAX_VALUE, Long.MIN_VALUE, 1000000000000000000L}) {
            assertThat(new String(Numbers.toBytes(v), StandardCharsets.US_ASCII)).isEqualTo(Long.toString(v));
        }
    }
}
