#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Independent check of the consensus objects of `concord-cli agreement --csv FILE --objects`
(issue #17, docs/AGREEMENT.md, "Consensus objects").

1. Generates a CSV of boxes (numpy, seed 1717): 300 images, 4 labelers (some images have 1-3 of
   them), 0-5 true boxes per image, each labeler drawing a jittered copy of each true box
   (corners in either order), dropping some at their own rate, flipping some classes, adding
   extra boxes (now and then one of zero width).
   - Images 100-299 are "separated": every true box sits in its own cell of a 3 x 3 grid with 4 %
     jitter, so the copies of one true box match each other (IoU > 0.5) and nothing else, and an
     extra box has a free cell of its own. There the clusters are known from the generation: one
     per true box, made of the labelers who drew it, and one per extra box.
   - Images 0-99 are "crowded": overlapping boxes, 10 % jitter.
2. Reimplements the documented algorithm in plain Python + numpy: candidate links (different
   labelers, IoU >= t, and with --class-aware-consensus one class), strongest first, joining two
   clusters only when they share no labeler and every cross pair matches; the quorum; the
   majority class (tie: class order, i.e. first appearance in the CSV); weighted box fusion with
   numpy.average (weights: each member's mean IoU with the others).
3. Checks Concord's JSON against it to 1e-9 for several settings (t 0.5 and 0.6; quorum majority,
   2, 0.75; class-agnostic and class-aware), that every cluster is a clique of matches with one
   shape per labeler and that no two clusters could still be joined (numpy IoU matrix), and the
   known clusters of the separated images.
Usage: object_consensus.py CONCORD_CLI WORKDIR
"""
import json
import math
import subprocess
import sys
from pathlib import Path

import numpy as np

cli, work = sys.argv[1], Path(sys.argv[2])
work.mkdir(parents=True, exist_ok=True)
rng = np.random.default_rng(1717)

LABELERS = ["ann", "bo", "cy", "di"]
DROP = {"ann": 0.05, "bo": 0.15, "cy": 0.3, "di": 0.2}
CLASSES = ["scratch", "dent", "chip"]
IMAGES, CROWDED = 300, 100
FLIP, EXTRA, DEGENERATE, SWAP = 0.15, 0.2, 0.1, 0.2

rows = []  # (image, labeler, class, x1, y1, x2, y2) or (image, labeler, "", None...)
truth = {}  # separated image -> list of sets of labelers, one per true box or extra box


def jittered(box, rel):
    x1, y1, x2, y2 = box
    w, h = x2 - x1, y2 - y1
    d = rng.uniform(-rel, rel, 4) * np.array([w, h, w, h])
    out = [x1 + d[0], y1 + d[1], x2 + d[2], y2 + d[3]]
    if rng.random() < SWAP:
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
    count = 1 if u < 0.1 else 2 if u < 0.2 else 3 if u < 0.4 else 4
    who = sorted(rng.choice(LABELERS, count, replace=False), key=lambda _: rng.random())
    clusters = [set() for _ in boxes]
    extra_cell = 5
    for name in who:
        drawn = 0
        for k, box in enumerate(boxes):
            if rng.random() < DROP[name]:
                continue
            cls = classes[k]
            if rng.random() < FLIP:
                cls = (cls + int(rng.integers(1, len(CLASSES)))) % len(CLASSES)
            rows.append((image, name, CLASSES[cls], *jittered(box, 0.10 if crowded else 0.04)))
            clusters[k].add(name)
            drawn += 1
        if rng.random() < EXTRA and extra_cell < 9:
            w, h = rng.uniform(40, 120, 2)
            if crowded:
                x, y = rng.uniform(0, 160, 2)
            else:
                cx, cy = divmod(int(cells[extra_cell]), 3)
                extra_cell += 1
                x, y = cx * 300 + 100, cy * 300 + 100
            if rng.random() < DEGENERATE:
                w = 0.0
            rows.append((image, name, CLASSES[int(rng.integers(0, len(CLASSES)))], float(x), float(y),
                         float(x + w), float(y + h)))
            clusters.append({name})
            drawn += 1
        if drawn == 0:
            rows.append((image, name, "", None, None, None, None))
    if not crowded:
        truth[image] = [c for c in clusters if c]

csv = work / "consensus.csv"
with open(csv, "w") as f:
    f.write("item,labeler,label,x1,y1,x2,y2\n")
    for r in rows:
        coords = ["" if v is None else repr(v) for v in r[3:]]
        f.write(",".join([r[0], r[1], r[2], *coords]) + "\n")

# --- the reference ---------------------------------------------------------------------------------

class_order = []
for r in rows:
    if r[3] is not None and r[2] not in class_order:
        class_order.append(r[2])
images = {}  # image -> {"labelers": set, "shapes": [(labeler, index, class, drawn, ordered)]}
for r in rows:
    im = images.setdefault(r[0], {"labelers": set(), "shapes": []})
    im["labelers"].add(r[1])
    if r[3] is not None:
        index = sum(1 for s in im["shapes"] if s[0] == r[1])
        drawn = tuple(r[3:])
        box = (min(drawn[0], drawn[2]), min(drawn[1], drawn[3]), max(drawn[0], drawn[2]), max(drawn[1], drawn[3]))
        im["shapes"].append((r[1], index, r[2], drawn, box))


def iou(a, b):
    iw = max(0.0, min(a[2], b[2]) - max(a[0], b[0]))
    ih = max(0.0, min(a[3], b[3]) - max(a[1], b[1]))
    inter = iw * ih
    union = (a[2] - a[0]) * (a[3] - a[1]) + (b[2] - b[0]) * (b[3] - b[1]) - inter
    return inter / union if union > 0 else 0.0


def required(quorum, n):
    if quorum == "majority":
        return n // 2 + 1
    if "." in quorum:
        return max(1, math.ceil(float(quorum) * n - 1e-9))
    return int(quorum)


def reference(t, quorum, class_aware):
    objects, unresolved = [], []
    for image, im in images.items():
        nodes = sorted(im["shapes"], key=lambda s: (s[0], s[3], class_order.index(s[2]), s[1]))
        n = len(nodes)
        ious = np.zeros((n, n))
        match = np.zeros((n, n), dtype=bool)
        for i in range(n):
            for j in range(n):
                if i != j:
                    ious[i, j] = iou(nodes[i][4], nodes[j][4])
                    match[i, j] = (nodes[i][0] != nodes[j][0] and ious[i, j] >= t
                                   and (not class_aware or nodes[i][2] == nodes[j][2]))
        edges = sorted(((-ious[i, j], i, j) for i in range(n) for j in range(i + 1, n) if match[i, j]))
        cluster = {i: [i] for i in range(n)}
        of = list(range(n))
        for _, i, j in edges:
            a, b = of[i], of[j]
            if a == b:
                continue
            if all(match[x, y] for x in cluster[a] for y in cluster[b]):
                keep, gone = min(a, b), max(a, b)
                cluster[keep] = sorted(cluster[keep] + cluster.pop(gone))
                for y in cluster[keep]:
                    of[y] = keep
        L = len(im["labelers"])
        q = required(quorum, L)
        for members in cluster.values():
            k = len(members)
            weights = np.array([ious[m, [o for o in members if o != m]].mean() for m in members]) if k > 1 else None
            votes = {}
            for m in members:
                votes[nodes[m][2]] = votes.get(nodes[m][2], 0) + 1
            best = max(votes.values())
            cls = min((c for c, v in votes.items() if v == best), key=class_order.index)
            boxes = np.array([nodes[m][4] for m in members])
            fused = boxes[0] if k == 1 else np.average(boxes, axis=0, weights=weights)
            obj = {"item": image, "class": cls, "class_tie": sum(v == best for v in votes.values()) > 1,
                   "shape": [float(v) for v in fused], "labelers": L, "quorum": q,
                   "members": [nodes[m][0] for m in members], "shapes": [nodes[m][1] for m in members],
                   "agreement": None if k == 1 else [float(w) for w in weights],
                   "pairs": [float(ious[members[a], members[b]]) for a in range(k) for b in range(a + 1, k)],
                   "method": "single" if k == 1 else "weighted-box-fusion"}
            (objects if k >= q else unresolved).append(obj)
    order = {image: n for n, image in enumerate(images)}
    key = lambda o: (order[o["item"]], o["shape"][0], o["shape"][1], o["shape"][2], o["shape"][3], -len(o["members"]))
    return sorted(objects, key=key), sorted(unresolved, key=key), match


def concord(t, quorum, class_aware):
    args = [cli, "agreement", "--csv", str(csv), "--objects", "--json", "--list-consensus", "--resamples", "0",
            "--iou", str(t), "--quorum", quorum]
    if class_aware:
        args.append("--class-aware-consensus")
    out = subprocess.run(args, check=True, capture_output=True, text=True).stdout
    return json.loads(out)["objects"]["consensus"]


failures = []


def close(a, b):
    return a is None and b is None or (a is not None and b is not None and abs(a - b) <= 1e-9)


def compare(name, ours, theirs):
    if len(ours) != len(theirs):
        failures.append(f"{name}: {len(theirs)} objects, reference {len(ours)}")
        return
    for o, c in zip(ours, theirs):
        where = f"{name} {o['item']} {o['members']}"
        shape = [v for p in c["shape"] for v in p]
        if c["item"] != o["item"] or [m["labeler"] for m in c["members"]] != o["members"]:
            failures.append(f"{where}: Concord has {c['item']} {[m['labeler'] for m in c['members']]}")
            continue
        if [m["shape"] for m in c["members"]] != o["shapes"]:
            failures.append(f"{where}: shapes {[m['shape'] for m in c['members']]} vs {o['shapes']}")
        if not all(close(a, b) for a, b in zip(shape, o["shape"])):
            failures.append(f"{where}: box {shape} vs {o['shape']}")
        if c["class"] != o["class"] or c["class_tie"] != o["class_tie"]:
            failures.append(f"{where}: class {c['class']} vs {o['class']}")
        if c["method"] != o["method"] or c["quorum"] != o["quorum"] or c["labelers"] != o["labelers"]:
            failures.append(f"{where}: method/quorum/labelers differ")
        if not all(close(p["iou"], r) for p, r in zip(c["pairs"], o["pairs"])) or len(c["pairs"]) != len(o["pairs"]):
            failures.append(f"{where}: pair IoUs differ")
        agreement = [m["agreement"] for m in c["members"]]
        if o["agreement"] is None:
            if any(a is not None for a in agreement):
                failures.append(f"{where}: a single member has an agreement")
        elif not all(close(a, b) for a, b in zip(agreement, o["agreement"])):
            failures.append(f"{where}: weights {agreement} vs {o['agreement']}")


settings = [(0.5, "majority", False), (0.5, "2", False), (0.5, "0.75", False), (0.6, "majority", False),
            (0.5, "majority", True)]
totals = {}
for t, quorum, class_aware in settings:
    name = f"t={t} quorum={quorum}{' class-aware' if class_aware else ''}"
    ours, ours_unresolved, _ = reference(t, quorum, class_aware)
    theirs = concord(t, quorum, class_aware)
    compare(name, ours, theirs["objects"])
    compare(name + " unresolved", ours_unresolved, theirs["unresolved"])
    if theirs["consensus_objects"] != len(ours) or theirs["unresolved_objects"] != len(ours_unresolved):
        failures.append(f"{name}: counts {theirs['consensus_objects']}/{theirs['unresolved_objects']}")
    totals[name] = (len(ours), len(ours_unresolved))

    # Properties, checked on Concord's clusters with a fresh IoU matrix: one shape per labeler,
    # every two members match, and no two clusters of an image could still be joined.
    by_image = {}
    for c in theirs["objects"] + theirs["unresolved"]:
        by_image.setdefault(c["item"], []).append(c)
    for image, clusters in by_image.items():
        shapes = {(s[0], s[1]): s for s in images[image]["shapes"]}
        members = [[shapes[(m["labeler"], m["shape"])] for m in c["members"]] for c in clusters]

        def matches(x, y):
            return (x[0] != y[0] and iou(x[4], y[4]) >= t and (not class_aware or x[2] == y[2]))

        for ms in members:
            if len({m[0] for m in ms}) != len(ms) or not all(matches(x, y) for x in ms for y in ms if x is not y):
                failures.append(f"{name} {image}: a cluster that is not a clique of one shape per labeler")
        for a in range(len(members)):
            for b in range(a + 1, len(members)):
                if all(matches(x, y) for x in members[a] for y in members[b]):
                    failures.append(f"{name} {image}: two clusters could be joined")
        if sum(len(ms) for ms in members) != len(images[image]["shapes"]):
            failures.append(f"{name} {image}: not every shape is in one cluster")

# The separated images: the clusters (labeler sets) at t = 0.5 are the generation's.
theirs = concord(0.5, "majority", False)
got = {}
for c in theirs["objects"] + theirs["unresolved"]:
    got.setdefault(c["item"], []).append(frozenset(m["labeler"] for m in c["members"]))
known = 0
for image, clusters in truth.items():
    want = sorted(map(sorted, clusters))
    have = sorted(map(sorted, got.get(image, [])))
    # A zero-width extra box is its own cluster too; both sides count it once.
    if want != have:
        failures.append(f"separated {image}: clusters {have}, generated {want}")
    known += len(clusters)

for name, (n_obj, n_unres) in totals.items():
    print(f"{name}: {n_obj} consensus objects, {n_unres} unresolved")
print(f"separated images: {len(truth)} with {known} known clusters")
if failures:
    print(f"{len(failures)} FAILURES", *failures[:30], sep="\n")
    sys.exit(1)
print("consensus objects match the reference")
