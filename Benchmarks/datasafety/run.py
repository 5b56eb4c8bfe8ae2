#!/usr/bin/env python3
"""Data safety at scale: backup, restore, export everything, doctor and one erasure on the
1M-lead benchmark set, on SQLite and PostgreSQL, with peak memory.

Builds the release binary, seeds the large demo company (1,000,000 leads, about 5,000,000
activities) into a fresh SQLite file, then times each step as its own process, with that
process's peak memory: backup, restore into a new SQLite file, export-everything and doctor
on SQLite; restore into PostgreSQL, backup, doctor and export-everything there.
The references run in the same script on the same data: sqlite3's own `.backup` (the online
backup API) and, when installed, `pg_dump -Fc` and `pg_restore`, so the ratios are against
each database's own tools.

Usage: python3 Benchmarks/datasafety/run.py [--postgres URL] [--binary PATH] [--work DIR] [--size large|small]
Needs: sqlite3; for PostgreSQL a server the URL reaches (the database is dropped and made anew).
"""
import argparse
import os
import pathlib
import shutil
import subprocess
import sys
import time
import urllib.parse

HERE = pathlib.Path(__file__).resolve().parent
ROOT = HERE.parent.parent


def build(scratch):
    started = time.time()
    subprocess.run(f"swift build -c release --product salespulse --scratch-path {scratch}", shell=True, cwd=ROOT, check=True,
                   stdout=subprocess.DEVNULL)
    print(f"release build: {time.time() - started:.0f} s", flush=True)
    return pathlib.Path(scratch) / "release" / "salespulse"


def timed(name, command, env=None):
    """Runs a step as its own process; prints and returns its seconds, with its peak memory."""
    log = open(pathlib.Path("/tmp") / "salespulse-datasafety-step.log", "w")
    started = time.time()
    process = subprocess.Popen(command, env=env, stdout=log, stderr=subprocess.STDOUT)
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.time() - started
    log.close()
    if status != 0:
        print(f"{name}: FAILED ({status})\n{pathlib.Path(log.name).read_text()[-3000:]}", flush=True)
        sys.exit(1)
    print(f"{name}: {seconds:.1f} s, peak {usage.ru_maxrss / 1024:.0f} MB", flush=True)
    return seconds


def environment(**values):
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "DATABASE_PATH")}
    env.update({k: str(v) for k, v in values.items()})
    return env


def recreate(url, name):
    parts = urllib.parse.urlsplit(url)
    admin = urllib.parse.urlunsplit(parts._replace(path="/postgres"))
    for statement in (f"DROP DATABASE IF EXISTS {name}", f"CREATE DATABASE {name}"):
        subprocess.run(["psql", admin, "-qc", statement], check=True, stdout=subprocess.DEVNULL)
    return urllib.parse.urlunsplit(parts._replace(path=f"/{name}"))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--postgres", help="postgres://user@host:port/anything?sslmode=disable")
    parser.add_argument("--binary")
    parser.add_argument("--work", default="/tmp/salespulse-datasafety")
    parser.add_argument("--scratch", default="/tmp/salespulse-release")
    parser.add_argument("--size", default="large", choices=["large", "small"])
    args = parser.parse_args()
    work = pathlib.Path(args.work)
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    binary = pathlib.Path(args.binary) if args.binary else build(args.scratch)
    source = work / "company.sqlite"

    timed(f"seed-demo --size {args.size} (SQLite)", [str(binary), "seed-demo", "--size", args.size], env=environment(DATABASE_PATH=source))
    leads = subprocess.run(["sqlite3", str(source), "SELECT COUNT(*) FROM leads"], capture_output=True, text=True).stdout.strip()
    print(f"leads: {leads}", flush=True)

    ours = timed("backup (SQLite)", [str(binary), "backup", "--out", str(work / "sqlite.zip")], env=environment(DATABASE_PATH=source))
    print(f"backup file: {(work / 'sqlite.zip').stat().st_size / 1e6:.0f} MB", flush=True)
    theirs = timed("reference: sqlite3 .backup", ["sqlite3", str(source), f".backup {work / 'copy.sqlite'}"])
    print(f"ratio backup / sqlite3 .backup: {ours / theirs:.1f}x", flush=True)
    timed("restore into a new SQLite file", [str(binary), "restore", str(work / "sqlite.zip")], env=environment(DATABASE_PATH=work / "restored.sqlite"))
    timed("export-everything (SQLite)", [str(binary), "export-everything", "--out", str(work / "export.zip")], env=environment(DATABASE_PATH=source))
    print(f"export file: {(work / 'export.zip').stat().st_size / 1e6:.0f} MB", flush=True)
    timed("doctor (SQLite)", [str(binary), "doctor"], env=environment(DATABASE_PATH=source))

    if args.postgres:
        target = recreate(args.postgres, "salespulse_bench_move")
        into = timed("restore into PostgreSQL", [str(binary), "restore", str(work / "sqlite.zip")], env=environment(DATABASE_URL=target))
        out = timed("backup (PostgreSQL)", [str(binary), "backup", "--out", str(work / "postgres.zip")], env=environment(DATABASE_URL=target))
        if shutil.which("pg_dump") and shutil.which("pg_restore"):
            dump = timed("reference: pg_dump -Fc", ["pg_dump", "-Fc", "-f", str(work / "pg.dump"), target])
            print(f"ratio backup / pg_dump: {out / dump:.1f}x", flush=True)
            copy = recreate(args.postgres, "salespulse_bench_copy")
            load = timed("reference: pg_restore", ["pg_restore", "-d", copy, str(work / "pg.dump")])
            print(f"ratio restore / pg_restore: {into / load:.1f}x", flush=True)
        timed("doctor (PostgreSQL)", [str(binary), "doctor"], env=environment(DATABASE_URL=target))
        timed("export-everything (PostgreSQL)", [str(binary), "export-everything", "--out", str(work / "export-pg.zip")], env=environment(DATABASE_URL=target))


if __name__ == "__main__":
    main()
