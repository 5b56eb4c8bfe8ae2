#!/usr/bin/env python3
"""Lead-form submissions per second, and the time from a submission to its rep's notification.

Seeds the demo company, starts the release server on loopback with the form rate limits lifted
(INTAKE_PER_CLIENT_PER_MINUTE, INTAKE_PER_FORM_PER_MINUTE), creates a lead form that gives its
leads to a team's reps in turn, and drives it with wrk (8 connections; every submission a new
person). Two reference runs in the same script give the ratios: /health (the framework alone)
and POST /api/v1/leads (the same lead written through the API, without the form's spam checks,
matching, assignment and log).

Time to notification is read from the database afterwards: for every lead the load created,
from the lead's creation to the notification its owner got (the assignment job's work); and
for 100 submissions sent 10 a second, from the moment the client sent it.

Usage: python3 Benchmarks/intake/run.py [--databases sqlite,postgres] [--duration 20] [--binary PATH] [--work DIR]
Needs: wrk (installed from Debian's packages if missing; run as root); psycopg for PostgreSQL.
"""
import argparse
import datetime
import importlib.util
import json
import os
import pathlib
import re
import sys
import tempfile
import time
import urllib.parse
import urllib.request
import uuid

HERE = pathlib.Path(__file__).resolve().parent
spec = importlib.util.spec_from_file_location("crm_bench", HERE.parent / "crm" / "run.py")
crm = importlib.util.module_from_spec(spec)
spec.loader.exec_module(crm)
PORT = crm.PORT


def form_load(path, duration, work, tag):
    """wrk posting the form as a browser would, each request a new person."""
    opened = int((time.time() - 60) * 1000)
    script = pathlib.Path(work) / "form.lua"
    script.write_text(f"""
local counter = 0
local threads = 0
function setup(thread)
  threads = threads + 1
  thread:set("tid", threads)
end
function request()
  counter = counter + 1
  local body = "name=Bench+Person+" .. tid .. "-" .. counter .. "&email=bench-{tag}-" .. tid .. "-" .. counter ..
    "%40example.com&message=Is+there+a+Saturday+class%3F&_opened={opened}"
  return wrk.format("POST", "{path}", {{["Content-Type"] = "application/x-www-form-urlencoded"}}, body)
end
""")
    return crm.run_wrk(path, script, duration)


def api_load(token, duration, work):
    script = pathlib.Path(work) / "api.lua"
    body = json.dumps({"name": "Bench API lead", "source": "landing_page", "email": "api-bench@example.com"})
    script.write_text(f'wrk.method = "POST"\nwrk.headers["Authorization"] = "Bearer {token}"\n'
                      f'wrk.headers["Content-Type"] = "application/json"\nwrk.body = {json.dumps(body)}\n')
    return crm.run_wrk("/api/v1/leads", script, duration)


def seconds(value):
    """A stored instant as seconds since 1970, however the database gave it."""
    if isinstance(value, (int, float)):
        return float(value)
    if isinstance(value, datetime.datetime):
        return value.replace(tzinfo=value.tzinfo or datetime.timezone.utc).timestamp()
    text = str(value).replace("T", " ").rstrip("Z")
    return datetime.datetime.fromisoformat(text).replace(tzinfo=datetime.timezone.utc).timestamp()


def identifier(value):
    if isinstance(value, (bytes, memoryview)):
        return str(uuid.UUID(bytes=bytes(value))).upper()
    return str(value).upper()


class Store:
    """Reads the leads and notifications the run made, straight from the database."""

    def __init__(self, database, env):
        if database == "sqlite":
            import sqlite3
            self.connection = sqlite3.connect(env["DATABASE_PATH"], timeout=30)
        else:
            import psycopg
            self.connection = psycopg.connect(env["DATABASE_URL"].split("?")[0], autocommit=True)
        self.mark = "?" if database == "sqlite" else "%s"

    def rows(self, query, parameters=()):
        return self.connection.execute(query.replace("?", self.mark), parameters).fetchall()

    def delays(self, pattern):
        """Lead email -> (lead created, notification created) for leads whose email matches."""
        leads = {identifier(row[0]): (row[1], seconds(row[2])) for row in
                 self.rows('SELECT "id", "email", "created_at" FROM "leads" WHERE "email" LIKE ?', (pattern,))}
        told = {}
        for link, created in self.rows('SELECT "link", "created_at" FROM "notifications" WHERE "link" LIKE ?', ("/leads/%",)):
            lead = link.rsplit("/", 1)[-1].upper()
            if lead in leads:
                told[lead] = seconds(created)
        return {email: (created, told.get(lead)) for lead, (email, created) in leads.items()}


def drain(store, pattern, limit=300):
    """Waits until every lead the load made has its notification: the backlog the jobs worked
    off after the load stopped. Returns the seconds it took."""
    started = time.time()
    while time.time() - started < limit:
        if all(told is not None for _, told in store.delays(pattern).values()):
            break
        time.sleep(0.5)
    return time.time() - started


def percentiles(values):
    values = sorted(values)
    if not values:
        return {"p50": float("nan"), "p99": float("nan"), "max": float("nan")}
    return {"p50": values[len(values) // 2], "p99": values[min(len(values) - 1, int(len(values) * 0.99))], "max": values[-1]}


def submit(path, email):
    body = urllib.parse.urlencode({"name": "Paced Person", "email": email, "_opened": int((time.time() - 60) * 1000)}).encode()
    request = urllib.request.Request(f"http://127.0.0.1:{PORT}{path}", data=body,
                                     headers={"Content-Type": "application/x-www-form-urlencoded"})
    with urllib.request.urlopen(request) as response:
        response.read()


def run(database, binary, duration, work):
    env = dict(os.environ, LOG_LEVEL="warning", INTAKE_PER_CLIENT_PER_MINUTE="10000000", INTAKE_PER_FORM_PER_MINUTE="10000000",
               PUBLIC_URL=f"http://127.0.0.1:{PORT}")
    stop_database = lambda: None
    if database == "sqlite":
        env["DATABASE_PATH"] = str(pathlib.Path(work) / "intake.sqlite")
    else:
        env["DATABASE_URL"], stop_database = crm.start_postgres(work)
    try:
        seeded, seed_seconds = crm.seed(binary, "small", env, pathlib.Path(work) / f"{database}-intake-seed.txt")
        server = crm.serve(binary, env)
        try:
            token, _ = crm.admin_token(seeded)
            team = crm.api("/api/v1/teams", token)["items"][0]
            form = crm.api("/api/v1/admin/intake/forms", token, body={"name": f"Benchmark {uuid.uuid4().hex[:6]}", "source": "landing_page",
                                                                      "assignTo": "roundRobin", "team": team["id"]})
            path = urllib.parse.urlsplit(form["address"]).path
            tag = uuid.uuid4().hex[:8]
            results = [("reference: /health", crm.run_wrk("/health", write_empty(work), duration)),
                       ("reference: the same lead through the API", api_load(token, duration, work)),
                       ("form submissions, 8 clients at once", form_load(path, duration, work, tag))]
            store = Store(database, env)
            drained_in = drain(store, f"bench-{tag}-%")
            paced = {}
            for index in range(100):
                email = f"paced-{tag}-{index}@example.com"
                paced[email] = time.time()
                submit(path, email)
                time.sleep(0.1)
            time.sleep(3)
            peak = int(re.search(r"VmHWM:\s+(\d+)", pathlib.Path(f"/proc/{server.pid}/status").read_text()).group(1)) // 1024
        finally:
            server.terminate()
            server.wait()
        loaded = store.delays(f"bench-{tag}-%")
        under_load = [told - created for created, told in loaded.values() if told is not None]
        untold = sum(1 for _, told in loaded.values() if told is None)
        paced_delays = store.delays(f"paced-{tag}-%")
        from_client = [told - paced[email] for email, (_, told) in paced_delays.items() if told is not None]
    finally:
        stop_database()
    print(f"\n{database}: seeded the demo set in {seed_seconds:.0f} s; peak server memory {peak} MiB")
    reference = results[0][1]
    print(f"{'load':45} {'p50 ms':>8} {'p99 ms':>8} {'req/s':>9} {'p99 / ref':>10} {'errors':>7}")
    for label, figures in results:
        print(f"{label:45} {figures['p50']:8.2f} {figures['p99']:8.2f} {figures['rps']:9.0f} "
              f"{figures['p99'] / reference['p99']:10.1f} {figures['errors']:7d}")
    form_rate, api_rate = results[2][1]["rps"], results[1][1]["rps"]
    print(f"form submissions run at {form_rate / api_rate:.2f}x the API's lead writes (target: 300 a second)")
    load_figures, paced_figures = percentiles(under_load), percentiles(from_client)
    print(f"lead written -> rep notified, under that load: p50 {load_figures['p50'] * 1000:.0f} ms, p99 {load_figures['p99'] * 1000:.0f} ms, "
          f"max {load_figures['max'] * 1000:.0f} ms over {len(under_load)} leads ({untold} not yet notified)")
    print(f"after the load stopped, the notifications still queued took {drained_in:.1f} s to go out")
    print(f"sent -> rep notified, 10 a second: p50 {paced_figures['p50'] * 1000:.0f} ms, p99 {paced_figures['p99'] * 1000:.0f} ms "
          f"over {len(from_client)} of 100 (target: p99 under 1 s)")


def write_empty(work):
    script = pathlib.Path(work) / "empty.lua"
    script.write_text("")
    return script


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--databases", default="sqlite")
    parser.add_argument("--duration", type=int, default=20)
    parser.add_argument("--scratch", default="/tmp/salespulse-release")
    parser.add_argument("--binary", help="use this salespulse binary instead of building one")
    parser.add_argument("--work", help="keep the seeded databases in this folder and reuse them on the next run")
    arguments = parser.parse_args()
    crm.ensure_tools()
    binary = pathlib.Path(arguments.binary) if arguments.binary else crm.build(arguments.scratch)
    if arguments.work:
        pathlib.Path(arguments.work).mkdir(parents=True, exist_ok=True)
        for database in arguments.databases.split(","):
            run(database, binary, arguments.duration, arguments.work)
        return
    with tempfile.TemporaryDirectory(prefix="salespulse-intake-") as work:
        for database in arguments.databases.split(","):
            run(database, binary, arguments.duration, work)


if __name__ == "__main__":
    sys.exit(main())
