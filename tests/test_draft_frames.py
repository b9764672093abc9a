"""The structural reader (geo/drafting/frames.py) and the industry spans it reads: runs of
places bound to counted labels and to development verbs, noun-phrase industries, class
terms only where listed. Synthetic sentences about Wenzhou's real units (region 330300)."""

from __future__ import annotations

import pytest

import geo
from geo.drafting.corpus import drafted_facts, invented
from geo.drafting.industries import is_noun_phrase

HEAD = "温州市数字经济发展规划。"


def _facts(sentence: str) -> dict:
    drafted = geo.draft(HEAD + sentence, region="330300", date="2022")
    assert invented(drafted) == []  # every fact cites its evidence
    return drafted_facts(drafted)


@pytest.mark.parametrize("sentence, label, members", [
    ("“一核”：鹿城区、龙湾区和瓯海区。", "一核", {"鹿城区", "龙湾区", "瓯海区"}),
    ("打造“三区”：鹿城区、龙湾区和瓯海区。", "三区", {"鹿城区", "龙湾区", "瓯海区"}),
    ("“三个园区”，就是打造鹿城数字经济产业园、龙湾区软件园和瓯海高新区数字产业园。", "三个园区",
     {"鹿城数字经济产业园", "龙湾区软件园", "瓯海高新区数字产业园"}),
    ("两带，即乐清市、永嘉县。", "两带", {"乐清市", "永嘉县"}),
])
def test_a_counted_label_takes_the_run_of_places_its_mark_defines(sentence, label, members):
    found = _facts(sentence)["memberships"]
    assert {m for lab, m in found if lab == label} == members, found


@pytest.mark.parametrize("sentence, wanted", [
    ("“一核”为中心城区，“两翼”为乐清和瑞安。",
     {("一核", "中心城区"), ("两翼", "乐清市"), ("两翼", "瑞安市")}),
    # a part defined by its role takes only the places before its role word
    ("构建“一核两翼”格局，即以中心城区为核心，以沪昆走廊为依托，以乐清、瑞安为两翼。",
     {("一核", "中心城区"), ("两翼", "乐清市"), ("两翼", "瑞安市")}),
])
def test_areas_named_by_kind_are_members(sentence, wanted):
    found = set(_facts(sentence)["memberships"])
    assert wanted <= found and not any(m == "沪昆走廊" for _, m in found), found


def test_a_count_of_units_the_region_administers_is_no_layout():
    found = _facts("温州市下辖4个区:鹿城区、龙湾区、瓯海区、洞头区。")["memberships"]
    assert found == []


@pytest.mark.parametrize("sentence, hosts", [
    ("依托温州经济技术开发区，重点发展激光与光电、生命健康产业。",
     {("温州经济技术开发区", "生命健康")}),
    ("温州高新区是国家级高新区，区内已形成了以数字安防、智能装备产业为主导的产业体系。",
     {("温州高新区", "数字安防"), ("温州高新区", "智能装备")}),
    ("瑞安市、平阳县重点发展汽车零部件和智能装备。",
     {("瑞安市", "汽车零部件"), ("平阳县", "汽车零部件"), ("瑞安市", "智能装备")}),
    ("集成电路、新型显示产业重点布局在龙湾区、瓯海区。",
     {("龙湾区", "新型显示"), ("瓯海区", "集成电路")}),
])
def test_a_run_opening_a_clause_hosts_what_its_verb_develops(sentence, hosts):
    found = set(_facts(sentence)["hosts"])
    assert hosts <= found, found


def test_the_next_place_ends_the_subject():
    found = set(_facts("鹿城区重点发展人工智能，龙湾区发展集成电路。")["hosts"])
    assert ("鹿城区", "集成电路") not in found and ("龙湾区", "集成电路") in found


@pytest.mark.parametrize("sentence, wanted, unwanted", [
    # a bracketed gloss does not split the list; institutions are no industries
    ("着力发展基础软件、工业软件、电子设计自动化软件（EDA）和汽车软件等10个重点领域。",
     {"电子设计自动化软件", "汽车软件"}, set()),
    ("新建10个以上高水平研究院、研发中心、开源社区等软件领域技术创新平台。", set(),
     {"研发中心", "开源社区", "上高水平研究院"}),
    # class terms are industries only where listed as one
    ("推进新型智慧城市运行管理体系建设，建设数据中心。", set(), {"智慧城市", "数据中心"}),
    ("重点发展物联网、数据中心、人工智能等产业。", {"数据中心", "物联网"}, set()),
    ("以汽车、电子信息产业为支撑的先进制造业体系。", {"汽车", "电子信息"}, {"先进制造业"}),
    # 为主 closes a list as 为主导 does (以A、B为主的产业体系); 为主要功能 does not
    ("瓯海区将形成以泵阀、鞋服、智能电网为主的产业体系。", {"泵阀", "鞋服"}, set()),
    ("建设以航空物流、会展商贸、人工智能为主要功能的新城。", set(), {"航空物流", "会展商贸"}),
])
def test_industry_spans(sentence, wanted, unwanted):
    found = set(_facts(sentence)["industries"])
    assert wanted <= found and not unwanted & found, found


@pytest.mark.parametrize("name, noun", [
    ("汽车零部件", True), ("节能环保", True), ("装备制造", True), ("第三代半导体", True),
    ("研发中心", False), ("打造高效特色农业", False), ("上高水平研究院", False),
])
def test_noun_phrases_by_part_of_speech(name, noun):
    assert is_noun_phrase(name) is noun


@pytest.mark.parametrize("word, zh", [
    # 北斗 is satellite navigation, not the satellite internet (a different industry)
    ("北斗卫星导航", "卫星导航"), ("北斗", "卫星导航"), ("卫星互联网", "卫星互联网"),
    # 光电子 is the short form of the optoelectronic-information sector's name
    ("光电子", "光电子信息"),
])
def test_a_lexicon_word_drafts_the_industry_it_names(word, zh):
    drafted = geo.draft(HEAD + f"重点发展{word}、人工智能等产业。", region="330300", date="2022")
    names = {i.name.zh for i in drafted.plan.industries}
    assert zh in names and not ({"卫星导航", "卫星互联网"} - {zh}) & names, names
