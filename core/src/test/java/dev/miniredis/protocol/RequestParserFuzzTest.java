package dev.miniredis.protocol;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Seeded fuzzing: valid pipelines, mutated pipelines and plain noise, fed in random slices. The parser may reject input,
 * but only with a {@link ProtocolException}: any other exception, or a command it invents from a valid pipeline, fails.
 */
@Timeout(60)
class RequestParserFuzzTest {
    private static final long SEED = 20261124L;

    private static byte[] validPipeline(Random random, int commands) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < commands; i++) {
            if (random.nextInt(5) == 0) {
                out.writeBytes(("SET k" + random.nextInt(100) + " v\r\n").getBytes(StandardCharsets.US_ASCII));
                continue;
            }
            int args = 1 + random.nextInt(4);
            out.writeBytes(("*" + args + "\r\n").getBytes(StandardCharsets.US_ASCII));
            for (int a = 0; a < args; a++) {
                byte[] arg = new byte[random.nextInt(40)];
                random.nextBytes(arg);
                out.writeBytes(("$" + arg.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
                out.writeBytes(arg);
                out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
            }
        }
        return out.toByteArray();
    }

    // Feeds `input` in random slices; returns commands parsed, or -1 if a protocol error ended the stream.
    private static int feed(RequestParser parser, byte[] input, Random random) {
        int parsed = 0;
        int at = 0;
        try {
            while (at < input.length) {
                int n = 1 + random.nextInt(Math.min(input.length - at, 600));
                ByteBuffer in = ByteBuffer.wrap(input, at, n);
                while (parser.next(in) != null) parsed++;
                assertThat(in.hasRemaining()).isFalse();
                at += n;
            }
        } catch (ProtocolException expected) {
            return -1;
        }
        return parsed;
    }

    @Test
    void validPipelinesParseCompletelyWhateverTheSlicing() {
        Random random = new Random(SEED);
        for (int round = 0; round < 300; round++) {
            int commands = 1 + random.nextInt(50);
            byte[] input = validPipeline(random, commands);
            assertThat(feed(new RequestParser(), input, random)).as("round %d", round).isEqualTo(commands);
        }
    }

    @Test
    void mutatedAndRandomInputOnlyEverRaisesProtocolErrors() {
        Random random = new Random(SEED + 1);
        int rejected = 0;
        for (int round = 0; round < 3000; round++) {
            byte[] input;
            if (round % 3 == 0) {
                input = new byte[random.nextInt(2000)];
                random.nextBytes(input);
            } else {
                input = validPipeline(random, 1 + random.nextInt(20));
                int mutations = 1 + random.nextInt(8);
                for (int m = 0; m < mutations && input.length > 0; m++) {
                    int pos = random.nextInt(input.length);
                    switch (random.nextInt(4)) {
                        case 0 -> input[pos] = (byte) random.nextInt(256);
                        case 1 -> input[pos] = "*$\r\n-0123456789\"'\\ "
                                .getBytes(StandardCharsets.US_ASCII)[random.nextInt(19)];
                        case 2 -> input = java.util.Arrays.copyOf(input, pos);   // truncate
                        default -> input[pos] = '\n';
                    }
                }
            }
            RequestParser parser = new RequestParser(1024 * 1024);
            if (feed(parser, input, random) < 0) rejected++; // anything but ProtocolException fails the test
            // input bytes plus 24 bytes of overhead per argument ("$0\r\n\r\n" is 6 bytes): never more than 5x the input
            assertThat(parser.bufferedBytes()).isLessThanOrEqualTo(5L * input.length);
        }
        assertThat(rejected).as("the mutations did produce protocol errors").isGreaterThan(100);
    }
}
