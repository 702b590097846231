#!/usr/bin/python3
"""stack-app: a visit counter. Each GET / records a visit in PostgreSQL (through psql) and
counts a hit in Redis (its protocol, RESP, over a socket), and answers with both counts as
JSON. GET /healthz answers 200 when both answer. `stack-app --check` is the healthcheck.

Settings (environment): DB_HOST, DB_NAME, DB_USER, DB_PASSWORD, REDIS_HOST, GREETING,
PORT (8000)."""
import http.server
import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request

PORT = int(os.environ.get("PORT", "8000"))


def psql(script, **variables):
    """Runs an SQL script with psql; returns its rows (unaligned, no headers)."""
    cmd = ["psql", "-X", "-q", "-t", "-A", "-v", "ON_ERROR_STOP=1",
           "-h", os.environ["DB_HOST"], "-U", os.environ["DB_USER"], "-d", os.environ["DB_NAME"]]
    for k, v in variables.items():
        cmd += ["-v", f"{k}={v}"]
    env = dict(os.environ, PGPASSWORD=os.environ["DB_PASSWORD"], PGCONNECT_TIMEOUT="3")
    r = subprocess.run(cmd, input=script, env=env, capture_output=True, text=True, timeout=10)
    if r.returncode != 0:
        raise RuntimeError("psql: " + r.stderr.strip())
    return r.stdout.split()


def redis(*args):
    """One Redis command over RESP; returns its reply (bytes, int or None)."""
    req = b"*%d\r\n" % len(args) + b"".join(b"$%d\r\n%s\r\n" % (len(a), a) for a in (str(x).encode() for x in args))
    with socket.create_connection((os.environ["REDIS_HOST"], 6379), timeout=3) as s:
        s.sendall(req)
        f = s.makefile("rb")
        line = f.readline()
        kind, rest = line[:1], line[1:].strip()
        if kind == b"-":
            raise RuntimeError("redis: " + rest.decode())
        if kind == b":":
            return int(rest)
        if kind == b"+":
            return rest
        if kind == b"$":
            n = int(rest)
            return None if n < 0 else f.read(n + 2)[:-2]
        raise RuntimeError("redis: unexpected reply %r" % line)


SCHEMA = "CREATE TABLE IF NOT EXISTS visits (id serial PRIMARY KEY, at timestamptz NOT NULL DEFAULT now(), greeting text NOT NULL);"


def migrate():
    """The schema, once at start; the database may still be coming up."""
    deadline = time.monotonic() + 60
    while True:
        try:
            psql(SCHEMA)
            return
        except Exception as e:  # noqa: BLE001 - retried until the deadline
            if time.monotonic() > deadline:
                raise
            print("stack-app: waiting for the database:", e, file=sys.stderr, flush=True)
            time.sleep(1)


class Handler(http.server.BaseHTTPRequestHandler):
    def answer(self, code, body):
        data = (json.dumps(body, sort_keys=True) + "\n").encode()
        self.send_response(code)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        try:
            if self.path == "/healthz":
                psql("SELECT 1;")
                redis("PING")
                self.answer(200, {"status": "ok"})
            elif self.path == "/":
                greeting = os.environ.get("GREETING", "hello")
                visits = int(psql("INSERT INTO visits (greeting) VALUES (:'greeting'); SELECT count(*) FROM visits;",
                                  greeting=greeting)[0])
                hits = redis("INCR", "hits")
                self.answer(200, {"greeting": greeting, "visits": visits, "hits": hits, "host": socket.gethostname()})
            else:
                self.answer(404, {"error": "not found"})
        except Exception as e:  # noqa: BLE001 - the client gets the reason
            self.answer(503, {"error": str(e)})

    def log_message(self, fmt, *args):
        print("stack-app:", self.address_string(), fmt % args, file=sys.stderr, flush=True)


def main():
    if sys.argv[1:] == ["--check"]:
        with urllib.request.urlopen(f"http://127.0.0.1:{PORT}/healthz", timeout=3) as r:
            sys.exit(0 if r.status == 200 else 1)
    # PID 1 ignores SIGTERM unless it handles it
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    migrate()
    server = http.server.ThreadingHTTPServer(("", PORT), Handler)
    print(f"stack-app: serving on port {PORT}", file=sys.stderr, flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
