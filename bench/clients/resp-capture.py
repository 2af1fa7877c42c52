#!/usr/bin/env python3
"""Wire capture for debugging a client against a server (standard library only).

  resp-capture.py proxy LISTEN_PORT TARGET_PORT LOG   log every chunk both ways, per connection, until Ctrl-C;
                                                      point the client at 127.0.0.1:LISTEN_PORT
  resp-capture.py frames LOG                          print the capture as one RESP2/RESP3 frame a line:
                                                      "[conn] C>S *[$'SET', $'k', $'v']" / "[conn] S>C +OK"

Capture the same client run against redis-server and mini-redis, then diff the two `frames` outputs (normalise ids,
INFO bodies and the like first) to find the first reply that differs.
"""
import ast
import collections
import itertools
import re
import socket
import sys
import threading


def proxy(listen_port, target_port, log_path):
    lock = threading.Lock()
    log = open(log_path, 'a', buffering=1)

    def pump(src, dst, tag):
        try:
            while True:
                data = src.recv(65536)
                if not data:
                    break
                with lock:
                    log.write(f"{tag} {data!r}\n")
                dst.sendall(data)
        except OSError:
            pass
        finally:
            with lock:
                log.write(f"{tag} <EOF>\n")
            try:
                dst.shutdown(socket.SHUT_WR)
            except OSError:
                pass

    server = socket.socket()
    server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    server.bind(('127.0.0.1', listen_port))
    server.listen(128)
    for n in itertools.count(1):
        client, _ = server.accept()
        upstream = socket.create_connection(('127.0.0.1', target_port))
        threading.Thread(target=pump, args=(client, upstream, f"[{n}] C>S"), daemon=True).start()
        threading.Thread(target=pump, args=(upstream, client, f"[{n}] S>C"), daemon=True).start()


def parse(b, i):
    t = chr(b[i])
    j = b.index(b'\r\n', i)
    head = b[i + 1:j].decode('latin1')
    i = j + 2
    if t in '$=!':
        n = int(head)
        if n < 0:
            return ('$-1',), i
        return (t, bytes(b[i:i + n])), i + n + 2
    if t in '*%~>|':
        n = int(head)
        if n < 0:
            return ('*-1',), i
        items = []
        for _ in range(n * 2 if t in '%|' else n):
            item, i = parse(b, i)
            items.append(item)
        return (t, items), i
    return (t, head), i


def show(f):
    t = f[0]
    if len(f) == 1:
        return t
    if t in '*%~>|':
        return t + '[' + ', '.join(show(x) for x in f[1]) + ']'
    if t in '$=!':
        body = f[1]
        return t + (repr(body)[1:] if len(body) < 120 else repr(body[:60])[1:] + f'...({len(body)} bytes)')
    return t + f[1]


def frames(log_path):
    streams = collections.OrderedDict()
    for line in open(log_path):
        m = re.match(r'\[(\d+)\] (C>S|S>C) (.*)$', line.rstrip('\n'))
        if m and m.group(3) != '<EOF>':
            streams.setdefault((int(m.group(1)), m.group(2)), bytearray()).extend(ast.literal_eval(m.group(3)))
    for (conn, direction), b in sorted(streams.items()):
        i = 0
        while i < len(b):
            try:
                f, i = parse(b, i)
            except (ValueError, IndexError):
                print(f'[{conn}] {direction} <unparsed tail: {bytes(b[i:i + 80])!r}>')
                break
            print(f'[{conn}] {direction} {show(f)}')


if __name__ == '__main__':
    if len(sys.argv) == 5 and sys.argv[1] == 'proxy':
        try:
            proxy(int(sys.argv[2]), int(sys.argv[3]), sys.argv[4])
        except KeyboardInterrupt:
            pass
    elif len(sys.argv) == 3 and sys.argv[1] == 'frames':
        frames(sys.argv[2])
    else:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
