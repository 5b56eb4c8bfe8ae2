#!/usr/bin/env python3
"""Importing a large leads CSV: rows per second, peak memory, and how well duplicates are found.

Generates a deterministic leads file (default 1,000,000 rows) in which about 5% of the rows
repeat an earlier row's email (in other letter case) and about 3% are the same person written
differently (a typo in the name, the company with or without its legal form, no email), and
knows which. Builds the release binary, seeds the demo company into a fresh SQLite file, then
times `salespulse import --type leads` (which checks every line, then imports) and reads which
lines it skipped as duplicates from its import log.

The reference is sqlite3's own `.import` of the same file into a bare table with unique email
and phone indexes, in the same script, so the ratio is against the database's own loader.

Usage: python3 Benchmarks/import/run.py [--rows 1000000] [--binary PATH] [--work DIR]
Needs: sqlite3 from Debian's packages.
"""
import argparse
import csv
import pathlib
import random
import resource
import sqlite3
import subprocess
import sys
import tempfile
import time

HERE = pathlib.Path(__file__).resolve().parent
ROOT = HERE.parent.parent

FIRST = ["Anna", "Ben", "Carla", "David", "Elena", "Farid", "Greta", "Hugo", "Ines", "Jonas", "Kira", "Liam", "Maya", "Nils",
         "Olga", "Pablo", "Quinn", "Rosa", "Sven", "Tara", "Umar", "Vera", "Wim", "Xenia", "Yusuf", "Zoe", "Aaron", "Bianca",
         "Cyrus", "Dana", "Emil", "Fiona", "Gustav", "Hana", "Ivan", "Jana", "Karl", "Lena", "Marco", "Nora"]
LAST = ["Andersen", "Becker", "Costa", "Dubois", "Eriksen", "Fischer", "Garcia", "Hansen", "Ivanova", "Jensen", "Kowalski",
        "Lindqvist", "Moreau", "Novak", "Olsen", "Petrov", "Quintero", "Rossi", "Schmidt", "Tanaka", "Ulrich", "Vidal",
        "Weber", "Xu", "Yilmaz", "Zimmermann", "Almeida", "Bauer", "Castillo", "Dahl", "Engel", "Ferreira", "Gallo", "Horvat"]
WORDS = ["North", "Blue", "Iron", "Swift", "Green", "Silver", "Bright", "Oak", "River", "Stone", "Sun", "Cedar", "Delta", "Nova",
         "Peak", "Harbor", "Vertex", "Lumen", "Atlas", "Orbit", "Pine", "Coral", "Summit", "Echo", "Granite", "Maple", "Falcon"]
KINDS = ["Logistics", "Foods", "Systems", "Motors", "Clinic", "Studio", "Labs", "Retail", "Energy", "Textiles", "Media",
         "Builders", "Pharma", "Travel", "Robotics", "Farms", "Optics", "Finance", "Legal", "Dental"]
FORMS = ["Ltd", "GmbH", "LLC", "Inc", "AB", "Oy", "SA", ""]
SOURCES = ["Website", "Referral", "Trade show", "Cold call", "Social media", "Landing page"]


def typo(name, rng):
    """One letter changed, dropped or doubled inside a word, as people mistype."""
    letters = list(name)
    spots = [i for i in range(2, len(letters) - 1) if letters[i].isalpha() and letters[i - 1].isalpha()]
    if not spots:
        return name
    i = rng.choice(spots)
    how = rng.randrange(3)
    if how == 0:
        letters[i] = rng.choice("aeiou") if letters[i] not in "aeiou" else rng.choice("rstln")
    elif how == 1:
        del letters[i]
    else:
        letters.insert(i, letters[i])
    return "".join(letters)


def generate(path, rows, seed=7):
    """Writes the file; returns the set of 1-based data row numbers that are duplicates."""
    rng = random.Random(seed)
    duplicates = set()
    originals = []
    with open(path, "w", newline="", encoding="utf-8") as handle:
        out = csv.writer(handle)
        out.writerow(["Full name", "E-mail", "Phone number", "Company name", "Lead source"])
        for row in range(1, rows + 1):
            roll = rng.random()
            if originals and roll < 0.05:
                name, email, phone, company, base = rng.choice(originals)
                out.writerow([name, email.upper() if rng.random() < 0.5 else email.capitalize(), "", company, rng.choice(SOURCES)])
                duplicates.add(row)
                continue
            if originals and roll < 0.08:
                name, email, phone, company, base = rng.choice(originals)
                form = rng.choice([f for f in FORMS if f and not company.endswith(f)])
                out.writerow([typo(name, rng), "", "", f"{base} {form}", rng.choice(SOURCES)])
                duplicates.add(row)
                continue
            name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
            base = f"{rng.choice(WORDS)} {rng.choice(WORDS)} {rng.choice(KINDS)} {row % 997}"
            form = rng.choice(FORMS)
            company = f"{base} {form}".strip()
            email = f"{name.split()[0].lower()}.{row}@{base.split()[0].lower()}{row % 89}.example"
            phone = f"+44 20 {row // 10000:04d} {row % 10000:04d}"
            out.writerow([name, email, phone, company, rng.choice(SOURCES)])
            if len(originals) < 200_000:
                originals.append((name, email, phone, company, base))
            else:
                originals[rng.randrange(len(originals))] = (name, email, phone, company, base)
    return duplicates


def build(scratch):
    started = time.time()
    subprocess.run(f"swift build -c release --product salespulse --scratch-path {scratch}", shell=True, cwd=ROOT, check=True,
                   stdout=subprocess.DEVNULL)
    print(f"release build: {time.time() - started:.0f} s")
    return pathlib.Path(scratch) / "release" / "salespulse"


def reference(csv_path, work):
    database = work / "reference.sqlite"
    database.unlink(missing_ok=True)
    script = (
        "CREATE TABLE leads (name TEXT, email TEXT, phone TEXT, company TEXT, source TEXT);\n"
        "CREATE UNIQUE INDEX leads_email ON leads (lower(email));\n"
        "CREATE UNIQUE INDEX leads_phone ON leads (phone);\n"
        ".mode csv\n"
        f".import --skip 1 {csv_path} leads\n"
    )
    started = time.time()
    subprocess.run(["sqlite3", str(database)], input=script, text=True, check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.time() - started


def ours(binary, csv_path, work):
    database = work / "import.sqlite"
    database.unlink(missing_ok=True)
    env = {"DATABASE_PATH": str(database), "LOG_LEVEL": "warning", "PATH": "/usr/bin:/bin"}
    subprocess.run([str(binary), "seed-demo"], env=env, check=True, stdout=subprocess.DEVNULL)
    started = time.time()
    run = subprocess.run([str(binary), "import", "--type", "leads", "--file", str(csv_path)], env=env, capture_output=True, text=True)
    elapsed = time.time() - started
    peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    if run.returncode != 0:
        sys.exit(f"import failed: {run.stderr[-2000:]}")
    print("\n".join(line for line in run.stdout.splitlines() if not line.startswith("  ") or "line" in line.lower())[-1500:])
    with sqlite3.connect(database) as db:
        (import_id,) = db.execute("SELECT id FROM imports ORDER BY created_at DESC LIMIT 1").fetchone()
        skipped = {line - 1 for (line,) in db.execute(
            "SELECT line FROM import_rows WHERE import_id = ? AND outcome = 'skipped'", (import_id,))}
        counts = db.execute("SELECT created_count, updated_count, skipped_count, failed_count, processed_rows FROM imports WHERE id = ?",
                            (import_id,)).fetchone()
    return elapsed, peak_kb, skipped, counts


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--binary")
    parser.add_argument("--scratch", default="/tmp/salespulse-release")
    parser.add_argument("--work")
    arguments = parser.parse_args()
    work = pathlib.Path(arguments.work or tempfile.mkdtemp(prefix="salespulse-import-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    binary = pathlib.Path(arguments.binary) if arguments.binary else build(arguments.scratch)
    csv_path = work / "leads.csv"
    started = time.time()
    truth = generate(csv_path, arguments.rows)
    print(f"generated {arguments.rows:,} rows ({csv_path.stat().st_size / 1e6:.0f} MB, {len(truth):,} duplicates) in {time.time() - started:.0f} s")

    reference_seconds = reference(csv_path, work)
    seconds, peak_kb, skipped, counts = ours(binary, csv_path, work)
    found = skipped & truth
    precision = len(found) / len(skipped) if skipped else 1.0
    recall = len(found) / len(truth) if truth else 1.0
    ours_rate, reference_rate = arguments.rows / seconds, arguments.rows / reference_seconds
    created, updated, skipped_count, failed, processed = counts
    print(f"sqlite3 .import (unique email and phone): {reference_rate:,.0f} rows/s ({reference_seconds:.1f} s)")
    print(f"salespulse import (check + import):       {ours_rate:,.0f} rows/s ({seconds:.1f} s), ratio {ours_rate / reference_rate:.3f}")
    print(f"peak RSS of the import: {peak_kb / 1024:.0f} MB")
    print(f"lines {processed:,} = created {created:,} + updated {updated:,} + skipped {skipped_count:,} + failed {failed:,}")
    print(f"duplicates: precision {precision:.4f}, recall {recall:.4f} ({len(found):,} of {len(truth):,} found, {len(skipped - truth):,} false)")


if __name__ == "__main__":
    main()
