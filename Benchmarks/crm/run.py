#!/usr/bin/env python3
"""CRM list/search/get latency and concurrent writes on the large demo set, on SQLite and PostgreSQL.

Builds the release binary, seeds 1,000,000 leads and 5,000,000 activities, starts the server
on loopback and drives it with wrk (8 connections, 30 s per endpoint). Each endpoint's figures
are printed beside /health, the same server answering without touching the CRM tables, as the
reference run: the ratios say what the queries cost on top of the framework.

Writes (d) are also measured against their floor: the same transactions sent straight to the
database by a small client in this script, with the rate printed as a ratio of it.

Usage: python3 Benchmarks/crm/run.py [--databases sqlite,postgres] [--duration 30] [--leads-size large] [--work DIR]
Needs: wrk and postgresql from Debian's packages (installed if missing; run as root).
"""
import argparse
import json
import os
import pathlib
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request

ROOT = pathlib.Path(__file__).resolve().parents[2]
PORT = 8097


def sh(command, **kwargs):
    return subprocess.run(command, shell=True, check=True, text=True, **kwargs)


def ensure_tools():
    missing = [name for name, probe in (("wrk", "wrk"), ("postgresql", "pg_ctlcluster")) if not shutil.which(probe)]
    if missing:
        sh("apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq " + " ".join(missing) + " >/dev/null")


def build(scratch):
    started = time.time()
    sh(f"swift build -c release --product salespulse --scratch-path {scratch}", cwd=ROOT, stdout=subprocess.DEVNULL)
    print(f"release build: {time.time() - started:.0f} s")
    return pathlib.Path(scratch) / "release" / "salespulse"


def start_postgres(work):
    bin_dir = sorted(pathlib.Path("/usr/lib/postgresql").glob("*/bin"))[-1]
    data = pathlib.Path(work) / "pg"
    fresh = not data.exists()
    data.mkdir(exist_ok=True)
    shutil.chown(data, "postgres", "postgres")
    os.chmod(work, 0o711)
    su = lambda command: sh(f"su postgres -s /bin/sh -c \"{command}\"", stdout=subprocess.DEVNULL)
    if fresh:
        su(f"{bin_dir}/initdb -D {data}/data -U postgres -A trust --no-sync")
    su(f"{bin_dir}/pg_ctl -D {data}/data -l {data}/log -w -o '-h 127.0.0.1 -p 55433 -k {data} "
       f"-c shared_buffers=1GB -c max_connections=200' start")
    if fresh:
        su(f"{bin_dir}/psql -h 127.0.0.1 -p 55433 -U postgres -qc 'CREATE DATABASE bench'")
    stop = lambda: su(f"{bin_dir}/pg_ctl -D {data}/data -m fast stop")
    return "postgres://postgres@127.0.0.1:55433/bench?sslmode=disable", stop


def api(path, token=None, body=None):
    request = urllib.request.Request(f"http://127.0.0.1:{PORT}{path}", data=json.dumps(body).encode() if body else None,
                                     headers={"Content-Type": "application/json", **({"Authorization": f"Bearer {token}"} if token else {})})
    with urllib.request.urlopen(request) as response:
        return json.loads(response.read())


def wrk(path, token, duration, work, body=None):
    """Latency and throughput of 8 connections for `duration` seconds; with `body`, each
    request POSTs it as JSON (every one a new record)."""
    script = pathlib.Path(work) / "auth.lua"
    lua = f'wrk.headers["Authorization"] = "Bearer {token}"\n'
    if body is not None:
        lua += f'wrk.method = "POST"\nwrk.headers["Content-Type"] = "application/json"\nwrk.body = {json.dumps(json.dumps(body))}\n'
    script.write_text(lua)
    return run_wrk(path, script, duration)


def run_wrk(path, script, duration):
    """wrk's 8 connections driven by a Lua script for `duration` seconds: p50, p99, rate, errors."""
    output = subprocess.run(["wrk", "-t2", "-c8", f"-d{duration}s", "--latency", "-s", str(script), f"http://127.0.0.1:{PORT}{path}"],
                            check=True, text=True, capture_output=True).stdout
    def millis(label):
        match = re.search(rf"^\s+{label}%\s+([\d.]+)(us|ms|s)\s*$", output, re.M)
        value, unit = float(match.group(1)), match.group(2)
        return value / 1000 if unit == "us" else value * 1000 if unit == "s" else value
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    return {"p50": millis(50), "p99": millis(99), "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
            "errors": int(errors.group(1)) if errors else 0}


def serve(binary, env, tries=100):
    """The server on loopback, once it answers /health."""
    server = subprocess.Popen([str(binary), "serve", "--hostname", "127.0.0.1", "--port", str(PORT)], env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for _ in range(tries):
        try:
            api("/health")
            break
        except OSError:
            time.sleep(0.2)
    return server


def admin_token(seeded):
    """The demo admin's password from seed-demo's output, and an API token made with it."""
    password = re.search(r"admin\s+admin@salespulse\.demo\s+(\S+)", seeded).group(1)
    return api("/api/v1/auth/tokens", body={"email": "admin@salespulse.demo", "password": password, "name": "bench"})["token"], password


def copy_row_statement(columns, table, placeholder):
    """INSERT of a copy of one row of `table` under a new id (and, for audit entries, a new record id)."""
    chosen = ", ".join(placeholder if column == "id" else f'"{column}"' for column in columns)
    names = ", ".join(f'"{column}"' for column in columns)
    return f'INSERT INTO "{table}" ({names}) SELECT {chosen} FROM "{table}" WHERE "id" = {placeholder}'


def floor(database, env, lead_id, duration):
    """The reference for (d): the same transaction sent straight to the same database by a
    small client (insert the activity, insert its audit entry, bump the lead's counter, commit),
    copying the rows the server wrote. One client on SQLite, which takes one writer at a time;
    eight on PostgreSQL, like wrk's connections."""
    import threading
    import uuid
    if database == "sqlite":
        import sqlite3
        connect = lambda: sqlite3.connect(env["DATABASE_PATH"], isolation_level=None, timeout=30)
        placeholder, clients, new_id = "?", 1, lambda: str(uuid.uuid4()).upper()
    else:
        import psycopg
        connect = lambda: psycopg.connect(env["DATABASE_URL"].split("?")[0], autocommit=True)
        placeholder, clients, new_id = "%s", 8, uuid.uuid4
    probe = connect()
    def columns(table):
        if database == "sqlite":
            return [row[1] for row in probe.execute(f'PRAGMA table_info("{table}")').fetchall()]
        return [row[0] for row in probe.execute("SELECT column_name FROM information_schema.columns WHERE table_name = %s "
                                                "AND table_schema = current_schema() ORDER BY ordinal_position", (table,)).fetchall()]
    activity = probe.execute('SELECT "id" FROM "activities" ORDER BY "created_at" DESC LIMIT 1').fetchone()[0]
    audit = probe.execute('SELECT "id" FROM "audit_entries" ORDER BY "at" DESC LIMIT 1').fetchone()[0]
    copy_activity = copy_row_statement(columns("activities"), "activities", placeholder)
    copy_audit = copy_row_statement(columns("audit_entries"), "audit_entries", placeholder)
    touch = (f'UPDATE "leads" SET "interaction_count" = "interaction_count" + 1, "updated_at" = "updated_at" '
             f'WHERE "id" = {placeholder}')
    latencies, deadline = [], time.time() + duration
    def client():
        connection = connect()
        if database == "sqlite":
            connection.execute("PRAGMA synchronous = FULL")
        mine = []
        while time.time() < deadline:
            started = time.perf_counter()
            connection.execute("BEGIN IMMEDIATE" if database == "sqlite" else "BEGIN")
            connection.execute(copy_activity, (new_id(), activity))
            connection.execute(copy_audit, (new_id(), audit))
            connection.execute(touch, (lead_id,))
            connection.execute("COMMIT")
            mine.append((time.perf_counter() - started) * 1000)
        latencies.extend(mine)
    threads = [threading.Thread(target=client) for _ in range(clients)]
    started = time.time()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.time() - started
    latencies.sort()
    return {"p50": latencies[len(latencies) // 2], "p99": latencies[int(len(latencies) * 0.99)], "rps": len(latencies) / elapsed, "errors": 0}


def seed(binary, size, env, record):
    """Seeds once per work folder: a kept folder (--work) is measured again without reseeding,
    after its schema is brought up to the binary's."""
    if record.exists():
        subprocess.run([str(binary), "migrate"], env=env, check=True, stdout=subprocess.DEVNULL)
        return record.read_text(), 0.0
    started = time.time()
    seeded = subprocess.run([str(binary), "seed-demo", "--size", size, "--as-of", "2026-11-20"], env=env, check=True,
                            text=True, capture_output=True).stdout
    record.write_text(seeded)
    return seeded, time.time() - started


def run(database, binary, duration, size, work):
    env = dict(os.environ, LOG_LEVEL="warning")
    stop_database = lambda: None
    if database == "sqlite":
        env["DATABASE_PATH"] = str(pathlib.Path(work) / "bench.sqlite")
    else:
        env["DATABASE_URL"], stop_database = start_postgres(work)
    try:
        seeded, seed_seconds = seed(binary, size, env, pathlib.Path(work) / f"{database}-seed.txt")
        server = serve(binary, env)
        try:
            token, _ = admin_token(seeded)
            rep = next(user for user in api("/api/v1/users?role=rep", token)["items"])
            # A lead with an email, whose prefix the search measures (leads added by hand may have none).
            lead = next(item for item in api(f"/api/v1/leads?ownerId={rep['id']}&limit=50", token)["items"] if item.get("email"))
            prefix = lead["email"].split("@")[0][:-2]
            endpoints = [
                ("reference: /health", "/health"),
                ("(a) leads by status+owner, newest first", f"/api/v1/leads?status=qualified&ownerId={rep['id']}&sort=-createdAt"),
                ("(b) search by email prefix", f"/api/v1/leads?q={prefix}"),
                ("(c) one lead", f"/api/v1/leads/{lead['id']}"),
            ]
            results = [(label, wrk(path, token, duration, work)) for label, path in endpoints]
            # Writes from eight clients at once: a call logged on a lead (the lead's counters,
            # score and both daily roll-ups follow it in the same transaction).
            call = {"type": "call", "subject": "Benchmark call", "leadId": lead["id"]}
            results.append(("(d) log a call, 8 clients at once", wrk("/api/v1/activities", token, duration, work, body=call)))
            peak = int(re.search(r"VmHWM:\s+(\d+)", pathlib.Path(f"/proc/{server.pid}/status").read_text()).group(1)) // 1024
        finally:
            server.terminate()
            server.wait()
        reference_write = floor(database, env, lead["id"], duration)
        results.append(("(d) floor: the same writes sent directly", reference_write))
    finally:
        stop_database()
    print(f"\n{database}: seeded {size} set in {seed_seconds:.0f} s; peak server memory {peak} MiB")
    reference = results[0][1]
    print(f"{'endpoint':45} {'p50 ms':>8} {'p99 ms':>8} {'req/s':>9} {'p99 / ref':>10} {'errors':>7}")
    for label, figures in results:
        print(f"{label:45} {figures['p50']:8.2f} {figures['p99']:8.2f} {figures['rps']:9.0f} "
              f"{figures['p99'] / reference['p99']:10.1f} {figures['errors']:7d}")
    ours, direct = results[-2][1], results[-1][1]
    print(f"(d) our writes run at {ours['rps'] / direct['rps']:.2f}x the floor")
    return results


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--databases", default="sqlite,postgres")
    parser.add_argument("--duration", type=int, default=30)
    parser.add_argument("--leads-size", default="large", choices=["small", "large"])
    parser.add_argument("--scratch", default="/tmp/salespulse-release")
    parser.add_argument("--binary", help="use this salespulse binary instead of building one")
    parser.add_argument("--work", help="keep the seeded databases in this folder and reuse them on the next run")
    arguments = parser.parse_args()
    ensure_tools()
    binary = pathlib.Path(arguments.binary) if arguments.binary else build(arguments.scratch)
    if arguments.work:
        pathlib.Path(arguments.work).mkdir(parents=True, exist_ok=True)
        for database in arguments.databases.split(","):
            run(database, binary, arguments.duration, arguments.leads_size, arguments.work)
        return
    with tempfile.TemporaryDirectory(prefix="salespulse-bench-") as work:
        for database in arguments.databases.split(","):
            run(database, binary, arguments.duration, arguments.leads_size, work)


if __name__ == "__main__":
    sys.exit(main())
