#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Independent reference for bench_objects (issue #17): object agreement on a CSV of boxes,
written from docs/AGREEMENT.md ("Agreement on objects") rather than from the C++ code. For every
image and every two labelers who both labeled it, the boxes are matched one to one by maximum
total IoU among same-class pairs with IoU >= t (scipy.optimize.linear_sum_assignment on a numpy
IoU matrix); F1@t = 2 * matches / sum(|A| + |B|) pooled over the image-pairs, and the mean IoU
of the pairs matched at 0.5.

Usage: /usr/bin/python3 reference_objects.py BOXES.csv
BOXES.csv: item,labeler,label,x1,y1,x2,y2 (a row with empty corners: labeled, drew nothing).
Prints one JSON object on its last line, with the time from reading the file to the figures.
Debian packages: python3-numpy, python3-scipy.
"""
import csv
import itertools
import json
import sys
import time

import numpy as np
from scipy.optimize import linear_sum_assignment


def iou_matrix(a, b):
    """IoU of every box of a (n x 4, ordered corners) with every box of b (m x 4)."""
    iw = np.clip(np.minimum(a[:, None, 2], b[None, :, 2]) - np.maximum(a[:, None, 0], b[None, :, 0]), 0, None)
    ih = np.clip(np.minimum(a[:, None, 3], b[None, :, 3]) - np.maximum(a[:, None, 1], b[None, :, 1]), 0, None)
    inter = iw * ih
    area_a = (a[:, 2] - a[:, 0]) * (a[:, 3] - a[:, 1])
    area_b = (b[:, 2] - b[:, 0]) * (b[:, 3] - b[:, 1])
    union = area_a[:, None] + area_b[None, :] - inter
    return np.where(union > 0, inter / np.where(union > 0, union, 1), 0.0)


def matched(m, same_class, t):
    """IoUs of the pairs of maximum total IoU among same-class pairs with IoU >= t."""
    ok = (m >= t) & same_class
    if not ok.any():
        return np.empty(0)
    r, c = linear_sum_assignment(np.where(ok, m, 0.0), maximize=True)
    keep = ok[r, c]
    return m[r[keep], c[keep]]


def main():
    start = time.perf_counter()
    drawings = {}  # item -> labeler -> ([class], [[x1, y1, x2, y2]])
    with open(sys.argv[1], newline="") as f:
        reader = csv.reader(f)
        header = next(reader)
        col = {name: header.index(name) for name in ("item", "labeler", "label", "x1", "y1", "x2", "y2")}
        for row in reader:
            classes, boxes = drawings.setdefault(row[col["item"]], {}).setdefault(row[col["labeler"]], ([], []))
            if row[col["x1"]] == "":
                continue
            x1, y1, x2, y2 = (float(row[col[k]]) for k in ("x1", "y1", "x2", "y2"))
            classes.append(row[col["label"]])
            boxes.append((min(x1, x2), min(y1, y2), max(x1, x2), max(y1, y2)))
    shapes = m50 = m75 = 0
    iou_sum = 0.0
    for by in drawings.values():
        arrays = {n: (np.array(c), np.array(b, dtype=float).reshape(-1, 4)) for n, (c, b) in by.items()}
        for a, b in itertools.combinations(sorted(arrays), 2):
            (ca, ba), (cb, bb) = arrays[a], arrays[b]
            shapes += len(ba) + len(bb)
            if len(ba) == 0 or len(bb) == 0:
                continue
            m = iou_matrix(ba, bb)
            same = ca[:, None] == cb[None, :]
            at50 = matched(m, same, 0.5)
            m50 += len(at50)
            iou_sum += float(at50.sum())
            m75 += len(matched(m, same, 0.75))
    elapsed = time.perf_counter() - start
    print(json.dumps(dict(agreement_s=elapsed, images=len(drawings), paired_shapes=shapes,
                          matches_iou50=m50, matches_iou75=m75, f1_iou50=2 * m50 / shapes,
                          f1_iou75=2 * m75 / shapes, mean_matched_iou=iou_sum / m50)))


if __name__ == "__main__":
    main()
