#!/usr/bin/env python3
"""Background jobs on PostgreSQL: jobs per second through one and four worker loops of one
`salespulse worker`, and through four worker processes (two loops each, the default), and how
long a job waits from enqueue to start when the queue is idle.

Builds the release binary, starts PostgreSQL on loopback, fills the jobs table with trivial
`ping` jobs and times `salespulse worker` draining it. The reference run drives the worker's
statements straight from Python (psycopg, one thread per worker loop: a claim, then per job one
statement that finishes it and claims the next) without batching, so a ratio above 1 is what
claiming in batches gains over the database's one-job-per-statement pace.

Usage: python3 Benchmarks/jobs/run.py [--jobs 20000] [--latency-jobs 300] [--binary PATH] [--work DIR]
Needs: postgresql from Debian's packages and psycopg from PyPI (installed if missing; run as root).
"""
import argparse
import importlib.util
import json
import os
import pathlib
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid

HERE = pathlib.Path(__file__).resolve().parent
spec = importlib.util.spec_from_file_location("crm_bench", HERE.parent / "crm" / "run.py")
crm = importlib.util.module_from_spec(spec)
spec.loader.exec_module(crm)

try:
    import psycopg
except ImportError:
    subprocess.run([sys.executable, "-m", "pip", "install", "-q", "psycopg[binary]"], check=True)
    import psycopg

CLAIM = """
UPDATE jobs SET state = 'running', locked_by = %s, lease_until = %s, attempts = attempts + 1, started_at = %s
WHERE id = (SELECT id FROM jobs WHERE state = 'queued' AND run_at <= %s
            ORDER BY priority DESC, run_at LIMIT 1 FOR UPDATE SKIP LOCKED) RETURNING id
"""
FINISH_AND_CLAIM = ("WITH finished AS (UPDATE jobs SET state = 'done', finished_at = %s, lease_until = NULL "
                    "WHERE id = %s AND locked_by = %s RETURNING id) " + CLAIM)


def now_ms():
    return int(time.time() * 1000)


def fill(url, count, at=None):
    stamp = now_ms() if at is None else at
    with psycopg.connect(url, autocommit=True) as db:
        db.execute("DELETE FROM jobs")
        with db.cursor().copy("COPY jobs (id, kind, payload, run_at, priority, attempts, max_attempts, state, created_at) FROM STDIN") as copy:
            for _ in range(count):
                copy.write_row((uuid.uuid4(), "ping", "{}", stamp, 0, 0, 3, "queued", stamp))


def reference(url, count, loops):
    """The worker's statements, from Python threads: the database's own pace."""
    fill(url, count)
    def drain(number):
        me = f"ref#{number}"
        with psycopg.connect(url, autocommit=True) as db:
            stamp = now_ms()
            row = db.execute(CLAIM, (me, stamp + 30_000, stamp, stamp)).fetchone()
            while row is not None:
                stamp = now_ms()
                row = db.execute(FINISH_AND_CLAIM, (stamp, row[0], me, me, stamp + 30_000, stamp, stamp)).fetchone()
    started = time.time()
    threads = [threading.Thread(target=drain, args=(n,)) for n in range(loops)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return count / (time.time() - started)


def start_worker(binary, url, loops=None):
    env = dict(os.environ, DATABASE_URL=url, LOG_LEVEL="warning")
    concurrency = [] if loops is None else ["--concurrency", str(loops)]
    return subprocess.Popen([str(binary), "worker"] + concurrency, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def stop_worker(*processes):
    for process in processes:
        process.terminate()
    for process in processes:
        process.wait(timeout=60)


def wait_until_done(url, count, timeout=600):
    deadline = time.time() + timeout
    with psycopg.connect(url, autocommit=True) as db:
        while time.time() < deadline:
            done = db.execute("SELECT COUNT(*) FROM jobs WHERE kind = 'ping' AND state = 'done'").fetchone()[0]
            if done >= count:
                return db.execute("SELECT MIN(started_at), MAX(finished_at) FROM jobs WHERE kind = 'ping'").fetchone()
            time.sleep(0.1)
    raise SystemExit(f"the worker finished {done} of {count} jobs in {timeout} s")


def product(binary, url, count, loops, processes=1):
    """Jobs per second from the first start to the last finish; `loops` None is the default concurrency."""
    fill(url, count)
    workers = [start_worker(binary, url, loops) for _ in range(processes)]
    try:
        first, last = wait_until_done(url, count)
    finally:
        stop_worker(*workers)
    return count / max((last - first) / 1000, 0.001)


def latency(binary, url, count):
    """Jobs enqueued one at a time into an idle queue: enqueue to start, in milliseconds."""
    with psycopg.connect(url, autocommit=True) as db:
        db.execute("DELETE FROM jobs")
    process = start_worker(binary, url, 4)
    try:
        time.sleep(3)
        with psycopg.connect(url, autocommit=True) as db:
            for _ in range(count):
                stamp = now_ms()
                db.execute("INSERT INTO jobs (id, kind, payload, run_at, priority, attempts, max_attempts, state, created_at) "
                           "VALUES (%s, 'ping', '{}', %s, 0, 0, 3, 'queued', %s)", (uuid.uuid4(), stamp, stamp))
                time.sleep(0.03)
        wait_until_done(url, count)
        with psycopg.connect(url, autocommit=True) as db:
            waits = sorted(row[0] for row in db.execute("SELECT started_at - created_at FROM jobs WHERE kind = 'ping'"))
    finally:
        stop_worker(process)
    return statistics.median(waits), waits[min(len(waits) - 1, int(len(waits) * 0.99))]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--jobs", type=int, default=20_000)
    parser.add_argument("--latency-jobs", type=int, default=300)
    parser.add_argument("--scratch", default="/tmp/salespulse-release")
    parser.add_argument("--binary", help="use this salespulse binary instead of building one")
    parser.add_argument("--work", help="keep the PostgreSQL data in this folder")
    args = parser.parse_args()
    crm.ensure_tools()
    binary = pathlib.Path(args.binary) if args.binary else crm.build(args.scratch)
    work = args.work or tempfile.mkdtemp(prefix="salespulse-jobs-bench-")
    url, stop = crm.start_postgres(work)
    try:
        subprocess.run([str(binary), "migrate"], env=dict(os.environ, DATABASE_URL=url), check=True, stdout=subprocess.DEVNULL)
        results = {}
        for loops in (1, 4):
            raw = reference(url, args.jobs, loops)
            ours = product(binary, url, args.jobs, loops)
            results[f"{loops}_loops"] = {"jobs_per_s": round(ours), "reference_jobs_per_s": round(raw), "ratio": round(ours / raw, 2)}
            print(f"{loops} worker loop(s): {ours:,.0f} jobs/s; the same SQL from Python: {raw:,.0f} jobs/s; ratio {ours / raw:.2f}")
        raw = reference(url, args.jobs, 8)
        ours = product(binary, url, args.jobs, None, processes=4)
        results["4_processes"] = {"jobs_per_s": round(ours), "reference_jobs_per_s": round(raw), "ratio": round(ours / raw, 2)}
        print(f"4 worker processes (2 loops each, the default): {ours:,.0f} jobs/s; the same SQL from 8 Python threads: {raw:,.0f} jobs/s; "
              f"ratio {ours / raw:.2f}")
        p50, p99 = latency(binary, url, args.latency_jobs)
        results["enqueue_to_start_ms"] = {"p50": p50, "p99": p99}
        print(f"enqueue to start with an idle queue: p50 {p50} ms, p99 {p99} ms")
        print(json.dumps(results))
    finally:
        stop()


if __name__ == "__main__":
    main()
