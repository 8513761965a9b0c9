#!/usr/bin/env bash
# Classify-job cost per concept and per method on small-MusicGen-shaped synthetic activation tables:
#   bench/classify.sh [clips=300] [trials=2] [iters=5] [rounds=2] [report=docs/benchmarks-classify.md]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../submit/env.sh"
cd "$MUSICRFM_HOME"
mvn -q -B -o -pl common,jobs,tests test-compile
cp="$(mktemp)"
mvn -q -B -o -pl jobs dependency:build-classpath -Dmdep.outputFile="$cp" >/dev/null
export OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1 OMP_WAIT_POLICY=PASSIVE
# this checkout's classes first, before any installed snapshot of them
# shellcheck disable=SC2086
exec java -Xmx6g $MUSICRFM_JAVA_OPTS -Dai.djl.pytorch.num_threads=1 -Dai.djl.pytorch.num_interop_threads=1 \
  -cp "common/target/classes:jobs/target/classes:tests/target/test-classes:$(cat "$cp")" \
  org.musicrfm.bench.ClassifyBenchmarkRun "$@"
