#!/usr/bin/env bash
# Evaluate-job speed on one executor (small-shaped MusicGen + larger_clap_music-shaped CLAP, random weights):
#   bench/evaluate.sh [clips=4] [seconds=10] [threads=2] [rounds=2] [musicgen dir] [clap dir] [report=docs/benchmarks-evaluate.md]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../submit/env.sh"
cd "$MUSICRFM_HOME"
mvn -q -B -o -pl common,jobs,tests test-compile
cp="$(mktemp)"
mvn -q -B -o -pl jobs dependency:build-classpath -Dmdep.outputFile="$cp" >/dev/null
# this checkout's classes first, before any installed snapshot of them
# shellcheck disable=SC2086
exec java -Xmx10g $MUSICRFM_JAVA_OPTS \
  -cp "common/target/classes:jobs/target/classes:tests/target/test-classes:$(cat "$cp")" \
  org.musicrfm.bench.EvaluateBenchmark "$@"
