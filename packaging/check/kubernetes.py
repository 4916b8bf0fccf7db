#!/usr/bin/env python3
"""The Kubernetes examples as rendered by the build (packaging/target/kubernetes): every agent container is
non-root with a read-only root filesystem and no capabilities, has resources and /health + /ready probes, mounts
a ConfigMap that the same file provides, has terminationGracePeriodSeconds above its stop_grace_period, and runs
the image of this version; the sidecar is a native one; each ConfigMap's agent.yaml passes the agent's own
--check-config (with an API key, and refuses without one)."""
import os, re, subprocess, sys, tempfile
import yaml

root = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
version = re.search(r"^  <version>(.*)</version>", open(os.path.join(root, "pom.xml")).read(), re.M).group(1)
jar = os.path.join(root, "agent", "target", "logship-agent.jar")
kdir = os.path.join(root, "packaging", "target", "kubernetes")
problems = []


def duration_seconds(text):
    m = re.fullmatch(r"(\d+)(ms|s|m|h)", str(text))
    return int(m.group(1)) * {"ms": 0.001, "s": 1, "m": 60, "h": 3600}[m.group(2)]


def check_config(text, env):
    with tempfile.NamedTemporaryFile("w", suffix=".yaml", delete=False) as f:
        f.write(text)
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DD_", "LOGSHIP_"))}
    r = subprocess.run(["java", "-jar", jar, "-c", f.name, "--check-config"], env={**clean, **env},
                       capture_output=True, text=True)
    os.unlink(f.name)
    return r.returncode, (r.stdout + r.stderr).strip()


for name in ("sidecar.yaml", "daemonset.yaml", "aggregator.yaml"):
    path = os.path.join(kdir, name)
    docs = [d for d in yaml.safe_load_all(open(path)) if d]
    maps = {d["metadata"]["name"]: d for d in docs if d["kind"] == "ConfigMap"}
    workloads = [d for d in docs if d["kind"] in ("Deployment", "DaemonSet", "Pod")]
    if not workloads:
        problems.append(f"{name}: no workload")
    for w in workloads:
        spec = w["spec"]["template"]["spec"] if w["kind"] != "Pod" else w["spec"]
        where = f"{name}: {w['kind']} {w['metadata']['name']}"
        agents = [(c, "initContainers") for c in spec.get("initContainers", []) if "logship-agent" in c["image"]]
        agents += [(c, "containers") for c in spec.get("containers", []) if "logship-agent" in c["image"]]
        if len(agents) != 1:
            problems.append(f"{where}: expected one logship-agent container, got {len(agents)}")
            continue
        c, kind = agents[0]
        if name == "sidecar.yaml" and not (kind == "initContainers" and c.get("restartPolicy") == "Always"):
            problems.append(f"{where}: the sidecar is not native (initContainers + restartPolicy: Always)")
        if not c["image"].endswith(":" + version):
            problems.append(f"{where}: image {c['image']} does not follow the version {version}")
        sc = c.get("securityContext", {})
        for key, want in (("runAsNonRoot", True), ("readOnlyRootFilesystem", True),
                          ("allowPrivilegeEscalation", False)):
            if sc.get(key) is not want:
                problems.append(f"{where}: securityContext.{key} is not {want}")
        if sc.get("capabilities", {}).get("drop") != ["ALL"]:
            problems.append(f"{where}: capabilities not dropped")
        if not sc.get("runAsUser"):
            problems.append(f"{where}: no runAsUser")
        res = c.get("resources", {})
        if not res.get("requests", {}).get("memory") or not res.get("limits", {}).get("memory"):
            problems.append(f"{where}: memory request/limit missing")
        paths = {p.get("httpGet", {}).get("path") for p in
                 (c.get("livenessProbe", {}), c.get("readinessProbe", {}), c.get("startupProbe", {}))}
        if not {"/health", "/ready"} <= paths:
            problems.append(f"{where}: probes on {paths}, expected /health and /ready")
        mounts = {m["name"]: m["mountPath"] for m in c.get("volumeMounts", [])}
        vols = {v["name"]: v for v in spec.get("volumes", [])}
        for needed in ("/tmp", "/var/lib/logship", "/etc/logship"):
            if needed not in mounts.values():
                problems.append(f"{where}: nothing writable/mounted at {needed}")
        cms = [vols[n]["configMap"]["name"] for n in mounts if n in vols and "configMap" in vols[n]]
        if len(cms) != 1 or cms[0] not in maps:
            problems.append(f"{where}: mounts ConfigMap {cms}, the file provides {list(maps)}")
            continue
        text = maps[cms[0]]["data"]["agent.yaml"]
        conf = yaml.safe_load(text)
        grace = duration_seconds(conf.get("stop_grace_period", "30s"))
        if not spec.get("terminationGracePeriodSeconds", 30) > grace:
            problems.append(f"{where}: terminationGracePeriodSeconds {spec.get('terminationGracePeriodSeconds')}"
                            f" not above stop_grace_period {grace}s")
        env = {e["name"]: e["value"] for e in c.get("env", []) if "value" in e}
        rc, out = check_config(text, {**env, "DD_API_KEY": "k"})
        if rc != 0:
            problems.append(f"{where}: agent.yaml refused: {out}")
        rc, out = check_config(text, env)
        if rc != 2 or "require_destination" not in out:
            problems.append(f"{where}: agent.yaml without DD_API_KEY: exit {rc}, {out}")
        print(f"ok: {where}: {kind} agent, grace {spec.get('terminationGracePeriodSeconds')}s > {grace:g}s, "
              f"ConfigMap {cms[0]} passes --check-config")

for p in problems:
    print("FAIL: " + p, file=sys.stderr)
sys.exit(1 if problems else 0)
