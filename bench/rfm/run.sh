#!/usr/bin/env bash
# Fit-time benchmark: the CPU RFM (float32) and the public xRFM on the same data.
# usage: bench/rfm/run.sh XRFM_CHECKOUT [n:d ...]   (from the repository root; default shapes: the four of docs/benchmarks-rfm.md)
set -euo pipefail
XRFM=${1:?path to a dmbeaglehole/xRFM checkout}; shift
SHAPES=${*:-"2000:512 2000:2048 7000:512 7000:2048"}
DATA=$(mktemp -d /tmp/rfm-bench.XXXX)
mvn -o -q -B -pl common test-compile
mvn -o -q -B -pl common dependency:build-classpath -Dmdep.outputFile="$DATA/cp.txt" -Dmdep.includeScope=test >/dev/null
CP="common/target/test-classes:common/target/classes:$(cat "$DATA/cp.txt")"
uptime
java -Xmx14g -cp "$CP" org.musicrfm.rfm.bench.RfmBenchmark --dump "$DATA" $SHAPES 2>&1 | grep -v -e INFO -e InstanceBuilder
uptime
PYTHONPATH="$XRFM" /usr/bin/python3 bench/rfm/xrfm_fit_time.py "$DATA" $SHAPES
uptime
rm -rf "$DATA"
