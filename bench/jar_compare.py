#!/usr/bin/env python3
"""The agent (no spool) built from two commits, on the same load, in one run: plain JSON lines and lines in
logstash-logback-encoder's shape (`loadgen --lle`: a level and a recent @timestamp on every record).

    JAR_BEFORE=/path/to/older/logship-agent.jar [JAR_AFTER=/path/to/newer.jar] python3 bench/jar_compare.py

loadgen always comes from this build's jar (the older one may lack --lle). 4 connections, 300-byte lines flat out → agent (zstd, batch wait 200 ms) → `intake --discard`; before and after alternate REPEAT times
(default 2) and the best of each is reported. Measurement as in bench.py.
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import bench  # noqa: E402

LOADGEN = bench.JAR
AFTER = os.environ.get("JAR_AFTER", bench.JAR)
BEFORE = os.environ.get("JAR_BEFORE")
SHAPES = {"plain": (), "lle": ("--lle",)}


def run(jar, intake, shape):
    bench.JAR = jar
    try:
        proc, port = bench.start_agent(intake, "zstd", "200ms")
    finally:
        bench.JAR = LOADGEN
    try:
        return bench.measure(proc, port, intake, loadgen_jar=LOADGEN, loadgen_args=SHAPES[shape])
    finally:
        bench.stop(proc)


def alternate(before, after, variants, run, label):
    """Runs before and after alternately REPEAT times per variant (run(jar, intake, variant) → bench result) and
    prints one table of the best run of each."""
    intake = bench.Intake()
    rows = []
    try:
        for variant in variants:
            results = {"before": [], "after": []}
            for _ in range(bench.REPEAT):
                for name, jar in (("before", before), ("after", after)):
                    bench.log(f"{name} {label}={variant}")
                    results[name].append(run(jar, intake, variant))
            best = {k: max(v, key=lambda r: r["records_per_s"]) for k, v in results.items()}
            rows.append((variant, best["before"], best["after"]))
    finally:
        bench.stop(intake.proc)
    print(f"| {label} | before rec/s | after rec/s | after/before | CPU µs/record before → after | CPU ratio |")
    print("|---|---|---|---|---|---|")
    for variant, b, a in rows:
        print(f"| {variant} | {b['records_per_s']:,.0f} | {a['records_per_s']:,.0f} | "
              f"{a['records_per_s'] / b['records_per_s']:.2f} | {b['cpu_us_per_record']:.2f} → "
              f"{a['cpu_us_per_record']:.2f} | {a['cpu_us_per_record'] / b['cpu_us_per_record']:.2f} |")


def main():
    if not BEFORE or not os.path.exists(BEFORE):
        sys.exit("set JAR_BEFORE to the jar to compare against")
    alternate(BEFORE, AFTER, SHAPES, run, "lines")


if __name__ == "__main__":
    main()
