#!/usr/bin/env python3
"""logship benchmark driver, started by bench/run.sh (which installs syslog-ng and builds first).

Every process listens on 127.0.0.1. Each agent run: a discard-mode local intake (one for the whole session), the
agent (or syslog-ng), and `loadgen` flat out or at a rate. Throughput is what the intake counted over a window after
warm-up (DELETE /api/stats at the window start, GET at its end), never what loadgen wrote. CPU % is the agent's
(or syslog-ng's) utime+stime delta over the window from /proc/<pid>/stat (100 % = one core); peak RSS is its
VmHWM at the end of the run. Prints one Markdown report on stdout; progress goes to stderr.
"""
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
JAR = os.path.join(ROOT, "agent", "target", "logship-agent.jar")
WINDOW = float(os.environ.get("WINDOW", "8"))
WARMUP = float(os.environ.get("WARMUP", "4"))
LINE_BYTES = 300
CONNECTIONS = 4
AGENT_JAVA_OPTS = os.environ.get(
    "AGENT_JAVA_OPTS",
    "-XX:+UseSerialGC -Xmx48m -XX:MaxDirectMemorySize=96m -XX:ReservedCodeCacheSize=48m -Xss512k -XX:+ExitOnOutOfMemoryError",
).split()
SCALING_RATE = int(os.environ.get("SCALING_RATE", "50000"))
LATENCY_WARMUP = 8
REPEAT = int(os.environ.get("REPEAT", "2"))
LOW_RATE = 2000
TICKS = os.sysconf("SC_CLK_TCK")
MIB = 1024 * 1024

tmp = tempfile.mkdtemp(prefix="logship-bench-")
children = []


def log(msg):
    print(f"[{time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_port(port, proc, timeout=30):
    deadline = time.time() + timeout
    while time.time() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"process {proc.args[:3]} exited with {proc.returncode} before listening on {port}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"nothing listening on {port} after {timeout} s")


def start(args, name):
    out = open(os.path.join(tmp, name + ".log"), "w")
    proc = subprocess.Popen(args, stdout=out, stderr=subprocess.STDOUT, cwd=tmp)
    children.append(proc)
    return proc


def stop(proc, timeout=15):
    if proc.poll() is None:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
    if proc in children:
        children.remove(proc)


def http(method, url):
    req = urllib.request.Request(url, method=method)
    with urllib.request.urlopen(req, timeout=10) as r:
        return json.loads(r.read())


def cpu_seconds(pid):
    return sum(cpu_split(pid))


def cpu_split(pid):
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return int(fields[11]) / TICKS, int(fields[12]) / TICKS  # utime, stime


def machine_ticks():
    with open("/proc/stat") as f:
        v = [int(x) for x in f.readline().split()[1:]]
    return sum(v), v[3] + v[4]  # total, idle + iowait


def peak_rss_mib(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return float("nan")


class Intake:
    def __init__(self):
        self.port = free_port()
        self.proc = start(["java", "-XX:+UseParallelGC", "-jar", JAR, "intake", "--port", str(self.port),
                           "--data", os.path.join(tmp, "intake"), "--discard"], "intake")
        wait_port(self.port, self.proc)
        self.url = f"http://127.0.0.1:{self.port}"

    def reset(self):
        return http("DELETE", self.url + "/api/stats")

    def stats(self):
        return http("GET", self.url + "/api/stats")


def agent_config(path, port, intake, compression, max_wait="5s"):
    with open(path, "w") as f:
        f.write(f"""hostname: bench
stop_grace_period: 2s
intake:
  url: {intake.url}/api/v2/logs
  compression: {compression}
batch:
  max_wait: {max_wait}
metrics:
  enabled: false
logs:
  - type: tcp
    port: {port}
    service: bench
    source: loadgen
""")


SYSLOG_NG_CONF = """@version: 3.38
@module http
options {{ stats-freq(0); }};
source s_tcp {{
  network(ip("127.0.0.1") port({port}) transport("tcp") flags(no-parse)
          log-msg-size(1000000) max-connections(100) log-iw-size(400000));
}};
{parser}
destination d_intake {{
  http(url("{url}/api/v2/logs") method("POST")
       headers("Content-Type: application/json", "DD-API-KEY: test")
       body-prefix("[") delimiter(",") body-suffix("]")
       body("$(format-json message=$MSG ddsource=tcp service=peer hostname=$HOST status=info{probe})")
       batch-lines(1000) batch-bytes(4500000) batch-timeout({timeout})
       workers(4) timeout(10) time-reopen(5) log-fifo-size(400000)
       response-action(400 => drop, 401 => drop, 403 => drop, 413 => drop));
}};
log {{ source(s_tcp); {parse_ref} destination(d_intake); flags(flow-control); }};
"""


def start_syslog_ng(port, intake, probe=False, timeout_ms=5000):
    d = tempfile.mkdtemp(dir=tmp, prefix="sng-")
    conf = os.path.join(d, "peer.conf")
    with open(conf, "w") as f:
        f.write(SYSLOG_NG_CONF.format(
            port=port, url=intake.url, timeout=timeout_ms,
            parser='parser p_json { json-parser(prefix(".j.")); };' if probe else "",
            parse_ref="parser(p_json);" if probe else "",
            probe=" probe_us=int64(${.j.probe_us})" if probe else ""))
    proc = start(["syslog-ng", "-F", "--no-caps", "-f", conf, "-R", os.path.join(d, "persist"),
                  "-p", os.path.join(d, "pid"), "-c", os.path.join(d, "ctl")], "syslog-ng")
    wait_port(port, proc)
    return proc


def start_agent(intake, compression, max_wait="5s", cpus=None):
    port = free_port()
    cfg = os.path.join(tmp, f"agent-{compression}.yaml")
    agent_config(cfg, port, intake, compression, max_wait)
    pin = ["taskset", "-c", cpus] if cpus else []
    proc = start([*pin, "java", *AGENT_JAVA_OPTS, "-jar", JAR, "-c", cfg], "agent-" + compression)
    wait_port(port, proc)
    return proc, port


def measure(proc, port, intake, connections=CONNECTIONS, rate=0, probe=False, warmup=WARMUP, window=WINDOW,
            loadgen_cpus=None, loadgen_jar=None, loadgen_args=()):
    """Runs loadgen against `port` and measures `proc` and the intake over the window."""
    pin = ["taskset", "-c", loadgen_cpus] if loadgen_cpus else []
    args = [*pin, "java", "-XX:+UseSerialGC", "-jar", loadgen_jar or JAR, "loadgen", *loadgen_args, "--port", str(port),
            "--connections",
            str(connections), "--line-bytes", str(LINE_BYTES), "--duration", f"{int(warmup + window + 1)}s", "--json"]
    if rate:
        args += ["--rate", str(int(rate))]
    if probe:
        args += ["--probe"]
    gen = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=tmp)
    time.sleep(warmup)
    intake.reset()
    pids = (proc.pid, intake.proc.pid, gen.pid)
    sys0 = cpu_split(proc.pid)[1]
    m0 = machine_ticks()
    cpu0, t0 = [cpu_seconds(p) for p in pids], time.monotonic()
    time.sleep(window)
    stats = intake.stats()
    cpu1, t1 = [cpu_seconds(p) for p in pids], time.monotonic()
    m1 = machine_ticks()
    ours = sum(b - a for a, b in zip(cpu0, cpu1)) / (t1 - t0)
    busy = (m1[0] - m0[0] - (m1[1] - m0[1])) / max(1, m1[0] - m0[0]) * os.cpu_count()
    other = max(0.0, busy - ours)
    sys1 = cpu_split(proc.pid)[1]
    others = [100 * (b - a) / (t1 - t0) for a, b in zip(cpu0[1:], cpu1[1:])]
    cpu0, cpu1 = cpu0[0], cpu1[0]
    rss = peak_rss_mib(proc.pid)
    out, err = gen.communicate(timeout=120)
    elapsed = t1 - t0
    records = stats["records_accepted"]
    result = {
        "records_per_s": records / elapsed,
        "mib_per_s": records * LINE_BYTES / MIB / elapsed,
        "json_mib_per_s": stats["bytes_accepted"] / MIB / elapsed,
        "cpu_pct": 100 * (cpu1 - cpu0) / elapsed,
        "cpu_us_per_record": 1e6 * (cpu1 - cpu0) / records if records else float("nan"),
        "rss_mib": rss,
        "probe": stats.get("probe", {}),
        "intake_cpu_pct": others[0],
        "other_cpu_pct": 100 * other,
        "sys_share": (sys1 - sys0) / (cpu1 - cpu0) if cpu1 > cpu0 else 0.0,
        "loadgen_cpu_pct": others[1],
        "loadgen": out.strip() or err.strip()[-300:],
    }
    log(f"  {result['records_per_s']:,.0f} rec/s, {result['mib_per_s']:.1f} MiB/s, cpu {result['cpu_pct']:.0f} %, "
        f"{result['cpu_us_per_record']:.2f} µs/rec, peak RSS {rss:.0f} MiB, probe {result['probe']}, "
        f"intake cpu {others[0]:.0f} %, loadgen cpu {others[1]:.0f} %, other processes {100 * other:.0f} %, "
        f"loadgen: {result['loadgen']}")
    return result


def agent_run(intake, compression, **kw):
    max_wait = kw.pop("max_wait", "5s")
    cpus = kw.pop("cpus", None)
    log(f"agent {compression} max_wait={max_wait} cpus={cpus} {kw}")
    proc, port = start_agent(intake, compression, max_wait, cpus)
    try:
        return measure(proc, port, intake, **kw)
    finally:
        stop(proc)


def syslog_ng_run(intake, probe=False, timeout_ms=5000, **kw):
    log(f"syslog-ng probe={probe} batch-timeout={timeout_ms} {kw}")
    port = free_port()
    proc = start_syslog_ng(port, intake, probe, timeout_ms)
    try:
        return measure(proc, port, intake, probe=probe, **kw)
    finally:
        stop(proc)


def best(run):
    return max((run() for _ in range(REPEAT)), key=lambda r: r["records_per_s"])


def ms(us):
    return f"{us / 1000:.1f}"


def jmh(cp, pattern, extra):
    out = os.path.join(tmp, "jmh-" + pattern + ".json")
    args = ["java", "-cp", cp, "org.openjdk.jmh.Main", pattern, "-f", "1", "-wi", "2", "-w", "1s", "-i", "3",
            "-r", "1s", "-prof", "gc", "-rf", "json", "-rff", out, *extra]
    log("jmh " + " ".join(args[3:]))
    subprocess.run(args, cwd=tmp, stdout=open(os.path.join(tmp, "jmh-" + pattern + ".log"), "w"),
                   stderr=subprocess.STDOUT, check=True)
    with open(out) as f:
        return json.load(f)


def jmh_section():
    ext = os.path.join(ROOT, "logging-extension")
    with open(os.path.join(ROOT, "bench", "target", "cp-ext.txt")) as f:
        cp = ":".join([os.path.join(ext, "target", "test-classes"), os.path.join(ext, "target", "classes"),
                       f.read().strip()])
    rows = []
    for pattern, extra in (("io.logship.logback.encoder.EncoderBenchmark", []),
                           ("io.logship.logback.datadog.DatadogJsonEncoderBenchmark", []),
                           ("io.logship.logback.datadog.DatadogAppenderBenchmark", ["-p", "blocking=false,true"])):
        for r in jmh(cp, pattern, extra):
            name = r["benchmark"].rsplit(".", 2)
            params = ",".join(f"{k}={v}" for k, v in (r.get("params") or {}).items())
            pm = r["primaryMetric"]
            p50 = pm.get("scorePercentiles", {}).get("50.0") if r["mode"] == "sample" else None
            alloc = next((v["score"] for k, v in r.get("secondaryMetrics", {}).items()
                          if k.endswith("gc.alloc.rate.norm")), None)
            rows.append((f"{name[-2]}.{name[-1]}" + (f" [{params}]" if params else ""), r["mode"], pm["score"],
                         pm["scoreError"], pm["scoreUnit"], p50, alloc))
    lines = ["| benchmark | mode | mean | ± | unit | p50 | alloc B/op |", "|---|---|---|---|---|---|---|"]
    by_name = {}
    for name, mode, score, error, unit, p50, alloc in rows:
        by_name[name] = (score, p50, alloc)
        p50s = f"{p50:.0f}" if p50 is not None else ""
        allocs = f"{alloc:.0f}" if alloc is not None else ""
        lines.append(f"| {name} | {mode} | {score:.1f} | {error:.1f} | {unit} | {p50s} | {allocs} |")
    lines += ["", "| comparison (logship / peer, same run) | time | allocation |", "|---|---|---|"]
    pairs = (("JSON encoder / LogstashEncoder", "EncoderBenchmark.logshipJson", "EncoderBenchmark.logstashEncoder", 0),
             ("text encoder / logback PatternLayout", "EncoderBenchmark.logshipText",
              "EncoderBenchmark.logbackPatternLayout", 0),
             ("Datadog JSON encoder / LogstashEncoder", "DatadogJsonEncoderBenchmark.logship",
              "DatadogJsonEncoderBenchmark.logstashEncoder", 0),
             ("Datadog output log.info p50 / LogstashTcpSocketAppender (drop when full)",
              "DatadogAppenderBenchmark.infoWithThreeKeyValues [appender=logship,blocking=false]",
              "DatadogAppenderBenchmark.infoWithThreeKeyValues [appender=lle,blocking=false]", 1),
             ("Datadog output log.info p50 / LogstashTcpSocketAppender (blocking, nothing dropped)",
              "DatadogAppenderBenchmark.infoWithThreeKeyValues [appender=logship,blocking=true]",
              "DatadogAppenderBenchmark.infoWithThreeKeyValues [appender=lle,blocking=true]", 1))
    for label, ours, peer, field in pairs:
        if ours in by_name and peer in by_name:
            a, b = by_name[ours], by_name[peer]
            t = f"{a[field]:.0f} / {b[field]:.0f} ns = {a[field] / b[field]:.2f}×"
            al = f"{a[2]:.0f} / {b[2]:.0f} B = {a[2] / b[2]:.2f}×" if a[2] and b[2] else "n/a"
            lines.append(f"| {label} | {t} | {al} |")
    return "\n".join(lines), rows


def ratio(a, b):
    return f"{a / b:.2f}×" if b else "n/a"


def main():
    skip_jmh = "--skip-jmh" in sys.argv
    started = time.time()
    intake = Intake()
    report = []
    try:
        # Best of REPEAT runs: other work on the machine only ever lowers a run's figure.
        peak = {c: best(lambda: agent_run(intake, c)) for c in ("zstd", "gzip", "none")}
        sng = best(lambda: syslog_ng_run(intake))
        half = peak["zstd"]["records_per_s"] / 2
        lat = {
            "5s": agent_run(intake, "zstd", rate=half, probe=True, warmup=LATENCY_WARMUP),
            "100ms": agent_run(intake, "zstd", rate=half, probe=True, max_wait="100ms", warmup=LATENCY_WARMUP),
            "5s-low": agent_run(intake, "zstd", rate=LOW_RATE, probe=True, warmup=LATENCY_WARMUP),
            "100ms-low": agent_run(intake, "zstd", rate=LOW_RATE, probe=True, max_wait="100ms",
                                   warmup=LATENCY_WARMUP),
        }
        sng_half = sng["records_per_s"] / 2
        sng_lat = syslog_ng_run(intake, probe=True, timeout_ms=5000, rate=sng_half, warmup=LATENCY_WARMUP)
        # The agent gets CPU 0, loadgen and the intake CPU 1: a thousand connections cost loadgen CPU too.
        subprocess.run(["taskset", "-a", "-p", "-c", "1", str(intake.proc.pid)], stdout=subprocess.DEVNULL,
                       check=True)
        scaling = {n: agent_run(intake, "zstd", connections=n, rate=SCALING_RATE, warmup=4, window=6, cpus="0",
                                loadgen_cpus="1") for n in (1, 10, 100, 1000)}
    finally:
        stop(intake.proc)

    uname = os.uname()
    cpu_model = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "?")
    jver = subprocess.run(["java", "-version"], capture_output=True, text=True).stderr.splitlines()[0]
    report.append(f"Machine: {os.cpu_count()} cores ({cpu_model}), {uname.sysname} {uname.release}, {jver}; "
                  f"date {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}. loadgen, agent (or syslog-ng) and "
                  f"the intake share the cores (no pinning, except the scaling runs); other engineers' builds ran on "
                  f"the same machine (load average {os.getloadavg()[0]:.1f} at the end; 'other processes' below). "
                  f"Agent JVM: `{' '.join(AGENT_JAVA_OPTS)}`. "
                  f"Window {WINDOW:.0f} s after {WARMUP:.0f} s warm-up, best of {REPEAT} runs in the first table, "
                  f"{CONNECTIONS} connections, "
                  f"{LINE_BYTES}-byte JSON lines, batches of up to 1000 records.")
    report.append("")
    report.append("### Agent TCP → HTTP vs syslog-ng 3.38 (same load, same intake)")
    report.append("")
    report.append("| run | records/s | MiB/s (lines in) | CPU % | CPU µs/record | peak RSS MiB | records/s vs syslog-ng "
                  "| CPU/record vs syslog-ng | intake / loadgen / other processes CPU % |")
    report.append("|---|---|---|---|---|---|---|---|---|")
    rows = [(f"logship {c}", peak[c]) for c in ("zstd", "gzip", "none")] + [("syslog-ng (no compression)", sng)]
    for name, r in rows:
        report.append(f"| {name} | {r['records_per_s']:,.0f} | {r['mib_per_s']:.1f} | {r['cpu_pct']:.0f} | "
                      f"{r['cpu_us_per_record']:.2f} | {r['rss_mib']:.0f} | "
                      f"{ratio(r['records_per_s'], sng['records_per_s'])} | "
                      f"{ratio(r['cpu_us_per_record'], sng['cpu_us_per_record'])} | "
                      f"{r['intake_cpu_pct']:.0f} / {r['loadgen_cpu_pct']:.0f} / {r['other_cpu_pct']:.0f} |")
    report.append("")
    report.append("### End-to-end delay at 50 % of peak (loadgen write → intake receive, `loadgen --probe`)")
    report.append("")
    report.append(f"Warm-up {LATENCY_WARMUP} s (loadgen catches up after a stall, so a short warm-up measures the "
                  f"catch-up burst); the delay is measured at the intake, so it includes batching, compression, "
                  f"the HTTP round trip and the intake's decoding.")
    report.append("")
    report.append("| run | rate (lines/s) | delivered records/s | p50 ms | p99 ms | max ms | probes | CPU % | peak RSS MiB |")
    report.append("|---|---|---|---|---|---|---|---|---|")
    for name, rate, r in ((f"logship zstd, max_wait 5s", half, lat["5s"]),
                          (f"logship zstd, max_wait 100ms", half, lat["100ms"]),
                          (f"logship zstd, max_wait 5s, low rate", LOW_RATE, lat["5s-low"]),
                          (f"logship zstd, max_wait 100ms, low rate", LOW_RATE, lat["100ms-low"]),
                          ("syslog-ng (json-parser for the probe), batch-timeout 5s", sng_half, sng_lat)):
        p = r["probe"]
        report.append(f"| {name} | {rate:,.0f} | {r['records_per_s']:,.0f} | {ms(p.get('p50_us', 0))} | "
                      f"{ms(p.get('p99_us', 0))} | {ms(p.get('max_us', 0))} | {p.get('count', 0):,} | "
                      f"{r['cpu_pct']:.0f} | {r['rss_mib']:.0f} |")
    report.append("")
    report.append(f"### Connection scaling (logship zstd, {SCALING_RATE:,} lines/s in total; agent pinned to CPU 0, "
                  f"loadgen and intake to CPU 1)")
    report.append("")
    report.append("| connections | delivered records/s | CPU % | CPU µs/record | vs 1 connection | peak RSS MiB "
                  "| loadgen CPU % | kernel share of agent CPU |")
    report.append("|---|---|---|---|---|---|---|---|")
    for n, r in scaling.items():
        report.append(f"| {n} | {r['records_per_s']:,.0f} | {r['cpu_pct']:.0f} | {r['cpu_us_per_record']:.2f} | "
                      f"{ratio(r['cpu_us_per_record'], scaling[1]['cpu_us_per_record'])} | {r['rss_mib']:.0f} | "
                      f"{r['loadgen_cpu_pct']:.0f} | {100 * r['sys_share']:.0f} % |")
    if not skip_jmh:
        table, _ = jmh_section()
        report.append("")
        report.append("### In-process (JMH `-f 1 -wi 2 -w 1s -i 3 -r 1s -prof gc`, same run)")
        report.append("")
        report.append(table)
    report.append("")
    report.append(f"Total harness time: {time.time() - started:.0f} s.")
    print("\n".join(report))


if __name__ == "__main__":
    try:
        main()
    finally:
        for p in list(children):
            stop(p, 5)
        if os.environ.get("KEEP_TMP"):
            log("kept " + tmp)
        else:
            shutil.rmtree(tmp, ignore_errors=True)
