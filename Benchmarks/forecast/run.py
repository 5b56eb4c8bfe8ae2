#!/usr/bin/env python3
"""Forecast benchmark.

Holds out the end of each series and compares `salespulse forecast evaluate`'s automatic
choice with statsforecast's AutoETS and AutoTheta, statsmodels' damped Holt-Winters and the
seasonal naive forecast, all on the same history and hold-out, scored by the same sMAPE and
MASE. Series: statsmodels' bundled datasets (monthly CO2, El Niño sea temperatures, quarterly
US macro figures, yearly Nile flow and sunspots), seeded revenue-like monthly series, and the
demo company's monthly revenue by region (seeded with `seed-demo` into a scratch database; its
year of history leaves three months to hold out).

The demo company's four region series are a few sales a month each, so one seeding is one
noisy draw: its held-out months can as easily fall as rise. The demo company is therefore
seeded as of today and as of the same day in each of the `--demo-dates` - 1 months before, and
every seeding's series count. The figures for today's seeding alone are printed too.

    pip install statsmodels statsforecast
    python3 Benchmarks/forecast/run.py --binary .build/release/salespulse
"""
import argparse
import json
import math
import os
import random
import sqlite3
import subprocess
import sys
import tempfile
import time
import warnings

import numpy as np

warnings.filterwarnings("ignore")


def series_set(simulated):
    import statsmodels.api as sm

    out = []
    co2 = sm.datasets.co2.load_pandas().data["co2"].resample("MS").mean().interpolate()
    out.append(("co2 monthly", list(co2.values[-240:]), 12, 12))
    elnino = sm.datasets.elnino.load_pandas().data.drop(columns="YEAR").values.flatten()
    out.append(("el nino monthly", list(elnino), 12, 12))
    macro = sm.datasets.macrodata.load_pandas().data
    for column in ["realgdp", "realcons", "realinv", "cpi", "m1", "unemp", "pop"]:
        out.append((f"us {column} quarterly", list(macro[column].values), 4, 8))
    out.append(("nile yearly", list(sm.datasets.nile.load_pandas().data["volume"].values), 1, 10))
    out.append(("sunspots yearly", list(sm.datasets.sunspots.load_pandas().data["SUNACTIVITY"].values), 1, 10))
    rng = random.Random(42)
    for index in range(simulated):
        level, trend = rng.uniform(50, 500), rng.uniform(-0.5, 2)
        amplitude, noise = rng.uniform(0.05, 0.35), rng.uniform(0.01, 0.08)
        values = []
        for t in range(72):
            level += trend + rng.gauss(0, noise * level / 4)
            values.append(max(0.0, level * (1 + amplitude * math.sin(2 * math.pi * t / 12)) * (1 + rng.gauss(0, noise))))
        out.append((f"simulated revenue {index + 1}", values, 12, 12))
    return out


def seeding_dates(count):
    """Today and the same day of each month before it (the 28th at most), newest first."""
    today = time.gmtime()
    dates = []
    for back in range(count):
        year, month = today.tm_year, today.tm_mon - back
        while month < 1:
            year, month = year - 1, month + 12
        dates.append(f"{year:04d}-{month:02d}-{min(today.tm_mday, 28) if back else today.tm_mday:02d}")
    return dates


def demo_series(binary, workdir, as_of):
    """The demo company's full months of revenue per region, months without a sale as zero."""
    database = os.path.join(workdir, f"demo-{as_of}.sqlite")
    env = dict(os.environ, DATABASE_PATH=database, LOG_LEVEL="error")
    subprocess.run([binary, "seed-demo", "--as-of", as_of], env=env, check=True, capture_output=True)
    rows = sqlite3.connect(database).execute(
        "SELECT r.name, substr(s.sold_on, 1, 7), SUM(s.amount) / 100.0 FROM sales s "
        "JOIN regions r ON r.id = s.region_id GROUP BY 1, 2 ORDER BY 1, 2").fetchall()
    os.remove(database)
    this_month = as_of[:7]
    by_region = {}
    for region, month, revenue in rows:
        if month < this_month:
            by_region.setdefault(region, {})[month] = revenue
    months = sorted({month for values in by_region.values() for month in values})
    out = []
    for region, values in sorted(by_region.items()):
        series = [values.get(month, 0.0) for month in months]
        if len(series) >= 9:
            out.append((f"demo revenue {region} as of {as_of}", series, 12, 3))
    return out


def smape(actual, forecast):
    terms = [0 if abs(a) + abs(f) == 0 else 200 * abs(a - f) / (abs(a) + abs(f)) for a, f in zip(actual, forecast)]
    return sum(terms) / len(terms)


def mase(actual, forecast, history, season):
    lag = season if season > 1 and len(history) > season else 1
    scale = np.mean([abs(history[i] - history[i - lag]) for i in range(lag, len(history))])
    error = np.mean([abs(a - f) for a, f in zip(actual, forecast)])
    return error / scale if scale > 0 else float("inf")


def ours(binary, values, season, horizon, workdir):
    path = os.path.join(workdir, "series.csv")
    with open(path, "w") as f:
        f.write("period,value\n")
        for index, value in enumerate(values):
            f.write(f"{index:06d},{float(value)!r}\n")
    env = dict(os.environ, DATABASE_PATH=os.path.join(workdir, "bench.sqlite"), LOG_LEVEL="error")
    result = subprocess.run(
        [binary, "forecast", "evaluate", "--data", path, "--date-column", "period", "--value-column", "value",
         "--horizon", str(horizon), "--season", str(season)],
        capture_output=True, text=True, env=env)
    if result.returncode != 0:
        sys.exit(f"salespulse failed: {result.stdout}{result.stderr}")
    report = json.loads(result.stdout[result.stdout.index("{"):])
    return report


def statsforecast_models(history, season, horizon):
    from statsforecast.models import AutoETS, AutoTheta

    results = {}
    for name, model in [("AutoETS", AutoETS(season_length=season)), ("AutoTheta", AutoTheta(season_length=season))]:
        started = time.perf_counter()
        try:
            forecast = model.forecast(y=np.asarray(history, dtype=float), h=horizon)["mean"]
        except Exception:
            forecast = [history[-1]] * horizon
        results[name] = (list(forecast), time.perf_counter() - started)
    return results


def holt_winters(history, season, horizon):
    from statsmodels.tsa.holtwinters import ExponentialSmoothing

    started = time.perf_counter()
    seasonal = "add" if season > 1 and len(history) >= 2 * season + 2 else None
    model = ExponentialSmoothing(np.asarray(history, dtype=float), trend="add", damped_trend=True,
                                 seasonal=seasonal, seasonal_periods=season if seasonal else None,
                                 initialization_method="estimated")
    forecast = model.fit().forecast(horizon)
    return list(forecast), time.perf_counter() - started


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", default=".build/release/salespulse")
    parser.add_argument("--simulated", type=int, default=20)
    parser.add_argument("--demo-dates", type=int, default=12, help="seedings of the demo company, a month apart")
    args = parser.parse_args()
    binary = os.path.abspath(args.binary)
    rows = []
    dates = seeding_dates(args.demo_dates)
    with tempfile.TemporaryDirectory() as workdir:
        demo = [series for as_of in dates for series in demo_series(binary, workdir, as_of)]
        for name, values, season, horizon in series_set(args.simulated) + demo:
            history, actual = values[:-horizon], values[-horizon:]
            report = ours(binary, values, season, horizon, workdir)
            # A history shorter than two seasons has no seasonal naive forecast: the naive one stands in.
            methods = {m["method"]: m for m in report["methods"]}
            naive = methods.get("seasonalNaive" if season > 1 else "naive") or methods["naive"]
            scores = {
                "ours": (report["automatic"]["smape"], report["automatic"]["mase"], report["automatic"]["milliseconds"] / 1000),
                "seasonal naive": (naive["smape"], naive["mase"], naive["milliseconds"] / 1000),
            }
            for method, (forecast, seconds) in statsforecast_models(history, season, horizon).items():
                scores[method] = (smape(actual, forecast), mase(actual, forecast, history, season), seconds)
            forecast, seconds = holt_winters(history, season, horizon)
            scores["statsmodels HW"] = (smape(actual, forecast), mase(actual, forecast, history, season), seconds)
            rows.append((name, report["chosen"], report["automatic"]["coverage80"], report["automatic"]["coverage95"], scores))
            print(f"{name:28s} ours={scores['ours'][0]:6.2f} ETS={scores['AutoETS'][0]:6.2f} "
                  f"Theta={scores['AutoTheta'][0]:6.2f} HW={scores['statsmodels HW'][0]:6.2f} "
                  f"naive={scores['seasonal naive'][0]:6.2f}  chosen {report['chosen']}", file=sys.stderr)
    methods = list(rows[0][4].keys())
    summary = {}
    for method in methods:
        summary[method] = {
            "mean_smape": round(float(np.mean([r[4][method][0] for r in rows])), 3),
            "mean_mase": round(float(np.mean([r[4][method][1] for r in rows if math.isfinite(r[4][method][1])])), 3),
            "mean_seconds_per_series": round(float(np.mean([r[4][method][2] for r in rows])), 4),
        }
    ours_smape = summary["ours"]["mean_smape"]

    def ratios(selected):
        mean = {method: np.mean([r[4][method][0] for r in selected]) for method in ("ours", "AutoETS", "seasonal naive")}
        return {
            "series": len(selected),
            "ours_smape_over_autoets": round(float(mean["ours"] / mean["AutoETS"]), 3),
            "ours_smape_over_seasonal_naive": round(float(mean["ours"] / mean["seasonal naive"]), 3),
        }

    standard = [r for r in rows if not r[0].startswith("demo ")]
    print(json.dumps({
        "series": len(rows),
        "demo_seeding_dates": dates,
        "methods": summary,
        "ours_smape_over_autoets": round(ours_smape / summary["AutoETS"]["mean_smape"], 3),
        "ours_smape_over_seasonal_naive": round(ours_smape / summary["seasonal naive"]["mean_smape"], 3),
        "standard_series_only": ratios(standard),
        "with_demo_seeded_today_only": ratios(standard + [r for r in rows if r[0].endswith(f"as of {dates[0]}")]),
        "ours_interval_coverage_80": round(float(np.mean([r[2] for r in rows])), 3),
        "ours_interval_coverage_95": round(float(np.mean([r[3] for r in rows])), 3),
        "targets": "ours mean sMAPE <= AutoETS's, and <= 0.8x seasonal naive's",
    }, indent=2))


if __name__ == "__main__":
    main()
