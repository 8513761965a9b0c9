#!/usr/bin/env bash
# The re-run scenarios of docs/resume.md, typed as a new user types them (./musicrfm syntheory /
# extract / train / model init, the tiny model, chords 100 → 200 nested subsets), each checked
# against a clean run into an empty folder (row digests, row and clip counts, duplicate keys, WAV
# bytes) or against the expected refusal. Prints one PASS/FAIL line per check; exits 1 on a FAIL.
#   bench/resume-scenarios.sh [work-dir] [small] [large]   (default: W=/tmp/musicrfm-resume, 100 and 200 clips)
set -uo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$here/../submit/env.sh"
work="${1:-/tmp/musicrfm-resume}"
small="${2:-100}"
large="${3:-200}"
cd "$MUSICRFM_HOME"
rm -rf "$work" && mkdir -p "$work/clean"
w="$work"
cp="$MUSICRFM_HOME/jobs/target/musicrfm-jobs.jar:$MUSICRFM_HOME/jobs/target/spark-home/jars/*"
fails=0
t_start=$(date +%s)
echo "# resume scenarios ($small → $large chords clips), $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"

mr() { # ./musicrfm with logging; sets rc, out (stdout+stderr)
  local t0=$(date +%s)
  out=$(./musicrfm "$@" 2>&1); rc=$?
  echo "\$ musicrfm $*" | sed "s|$w/|W/|g"
  echo "  rc=$rc ($(( $(date +%s) - t0 )) s): $(echo "$out" | grep -v '^\[' | grep -v WARN | tail -1 | cut -c1-220 | sed "s|$w/|W/|g")"
}
table() { java -cp "$cp" "$here/resume/TableCheck.java" "$@" 2>/dev/null | tail -1; }
field() { echo "$1" | tr ' ' '\n' | grep "^$2=" | cut -d= -f2-; }
wavs() { (cd "$1/audio" && find . -name '*.wav' | sort | xargs sha256sum | sha256sum | cut -c1-16); }
nwavs() { find "$1/audio" -name '*.wav' | wc -l; }
check() { # name expected actual
  if [ -z "$3" ]; then echo "FAIL $1: nothing to compare (a table could not be read)"; fails=$((fails + 1));
  elif [ "$2" = "$3" ]; then echo "PASS $1 ($3)"; else echo "FAIL $1: expected $2, got $3"; fails=$((fails + 1)); fi
}
killed() { # seconds then ./musicrfm args...: kill -9 midway
  local s=$1; shift
  ./musicrfm "$@" >/dev/null 2>&1 & local pid=$!
  sleep "$s"; kill -9 "$pid" 2>/dev/null && echo "\$ musicrfm $* — kill -9 after ${s}s" | sed "s|$w/|W/|g"
  wait "$pid" 2>/dev/null
}
leftovers() { find "$1" -name '.*' \( -name '*.tmp' -o -name '*.part' -o -name '*staging-*' -o -name '*.old-*' \) | wc -l; }

echo; echo "## models"
mr model init --size tiny --out "$w/tiny"
mr model init --size tiny --seed 1 --out "$w/tiny1"

echo; echo "## clean runs (each into an empty folder)"
t=$(date +%s); mr syntheory --concepts chords --subset-size $large --out "$w/clean/G"; t_syn=$(( $(date +%s) - t ))
t=$(date +%s); mr extract --dataset "$w/clean/G/metadata" --model "$w/tiny" --out "$w/clean/A"; t_extract=$(( $(date +%s) - t ))
mr extract --dataset "$w/clean/G/metadata" --model "$w/tiny1" --out "$w/clean/A1"
mr extract --dataset "$w/clean/G/metadata" --model "$w/tiny" --pooling max --out "$w/clean/P"
t=$(date +%s); mr extract --dataset "$w/clean/G/metadata" --model "$w/tiny" --per-frame --out "$w/clean/K"; t_frames=$(( $(date +%s) - t ))
mr syntheory --concepts chords,time_signatures --subset-size 40 --seed 1 --out "$w/clean/S"
mr syntheory --concepts chords --subset-size 20 --original-format --out "$w/clean/F"
cp -r "$w/clean/A" "$w/clean/A4" # train records the activation folder's name; the resumed run reads W/A4
t=$(date +%s); mr train --activations "$w/clean/A4" --concept chords --trials 4 --iters 3 --out "$w/clean/T"; t_train=$(( $(date +%s) - t ))
cleanA=$(table "$w/clean/A/activations")
echo "clean activations: $cleanA"
layers=$(ls "$w/clean/A/activations/concept=chords" | wc -l)

echo; echo "## 1. nested subsets $small → $large (default batch size, and --batch-size 4)"
mkdir -p "$w/G"
mr syntheory --concepts chords --subset-size $small --out "$w/G"
mr extract --dataset "$w/G/metadata" --model "$w/tiny" --out "$w/A"
mr extract --dataset "$w/G/metadata" --model "$w/tiny" --out "$w/A4" --batch-size 4
mr syntheory --concepts chords --subset-size $large --out "$w/G"
mr extract --dataset "$w/G/metadata" --model "$w/tiny" --out "$w/A"
mr extract --dataset "$w/G/metadata" --model "$w/tiny" --out "$w/A4" --batch-size 4
check "metadata equals a clean run's" "$(field "$(table "$w/clean/G/metadata")" digest)" "$(field "$(table "$w/G/metadata")" digest)"
check "WAV bytes equal a clean run's" "$(wavs "$w/clean/G")" "$(wavs "$w/G")"
check "no orphan WAVs" "$large" "$(nwavs "$w/G")"
for a in A A4; do
  r=$(table "$w/$a/activations")
  check "$a: clips" "$large" "$(field "$r" clips)"
  check "$a: rows = clips × $layers layers" $((large * layers)) "$(field "$r" rows)"
  check "$a: no duplicate (clip, layer, pooling)" "$(field "$r" rows)" "$(field "$r" distinct_keys)"
  check "$a: rows equal a clean run's" "$(field "$cleanA" digest)" "$(field "$r" digest)"
done

echo; echo "## 2. another checkpoint of the same architecture (model init --size tiny --seed 1)"
before=$(table "$w/A/activations")
mr extract --dataset "$w/G/metadata" --model "$w/tiny1" --out "$w/A"
check "refused" 1 "$([ "$rc" -ne 0 ] && echo "$out" | grep -q 'model_fingerprint=' && echo 1 || echo 0)"
check "folder untouched" "$(field "$before" digest)" "$(field "$(table "$w/A/activations")" digest)"
mr extract --dataset "$w/G/metadata" --model "$w/tiny1" --out "$w/A" --overwrite
fp1=$(grep -o '"fingerprint": *"[^"]*"' "$w/clean/A1/model.json" | head -1)
check "--overwrite: rows equal a clean run with seed 1" "$(field "$(table "$w/clean/A1/activations")" digest)" \
  "$(field "$(table "$w/A/activations")" digest)"
check "--overwrite: model.json fingerprint" "$fp1" "$(grep -o '"fingerprint": *"[^"]*"' "$w/A/model.json" | head -1)"

echo; echo "## 3. --pooling max on a finished mean,last folder"
mr extract --dataset "$w/G/metadata" --model "$w/tiny" --pooling mean,last --out "$w/P"
mr extract --dataset "$w/G/metadata" --model "$w/tiny" --pooling max --out "$w/P"
r=$(table "$w/P/activations")
check "only max rows" "[max]" "$(field "$r" poolings)"
check "rows equal a clean max run's" "$(field "$(table "$w/clean/P/activations")" digest)" "$(field "$r" digest)"
check "_COMPLETE.json poolings" '["max"]' "$(tr -d ' \n' < "$w/P/_COMPLETE.json" | grep -o '"poolings":\[[^]]*\]' | cut -d: -f2)"

echo; echo "## 4. syntheory --seed 1 into a --seed 0 folder; --original-format into a 32 kHz folder"
mr syntheory --concepts chords,time_signatures --subset-size 40 --seed 0 --out "$w/S"
mr syntheory --concepts chords,time_signatures --subset-size 40 --seed 1 --out "$w/S"
check "seed 1: metadata equals a clean run's" "$(field "$(table "$w/clean/S/metadata")" digest)" "$(field "$(table "$w/S/metadata")" digest)"
check "seed 1: WAV bytes equal a clean run's" "$(wavs "$w/clean/S")" "$(wavs "$w/S")"
check "seed 1: no orphan WAVs" "$(nwavs "$w/clean/S")" "$(nwavs "$w/S")"
mr syntheory --concepts chords --subset-size 20 --out "$w/F"
mr syntheory --concepts chords --subset-size 20 --original-format --out "$w/F"
check "original format refused, naming sample_rate" 1 "$([ "$rc" -ne 0 ] && echo "$out" | grep -q 'sample_rate=44100' && echo 1 || echo 0)"
mr syntheory --concepts chords --subset-size 20 --original-format --out "$w/F" --overwrite
check "--overwrite: WAV bytes equal a clean run's" "$(wavs "$w/clean/F")" "$(wavs "$w/F")"
check "--overwrite: metadata equals a clean run's" "$(field "$(table "$w/clean/F/metadata")" digest)" "$(field "$(table "$w/F/metadata")" digest)"

echo; echo "## 5. kill -9 midway, then the same command again"
killed $((t_frames / 2)) extract --dataset "$w/G/metadata" --model "$w/tiny" --per-frame --out "$w/K"
echo "  leftovers after the kill: $(leftovers "$w/K")"
mr extract --dataset "$w/G/metadata" --model "$w/tiny" --per-frame --out "$w/K"
check "extract: no leftovers" 0 "$(leftovers "$w/K")"
check "extract: rows equal a clean run's" "$(field "$(table "$w/clean/K/activations")" digest)" "$(field "$(table "$w/K/activations")" digest)"
check "extract: frames equal a clean run's" "$(field "$(table "$w/clean/K/frames")" digest)" "$(field "$(table "$w/K/frames")" digest)"
mkdir -p "$w/KS"
killed $((t_syn / 2)) syntheory --concepts chords --subset-size $large --out "$w/KS/G"
mr syntheory --concepts chords --subset-size $large --out "$w/KS/G"
check "syntheory: no leftovers" 0 "$(leftovers "$w/KS/G")"
check "syntheory: metadata equals a clean run's" "$(field "$(table "$w/clean/G/metadata")" digest)" "$(field "$(table "$w/KS/G/metadata")" digest)"
check "syntheory: WAV bytes equal a clean run's" "$(wavs "$w/clean/G")" "$(wavs "$w/KS/G")"
killed $((t_train / 2)) train --activations "$w/A4" --concept chords --trials 4 --iters 3 --out "$w/T"
echo "  units finished before the kill: $(ls "$w/T/_units" 2>/dev/null | grep -c '\.done$')"
mr train --activations "$w/A4" --concept chords --trials 4 --iters 3 --out "$w/T"
check "train: no leftovers" 0 "$(leftovers "$w/T")"
for t in results splits; do
  check "train: $t equal a clean run's" "$(field "$(table "$w/clean/T/$t")" digest)" "$(field "$(table "$w/T/$t")" digest)"
done
check "train: trials equal a clean run's (timings aside)" "$(field "$(table "$w/clean/T/trials" seconds)" digest)" \
  "$(field "$(table "$w/T/trials" seconds)" digest)"
check "train: pack bytes equal a clean run's" "$(sha256sum < "$w/clean/T/chords.pack.safetensors")" "$(sha256sum < "$w/T/chords.pack.safetensors")"
check "train: probe bytes equal a clean run's" "$(cat "$w/clean/T"/probes/* | sha256sum)" "$(cat "$w/T"/probes/* | sha256sum)"

echo; echo "$fails failed checks; $(( $(date +%s) - t_start )) s; load average $(cut -d' ' -f1-3 /proc/loadavg)"
[ "$fails" -eq 0 ]
