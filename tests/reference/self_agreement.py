#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Independent check of `concord-cli agreement --self` (issue #20, docs/CONSISTENCY.md).

1. Generates a demo whose simulated labelers answer repeats with a known inconsistency q
   (demo.truth.json), 30 % of each queue shown again.
2. Reads the pairs (first label, repeat answer) straight from the project file with Python's
   sqlite3 (read-only), and computes each labeler's self-agreement and Cohen's kappa with
   scikit-learn's cohen_kappa_score, and the line repeatability with numpy.
3. Compares them with Concord's JSON (to 1e-9), and checks that the figures recover the
   simulated truth: self-agreement within 3.5 standard errors of 1 - q, the mean absolute
   difference of two measurements within 3.5 standard errors of 2a/3 (a = 0.1 mm).
Usage: self_agreement.py CONCORD_CLI WORKDIR
"""
import json
import math
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import numpy as np
from sklearn.metrics import cohen_kappa_score

cli, work = sys.argv[1], Path(sys.argv[2])
work.mkdir(parents=True, exist_ok=True)
project = work / "self.concord"
for p in work.glob("self*"):  # a previous run's project, truth file and image folder
    if p.is_dir():
        shutil.rmtree(p)
    else:
        p.unlink()
subprocess.run([cli, "demo", str(project), "--images", "600", "--repeat-share", "0.3", "--seed", "7"],
               check=True, stdout=subprocess.DEVNULL)
out = subprocess.run([cli, "agreement", str(project), "--self", "--json", "--resamples", "0"],
                     check=True, capture_output=True, text=True).stdout
concord = {l["labeler"]: l for l in json.loads(out)["labelers"]}
truth = json.loads((work / "self.truth.json").read_text())

db = sqlite3.connect(f"file:{project}?mode=ro", uri=True)
rows = db.execute("""
    SELECT lb.name, l.class, c.answer, l.id, c.id
    FROM check_item c JOIN labeler lb ON lb.id = c.labeler
    JOIN label l ON l.image = c.image AND l.labeler = c.labeler
    WHERE c.kind = 'repeat' AND c.answer IS NOT NULL AND l.source != 'standard'
    ORDER BY c.id""").fetchall()


def longest(table, column, key):
    r = db.execute(f"SELECT max(length_mm) FROM {table} WHERE {column} = ? AND kind = 'line'", (key,)).fetchone()
    return r[0]


failures = []
pairs, diffs = {}, []
for name, first, second, label_id, item_id in rows:
    pairs.setdefault(name, []).append((first, second))
    a, b = longest("annotation", "label", label_id), longest("check_annotation", "item", item_id)
    if a is not None and b is not None:
        diffs.append((name, b - a))

for spec in truth["labelers"]:
    name, q = spec["name"], spec["inconsistency"]
    got = concord[name]["self"]
    first = [p[0] for p in pairs[name]]
    second = [p[1] for p in pairs[name]]
    n = len(first)
    agreement = float(np.mean(np.array(first) == np.array(second)))
    kappa = float(cohen_kappa_score(first, second))
    if got["pairs"] != n:
        failures.append(f"{name}: {got['pairs']} pairs, the file has {n}")
    if abs(got["agreement"] - agreement) > 1e-9:
        failures.append(f"{name}: agreement {got['agreement']} vs {agreement}")
    if abs(got["kappa"] - kappa) > 1e-9:
        failures.append(f"{name}: kappa {got['kappa']} vs sklearn {kappa}")
    se = math.sqrt(q * (1 - q) / n)
    if abs(agreement - (1 - q)) > 3.5 * se:
        failures.append(f"{name}: self-agreement {agreement:.3f} is not within 3.5 SE ({se:.3f}) of {1 - q}")
    d = np.array([x for who, x in diffs if who == name])
    m = concord[name]["measurement"]
    if m["pairs"] != len(d) or abs(m["mean_abs_diff_mm"] - float(np.mean(np.abs(d)))) > 1e-9:
        failures.append(f"{name}: measurement {m} vs numpy {len(d)} pairs, {np.mean(np.abs(d))}")
    if len(d) > 1 and abs(m["sd_diff_mm"] - float(np.std(d, ddof=1))) > 1e-9:
        failures.append(f"{name}: sd {m['sd_diff_mm']} vs numpy {np.std(d, ddof=1)}")
    print(f"{name}: q={q} n={n} self={agreement:.3f} kappa={kappa:.3f} (Concord {got['kappa']:.6f}), "
          f"measured pairs {len(d)}")

# |U1 - U2| of two errors uniform on ±a: mean 2a/3, variance 2a²/3 - (2a/3)² = 2a²/9.
a = 0.1
alld = np.abs(np.array([x for _, x in diffs]))
expected = truth["repeat_measurement_mean_abs_diff_mm"]
se = math.sqrt(2 * a * a / 9 / len(alld))
if abs(expected - 2 * a / 3) > 1e-12 or abs(float(np.mean(alld)) - expected) > 3.5 * se:
    failures.append(f"mean |difference| {np.mean(alld):.4f} mm not within 3.5 SE ({se:.4f}) of {expected:.4f}")
print(f"all labelers: {len(alld)} measurement pairs, mean |difference| {np.mean(alld):.4f} mm (truth {expected:.4f})")

if failures:
    print("\n".join(failures), file=sys.stderr)
    sys.exit(1)
