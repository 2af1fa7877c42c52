package dev.miniredis.persist;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A keyspace as plain Java values, for comparing what was written with what was read: databases by number, keys by
 * name (bytes as ISO-8859-1 text, one char per byte), each value normalised so that order that means nothing (set
 * members, hash fields, sorted-set members) does not count. It is also an {@link RdbSink} that fills itself, and it can
 * write itself with an {@link RdbWriter}.
 */
class RdbModel implements RdbSink {
    /** One key's type, value and deadline. The value is a String, a List of String, a TreeSet, or a TreeMap. */
    record Value(String type, Object data, long deadlineMillis) {
    }

    final Map<Integer, Map<String, Value>> databases = new TreeMap<>();
    final Map<String, String> aux = new TreeMap<>();
    private Map<String, Value> current;
    private long pendingIdle = -1;
    private int pendingFreq = -1;
    final List<String> events = new ArrayList<>();

    static String text(byte[] b) {
        return new String(b, StandardCharsets.ISO_8859_1);
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    Map<String, Value> db(int index) {
        return databases.computeIfAbsent(index, i -> new TreeMap<>());
    }

    void put(int db, String key, String type, Object data, long deadline) {
        db(db).put(key, new Value(type, data, deadline));
    }

    @Override
    public void aux(byte[] name, byte[] value) {
        aux.put(text(name), text(value));
    }

    @Override
    public void startDatabase(int index) {
        if (databases.containsKey(index)) throw new AssertionError("database " + index + " twice");
        current = db(index);
    }

    @Override
    public void idle(long seconds) {
        pendingIdle = seconds;
    }

    @Override
    public void freq(int counter) {
        pendingFreq = counter;
    }

    private void add(byte[] key, String type, Object data, long deadline) {
        if (current.put(text(key), new Value(type, data, deadline)) != null) throw new AssertionError("duplicate " + text(key));
        if (pendingIdle >= 0) events.add("idle " + text(key) + " " + pendingIdle);
        if (pendingFreq >= 0) events.add("freq " + text(key) + " " + pendingFreq);
        pendingIdle = -1;
        pendingFreq = -1;
    }

    @Override
    public void string(byte[] key, byte[] value, long deadlineMillis) {
        add(key, "string", text(value), deadlineMillis);
    }

    @Override
    public void list(byte[] key, List<byte[]> elements, long deadlineMillis) {
        List<String> l = new ArrayList<>();
        for (byte[] e : elements) l.add(text(e));
        add(key, "list", l, deadlineMillis);
    }

    @Override
    public void set(byte[] key, List<byte[]> members, long deadlineMillis) {
        TreeSet<String> s = new TreeSet<>();
        for (byte[] m : members) if (!s.add(text(m))) throw new AssertionError("duplicate member in " + text(key));
        add(key, "set", s, deadlineMillis);
    }

    @Override
    public void hash(byte[] key, List<FieldValue> entries, long deadlineMillis) {
        TreeMap<String, String> h = new TreeMap<>();
        for (FieldValue e : entries) h.put(text(e.field()), text(e.value()));
        add(key, "hash", h, deadlineMillis);
    }

    @Override
    public void zset(byte[] key, List<ScoredMember> members, long deadlineMillis) {
        TreeMap<String, Double> z = new TreeMap<>();
        for (ScoredMember m : members) z.put(text(m.member()), m.score());
        add(key, "zset", z, deadlineMillis);
    }

    /** Writes the model as an RDB file: databases in order, keys in the model's order. */
    @SuppressWarnings("unchecked")
    void writeTo(RdbWriter w) throws IOException {
        for (Map.Entry<Integer, Map<String, Value>> db : databases.entrySet()) {
            if (db.getValue().isEmpty()) continue;
            long withDeadline = db.getValue().values().stream().filter(v -> v.deadlineMillis() != NO_DEADLINE).count();
            w.startDatabase(db.getKey(), db.getValue().size(), withDeadline);
            for (Map.Entry<String, Value> e : db.getValue().entrySet()) {
                byte[] key = bytes(e.getKey());
                Value v = e.getValue();
                switch (v.type()) {
                    case "string" -> w.string(key, bytes((String) v.data()), v.deadlineMillis());
                    case "list" -> w.list(key, ((List<String>) v.data()).stream().map(RdbModel::bytes).toList(),
                            v.deadlineMillis());
                    case "set" -> w.set(key, ((TreeSet<String>) v.data()).stream().map(RdbModel::bytes).toList(),
                            v.deadlineMillis());
                    case "hash" -> w.hash(key, ((TreeMap<String, String>) v.data()).entrySet().stream()
                            .map(f -> new FieldValue(bytes(f.getKey()), bytes(f.getValue()))).toList(), v.deadlineMillis());
                    case "zset" -> w.zset(key, ((TreeMap<String, Double>) v.data()).entrySet().stream()
                            .map(m -> new ScoredMember(bytes(m.getKey()), m.getValue())).toList(), v.deadlineMillis());
                    default -> throw new AssertionError(v.type());
                }
            }
        }
    }
}
