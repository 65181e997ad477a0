#!/usr/bin/env bash
# Runs the spiral training benchmark for neuralode4j and, when PyTorch and the torchdiffeq sources
# are present, for torchdiffeq, one after the other on this machine, and prints the ratio table.
#
#   bench/scripts/compare_spiral.sh [ITERATIONS...]        (default: 200 2000)
#
# Environment: SEED (default 0); TORCHDIFFEQ (the unpacked torchdiffeq/ package's parent folder,
# default /tmp/torchdiffeq_src); HARNESS (torchdiffeq_spiral.py, default ../shared/bench/ next to
# the repository); PYTHON (default /usr/bin/python3).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
seed="${SEED:-0}"
harness="${HARNESS:-$root/../shared/bench/torchdiffeq_spiral.py}"
python="${PYTHON:-/usr/bin/python3}"
iterations=("$@")
[ ${#iterations[@]} -eq 0 ] && iterations=(200 2000)
out="$(mktemp)"
trap 'rm -f "$out"' EXIT

for n in "${iterations[@]}"; do
  for g in direct adjoint; do
    echo "neuralode4j: $n iterations, $g" >&2
    "$root/neuralode" bench spiral --iterations "$n" --gradient "$g" --seed "$seed" 2>/dev/null | tail -n 1 >> "$out"
  done
  if [ -f "$harness" ] && [ -d "${TORCHDIFFEQ:-/tmp/torchdiffeq_src}/torchdiffeq" ] && "$python" -c "import torch" 2>/dev/null; then
    echo "torchdiffeq: $n iterations" >&2
    NITERS="$n" CONFIGS=float64:direct,float64:adjoint "$python" "$harness" 2>/dev/null | grep '^{' >> "$out" || true
  else
    echo "torchdiffeq: skipped (needs PyTorch, $harness and torchdiffeq sources at \${TORCHDIFFEQ:-/tmp/torchdiffeq_src})" >&2
  fi
done

"$python" - "$out" <<'PY'
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1]) if l.strip().startswith("{")]
key = lambda r: (r["niters"], r["gradient"])
ours = {key(r): r for r in rows if r["impl"] == "neuralode4j"}
peer = {key(r): r for r in rows if r["impl"] == "torchdiffeq"}
print("| iterations | gradient | neuralode4j ms/iter | torchdiffeq ms/iter | ratio | nfe fwd (ours/peer) | nfe bwd (ours/peer) | L1 (ours/peer) |")
print("| ---: | --- | ---: | ---: | ---: | --- | --- | --- |")
for k in sorted(ours):
    o = ours[k]; p = peer.get(k)
    f = lambda r, name, fmt: (fmt % r[name]) if r and r.get(name) is not None else "-"
    ratio = "%.1fx" % (p["s_per_iter"] / o["s_per_iter"]) if p else "-"
    print("| %d | %s | %s | %s | %s | %s / %s | %s / %s | %s / %s |" % (k[0], k[1],
        "%.3f" % (1e3 * o["s_per_iter"]),
        "%.2f" % (1e3 * p["s_per_iter"]) if p else "-", ratio,
        f(o, "nfe_forward", "%.1f"), f(p, "nfe_forward", "%.1f"),
        f(o, "nfe_backward", "%.1f"), f(p, "nfe_backward", "%.1f"),
        f(o, "full_trajectory_l1", "%.3f"), f(p, "full_trajectory_l1", "%.3f")))
PY
