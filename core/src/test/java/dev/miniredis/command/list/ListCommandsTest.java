package dev.miniredis.command.list;

import dev.miniredis.command.CommandTable;
import dev.miniredis.db.Db;
import dev.miniredis.db.Encoding;
import dev.miniredis.reactor.ServerConfig;
import dev.miniredis.testing.RawClient;
import dev.miniredis.testing.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The list commands through a real server, exact reply bytes, and what happens underneath: where a list lives (packed
 * in its record or a heap QuickList), when it converts, that an emptied list deletes its key and gives its heap object
 * back, that writes keep a key's deadline, and that a new list tells the key-ready hook. A test-only command,
 * {@code LISTINFO key}, runs on the loop thread and reports the record's encoding and the number of heap objects, so
 * the test never touches the {@code Db} from its own thread.
 */
@Timeout(30)
class ListCommandsTest {
    private TestServer server;
    private RawClient client;
    private final List<String> ready = new ArrayList<>();   // written on the loop thread, read after a round trip

    @BeforeEach
    void start() throws Exception {
        CommandTable table = CommandTable.standard();
        table.register("listinfo", 2, args -> {
            byte[] key = args.get(1);
            return ctx -> {
                Db db = ctx.db();
                long a = db.peek(key, ctx.now());
                String where = a == Db.NIL ? "none" : db.type(a) == Encoding.LIST ? "heap" : db.type(a)
                        == Encoding.LIST_PACKED ? "packed" : "other";
                ctx.reply().simple(where + " " + db.heapObjects());
            };
        });
        table.register("watchready", 1, args -> ctx -> {
            ctx.db().onKeyReady(k -> {
                synchronized (ready) {
                    ready.add(new String(k, java.nio.charset.StandardCharsets.ISO_8859_1));
                }
            });
            ctx.reply().simple("OK");
        });
        server = new TestServer(new ServerConfig(), table);
        client = server.connect();
    }

    @AfterEach
    void stop() throws Exception {
        if (client != null) client.close();
        if (server != null) server.close();
    }

    private String call(String... args) throws Exception {
        return client.call(args);
    }

    @Test
    void repliesAreRedisBytes() throws Exception {
        assertThat(call("RPUSH", "l", "a", "", "c")).isEqualTo(":3\r\n");
        assertThat(call("LRANGE", "l", "0", "-1")).isEqualTo("*3\r\n$1\r\na\r\n$0\r\n\r\n$1\r\nc\r\n");
        assertThat(call("LPOP", "l", "0")).isEqualTo("*0\r\n");
        assertThat(call("LPOP", "nokey", "1")).isEqualTo("*-1\r\n");
        assertThat(call("LPOP", "nokey")).isEqualTo("$-1\r\n");
        assertThat(call("LPOS", "l", "zz", "COUNT", "0")).isEqualTo("*0\r\n");
        assertThat(call("LSET", "l", "5", "x")).isEqualTo("-ERR index out of range\r\n");
        assertThat(call("LINSERT", "l", "BEFORE", "zz", "x")).isEqualTo(":-1\r\n");
        assertThat(call("RPOP", "l", "2")).isEqualTo("*2\r\n$1\r\nc\r\n$0\r\n\r\n");
        assertThat(call("LMPOP", "2", "nokey", "l", "LEFT", "COUNT", "5")).isEqualTo("*2\r\n$1\r\nl\r\n*1\r\n$1\r\na\r\n");
        assertThat(call("EXISTS", "l")).isEqualTo(":0\r\n");  // emptied: the key is gone
        call("HELLO", "3");
        assertThat(call("LPOP", "nokey", "1")).isEqualTo("_\r\n");
        assertThat(call("LMPOP", "1", "nokey", "RIGHT")).isEqualTo("_\r\n");
        assertThat(call("LINDEX", "nokey", "0")).isEqualTo("_\r\n");
    }

    @Test
    void aListConvertsPastOneNodeAndGivesItsObjectBackWhenEmptied() throws Exception {
        call("CONFIG", "SET", "list-max-listpack-size", "4");
        call("RPUSH", "l", "1", "2", "3", "4");
        assertThat(call("LISTINFO", "l")).isEqualTo("+packed 0\r\n");
        call("RPUSH", "l", "5");                                    // a second node: the conversion
        assertThat(call("LISTINFO", "l")).isEqualTo("+heap 1\r\n");
        assertThat(call("OBJECT", "ENCODING", "l")).isEqualTo("$9\r\nquicklist\r\n");
        assertThat(call("LRANGE", "l", "0", "-1")).isEqualTo("*5\r\n$1\r\n1\r\n$1\r\n2\r\n$1\r\n3\r\n$1\r\n4\r\n$1\r\n5\r\n");
        assertThat(call("LPOP", "l", "5")).startsWith("*5\r\n");
        assertThat(call("LISTINFO", "l")).isEqualTo("+none 0\r\n");   // key deleted, heap object released

        call("RPUSH", "big", "x".repeat(9000));                   // one element bigger than a node: straight to the heap
        assertThat(call("LISTINFO", "big")).isEqualTo("+heap 1\r\n");
        call("SET", "big", "now a string");                       // an overwrite releases the object too
        assertThat(call("LISTINFO", "big")).isEqualTo("+other 0\r\n");
        assertThat(call("LLEN", "big")).startsWith("-WRONGTYPE");
    }

    @Test
    void writesKeepTheDeadlineAndNewListsAreSignalledReady() throws Exception {
        call("WATCHREADY");
        call("RPUSH", "l", "a");
        call("EXPIRE", "l", "100");
        call("RPUSH", "l", "b");
        call("LPOP", "l");
        call("LSET", "l", "0", "c");
        assertThat(call("TTL", "l")).isEqualTo(":100\r\n");         // the manual clock has not moved
        call("RPUSH", "l", "d");                                    // an existing list: not a new key
        call("LMOVE", "l", "m", "LEFT", "RIGHT");                   // m is created
        synchronized (ready) {
            assertThat(ready).containsExactly("l", "m");
        }
    }
}
