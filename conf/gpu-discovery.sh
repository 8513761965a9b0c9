#!/usr/bin/env bash
# Spark GPU discovery script: prints the GPUs this executor may use as Spark's resource JSON.
# Referenced by spark.executor.resource.gpu.discoveryScript in conf/spark-*.conf.
set -euo pipefail
ids=$(nvidia-smi --query-gpu=index --format=csv,noheader 2>/dev/null | tr -d ' ' | paste -sd, - || true)
addresses=$(echo "$ids" | awk -F, '{for (i = 1; i <= NF; i++) printf "%s\"%s\"", (i > 1 ? "," : ""), $i}')
echo "{\"name\": \"gpu\", \"addresses\": [${addresses}]}"
