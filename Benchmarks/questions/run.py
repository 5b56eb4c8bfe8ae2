#!/usr/bin/env python3
"""Questions benchmark.

Asks a running server every question of the parser's test set
(Tests/SalesPulseCoreTests/QuestionParser*.swift) through `POST /api/v1/questions`, several
rounds, and prints the answer latency (parse, name lookup and the list queries) at p50 and p99.
As the reference on the same server and data, it then opens each answer's own list link through
the list API and prints that latency too, and the ratio between them: what the words cost on top
of the query a person would otherwise click together.

    python3 Benchmarks/questions/run.py --url http://127.0.0.1:8080 --email admin@… --password …
"""
import argparse
import json
import os
import re
import statistics
import time
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
TESTS = [
    os.path.join(HERE, "..", "..", "Tests", "SalesPulseCoreTests", name)
    for name in ("QuestionParserTests.swift", "QuestionParserMoreCases.swift")
]


def questions():
    found = []
    for path in TESTS:
        found += re.findall(r'\(\s*"([^"]+)",\s*q\(', open(path, encoding="utf-8").read())
    return found


def call(url, token, method="GET", body=None):
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(url, data=data, method=method, headers={
        "Authorization": f"Bearer {token}", "Content-Type": "application/json"})
    started = time.perf_counter()
    with urllib.request.urlopen(request) as response:
        payload = json.loads(response.read())
    return payload, (time.perf_counter() - started) * 1000


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--url", default="http://127.0.0.1:8080")
    parser.add_argument("--email", required=True)
    parser.add_argument("--password", required=True)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    request = urllib.request.Request(
        args.url + "/api/v1/auth/tokens", method="POST", headers={"Content-Type": "application/json"},
        data=json.dumps({"email": args.email, "password": args.password, "name": "questions benchmark"}).encode())
    token = json.loads(urllib.request.urlopen(request).read())["token"]
    asked, listed, understood = [], [], 0
    slowest = {}
    texts = questions()
    for _ in range(args.rounds):
        for text in texts:
            answer, millis = call(args.url + "/api/v1/questions", token, "POST", {"text": text})
            asked.append(millis)
            slowest[text] = max(slowest.get(text, 0), millis)
            if answer.get("link"):
                understood += 1
                link = answer["link"]
                if link.startswith("/") and not link.startswith(("/accounts/", "/performance")):
                    _, list_millis = call(args.url + "/api/v1" + link + ("&" if "?" in link else "?") + "limit=25", token)
                    listed.append(list_millis)
    print(json.dumps({
        "questions": len(texts), "rounds": args.rounds,
        "answered_with_a_list": round(understood / (len(texts) * args.rounds), 3),
        "answer_ms": {"p50": round(statistics.median(asked), 1), "p99": round(percentile(asked, 0.99), 1)},
        "list_ms": {"p50": round(statistics.median(listed), 1), "p99": round(percentile(listed, 0.99), 1)},
        "answer_over_list_p50": round(statistics.median(asked) / statistics.median(listed), 2),
        "targets": "p99 < 300 ms answering on the large set",
        "slowest_ms": {text: round(ms, 1) for text, ms in sorted(slowest.items(), key=lambda item: -item[1])[:8]},
    }, indent=2))


if __name__ == "__main__":
    main()
