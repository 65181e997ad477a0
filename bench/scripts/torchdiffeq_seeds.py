"""Runs the shared torchdiffeq spiral harness for several seeds.

The harness (../shared/bench/torchdiffeq_spiral.py) seeds every run with 0 and runs the configurations
named in CONFIGS when executed. This driver loads the harness's definitions (everything before its
configuration loop), then calls its run(dtype, adjoint, seed) once per seed and gradient, printing the
harness's JSON line with one extra key, "seed".

    HARNESS=.../torchdiffeq_spiral.py NITERS=2000 SEEDS=0,1,2 GRADIENTS=direct,adjoint python3 torchdiffeq_seeds.py
"""
import json
import os

harness = os.environ["HARNESS"]
source = open(harness).read()
marker = "configs = os.environ"
if marker not in source:
    raise SystemExit("torchdiffeq_seeds.py: %s has no line starting with '%s'; update this driver" % (harness, marker))
namespace = {"__file__": harness, "__name__": "torchdiffeq_spiral"}
exec(compile(source.split(marker)[0], harness, "exec"), namespace)
torch = namespace["torch"]
for seed in [int(s) for s in os.environ.get("SEEDS", "0").split(",")]:
    for gradient in os.environ.get("GRADIENTS", "direct,adjoint").split(","):
        result = namespace["run"](torch.float64, gradient == "adjoint", seed)
        result["seed"] = seed
        print(json.dumps(result), flush=True)
