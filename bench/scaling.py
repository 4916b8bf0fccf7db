#!/usr/bin/env python3
"""Connection scaling (issue 15): CPU per record and peak RSS of the agent at one total rate over 1 .. 10,000
connections, for one or more agent variants measured in the same run.

    python3 bench/scaling.py                       # connections 1,10,100,1000,10000; variants: default
    CONNS=1,1000 VARIANTS='coalesce=;no-coalesce=-Dlogship.coalesceNanos=0' python3 bench/scaling.py

The agent runs with the packaged JVM flags (bench.AGENT_JAVA_OPTS) on CPU 0; loadgen and the discard-mode intake on
CPU 1. SCALING_RATE (default 50000) lines/s in total, 300-byte lines, WARMUP + WINDOW seconds per run. A variant is
`name=extra JVM options`; runs alternate between variants. Prints a Markdown table.
"""
import os
import sys

import bench

CONNS = [int(c) for c in os.environ.get("CONNS", "1,10,100,1000,10000").split(",")]
VARIANTS = [v.split("=", 1) for v in os.environ.get("VARIANTS", "default=").split(";")]
RATE = bench.SCALING_RATE
BASE_OPTS = list(bench.AGENT_JAVA_OPTS)


def main():
    config = bench.agent_config

    def many_connections(path, port, intake, compression, max_wait="5s"):
        config(path, port, intake, compression, max_wait)
        with open(path, "a") as f:
            f.write("    max_connections: 20000\n")

    bench.agent_config = many_connections
    intake = bench.Intake()
    bench.subprocess.run(["taskset", "-a", "-p", "-c", "1", str(intake.proc.pid)], stdout=bench.subprocess.DEVNULL,
                         check=True)
    rows = {}
    try:
        for n in CONNS:
            for name, extra in VARIANTS:
                bench.AGENT_JAVA_OPTS[:] = BASE_OPTS + extra.split()
                rows[(name, n)] = bench.agent_run(intake, "zstd", connections=n, rate=RATE, warmup=bench.WARMUP,
                                                  window=bench.WINDOW, cpus="0", loadgen_cpus="1")
    finally:
        bench.stop(intake.proc)
    print(f"Connection scaling, {RATE:,} lines/s in total, agent JVM `{' '.join(BASE_OPTS)}`, "
          f"load average at the end {os.getloadavg()[0]:.1f}")
    print()
    print("| variant | connections | delivered records/s | CPU % | CPU µs/record | vs 1 connection | peak RSS MiB "
          "| kernel share |")
    print("|---|---|---|---|---|---|---|---|")
    for name, _ in VARIANTS:
        one = rows.get((name, CONNS[0]))
        for n in CONNS:
            r = rows[(name, n)]
            print(f"| {name} | {n} | {r['records_per_s']:,.0f} | {r['cpu_pct']:.0f} | {r['cpu_us_per_record']:.2f} "
                  f"| {r['cpu_us_per_record'] / one['cpu_us_per_record']:.2f}× | {r['rss_mib']:.0f} "
                  f"| {100 * r['sys_share']:.0f} % |")


if __name__ == "__main__":
    sys.exit(main())
