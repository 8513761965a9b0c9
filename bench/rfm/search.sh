#!/usr/bin/env bash
# Probe-search benchmark: the exhaustive search of the same draws vs halving schedules (quality on
# SynTheory audio features, per target), one synthetic 12-class layer timed full vs asha at several
# sizes with flops counted, and the flop model at the measured shapes and the paper's.
# Writes docs/benchmarks-search.raw.md (raw output) and docs/benchmarks-search.quality.tsv; the
# summary in docs/benchmarks-search.md quotes them (tables: bench/rfm/search_quality.py).
# usage: bench/rfm/search.sh   (from the repository root; several hours on a loaded 2-core machine)
set -euo pipefail
SCHEDULES="0,1,3,7,15/3;0,1,3,7,15/3/3/ties;0,3,15/3/3/ties;0,1,3,7,15/2/2/ties"
# (the committed numbers came from one JVM per concept or feature set, as memory allowed)
QUALITY=(--count 600 --dim 256 --trials 27 --iters 15 --schedules "$SCHEDULES")
# larger validation and test sets (20/40/40 split of 2,400 clips), full as the reference, 27 and 100 trials;
# "/pool" = rung 0 pooled across targets (the default). The committed pooled rows came from separate runs
# (27 trials: full again; 100 trials: --reference-tsv with the earlier 100-trial TSV), as time allowed.
LARGE_VAL=(--count 2400 --dim 256 --iters 15 --split 0.2,0.4 --reference full)
LARGE_VAL_SCHEDULES="0,1,3,7,15/2/2/ties/pool;0,1,3,7,15/2/2/ties;0,1,3,7,15/3/3/ties;0,1,3,7,15/3/1"
TIMING_SCHEDULES="0,1,3,7,15/3;0,1,3,7,15/3/3/ties;0,1,3,7,15/2/2/ties"
OUT=docs/benchmarks-search.raw.md
TSV=docs/benchmarks-search.quality.tsv
mvn -o -q -B -pl common test-compile
CPF=$(mktemp)
mvn -o -q -B -pl common dependency:build-classpath -Dmdep.outputFile="$CPF" -Dmdep.includeScope=test >/dev/null
CP="common/target/test-classes:common/target/classes:$(cat "$CPF")"
THREADS=${THREADS:-2}
export OPENBLAS_NUM_THREADS=$THREADS
JAVA=(java --add-exports java.desktop/com.sun.media.sound=ALL-UNNAMED -Xmx5g
      -Djava.util.concurrent.ForkJoinPool.common.parallelism=$THREADS -cp "$CP")
run() { "${JAVA[@]}" org.musicrfm.rfm.bench.SearchBenchmark "$@" 2>&1 | grep --line-buffered -v -e INFO -e InstanceBuilder; }
{
  echo "# Probe search benchmark: raw output"
  echo
  echo "Date $(date -u +%FT%TZ); $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs));"
  echo "OPENBLAS_NUM_THREADS=$THREADS; commit $(git rev-parse --short HEAD); load before: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo
  echo '```'
  run quality "${QUALITY[@]}" --tsv "$TSV"
  for c in notes chords tempos; do
    run quality --concepts $c "${LARGE_VAL[@]}" --trials 27 --schedules "$LARGE_VAL_SCHEDULES;0,1,3,7,15/2/4/ties" \
      --tsv "docs/benchmarks-search.large-val-27.$c.tsv"
    run quality --concepts $c "${LARGE_VAL[@]}" --trials 100 --schedules "$LARGE_VAL_SCHEDULES" \
      --tsv "docs/benchmarks-search.large-val-100.$c.tsv"
  done
  echo "load: $(cut -d' ' -f1-3 /proc/loadavg)"
  run timing --n 200 --d 64 --trials 9 --reps 1 --schedules "$TIMING_SCHEDULES"
  run timing --n 400 --d 128 --trials 9 --reps 3 --schedules "$TIMING_SCHEDULES"
  run timing --n 200 --d 64 --trials 100 --reps 1 --schedules "$TIMING_SCHEDULES"
  # the largest interleaved shape (stop 21): full and the pooled default, A, B, A, B
  run timing --n 1000 --d 256 --trials 27 --reps 2 --schedules "0,1,3,7,15/2/2/ties/pool"
  echo "load: $(cut -d' ' -f1-3 /proc/loadavg)"
  for shape in "200 64 42 42 12 9" "400 128 85 85 12 9" "800 256 171 171 12 9" "200 64 42 42 12 100" "1000 256 214 214 12 27" \
               "7000 2048 1500 1500 12 100" "7000 2048 1500 1500 4 100" "7000 2048 1500 1500 1 100"; do
    for k in "3 1" "3 3" "2 2"; do python3 bench/rfm/search_cost.py $shape 15 0,1,3,7,15 $k; done
  done
  echo '```'
} | tee "$OUT"
python3 bench/rfm/search_quality.py "0,1,3,7,15/2/2/ties" "$TSV"
python3 bench/rfm/search_quality.py --ref full "0,1,3,7,15/2/2/ties/pool" docs/benchmarks-search.large-val-100.*.tsv
rm -f "$CPF"
