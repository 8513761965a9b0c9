#!/usr/bin/env bash
# Pipeline benchmark: extraction clips/s and probe-search trials/s on local-cluster with 1 and 2
# executors (1 core each), for a musicgen-small-shaped random checkpoint.
#   bench/pipeline.sh [clips] [work-dir]
# Prints one Markdown table row per run; wall times come from the jobs' own summaries.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../submit/env.sh"
clips="${1:-32}"
work="${2:-/tmp/musicrfm-bench}"
cd "$MUSICRFM_HOME"
musicrfm_build
export SPARK_HOME="$MUSICRFM_HOME/jobs/target/spark-home" SPARK_SCALA_VERSION=2.13
jars="$MUSICRFM_HOME/jobs/target/musicrfm-jobs.jar,$(ls "$MUSICRFM_HOME"/common/target/musicrfm-common-*.jar | head -1)"
mkdir -p "$work"
[ -f "$work/small/config.json" ] || ./musicrfm model init --size small --out "$work/small" >/dev/null
./musicrfm syntheory --concepts notes --subset-size "$clips" --out "$work/syntheory" --master 'local[2]' >/dev/null

run() { # name master extra-args...
  local name=$1 master=$2; shift 2
  local t0=$(date +%s.%N)
  JAVA_OPTS="-Xmx6g -Dspark.jars=$jars -Dspark.executor.memory=6g" ./musicrfm "$@" --master "$master" >/dev/null 2>&1
  local t1=$(date +%s.%N)
  echo "$name $(echo "$t1 - $t0" | bc)"
}

echo "| run | executors | work | wall s | rate |"
echo "|---|---|---|---|---|"
for n in 1 2; do
  rm -rf "$work/acts-$n" "$work/probes-$n"
  r=$(run extract "local-cluster[$n,1,7168]" extract --dataset "$work/syntheory/metadata" --model "$work/small" \
      --out "$work/acts-$n" --batch-size 4 --clips-per-chunk 4 --threads 1)
  s=${r#* }
  printf '| extract | %d | %d clips × 24 layers | %.1f | %.2f clips/s (%.2f per executor) |\n' "$n" "$clips" "$s" \
    "$(echo "$clips / $s" | bc -l)" "$(echo "$clips / $s / $n" | bc -l)"
  r=$(run train "local-cluster[$n,1,7168]" train --activations "$work/acts-$n" --concept notes --trials 10 \
      --iters 15 --out "$work/probes-$n")
  s=${r#* }
  trials=$((24 * 13 * 10))
  printf '| train | %d | %d trials (24 layers × 13 targets × 10), n = %d, d = 1024 | %.1f | %.1f trials/s |\n' "$n" \
    "$trials" "$clips" "$s" "$(echo "$trials / $s" | bc -l)"
done
