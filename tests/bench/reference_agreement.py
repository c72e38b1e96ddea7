#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Independent reference for bench_agreement: the same figures on the same data, computed with
numpy, statsmodels (Fleiss' kappa) and scikit-learn (Cohen's kappa), written from the textbook
formulas rather than from the C++ code (coincidence matrix for Krippendorff's alpha, a dense
item x labeler matrix for pairwise agreement, a dense tensor for Dawid-Skene).

Usage: /usr/bin/python3 reference_agreement.py RATINGS.csv CLASSES
RATINGS.csv has the header item,labeler,label with dense integer indices and at most one
label per (item, labeler). Prints one JSON object on its last line.
Debian packages: python3-numpy, python3-statsmodels, python3-sklearn.
"""
import json
import sys
import time

import numpy as np
from sklearn.metrics import cohen_kappa_score
from statsmodels.stats.inter_rater import fleiss_kappa


def coincidence(counts):
    """Krippendorff's coincidence matrix o_ck over pairable units (m_u >= 2)."""
    m = counts.sum(axis=1)
    pairable = m >= 2
    c = counts[pairable]
    w = 1.0 / (m[pairable] - 1.0)
    o = np.einsum("u,uc,uk->ck", w, c, c)
    o -= np.diag((c * w[:, None]).sum(axis=0))
    return o


def alpha(counts, level, values):
    o = coincidence(counts)
    n_c = o.sum(axis=1)
    n = n_c.sum()
    k = len(n_c)
    delta = np.zeros((k, k))
    for c in range(k):
        for d in range(k):
            if level == "nominal":
                delta[c, d] = 0.0 if c == d else 1.0
            elif level == "interval":
                delta[c, d] = (values[c] - values[d]) ** 2
            else:  # ordinal
                lo, hi = min(c, d), max(c, d)
                delta[c, d] = (n_c[lo:hi + 1].sum() - (n_c[c] + n_c[d]) / 2.0) ** 2
    observed = (o * delta).sum()
    expected = (np.outer(n_c, n_c) * delta).sum()
    return 1.0 - (n - 1.0) * observed / expected


def gwet_ac1(counts):
    m = counts.sum(axis=1)
    k = counts.shape[1]
    pairable = m >= 2
    pa = (counts[pairable] * (counts[pairable] - 1)).sum(axis=1) / (m[pairable] * (m[pairable] - 1))
    pi = (counts[m >= 1] / m[m >= 1, None]).mean(axis=0)
    pe = (pi * (1 - pi)).sum() / (k - 1)
    return (pa.mean() - pe) / (1 - pe)


def dawid_skene(labels, k, iterations):
    """labels: items x labelers, -1 = missing. Vote-share start, class priors, no smoothing."""
    n_items, n_labelers = labels.shape
    onehot = np.zeros((n_items, n_labelers, k))
    present = labels >= 0
    ii, aa = np.nonzero(present)
    onehot[ii, aa, labels[ii, aa]] = 1.0
    votes = onehot.sum(axis=1)
    t = votes / votes.sum(axis=1, keepdims=True)
    ll = None
    for _ in range(iterations):
        priors = t.mean(axis=0)
        pi = np.einsum("ik,ial->akl", t, onehot)
        rows = pi.sum(axis=2, keepdims=True)
        pi = np.where(rows > 0, pi / np.where(rows > 0, rows, 1.0), 1.0 / k)
        log_pi = np.log(np.maximum(pi, 1e-300))
        log_t = np.log(priors)[None, :] + np.einsum("ial,akl->ik", onehot, log_pi)
        top = log_t.max(axis=1, keepdims=True)
        e = np.exp(log_t - top)
        s = e.sum(axis=1, keepdims=True)
        t = e / s
        ll = float((top[:, 0] + np.log(s[:, 0])).sum())
    return priors, ll


def main():
    path, k = sys.argv[1], int(sys.argv[2])
    t0 = time.perf_counter()
    data = np.loadtxt(path, delimiter=",", skiprows=1, dtype=np.int64)
    load = time.perf_counter() - t0
    item, labeler, label = data[:, 0], data[:, 1], data[:, 2]
    times = {}
    values = {}
    start = time.perf_counter()

    t0 = time.perf_counter()
    n_items, n_labelers = int(item.max()) + 1, int(labeler.max()) + 1
    labels = np.full((n_items, n_labelers), -1, dtype=np.int64)
    labels[item, labeler] = label
    counts = np.bincount(item * k + label, minlength=n_items * k).reshape(n_items, k).astype(float)
    times["matrices"] = time.perf_counter() - t0

    t0 = time.perf_counter()
    agree = 0
    shared = 0
    for a in range(n_labelers):
        for b in range(a + 1, n_labelers):
            both = (labels[:, a] >= 0) & (labels[:, b] >= 0)
            shared += int(both.sum())
            agree += int((both & (labels[:, a] == labels[:, b])).sum())
    values["percent_agreement"] = agree / shared
    times["percent_agreement"] = time.perf_counter() - t0

    t0 = time.perf_counter()
    values["fleiss_kappa"] = float(fleiss_kappa(counts, method="fleiss"))
    m = counts.sum(axis=1)
    values["fleiss_per_class"] = [
        float(fleiss_kappa(np.column_stack([counts[:, j], m - counts[:, j]]), method="fleiss"))
        for j in range(k)]
    times["fleiss_kappa"] = time.perf_counter() - t0

    t0 = time.perf_counter()
    class_values = np.arange(k, dtype=float)
    for level in ("nominal", "ordinal", "interval"):
        values["alpha_" + level] = float(alpha(counts, level, class_values))
    times["krippendorff_alpha_3_levels"] = time.perf_counter() - t0

    t0 = time.perf_counter()
    values["gwet_ac1"] = float(gwet_ac1(counts))
    times["gwet_ac1"] = time.perf_counter() - t0

    t0 = time.perf_counter()
    kappas = []
    for a in range(n_labelers):
        for b in range(a + 1, n_labelers):
            both = (labels[:, a] >= 0) & (labels[:, b] >= 0)
            kappas.append(float(cohen_kappa_score(labels[both, a], labels[both, b],
                                                  labels=list(range(k)))))
    values["cohen_kappa_pairs"] = kappas
    times["pairwise"] = time.perf_counter() - t0

    t0 = time.perf_counter()
    top = counts.max(axis=1, keepdims=True)
    values["majority_ties"] = int(((counts == top).sum(axis=1) > 1).sum())
    times["majority_vote"] = time.perf_counter() - t0

    t0 = time.perf_counter()
    values["alpha_nominal_per_class"] = [
        float(alpha(np.column_stack([counts[:, j], m - counts[:, j]]), "nominal", None))
        for j in range(k)]
    times["per_class"] = time.perf_counter() - t0

    t0 = time.perf_counter()
    priors, ll = dawid_skene(labels, k, 50)
    values["ds_priors"] = [float(p) for p in priors]
    values["ds_log_likelihood"] = ll
    times["dawid_skene_50"] = time.perf_counter() - t0

    total = time.perf_counter() - start
    print(json.dumps({"values": values, "times_s": times, "all_metrics_s": total, "load_s": load}))


if __name__ == "__main__":
    main()
