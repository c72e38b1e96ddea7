#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Independent check of `concord-cli agreement --csv FILE --objects` (issue #17, docs/AGREEMENT.md,
"Agreement on objects").

1. Generates a CSV of boxes with known perturbations (numpy, seed 17): 300 images, 3 labelers,
   0-5 true boxes per image. Each labeler draws a jittered copy of each true box (corners in
   either order), drops some (each labeler at their own rate), gives some the wrong class, adds
   extra boxes and now and then a zero-width one; some images have one or two labelers only, and a
   labeler with no box on an image writes a row with empty corners.
   - Images 100-299 are "separated": every true box sits in its own cell of a 3 x 3 grid, the
     jitter (at most 4 % of the box's size per coordinate) keeps two copies of a box above IoU
     0.5 and copies of different boxes apart, and each labeler's extra box has a free cell of its
     own. There the matches at IoU 0.5 are known from the generation alone.
   - Images 0-99 are "crowded": overlapping boxes and 10 % jitter, where matching is a real
     assignment problem.
2. Computes every figure independently: the one-to-one matching of each image pair with
   scipy.optimize.linear_sum_assignment (maximum total IoU among pairs with IoU >= t), the class
   kappa of the class-agnostic matching with sklearn.metrics.cohen_kappa_score on the pairs
   counted in both orders, and the pooled sums with plain Python.
3. Compares with Concord's JSON to 1e-9 (t = 0.5 and t = 0.6), checks the known answers on the
   separated images (reference and Concord), and that the bootstrap interval holds F1@0.5.
Usage: object_agreement.py CONCORD_CLI WORKDIR
"""
import itertools
import json
import subprocess
import sys
from pathlib import Path

import numpy as np
from scipy.optimize import linear_sum_assignment
from sklearn.metrics import cohen_kappa_score

cli, work = sys.argv[1], Path(sys.argv[2])
work.mkdir(parents=True, exist_ok=True)
rng = np.random.default_rng(17)

LABELERS = ["ann", "bo", "cy"]
DROP = {"ann": 0.05, "bo": 0.15, "cy": 0.3}
CLASSES = ["scratch", "dent", "chip"]
IMAGES, CROWDED = 300, 100
FLIP, EXTRA, DEGENERATE, SWAP = 0.1, 0.2, 0.1, 0.2

rows = []  # (image, labeler, class, x1, y1, x2, y2) or (image, labeler, "", None...)
truth = {}  # separated image -> {labeler: {true box index: class}}, and its extra boxes


def jittered(box, rel):
    x1, y1, x2, y2 = box
    w, h = x2 - x1, y2 - y1
    d = rng.uniform(-rel, rel, 4) * np.array([w, h, w, h])
    out = [x1 + d[0], y1 + d[1], x2 + d[2], y2 + d[3]]
    if rng.random() < SWAP:  # corners given the other way round
        out = [out[2], out[3], out[0], out[1]]
    return [float(v) for v in out]


for i in range(IMAGES):
    image = f"img{i:03d}"
    crowded = i < CROWDED
    n_true = int(rng.integers(0, 6))
    cells = list(rng.permutation(9))
    boxes, classes = [], []
    for k in range(n_true):
        w, h = rng.uniform(40, 120, 2)
        if crowded:
            x, y = rng.uniform(0, 160, 2)
        else:
            cx, cy = divmod(int(cells[k]), 3)
            x, y = cx * 300 + 100 + rng.uniform(-20, 20), cy * 300 + 100 + rng.uniform(-20, 20)
        boxes.append((float(x), float(y), float(x + w), float(y + h)))
        classes.append(int(rng.integers(0, len(CLASSES))))
    u = rng.random()
    who = list(rng.choice(LABELERS, 1 if u < 0.1 else 2 if u < 0.25 else 3, replace=False))
    kept = {}
    for n, name in enumerate(who):
        drawn = 0
        kept[name] = {}
        for k, box in enumerate(boxes):
            if rng.random() < DROP[name]:
                continue
            cls = classes[k]
            if rng.random() < FLIP:
                cls = (cls + int(rng.integers(1, len(CLASSES)))) % len(CLASSES)
            rows.append((image, name, CLASSES[cls], *jittered(box, 0.10 if crowded else 0.04)))
            kept[name][k] = cls
            drawn += 1
        if rng.random() < EXTRA:
            w, h = rng.uniform(40, 120, 2)
            if crowded:
                x, y = rng.uniform(0, 160, 2)
            else:  # a free cell of this labeler's own: it can match nothing
                cx, cy = divmod(int(cells[5 + LABELERS.index(name)]), 3)
                x, y = cx * 300 + 100, cy * 300 + 100
            if rng.random() < DEGENERATE:
                w = 0.0  # zero area: IoU 0 with everything
            rows.append((image, name, CLASSES[int(rng.integers(0, len(CLASSES)))], float(x), float(y),
                         float(x + w), float(y + h)))
            drawn += 1
        if drawn == 0:
            rows.append((image, name, "" if rng.random() < 0.5 else "ok", None, None, None, None))
    if not crowded:
        truth[image] = kept


def write_csv(path, keep):
    with open(path, "w") as f:
        f.write("item,labeler,label,x1,y1,x2,y2\n")
        for r in rows:
            if keep(r[0]):
                coords = ["" if v is None else repr(v) for v in r[3:]]
                f.write(",".join([r[0], r[1], r[2], *coords]) + "\n")


csv_all, csv_separated = work / "objects.csv", work / "objects_separated.csv"
write_csv(csv_all, lambda image: True)
write_csv(csv_separated, lambda image: image in truth)

# --- the reference ---------------------------------------------------------------------------------


def ordered(b):
    return (min(b[0], b[2]), min(b[1], b[3]), max(b[0], b[2]), max(b[1], b[3]))


def iou(a, b):
    iw = max(0.0, min(a[2], b[2]) - max(a[0], b[0]))
    ih = max(0.0, min(a[3], b[3]) - max(a[1], b[1]))
    inter = iw * ih
    union = (a[2] - a[0]) * (a[3] - a[1]) + (b[2] - b[0]) * (b[3] - b[1]) - inter
    return inter / union if union > 0 else 0.0


def match(A, B, t, class_aware):
    """Pairs (i, j, iou) of maximum total IoU among pairs with IoU >= t (scipy)."""
    if not A or not B:
        return []
    m = np.array([[iou(a[1], b[1]) for b in B] for a in A])
    ok = m >= t
    if class_aware:
        ok &= np.array([[a[0] == b[0] for b in B] for a in A])
    r, c = linear_sum_assignment(np.where(ok, m, 0.0), maximize=True)
    return [(i, j, m[i, j]) for i, j in zip(r, c) if ok[i, j]]


def reference(keep, t):
    drawings = {}  # image -> labeler -> [(class, box)]
    for image, name, cls, *coords in rows:
        if not keep(image):
            continue
        shapes = drawings.setdefault(image, {}).setdefault(name, [])
        if coords[0] is not None:
            shapes.append((cls, ordered(coords)))
    per = {n: dict(images=0, shapes=0, compared=0, matched=0, misses=0, extras=0) for n in LABELERS}
    sums = dict(pairs=0, shapes=0, m50=0, m75=0, mt=0, iou=0.0, iou_n=0, compared=0)
    pairs_a, pairs_b = [], []
    for image, by in drawings.items():
        for name, shapes in by.items():
            per[name]["images"] += 1
            per[name]["shapes"] += len(shapes)
        if len(by) >= 2:
            sums["compared"] += 1
        for a, b in itertools.combinations(sorted(by, key=LABELERS.index), 2):
            A, B = by[a], by[b]
            mt = match(A, B, t, True)
            sums["pairs"] += 1
            sums["shapes"] += len(A) + len(B)
            sums["m50"] += len(match(A, B, 0.5, True))
            sums["m75"] += len(match(A, B, 0.75, True))
            sums["mt"] += len(mt)
            sums["iou"] += sum(x[2] for x in mt)
            sums["iou_n"] += len(mt)
            for me, mine, theirs in ((a, A, B), (b, B, A)):
                per[me]["compared"] += len(mine)
                per[me]["matched"] += len(mt)
                per[me]["misses"] += len(theirs) - len(mt)
                per[me]["extras"] += len(mine) - len(mt)
            for i, j, _ in match(A, B, t, False):
                pairs_a.append(A[i][0])
                pairs_b.append(B[j][0])
    f = lambda m: 2 * m / sums["shapes"]
    return dict(
        images=len(drawings), compared_images=sums["compared"], image_pairs=sums["pairs"],
        paired_shapes=sums["shapes"], matches_iou50=sums["m50"], matches_iou75=sums["m75"], matches=sums["mt"],
        f1_iou50=f(sums["m50"]), f1_iou75=f(sums["m75"]), f1=f(sums["mt"]),
        mean_matched_iou=sums["iou"] / sums["iou_n"], iou_matches=sums["iou_n"], class_pairs=len(pairs_a),
        class_agreement=float(np.mean(np.array(pairs_a) == np.array(pairs_b))),
        class_kappa=float(cohen_kappa_score(pairs_a + pairs_b, pairs_b + pairs_a)),
        per_labeler={n: dict(p, matched_share=p["matched"] / p["compared"]) for n, p in per.items()})


def concord(csv, t):
    out = subprocess.run([cli, "agreement", "--csv", str(csv), "--objects", "--json", "--iou", str(t)],
                         check=True, capture_output=True, text=True).stdout
    return json.loads(out)["objects"]


failures = []


def compare(what, got, want):
    for key, value in want.items():
        if key == "per_labeler":
            labelers = {p["labeler"]: p for p in got["per_labeler"]}
            for name, figures in value.items():
                compare(f"{what} {name}", labelers[name], figures)
        elif isinstance(value, float):
            if got[key] is None or abs(got[key] - value) > 1e-9:
                failures.append(f"{what}: {key} is {got[key]}, the reference says {value}")
        elif got[key] != value:
            failures.append(f"{what}: {key} is {got[key]}, the reference says {value}")


everything = lambda image: True
for t in (0.5, 0.6):
    got = concord(csv_all, t)
    want = reference(everything, t)
    compare(f"all images, t = {t}", got, want)
    print(f"t = {t}: F1@0.5 {want['f1_iou50']:.6f}, F1@0.75 {want['f1_iou75']:.6f}, F1@t {want['f1']:.6f}, "
          f"mean IoU {want['mean_matched_iou']:.6f}, class kappa {want['class_kappa']:.6f}, "
          f"{want['image_pairs']} image pairs; Concord {got['f1_iou50']:.6f} {got['f1_iou75']:.6f} "
          f"{got['f1']:.6f} {got['mean_matched_iou']:.6f} {got['class_kappa']:.6f}")
    if t == 0.5:
        lo, hi = got["f1_iou50_ci95"]
        if not (lo <= got["f1_iou50"] <= hi) or got["bootstrap"]["resamples"] != 1000:
            failures.append(f"the interval [{lo}, {hi}] does not hold F1@0.5 {got['f1_iou50']}")
        print(f"95 % interval of F1@0.5: [{lo:.4f}, {hi:.4f}]")

# Known answers on the separated images: a pair of labelers matches exactly the true boxes both
# kept with the same class, and without classes every true box both kept.
same = agnostic = drawn = 0
for image, kept in truth.items():
    counts = {name: sum(1 for r in rows if r[0] == image and r[1] == name and r[3] is not None) for name in kept}
    for a, b in itertools.combinations(kept, 2):
        both = kept[a].keys() & kept[b].keys()
        same += sum(1 for k in both if kept[a][k] == kept[b][k])
        agnostic += len(both)
        drawn += counts[a] + counts[b]
known = dict(matches_iou50=same, class_pairs=agnostic, paired_shapes=drawn, f1_iou50=2 * same / drawn)
compare("separated images, the reference against the truth", reference(lambda image: image in truth, 0.5), known)
compare("separated images, Concord against the truth", concord(csv_separated, 0.5), known)
print(f"separated images: {same} matches known from the generation, F1@0.5 {2 * same / drawn:.6f}")

if failures:
    print("\n".join(failures), file=sys.stderr)
    sys.exit(1)
print("object agreement matches scipy's linear_sum_assignment and the known answers")
