#!/usr/bin/env bash
# Sweep throughput on local-cluster, 1 -> 2 executors, Table 2 settings; then mixed-plan vs
# single-plan batches in one JVM:
#   bench/sweep.sh [size=small] [seconds=0.5] [rounds=2] [report=docs/benchmarks-sweep.md] [work dir]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../submit/env.sh"
cd "$MUSICRFM_HOME"
mvn -q -B -o package -pl tests -am -DskipTests
cp="$(mktemp)"
mvn -q -B -o -pl tests dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$cp" >/dev/null
export SPARK_HOME="$MUSICRFM_HOME/jobs/target/spark-home" SPARK_SCALA_VERSION=2.13 SPARK_LOCAL_IP=127.0.0.1
common_jar="$(ls common/target/musicrfm-common-*.jar | grep -v -e sources -e tests | head -1)"
# shellcheck disable=SC2086
exec java -Xmx4g $MUSICRFM_JAVA_OPTS -Dmusicrfm.jobs.jar="$MUSICRFM_HOME/jobs/target/musicrfm-jobs.jar" \
  -Dmusicrfm.common.jar="$MUSICRFM_HOME/$common_jar" \
  -cp "tests/target/test-classes:jobs/target/classes:common/target/classes:$(cat "$cp")" org.musicrfm.bench.SweepBenchmark "$@"
