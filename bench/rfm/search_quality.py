#!/usr/bin/env python3
"""Summarizes SearchBenchmark quality TSVs (one row per concept, feature set, schedule, target):
per schedule how many targets meet the bar (selected validation and test score within 0.005 of the
exhaustive search of the same draws), how many select the same fit, and the flop ratio; then the
per-target rows of one schedule.

usage: search_quality.py [--ref NAME] SCHEDULE FILE.tsv [FILE.tsv ...]
  --ref NAME  what the reference search is called in the tables (default: exhaustive; the
              larger-validation runs use full, train --search full)
"""
import csv
import sys
from collections import OrderedDict

BAR = 0.005


def rows(paths):
    out = []
    for p in paths:
        with open(p) as f:
            out += list(csv.DictReader(f, delimiter="\t"))
    return out


def main():
    args = sys.argv[1:]
    ref = "exhaustive"
    if args[0] == "--ref":
        ref, args = args[1], args[2:]
    chosen, paths = args[0], args[1:]
    data = rows(paths)
    by = OrderedDict()
    for r in data:
        by.setdefault(r["schedule"], []).append(r)
    groups = OrderedDict()
    for r in data:
        groups.setdefault((r["concept"], r["schedule"]), []).append(r)
    for (concept, s), rs in groups.items():
        by.setdefault(concept + " " + s, rs)
    print("| schedule | targets | within 0.005 (val and test) | same fit | same trial | val within 0.005 "
          f"| worst val gap | test gap mean (range) | flops {ref} | flops fast | ratio | wall s {ref} | wall s fast |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|---|")
    for s, rs in by.items():
        ok = sum(abs(float(r["val_gap"])) <= BAR and abs(float(r["test_gap"])) <= BAR for r in rs)
        same = sum(r["ref_trial"] == r["fast_trial"] and r["ref_iter"] == r["fast_iter"] for r in rs)
        same_trial = sum(r["ref_trial"] == r["fast_trial"] for r in rs)
        walls = {(r["concept"], r["features"]): (float(r["ref_wall"]), float(r["fast_wall"])) for r in rs}
        rw = sum(w[0] for w in walls.values())
        fw = sum(w[1] for w in walls.values())
        vok = sum(abs(float(r["val_gap"])) <= BAR for r in rs)
        tg = [float(r["test_gap"]) for r in rs]
        rf = sum(int(r["ref_flops"]) for r in rs)
        ff = sum(int(r["fast_flops"]) for r in rs)
        print(f"| {s} | {len(rs)} | {ok} | {same} | {same_trial} | {vok} | {max(float(r['val_gap']) for r in rs):.4f} "
              f"| {sum(tg) / len(tg):+.4f} ({min(tg):+.3f} … {max(tg):+.3f}) | {rf:.3g} | {ff:.3g} | {rf / ff:.1f}× "
              f"| {rw:.0f} | {fw:.0f} |")
    print()
    print(f"Per target, schedule {chosen} (gaps: {ref} minus fast, + = fast worse; ✓ = within 0.005 on both):")
    print()
    print(f"| concept | features | target | metric | {ref} trial/iter | val | test | fast trial/iter/stop rung "
          "| val | test | val gap | test gap | meets |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|---|")
    for r in by.get(chosen, []):
        ok = abs(float(r["val_gap"])) <= BAR and abs(float(r["test_gap"])) <= BAR
        print(f"| {r['concept']} | {r['features']} | {r['target']} | {r['metric']} | {r['ref_trial']}/{r['ref_iter']} "
              f"| {float(r['ref_val']):.4f} | {float(r['ref_test']):.4f} | {r['fast_trial']}/{r['fast_iter']}/"
              f"{r['fast_rung']} | {float(r['fast_val']):.4f} | {float(r['fast_test']):.4f} "
              f"| {float(r['val_gap']):+.4f} | {float(r['test_gap']):+.4f} | {'✓' if ok else '✗'} |")


if __name__ == "__main__":
    main()
