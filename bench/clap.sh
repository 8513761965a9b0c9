#!/usr/bin/env bash
# CLAP embedding speed (audio embeddings/s for 10 s clips, text embeddings/s) at a preset's shape, with the sgemm floor:
#   bench/clap.sh [size=larger_clap_music] [audio batch=4] [text batch=8] [rounds=3] [checkpoint dir] [report=docs/benchmarks-clap.md]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../submit/env.sh"
cd "$MUSICRFM_HOME"
mvn -q -B -o -pl common test-compile
cp="$(mktemp)"
mvn -q -B -o -pl common dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$cp" >/dev/null
# shellcheck disable=SC2086
exec java -Xmx6g $MUSICRFM_JAVA_OPTS -cp "common/target/classes:common/target/test-classes:$(cat "$cp")" \
  org.musicrfm.bench.ClapBenchmark "$@"
