# Shared by ./musicrfm and the submit/ wrappers: JVM options every driver and executor needs.
# shellcheck shell=bash

MUSICRFM_HOME="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export MUSICRFM_HOME
# Loopback unless the user says otherwise: on a cluster, set SPARK_LOCAL_IP to the address each
# node's Spark processes should bind (executors inherit their worker's).
export SPARK_LOCAL_IP="${SPARK_LOCAL_IP:-127.0.0.1}"
# Without a Spark distribution, the jars this build resolved are the Spark home (a standalone
# Worker launches executors from SPARK_HOME/jars and needs the Scala version to find them).
if [ -z "${SPARK_HOME:-}" ]; then
  export SPARK_HOME="$MUSICRFM_HOME/jobs/target/spark-home"
fi
export SPARK_SCALA_VERSION="${SPARK_SCALA_VERSION:-2.13}"
# One OpenBLAS thread per JVM task slot: its results depend on the thread count, and Spark's
# tasks already use every core. Executors get the same through spark.executorEnv.
export OPENBLAS_NUM_THREADS="${OPENBLAS_NUM_THREADS:-1}"
# PyTorch's OpenMP workers sleep rather than spin while waiting: processes sharing cores (two
# generations, executors beside other work) otherwise burn each other's CPU time.
export OMP_WAIT_POLICY="${OMP_WAIT_POLICY:-PASSIVE}"

# Spark's own module options (org.apache.spark.launcher.JavaModuleOptions) plus Gervill's export.
MUSICRFM_JAVA_OPTS="-XX:+IgnoreUnrecognizedVMOptions --add-modules=jdk.incubator.vector \
--add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/java.lang.invoke=ALL-UNNAMED \
--add-opens=java.base/java.lang.reflect=ALL-UNNAMED --add-opens=java.base/java.io=ALL-UNNAMED \
--add-opens=java.base/java.net=ALL-UNNAMED --add-opens=java.base/java.nio=ALL-UNNAMED \
--add-opens=java.base/java.util=ALL-UNNAMED --add-opens=java.base/java.util.concurrent=ALL-UNNAMED \
--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED --add-opens=java.base/jdk.internal.ref=ALL-UNNAMED \
--add-opens=java.base/sun.nio.ch=ALL-UNNAMED --add-opens=java.base/sun.nio.cs=ALL-UNNAMED \
--add-opens=java.base/sun.security.action=ALL-UNNAMED --add-opens=java.base/sun.util.calendar=ALL-UNNAMED \
-Djdk.reflect.useDirectMethodHandle=false -Dio.netty.tryReflectionSetAccessible=true \
--add-exports=java.desktop/com.sun.media.sound=ALL-UNNAMED -Djava.awt.headless=true"
export MUSICRFM_JAVA_OPTS

# Whether the dynamic linker knows libopenblas.so.0. The listing is captured first: piped into
# `grep -q`, which exits at the first match, ldconfig could die of SIGPIPE and, under pipefail,
# the pipeline would report the library missing at random.
musicrfm_has_openblas() {
  local libs
  libs="$(ldconfig -p 2>/dev/null || true)"
  grep -q 'libopenblas\.so\.0' <<<"$libs"
}

# System packages the jobs and tests need: the SoundFont SynTheory used, and native BLAS for RFM.
# With "test" as its argument also headless Chromium, which the report test renders pages in.
musicrfm_system_deps() {
  local missing=()
  [ -f /usr/share/sounds/sf2/TimGM6mb.sf2 ] || missing+=(timgm6mb-soundfont)
  musicrfm_has_openblas || missing+=(libopenblas0)
  if [ "${1:-}" = "test" ]; then
    command -v chromium >/dev/null || missing+=(chromium)
  fi
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "musicrfm: installing Debian packages: ${missing[*]}" >&2
  if [ "$(id -u)" -eq 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"
  elif command -v sudo >/dev/null; then
    sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"
  else
    echo "musicrfm: please install them: apt-get install ${missing[*]}" >&2
    return 1
  fi
}

# Builds the jars (once, and again when a source file changed).
musicrfm_build() {
  local jar="$MUSICRFM_HOME/jobs/target/musicrfm-jobs.jar"
  if [ ! -f "$jar" ] || [ -n "$(find "$MUSICRFM_HOME"/common/src/main "$MUSICRFM_HOME"/jobs/src/main "$MUSICRFM_HOME"/pom.xml "$MUSICRFM_HOME"/*/pom.xml -newer "$jar" -print -quit)" ]; then
    echo "musicrfm: building (mvn install -DskipTests) ..." >&2
    (cd "$MUSICRFM_HOME" && mvn -q -B install -DskipTests) || return 1
  fi
}
