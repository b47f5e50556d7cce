#!/usr/bin/env bash
# The benchmark in one command (bench/README.md): builds HITGov, the vanilla baseline and the agent in one
# Maven invocation, then runs the comparison against the local PostgreSQL and writes bench/results/DATE.{md,json}.
# Options (defaults): --reps=3 --ops=200 --threads=4 --rate=10 --seconds=20 --projects=1000 --pg=127.0.0.1:5432 --pguser=postgres
#   --portfolio=1000,10000 adds the portfolio workload (HITGov only) at those active-project counts, in the
#   first --portfolio-reps=1 repetitions (seeding 10,000 lifecycles takes minutes)
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -f bench/pom.xml -DskipTests package
# HITGov runs as it ships (docs/operations.md#how-hitgov-starts): extracted, with its class-data-sharing archive
docker/hitgov-layout.sh extract "$(ls target/hitgov-*.jar | head -1)" bench/target/hitgov-layout
docker/hitgov-layout.sh archive bench/target/hitgov-layout
# the same JVM for the archive and the runs (docker/hitgov-layout.sh uses $JAVA_HOME/bin/java, else java)
exec "${JAVA_HOME:+$JAVA_HOME/bin/}java" -cp "bench/agent/target/hitgov-bench-agent.jar" io.hitgov.bench.Bench --root=. "$@"
