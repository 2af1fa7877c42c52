package dev.miniredis.protocol;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(60)
class ReplyParserTest {
    private static final String REPLIES = "+OK\r\n-ERR bad\r\n:42\r\n$5\r\nhello\r\n$-1\r\n*2\r\n$1\r\na\r\n*1\r\n:1\r\n"
            + "*-1\r\n%1\r\n$1\r\nk\r\n#t\r\n_\r\n,1.5\r\n>2\r\n$1\r\np\r\n$1\r\nq\r\n=7\r\ntxt:abc\r\n$0\r\n\r\n*0\r\n";

    private static List<String> parseAll(ReplyParser parser, byte[]... pieces) throws ProtocolException {
        List<String> out = new ArrayList<>();
        for (byte[] piece : pieces) {
            ByteBuffer in = ByteBuffer.wrap(piece);
            Object reply;
            while ((reply = parser.next(in)) != ReplyParser.INCOMPLETE) out.add(render(reply));
            assertThat(in.hasRemaining()).isFalse();
        }
        return out;
    }

    private static String render(Object o) {
        if (o instanceof byte[] b) return "bytes:" + new String(b, StandardCharsets.UTF_8);
        if (o instanceof List<?> l) {
            List<String> parts = new ArrayList<>();
            for (Object e : l) parts.add(render(e));
            return parts.toString();
        }
        if (o instanceof Map<?, ?> m) {
            List<String> parts = new ArrayList<>();
            m.forEach((k, v) -> parts.add(k + "=" + render(v)));
            return "map" + parts;
        }
        if (o instanceof Push p) return "push" + render(p.items());
        return String.valueOf(o);
    }

    @Test
    void decodesEveryType() throws Exception {
        assertThat(parseAll(new ReplyParser(), REPLIES.getBytes(StandardCharsets.UTF_8))).containsExactly(
                "OK", "RespError[message=ERR bad]", "42", "bytes:hello", "null", "[bytes:a, [1]]", "null", "map[k=true]",
                "null", "1.5", "push[bytes:p, bytes:q]", "bytes:abc", "bytes:", "[]");
    }

    @Test
    void everySplitPointGivesTheSameReplies() throws Exception {
        byte[] all = REPLIES.getBytes(StandardCharsets.UTF_8);
        List<String> expected = parseAll(new ReplyParser(), all);
        for (int cut = 0; cut <= all.length; cut++) {
            assertThat(parseAll(new ReplyParser(), Arrays.copyOfRange(all, 0, cut), Arrays.copyOfRange(all, cut, all.length)))
                    .as("cut at %d", cut).isEqualTo(expected);
        }
        byte[][] singles = new byte[all.length][];
        for (int i = 0; i < all.length; i++) singles[i] = new byte[] {all[i]};
        assertThat(parseAll(new ReplyParser(), singles)).isEqualTo(expected);
    }
}
