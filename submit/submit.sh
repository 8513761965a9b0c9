#!/usr/bin/env bash
# spark-submit wrapper for every MusicRFM job.
#   submit/submit.sh MODE JOB [job options]
# MODE: local | standalone | yarn | k8s — reads conf/spark-MODE.conf (master, resources, GPUs).
# Uses $SPARK_HOME/bin/spark-submit when SPARK_HOME is set, else the Spark jars this build resolved.
# Examples:
#   submit/submit.sh local syntheory --concepts notes --subset-size 100 --out /data/syntheory
#   MASTER=spark://head:7077 submit/submit.sh standalone syntheory --out /shared/syntheory   (see conf/)
#   SPARK_SUBMIT_ARGS="--conf spark.executor.memory=2g" submit/submit.sh standalone ...      (override conf/)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
mode="${1:?usage: submit/submit.sh local|standalone|yarn|k8s JOB [options]}"; shift
conf="$MUSICRFM_HOME/conf/spark-$mode.conf"
[ -f "$conf" ] || { echo "no such mode: $mode (missing $conf)" >&2; exit 2; }
musicrfm_build

app_jar="$MUSICRFM_HOME/jobs/target/musicrfm-jobs.jar"
log4j="$MUSICRFM_HOME/conf/log4j2.properties"
# Everything the application needs that a Spark distribution does not ship (DJL + natives, tokenizers, picocli, ...).
app_jars=$(find "$MUSICRFM_HOME/jobs/target/app-lib" -name '*.jar' | sort | paste -sd, -)

if [ -n "${SPARK_HOME:-}" ] && [ -x "$SPARK_HOME/bin/spark-submit" ]; then
  submit=("$SPARK_HOME/bin/spark-submit")
else
  # No Spark distribution: SparkSubmit from the jars Maven resolved (enough for local and standalone).
  # shellcheck disable=SC2206
  # The driver runs inside this JVM (client mode): --driver-java-options cannot reach it, so the
  # project's log4j2 config goes on its command line.
  # shellcheck disable=SC2206
  submit=(java $MUSICRFM_JAVA_OPTS "-Dlog4j2.configurationFile=$log4j" -cp "$MUSICRFM_HOME/jobs/target/spark-home/jars/*"
          org.apache.spark.deploy.SparkSubmit)
fi

master_args=()
[ -n "${MASTER:-}" ] && master_args=(--master "$MASTER")
# Extra spark-submit arguments, e.g. SPARK_SUBMIT_ARGS="--conf spark.executor.memory=2g"
# shellcheck disable=SC2206
given_args=(${SPARK_SUBMIT_ARGS:-})

# Executors need Gervill's export whatever else their options say: merge it into the
# spark.executor.extraJavaOptions of the conf file and of SPARK_SUBMIT_ARGS (the last one given
# wins, as in spark-submit) instead of replacing them.
executor_opts="$(sed -n 's/^[[:space:]]*spark\.executor\.extraJavaOptions[[:space:]=]\{1,\}//p' "$conf" | tail -n 1)"
extra_args=()
for ((i = 0; i < ${#given_args[@]}; i++)); do
  if [ "${given_args[$i]}" = "--conf" ] && [[ "${given_args[$((i + 1))]:-}" == spark.executor.extraJavaOptions=* ]]; then
    executor_opts="${given_args[$((i + 1))]#spark.executor.extraJavaOptions=}"
    i=$((i + 1))
  else
    extra_args+=("${given_args[$i]}")
  fi
done
gervill="--add-exports=java.desktop/com.sun.media.sound=ALL-UNNAMED"
case " $executor_opts " in *" $gervill "*) ;; *) executor_opts="${executor_opts:+$executor_opts }$gervill" ;; esac

exec "${submit[@]}" \
  --properties-file "$conf" \
  "${master_args[@]}" \
  "${extra_args[@]}" \
  --class org.musicrfm.jobs.cli.Main \
  --jars "$app_jars" \
  --driver-java-options "$MUSICRFM_JAVA_OPTS -Dlog4j2.configurationFile=$log4j" \
  --conf "spark.executor.extraJavaOptions=$executor_opts" \
  "$app_jar" "$@"
