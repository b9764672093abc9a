"""`industry-atlas draft`: documents to plan files that validate, every fact citing its sentence.

The fixtures written here are SYNTHETIC: invented sentences about real administrative
units, written for these tests. The five source documents are read from
../shared/sources at run time and never copied into the repository.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

import geo
from geo import cli
from geo.drafting import assemble
from geo.drafting.evaluate import score
from geo.drafting.lexicon import lexicon
from geo.drafting.places import english_names
from geo.drafting.reader import DocumentError
from geo.places import boundaries

ROOT = Path(__file__).resolve().parents[1]
SOURCES = ROOT.parent / "shared" / "sources"
needs_sources = pytest.mark.skipif(not SOURCES.is_dir(), reason="../shared/sources not found")

# SYNTHETIC English plan (invented text) over Hangzhou's districts.
SYNTHETIC_EN = """Synthetic digital plan of Hangzhou (invented for tests)

Published 2031-05-04 by a made-up office.

In 2030, the core digital industries of Hangzhou reached an added value of 12.5 billion yuan. \
By 2035, the added value will reach 3 trillion yuan, and 40 new platforms will be built.

The layout is "One Belt, Two Wings and Several Points". "One Belt" refers to Xihu, Binjiang, \
and Fuyang District. It focuses on artificial intelligence, big data and blockchain. The "Two \
Wings" refers to two areas in the north and south. Yuhang, a northern wing, is home to \
integrated circuits. Xiaoshan and Lin'an in the south are home to cloud computing. "Several \
Points" refers to the rest of Hangzhou. Industries to promote include smart home, smart \
logistics, quantum computing and smart kitchen appliances.

Old maps still show Fuyang County. The Qiantang Future Valley is a new platform.
"""

# SYNTHETIC Chinese plan (invented text) over Hangzhou's districts, written in GBK.
SYNTHETIC_ZH = """合成测试规划（虚构文本，仅供测试）

2031年5月4日

《规划》提出，到2035年，全市核心数字产业增加值达到2000亿元，占GDP比重15%。2030年软件业务收入实现800亿元，居全省第二。

打造“一带两翼多点”的数字产业空间布局。其中，“一带”即西湖、滨江和上城；“两翼”即北以余杭为核心、南以萧山和富阳为核心；“多点”即形成多个智能装备特色基地。

推动临安等地发展集成电路和智能传感器。重点发展人工智能、大数据、区块链、智能厨房电器等产业。
"""


def codes(*names: str) -> set[str]:
    units = {u.name_zh: u.adcode for u in boundaries.children(boundaries.unit("330100"))}
    return {units[n] for n in names}


def members(plan, element_id):
    return {m.key for m in plan.element(element_id).members}


def assigned(plan, target):
    return {i for a in plan.assignments if (a.element or (a.place and a.place.key)) == target
            for i in a.industries}


@pytest.fixture(scope="module")
def english_draft(tmp_path_factory):
    path = tmp_path_factory.mktemp("en") / "plan.md"
    path.write_text(SYNTHETIC_EN, "utf-8")
    return geo.draft(path, region="杭州市")


@pytest.fixture(scope="module")
def chinese_draft(tmp_path_factory):
    path = tmp_path_factory.mktemp("zh") / "plan.txt"
    path.write_bytes(SYNTHETIC_ZH.encode("gbk"))
    return geo.draft(path, region="330100")


def test_english_slogan_elements_members_and_assignments(english_draft):
    plan = english_draft.plan
    assert english_draft.document.lang == "en"
    assert {e.kind for e in plan.layout} >= {"belt", "wing", "spots"}
    assert members(plan, "belt") == codes("西湖区", "滨江区", "富阳区")
    assert members(plan, "north-wing") == codes("余杭区")
    assert members(plan, "south-wing") == codes("萧山区", "临安区")
    assert not plan.element("spots").members
    assert assigned(plan, "belt") == {"ai", "big-data", "blockchain"}
    assert assigned(plan, "north-wing") == {"ic"}
    assert assigned(plan, "south-wing") == {"cloud-computing"}
    spots = assigned(plan, "spots")
    assert {"smart-home", "smart-logistics", "quantum"} <= spots
    new = [i for i in plan.industries if i.id in spots and i.id.startswith("new-")]
    assert [i.name.en for i in new] == ["smart kitchen appliances"]


def test_abolished_unit_and_platform_are_zones_not_districts(english_draft):
    plan = english_draft.plan
    zones = {z.name.en: z for z in plan.zones}
    assert "Fuyang County" in zones and "Qiantang Future Valley" in zones
    assert all(z.geometry is None and z.precision == "not located" for z in zones.values())
    # Fuyang County is never forced onto 富阳区: the district is named only by "Fuyang District"
    fuyang = codes("富阳区").pop()
    cited = [a for a in plan.assignments if a.place and a.place.key == fuyang]
    assert cited == []


def test_indicators_year_kind_and_base_units(english_draft, chinese_draft):
    en = {(i.year, i.value, i.unit, i.kind) for i in english_draft.plan.indicators}
    assert (2030, 12.5e9, "yuan", "actual") in en
    assert (2035, 3e12, "yuan", "target") in en
    assert (2035, 40, "count", "target") in en
    zh = {(i.year, i.value, i.unit, i.kind) for i in chinese_draft.plan.indicators}
    assert {(2035, 2000e8, "yuan", "target"), (2035, 15, "percent", "target"),
            (2030, 800e8, "yuan", "actual"), (2030, 2, "rank", "actual")} <= zh
    # SYNTHETIC: 万 before a counter, full-width digits, 个百分点 is no count
    more = geo.draft("合成测试。到２０３０年，杭州培育数字企业1.5万家，占比提高5个百分点。",
                     region="杭州市").plan
    assert {(i.year, i.value, i.unit, i.kind) for i in more.indicators} == {
        (2030, 15000, "count", "target")}


def test_gbk_chinese_document(chinese_draft):
    plan = chinese_draft.plan
    assert chinese_draft.document.lang == "zh" and chinese_draft.document.date == "2031-05-04"
    assert members(plan, "belt") == codes("西湖区", "滨江区", "上城区")
    assert members(plan, "north-wing") == codes("余杭区")
    assert members(plan, "south-wing") == codes("萧山区", "富阳区")
    assert assigned(plan, "spots") == {"smart-equipment"}
    assert assigned(plan, codes("临安区").pop()) == {"ic", "sensors"}
    assert any(i.name.zh == "智能厨房电器" for i in plan.industries)


def test_every_fact_is_interpreted_and_cites_its_sentence(english_draft):
    data = yaml.safe_load(english_draft.yaml)
    sentences = [" ".join(s.text.split()) for s in english_draft.document.sentences]
    cited = [*data["layout"], *data.get("places", []), *data["assignments"], *data["indicators"]]
    assert cited
    for item in cited:
        assert item["basis"] == "interpreted"
        p, s = map(int, re.fullmatch(r"paragraph (\d+), sentence (\d+)", item["where"]).groups())
        sentence = next(x for x in english_draft.document.sentences
                        if x.paragraph == p and x.number == s)
        assert " ".join(sentence.text.split())[:60] in item["note"]
    assert len(sentences) == len(english_draft.document.sentences)


def test_region_inferred_and_printed(tmp_path, capsys):
    path = tmp_path / "plan.md"
    path.write_text(SYNTHETIC_EN, "utf-8")
    out = tmp_path / "plan.yaml"
    assert cli.main(["draft", str(path), "-o", str(out)]) == 0
    err = capsys.readouterr().err
    assert "杭州市 (330100) inferred" in err
    assert geo.load_plan(out).region == "330100"


def test_html_is_parsed_not_regexed(tmp_path):
    page = ("<html><head><title>Synthetic &amp; invented</title><script>var x = 'Binjiang "
            "hosts blockchain';</script></head><body><div><p>Xihu District will "
            "<b>develop</b> artificial&nbsp;intelligence.</p><p>Binjiang &lt;hosts&gt; big "
            "data.</p></div></body></html>")
    path = tmp_path / "doc.html"
    path.write_text(page, "utf-8")
    drafted = geo.draft(path, region="杭州市")
    text = drafted.document.text
    assert "var x" not in text and "develop artificial\xa0intelligence" in text.replace(
        "artificial intelligence", "artificial\xa0intelligence")
    assert "<hosts>" in text and drafted.document.title == "Synthetic & invented"
    assert assigned(drafted.plan, codes("西湖区").pop()) == {"ai"}


def test_docx_and_text_pdf_and_scanned_pdf(tmp_path):
    import docx
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    document = docx.Document()
    for line in SYNTHETIC_EN.split("\n\n"):
        document.add_paragraph(line.replace("\n", " "))
    table = document.add_table(rows=2, cols=2)  # a table row: district | industries
    for row, (place, industries) in zip(table.rows, [("Tonglu County", "drones and robotics"),
                                                     ("Chun'an County", "smart agriculture")],
                                        strict=True):
        row.cells[0].text, row.cells[1].text = place, industries
    document.save(tmp_path / "plan.docx")
    plan = geo.draft(tmp_path / "plan.docx", region="杭州市").plan
    assert members(plan, "belt") == codes("西湖区", "滨江区", "富阳区")
    assert assigned(plan, codes("桐庐县").pop()) == {"drones", "robots"}
    assert assigned(plan, codes("淳安县").pop()) == {"smart-agriculture"}

    fig = plt.figure(figsize=(8, 3))
    fig.text(0.02, 0.6, "Synthetic: Xihu District will develop artificial intelligence.")
    fig.text(0.02, 0.3, "Binjiang will develop big data by 2035, reaching 5 billion yuan.")
    fig.savefig(tmp_path / "plan.pdf")
    drafted = geo.draft(tmp_path / "plan.pdf", region="杭州市")
    assert assigned(drafted.plan, codes("西湖区").pop()) == {"ai"}

    fig = plt.figure(figsize=(3, 3))
    fig.figimage([[0, 1], [1, 0]] * 50, cmap="gray")
    fig.savefig(tmp_path / "scan.pdf")
    plt.close("all")
    with pytest.raises(DocumentError, match=r"scan\.pdf: the PDF has no text layer"):
        geo.draft(tmp_path / "scan.pdf", region="杭州市")


def _bad(tmp_path, capsys, name: str, content: bytes | None, *extra: str) -> str:
    path = tmp_path / name
    if content is None:
        with open(path, "wb") as handle:  # 50 MB, sparse: refused unread
            handle.truncate(50 * 1024 * 1024)
    else:
        path.write_bytes(content)
    out, review = tmp_path / "out.yaml", tmp_path / "out.html"
    status = cli.main(["draft", str(path), "-o", str(out), "--review", str(review), *extra])
    err = capsys.readouterr().err.strip()
    assert status == 2 and not out.exists() and not review.exists()
    assert len(err.splitlines()) == 1 and str(path) in err
    return err


def test_bad_input_one_line_exit_2_nothing_written(tmp_path, capsys):
    import os

    assert "file is empty" in _bad(tmp_path, capsys, "empty.txt", b"")
    assert "binary data" in _bad(tmp_path, capsys, "garbage.txt", os.urandom(4096))
    assert "limited to" in _bad(tmp_path, capsys, "huge.txt", None)
    assert "names no place" in _bad(tmp_path, capsys, "vague.txt",
                                    b"Synthetic. A plan about growth in general terms.")
    err = _bad(tmp_path, capsys, "elsewhere.md", SYNTHETIC_EN.encode(), "--region", "温州市")
    assert "never names region 温州市" in err
    out = tmp_path / "x.yaml"
    assert cli.main(["draft", str(tmp_path / "elsewhere.md"), "--region", "朝阳区", "-o",
                     str(out)]) == 2
    err = capsys.readouterr().err.strip()
    assert "ambiguous" in err and "110105" in err and len(err.splitlines()) == 1
    assert not out.exists()


def test_lexicon_names_no_place():
    """A rule or lexicon entry naming one particular city is a defect."""
    names = set()
    for u in boundaries.all_units():
        names |= {u.name_zh, *english_names().get(u.adcode, [])}
    names = {n for n in names if len(n) >= 2}
    for entry in lexicon()["industries"]:
        for term in (entry["zh"], entry["en"], *entry["terms"]):
            words = set(re.findall(r"[A-Za-z']+", term))
            assert not (words & names) and not any(n in term for n in names if not n.isascii()), \
                f"lexicon term {term!r} names a place"


@needs_sources
@pytest.mark.parametrize("doc", sorted(p.name for p in SOURCES.glob("*.txt")) if SOURCES.is_dir()
                         else [])
def test_each_source_document_drafts_a_valid_plan(doc, tmp_path, capsys):
    out = tmp_path / "draft.yaml"
    assert cli.main(["draft", str(SOURCES / doc), "-o", str(out)]) == 0
    assert cli.main(["check", str(out)]) == 0
    assert capsys.readouterr().out.splitlines()[-1].startswith("ok: ")


@needs_sources
def test_evaluation_targets_on_the_seed_documents():
    sys.path.insert(0, str(ROOT / "benchmarks"))
    import draft_eval

    results = [draft_eval.evaluate(doc, plan, date=date)
               for doc, plan, date in draft_eval.seed_cases()]
    assert len(results) == 5 and all(r["region_ok"] for r in results)
    from geo.drafting.evaluate import total

    overall = total(results)
    for part, (p_min, r_min) in draft_eval.TARGETS.items():
        assert overall[part]["recall"] >= r_min, (part, overall[part])
        assert p_min is None or overall[part]["precision"] >= p_min, (part, overall[part])


def test_score_is_perfect_on_itself_and_drops_when_facts_go(english_draft):
    perfect = score(english_draft.plan, english_draft.plan)
    assert all(v["precision"] == v["recall"] == 1.0 for v in perfect.values())
    binjiang = codes("滨江区").pop()
    text = english_draft.yaml.replace(f"  - '{binjiang}'\n", "", 1)  # drop it from the belt
    assert text != english_draft.yaml
    fewer = assemble.validated(text)
    partial = score(fewer, english_draft.plan)
    assert partial["memberships"]["recall"] < 1.0 == partial["memberships"]["precision"]


def test_twenty_thousand_characters_draft_to_a_valid_plan(tmp_path):
    """A long document drafts in one run to a plan that validates (how long drafting takes
    is measured by benchmarks/draft_eval.py, not here)."""
    paragraphs = SYNTHETIC_ZH.split("\n\n")[2:]
    filler = "推动产业大脑建设，深化数据价值化改革，加快数字基础设施建设，培育新业态新模式。"
    text = SYNTHETIC_ZH
    while len(text) < 20_000:
        text += "\n\n" + filler * 8 + "\n\n" + paragraphs[len(text) % len(paragraphs)]
    path = tmp_path / "long.txt"
    path.write_text(text[:20_000], "utf-8")
    out = tmp_path / "long.yaml"
    subprocess.run([sys.executable, "-m", "geo.cli", "draft", str(path), "-o", str(out)],
                   check=True, capture_output=True)
    plan = geo.load_plan(out)
    assert plan.layout and plan.industries


# SYNTHETIC: a layout defined paragraph by paragraph under headings, wings named by 东/西.
SYNTHETIC_HEADINGS = """合成测试规划（虚构文本）

构建“一核两翼多点”的数字经济空间布局。

（一）“一核”引领。以西湖区、滨江区为核心，重点发展人工智能、云计算和集成电路。

（二）“两翼”协同。东翼：萧山区、钱塘区，重点发展智能制造和工业互联网；西翼：余杭区、临安区，重点发展数字安防。

（三）“多点”支撑。推动各区县建设一批数字经济特色小镇。
"""


def test_definitions_under_headings_and_compass_words():
    plan = geo.draft(SYNTHETIC_HEADINGS, region="杭州市").plan
    assert members(plan, "core") == codes("西湖区", "滨江区")
    assert members(plan, "east-wing") == codes("萧山区", "钱塘区")
    assert members(plan, "west-wing") == codes("余杭区", "临安区")
    assert assigned(plan, "east-wing") == {"smart-manufacturing", "industrial-internet"}
    assert assigned(plan, "west-wing") == {"digital-security"}
    assert not plan.element("spots").members and not plan.zones  # 一批…小镇 is no place


def test_abolished_unit_as_member_stays_a_zone():
    """SYNTHETIC: a member named by an old county name is a zone, not today's district."""
    text = ('Synthetic plan. The layout is "One Belt, Two Wings". "One Belt" refers to Xihu '
            "and Fuyang County. It focuses on big data.")
    plan = geo.draft(text, region="杭州市").plan
    belt = plan.element("belt")
    assert {m.kind for m in belt.members} == {"district", "zone"}
    assert {m.key for m in belt.members if m.kind == "district"} == codes("西湖区")
    zone = plan.zone(next(m.key for m in belt.members if m.kind == "zone"))
    assert zone.name.en == "Fuyang County" and zone.precision == "not located"


def test_english_belts_zone_districts_and_polyphonic_names():
    """SYNTHETIC: compass words before English place groups, a 'District' that is no
    unit (a zone), and 郫都 read as Pidu as well as pypinyin's Pidou."""
    text = ('Synthetic plan. Chengdu builds "One Core, Two Belts". "One Core" refers to '
            'Gaoxin District. "Two Belts" refers to the eastern belt formed by Longquanyi and '
            "Jintang County, which will develop drones, and the western belt formed by Pidu "
            "and Wenjiang, home to big data.")
    plan = geo.draft(text, region="成都市").plan
    units = {u.name_zh: u.adcode for u in boundaries.children(boundaries.unit("510100"))}
    assert members(plan, "east-belt") == {units["龙泉驿区"], units["金堂县"]}
    assert members(plan, "west-belt") == {units["郫都区"], units["温江区"]}
    assert assigned(plan, "east-belt") == {"drones"} and assigned(plan, "west-belt") == {"big-data"}
    assert [z.name.en for z in plan.zones] == ["Gaoxin District"]
    assert [m.kind for m in plan.element("core").members] == ["zone"]


@pytest.mark.parametrize("text,groups", [
    # SYNTHETIC: parts defined by quoted numbers in one sentence
    ("合成测试。杭州打造“3+4”数字产业体系，其中，“3”是指集成电路、人工智能和云计算，“4”是指大数据、"
     "区块链、元宇宙和智能家居。", {"3": {"ic", "ai", "cloud-computing"},
                              "4": {"big-data", "blockchain", "metaverse", "smart-home"}}),
    # SYNTHETIC: parts defined as "N大…为/包括"
    ("合成测试。杭州构建“2+3”产业体系：2大标志性产业为集成电路、人工智能；3大新兴产业包括大数据、区块链和"
     "元宇宙。", {"2": {"ic", "ai"}, "3": {"big-data", "blockchain", "metaverse"}}),
    # SYNTHETIC: English, the second part continued by "They include"
    ('Synthetic. Hangzhou builds a "2+3" cluster. The "2" refers to integrated circuits and '
     'cloud computing. The "3" refers to new industries. They include big data, blockchain and '
     "metaverse.", {"2": {"ic", "cloud-computing"}, "3": {"big-data", "blockchain", "metaverse"}}),
])
def test_numbered_industry_groups(text, groups):
    plan = geo.draft(text, region="杭州市").plan
    found: dict[str, set] = {}
    for industry in plan.industries:
        if industry.group:
            found.setdefault(industry.group, set()).add(industry.id)
    assert found == groups


def test_chinese_clusters_and_places_by_example():
    """SYNTHETIC: <city><industry>产业集群, and …等城市 naming places by example."""
    text = ("合成测试文本。2028年，合肥智能语音产业集群营业收入达到1500亿元。"
            "依托北京、上海、深圳等城市的数据交易机构，探索数据流通新模式。")
    plan = geo.draft(text, region="100000").plan
    clusters = {e.name.en: {m.key for m in e.members} for e in plan.layout if e.kind == "cluster"}
    assert clusters == {"Hefei smart voice cluster": {"340100"}}
    assert assigned(plan, "hefei-smart-voice-cluster") == {"smart-voice"}
    assert members(plan, "spots") == {"110100", "310100", "440300"}
    assert assigned(plan, "spots") == {"data-exchange"}
    assert {(i.year, i.value, i.kind) for i in plan.indicators} == {(2028, 1500e8, "actual")}


@pytest.mark.parametrize("text,region", [
    # SYNTHETIC: a city's plan names its country and province more often than the city
    ("Synthetic. China leads; China grows; China builds; Zhejiang plans; Zhejiang invests. "
     "Hangzhou and its Binjiang District and Yuhang District host big data.", "330100"),
    # SYNTHETIC: a national text naming cities in several provinces stays national
    ("Synthetic. China builds clusters in Hefei, Wuhan, Chengdu and Xi'an; China grows.",
     "100000"),
    # SYNTHETIC: a province's text naming one of its cities less often than itself
    ("合成测试。浙江省推进数字经济。浙江将建设算力网络。浙江支持杭州发展。", "330000"),
])
def test_region_inference_walks_down_the_units(text, region):
    assert geo.draft(text).plan.region == region


def test_chinese_text_layer_pdf(tmp_path):
    """SYNTHETIC: a Chinese PDF (text set in WenQuanYi Micro Hei, as the figures are)."""
    font = Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc")
    if not font.exists():
        pytest.skip("fonts-wqy-microhei is not installed (make fonts)")
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib import font_manager

    font_manager.fontManager.addfont(str(font))
    fig = plt.figure(figsize=(8, 2))
    fig.text(0.02, 0.5, "合成测试：推动滨江区发展人工智能和集成电路。",
             family="WenQuanYi Micro Hei")
    fig.savefig(tmp_path / "plan.pdf")
    plt.close(fig)
    drafted = geo.draft(tmp_path / "plan.pdf", region="杭州市")
    assert drafted.document.lang == "zh"
    assert assigned(drafted.plan, codes("滨江区").pop()) == {"ai", "ic"}


def test_county_plan_with_towns_as_zones():
    """SYNTHETIC: a county's plan: towns are zones (not located), the wings split by 东/西,
    industries after both wings go to both."""
    text = ("永嘉县数字经济规划（合成测试文本）。永嘉县构建“一核两翼”布局。“一核”即瓯北街道；"
            "“两翼”即东翼桥头镇、西翼岩头镇。重点发展数字安防和工业互联网。")
    plan = geo.draft(text).plan
    assert plan.region == "330324"
    zones = {z.id: z.name.zh for z in plan.zones}
    assert set(zones.values()) == {"瓯北街道", "桥头镇", "岩头镇"}
    assert [zones[m.key] for m in plan.element("east-wing").members] == ["桥头镇"]
    assert [zones[m.key] for m in plan.element("west-wing").members] == ["岩头镇"]
    both = {"digital-security", "industrial-internet"}
    assert assigned(plan, "east-wing") == assigned(plan, "west-wing") == both


def test_html_table_rows_link_districts_to_industries():
    """SYNTHETIC: an HTML table of districts and their industries."""
    page = ("<html><body><p>合成测试表格。</p><table><tr><th>区县</th><th>产业</th></tr>"
            "<tr><td>滨江区</td><td>集成电路、人工智能</td></tr>"
            "<tr><td>萧山区</td><td>智能制造</td></tr></table></body></html>")
    plan = geo.draft(page, region="杭州市").plan
    assert assigned(plan, codes("滨江区").pop()) == {"ic", "ai"}
    assert assigned(plan, codes("萧山区").pop()) == {"smart-manufacturing"}


def test_a_sentence_about_another_place_ends_a_definition():
    """SYNTHETIC: the belts' definition names four districts in two groups; the next
    sentence, about another district, is no part of it."""
    text = ("合成测试。上海市构建“一核两带”格局，“一核”即浦东新区，"
            "“两带”即北部的宝山区、嘉定区和南部的闵行区、松江区。浦东新区重点发展集成电路和人工智能。")
    plan = geo.draft(text).plan
    units = {u.name_zh: u.adcode for u in boundaries.children(boundaries.unit(plan.region))}
    assert members(plan, "north-belt") == {units["宝山区"], units["嘉定区"]}
    assert members(plan, "south-belt") == {units["闵行区"], units["松江区"]}
    assert assigned(plan, units["浦东新区"]) == {"ic", "ai"}
    assert not assigned(plan, "north-belt") and not assigned(plan, "south-belt")


def test_shared_city_names_resolved_by_their_province():
    """SYNTHETIC: Suzhou and Fuzhou are each two cities; the province named beside them
    decides, and a Taizhou with no province stays unplaced."""
    text = ("Synthetic. China builds clusters: the integrated circuit cluster in Suzhou, Jiangsu "
            "province, the big data cluster in Fuzhou, Fujian province, and the drone cluster in "
            "Taizhou. China grows.")
    plan = geo.draft(text).plan
    clusters = {e.id: {m.key for m in e.members} for e in plan.layout}
    assert clusters == {"suzhou-ic-cluster": {"320500"}, "fuzhou-big-data-cluster": {"350100"}}


def test_star_import_gives_every_public_name():
    from geo.drafting import pipeline

    namespace = {}
    exec("from geo.drafting import *", namespace)  # raised AttributeError while Draft was missing
    assert namespace["Draft"] is pipeline.Draft
    assert namespace["DocumentError"] is DocumentError
    assert namespace["draft"] is geo.drafting.draft
    with pytest.raises(AttributeError, match="no attribute 'Drafts'"):
        geo.drafting.Drafts  # noqa: B018


def test_pypinyin_is_imported_only_when_a_new_id_needs_it():
    """A draft whose industries are all in the lexicon imports no pypinyin; one proposing
    an industry the glossary cannot translate (its id written in pinyin) does."""
    code = ("import sys, geo\n"
            "geo.draft('温州市数字经济发展规划。重点发展集成电路、人工智能等产业。',"
            " region='330300', date='2022')\n"
            "print('pypinyin' in sys.modules)\n"
            "d = geo.draft('温州市数字经济发展规划。重点发展泵阀制造、鸿蒙生态等产业。',"
            " region='330300', date='2022')\n"
            "print('pypinyin' in sys.modules, sorted(i.id for i in d.plan.industries))")
    first, second = _fresh_process(code)
    assert first == "False"
    assert second.startswith("True") and "new-hong-meng-sheng-tai" in second
    assert "new-pumps-valves-manufacturing" in second  # translated: its id from the English


def test_the_pos_tagger_reads_only_the_small_dictionary():
    """Importing jieba.posseg builds a tagger from the default tokenizer's dictionary; the
    draft points that at its small dictionary for the import (jieba's own 350,000-line
    dict.txt is not opened), and puts the default back. A fresh process, since the import
    happens once; the small dictionary is made (or found) before files are watched."""
    code = ("import os, sys, geo, jieba\n"
            "from geo.drafting.text import pos_tags, tokenizer\n"
            "tokenizer()\n"
            "default, own = jieba.dt.dictionary, os.path.dirname(jieba.__file__)\n"
            "opened = []\n"
            "sys.addaudithook(lambda event, args: event == 'open' and str(args[0]).startswith("
            "own) and str(args[0]).endswith('dict.txt') and opened.append(args[0]))\n"
            "pos_tags('重点发展集成电路')\n"
            "print(opened == [], jieba.dt.dictionary == default)")
    assert _fresh_process(code) == ["True True"]


def _fresh_process(code: str) -> list[str]:
    """The lines ``code`` prints in a new Python process (it must exit 0)."""
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return done.stdout.strip().splitlines()


def test_the_draft_yaml_is_pyyamls_safe_dump_text():
    """to_yaml writes with libyaml where PyYAML has it: the same text as yaml.safe_dump."""
    import yaml

    from geo.drafting.assemble import to_yaml

    d = geo.draft("温州市数字经济发展规划。鹿城区重点发展集成电路、平板显示、鸿蒙生态等产业，"
                  "2025年产值达到100亿元。", region="330300", date="2022")
    body = yaml.safe_dump(d.data, allow_unicode=True, sort_keys=False, width=100)
    assert to_yaml(d.data).split("\n", 2)[2] == body
