#!/usr/bin/env bash
# Every packaging check, after `./mvnw -B verify` built the artifacts (.ci/run runs it). About a minute.
set -euo pipefail
here=$(dirname "$0")
"$here/artifacts.sh"
"$here/systemd.sh"
"$here/tarball.sh"
"$here/kubernetes.py"
"$here/deb.sh"
"$here/image.sh"
