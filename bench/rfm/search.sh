#!/usr/bin/env bash
# Probe-search benchmark: the exhaustive search vs the halving search (quality on SynTheory audio
# features, then one synthetic 12-class layer timed A/B with flops counted), and the flop model
# projected to the paper's scale. Writes docs/benchmarks-search.raw.md (raw output; the summary in
# docs/benchmarks-search.md quotes it).
# usage: bench/rfm/search.sh [quality args] -- [timing args]   (from the repository root)
#   defaults: quality --count 600 --dim 256 --trials 27 --iters 15 ; timing --n 800 --d 256 --trials 9 --reps 2
set -euo pipefail
QUALITY=(--count 600 --dim 256 --trials 27 --iters 15)
TIMING=(--n 800 --d 256 --trials 9 --reps 2)
OUT=docs/benchmarks-search.raw.md
mvn -o -q -B -pl common test-compile
CPF=$(mktemp)
mvn -o -q -B -pl common dependency:build-classpath -Dmdep.outputFile="$CPF" -Dmdep.includeScope=test >/dev/null
CP="common/target/test-classes:common/target/classes:$(cat "$CPF")"
THREADS=${THREADS:-2}
export OPENBLAS_NUM_THREADS=$THREADS
JAVA=(java --add-exports java.desktop/com.sun.media.sound=ALL-UNNAMED -Xmx6g
      -Djava.util.concurrent.ForkJoinPool.common.parallelism=$THREADS -cp "$CP")
run() { "${JAVA[@]}" org.musicrfm.rfm.bench.SearchBenchmark "$@" 2>&1 | grep --line-buffered -v -e INFO -e InstanceBuilder; }
{
  echo "# Probe search benchmark: raw output"
  echo
  echo "Date $(date -u +%FT%TZ); $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs));"
  echo "OPENBLAS_NUM_THREADS=$THREADS; commit $(git rev-parse --short HEAD); load before: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo
  echo '```'
  run quality "${QUALITY[@]}"
  echo "load: $(cut -d' ' -f1-3 /proc/loadavg)"
  run timing "${TIMING[@]}"
  echo "load: $(cut -d' ' -f1-3 /proc/loadavg)"
  python3 bench/rfm/search_cost.py 800 256 171 171 12 9 15
  python3 bench/rfm/search_cost.py 7000 2048 1500 1500 12 100 15
  python3 bench/rfm/search_cost.py 7000 2048 1500 1500 4 100 15
  python3 bench/rfm/search_cost.py 7000 2048 1500 1500 1 100 15
  echo '```'
} | tee "$OUT"
rm -f "$CPF"
