#!/usr/bin/env bash
# The jib image, built without a Docker daemon and without a registry: on a stand-in base image (an empty layer in a
# local docker-save tar, since no registry is reachable here) so that what jib adds can be checked: non-root user,
# the measured JVM flags, the packaged config, the version tag. Running it needs a real base (eclipse-temurin:17-jre):
# `./mvnw -pl packaging -am package -Pimage` where a registry is reachable.
. "$(dirname "$0")/lib.sh"
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
python3 - "$tmp/base.tar" <<'PY'
import hashlib, io, json, sys, tarfile
layer = io.BytesIO()
with tarfile.open(fileobj=layer, mode="w") as t:
    info = tarfile.TarInfo("tmp"); info.type = tarfile.DIRTYPE; info.mode = 0o1777; t.addfile(info)
layer = layer.getvalue()
config = json.dumps({"architecture": "amd64", "os": "linux", "config": {"Env": ["PATH=/usr/bin:/bin"]},
                     "rootfs": {"type": "layers", "diff_ids": ["sha256:" + hashlib.sha256(layer).hexdigest()]},
                     "history": [{"created_by": "packaging/check/image.sh stand-in base"}]}).encode()
manifest = json.dumps([{"Config": "config.json", "RepoTags": ["base:local"], "Layers": ["layer.tar"]}]).encode()
with tarfile.open(sys.argv[1], "w") as t:
    for name, data in (("layer.tar", layer), ("config.json", config), ("manifest.json", manifest)):
        info = tarfile.TarInfo(name); info.size = len(data); t.addfile(info, io.BytesIO(data))
PY
(cd "$ROOT" && ./mvnw -B -q ${MVN_OFFLINE:-} -pl packaging -am package -Pimage -DskipTests -Dmaven.javadoc.skip=true \
   -Dmaven.source.skip=true -Djib.from.image="tar://$tmp/base.tar" -Djib.console=plain >"$tmp/build.log" 2>&1) \
  || { tail -30 "$tmp/build.log"; fail "jib build"; }
image="$TARGET/jib-image.tar"
[ -s "$image" ] || fail "no $image"
mkdir "$tmp/img" && tar xf "$image" -C "$tmp/img"
python3 - "$tmp/img" "$VERSION" <<'PY'
import json, os, sys, tarfile
d, version = sys.argv[1], sys.argv[2]
manifest = json.load(open(os.path.join(d, "manifest.json")))[0]
cfg = json.load(open(os.path.join(d, manifest["Config"])))["config"]
problems = []
if manifest["RepoTags"] != [f"logship-agent:{version}"]:
    problems.append(f"tag {manifest['RepoTags']}")
user = cfg.get("User", "")
if not user or user.split(":")[0] in ("0", "root"):
    problems.append(f"user {user!r}")
ep = cfg.get("Entrypoint", [])
for flag in ("-XX:+UseSerialGC", "-Xmx48m", "-XX:MaxDirectMemorySize=96m", "-XX:ReservedCodeCacheSize=48m",
             "-Xss512k", "-XX:+ExitOnOutOfMemoryError"):
    if flag not in ep:
        problems.append(f"entrypoint lacks {flag}: {ep}")
if cfg.get("Cmd") != ["-c", "/etc/logship/agent.yaml"]:
    problems.append(f"cmd {cfg.get('Cmd')}")
files = set()
for layer in manifest["Layers"]:
    with tarfile.open(os.path.join(d, layer)) as t:
        files |= {m.name.lstrip("./") for m in t.getmembers()}
for f in ("opt/logship/lib/logship-agent.jar", "etc/logship/agent.yaml"):
    if f not in files:
        problems.append(f"image lacks /{f}")
for p in problems:
    print("FAIL: image: " + p, file=sys.stderr)
if problems:
    sys.exit(1)
print(f"ok: image logship-agent:{version}: user {user}, entrypoint {' '.join(ep)}, cmd {' '.join(cfg['Cmd'])}")
PY
# The flags are the launcher's: the jib entrypoint and bin/logship-agent's defaults must not drift apart.
flags=$(sed -n 's/^DEFAULT_JAVA_OPTS="\(.*\)"$/\1/p' "$ROOT/packaging/src/bin/logship-agent")
grep -q "<entrypoint>java,$(echo "$flags" | tr ' ' ','),-jar," "$ROOT/packaging/pom.xml" \
  || fail "jib entrypoint flags differ from bin/logship-agent's ($flags)"
ok "jib entrypoint flags = bin/logship-agent defaults ($flags)"
