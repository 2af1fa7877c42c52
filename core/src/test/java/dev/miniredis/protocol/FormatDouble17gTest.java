package dev.miniredis.protocol;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link Numbers#formatDouble17g} on values whose {@code printf("%.17g")} form was read from redis-server 7.0.15's
 * ZSCORE (the seeded comparison with a live server is {@code ScoreFormatAgainstRedisTest}).
 */
class FormatDouble17gTest {
    private static String format(double d) {
        byte[] b = new byte[Numbers.MAX_DOUBLE_CHARS];
        return new String(b, 0, Numbers.formatDouble17g(d, b, 0), StandardCharsets.US_ASCII);
    }

    @Test
    void printsAsRedisDoes() {
        assertThat(format(1.1)).isEqualTo("1.1000000000000001");
        assertThat(format(1e20)).isEqualTo("1e+20");
        assertThat(format(1e17)).isEqualTo("1e+17");
        assertThat(format(1e16)).isEqualTo("10000000000000000");
        assertThat(format(123456789012345678.0)).isEqualTo("1.2345678901234568e+17");
        assertThat(format(Double.POSITIVE_INFINITY)).isEqualTo("inf");
        assertThat(format(Double.NEGATIVE_INFINITY)).isEqualTo("-inf");
        assertThat(format(-0.0)).isEqualTo("-0");
        assertThat(format(0.0)).isEqualTo("0");
        assertThat(format(0.1)).isEqualTo("0.10000000000000001");
        assertThat(format(0.0001)).isEqualTo("0.0001");
        assertThat(format(0.00001)).isEqualTo("1.0000000000000001e-05");
        assertThat(format(1.5)).isEqualTo("1.5");
        assertThat(format(123.456)).isEqualTo("123.456");
        assertThat(format(-1e-300)).isEqualTo("-1e-300");
        assertThat(format(Double.MIN_VALUE)).isEqualTo("4.9406564584124654e-324");
        assertThat(format(Double.MAX_VALUE)).isEqualTo("1.7976931348623157e+308");
        assertThat(format(9.9999999999999694e-311)).isEqualTo("9.9999999999999694e-311");
        assertThat(format(100000)).isEqualTo("100000");
        assertThat(format(-2.5)).isEqualTo("-2.5");
    }
}
