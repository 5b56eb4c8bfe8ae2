#!/usr/bin/env python3
"""SalesML against scikit-learn on the same synthetic data and the same train/test split.

Generates 100,000 rows with 10 mixed features (7 numeric, 3 categorical; fixed seed), writes
train.csv and test.csv, then trains and scores:
  ours:    random forest (100 trees, depth 10, sqrt features) and gradient boosting
           (100 rounds, rate 0.1, depth 6, leaves >= 20, early stopping on 10%)
  sklearn: RandomForestClassifier (same, n_jobs=2) and HistGradientBoostingClassifier (same)
and prints train seconds, predict rows/s, ROC AUC and the ratios. Targets: our AUC within 0.005
of scikit-learn's for the same algorithm; our forest trains no slower than scikit-learn's.

Usage: python3 Benchmarks/ml/run.py [--binary PATH] [--rows 100000]
"""
import argparse
import json
import pathlib
import subprocess
import sys
import tempfile
import time

ROOT = pathlib.Path(__file__).resolve().parents[2]


def ensure_sklearn():
    try:
        import sklearn  # noqa: F401
    except ImportError:
        subprocess.run([sys.executable, "-m", "pip", "install", "-q", "scikit-learn"], check=True)


def generate(rows, seed):
    import numpy as np
    random = np.random.default_rng(seed)
    numeric = random.normal(size=(rows, 7))
    regions = random.choice(["north", "south", "east", "west"], size=rows)
    sources = random.choice(["web", "referral", "event", "cold"], size=rows, p=[0.4, 0.2, 0.15, 0.25])
    segments = random.choice(["smb", "mid", "enterprise"], size=rows)
    logit = (1.2 * numeric[:, 0] - 0.8 * numeric[:, 1] + 0.6 * numeric[:, 2] * numeric[:, 3] + 0.5 * np.sin(2 * numeric[:, 4])
             + np.where(sources == "referral", 1.0, 0) - np.where(sources == "cold", 0.8, 0) + np.where(segments == "enterprise", 0.4, 0)
             + np.where(regions == "north", 0.2, 0) - 0.3)
    labels = (random.random(rows) < 1 / (1 + np.exp(-logit))).astype(int)
    return numeric, regions, sources, segments, labels


def write_csv(path, numeric, regions, sources, segments, labels, rows):
    with open(path, "w") as out:
        out.write(",".join([f"n{i}" for i in range(7)] + ["region", "source", "segment", "converted"]) + "\n")
        for i in rows:
            out.write(",".join([f"{value:.6f}" for value in numeric[i]] + [regions[i], sources[i], segments[i], str(labels[i])]) + "\n")


def one_hot(numeric, *columns):
    import numpy as np
    parts = [numeric]
    for column in columns:
        for category in sorted(set(column)):
            parts.append((column == category).astype(float)[:, None])
    return np.hstack(parts)


def ours(binary, train, test, model):
    output = subprocess.run([str(binary), "ml", "evaluate", "--data", train, "--test-data", test, "--target", "converted",
                             "--model", model, "--trees", "100", "--max-depth", "10" if model == "forest" else "6", "--seed", "42"],
                            check=True, text=True, capture_output=True).stdout
    report = json.loads(output[output.index("{"):])
    return report["trainSeconds"], report["predictRowsPerSecond"], report["metrics"]["rocAUC"]


def sklearn_models(features, labels, train, test):
    from sklearn.ensemble import HistGradientBoostingClassifier, RandomForestClassifier
    from sklearn.metrics import roc_auc_score
    results = {}
    for name, model in [
        ("forest", RandomForestClassifier(n_estimators=100, max_depth=10, max_features="sqrt", n_jobs=2, random_state=42)),
        ("boosting", HistGradientBoostingClassifier(max_iter=100, learning_rate=0.1, max_depth=6, min_samples_leaf=20,
                                                     early_stopping=True, validation_fraction=0.1, n_iter_no_change=10, random_state=42)),
    ]:
        started = time.perf_counter()
        model.fit(features[train], labels[train])
        train_seconds = time.perf_counter() - started
        started = time.perf_counter()
        scores = model.predict_proba(features[test])[:, 1]
        predict_rate = len(test) / (time.perf_counter() - started)
        results[name] = (train_seconds, predict_rate, roc_auc_score(labels[test], scores))
    return results


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", default=None, help="salespulse binary (default: build release into /tmp/salespulse-release)")
    parser.add_argument("--rows", type=int, default=100_000)
    arguments = parser.parse_args()
    ensure_sklearn()
    import numpy as np
    binary = arguments.binary
    if binary is None:
        subprocess.run("swift build -c release --product salespulse --scratch-path /tmp/salespulse-release", shell=True, check=True, cwd=ROOT)
        binary = "/tmp/salespulse-release/release/salespulse"
    numeric, regions, sources, segments, labels = generate(arguments.rows, seed=20261121)
    order = np.random.default_rng(7).permutation(arguments.rows)
    cut = int(arguments.rows * 0.8)
    train_rows, test_rows = np.sort(order[:cut]), np.sort(order[cut:])
    with tempfile.TemporaryDirectory() as work:
        train_csv, test_csv = f"{work}/train.csv", f"{work}/test.csv"
        write_csv(train_csv, numeric, regions, sources, segments, labels, train_rows)
        write_csv(test_csv, numeric, regions, sources, segments, labels, test_rows)
        mine = {model: ours(binary, train_csv, test_csv, model) for model in ("forest", "boosting")}
    theirs = sklearn_models(one_hot(numeric, regions, sources, segments), labels, train_rows, test_rows)
    print(f"{arguments.rows} rows, 10 features (7 numeric, 3 categorical), same 80/20 split\n")
    print(f"{'model':28} {'train s':>8} {'predict rows/s':>15} {'ROC AUC':>8}")
    for name, label in [("forest", "random forest"), ("boosting", "gradient boosting")]:
        for who, figures in [("SalesML", mine[name]), ("scikit-learn", theirs[name])]:
            print(f"{who + ' ' + label:28} {figures[0]:8.2f} {figures[1]:15.0f} {figures[2]:8.4f}")
        print(f"{'  ratio ours/theirs':28} {mine[name][0] / theirs[name][0]:8.2f} {mine[name][1] / theirs[name][1]:15.2f} "
              f"{mine[name][2] - theirs[name][2]:+8.4f} (AUC difference)")
    forest_ok = mine["forest"][0] <= theirs["forest"][0] and abs(mine["forest"][2] - theirs["forest"][2]) <= 0.005
    boosting_ok = abs(mine["boosting"][2] - theirs["boosting"][2]) <= 0.005
    print(f"\ntargets: forest AUC within 0.005 and train time <= scikit-learn's: {'met' if forest_ok else 'NOT met'}; "
          f"boosting AUC within 0.005: {'met' if boosting_ok else 'NOT met'}")


if __name__ == "__main__":
    sys.exit(main())
