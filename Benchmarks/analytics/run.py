#!/usr/bin/env python3
"""KPI engine and executive dashboard on the large demo set, against the database's own shell.

Seeds (or reuses, with --work) the 1,000,000-lead set, starts the release server on loopback
and times, median of --repeat runs after one warm-up:
  - GET /api/v1/analytics/kpis (the full KPI set),
  - GET /dashboards/executive (the whole page: KPIs for this and the previous period, seven
    chart series, filter options, rendering),
each unfiltered and with two filters (region + lead source). Beside each, the floor: the same
aggregate statements typed into sqlite3 or psql, timed as one shell run. Target: within 1.5×
of the floor, and the full page under 1 s on SQLite.

Usage: python3 Benchmarks/analytics/run.py [--binary PATH] [--work DIR] [--databases sqlite,postgres] [--repeat 7]
"""
import argparse
import http.cookiejar
import importlib.util
import json
import os
import pathlib
import re
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request

ROOT = pathlib.Path(__file__).resolve().parents[2]
spec = importlib.util.spec_from_file_location("crm", ROOT / "Benchmarks/crm/run.py")
crm = importlib.util.module_from_spec(spec)
spec.loader.exec_module(crm)
PORT = crm.PORT
AS_OF = "2026-11-20"
FROM, TO = "2026-10-22", "2026-11-20"
PREVIOUS_FROM, PREVIOUS_TO = "2026-09-22", "2026-10-21"
OPEN_STAGES = "('prospecting','qualification','proposal','negotiation')"
OPEN_LEADS = "leads.status IN ('new','contacted','qualified')"


def epoch(day, dialect):
    seconds = int(time.mktime(time.strptime(day, "%Y-%m-%d"))) - time.timezone
    return str(seconds) if dialect == "sqlite" else f"to_timestamp({seconds})"


def next_day(day):
    return time.strftime("%Y-%m-%d", time.gmtime(time.mktime(time.strptime(day, "%Y-%m-%d")) - time.timezone + 86400))


def kpi_statements(dialect, region=None, source=None, period=(FROM, TO), previous=(PREVIOUS_FROM, PREVIOUS_TO), current_state=True):
    """The statements the KPI engine runs, with its filters written out; a previous period
    skips the figures that describe today (overdue follow-ups, open and stalled pipeline)."""
    start, end = epoch(period[0], dialect), epoch(next_day(period[1]), dialect)
    now = epoch(next_day(AS_OF), dialect)
    cutoff = epoch(time.strftime("%Y-%m-%d", time.gmtime(time.mktime(time.strptime(AS_OF, "%Y-%m-%d")) - time.timezone - 29 * 86400)), dialect)
    seconds = "(opportunities.closed_at - opportunities.created_at)" if dialect == "sqlite" else "EXTRACT(EPOCH FROM (opportunities.closed_at - opportunities.created_at))"
    sale, lead, deal = [], [], []
    if region:
        sale.append(f"sales.region_id = '{region}'")
        lead.append(f"leads.region_id = '{region}'")
        deal.append(f"opportunities.region_id = '{region}'")
    if source:
        sale.append(f"sales.lead_source = '{source}'")
        lead.append(f"leads.source = '{source}'")
        deal.append(f"opportunities.lead_source = '{source}'")
    where = lambda conditions: (" WHERE " + " AND ".join(conditions)) if conditions else ""
    dated_sales = [f"sales.sold_on >= '{period[0]}'", f"sales.sold_on <= '{period[1]}'"] + sale
    first_purchase = ["sales.account_id IS NOT NULL",
                      f"NOT EXISTS (SELECT 1 FROM sales earlier WHERE earlier.account_id = sales.account_id AND earlier.sold_on < '{period[0]}')"]
    statements = [
        f"SELECT COUNT(*), CAST(COALESCE(SUM(amount), 0) AS BIGINT), CAST(COALESCE(SUM(cost), 0) AS BIGINT) FROM sales{where(dated_sales)};",
        f"SELECT COUNT(DISTINCT sales.account_id) FROM sales{where(dated_sales + first_purchase)};",
        f"SELECT SUM(CASE WHEN stage = 'closed_won' THEN 1 ELSE 0 END), SUM(CASE WHEN stage = 'closed_lost' THEN 1 ELSE 0 END), "
        f"CAST(COALESCE(SUM(CASE WHEN stage = 'closed_won' THEN {seconds} ELSE 0 END), 0) AS DOUBLE PRECISION) FROM opportunities"
        f"{where(deal + [f'opportunities.closed_at >= {start}', f'opportunities.closed_at < {end}'])};",
        f"SELECT COUNT(*), SUM(CASE WHEN status IN ('qualified','converted') THEN 1 ELSE 0 END), SUM(CASE WHEN status = 'converted' THEN 1 ELSE 0 END) "
        f"FROM leads{where(lead + [f'leads.created_at >= {start}', f'leads.created_at < {end}'])};",
        f"SELECT COUNT(*) FROM leads{where(lead + [f'leads.created_at >= {epoch(previous[0], dialect)}', f'leads.created_at < {epoch(next_day(previous[1]), dialect)}'])};",
    ]
    if current_state:
        statements += [
            f"SELECT COUNT(*) FROM leads{where(lead + [f'leads.follow_up_at < {now}', OPEN_LEADS])};",
            f"SELECT COUNT(*), SUM(amount), SUM(amount * probability) FROM opportunities{where(deal + [f'opportunities.stage IN {OPEN_STAGES}'])};",
            f"SELECT COUNT(*) FROM opportunities{where(deal + [f'opportunities.stage IN {OPEN_STAGES}', f'opportunities.updated_at < {cutoff}', f'NOT EXISTS (SELECT 1 FROM activities WHERE activities.opportunity_id = opportunities.id AND activities.occurred_at >= {cutoff})'])};",
        ]
    if not region and not source:
        statements.append(f"SELECT COUNT(*), SUM(spend) FROM marketing_spend WHERE day >= '{period[0]}' AND day <= '{period[1]}';")
    return statements, dated_sales


def page_statements(dialect, region=None, source=None):
    """The executive page: KPIs now and for the previous period, and its series (revenue by
    category is folded from revenue by product through the product list)."""
    current, dated_sales = kpi_statements(dialect, region, source)
    before, _ = kpi_statements(dialect, region, source, period=(PREVIOUS_FROM, PREVIOUS_TO), previous=("2026-08-23", "2026-09-21"), current_state=False)
    where = " WHERE " + " AND ".join(dated_sales)
    lines = "FROM sale_lines JOIN sales ON sales.id = sale_lines.sale_id"
    revenue_lines = "CAST(COALESCE(SUM(sale_lines.quantity * sale_lines.unit_price), 0) AS BIGINT)"
    revenue = "CAST(COALESCE(SUM(sales.amount), 0) AS BIGINT)"
    series = [
        f"SELECT sales.sold_on, {revenue} FROM sales{where} GROUP BY sales.sold_on;",
        "SELECT CAST(id AS TEXT), CAST(category_id AS TEXT) FROM products;",
        f"SELECT CAST(sales.region_id AS TEXT), {revenue} FROM sales{where} GROUP BY CAST(sales.region_id AS TEXT);",
        f"SELECT CAST(users.team_id AS TEXT), {revenue} FROM sales LEFT JOIN users ON users.id = sales.rep_id{where} GROUP BY CAST(users.team_id AS TEXT);",
        f"SELECT CAST(sale_lines.product_id AS TEXT), {revenue_lines} {lines}{where} GROUP BY CAST(sale_lines.product_id AS TEXT);",
        f"SELECT CAST(sales.rep_id AS TEXT), {revenue} FROM sales{where} GROUP BY CAST(sales.rep_id AS TEXT);",
        f"SELECT CAST(sales.rep_id AS TEXT), COUNT(*) FROM sales{where} GROUP BY CAST(sales.rep_id AS TEXT);",
    ]
    return current + before + series


def shell_seconds(dialect, statements, target, repeat):
    """Median wall time of one shell run executing every statement."""
    with tempfile.NamedTemporaryFile("w", suffix=".sql", delete=False) as script:
        script.write("\n".join(statements) + "\n")
    if dialect == "sqlite":
        command = ["sqlite3", "-batch", target]
    else:
        command = ["psql", "-X", "-q", "-o", "/dev/null", target]
    times = []
    for attempt in range(repeat + 1):
        with open(script.name) as stdin:
            started = time.perf_counter()
            subprocess.run(command, stdin=stdin, stdout=subprocess.DEVNULL, check=True)
            if attempt:
                times.append(time.perf_counter() - started)
    os.unlink(script.name)
    return statistics.median(times)


def http_seconds(opener, path, repeat, headers=None):
    times = []
    for attempt in range(repeat + 1):
        request = urllib.request.Request(f"http://127.0.0.1:{PORT}{path}", headers=headers or {})
        started = time.perf_counter()
        with opener.open(request) as response:
            response.read()
        if attempt:
            times.append(time.perf_counter() - started)
    return statistics.median(times)


def sign_in(opener, email, password):
    page = opener.open(f"http://127.0.0.1:{PORT}/login").read().decode()
    csrf = re.search(r'name="_csrf" value="([^"]+)"', page).group(1)
    body = urllib.parse.urlencode({"email": email, "password": password, "_csrf": csrf}).encode()
    opener.open(urllib.request.Request(f"http://127.0.0.1:{PORT}/login", data=body))


def run(database, binary, work, repeat):
    env = dict(os.environ, LOG_LEVEL="warning")
    stop_database = lambda: None
    if database == "sqlite":
        env["DATABASE_PATH"] = str(pathlib.Path(work) / "bench.sqlite")
        shell_target = env["DATABASE_PATH"]
    else:
        env["DATABASE_URL"], stop_database = crm.start_postgres(work)
        shell_target = env["DATABASE_URL"].split("?")[0]
    try:
        seeded, _ = crm.seed(binary, "large", env, pathlib.Path(work) / f"{database}-seed.txt")
        server = crm.serve(binary, env, tries=600)
        try:
            token, password = crm.admin_token(seeded)
            region = crm.api("/api/v1/regions?limit=1", token)["items"][0]["id"]
            opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
            sign_in(opener, "admin@salespulse.demo", password)
            bearer = {"Authorization": f"Bearer {token}"}
            rows = []
            for label, filters in (("unfiltered", {}), ("region + source", {"region": region, "source": "website"})):
                query = urllib.parse.urlencode({"from": FROM, "to": TO, **filters})
                kpis = http_seconds(opener, f"/api/v1/analytics/kpis?{query}", repeat, bearer)
                page = http_seconds(opener, f"/dashboards/executive?{query}", repeat)
                kpi_floor = shell_seconds(database, kpi_statements(database, filters.get("region"), filters.get("source"))[0], shell_target, repeat)
                page_floor = shell_seconds(database, page_statements(database, filters.get("region"), filters.get("source")), shell_target, repeat)
                rows += [(f"KPI set, {label}", kpis, kpi_floor), (f"executive page, {label}", page, page_floor)]
        finally:
            server.terminate()
            server.wait()
    finally:
        stop_database()
    print(f"\n{database}: median of {repeat} runs after a warm-up")
    print(f"{'what':36} {'SalesPulse ms':>14} {'shell floor ms':>15} {'ratio':>7}")
    for label, ours, floor in rows:
        print(f"{label:36} {ours * 1000:14.1f} {floor * 1000:15.1f} {ours / floor:7.2f}")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--databases", default="sqlite,postgres")
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--scratch", default="/tmp/salespulse-release")
    parser.add_argument("--binary", help="use this salespulse binary instead of building one")
    parser.add_argument("--work", help="keep the seeded databases here (shared with Benchmarks/crm --work)")
    arguments = parser.parse_args()
    crm.ensure_tools()
    binary = pathlib.Path(arguments.binary) if arguments.binary else crm.build(arguments.scratch)
    work = arguments.work or tempfile.mkdtemp(prefix="salespulse-analytics-")
    pathlib.Path(work).mkdir(parents=True, exist_ok=True)
    for database in arguments.databases.split(","):
        run(database, binary, work, arguments.repeat)


if __name__ == "__main__":
    sys.exit(main())
