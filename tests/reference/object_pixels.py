#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Independent reference for tst_objectstats::matchesNumpy() (issue #17,
core/clusters/objectstats.h): an object's brightness and contrast written again with numpy
only, by brute force: ray casting per pixel centre for the polygon, the distance of every pixel
centre to the segment for the line band, and the ring from the distances of every pixel to
every pixel under the shape. Run by hand (python3 + numpy, Debian 12); its output is pasted
into the test:

  triangle r=9 brightness=120.7260726073 contrast=-13.6896950276 pixels=606 ring=1205
  line r=3 brightness=174.5403508772 contrast=44.9002409871 pixels=285 ring=364
"""
import numpy as np
W, H = 64, 56
ys, xs = np.mgrid[0:H, 0:W]
img = ((xs * 7 + ys * 13 + (xs * ys) % 17) % 256).astype(np.float64)
cx, cy = xs + 0.5, ys + 0.5

def inside_poly(pts):
    inside = np.zeros((H, W), bool)
    n = len(pts)
    for k in range(n):
        (ax, ay), (bx, by) = pts[k], pts[(k + 1) % n]
        crosses = (ay > cy) != (by > cy)
        with np.errstate(divide='ignore', invalid='ignore'):
            xint = ax + (cy - ay) * (bx - ax) / (by - ay)
        inside ^= crosses & (cx < xint)
    return inside

def near_segment(a, b, r):
    ax, ay = a; bx, by = b
    dx, dy = bx - ax, by - ay
    t = np.clip(((cx - ax) * dx + (cy - ay) * dy) / (dx * dx + dy * dy), 0, 1)
    return np.hypot(cx - (ax + t * dx), cy - (ay + t * dy)) <= r

def stats(mask, r):
    my, mx = np.nonzero(mask)
    d2 = np.full((H, W), np.inf)
    for y, x in zip(my, mx):
        d2 = np.minimum(d2, (ys - y) ** 2 + (xs - x) ** 2)
    ring = (~mask) & (d2 <= r * r)
    b = img[mask].mean()
    return b, b - img[ring].mean(), mask.sum(), ring.sum()

tri = [(12.3, 8.7), (47.9, 15.2), (20.4, 44.1)]
bx = [p[0] for p in tri]; by = [p[1] for p in tri]
shorter = min(max(bx) - min(bx), max(by) - min(by))
r = max(3, int(np.floor(0.25 * shorter + 0.5)))
print("triangle r=%d brightness=%.10f contrast=%.10f pixels=%d ring=%d" % ((r,) + stats(inside_poly(tri), r)))
print("line r=3 brightness=%.10f contrast=%.10f pixels=%d ring=%d" % stats(near_segment((5.5, 50.2), (55.1, 30.3), 2.5), 3))
