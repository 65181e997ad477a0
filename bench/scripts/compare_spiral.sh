#!/usr/bin/env bash
# Runs the spiral training benchmark for neuralode4j and, when PyTorch and the torchdiffeq sources
# are present, for torchdiffeq, one after the other on this machine, and prints the ratio table;
# with several seeds also the spread of the final full-trajectory L1 per implementation.
#
#   bench/scripts/compare_spiral.sh [ITERATIONS...]        (default: 200 2000)
#
# Environment: SEEDS (space-separated, default "0"); REPEATS (runs of each implementation per
# configuration, ours and theirs in turn, default 1; with more, the table gives each one's median
# time and range, since single runs on a shared machine vary by 20-35%); WARMUP (untimed iterations
# of throw-away models before each of our timed runs, `bench spiral --warmup`, default 0: whole cold
# runs; 20000 for the JIT's steady state); TORCHDIFFEQ (the unpacked torchdiffeq/ package's parent folder, default
# /tmp/torchdiffeq_src); HARNESS (torchdiffeq_spiral.py, default ../shared/bench/ next to the
# repository); PYTHON (default /usr/bin/python3).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
seeds=(${SEEDS:-0})
repeats="${REPEATS:-1}"
warmup="${WARMUP:-0}"
harness="${HARNESS:-$root/../shared/bench/torchdiffeq_spiral.py}"
python="${PYTHON:-/usr/bin/python3}"
torchdiffeq="${TORCHDIFFEQ:-/tmp/torchdiffeq_src}"
iterations=("$@")
[ ${#iterations[@]} -eq 0 ] && iterations=(200 2000)
out="$(mktemp)"
trap 'rm -f "$out"' EXIT

peer=yes
if ! [ -f "$harness" ] || ! [ -d "$torchdiffeq/torchdiffeq" ] || ! "$python" -c "import torch" 2>/dev/null; then
  peer=no
  echo "torchdiffeq: skipped (needs PyTorch, $harness and torchdiffeq sources at $torchdiffeq)" >&2
fi

for n in "${iterations[@]}"; do
  for s in "${seeds[@]}"; do
    for ((r = 1; r <= repeats; r++)); do
      for g in direct adjoint; do
        echo "neuralode4j: $n iterations, $g, seed $s, run $r/$repeats" >&2
        "$root/neuralode" bench spiral --iterations "$n" --gradient "$g" --seed "$s" --warmup "$warmup" 2>/dev/null | tail -n 1 \
          | sed "s/}\$/, \"seed\": $s}/" >> "$out"
      done
      if [ "$peer" = yes ]; then
        echo "torchdiffeq: $n iterations, seed $s, run $r/$repeats" >&2
        HARNESS="$harness" TORCHDIFFEQ="$torchdiffeq" NITERS="$n" SEEDS="$s" GRADIENTS=direct,adjoint \
          "$python" "$root/bench/scripts/torchdiffeq_seeds.py" 2>/dev/null | grep '^{' >> "$out" || true
      fi
    done
  done
done

"$python" - "$out" <<'PY'
import json, statistics, sys
rows = [json.loads(l) for l in open(sys.argv[1]) if l.strip().startswith("{")]
key = lambda r: (r["niters"], r["gradient"], r["seed"])
# repeated runs of one configuration: the first run's record (evaluations and losses do not change
# between runs) with the median time, and every run's time for the range
times = {}
for r in rows:
    times.setdefault((r["impl"],) + key(r), []).append(r["s_per_iter"])
def collect(impl):
    out = {}
    for r in rows:
        if r["impl"] == impl and key(r) not in out:
            out[key(r)] = dict(r, s_per_iter=statistics.median(times[(impl,) + key(r)]))
    return out
ours = collect("neuralode4j")
peer = collect("torchdiffeq")
runs = max(len(v) for v in times.values())
def ms(impl, k, fmt):
    ts = times.get((impl,) + k)
    if not ts:
        return "-"
    m = fmt % (1e3 * statistics.median(ts))
    return m if len(ts) == 1 else "%s (%s-%s)" % (m, fmt % (1e3 * min(ts)), fmt % (1e3 * max(ts)))
if runs > 1:
    print("median of %d runs each (range in brackets); ratio of the medians" % runs)
    print()
print("| iterations | gradient | seed | neuralode4j ms/iter | torchdiffeq ms/iter | ratio | nfe fwd (ours/peer) | nfe bwd (ours/peer) | L1 (ours/peer) |")
print("| ---: | --- | ---: | ---: | ---: | ---: | --- | --- | --- |")
for k in sorted(ours):
    o = ours[k]; p = peer.get(k)
    f = lambda r, name, fmt: (fmt % r[name]) if r and r.get(name) is not None else "-"
    ratio = "%.1fx" % (p["s_per_iter"] / o["s_per_iter"]) if p else "-"
    plain = " (plain kernel)" if o.get("kernel", "").startswith("plain") else ""
    print("| %d | %s | %d | %s | %s | %s | %s / %s | %s / %s | %s / %s |" % (k[0], k[1], k[2],
        ms("neuralode4j", k, "%.3f") + plain,
        ms("torchdiffeq", k, "%.2f") if p else "-", ratio,
        f(o, "nfe_forward", "%.1f"), f(p, "nfe_forward", "%.1f"),
        f(o, "nfe_backward", "%.1f"), f(p, "nfe_backward", "%.1f"),
        f(o, "full_trajectory_l1", "%.3f"), f(p, "full_trajectory_l1", "%.3f")))
groups = sorted({k[:2] for k in ours})
if len({k[2] for k in ours}) > 1:
    print()
    print("| iterations | gradient | seeds | L1 median (ours/peer) | L1 mean (ours/peer) | runs with L1 <= 0.16 (ours/peer) |")
    print("| ---: | --- | ---: | --- | --- | --- |")
    for g in groups:
        o = [r["full_trajectory_l1"] for k, r in ours.items() if k[:2] == g]
        p = [r["full_trajectory_l1"] for k, r in peer.items() if k[:2] == g]
        m = lambda xs, fn: "%.3f" % fn(xs) if xs else "-"
        c = lambda xs: "%d/%d" % (sum(x <= 0.16 for x in xs), len(xs)) if xs else "-"
        print("| %d | %s | %d | %s / %s | %s / %s | %s / %s |" % (g[0], g[1], len(o), m(o, statistics.median),
            m(p, statistics.median), m(o, statistics.mean), m(p, statistics.mean), c(o), c(p)))
PY
