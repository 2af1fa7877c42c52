// Drives real Node.js Redis clients (ioredis, node-redis) against a server and prints PASS/FAIL per check.
// Run through node-clients.sh, which installs the clients; directly: node node-clients.js PORT [HOST]
// (with ioredis and redis resolvable from the working directory).
//
// Every client is used with its DEFAULT options (only host and port are given). ioredis 6 and node-redis 6 default to
// RESP3 (HELLO 3, then CLIENT SETINFO on connect); ioredis 5 and node-redis 5 to RESP2. Set EXTRA=1 to also run both
// clients forced to RESP2.
// Exit status: 0 if every check passed, 1 otherwise.
'use strict';

const Redis = require('ioredis');
const { createClient, RESP_TYPES } = require('redis');

const PORT = Number(process.argv[2]);
const HOST = process.argv[3] || '127.0.0.1';
if (!Number.isInteger(PORT) || PORT <= 0) {
    console.error('usage: node node-clients.js PORT [HOST]');
    process.exit(2);
}
const STEP_TIMEOUT_MS = Number(process.env.STEP_TIMEOUT_MS || 5000);

let passed = 0;
let failed = 0;

function fmt(v) {
    if (Buffer.isBuffer(v)) return `<Buffer ${v.length} bytes ${v.toString('hex').slice(0, 40)}>`;
    try {
        return JSON.stringify(v);
    } catch {
        return String(v);
    }
}

function assertEq(actual, expected, what) {
    const a = Buffer.isBuffer(actual) ? actual.toString('hex') : JSON.stringify(actual);
    const e = Buffer.isBuffer(expected) ? expected.toString('hex') : JSON.stringify(expected);
    if (a !== e) throw new Error(`${what || 'value'}: expected ${fmt(expected)}, got ${fmt(actual)}`);
}

function withTimeout(promise, ms, what) {
    let timer;
    return Promise.race([
        promise,
        new Promise((_, reject) => {
            timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms: ${what}`)), ms);
        }),
    ]).finally(() => clearTimeout(timer));
}

async function check(label, name, fn) {
    try {
        await withTimeout(Promise.resolve().then(fn), STEP_TIMEOUT_MS, name);
        passed++;
        console.log(`PASS ${label}: ${name}`);
        return true;
    } catch (e) {
        failed++;
        console.log(`FAIL ${label}: ${name}: ${e && e.message ? e.message : e}`);
        return false;
    }
}

// Collects messages and lets a test wait for the n-th one.
function inbox() {
    const items = [];
    const waiters = [];
    return {
        items,
        push(item) {
            items.push(item);
            for (const w of waiters.splice(0)) w();
        },
        async waitFor(n) {
            while (items.length < n) await new Promise((resolve) => waiters.push(resolve));
            return items.slice(0, n);
        },
    };
}

// ---------------------------------------------------------------- adapters ---
// Each adapter exposes the same small surface so that one test sequence covers both libraries.

function ioredisAdapter(extraOptions) {
    const errors = [];
    const make = () => {
        const c = new Redis({ host: HOST, port: PORT, ...extraOptions });
        c.on('error', (e) => errors.push(e));
        return c;
    };
    const ready = (c) =>
        c.status === 'ready' ? Promise.resolve() : new Promise((resolve) => c.once('ready', resolve));
    let c;
    const thisC = () => c;
    return {
        errors,
        async connect() {
            c = make();
            await ready(c);
        },
        set: (k, v) => thisC().set(k, v),
        get: (k) => thisC().get(k),
        getBuffer: (k) => thisC().getBuffer(k),
        incr: (k) => thisC().incr(k),
        expire: (k, s) => thisC().expire(k, s),
        ttl: (k) => thisC().ttl(k),
        mget: (keys) => thisC().mget(keys),
        del: (keys) => thisC().del(keys),
        publish: (ch, m) => thisC().publish(ch, m),
        async pipeline(build) {
            const p = thisC().pipeline();
            build({ set: (k, v) => p.set(k, v), get: (k) => p.get(k), incr: (k) => p.incr(k) });
            const res = await p.exec();
            return res.map(([err, val]) => {
                if (err) throw err;
                return val;
            });
        },
        async subscriber() {
            const s = make();
            await ready(s);
            const messages = inbox();
            const pmessages = inbox();
            s.on('message', (channel, message) => messages.push([channel, message]));
            s.on('pmessage', (pattern, channel, message) => pmessages.push([pattern, channel, message]));
            return {
                messages,
                pmessages,
                subscribe: (ch) => s.subscribe(ch),
                psubscribe: (p) => s.psubscribe(p),
                // Names given explicitly: ioredis 6.0.0's argument-less unsubscribe() never resolves while a
                // pattern subscription remains (against real Redis 7 too).
                unsubscribe: async (channels, patterns) => {
                    await s.unsubscribe(...channels);
                    await s.punsubscribe(...patterns);
                },
                ping: () => s.ping(),
                get: (k) => s.get(k),
                close: () => s.quit(),
            };
        },
        async close() {
            const c = thisC();
            const ended = new Promise((resolve) => c.once('end', resolve));
            const reply = await c.quit();
            assertEq(reply, 'OK', 'QUIT reply');
            await ended;
        },
    };
}

function nodeRedisAdapter(extraOptions) {
    const errors = [];
    const make = async (base) => {
        const c = base ? base.duplicate() : createClient({ socket: { host: HOST, port: PORT }, ...extraOptions });
        c.on('error', (e) => errors.push(e));
        await c.connect();
        return c;
    };
    let c;
    return {
        errors,
        async connect() {
            c = await make();
        },
        set: (k, v) => c.set(k, v),
        get: (k) => c.get(k),
        getBuffer: (k) => c.withTypeMapping({ [RESP_TYPES.BLOB_STRING]: Buffer }).get(k),
        incr: (k) => c.incr(k),
        expire: (k, s) => c.expire(k, s),
        ttl: (k) => c.ttl(k),
        mget: (keys) => c.mGet(keys),
        del: (keys) => c.del(keys),
        publish: (ch, m) => c.publish(ch, m),
        async pipeline(build) {
            const m = c.multi();
            build({ set: (k, v) => m.set(k, v), get: (k) => m.get(k), incr: (k) => m.incr(k) });
            return m.execAsPipeline();
        },
        async subscriber() {
            const s = await make(c);
            const messages = inbox();
            const pmessages = inbox();
            return {
                messages,
                pmessages,
                subscribe: (ch) => s.subscribe(ch, (message, channel) => messages.push([channel, message])),
                psubscribe: (p) => s.pSubscribe(p, (message, channel) => pmessages.push([p, channel, message])),
                unsubscribe: async (channels, patterns) => {
                    await s.unsubscribe(channels);
                    await s.pUnsubscribe(patterns);
                },
                ping: () => s.ping(),
                get: (k) => s.get(k),
                close: () => s.close(),
            };
        },
        async close() {
            await c.close();
            assertEq(c.isOpen, false, 'isOpen after close()');
        },
    };
}

// ------------------------------------------------------------------- tests ---

async function runClient(label, makeAdapter) {
    const a = makeAdapter();
    const ns = `clients:${label.replace(/[^a-z0-9]+/gi, '-')}:${process.pid}:`;
    const k = (name) => ns + name;

    if (!(await check(label, 'connect with default options', () => a.connect()))) {
        const counts = new Map();
        for (const e of a.errors) counts.set(e && e.message, (counts.get(e && e.message) || 0) + 1);
        for (const [m, n] of counts) console.log(`     error event${n > 1 ? ` (x${n})` : ''}: ${m}`);
        return;
    }

    await check(label, 'SET/GET ascii', async () => {
        assertEq(await a.set(k('ascii'), 'hello'), 'OK', 'SET reply');
        assertEq(await a.get(k('ascii')), 'hello', 'GET');
    });
    await check(label, 'GET missing key is null', async () => {
        assertEq(await a.get(k('missing')), null, 'GET missing');
    });
    const utf8 = 'héllo wörld ✓ 日本語 😀 \r\n end';
    await check(label, 'SET/GET UTF-8 key and value', async () => {
        assertEq(await a.set(k('ключ-✓'), utf8), 'OK', 'SET reply');
        assertEq(await a.get(k('ключ-✓')), utf8, 'GET');
        assertEq(await a.getBuffer(k('ключ-✓')), Buffer.from(utf8, 'utf8'), 'GET as bytes');
    });
    const bytes = Buffer.from(Array.from({ length: 256 }, (_, i) => i));
    await check(label, 'SET/GET binary value (bytes 0..255)', async () => {
        assertEq(await a.set(k('bin'), bytes), 'OK', 'SET reply');
        assertEq(await a.getBuffer(k('bin')), bytes, 'GET as bytes');
    });
    await check(label, 'INCR', async () => {
        assertEq(await a.incr(k('counter')), 1, 'first INCR');
        assertEq(await a.incr(k('counter')), 2, 'second INCR');
        assertEq(await a.get(k('counter')), '2', 'GET counter');
    });
    await check(label, 'EXPIRE + TTL', async () => {
        assertEq(await a.ttl(k('ascii')), -1, 'TTL without expiry');
        assertEq(await a.ttl(k('missing')), -2, 'TTL of missing key');
        assertEq(await a.expire(k('ascii'), 100), 1, 'EXPIRE reply');
        const ttl = await a.ttl(k('ascii'));
        if (!(typeof ttl === 'number' && ttl > 90 && ttl <= 100)) throw new Error(`TTL after EXPIRE 100: got ${fmt(ttl)}`);
        assertEq(await a.expire(k('missing'), 100), 0, 'EXPIRE on missing key');
    });
    await check(label, 'MGET', async () => {
        assertEq(await a.mget([k('ascii'), k('missing'), k('counter')]), ['hello', null, '2'], 'MGET');
    });
    await check(label, 'DEL', async () => {
        assertEq(await a.del([k('ascii'), k('counter'), k('missing')]), 2, 'DEL count');
        assertEq(await a.get(k('ascii')), null, 'GET after DEL');
    });
    await check(label, 'pipeline of 100 commands', async () => {
        const replies = await a.pipeline((p) => {
            for (let i = 0; i < 50; i++) {
                p.set(k(`p${i}`), `v${i}`);
                p.get(k(`p${i}`));
            }
        });
        assertEq(replies.length, 100, 'number of replies');
        for (let i = 0; i < 50; i++) {
            assertEq(replies[2 * i], 'OK', `reply ${2 * i}`);
            assertEq(replies[2 * i + 1], `v${i}`, `reply ${2 * i + 1}`);
        }
        assertEq(await a.del(Array.from({ length: 50 }, (_, i) => k(`p${i}`))), 50, 'DEL of pipelined keys');
    });

    let sub;
    const ch = k('chan');
    if (await check(label, 'subscriber connection', async () => { sub = await a.subscriber(); })) {
        await check(label, 'SUBSCRIBE + PUBLISH x3, received in order', async () => {
            await sub.subscribe(ch);
            for (let i = 1; i <= 3; i++) assertEq(await a.publish(ch, `msg-${i} ✓`), 1, `PUBLISH ${i} receiver count`);
            const got = await sub.messages.waitFor(3);
            assertEq(got, [1, 2, 3].map((i) => [ch, `msg-${i} ✓`]), 'messages');
        });
        const pattern = k('news.*');
        await check(label, 'PSUBSCRIBE + PUBLISH x3, received in order', async () => {
            await sub.psubscribe(pattern);
            const chans = ['a', 'b', 'c'].map((x) => k(`news.${x}`));
            for (const [i, c] of chans.entries()) assertEq(await a.publish(c, `p${i}`), 1, `PUBLISH ${c}`);
            const got = await sub.pmessages.waitFor(3);
            assertEq(got, chans.map((c, i) => [pattern, c, `p${i}`]), 'pmessages');
            // The channel subscription is still there too: one subscriber connection, counted once per match.
            assertEq(await a.publish(ch, 'after-psubscribe'), 1, 'PUBLISH to plain channel');
            assertEq((await sub.messages.waitFor(4))[3], [ch, 'after-psubscribe'], '4th message');
        });
        await check(label, 'PING while subscribed', async () => {
            const r = await sub.ping();
            // Subscribed PING answers ["pong", ""] in RESP2 (PONG in RESP3); clients map it differently.
            const ok = String(Array.isArray(r) ? r[0] : r).toLowerCase() === 'pong';
            if (!ok) throw new Error(`PING while subscribed: got ${fmt(r)}`);
        });
        await check(label, 'UNSUBSCRIBE + PUNSUBSCRIBE, then normal commands on the same connection', async () => {
            await sub.unsubscribe([ch], [pattern]);
            assertEq(await a.publish(ch, 'nobody'), 0, 'PUBLISH after UNSUBSCRIBE');
            assertEq(await sub.get(k('missing')), null, 'GET on former subscriber');
        });
        await check(label, 'close subscriber connection', () => sub.close());
    }

    await check(label, 'disconnect cleanly', () => a.close());
    await check(label, 'no error events emitted', () => {
        if (a.errors.length) throw new Error(a.errors.map((e) => e && e.message).join(' | '));
    });
}

(async () => {
    const clients = [
        [`ioredis ${require('ioredis/package.json').version} (defaults)`, () => ioredisAdapter({})],
        [`node-redis ${require('redis/package.json').version} (defaults)`, () => nodeRedisAdapter({})],
    ];
    if (process.env.EXTRA === '1') {
        clients.push([`ioredis ${require('ioredis/package.json').version} (protocol: 2)`, () => ioredisAdapter({ protocol: 2 })]);
        clients.push([`node-redis ${require('redis/package.json').version} (RESP: 2)`, () => nodeRedisAdapter({ RESP: 2 })]);
    }
    for (const [label, make] of clients) await runClient(label, make);
    console.log(`${passed} passed, ${failed} failed`);
    // Clients that failed mid-way may hold sockets open; don't wait for them.
    process.exit(failed === 0 ? 0 : 1);
})().catch((e) => {
    console.error(e);
    process.exit(1);
});
