#!/usr/bin/env bash
# Two generations at once on the same cores: does each keep its share, or do PyTorch's threads
# spin against each other? For each round and setting, one generation alone, then two together;
# settings interleaved: A = OpenMP's default wait policy (spinning), B = OMP_WAIT_POLICY=PASSIVE
# (what submit/env.sh sets). Both use the CPUs the process may run on as PyTorch threads.
#   bench/concurrent-generation.sh [rounds=3] [seconds=2] [report=docs/benchmarks-threads.md]
# Needs a build (jobs/target/musicrfm-jobs.jar and jobs/target/spark-home); no network.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../submit/env.sh"
cd "$MUSICRFM_HOME"
rounds="${1:-3}"; seconds="${2:-2}"; report="${3:-docs/benchmarks-threads.md}"
jar="jobs/target/musicrfm-jobs.jar"
[ -f "$jar" ] && [ -d jobs/target/spark-home/jars ] || mvn -q -B -o package -pl jobs -am -DskipTests
cp="$jar:jobs/target/spark-home/jars/*"
work="$(mktemp -d)"; trap 'rm -rf "$work"' EXIT

# A decoder half as deep as musicgen-small's (1024 wide, 12 blocks, 16 heads) on the tiny text
# encoder and codec: the per-step work of a real model, loaded in seconds.
model="target/bench-models/half-small"
if [ ! -f "$model/model.safetensors" ]; then
  mkdir -p target/bench-models
  python3 - "$work/config.json" <<'PY'
import json, sys
c = json.load(open("common/src/main/resources/org/musicrfm/model/io/musicgen-tiny-config.json"))
c["decoder"].update(hidden_size=1024, num_hidden_layers=12, num_attention_heads=16, ffn_dim=4096,
                    max_position_embeddings=2048)
json.dump(c, open(sys.argv[1], "w"), indent=1)
PY
  # shellcheck disable=SC2086
  java -Xmx3g $MUSICRFM_JAVA_OPTS -cp "$cp" org.musicrfm.jobs.cli.Main model init --config "$work/config.json" --out "$model" >/dev/null
fi

# one generation: prints "steps/s cpu_seconds wall_seconds"
generate() { # policy seed out
  local policy="$1" seed="$2" out="$3" t envargs
  if [ -n "$policy" ]; then envargs=("OMP_WAIT_POLICY=$policy"); else envargs=(-u OMP_WAIT_POLICY); fi
  TIMEFORMAT='%R %U %S'
  # shellcheck disable=SC2086
  t=$( { time env "${envargs[@]}" \
      java -Xmx3g $MUSICRFM_JAVA_OPTS -Dlog4j2.configurationFile=conf/log4j2.properties -cp "$cp" \
      org.musicrfm.jobs.cli.Main generate --model "$model" --prompt "calm piano $seed" --seconds "$seconds" \
      --seed "$seed" --out "$out.wav" >/dev/null 2>"$out.err"; } 2>&1 )
  python3 -c 'import json,sys; m=json.load(open(sys.argv[1])); r,u,s=map(float,sys.argv[2].split()); print("%.3f %.1f %.1f %d" % (m["steps_per_second"], u+s, r, m["model"]["threads"]))' "$out.json" "$t"
}

rows=()
for ((r = 1; r <= rounds; r++)); do
  for setting in A B; do
    policy=""; [ "$setting" = B ] && policy=PASSIVE
    solo=$(generate "$policy" 1 "$work/solo")
    generate "$policy" 2 "$work/p1" > "$work/p1.out" & p1=$!
    generate "$policy" 3 "$work/p2" > "$work/p2.out" & p2=$!
    wait $p1 $p2
    rows+=("$r $setting $solo $(cat "$work/p1.out") $(cat "$work/p2.out") $(cut -d' ' -f1-3 /proc/loadavg)")
    echo "round $r $setting: solo $solo | pair $(cat "$work/p1.out") / $(cat "$work/p2.out")" >&2
  done
done

python3 - "$report" "$rounds" "$seconds" "$(nproc)" "$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)" "${rows[@]}" <<'PY'
import sys, statistics, datetime
report, rounds, seconds, cores, cpu = sys.argv[1:6]
rows = [r.split() for r in sys.argv[6:]]
lines = ["# Benchmark: two concurrent generations on shared cores", "",
         f"Machine: {cores} cores ({cpu}); {datetime.datetime.utcnow():%Y-%m-%d %H:%M} UTC. Produced by "
         f"`bench/concurrent-generation.sh {rounds} {seconds}`: a random checkpoint with musicgen-small's decoder "
         "width and half its depth (1024 wide, 12 blocks; tiny T5 and EnCodec), classifier-free guidance, "
         f"KV cache, top-k 250, {seconds} s of audio per generation. Each round runs one generation alone, then two "
         "at once, for A (OpenMP's default wait policy: idle workers spin) and B (`OMP_WAIT_POLICY=PASSIVE`, "
         "set by `submit/env.sh`), interleaved. PyTorch threads: the CPUs the process may use (`--threads` "
         "default), read back from the sidecar. Ratio = a concurrent generation's steps/s over the solo run "
         "of the same round (ideal on 2 cores: 0.5; required: >= 0.4). Load average: /proc/loadavg after "
         "the round (other work on the machine counts).", "",
         "| round | setting | threads | solo steps/s | pair steps/s (1 / 2) | ratio (1 / 2) | CPU s solo / pair | load 1 5 15 |",
         "|---|---|---|---|---|---|---|---|"]
ratios = {"A": [], "B": []}
for r in rows:
    rnd, setting = r[0], r[1]
    s, scpu, swall, th = float(r[2]), float(r[3]), float(r[4]), r[5]
    a, acpu = float(r[6]), float(r[7])
    b, bcpu = float(r[10]), float(r[11])
    load = " ".join(r[14:17])
    ra, rb = a / s, b / s
    ratios[setting] += [ra, rb]
    lines.append(f"| {rnd} | {setting} | {th} | {s:.2f} | {a:.2f} / {b:.2f} | {ra:.2f} / {rb:.2f} | "
                 f"{scpu:.1f} / {acpu:.1f}, {bcpu:.1f} | {load} |")
lines += ["", "| setting | ratios: median (min–max) over every concurrent run |", "|---|---|"]
for k, v in ratios.items():
    if v:
        lines.append(f"| {k} | {statistics.median(v):.2f} ({min(v):.2f}–{max(v):.2f}) |")
open(report, "w").write("\n".join(lines) + "\n")
print("\n".join(lines))
PY
