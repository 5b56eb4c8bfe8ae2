#!/usr/bin/env python3
"""Day-route planner benchmark.

Runs `salespulse route plan` on five TSPLIB instances (gap to the published optimum) and on
random 20-, 50- and 100-stop instances against OR-Tools' guided local search on the same
rounded distance matrix with the same time limit.

    python3 Benchmarks/routes/run.py --binary .build/release/salespulse [--budget-ms 1000]
"""
import argparse
import csv
import json
import math
import os
import random
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
OPTIMA = {"eil51": 426, "berlin52": 7542, "st70": 675, "eil76": 538, "kroA100": 21282}


def read_points(path):
    with open(path) as f:
        return [(row["id"], float(row["x"]), float(row["y"])) for row in csv.DictReader(f)]


def euc2d(a, b):
    return int(math.sqrt((a[1] - b[1]) ** 2 + (a[2] - b[2]) ** 2) + 0.5)


def tour_length(points, ids):
    by_id = {p[0]: p for p in points}
    return sum(euc2d(by_id[ids[i]], by_id[ids[(i + 1) % len(ids)]]) for i in range(len(ids)))


def ours(binary, path, budget_ms):
    started = time.perf_counter()
    out = subprocess.run(
        [binary, "route", "plan", "--points", path, "--metric", "euc2d", "--budget-ms", str(budget_ms)],
        check=True, capture_output=True, text=True, cwd=tempfile.gettempdir())
    wall = time.perf_counter() - started
    result = json.loads(out.stdout)
    return result, wall


def ortools(points, budget_ms):
    from ortools.constraint_solver import pywrapcp, routing_enums_pb2
    n = len(points)
    matrix = [[euc2d(a, b) for b in points] for a in points]
    manager = pywrapcp.RoutingIndexManager(n, 1, 0)
    routing = pywrapcp.RoutingModel(manager)
    callback = routing.RegisterTransitCallback(
        lambda i, j: matrix[manager.IndexToNode(i)][manager.IndexToNode(j)])
    routing.SetArcCostEvaluatorOfAllVehicles(callback)
    params = pywrapcp.DefaultRoutingSearchParameters()
    params.first_solution_strategy = routing_enums_pb2.FirstSolutionStrategy.PATH_CHEAPEST_ARC
    params.local_search_metaheuristic = routing_enums_pb2.LocalSearchMetaheuristic.GUIDED_LOCAL_SEARCH
    params.time_limit.FromMilliseconds(budget_ms)
    started = time.perf_counter()
    solution = routing.SolveWithParameters(params)
    took = time.perf_counter() - started
    index, ids = routing.Start(0), []
    while not routing.IsEnd(index):
        ids.append(points[manager.IndexToNode(index)][0])
        index = solution.Value(routing.NextVar(index))
    return tour_length(points, ids), took


def random_instance(count, seed, directory):
    rng = random.Random(seed)
    points = [(str(i + 1), float(rng.randint(0, 1000)), float(rng.randint(0, 1000))) for i in range(count)]
    path = os.path.join(directory, f"random{count}-{seed}.csv")
    with open(path, "w") as f:
        f.write("id,x,y\n")
        for p in points:
            f.write(f"{p[0]},{int(p[1])},{int(p[2])}\n")
    return points, path


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", required=True)
    parser.add_argument("--budget-ms", type=int, default=1000)
    parser.add_argument("--seeds", type=int, default=3)
    args = parser.parse_args()
    binary = os.path.abspath(args.binary)

    print(f"TSPLIB, {args.budget_ms} ms budget")
    print(f"{'instance':10} {'optimum':>8} {'ours':>8} {'gap %':>6} {'OR-Tools':>9} {'gap %':>6}")
    gaps, ortools_gaps = [], []
    for name, optimum in OPTIMA.items():
        path = os.path.join(HERE, "tsplib", f"{name}.csv")
        points = read_points(path)
        result, _ = ours(binary, path, args.budget_ms)
        length = tour_length(points, result["tour"])
        assert abs(length - result["length"]) < 1e-6, (length, result["length"])
        theirs, _ = ortools(points, args.budget_ms)
        gap, their_gap = 100 * (length - optimum) / optimum, 100 * (theirs - optimum) / optimum
        gaps.append(gap)
        ortools_gaps.append(their_gap)
        print(f"{name:10} {optimum:8} {length:8.0f} {gap:6.2f} {theirs:9.0f} {their_gap:6.2f}")
    print(f"mean gap to optimum: ours {sum(gaps) / len(gaps):.2f} %, OR-Tools {sum(ortools_gaps) / len(ortools_gaps):.2f} %"
          " (target: ours <= 3 %)")

    print(f"\nrandom instances, {args.budget_ms} ms budget each, ours / OR-Tools")
    worst = 0.0
    with tempfile.TemporaryDirectory() as directory:
        for count in (20, 50, 100):
            for seed in range(1, args.seeds + 1):
                points, path = random_instance(count, seed, directory)
                result, _ = ours(binary, path, args.budget_ms)
                mine = tour_length(points, result["tour"])
                theirs, _ = ortools(points, args.budget_ms)
                ratio = mine / theirs
                worst = max(worst, ratio)
                print(f"{count:4} stops seed {seed}: ours {mine:8.0f}  OR-Tools {theirs:8.0f}  ratio {ratio:.4f}")
        print(f"worst ratio {worst:.4f} (target: <= 1.01)")

        print("\n50 stops with a 150 ms budget (target: planned in < 200 ms)")
        for seed in range(1, args.seeds + 1):
            points, path = random_instance(50, seed, directory)
            result, wall = ours(binary, path, 150)
            full, _ = ours(binary, path, args.budget_ms)
            mine, best = tour_length(points, result["tour"]), tour_length(points, full["tour"])
            print(f"seed {seed}: planner {result['milliseconds']:.0f} ms (process {wall * 1000:.0f} ms),"
                  f" length {mine:.0f} vs {best:.0f} with the full budget ({100 * (mine - best) / best:+.2f} %)")


if __name__ == "__main__":
    sys.exit(main())
