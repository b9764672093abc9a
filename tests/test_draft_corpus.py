"""The development corpus (tests/corpus): its keys, its split, and no invented facts."""

from __future__ import annotations

import hashlib
import re
from functools import cache
from pathlib import Path

import pytest
import yaml

import geo
from geo.drafting.corpus import base_value, invented, same_industry, same_name, score_key
from geo.places import boundaries

CORPUS = Path(__file__).parent / "corpus"
CASES = [yaml.safe_load(p.read_text("utf-8")) for p in sorted(CORPUS.glob("*.yaml"))]
HELD_OUT = re.compile(r"成都|鄂州|杭州|湖州|余杭|萧山|临平|钱塘|富阳|临安|桐庐|淳安|建德"
                      r"|德清|长兴|安吉")
HELD_OUT_CODES = ("3301", "3305", "5101", "4207")
BY_ID = {c["id"]: c for c in CASES}


@cache
def _draft(case_id: str):
    """The draft of one corpus excerpt (drafted once for the tests that read it), or the
    DocumentError it was refused with."""
    case = BY_ID[case_id]
    try:
        return geo.draft(case["excerpt"], region=case["region"], date=str(case["date"]))
    except geo.drafting.DocumentError as exc:
        return exc


def test_corpus_size_and_spread():
    assert len(CASES) >= 20
    regions = {c["region"] for c in CASES}
    assert len(regions) >= 10
    assert {c["split"] for c in CASES} == {"dev", "test"}


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_case_is_well_formed_and_not_held_out(case):
    assert (CORPUS / f"{case['id']}.yaml").is_file()
    assert case["source"]["url"].startswith("http") and case["licence"] and case["date"]
    assert not HELD_OUT.search(case["excerpt"] + case["title"])
    assert not case["region"].startswith(HELD_OUT_CODES)
    assert boundaries.unit(case["region"]).adcode == case["region"]
    assert len(case["excerpt"]) <= 1500  # short excerpts only


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_split_is_the_fixed_hash(case):
    digit = int(hashlib.sha1(case["id"].encode()).hexdigest()[0], 16)
    assert case["split"] == ("dev" if digit % 2 == 0 else "test")


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_key_names_only_what_the_excerpt_says(case):
    text, key = case["excerpt"], case["key"]
    words = [*key["industries"], *key.get("designations", [])]
    for e in key["elements"]:
        words += [e["label"], *e["members"]]
    for h in key["hosts"]:
        words += [h["place"], *h["industries"]]
    for w in words:
        assert w in text, w
    numbers = re.findall(r"\d+(?:\.\d+)?", text.replace(" ", ""))
    for i in key["indicators"]:
        assert any(float(n) == float(i["value"]) for n in numbers), i


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_every_drafted_fact_cites_its_evidence(case):
    drafted = _draft(case["id"])
    if isinstance(drafted, geo.drafting.DocumentError):  # refused: one line, nothing drafted
        assert "\n" not in str(drafted) and case["region"] in str(drafted)
        return
    assert drafted.facts
    assert invented(drafted) == []


@pytest.mark.parametrize("value, unit, base", [
    (27, "万个", 270000), (1.29, "万亿元", 1.29e12), (5500, "亿元", 5.5e11), (15, "%", 15),
])
def test_base_value(value, unit, base):
    assert base_value(value, unit) == pytest.approx(base)


@pytest.mark.parametrize("a, b, same", [
    ("武汉", "武汉市", True), ("“双核”", "双核", True), ("襄阳", "宜昌", False),
    ("南海电子信息产业园", "南海", True), ("区", "西湖区", False),
])
def test_same_name(a, b, same):
    assert same_name(a, b) is same


def test_same_industry_by_lexicon_and_name():
    assert same_industry("集成电路", "集成电路")
    assert same_industry("软件和信息服务", "软件和信息服务业")
    assert not same_industry("新型显示", "集成电路")


def test_score_key_counts_misses_and_extras():
    text = "“双核”即以甲高新区、乙经济开发区为核心。到2025年，集成电路产业规模达到100亿元。"
    drafted = geo.draft(text * 1 + "温州市鹿城区发展集成电路。", region="330300", date="2024")
    key = {"elements": [{"label": "双核", "members": ["甲高新区", "丙园区"]}], "hosts": [],
           "industries": ["集成电路", "新型显示"],
           "indicators": [{"value": 100, "unit": "亿元", "year": 2025}]}
    s = score_key(drafted, key)
    assert s["industries"]["expected"] == 2 and s["industries"]["tp"] == 1
    assert s["indicators"]["tp"] == 1
    assert s["memberships"]["expected"] == 2 and s["memberships"]["tp"] <= 1


@pytest.mark.parametrize("sentence, zone", [
    ("着力以甲芯谷辐射带动数城融合。", "甲芯谷"),
    ("这是优化上海软件园布局的措施。", "上海软件园"),
    ("推介会旨在进一步深化粤港澳大湾区的合作。", "粤港澳大湾区"),
    ("依托丁山高新区发展平台经济。", "丁山高新区"),
])
def test_zone_names_drop_the_verb_before_them(sentence, zone):
    from geo.drafting.zones import find_zones

    assert zone in {m.key for m in find_zones(sentence, "zh")}


@pytest.mark.parametrize("sentence", [
    "积极争创国家数字经济创新发展试验区。", "高标准构建数实融合发展示范区。",
])
def test_designations_are_no_places(sentence):
    drafted = geo.draft("温州市鹿城区发展集成电路。" + sentence, region="330300", date="2024")
    assert not any("试验区" in p["zh"] or "示范区" in p["zh"]
                   for p in drafted.data.get("places", []))
    assert "designation" in drafted.data["notes"]


def _english_fields(value, path=""):
    if isinstance(value, dict):
        for k, v in value.items():
            if k == "en" and isinstance(v, str):
                yield path, v
            yield from _english_fields(v, f"{path}.{k}")
    elif isinstance(value, list):
        for v in value:
            yield from _english_fields(v, path)


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_no_english_field_copies_the_chinese(case):
    """Every ``en`` of a draft is English: no Chinese character copied into it (the test
    half's failures would name only the field, never its text)."""
    drafted = _draft(case["id"])
    if isinstance(drafted, geo.drafting.DocumentError):
        return
    cjk = sorted({p for p, v in _english_fields(drafted.data) if re.search(r"[\u4e00-\u9fff]", v)})
    assert cjk == [], f"{len(cjk)} kinds of English field hold Chinese: {cjk}"


def _english_vocabulary() -> set[str]:
    """Every English word the draft may build an industry or group name from: the
    glossary's, the lexicon's names and terms, the stand-in for an untranslated name and
    the numbered-slogan group's ("The "3" of "3+5"")."""
    from geo.drafting.glossary import glossary
    from geo.drafting.lexicon import lexicon

    texts = [form for forms in glossary().values() for form in forms]
    for entry in lexicon()["industries"]:
        texts += [entry["en"], *(t for t in entry.get("terms", ()) if t.isascii())]
    texts += ["Untranslated industry", "Untranslated group", "The of", "and"]
    return {w for t in texts for w in re.findall(r"[a-z]+", t.lower())}


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_no_drafted_english_industry_name_is_pinyin(case):
    """Every word of every drafted industry's and group's English name is an English word
    of the glossary or the lexicon (or written in Latin letters in the Chinese name itself,
    as PCB or 5G): no pinyin syllable run such as "Pcbban" or "Jiju". The test half's
    failures give a count only, never the names."""
    drafted = _draft(case["id"])
    if isinstance(drafted, geo.drafting.DocumentError):
        return
    vocabulary = _english_vocabulary()
    bad = []
    for entry in [*drafted.data["industries"], *drafted.data.get("groups", [])]:
        if entry["zh"].isascii() or entry["id"] == "unspecified":  # its own words; none found
            continue
        own = set(re.findall(r"[a-z]+", entry["zh"].lower()))
        words = re.findall(r"[a-z]+", entry["en"].lower())
        if not words or any(w not in vocabulary and w not in own for w in words):
            bad.append(f"{entry['zh']} -> {entry['en']}")
    detail = bad if case["split"] == "dev" else "(test half: names not shown)"
    assert not bad, f"{len(bad)} English name(s) with words of no table: {detail}"


def test_the_benchmark_names_no_test_half_document(capsys):
    """draft_eval --corpus (table, --misses and --json) prints the test half's totals only."""
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
    import draft_eval

    test_ids = [c["id"] for c in CASES if c["split"] == "test"]
    for argv in (["--corpus", "--misses"], ["--corpus", "--json"]):
        assert draft_eval.main(argv) == 0
        out = capsys.readouterr().out
        assert "test" in out and not [i for i in test_ids if i in out]
    assert any(c["id"] in out for c in CASES if c["split"] == "dev")


def test_matching_takes_the_most_pairs_whatever_the_order():
    """A found item that could match either of two expected ones must not take the one a
    later item needs: the count is a maximum matching, the same in any order."""
    from geo.drafting.corpus import matched_pairs

    expected = ["半导体集成电路", "半导体"]
    for found in (["半导体", "集成电路"], ["集成电路", "半导体"]):
        assert matched_pairs(found, expected, same_industry) == 2
    assert matched_pairs(["半导体", "半导体"], ["半导体"], same_industry) == 1
