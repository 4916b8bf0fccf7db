#!/usr/bin/env python3
"""Throughput of the agent with `spool.path` set: this build against an earlier jar, in one run (issue 11).

    JAR_BEFORE=/path/to/older/logship-agent.jar python3 bench/spool_compare.py

Same load for both (loadgen, 4 connections, 300-byte lines, flat out → agent with a spool, fsync every_batch and
interval → `intake --discard`), alternating before/after REPEAT times (default 2), best of each reported. Uses
bench.py's measurement (intake-counted records over a window after warm-up, agent CPU from /proc).
"""
import os
import shutil
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import bench  # noqa: E402
import jar_compare  # noqa: E402

AFTER = bench.JAR
BEFORE = os.environ.get("JAR_BEFORE")


def spool_config(path, port, intake, compression, max_wait, spool_dir, fsync):
    bench.agent_config(path, port, intake, compression, max_wait)
    with open(path, "a") as f:
        f.write(f"spool:\n  path: {spool_dir}\n  fsync: {fsync}\n")


def run(jar, intake, fsync):
    bench.JAR = jar
    port = bench.free_port()
    spool_dir = tempfile.mkdtemp(dir=bench.tmp, prefix="spool-")
    cfg = os.path.join(bench.tmp, "agent-spool.yaml")
    spool_config(cfg, port, intake, "zstd", "200ms", spool_dir, fsync)
    proc = bench.start(["java", *bench.AGENT_JAVA_OPTS, "-jar", jar, "-c", cfg], "agent-spool")
    bench.wait_port(port, proc)
    try:
        return bench.measure(proc, port, intake)
    finally:
        bench.stop(proc)
        shutil.rmtree(spool_dir, ignore_errors=True)


def main():
    if not BEFORE or not os.path.exists(BEFORE):
        sys.exit("set JAR_BEFORE to the jar to compare against")
    jar_compare.alternate(BEFORE, AFTER, ("every_batch", "interval"), run, "spool.fsync")


if __name__ == "__main__":
    main()
