#!/usr/bin/env bash
# The layout HITGov ships in (docs/operations.md#how-hitgov-starts): the fat jar extracted, an explicit class
# path, and a class-data-sharing archive of the classes a start loads. Used by the Dockerfile, the benchmark
# (bench/run.sh) and ShippedLayoutIT.
#
#   hitgov-layout.sh extract FAT_JAR DIR   DIR/hitgov.jar, DIR/lib/*.jar, DIR/classpath.txt (absolute, in the
#                                          fat jar's order); needs a JDK (jar) or unzip
#   hitgov-layout.sh archive DIR           DIR/hitgov.jsa with the JVM that will run it ($JAVA_HOME/bin/java, else
#                                          java), and DIR/hitgov.args (java @DIR/hitgov.args io.hitgov.HitgovApplication)
#
# Why an explicit class path: Spring Boot adds the META-INF/resources of the jars named in java.class.path to
# Tomcat; `java -jar DIR/hitgov.jar` names only hitgov.jar (its manifest's Class-Path is not in
# java.class.path), and Camunda's webapps then answer 404 for their own plugins' assets.
# Why a class list and a static archive: the dynamic archive (-XX:ArchiveClassesAtExit) of this application
# crashes OpenJDK 17.0.15 while it writes the lambda proxy classes; the static dump of the same class list
# without its @lambda-proxy lines does not (those classes are then generated at start as without an archive).
set -euo pipefail
unset CDPATH
java=${JAVA_HOME:+$JAVA_HOME/bin/}java
# The archive is ignored by a JVM whose compressed-oops mode differs from the dump's: dump and train with a heap
# below 32 GB, as HITGov runs (docker-compose.yml: -Xmx1g)
heap=-Xmx1g

# tail of a failed step's log (inside `docker build` the file itself is gone with the failed layer)
fail() { echo "$1, last lines of $2:" >&2; tail -n 60 "$2" >&2 || true; exit 1; }

usage() { sed -n '5,10p' "$0" >&2; exit 2; }

extract() {
  local jar=$1 dir=$2
  [ -f "$jar" ] || { echo "no such jar: $jar" >&2; exit 2; }
  case "$dir" in *[\"\\:]*) echo "$dir: a layout directory must not contain a quote, backslash or colon" >&2; exit 2 ;; esac
  if [ -e "$dir" ]; then
    [ -f "$dir/classpath.txt" ] || { echo "$dir exists and is no layout: not replaced" >&2; exit 2; }
    rm -rf "$dir"
  fi
  "$java" -Djarmode=tools -jar "$jar" extract --destination "$dir" --application-filename hitgov.jar >/dev/null
  dir=$(cd "$dir" && pwd)
  local manifest jar_tool=${JAVA_HOME:+$JAVA_HOME/bin/}jar
  command -v "$jar_tool" >/dev/null || jar_tool=jar
  if command -v "$jar_tool" >/dev/null; then
    local tmp; tmp=$(mktemp -d)
    (cd "$tmp" && "$jar_tool" xf "$dir/hitgov.jar" META-INF/MANIFEST.MF)
    manifest=$(cat "$tmp/META-INF/MANIFEST.MF"); rm -rf "$tmp"
  elif command -v unzip >/dev/null; then
    manifest=$(unzip -p "$dir/hitgov.jar" META-INF/MANIFEST.MF)
  else
    echo "reading the extracted jar's manifest needs a JDK's jar tool or unzip" >&2; exit 1
  fi
  # Class-Path: space-separated, wrapped at 72 bytes with continuation lines that start with one space
  local entries
  entries=$(printf '%s\n' "$manifest" | tr -d '\r' | awk '
    /^Class-Path: / { on = 1; sub(/^Class-Path: /, ""); printf "%s", $0; next }
    on && /^ / { sub(/^ /, ""); printf "%s", $0; next }
    { on = 0 }')
  [ -n "$entries" ] || { echo "$jar: no Class-Path in the extracted jar's manifest" >&2; exit 1; }
  local cp="$dir/hitgov.jar" entry
  set -f
  for entry in $entries; do
    [ -f "$dir/$entry" ] || { echo "missing class path entry $dir/$entry" >&2; exit 1; }
    cp="$cp:$dir/$entry"
  done
  set +f
  printf '%s\n' "$cp" > "$dir/classpath.txt"
  echo "extracted $jar into $dir ($(ls "$dir/lib" | wc -l) libraries)"
}

archive() {
  local dir; dir=$(cd "$1" && pwd)
  local cp; cp=$(cat "$dir/classpath.txt")
  # A training start on an empty in-memory database that ends after the context refresh: the engine, its
  # MyBatis mappings, the models' parsing and Tomcat are loaded by then.
  HITGOV_H2_URL='jdbc:h2:mem:hitgov-training;DB_CLOSE_DELAY=-1' "$java" "$heap" -XX:DumpLoadedClassList="$dir/classes.lst" \
    -Dspring.context.exit=onRefresh -cp "$cp" io.hitgov.HitgovApplication \
    --spring.profiles.active=default --server.port=0 --hitgov.demo.data=false >"$dir/training.log" 2>&1 \
    || fail "training start failed" "$dir/training.log"
  grep -v '^@lambda-proxy' "$dir/classes.lst" > "$dir/classes-archived.lst"
  "$java" "$heap" -Xshare:dump -XX:SharedClassListFile="$dir/classes-archived.lst" -XX:SharedArchiveFile="$dir/hitgov.jsa" \
    -Xlog:cds=off -Xlog:cds+dynamic=off -cp "$cp" >"$dir/dump.log" 2>&1 \
    || fail "archive dump failed" "$dir/dump.log"
  rm -f "$dir/classes.lst"
  printf -- '-XX:SharedArchiveFile="%s"\n-cp "%s"\n' "$dir/hitgov.jsa" "$cp" > "$dir/hitgov.args"
  echo "archived $(wc -l < "$dir/classes-archived.lst") classes into $dir/hitgov.jsa"
}

case "${1:-}" in
  extract) [ $# -eq 3 ] || usage; extract "$2" "$3" ;;
  archive) [ $# -eq 2 ] || usage; archive "$2" ;;
  *) usage ;;
esac
