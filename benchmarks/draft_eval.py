"""Score `industry-atlas draft` against the shipped hand-encoded plans.

    python benchmarks/draft_eval.py                       # the five documents in ../shared/sources
    python benchmarks/draft_eval.py DOC PLAN.yaml [--region R] [--date D]   # any document + plan
    python benchmarks/draft_eval.py --json                # the scores as JSON (--corpus: test
                                                          # half as totals only)
    python benchmarks/draft_eval.py --corpus              # tests/corpus: dev and test halves
    python benchmarks/draft_eval.py --corpus --misses     # and what each dev document misses

Each shipped plan (layers/*.yaml) names its document in ``sources[].file``; the document's
date comes from the catalogue table of ``sources/README.md`` when its text states none.
Scores are precision and recall over (place, element) memberships, (element or place,
industry) assignments and indicators (year, value in base units, kind), matched by
meaning (see :mod:`geo.drafting.evaluate`). Targets: recall >= 0.9 and precision >= 0.8
on memberships and assignments, recall >= 0.8 on indicators.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCES = ROOT.parent / "shared" / "sources"
PARTS = ("memberships", "assignments", "indicators")
TARGETS = {"memberships": (0.8, 0.9), "assignments": (0.8, 0.9), "indicators": (None, 0.8)}


def catalogue_dates(folder: Path) -> dict[str, str]:
    """file name -> date, from the table of the sources README (its catalogue)."""
    readme = folder / "README.md"
    if not readme.is_file():
        return {}
    dates = {}
    for line in readme.read_text("utf-8").splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) >= 3 and re.fullmatch(r"\d{4}(-\d{2}-\d{2})?", cells[2]):
            dates[cells[0]] = cells[2]
    return dates


def seed_cases(folder: Path = SOURCES) -> list[tuple[Path, Path, str]]:
    """(document, expected plan, date) for every shipped plan whose document is in ``folder``."""
    import yaml

    dates = catalogue_dates(folder)
    cases = []
    for plan in sorted((ROOT / "layers").glob("*.yaml")):
        data = yaml.safe_load(plan.read_text("utf-8"))
        for source in data.get("sources", []):
            doc = folder / str(source.get("file", ""))
            if source.get("file") and doc.is_file():
                cases.append((doc, plan, dates.get(doc.name, "")))
    return sorted(cases)


def evaluate(doc: Path, plan: Path, region=None, date: str = "") -> dict:
    """Draft ``doc`` and score it against ``plan``; the region is inferred unless given."""
    import geo
    from geo.drafting.evaluate import score

    expected = geo.load_plan(plan)
    start = time.perf_counter()
    drafted = geo.draft(doc, region=region, date=date)
    seconds = time.perf_counter() - start
    result = score(drafted.plan, expected)
    result.update(document=doc.name, plan=expected.id, seconds=round(seconds, 3),
                  region=drafted.plan.region, region_ok=drafted.plan.region == expected.region)
    return result


def table(results: list[dict]) -> str:
    """A Markdown table: P / R per part, per document, and the micro-averaged total."""
    from geo.drafting.evaluate import total

    head = "| document | plan | region | " + " | ".join(f"{p} P / R (tp/found/expected)"
                                                     for p in PARTS)
    lines = [head + " |", "|" + "---|" * (3 + len(PARTS))]

    def cells(r):
        return " | ".join(f"{r[p]['precision']:.2f} / {r[p]['recall']:.2f} "
                          f"({r[p]['tp']}/{r[p]['found']}/{r[p]['expected']})" for p in PARTS)

    for r in results:
        region = r["region"] + ("" if r["region_ok"] else " (expected another)")
        lines.append(f"| {r['document']} | {r['plan']} | {region} | {cells(r)} |")
    if len(results) > 1:
        lines.append(f"| **all** | | | {cells(total(results))} |")
    return "\n".join(lines)


CORPUS = ROOT / "tests" / "corpus"
CORPUS_TARGETS = {"memberships": (0.75, 0.8), "hosts": (None, 0.75), "industries": (None, 0.8),
                  "indicators": (None, 0.8)}


def corpus_cases(folder: Path = CORPUS) -> list[dict]:
    """The corpus documents (one YAML each: excerpt, region, date, split, key)."""
    import yaml

    return [yaml.safe_load(p.read_text("utf-8")) for p in sorted(folder.glob("*.yaml"))]


def evaluate_corpus(case: dict) -> dict:
    """Draft one corpus excerpt (its region given) and score it against its key.

    A document the draft refuses counts as finding nothing; ``error`` says why.
    """
    import geo
    from geo.drafting.corpus import PARTS as KEY_PARTS
    from geo.drafting.corpus import designations_as_places, invented, key_facts, score_key

    start = time.perf_counter()
    try:
        drafted = geo.draft(case["excerpt"], region=case["region"], date=str(case["date"]))
    except geo.drafting.DocumentError as exc:
        expected = key_facts(case["key"])
        result = {p: {"tp": 0, "found": 0, "expected": len(expected[p]), "precision": 1.0,
                      "recall": 0.0 if expected[p] else 1.0} for p in KEY_PARTS}
        result.update(error=str(exc), invented=[], designations_as_places=[])
    else:
        result = score_key(drafted, case["key"])
        result["invented"] = invented(drafted)
        result["designations_as_places"] = designations_as_places(drafted, case["key"])
    result.update(document=case["id"], split=case["split"],
                  designations=len(case["key"].get("designations", [])),
                  seconds=round(time.perf_counter() - start, 3),
                  characters=len(case["excerpt"]))
    return result


def corpus_report(results: list[dict]) -> str:
    """Per-half micro-averaged P / R per part, invented facts, designations drafted as
    places (the key's titles the draft lists as places; 0 is the goal), and the targets."""
    from geo.drafting.corpus import PARTS as KEY_PARTS

    head = "| half | documents | " + " | ".join(f"{p} P / R (tp/found/expected)"
                                                 for p in KEY_PARTS) + \
        " | invented facts | designations as places |"
    lines = [head, "|" + "---|" * (4 + len(KEY_PARTS))]
    for half in ("dev", "test"):
        rows = [r for r in results if r["split"] == half]
        cells = []
        for p in KEY_PARTS:
            tp, found, exp = (sum(r[p][k] for r in rows) for k in ("tp", "found", "expected"))
            prec = tp / found if found else 1.0
            rec = tp / exp if exp else 1.0
            cells.append(f"{prec:.2f} / {rec:.2f} ({tp}/{found}/{exp})")
        lines.append(f"| {half} | {len(rows)} | " + " | ".join(cells) +
                     f" | {sum(len(r['invented']) for r in rows)} | "
                     f"{sum(len(r['designations_as_places']) for r in rows)} of "
                     f"{sum(r['designations'] for r in rows)} |")
    test = [r for r in results if r["split"] == "test"]
    for p, (p_min, r_min) in CORPUS_TARGETS.items():
        tp, found, exp = (sum(r[p][k] for r in test) for k in ("tp", "found", "expected"))
        prec, rec = (tp / found if found else 1.0), (tp / exp if exp else 1.0)
        ok = (p_min is None or prec >= p_min) and rec >= r_min
        lines.append(f"\ntest half, {p}: precision {prec:.2f}, recall {rec:.2f} (target"
                     f"{'' if p_min is None else f' P >= {p_min},'} R >= {r_min}): "
                     f"{'met' if ok else 'NOT met'}")
    for r in results:
        if r["split"] != "dev":  # the test half is read through its scores only
            continue
        if r.get("error"):
            lines.append(f"\n{r['document']} (dev): refused: {r['error']}")
        for line in r["invented"]:
            lines.append(f"\n{r['document']} (dev): invented: {line}")
    refused = sum(bool(r.get("error")) for r in test)
    lines.append(f"\ntest half: {refused} refused; its details are not printed (rules are "
                 "written from the dev half only)")
    return "\n".join(lines)


def dev_misses(cases: list[dict]) -> str:
    """What the draft misses and adds on each dev-half document (never the test half)."""
    import geo
    from geo.drafting.corpus import PARTS as KEY_PARTS
    from geo.drafting.corpus import drafted_facts, key_facts, score_key

    lines = []
    for case in cases:
        if case["split"] != "dev":
            continue
        lines.append(f"\n## {case['id']}")
        try:
            drafted = geo.draft(case["excerpt"], region=case["region"], date=str(case["date"]))
        except geo.drafting.DocumentError as exc:
            lines.append(f"refused: {exc}")
            continue
        found, expected = drafted_facts(drafted), key_facts(case["key"])
        scores = score_key(drafted, case["key"])
        for p in KEY_PARTS:
            s = scores[p]
            if s["tp"] == s["found"] == s["expected"]:
                continue
            lines.append(f"{p}: {s['tp']}/{s['found']}/{s['expected']}")
            lines.append(f"  found:    {found[p]}")
            lines.append(f"  expected: {expected[p]}")
    return "\n".join(lines)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("document", nargs="?", type=Path)
    parser.add_argument("plan", nargs="?", type=Path)
    parser.add_argument("--region")
    parser.add_argument("--date", default="")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--corpus", action="store_true",
                        help="score tests/corpus (real excerpts of other cities) by half")
    parser.add_argument("--misses", action="store_true",
                        help="with --corpus: what each dev-half document misses and adds")
    parser.add_argument("--only", nargs="+", metavar="ID", default=None,
                        help="with --corpus: score only these documents (e.g. a round's new "
                             "ones; a test-half one still shows in its half's totals only)")
    parser.add_argument("--no-catalogue-dates", action="store_true",
                        help="ignore the README's dates: only what the documents state")
    args = parser.parse_args(argv)
    if args.corpus:
        cases = corpus_cases()
        if args.only:
            unknown = sorted(set(args.only) - {c["id"] for c in cases})
            if unknown:
                parser.error(f"--only: no corpus document {', '.join(unknown)} in {CORPUS}")
            cases = [c for c in cases if c["id"] in args.only]
        results = [evaluate_corpus(c) for c in cases]
        if args.json:  # dev documents one by one; the test half as its totals only
            from geo.drafting.corpus import PARTS as KEY_PARTS

            test = [r for r in results if r["split"] == "test"]
            totals = {p: {k: sum(r[p][k] for r in test) for k in ("tp", "found", "expected")}
                      for p in KEY_PARTS}
            totals["invented"] = sum(len(r["invented"]) for r in test)
            print(json.dumps({"dev": [r for r in results if r["split"] == "dev"],
                              "test": totals}, indent=2, ensure_ascii=False))
        else:
            print(corpus_report(results))
        if args.misses:
            print(dev_misses(cases))
        return 0
    if args.document and args.plan:
        results = [evaluate(args.document, args.plan, args.region, args.date)]
    elif args.document or args.plan:
        parser.error("give both DOC and PLAN, or neither")
    else:
        cases = seed_cases()
        if not cases:
            print(f"no shipped plan's document found in {SOURCES}", file=sys.stderr)
            return 2
        results = [evaluate(doc, plan, date="" if args.no_catalogue_dates else date)
                   for doc, plan, date in cases]
    if args.json:
        print(json.dumps(results, indent=2))
    else:
        print(table(results))
        from geo.drafting.evaluate import total

        overall = total(results)
        for part, (p_min, r_min) in TARGETS.items():
            p, r = overall[part]["precision"], overall[part]["recall"]
            ok = (p_min is None or p >= p_min) and r >= r_min
            print(f"{part}: precision {p:.2f}, recall {r:.2f} "
                  f"(target{'' if p_min is None else f' P >= {p_min},'} R >= {r_min}): "
                  f"{'met' if ok else 'NOT met'}")
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    sys.exit(main())
