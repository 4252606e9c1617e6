#!/usr/bin/env python3
"""make-units.py N [SEED]: a unit register (CSV for `ccas-dispatch units import`) of N units
spread over the area `ccas-bench generate-calls` puts its calls in (lat 48.8–50.3, lon 2.4–4.8)."""
import random, sys
n = int(sys.argv[1]); rng = random.Random(int(sys.argv[2]) if len(sys.argv) > 2 else 1)
types = ["VSAV"] * 5 + ["FPT"] * 4 + ["AMBU"] * 2 + ["EPA", "PS", "PS", "VLCG", "VTU"]
print("id,type,station,lat,lon,status,capabilities")
for i in range(1, n + 1):
    print(f"U-{i},{types[i % len(types)]},S{i % 40},{rng.uniform(48.8, 50.3):.5f},{rng.uniform(2.4, 4.8):.5f},AVAILABLE,")
