package dev.miniredis.compat;

import dev.miniredis.testing.RealRedis;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.Random;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * MULTI, EXEC, DISCARD, WATCH and UNWATCH against a real redis-server, seeded and random. The harness talks over two
 * connections per server (RESP2 and RESP3) and picks one at random for each command, so one connection's writes land
 * between the other's WATCH and EXEC, and queued commands, rejected ones (unknown, wrong arity), nested MULTI, WATCH
 * inside MULTI, SELECT, SWAPDB, FLUSHDB and RENAME inside and outside transactions all meet.
 */
@Timeout(120)
class TransactionDifferentialTest {
    private static String key(Random r) {
        return "k" + r.nextInt(3);
    }

    private static String[] command(Random r) {
        return switch (r.nextInt(26)) {
            case 0, 1, 2 -> new String[] {"MULTI"};
            case 3, 4, 5 -> new String[] {"EXEC"};
            case 6 -> new String[] {"DISCARD"};
            case 7, 8 -> new String[] {"WATCH", key(r), key(r)};
            case 9 -> new String[] {"UNWATCH"};
            case 10, 11 -> new String[] {"SET", key(r), "v" + r.nextInt(10)};
            case 12 -> new String[] {"INCR", key(r)};
            case 13 -> new String[] {"GET", key(r)};
            case 14 -> new String[] {"DEL", key(r)};
            case 15 -> new String[] {"RPUSH", key(r), "e"};                  // WRONGTYPE inside EXEC: no rollback
            case 16 -> new String[] {"NOSUCHCOMMAND", key(r)};               // rejected: EXECABORT
            case 17 -> new String[] {"GET"};                                 // wrong arity: EXECABORT
            case 18 -> new String[] {"SET", key(r), "v", "BADOPTION"};       // syntax error: only at EXEC
            case 19 -> new String[] {"SELECT", String.valueOf(r.nextInt(2))};
            case 20 -> r.nextInt(4) == 0 ? new String[] {"FLUSHDB"} : new String[] {"SWAPDB", "0", "1"};
            case 21 -> new String[] {"RENAME", key(r), key(r)};
            case 22 -> new String[] {"EXPIRE", key(r), "100"};
            case 23 -> new String[] {"PERSIST", key(r)};
            case 24 -> new String[] {"EXEC", "extra"};                       // a rejected EXEC ends the transaction
            default -> new String[] {"PING"};
        };
    }

    @Test
    void transactionsAnswerAsRedisDoes() throws Exception {
        assumeTrue(RealRedis.available(), "redis-server is not installed");
        try (Differential d = new Differential()) {
            d.run(Differential.seed(), 6_000, TransactionDifferentialTest::command);
        }
    }
}
