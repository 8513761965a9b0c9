#!/usr/bin/env bash
# Generation speed benchmark (steps/s at batch 1 and 8 with CFG and KV cache, hook overhead, floor):
#   bench/generation.sh [size=small] [seconds=1] [rounds=3] [checkpoint dir] [report=docs/benchmarks-generation.md] [long seconds=10]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../submit/env.sh"
cd "$MUSICRFM_HOME"
mvn -q -B -o -pl common test-compile
cp="$(mktemp)"
mvn -q -B -o -pl common dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$cp" >/dev/null
# shellcheck disable=SC2086
exec java -Xmx6g $MUSICRFM_JAVA_OPTS -cp "common/target/classes:common/target/test-classes:$(cat "$cp")" \
  org.musicrfm.bench.GenerationBenchmark "$@"
