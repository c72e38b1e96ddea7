#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Independent check of `concord-cli clusters --csv FILE --objects --json` (issue #17,
docs/CLUSTERS.md "Objects"): each labeler's threshold for drawing a mark, and the object band.

1. Generates a CSV of boxes (numpy, seed 1718): 300 images, labelers a, b, c on every image,
   3-6 true boxes per image, each alone in a cell of a 3 x 3 grid of 400 px cells, long side
   uniform in 12-160 px and aspect uniform in 1-3. A labeler "measures" the long side (true +
   uniform +-2 px) and draws a copy (each corner moved by up to 2 % of the side) when that
   reaches their threshold: a 20 px, b 48 px, c 80 px; 3 % of the time they slip and do the
   opposite. Copies of one true box overlap at IoU > 0.8 and boxes of different cells never
   touch, so the objects are known from the generation.
2. Recomputes, in Python + numpy + scipy: each object's fused box (weighted box fusion: corners
   averaged with weights = each member's mean IoU with the others) and its length (the longer
   side); for each labeler, over the objects another labeler drew on their images, "drew it"
   against the length; the fit of docs/CLUSTERS.md (the psychometric function with lapse 2 %,
   P = e + (1 - 2e) s(b0 + b1 x), maximising the log-likelihood plus 1/2 log det of its expected
   information, Firth's Jeffreys penalty) with scipy.optimize.minimize; the threshold -b0/b1
   and its delta-method standard error; and, as a plain cross-check, scikit-learn's
   unpenalised LogisticRegression.
3. Checks Concord's thresholds and standard errors against scipy's (1e-3 px and 1 % of the
   error), both against the planted thresholds (within 6 px, 1.5 times the measuring error plus
   jitter), scikit-learn's plain fit too (it is dragged by the slips: on this data b's lies 4.6
   standard errors from the lapse fit, which is why Concord fits with a lapse), and the band of
   length_px:
   its counts recomputed from the objects inside [lo, hi], and its p-value equal to
   scipy.stats.fisher_exact (alternative "greater") to 1e-9 relative.
Usage: object_thresholds.py CONCORD_CLI WORKDIR
"""
import json
import subprocess
import sys
from pathlib import Path

import numpy as np
from scipy import optimize, stats
from sklearn.linear_model import LogisticRegression

cli, work = sys.argv[1], Path(sys.argv[2])
work.mkdir(parents=True, exist_ok=True)
rng = np.random.default_rng(1718)

LABELERS = ["a", "b", "c"]
THRESHOLD = {"a": 20.0, "b": 48.0, "c": 80.0}
SLIP, LAPSE = 0.03, 0.02
IMAGES = 300

rows = []
objects = []  # per true box: (image, {labeler: box})
for i in range(IMAGES):
    image = f"img{i:03d}"
    cells = rng.permutation(9)[: int(rng.integers(3, 7))]
    for name in LABELERS:
        rows.append((image, name, "", None))  # labeled the image, whatever they draw
    for cell in cells:
        long_side = rng.uniform(12, 160)
        short = long_side / rng.uniform(1, 3)
        w, h = (long_side, short) if rng.random() < 0.5 else (short, long_side)
        cx, cy = divmod(int(cell), 3)
        x, y = cx * 400 + 100 + rng.uniform(0, 100), cy * 400 + 100 + rng.uniform(0, 100)
        copies = {}
        for name in LABELERS:
            measured = long_side + rng.uniform(-2, 2)
            draws = measured >= THRESHOLD[name]
            if rng.random() < SLIP:
                draws = not draws
            d = rng.uniform(-0.02, 0.02, 4) * np.array([w, h, w, h])
            box = [x + d[0], y + d[1], x + w + d[2], y + h + d[3]]
            if draws:
                copies[name] = box
                rows.append((image, name, "scratch", box))
        if copies:
            objects.append((image, copies))

csv = work / "boxes.csv"
with csv.open("w") as f:
    f.write("item,labeler,label,x1,y1,x2,y2\n")
    for image, name, label, box in rows:
        if box is None:
            f.write(f"{image},{name},,,,,\n")
        else:
            f.write(f"{image},{name},{label}," + ",".join(repr(float(v)) for v in box) + "\n")

out = subprocess.run([cli, "clusters", "--csv", str(csv), "--objects", "--json"], check=True,
                     capture_output=True, text=True)
report = json.loads(out.stdout)["objects"]


def iou(p, q):
    ix = max(0.0, min(p[2], q[2]) - max(p[0], q[0]))
    iy = max(0.0, min(p[3], q[3]) - max(p[1], q[1]))
    inter = ix * iy
    union = (p[2] - p[0]) * (p[3] - p[1]) + (q[2] - q[0]) * (q[3] - q[1]) - inter
    return inter / union


def fused_length(copies):
    boxes = list(copies.values())
    if len(boxes) == 1:
        b = boxes[0]
    else:
        for p in boxes:
            for q in boxes:
                assert p is q or iou(p, q) > 0.8, "copies of one box must overlap"
        weights = [np.mean([iou(p, q) for q in boxes if q is not p]) for p in boxes]
        b = np.average(np.array(boxes), axis=0, weights=weights)
    return max(b[2] - b[0], b[3] - b[1])


lengths = [fused_length(copies) for _, copies in objects]
failures = []


def check(ok, what):
    if not ok:
        failures.append(what)


def penalised(beta, x, y, eps):
    """Minus the Jeffreys-penalised log-likelihood of the lapse model, and its information."""
    s = 1.0 / (1.0 + np.exp(-(beta[0] + beta[1] * x)))
    p = eps + (1 - 2 * eps) * s
    dp = (1 - 2 * eps) * s * (1 - s)
    w = dp * dp / (p * (1 - p))
    X = np.column_stack([np.ones_like(x), x])
    info = X.T @ (w[:, None] * X)
    ll = np.sum(np.where(y == 1, np.log(p), np.log(1 - p)))
    return -(ll + 0.5 * np.log(np.linalg.det(info))), info


def reference_fit(x, y):
    # Work on standardised x (the estimate is equivariant), start from the plain logistic one.
    m, sd = x.mean(), x.std()
    z = (x - m) / sd
    start = LogisticRegression(penalty=None).fit(z[:, None], y)
    beta0 = np.array([start.intercept_[0], start.coef_[0, 0]])
    best = optimize.minimize(lambda b: penalised(b, z, y, LAPSE)[0], beta0, method="Nelder-Mead",
                             options={"xatol": 1e-10, "fatol": 1e-12, "maxiter": 20000})
    c0, c1 = best.x
    _, info = penalised(best.x, z, y, LAPSE)
    cov = np.linalg.inv(info)
    g = np.array([-1 / c1, c0 / c1 ** 2])
    return m + sd * (-c0 / c1), sd * np.sqrt(g @ cov @ g), m + sd * (-beta0[0] / beta0[1])


fits = {t["attribute"]: t for t in report["labeler_thresholds"] if t["class"] == "scratch"}
check("length_px" in fits, "a threshold fit on length_px")
concord = {e["labeler"]: e for e in fits.get("length_px", {}).get("labelers", [])}
for name in LABELERS:
    x, y = [], []
    for (image, copies), length in zip(objects, lengths):
        drew = name in copies
        if len(copies) - drew >= 1:
            x.append(length)
            y.append(1 if drew else 0)
    x, y = np.array(x), np.array(y)
    e = concord.get(name, {})
    check(e.get("n") == len(x), f"{name}: n {e.get('n')} vs {len(x)}")
    if name == "a":
        # a draws nearly everything the others drew: the fit may or may not cross inside the data.
        continue
    t, se, plain = reference_fit(x, y)
    check("threshold" in e, f"{name}: fitted ({e.get('note')})")
    if "threshold" not in e:
        continue
    check(abs(e["threshold"] - t) <= 1e-3, f"{name}: threshold {e['threshold']} vs scipy {t}")
    check(abs(e["stderr"] - se) <= 0.01 * se, f"{name}: stderr {e['stderr']} vs scipy {se}")
    check(abs(t - THRESHOLD[name]) <= 6.0, f"{name}: threshold {t} vs planted {THRESHOLD[name]}")
    # The plain fit (no lapse, no penalty) is dragged by the slips, so it is only a sanity check
    # that both read the same data: near the planted threshold, not equal to the lapse fit.
    check(abs(plain - THRESHOLD[name]) <= 6.0, f"{name}: plain ML (scikit-learn) {plain} vs planted")
    print(f"{name}: concord {e['threshold']:.4f} +- {e['stderr']:.4f}, scipy {t:.4f} +- {se:.4f}, "
          f"scikit-learn plain {plain:.4f}, planted {THRESHOLD[name]}")

bands = [b for b in report["bands"] if b["class"] == "scratch" and b["attribute"] == "length_px"]
check(len(bands) == 1, "one band of scratch length_px")
if bands:
    b = bands[0]
    inside = [(image, copies) for (image, copies), length in zip(objects, lengths) if b["lo"] <= length <= b["hi"]]
    disputed = sum(1 for _, copies in inside if len(copies) < 3)
    total_disputed = sum(1 for _, copies in objects if len(copies) < 3)
    check(b["members"] == len(inside), f"band members {b['members']} vs {len(inside)}")
    check(b["disputed"] == disputed, f"band disputed {b['disputed']} vs {disputed}")
    check(b["objects"] == len(objects), f"objects {b['objects']} vs {len(objects)}")
    check(b["disputed_outside"] == total_disputed - disputed, "disputed outside")
    table = [[disputed, len(inside) - disputed],
             [total_disputed - disputed, len(objects) - len(inside) - (total_disputed - disputed)]]
    p = stats.fisher_exact(table, alternative="greater")[1]
    check(abs(b["p_value"] - p) <= 1e-9 * p + 1e-300, f"p {b['p_value']} vs scipy {p}")
    check(b["end"] == "low", f"band at the {b['end']} end")
    check(b["hi"] < THRESHOLD["c"] + 10, f"band ends at {b['hi']}, c starts drawing at {THRESHOLD['c']}")
    print(f"band: {b['description']} (p {b['p_value']:.3g}, scipy {p:.3g}); rule {b['suggested_rule']}")

if failures:
    print("\n".join("FAIL " + f for f in failures))
    sys.exit(1)
print("object thresholds and band match scipy / scikit-learn")
