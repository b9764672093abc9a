"""The drafting rules written on the corpus's development half, each on a synthetic
sentence made for the test (region 温州, 330300; the sentences are invented, not quoted)."""

from __future__ import annotations

import re

import pytest

import geo
from geo.drafting.corpus import drafted_facts, invented
from geo.drafting.glossary import english_name, english_words
from geo.drafting.zones import english_zone_name

REGION = "330300"
LEAD = "温州市鹿城区发展数字经济。"  # names the region, so a draft is not refused


def draft(text: str):
    return geo.draft(LEAD + text, region=REGION, date="2024")


@pytest.mark.parametrize("text, host, industry", [
    ("新型显示产业依托甲山东部工业园等产业园集聚发展。", "甲山东部工业园", "新型显示"),
    ("平台经济重点依托乙湖高新区。", "乙湖高新区", "平台经济"),
    ("人工智能产业推动丙谷产业园、丁湖小镇开展技术研发。", "丁湖小镇", "人工智能"),
    ("丙谷产业园重点发展工业软件。", "丙谷产业园", "工业软件"),
    ("建设戊岭电子信息产业园。", "戊岭电子信息产业园", "电子信息"),
])
def test_zones_host_industries(text, host, industry):
    d = draft(text)
    hosts = drafted_facts(d)["hosts"]
    assert any(h == host and i == industry for h, i in hosts), hosts
    assert invented(d) == []


@pytest.mark.parametrize("text, hosts", [
    ("集成电路产业主要集中在鹿城区、龙湾区。", {("鹿城区", "集成电路"), ("龙湾区", "集成电路")}),
    ("乐清市以智能电气为主导产业。", {("乐清市", "智能电气")}),
    ("永嘉县数字安防产业集群加快发展。", {("永嘉县", "数字安防")}),  # through its cluster
    ("推动乐清市智能电气、瑞安市汽车电子产业集群发展。",
     {("乐清市", "智能电气"), ("瑞安市", "汽车电子")}),
])
def test_units_host_industries(text, hosts):
    d = draft(text)
    assert hosts <= set(drafted_facts(d)["hosts"]), drafted_facts(d)["hosts"]
    assert invented(d) == []


@pytest.mark.parametrize("text, name", [
    ("培育网络生活消费平台、电商创业展示基地。", "电商创业展示基地"),  # a kind of base
    ("建成全国跨境电商综试区创新引领示范区。", "跨境电商综试区创新引领示范区"),  # a title
])
def test_kinds_and_titles_are_no_places_and_host_nothing(text, name):
    d = draft(text)
    assert not any(name in p["zh"] for p in d.data.get("places", []))
    assert not any(name in h for h, _ in drafted_facts(d)["hosts"])


def test_a_park_hosts_its_named_industries_as_a_layout_member_not_in_passing():
    member = draft("构建“一核多极”格局。“多极”即以甲湖电子信息产业园、乙山大数据产业园为多个极点。")
    assert {("甲湖电子信息产业园", "电子信息"), ("乙山大数据产业园", "大数据")} <= \
        set(drafted_facts(member)["hosts"])
    passing = draft("论坛在甲湖电子信息产业园举行。")
    assert drafted_facts(passing)["hosts"] == []


def test_a_project_is_no_host_and_a_class_noun_is_no_zone():
    d = draft("总投资20亿元的己河5G通讯科技产业园等项目正在建设。"
              "依托庚山产业园、辛湖小镇等产业基地和园区发展人工智能。")
    hosts = drafted_facts(d)["hosts"]
    assert not any("己河" in h for h, _ in hosts)
    assert not any(p["zh"] in ("产业基地", "产业基地和园区") for p in d.data.get("places", []))


@pytest.mark.parametrize("text, expected, absent", [
    ("以新型显示、太阳能光伏、电子元器件、现代通信、电光源为主导产业。",
     {"新型显示", "光伏", "电子元器件", "现代通信", "电光源"}, set()),
    ("重点发展物联网产业、定位服务产业、智能健康产业和人工智能产业。",
     {"物联网", "定位服务", "智能健康", "人工智能"}, set()),
    ("培育软件与信息服务、计算机及外设、集成电路等产业集群。",
     {"软件和信息服务业", "计算机及外设", "集成电路"}, {"外设", "计算机"}),
    ("组建市大数据管理局和网络安全中心。", set(), {"大数据", "网络安全"}),
    ("推进天文、地理、历史等工作。", set(), {"天文", "地理", "历史"}),  # no industry named
])
def test_industries_only_where_the_text_names_them(text, expected, absent):
    names = {i["zh"] for i in draft(text).data["industries"]}
    assert expected <= names, names
    assert not names & absent, names


def test_new_industries_have_english_names_not_copies_of_the_chinese():
    d = draft("以电光源、现代通信、新型显示为主导产业。")
    for entry in d.data["industries"]:
        assert entry["en"] != entry["zh"] and entry["en"].isascii(), entry
    assert {"Electric light sources", "Modern communications"} <= \
        {i["en"] for i in d.data["industries"]}


@pytest.mark.parametrize("name, english, whole", [
    ("定位服务", "Positioning services", True), ("计算机及外设", "Computers and peripherals", True),
    ("智能健康", "Smart health", True), ("鸿蒙生态", None, False),
    ("南海电子", "Nanhai electronics", False),  # a proper name inside a zone's name: pinyin
])
def test_english_words(name, english, whole):
    en, known = english_words(name)
    assert known is whole and en.isascii() and en != name
    assert english is None or en == english


#: Industry names outside the lexicon -> their English from the glossary's word parts, or
#: "" where a part has no translation (left for the reviewer, never pinyin). The first three
#: were drafted as "Pcbban", "Smart Ka and Jiju" and "Pingban displays".
ENGLISH_NAMES = [
    ("PCB板", "Printed circuit boards"),
    ("智能卡及机具", ""),  # 机具 has no general translation: left for the reviewer
    ("平板显示", "Flat-panel displays"),
    ("生物医药", "Biomedicine"),
    ("汽车软件", "Automotive software"),  # a word before another: its modifier form
    ("汽车及零部件", "Vehicles and parts"),  # before 及: its head form
    ("智能装备制造", "Intelligent equipment manufacturing"),
    ("新材料及节能环保", "New materials and energy conservation and environmental protection"),
    ("家居", "Home furnishing"),
    ("石油化工", "Petrochemicals"),
    ("泵阀制造", "Pumps and valves manufacturing"),
    ("电子设计自动化软件", "Electronic design automation software"),
    ("5G通信", "5G"),  # a lexicon term: the lexicon's English
    ("9大加工集群", "9 processing clusters"),  # a count keeps its number
    ("优势特色产业集群", "Competitive specialty industry clusters"),
    ("鸿蒙生态", ""),
    ("柳编加工", "Wickerwork processing"),
    ("中药材加工", "Chinese medicinal herb processing"),
]


@pytest.mark.parametrize("name, english", ENGLISH_NAMES)
def test_english_names_of_industries_from_known_parts(name, english):
    assert english_name(name) == english


def test_an_untranslated_industry_is_marked_not_spelt_in_pinyin():
    d = draft("重点发展智能卡及机具、平板显示、鸿蒙生态等产业。")
    by_zh = {i["zh"]: i for i in d.data["industries"]}
    assert by_zh["平板显示"]["en"] == "Flat-panel displays"
    assert by_zh["平板显示"]["id"] == "new-flat-panel-displays"
    assert [by_zh[n]["en"] for n in ("智能卡及机具", "鸿蒙生态")] == \
        ["Untranslated industry 1", "Untranslated industry 2"]
    assert by_zh["鸿蒙生态"]["id"].isascii()  # ids need ASCII: pinyin only there
    assert "2 name(s) have no English yet" in d.data["notes"]
    assert "智能卡及机具 (" in d.data["notes"] and "平板显示 (" not in d.data["notes"]
    flagged = {f.label for f in d.facts if f.kind == "industry" and f.untranslated}
    assert flagged == {"Industry: 智能卡及机具 (new)",
                       "Industry: 鸿蒙生态 (new)"}
    assert d.plan.industries  # the plan validates


@pytest.mark.parametrize("name, english", [
    ("鹿城电子信息产业园", "Lucheng Electronic Information Industrial Park"),
    ("浙江省智能制造创新示范园", "Zhejiang Smart Manufacturing Innovation Demonstration Park"),
    ("甲山东部工业园", None),
])
def test_zone_english_names_translate_their_words(name, english):
    from geo.places import boundaries

    region = boundaries.unit(REGION)
    units = [*boundaries.children(region), region, boundaries.unit("330000")]
    en = english_zone_name(name, units)
    assert en.isascii() and en.endswith("Park")
    assert english is None or en == english
    # never the pinyin of the whole name glued into one word
    assert " " in en and not re.fullmatch(r"[A-Z][a-z]+", en)


def test_zone_places_in_a_draft_have_translated_english():
    d = draft("以鹿城电子信息产业园为核心。")
    zone = next(p for p in d.data["places"] if p["zh"] == "鹿城电子信息产业园")
    assert zone["en"] == "Lucheng Electronic Information Industrial Park"


@pytest.mark.parametrize("text, element, members", [
    ("构建“一核两翼”格局。以鹿城区、瓯海区、龙湾区为核心，重点发展集成电路；以乐清市、瑞安市为两翼。",
     "一核", {"330302", "330304", "330303"}),
    ("构建“一核两翼”格局。以鹿城区、瓯海区、龙湾区为核心，重点发展集成电路；以乐清市、瑞安市为两翼。",
     "两翼", {"330382", "330381"}),
    ("形成“一主多点”格局：以鹿城区为主体，以永嘉县、平阳县为支撑。", "多点", {"330324", "330326"}),
    # 即 and one clause per part: a belt strung along places 作为…发展带, two cores split by
    # their compass words, a core defined by an area named by its kind (中心城区: a member
    # zone, drawn nowhere, as the corpus keys have it)
    ("构建“一核一带两芯”布局，即以中心城区为核心，串联鹿城区、龙湾区以及甲山工业园，"
     "作为全市核心发展带，以永嘉县为北部中心、苍南县为南部中心。", "一带",
     {"330302", "330303", "jia-shan-gong-ye-yuan"}),
    ("构建“一核一带两芯”布局，即以中心城区为核心，串联鹿城区、龙湾区以及甲山工业园，"
     "作为全市核心发展带，以永嘉县为北部中心、苍南县为南部中心。", "两芯（北）", {"330324"}),
    ("构建“一核一带两芯”布局，即以中心城区为核心，串联鹿城区、龙湾区以及甲山工业园，"
     "作为全市核心发展带，以永嘉县为北部中心、苍南县为南部中心。", "一核", {"zhong-xin-cheng-qu"}),
])
def test_slogan_parts_defined_by_their_role(text, element, members):
    d = draft(text)
    entry = next(e for e in d.data["layout"] if e["zh"] == element)
    assert set(entry.get("members", [])) == members
    assert invented(d) == []


@pytest.mark.parametrize("text, years", [
    ("2018年至2021年，鹿城区软件收入由13亿元增至32亿元。", {13: 2018, 32: 2021}),
    ("今年1月至5月，鹿城区软件收入14亿元，同比增长6%。", {14: 2024, 6: 2024}),  # date 2024
    ("去年，鹿城区软件收入12亿元。", {12: 2023}),
])
def test_years_of_ranges_and_this_year(text, years):
    found = {i["value"]: i["year"] for i in draft(text).data.get("indicators", [])}
    assert found == years, found


@pytest.mark.parametrize("text, values", [
    ("到2025年，经济总量突破3600亿。", {3600}),
    ("到2035年，数字经济总体规模达到2万亿左右。", {2}),
    ("2023年，产值5亿元以上的企业13家。", {13}),  # the threshold is no figure
    ("2023年，全市集聚企业1.5万余家。", {15000}),  # 万余家: a round count in 万
])
def test_amounts(text, values):
    found = {i["value"] for i in draft(text).data.get("indicators", [])}
    assert found == values, found


@pytest.mark.parametrize("text, title", [
    ("鹿城区争创国家新型工业化产业示范基地。", "示范基地"),
    ("龙湾区建有国家级软件产业基地。", "软件产业基地"),
    ("瓯海区获批甲乙数字经济产业园。", "甲乙数字经济产业园"),  # granted: a title
])
def test_titles_are_designations(text, title):
    d = draft(text)
    assert not any(title in p["zh"] for p in d.data.get("places", []))
    assert not any(title in h for h, _ in drafted_facts(d)["hosts"])


@pytest.mark.parametrize("text, expected", [
    # parts that carry verbs and are set apart by 、, defined by quotation and 即
    ("构建“一核引领、两翼驱动、多点支撑”的布局。“一核引领”即以鹿城区为核心。"
     "“两翼驱动”即以瑞安市、乐清市为两翼。",
     {("一核", "鹿城区"), ("两翼", "瑞安市"), ("两翼", "乐清市")}),
    # parts set apart by 、 with no quotes, each defined by its role
    ("构建一核、两翼、多点的格局：以鹿城区为核心，以瑞安市、乐清市为两翼，以永嘉县、平阳县为支撑。",
     {("一核", "鹿城区"), ("两翼", "瑞安市"), ("两翼", "乐清市"), ("多点", "永嘉县"),
      ("多点", "平阳县")}),
    # roles with no slogan at all: one element per role word
    ("形成以鹿城区为核心、瑞安市和乐清市为两翼的格局。",
     {("核心", "鹿城区"), ("两翼", "瑞安市"), ("两翼", "乐清市")}),
    ("以鹿城区为核心区，以瓯海区、龙湾区为拓展区，以甲山产业园为特色区，形成竞相发展态势。",
     {("核心区", "鹿城区"), ("拓展区", "瓯海区"), ("拓展区", "龙湾区"), ("特色区", "甲山产业园")}),
    ("逐步形成以瓯海区、龙湾区、乐清市为重点，辐射全市的总体布局。",
     {("重点", "瓯海区"), ("重点", "龙湾区"), ("重点", "乐清市")}),
])
def test_slogans_with_verbs_and_roles_without_a_slogan(text, expected):
    d = draft(text)
    assert set(drafted_facts(d)["memberships"]) == expected
    assert invented(d) == []
    assert all(not re.search(r"[\u4e00-\u9fff]", e["en"]) for e in d.data["layout"])


@pytest.mark.parametrize("text", [
    "以数字经济为核心，以企业为主体，推动产业发展。",  # roles of no place: no element
    "三大产业、四个中心建设加快推进。",  # counted nouns that are no layout parts
    "鹿城区以智能制造为重点发展方向。",  # 为重点发展…: a host, not a role element
])
def test_roles_and_counts_of_no_place_make_no_element(text):
    d = draft(text)
    assert drafted_facts(d)["memberships"] == []


def test_an_area_that_lists_its_places_is_an_element_with_its_paragraphs_industries():
    d = draft("甲山产业区包括温州经济技术开发区、瓯海区、乙湖小镇等，总面积12平方公里。"
              "重点发展电子信息等产业。")
    facts = drafted_facts(d)
    assert set(facts["memberships"]) == {
        ("甲山产业区", "温州经济技术开发区"), ("甲山产业区", "瓯海区"), ("甲山产业区", "乙湖小镇")}
    entry = next(e for e in d.data["layout"] if e["zh"] == "甲山产业区")
    assert any(a["to"] == entry["id"] and "electronic-information" in a["industries"]
               for a in d.data["assignments"])
    assert not re.search(r"[\u4e00-\u9fff]", entry["en"]) and "Qu" not in entry["en"]
    assert invented(d) == []


def test_a_paragraph_headed_by_a_zone_hosts_what_its_sentences_list():
    d = draft("\n丙谷高新区\n丙谷高新区是省级高新区，规划面积30平方公里。"
              "主要包括绿色能源、智能传感、现代服务业等支柱产业。")
    hosts = set(drafted_facts(d)["hosts"])
    assert {("丙谷高新区", "绿色能源"), ("丙谷高新区", "现代服务业")} <= hosts
    assert invented(d) == []


@pytest.mark.parametrize("text, absent", [
    ("临空产业区包括甲山国际机场、乙湖物流加工区等。", "甲山国际机场"),  # places, not industries
    ("串联鹿城区、龙湾区以及甲山合作区、乙湖工业园等产业园区。", "龙湾区"),
    ("构建指三大动力、五大新兴等产业体系。", "五大新兴"),  # counts, not industry names
])
def test_lists_of_places_or_counts_are_no_industries(text, absent):
    assert absent not in drafted_facts(draft(text))["industries"]


@pytest.mark.parametrize("text, value, kept", [
    ("鹿城区布局电子信息、软件、物流等3个产业。", 3, False),  # the list's own count
    ("每个园区明确1—2个重点产业。", 2, False),  # the end of a range
    ("鹿城区已建成5G基站1200个。", 1200, True),
    ("全市现有甲山新区1个国家级经济技术开发区。", 1, False),  # which kind the zone is
    ("甲山新区已建成标准厂房3个。", 3, True),
    ("温州市下辖4个区：鹿城区、龙湾区、瓯海区、洞头区。", 4, False),  # restates the list after it
    ("鹿城区面积294平方千米。", 294, True),
    ("鹿城区户籍人口41.5万，常住人口78万人。", 415000, True),  # a population in bare 万
    ("鹿城区实现产值41.5万元。", 415000, True),
    ("甲山小镇规划面积达9566亩。", 9566, True),  # synthetic: an area in 亩
    ("甲山新区总面积扩容至45万亩。", 450000, True),  # synthetic: 万亩
    ("鹿城区软件收入是20年前的500倍。", 500, True),  # synthetic: a multiple
    ("鹿城区软件需求将成倍增长。", 1, False),  # synthetic: no number, no figure
    ("甲山新区新增园区面积300万平方米。", 3e6, True),  # synthetic: 万平方米
    ("鹿城区手机产量从428万台增长到6983万台。", 4.28e6, True),  # synthetic: 万台
    ("培育营业收入过100亿元软件企业10家。", 1e10, False),  # synthetic: picks the firms counted
    ("培育营业收入过100亿元软件企业10家。", 10, True),
])
def test_counts_that_restate_a_list_or_end_a_range_are_no_figures(text, value, kept):
    values = [v for v, _ in drafted_facts(draft(text))["indicators"]]
    assert (float(value) in values) == kept, values


def test_a_sentence_referring_to_its_paragraphs_zone_hosts_its_industries():
    d = draft("\n丙谷开发区 打造生态园区\n今年，丙谷开发区将加快转型。"
              "该区明确，加速引进电子信息、智能传感等特色产业，形成以甲山产业园为载体的特色经济；"
              "招引人工智能等新兴产业。")
    hosts = set(drafted_facts(d)["hosts"])
    assert {("丙谷开发区", "电子信息"), ("丙谷开发区", "人工智能")} <= hosts, hosts
    assert not any(h == "甲山产业园" for h, _ in hosts)
    assert invented(d) == []


@pytest.mark.parametrize("text, industry, named", [
    ("鹿城区依托甲山机场，重点发展临空产业。", "临空", True),
    ("鹿城区重点发展新兴产业。", "新兴", False),  # a class of industries, not one
    ("鹿城区大力发展主导产业。", "主导", False),
])
def test_one_industry_developed_by_name_with_no_list(text, industry, named):
    d = draft(text)
    assert (industry in drafted_facts(d)["industries"]) == named
    assert invented(d) == []
    assert all(not re.search(r"[\u4e00-\u9fff]", i["en"]) for i in d.data["industries"])


@pytest.mark.parametrize("text, industries", [
    # a list closed by its count and an industry noun, no 等 (second half of the corpus's forms)
    ("鹿城区重点发展甲果、乙菜、丙茶三大优势特色产业。", {"甲果", "乙菜", "丙茶"}),
    ("构建“3+2”产业体系，即甲涂料、乙材料、丙装备三大新兴产业。", {"甲涂料", "乙材料", "丙装备"}),
    # 等 ends the list, and the 和 after it joins no item
    ("依托甲山高新区在甲通信、乙激光、丙环保等领域的优势和基础，形成产业集群。",
     {"甲通信", "乙激光", "丙环保"}),
])
def test_lists_closed_by_a_count_or_by_deng(text, industries):
    d = draft(text)
    found = set(drafted_facts(d)["industries"])
    assert industries <= found, found
    assert not any(i.startswith("即") or "基础" in i for i in found), found
    assert invented(d) == []
    assert all(" " not in i.get("group", "") and len(i.get("group", "")) < 40
               for i in d.data["industries"])  # no group named from a phrase


def test_a_kind_of_zone_alone_is_no_place_and_a_verb_is_no_part_of_a_name():
    d = draft("（二）开发区布局\n"
              "全市现有甲山新区1个国家级经济技术开发区、乙湖经济开发区1个省级开发区。")
    places = {p["zh"] for p in d.data.get("places", [])}
    assert {"甲山新区", "乙湖经济开发区"} <= places, places
    assert not places & {"经济技术开发区", "开发区", "（二）开发区"}, places
    assert not any(p.startswith(("全市", "现有")) for p in places), places


def test_a_document_naming_only_a_zone_of_the_given_region_is_drafted():
    text = "依托甲山高新区在甲通信、乙激光等领域的优势，到2030年工业总产值达到100亿元。"
    d = geo.draft(text, region=REGION, date="2024")
    assert "only zones (甲山高新区" in d.data["notes"]
    assert ("甲山高新区", "甲通信") in drafted_facts(d)["hosts"]
    with pytest.raises(geo.drafting.DocumentError, match="never names region"):
        geo.draft("到2030年工业总产值达到100亿元。", region=REGION, date="2024")  # no zone
    with pytest.raises(geo.drafting.DocumentError, match="never names region"):
        geo.draft("南京市江宁区依托甲山高新区发展甲通信、乙激光等产业。", region=REGION)


def test_a_paragraph_opening_with_a_connective_then_a_zone_has_that_zone_as_topic():
    d = draft("\n\n同时，甲山高新区前瞻布局未来产业。布局工业软件产业，建设公共平台。")
    assert ("甲山高新区", "工业软件") in drafted_facts(d)["hosts"]
    assert invented(d) == []


@pytest.mark.parametrize("text, members, kept", [
    ("形成以“甲山企业园、乙湖创业园、丙岭物流片区”等“两园一区”为载体的特色经济。",
     {("两园", "甲山企业园"), ("两园", "乙湖创业园"), ("一区", "丙岭物流片区")}, True),
    # the count does not fit (three parks named, two counted): no member is guessed
    ("形成以“甲山企业园、乙湖创业园、丁溪科技园、丙岭物流片区”等“两园一区”为载体的经济。",
     set(), False),
])
def test_a_slogan_whose_places_are_listed_before_it(text, members, kept):
    d = draft(text)
    found = set(drafted_facts(d)["memberships"])
    assert (members <= found and len(found) == len(members)) if kept else not found, found
    assert invented(d) == []
    assert all(not re.search(r"[\u4e00-\u9fff]", p["en"]) for p in d.data.get("places", []))


def test_list_items_opening_with_a_unit_are_its_industries():
    d = draft("全市形成鹿城甲果加工、龙湾乙茶加工、乐清市丙鞋制造等8大特色集群。")
    hosts = set(drafted_facts(d)["hosts"])
    assert {("鹿城区", "甲果加工"), ("龙湾区", "乙茶加工"), ("乐清市", "丙鞋制造")} <= hosts, hosts
    assert invented(d) == []
    # a list of places closed by a kind of park hosts nothing
    d = draft("串联鹿城区城区、龙湾区城区以及甲山合作区等产业园区。")
    assert not drafted_facts(d)["hosts"]


def test_a_joiner_inside_a_unit_name_splits_no_list():
    from geo.drafting.industries import enumerations

    text = "形成甲县稻米加工、太和县中药材加工等集群。"
    items = [[text[a:b] for a, b in lst] for lst in enumerations(text, "zh")]
    assert ["甲县稻米加工", "太和县中药材加工"] in items, items


@pytest.mark.parametrize("text, element, members", [
    ("该方案在功能区中明确鹿城区为“甲山数字合作园区”。", "甲山数字合作园区", {"鹿城区"}),
    ("规划将龙湾区、瓯海区定位为“乙湖智造集聚区”。", "乙湖智造集聚区", {"龙湾区", "瓯海区"}),
])
def test_places_given_a_quoted_role_name_are_its_members(text, element, members):
    d = draft(text)
    found = {m for e, m in drafted_facts(d)["memberships"] if e == element}
    assert found == members, drafted_facts(d)["memberships"]
    assert invented(d) == []
    assert all(not re.search(r"[\u4e00-\u9fff]", e["en"]) for e in d.data["layout"])


# Fourth round: forms found on documents added fresh to the development half.

@pytest.mark.parametrize("text, kept", [
    ("到2025年，鹿城区各街道实现5G网络全覆盖。", True),  # streets are counted: 100%
    ("甲山产业园由研发区和加工区两个部分组成，实现了产业全覆盖。", False),  # counts nothing
])
def test_full_coverage_is_a_figure_only_of_something_counted(text, kept):
    d = draft(text)
    values = [v for v, _ in drafted_facts(d)["indicators"]]
    assert (100.0 in values) == kept, values
    assert invented(d) == []


@pytest.mark.parametrize("text, value, qualifier", [
    ("截至2023年底，鹿城区共有软件企业2000多家。", 2000, "at least"),
    ("鹿城区从业人员达到20多万人。", 200000, "at least"),
    ("鹿城区引进高层次人才300余人。", 300, "at least"),
    ("鹿城区现有技术人员1200人。", 1200, ""),
    ("鹿城区集聚企业1.5万余家。", 15000, "at least"),  # 余 after the 万
])
def test_round_figures_and_people_counted(text, value, qualifier):
    d = draft(text)
    figure = next(i for i in d.data.get("indicators", []) if abs(i["value"] - value) < 1e-6)
    assert ("at least" in figure["note"]) == bool(qualifier), figure["note"]
    assert invented(d) == []


def test_people_in_a_money_or_visit_figure_are_no_count():
    values = [v for v, _ in drafted_facts(draft("鹿城区接待游客8000万人次。"))["indicators"]]
    assert 8e7 not in values, values


@pytest.mark.parametrize("text, host", [
    ("在完善产业体系方面，甲山新区形成了以汽车、电子信息、装备制造三大产业为支撑的制造业体系。",
     "甲山新区"),  # a zone
    ("龙湾区形成以汽车、电子信息、装备制造三大产业为支撑的制造业体系。", "龙湾区"),  # a unit
])
def test_a_place_forming_a_system_based_on_a_list_hosts_it(text, host):
    d = draft(text)
    hosts = set(drafted_facts(d)["hosts"])
    assert {(host, "汽车"), (host, "电子信息"), (host, "装备制造")} <= hosts, hosts
    assert invented(d) == []


# ---- eighth round: forms shared by the development half's new documents ------------------

def drafted(text: str, part: str) -> set:
    """The draft's facts of one part (memberships, hosts…) as a set; none is invented."""
    d = draft(text)
    assert invented(d) == []
    return set(drafted_facts(d)[part])


@pytest.mark.parametrize("text, hosts", [
    # a zone whose name holds its rank, the subject of 带动…产业集聚 and 发展…等产业
    ("甲山国家级高新区以乙企业为龙头,带动汽车零部件、电子产业集聚,积极发展会展、物流等产业。",
     {("甲山国家级高新区", "汽车零部件"), ("甲山国家级高新区", "电子"),
      ("甲山国家级高新区", "会展")}),
    # items that each open with a zone and end in 产业; a verb is no part of the zone's name
    ("整合甲山高新区精细化工产业、乙湖新港区橡胶产业。",
     {("甲山高新区", "精细化工"), ("乙湖新港区", "橡胶")}),
    # 承载 links each unit's platform to its chains; a zone between two units ends the first's
    ("鹿城区先进制造业平台重点承载新能源汽车、工业软件等2条产业链,甲山新区先进制造业平台重点"
     "承载智能家居、集成电路等2条产业链,龙湾区先进制造业平台重点承载物联网等1条产业链。",
     {("鹿城区", "新能源汽车"), ("鹿城区", "工业软件"), ("甲山新区", "智能家居"),
      ("龙湾区", "物联网")}),
])
def test_eighth_round_host_forms(text, hosts):
    found = drafted(text, "hosts")
    assert hosts <= found and ("鹿城区", "智能家居") not in found, found


def test_a_count_after_deng_keeps_a_joined_item_whole():
    d = draft("鹿城区重点承载新能源汽车、电动工具及农机装备等2条产业链。")
    industries = drafted_facts(d)["industries"]
    assert "电动工具及农机装备" in industries and "电动工具" not in industries, industries
    d = draft("鹿城区重点发展新能源汽车、电动工具及农机装备等3条产业链。")  # three: split
    assert "农机装备" in drafted_facts(d)["industries"]


@pytest.mark.parametrize("text, absent", [
    ("共同打造先进制造、生态文旅康养、现代物流三大产业廊带。", "现代物流三大产业廊带"),
    ("整合甲山高新区精细化工产业、乙湖新港区橡胶产业。", "整合甲山高新区"),
    ("龙湾区建有国家级软件产业基地。", "龙湾区建有国家级软件产业基地"),
    # a granting verb ends a name (what follows it is a title), a bracket opens one
    ("鹿城区被国家授予数字安防产业基地称号。", "鹿城区被国家授予数字安防产业基地"),
    ("纳入浙南合作示范区(甲山片区)建设。", "浙南合作示范区(甲山片区"),
])
def test_counted_classes_and_verbs_are_no_zone_names(text, absent):
    d = draft(text)
    assert absent not in [p["zh"] for p in d.data.get("places", [])]


@pytest.mark.parametrize("text, members", [
    # places said to be a part (为/是 + the part's label)
    ("构建“一核两翼”格局,其中鹿城区为一核,瑞安市、乐清市为两翼。",
     {("一核", "鹿城区"), ("两翼", "瑞安市"), ("两翼", "乐清市")}),
    ("全市形成“一核两翼”的产业布局:鹿城区是一核,瑞安市、乐清市是两翼。",
     {("一核", "鹿城区"), ("两翼", "乐清市")}),
    # 以…为核 and 以…为多极: each role to the part written with its noun
    ("构建“一核多极”格局,以鹿城区为核,以瑞安市、乐清市、永嘉县为多极。",
     {("一核", "鹿城区"), ("多极", "瑞安市"), ("多极", "永嘉县")}),
    ("构建“一核两翼”格局。一核是指鹿城区;两翼分别是瑞安市和乐清市。",
     {("一核", "鹿城区"), ("两翼", "瑞安市"), ("两翼", "乐清市")}),
    # a count closing one part's list is no slogan of its own (瓯海三区，两翼即…)
    ("构建“一核两翼”格局,一核即鹿城、龙湾、瓯海三区,两翼即瑞安、乐清两市。",
     {("一核", "鹿城区"), ("一核", "瓯海区"), ("两翼", "瑞安市"), ("两翼", "乐清市")}),
    # 体 is a layout noun (一体两翼): 以A为主体 defines it
    ("以鹿城区为主体,以瑞安市、乐清市为两翼,构建“一体两翼”格局。",
     {("一体", "鹿城区"), ("两翼", "瑞安市")}),
    # a verb naming the part's places defines it (一带串联A、B、C)
    ("构建“一带两翼”格局,一带串联鹿城、龙湾、瓯海。", {("一带", "鹿城区"), ("一带", "瓯海区")}),
    # 群 is a layout noun (城市群, 产业群); 市区 is an area named by its kind
    ("构建“一核三群”格局,一核为温州市区,三群即瑞安市、乐清市、永嘉县。",
     {("一核", "市区"), ("三群", "乐清市")}),
])
def test_eighth_round_membership_forms(text, members):
    found = drafted(text, "memberships")
    cores = {p for e, p in found if e == "一核"}
    assert members <= found and not cores & {"瑞安市", "乐清市", "永嘉县"}, found


@pytest.mark.parametrize("text, part, expected, absent", [
    # a later sentence opening with a zone is the topic from there on
    ("鹿城区加快推进数字化改造。同时,甲山高新区前瞻布局未来产业。布局工业软件产业,"
     "引进一批企业;布局物联网产业,建设公共平台。", "hosts",
     {("甲山高新区", "工业软件"), ("甲山高新区", "物联网")}, {("鹿城区", "工业软件")}),
    # other places (其他县市…) after a part are no continuation of its definition
    ("打造“一核两翼”格局。一核:鹿城区。两翼:瑞安市、乐清市。其他县市要积极融入,"
     "永嘉县、平阳县加快发展。", "memberships",
     {("两翼", "瑞安市"), ("两翼", "乐清市")}, {("两翼", "永嘉县"), ("两翼", "平阳县")}),
])
def test_the_subject_a_sentence_carries_on(text, part, expected, absent):
    found = drafted(text, part)
    assert expected <= found and not absent & found, found


@pytest.mark.parametrize("text, industry, named", [
    ("鹿城区要加快发展数字经济,培育软件产业。", "软件", True),
    ("打造千亿产业,推动传统产业升级。", "千亿", False),
])
def test_one_industry_developed_by_any_development_verb(text, industry, named):
    assert (industry in drafted_facts(draft(text))["industries"]) is named


@pytest.mark.parametrize("text, hosts", [
    # lists of industries no lexicon knows, named as such by their frame or their verb
    ("鹿城区重点发展鞋服、眼镜、锁具。", {("鹿城区", "鞋服"), ("鹿城区", "锁具")}),
    ("鹿城区以鞋服、眼镜为主导产业。", {("鹿城区", "鞋服"), ("鹿城区", "眼镜")}),
    ("龙湾区形成了以汽摩配、泵阀为主的产业体系。", {("龙湾区", "汽摩配"), ("龙湾区", "泵阀")}),
    ("永嘉县重点培育泵阀、教玩具产业。", {("永嘉县", "泵阀"), ("永嘉县", "教玩具")}),
    ("瑞安市围绕汽车零部件产业,打造千亿级产业集群。", {("瑞安市", "汽车零部件")}),
    # a list closed by a sector's noun (等现代服务业), after 大力提升
    ("甲山高新区以乙企业为龙头,大力提升研发、科技孵化、商贸物流等现代服务业。",
     {("甲山高新区", "科技孵化"), ("甲山高新区", "商贸物流")}),
    # a place that becomes, has, serves as or owns an industry (成为, 拥有, 作为, X的Y产业)
    ("甲山高新区已成为全省最大的物联网产业基地。", {("甲山高新区", "物联网")}),
    ("龙湾区拥有集成电路企业200家。", {("龙湾区", "集成电路")}),
    ("鹿城区的工业软件产业规模居全市首位。", {("鹿城区", "工业软件")}),
    # 分别: one industry to each place, in order
    ("鹿城区、龙湾区分别重点发展工业软件和集成电路。",
     {("鹿城区", "工业软件"), ("龙湾区", "集成电路")}),
])
def test_lists_of_unknown_industries_and_respectively(text, hosts):
    found = drafted(text, "hosts")
    assert hosts <= found, found
    assert ("鹿城区", "集成电路") not in found and ("龙湾区", "工业软件") not in found


@pytest.mark.parametrize("text, absent", [
    ("软件产业是先导性、战略性和支柱性产业。", "先导性"),
    ("鹿城区重点推动企业高端化、智能化产业。", "智能化"),
    ("鹿城区重点发展总部楼宇、城市综合体建设项目和配套设施。", "配套设施"),  # not after its verb
])
def test_qualities_and_long_tasks_are_no_industries(text, absent):
    assert absent not in drafted_facts(draft(text))["industries"]


@pytest.mark.parametrize("text, industries", [
    ("全市形成了纺织服装、鞋革、眼镜三大传统产业。", {"纺织服装", "鞋革", "眼镜"}),
    ("鞋革、服装、电气是温州的传统支柱产业。", {"鞋革", "服装", "电气"}),
    ("全市主要产业有鞋革、服装、眼镜。", {"鞋革", "服装", "眼镜"}),
    ("重点发展鞋革、服装和眼镜三个产业。", {"鞋革", "服装", "眼镜"}),
    ("加快鞋革、服装、眼镜产业转型升级。", {"鞋革", "服装", "眼镜"}),
    ("大力培育鞋革、服装、眼镜产业集群。", {"鞋革", "服装", "眼镜"}),
    ("着力构建以鞋革、服装为支撑的现代产业体系。", {"鞋革", "服装"}),
    ("推进鞋革、服装、眼镜、锁具、打火机等产业提质升级。", {"鞋革", "打火机"}),
])
def test_lists_named_as_industries_in_more_frames(text, industries):
    found = drafted(text, "industries")
    assert industries <= found, found
    assert not any(re.search(r"[是个大]|产业", i) for i in found), found


@pytest.mark.parametrize("text, absent", [
    ("分开发区、服务业集聚区两部分打造50个重点产业集聚区。", "服务业集聚区"),
    ("形成数字经济与传统产业融合创新、传统产业和新兴产业协同发展的新格局。", "传统产业和新兴"),
    ("被授予软件产业基地、软件出口基地和创新型软件产业集群等荣誉称号。", "创新型软件"),
])
def test_a_count_or_a_growth_word_not_next_to_a_list_closes_none(text, absent):
    assert absent not in drafted_facts(draft(text))["industries"]


@pytest.mark.parametrize("text, hosts, absent", [
    ("以甲山高新区炼化一体化和石化新材料为核心,整合资源。",
     {("甲山高新区", "炼化一体化"), ("甲山高新区", "石化新材料")}, set()),
    ("以鹿城区电子信息、生物医药为重点,打造集群。",
     {("鹿城区", "电子信息"), ("鹿城区", "生物医药")}, set()),
    ("以甲山高新区、乙湖新区为核心,整合资源。", set(), {"乙湖新区"}),  # places only
])
def test_a_place_and_its_industries_inside_yi_wei_hexin(text, hosts, absent):
    found = drafted(text, "hosts")
    assert hosts <= found and not {i for _, i in found} & absent, found


@pytest.mark.parametrize("region, text", [
    ("330300", "瓯江口新区重点发展工业软件产业。"),  # 江口 (a county elsewhere) in a zone's name
    ("330300", "市委市政府提出,重点发展工业软件产业。"),  # the region by its organs
    ("330302", "区委区政府提出,重点发展工业软件产业。"),
    ("330381", "全市重点发展汽车零部件产业。"),  # a county-level city calls itself 市
])
def test_documents_naming_their_region_without_its_name_are_drafted(region, text):
    d = geo.draft(text, region=region, date="2024")
    assert d.plan.region == region and invented(d) == []


def test_a_document_about_another_region_is_still_refused():
    with pytest.raises(geo.drafting.DocumentError, match="never names region"):
        geo.draft("北京重点发展工业软件产业。", region="330300", date="2024")


def test_a_numbered_layouts_parts_defined_by_a_mark():
    found = drafted("构建“1+3+N”产业布局,“1”指鹿城区,“3”指龙湾区、瓯海区、洞头区,“N”指其他县市。",
                    "memberships")
    assert {("“1”", "鹿城区"), ("“3”", "龙湾区"), ("“3”", "洞头区")} <= found, found
    assert not any(part == "“N”" for part, _ in found)  # 其他县市 names no place
    assert not drafted("“3”指龙湾区、瓯海区和洞头区。", "memberships")  # no numbered layout


def test_a_quoted_label_listing_as_many_areas_as_it_counts_has_them_as_members():
    # synthetic: “三园”包括 three parks (one not a zone name the finder knows by its suffix)
    d = draft("鹿城区构建“一带三园两组团”。“三园”包括甲山酒业集中发展区、乙湖轻工业园区、"
              "丙谷机械集中发展区,旨在通过园区建设带动发展。其“两组团”包含城南组团、江北组团等两大组团。")
    found = set(drafted_facts(d)["memberships"])
    assert {("三园", "甲山酒业集中发展区"), ("三园", "乙湖轻工业园区"),
            ("三园", "丙谷机械集中发展区"), ("两组团", "城南组团"),
            ("两组团", "江北组团")} <= found, found
    assert not any(m in ("通过园区", "园区") for _, m in found), found  # 通过 is no name
    assert invented(d) == []


def test_a_list_of_a_different_count_is_no_definition():
    # synthetic: four areas for 三园, their names unknown by suffix -> no members read
    d = draft("鹿城区构建“三园”。“三园”包括甲山集中发展区、乙湖集中发展区、丙谷集中发展区、"
              "丁岭集中发展区。")
    assert not any(e == "三园" for e, _ in drafted_facts(d)["memberships"])


def test_runs_closed_by_counts_before_a_slogan_are_its_parts():
    # synthetic: three parks and four units, then the slogan naming them by count
    d = draft("布局建设甲山高新区、乙湖经开区、丙谷产业园三大园区,大力发展乐清、瑞安、永嘉、"
              "平阳四大工业重点县,构建“三区引领、多点支撑”的工业发展新格局。")
    found = set(drafted_facts(d)["memberships"])
    assert {("三区", "甲山高新区"), ("三区", "乙湖经开区"), ("三区", "丙谷产业园")} <= found, found
    assert {m for e, m in found if e == "多点"} == {"乐清市", "瑞安市", "永嘉县", "平阳县"}, found
    assert invented(d) == []


def test_runs_given_roles_before_a_slogan_map_onto_its_parts_in_order():
    # synthetic: 以A为主体, three bays 为引领, two belts named by theme 为支撑 (no members)
    d = draft("构建以甲乙都市区为主体、甲乙同城化区域为突破口,甲山湾区、乙湖湾区、丙谷湾区为引领,"
              "沿海城镇发展带、山区绿色发展带为支撑的“一核三湾两带”的协同发展新格局。")
    found = set(drafted_facts(d)["memberships"])
    assert ("一核", "甲乙都市区") in found, found
    assert {m for e, m in found if e == "三湾"} == {"甲山湾区", "乙湖湾区", "丙谷湾区"}, found
    assert not any(m.endswith("发展带") for _, m in found), found  # a belt is named, no member
    assert not any(e in ("主体", "支撑", "引领") for e, _ in found), found  # no role elements
    assert invented(d) == []


def test_a_title_like_name_the_text_counts_among_its_parks_is_a_place():
    # synthetic: 甲乙合作示范区 listed with a park as 产业园区 -> a member; alone as the
    # region's role -> a designation
    d = draft("鹿城区构建“一核一带”空间布局,即以鹿城区为核心,串联鹿城区、龙湾区以及甲乙合作示范区、"
              "丙谷工业园等产业园区,作为核心发展带。")
    assert ("一带", "甲乙合作示范区") in set(drafted_facts(d)["memberships"])
    d = draft("鹿城区建设甲乙合作示范区。")
    assert all(p["zh"] != "甲乙合作示范区" for p in d.data.get("places", []))


#: Synthetic slogans whose parts are defined by open roles (no 以) or by their count
#: written with 大 (三板块 / 三大板块) and 分别为: (text, memberships expected).
OPEN_ROLES = [
    ("鹿城区构建“一核两翼多点”格局。其中,鹿城区为核心,龙湾区、瓯海区为两翼,乐清、瑞安等为多点。",
     {("一核", "鹿城区"), ("两翼", "龙湾区"), ("两翼", "瓯海区"), ("多点", "乐清市"),
      ("多点", "瑞安市")}),
    ("构建“一核多点”格局,鹿城区作为一核,乐清、瑞安、永嘉等县市为多点支撑。",
     {("一核", "鹿城区"), ("多点", "乐清市"), ("多点", "瑞安市"), ("多点", "永嘉县")}),
    ("形成“一心三板块”格局,三大板块分别为鹿城板块、龙湾板块和瓯海板块。",
     {("三板块", "鹿城区"), ("三板块", "龙湾区"), ("三板块", "瓯海区")}),
]


def test_slogan_parts_defined_by_open_roles_and_counted_words():
    for text, expected in OPEN_ROLES:
        d = draft(text)
        found = {(re.sub(r"之\d$", "", e), m) for e, m in drafted_facts(d)["memberships"]}
        assert expected <= found, (text, found)
        assert not {e for e, _ in found} & {"核心", "多点支撑"}, found  # no role elements
        assert invented(d) == []


def test_belts_a_part_names_are_that_part_not_its_members():
    # synthetic: 两带为A带和B带 names the two belts; 三区 lists its places
    d = draft("构建“一轴两带三区”:两带为沿江产业带和沿海产业带;三区分别为鹿城区、龙湾区和瓯海区。")
    found = set(drafted_facts(d)["memberships"])
    assert not any(e == "两带" for e, _ in found), found
    assert {("三区", "鹿城区"), ("三区", "龙湾区"), ("三区", "瓯海区")} <= found, found


def test_a_list_item_holding_a_zone_is_no_industry_and_the_zones_host():
    # synthetic: 在A、B集中发展X产业 -> both zones host X; "B集中发展X" is no industry name
    d = draft("在甲山台商投资区、乙湖开发区集中发展高端临港产业;")
    facts = drafted_facts(d)
    expected = {("甲山台商投资区", "高端临港"), ("乙湖开发区", "高端临港")}
    assert expected <= set(facts["hosts"]), facts
    assert not any("开发区" in i for i in facts["industries"]), facts["industries"]
    assert invented(d) == []


# ---- eleventh round: lists named by their class, subjects opening a clause --------------

@pytest.mark.parametrize("text, industries", [
    # synthetic: a class of industries right before its list names the items industries
    ("乐清市要推动主导产业甲型织造、乙类粮油加工等核心力量的转型升级。",
     {"甲型织造", "乙类粮油加工"}),
    ("同时要积极培育新兴产业如丙类能源、丁类材料等。", {"丙类能源", "丁类材料"}),
    # synthetic: every item says 产业, the list closed by 等 and its count
    ("加速形成甲类涂料产业、乙类材料产业、丙类镀膜产业等三大临港大产业。",
     {"甲类涂料", "乙类材料", "丙类镀膜"}),
])
def test_a_list_named_by_its_class_or_closed_by_its_count_is_of_industries(text, industries):
    assert industries <= drafted(text, "industries"), drafted(text, "industries")


def test_a_list_of_firms_closed_as_projects_is_no_industry():
    # synthetic: 成功落户A、B等一批龙头产业项目 names firms' projects, no industries
    found = drafted("瑞安市成功落户甲山化工、乙湖石化等一批龙头产业项目。", "industries")
    assert not {"甲山化工", "乙湖石化"} & found, found


@pytest.mark.parametrize("text, hosts, absent", [
    # synthetic: the subject opens the sentence's second clause; 形成 develops its industries
    ("以产业集群为抓手,龙湾区正加速形成甲类涂料产业、乙类材料产业等两大产业。",
     {("龙湾区", "甲类涂料"), ("龙湾区", "乙类材料")}, set()),
    # synthetic: places framed by 以…为主 are no subject; those nearer the verb are
    ("港区先行,以甲山港区、乙湖港区为主,在鹿城区、龙湾区集中发展高端临港产业。",
     {("鹿城区", "高端临港"), ("龙湾区", "高端临港")},
     {("甲山港区", "高端临港"), ("乙湖港区", "高端临港")}),
])
def test_a_clause_opening_subject_hosts_what_it_develops(text, hosts, absent):
    found = drafted(text, "hosts")
    assert hosts <= found and not absent & found, found


# ---- twelfth round: a lexicon widened from public classifications ----------------------

def test_a_class_label_is_the_lexicons_class_and_never_a_process():
    # synthetic: 先导 is one of the lexicon's industry_classes, so it names the list after it;
    # 数字产业化 is a process (产业化), no class naming what follows it
    assert {"甲型织造", "乙类器械"} <= drafted("培育先导产业如甲型织造、乙类器械等。", "industries")
    found = drafted("推进数字产业化、产业数字化、数字化治理。", "industries")
    assert not {"产业数字化", "数字化治理"} & found, found


def _ids(text: str) -> set:
    """The lexicon ids (or new ids) of the industries a synthetic text drafts."""
    d = draft(text)
    assert invented(d) == []
    return {i["id"] for i in d.data["industries"]}


@pytest.mark.parametrize("text, ids", [
    # synthetic: sectors and categories of the public classifications the lexicon now holds
    ("瑞安市重点发展石化、纺织和新材料产业。", {"petrochemicals", "textiles", "new-materials"}),
    ("龙湾区培育生物医药、高端装备、节能环保等战略性新兴产业。",
     {"biomedicine", "high-end-equipment", "energy-saving-environmental"}),
])
def test_classification_terms_are_found(text, ids):
    assert ids <= _ids(text), _ids(text)


def test_classification_entries_state_their_source():
    from geo.drafting.lexicon import lexicon

    sources = lexicon()["sources"]
    added = [e for e in lexicon()["industries"] if "source" in e]
    assert len(added) >= 50 and all(e["source"] in sources for e in added)
    assert all({"name", "issuer", "date", "address"} <= set(sources[e["source"]])
               for e in added)
    assert all(not re.search(r"[\u4e00-\u9fff]", e["en"]) for e in added)  # English only


@pytest.mark.parametrize("text, absent", [
    # synthetic: a two-character term inside a longer word is no mention of its industry
    ("瑞安市优化工业布局，提升服务水平。", {"chemicals"}),  # 优化|工业, no 化工
    ("瑞安市新建汽车站一座。", {"automobiles"}),  # 汽车站 is a bus station
    ("瑞安市重点发展重化工业。", {"chemicals"}),  # 重化|工业
])
def test_a_term_inside_a_longer_word_is_not_found(text, absent):
    assert not absent & _ids(text), _ids(text)


def test_a_sector_a_zone_is_named_for_is_not_what_it_hosts():
    # synthetic: 化工园区 is a kind of park; 甲山化工园区 named alone hosts nothing by its name
    found = drafted("瑞安市依托甲山化工园区，重点发展乙类涂料、丙类镀膜等产业。", "hosts")
    assert not any(i == "化工" for _, i in found), found


@pytest.mark.parametrize("text, written", [
    # synthetic: an item holding two terms, or a term and a joiner, is one industry as written
    ("瑞安市重点发展钢铁建材、电子信息、新材料等产业。", "钢铁建材"),
    ("瑞安市重点发展新能源及节能环保、电子信息、新材料等产业。", "新能源及节能环保"),
    ("瑞安市重点发展汽车软件、工业软件、基础软件等产业。", "汽车软件"),
])
def test_an_item_holding_terms_beyond_one_is_one_industry_as_written(text, written):
    d = draft(text)
    names = {i["zh"] for i in d.data["industries"]}
    assert written in names, names
