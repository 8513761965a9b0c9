#!/usr/bin/env bash
# Model-free musical metrics against SynTheory labels:
#   bench/musical-metrics.sh [clips-per-concept] [threads]
# Needs jobs/target/spark-home (made by `mvn -o package`); compiles common's test classes only.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../submit/env.sh"
cd "$MUSICRFM_HOME" && mvn -q -B -o -pl common test-compile
# shellcheck disable=SC2086
exec java -Xmx2g $MUSICRFM_JAVA_OPTS -cp "common/target/classes:common/target/test-classes:jobs/target/spark-home/jars/*" \
  org.musicrfm.bench.MusicalMetricsBenchmark "$@"
