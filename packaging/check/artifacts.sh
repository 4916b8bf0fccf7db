#!/usr/bin/env bash
# The jars: the shaded agent within its size budget; Automatic-Module-Name in every jar; sources and javadoc jars
# beside every published jar; the BOM's version is the parent's.
. "$(dirname "$0")/lib.sh"
# 16.1 MB: the minimized shaded jar was 11.9 MB; Apache Lucene core (the local intake's search index, issue 16)
# added 3.4 MB (15.29 MB, measured), plus about 5 % of room.
MAX_BYTES=16100000

jar="$ROOT/agent/target/logship-agent.jar"
size=$(stat -c %s "$jar")
[ "$size" -le "$MAX_BYTES" ] || fail "agent jar is $size bytes, over $MAX_BYTES"
ok "agent jar $size bytes (<= $MAX_BYTES)"
natives=$(unzip -Z1 "$jar" | grep -E '\.(so|dll|dylib)$' | sort | tr '\n' ' ')
for n in $natives; do
  case "$n" in
    META-INF/native/libnetty_transport_native_epoll_x86_64.so|linux/amd64/*|linux/aarch64/*) ;;
    *) fail "unexpected native in the agent jar: $n" ;;
  esac
done
ok "natives: $natives"

names=""
for m in schema config logging-extension logging-extension/spring-boot-starter agent; do
  a=$(sed -n 's:^  <artifactId>\(.*\)</artifactId>:\1:p' "$ROOT/$m/pom.xml" | head -1)
  for kind in "" -sources -javadoc; do
    f="$ROOT/$m/target/$a-$VERSION$kind.jar"
    [ -s "$f" ] || fail "missing $f"
  done
  name=$(unzip -p "$ROOT/$m/target/$a-$VERSION.jar" META-INF/MANIFEST.MF | tr -d '\r' | sed -n 's/^Automatic-Module-Name: //p')
  [ -n "$name" ] && [ "$name" != io.logship ] || fail "$a: no Automatic-Module-Name of its own ($name)"
  names="$names $name"
done
shaded=$(unzip -p "$jar" META-INF/MANIFEST.MF | tr -d '\r' | sed -n 's/^Automatic-Module-Name: //p')
[ "$shaded" = io.logship.agent ] || fail "logship-agent.jar: Automatic-Module-Name is '$shaded'"
[ "$(echo $names | tr ' ' '\n' | sort -u | wc -l)" -eq 5 ] || fail "module names not distinct:$names"
ok "Automatic-Module-Name:$names, shaded $shaded; sources and javadoc jars present"

bom=$(sed -n 's:^  <version>\(.*\)</version>:\1:p' "$ROOT/bom/pom.xml" | head -1)
[ "$bom" = "$VERSION" ] || fail "logship-bom version $bom, parent $VERSION"
ok "logship-bom $bom"
