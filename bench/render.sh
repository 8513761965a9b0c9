#!/usr/bin/env bash
# Rendering benchmark: bench/render.sh [clips-per-concept] [--silent-notes]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../submit/env.sh"
cd "$MUSICRFM_HOME" && mvn -q -B -o install -DskipTests && mvn -q -B -o -pl common test-compile
# shellcheck disable=SC2086
exec java -Xmx4g $MUSICRFM_JAVA_OPTS -cp "common/target/classes:common/target/test-classes:jobs/target/spark-home/jars/*" \
  org.musicrfm.bench.RenderBenchmark "$@"
