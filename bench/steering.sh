#!/usr/bin/env bash
# Steering overhead benchmark: bench/steering.sh [size=small] [seconds=2] [iters=4] [checkpoint dir] [report.md]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../submit/env.sh"
cd "$MUSICRFM_HOME"
mvn -q -B -o -pl common test-compile
cp="$(mktemp)"
mvn -q -B -o -pl common dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$cp" >/dev/null
# shellcheck disable=SC2086
exec java -Xmx6g $MUSICRFM_JAVA_OPTS -cp "common/target/classes:common/target/test-classes:$(cat "$cp")" \
  org.musicrfm.bench.SteeringBenchmark "$@"
