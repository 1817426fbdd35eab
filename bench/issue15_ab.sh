#!/usr/bin/env bash
# Issue 15's performance check in one run: each benchmark on the commit before the issue (eabbb18, checked out
# as a git worktree) and on this checkout, back to back, on the same quiet machine, the same peers in each.
#
#   git worktree add /tmp/old eabbb18
#   bench/issue15_ab.sh /tmp/old OUT_DIR [CHECKPOINT]     # CHECKPOINT: a speedrun's pretrain/final (MTP, agreement)
#   STEPS="grpo train" bench/issue15_ab.sh /tmp/old OUT_DIR   # some of them
#
# Each run's full output goes to OUT_DIR/<bench>.<old|new>.log; the summary lines are printed as they come.
set -euo pipefail
OLD=${1:?the old checkout}; OUT=${2:?an output directory}; CKPT=${3:-}
NEW=$(cd "$(dirname "$0")/.." && pwd)
PY=${PYTHON:-$NEW/.venv/bin/python}
mkdir -p "$OUT"
lscpu | grep -E 'Model name|^CPU\(s\)' | tee "$OUT/machine.txt"

run() {  # run NAME SIDE ARGS...: the side's bench script with the side's package first on the path
  local name=$1 side=$2; shift 2
  local root=$NEW; [ "$side" = old ] && root=$OLD
  echo "== $name ($side) $(date -u +%H:%M:%S)"
  (cd "$root" && PYTHONPATH="$root" timeout 1800 "$PY" "$@") > "$OUT/$name.$side.log" 2>&1 || echo "   (exit $?)"
  grep -E 'x of|ratio|tokens/s|tok/s|speed|x transformers|x TRL|acceptance|agree' "$OUT/$name.$side.log" | tail -25 || true
}

both() { local name=$1; shift; for side in old new; do run "$name" $side "$@"; done; }
STEPS=${STEPS:-decode_fp32 serve_32 grpo grpo_compiled train decode_eager decode_ckpt agreement}  # a subset: STEPS="grpo train"
for step in $STEPS; do
  case $step in
    decode_fp32) both decode_fp32 bench/decode_throughput.py --dtypes fp32 --repeats 3 ;;
    decode_eager) both decode_eager bench/decode_throughput.py --dtypes fp32,bf16 --no-compile --repeats 3 ;;
    serve_32) both serve_32 bench/serve_throughput.py --streams 32 ;;
    train) both train bench/train_throughput.py --dtype fp32 ;;
    grpo) both grpo bench/grpo_throughput.py ;;
    grpo_compiled) both grpo_compiled bench/grpo_throughput.py --compile ;;
    decode_ckpt) [ -n "$CKPT" ] && both decode_ckpt bench/decode_throughput.py --model "$CKPT" --dtypes fp32 --repeats 3 \
                   --no-llama ;;
    agreement) [ -n "$CKPT" ] && run agreement new bench/batch_agreement.py --model "$CKPT" ;;
  esac
done
