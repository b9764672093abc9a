"""What each shipped plan says, checked fact by fact against its loaded Atlas.

One table per plan: rows of (query, argument, expected). The expected values are
read from the source documents in the plans' ``sources`` (not from running the
code); amounts are in base units (亿元 and billion yuan -> yuan). Adcodes:
Wenzhou 鹿城 330302, 龙湾 330303, 瓯海 330304, 洞头 330305, 永嘉 330324,
平阳 330326, 苍南 330327, 瑞安 330381, 乐清 330382; 桐乡 330483; cities 合肥 340100,
杭州 330100, 武汉 420100, 北京 110100, 上海 310100, 郑州 410100.
"""

from __future__ import annotations

import pytest

import geo

FILES = {
    "wenzhou-2024": "000_4aa4c8075af5f37a.txt",
    "zhejiang-2022": "001_d826faf8cd172bad.txt",
    "tongxiang-2018": "002_67147eec087c27c0.txt",
    "china-clusters-2022": "003_bb1652626000296c.txt",
    "wenzhou-2022": "004_fcdfdc83f61af24e.txt",
}

YI = 1e8  # 亿元 in yuan
BN = 1e9  # billion yuan in yuan
TN = 1e12  # trillion yuan in yuan

CORRIDOR_2024 = ("330302", "330303", "330304", "330305", "330324")
NORTH = ("330382",)
SOUTH_2024 = ("330326", "330327", "330381")
SOUTH_2022 = ("330326", "330381")


def find_indicator(atlas, metric: str, year: int | None, scope: str = ""):
    """The one indicator of ``metric`` in ``year`` (None: a target without a year)."""
    scope = scope or atlas.plan.region
    found = [i for i in atlas.plan.indicators
             if (i.metric, i.year, i.scope) == (metric, year, scope)]
    assert len(found) == 1, f"{metric} {year} {scope}: {found}"
    return found[0]


def indicator(atlas, metric: str, year: int | None, scope: str = "") -> tuple[float, str, str]:
    """(value in base units, base unit, kind) of the one indicator matching."""
    found = find_indicator(atlas, metric, year, scope)
    return found.value, found.unit, found.kind


def role(atlas, name_en: str):
    """The one role of the plan's region named ``name_en``."""
    found = [r for r in atlas.plan.roles if r.name.en == name_en]
    assert len(found) == 1, f"{name_en}: {atlas.plan.roles}"
    return found[0]


def ask(atlas, query: str, arg):
    """Answer one row's query on an atlas."""
    if query == "hosting":
        return tuple(sorted(atlas.districts_hosting(arg)["adcode"]))
    if query == "status":
        return atlas.hosting_status(arg)
    if query == "zones":
        return tuple(atlas.districts_hosting(arg).attrs["zones"])
    if query == "members":
        return tuple(sorted(m.key for m in atlas.plan.element(arg).members))
    if query == "located":
        return atlas.plan.element(arg).located
    if query == "industries_in":
        return tuple(sorted(atlas.industries_in(arg)["industry"]))
    if query == "units":
        return len(atlas.districts)
    if query == "indicator":
        return indicator(atlas, *arg)
    if query == "indicator_reading":  # how firmly, of what, per what
        found = find_indicator(atlas, *arg)
        return found.citation.basis, found.base, found.per
    if query == "roles":
        return tuple(sorted(r.name.en for r in atlas.plan.roles))
    if query == "role_industries":
        return tuple(sorted(role(atlas, arg).industries))
    if query == "role_basis":
        return role(atlas, arg).citation.basis
    if query == "group":
        return tuple(sorted(i.id for i in atlas.plan.industries if i.group == arg))
    if query == "zone_basis":
        return atlas.plan.zone(arg).citation.basis
    raise AssertionError(f"unknown query {query!r}")


def check(atlas, query, arg, expected):
    answer = ask(atlas, query, arg)
    if query == "indicator":
        value, unit, kind = answer
        assert (unit, kind) == expected[1:]
        assert value == pytest.approx(expected[0], rel=1e-9)
    else:
        assert answer == expected


WENZHOU_2024 = [
    ("units", None, 12),
    ("members", "corridor", tuple(sorted((*CORRIDOR_2024, "marine-zone")))),
    ("members", "north-core", NORTH),
    ("members", "south-core", SOUTH_2024),
    ("located", "spots", False),
    ("hosting", "iot", tuple(sorted(CORRIDOR_2024 + NORTH + SOUTH_2024))),
    ("hosting", "energy-electronics", tuple(sorted(CORRIDOR_2024 + NORTH))),
    ("hosting", "ic", tuple(sorted(CORRIDOR_2024 + NORTH))),
    ("hosting", "high-end-software", tuple(sorted(CORRIDOR_2024 + NORTH + SOUTH_2024))),
    ("hosting", "ai", CORRIDOR_2024),
    ("hosting", "metaverse", CORRIDOR_2024),
    ("zones", "iot", ("marine-zone",)),
    ("industries_in", "乐清", ("energy-electronics", "high-end-software", "ic", "iot")),
    ("industries_in", "Cangnan", ("high-end-software", "iot")),
    ("industries_in", "泰顺县", ()),
    ("status", "smart-home", "not located"),
    ("status", "smart-pumps-valves", "not located"),
    ("status", "IoT", "located"),
    ("indicator", ("core-digital-added-value", 2023), (689.2 * YI, "yuan", "actual")),
    ("indicator", ("core-digital-added-value", 2023), (68.92 * BN, "yuan", "actual")),
    ("indicator", ("core-digital-added-value", 2027), (110 * BN, "yuan", "target")),
    ("indicator", ("digital-industry-total", 2035), (1 * TN, "yuan", "target")),
    ("indicator", ("core-digital-added-value-share", 2023), (7.9, "percent", "actual")),
    ("indicator_reading", ("core-digital-added-value-share", 2023),
     ("interpreted", "Wenzhou GDP", "")),
    ("indicator", ("digital-city-rank", 2023), (24, "rank", "actual")),
    ("indicator", ("listed-firms", 2023), (11, "count", "actual")),
    ("indicator", ("firms-output-5bn", 2023), (2, "count", "actual")),
    ("indicator", ("firms-output-500m", 2023), (68, "count", "actual")),
    ("indicator_reading", ("digital-city-rank", 2023), ("interpreted", "", "")),
    ("indicator_reading", ("listed-firms", 2023), ("interpreted", "", "")),
    ("indicator_reading", ("firms-output-5bn", 2023), ("interpreted", "", "")),
    ("indicator_reading", ("firms-output-500m", 2023), ("interpreted", "", "")),
    ("roles", None, ("Existing distinctive industry clusters",)),
    ("role_industries", "Existing distinctive industry clusters",
     ("ai", "energy-electronics", "high-end-software", "ic", "iot")),
    ("role_basis", "Existing distinctive industry clusters", "stated"),
]

WENZHOU_2022 = [
    ("units", None, 12),
    ("members", "corridor", ()),
    ("located", "corridor", False),
    ("members", "north-core", NORTH),
    ("members", "south-core", SOUTH_2022),
    ("members", "chains", ()),
    ("members", "spots", ()),
    ("status", "digital-security", "not located"),
    ("status", "network-communications", "not located"),
    ("status", "intelligent-computing", "not located"),
    ("status", "digital-products-equipment", "not located"),
    ("status", "iot", "not assigned"),
    ("status", "物联网", "not assigned"),
    ("status", "industrial-internet", "not assigned"),
    ("status", "blockchain", "not assigned"),
    ("hosting", "digital-security", ()),
    ("hosting", "smart-electrical", NORTH),
    ("hosting", "connected-vehicle-electronics", ("330381",)),
    ("hosting", "intelligent-equipment", ("330324",)),
    ("industries_in", "乐清市", ("smart-electrical",)),
    ("industries_in", "平阳", ()),
    ("indicator", ("digital-economy-added-value", 2025), (6500 * YI, "yuan", "target")),
    ("indicator", ("digital-economy-added-value-share", 2025), (65, "percent", "target")),
    ("indicator", ("core-digital-added-value", 2025), (1000 * YI, "yuan", "target")),
    ("indicator", ("core-digital-added-value-share", 2025), (10, "percent", "target")),
    ("indicator", ("digital-economy-added-value-rank", 2025), (3, "rank", "target")),
    ("indicator", ("government-digitalisation-rank", 2025), (2, "rank", "target")),
    ("indicator", ("digital-economy-index", 2020), (91.3, "points", "actual")),
    ("indicator", ("digital-economy-index-rank", 2020), (2, "rank", "actual")),
    ("indicator", ("new-projects-over-100m", 2025), (150, "count", "target")),
    ("indicator", ("online-retail-growth", 2025), (6, "percent", "target")),
    ("indicator", ("cross-border-ecommerce-exports", 2025), (190 * YI, "yuan", "target")),
    ("indicator", ("online-supervision-share", 2025), (95, "percent", "target")),
    ("indicator", ("city-brain-scenarios", 2025), (300, "count", "target")),
    ("roles", None, ("Front-running area of the digital economy",
                     "Innovation-leading demonstration zone of the national cross-border "
                     "e-commerce pilot zones", "Third pole of Zhejiang's digital economy")),
    ("role_basis", "Third pole of Zhejiang's digital economy", "stated"),
    ("role_basis", "Front-running area of the digital economy", "stated"),
]

ZHEJIANG_2022 = [
    ("units", None, 11),
    ("members", "digital-security-cluster", ()),
    ("members", "ic-cluster", ()),
    ("members", "other-clusters", ()),
    ("status", "digital-security", "not located"),
    ("status", "IC", "not located"),
    ("hosting", "ic", ()),
    ("industries_in", "杭州", ()),
    ("indicator", ("digital-economy-added-value", 2021), (3.57 * TN, "yuan", "actual")),
    ("indicator", ("digital-economy-added-value-national-rank", 2021), (4, "rank", "actual")),
    ("indicator", ("digital-economy-added-value-share", 2021), (48.6, "percent", "actual")),
    ("indicator", ("digital-economy-added-value-share-rank", 2021), (1, "rank", "actual")),
    ("indicator", ("digital-economy-added-value", 2027), (7 * TN, "yuan", "target")),
    ("indicator", ("core-digital-added-value", 2027), (1.6 * TN, "yuan", "target")),
    ("indicator", ("hundred-billion-clusters", 2022), (6, "count", "actual")),
    ("indicator", ("digital-science-projects-per-year", None), (200, "count", "target")),
    ("indicator_reading", ("digital-science-projects-per-year", None), ("stated", "", "year")),
    ("indicator", ("major-innovation-achievements", None), (150, "count", "target")),
    ("indicator_reading", ("major-innovation-achievements", None), ("interpreted", "", "year")),
    ("roles", None, ("Digital technology innovation centre with global influence",
                     "Emerging financial centre with global influence",
                     "Global digital trade centre", "High ground of digital transformation",
                     "National leading area of digital industrialisation",
                     "National pilot zone of digital economy mechanism innovation",
                     "National showcase for digitising industry",
                     "New computing centre of the Yangtze River Delta",
                     "Pilot area for data infrastructure systems",
                     "Pilot area for digital empowerment and common prosperity")),
    ("indicator", ("industry-brains", 2027), (50, "count", "target")),
    ("indicator", ("future-factories", 2027), (100, "count", "target")),
    ("indicator", ("smart-factories", 2027), (1200, "count", "target")),
    ("indicator", ("industrial-internet-coverage", 2027), (100, "percent", "target")),
]

FUNCTION_AREAS = ("advanced-manufacturing-zone", "fashion-industrial-zone",
                  "internet-industrial-zone", "smart-new-city")

TONGXIANG_2018 = [
    ("units", None, 1),
    ("members", "sci-tech-zone", ("wuzhen-avenue-zone",)),
    ("members", "function-areas", FUNCTION_AREAS),
    ("members", "wuzhen-high-point", ("wuzhen",)),
    ("hosting", "iot", ("330483",)),
    ("hosting", "big-data", ("330483",)),
    ("hosting", "cloud-computing", ("330483",)),
    ("hosting", "smart-manufacturing", ("330483",)),
    ("hosting", "software", ("330483",)),
    ("industries_in", "桐乡", ("big-data", "cloud-computing", "iot", "smart-manufacturing",
                              "software-it-services")),
    ("status", "fashion-industry", "not located"),
    ("zones", "fashion-industry", ("fashion-industrial-zone",)),
    ("status", "internet-industry", "not located"),
    ("zones", "internet-industry", ("internet-industrial-zone",)),
    ("status", "advanced-manufacturing", "not located"),
    ("hosting", "advanced-manufacturing", ()),
    ("indicator", ("digital-projects-introduced", 2018), (565, "count", "actual")),
    ("indicator", ("digital-projects-planned-investment", 2018), (37.73 * BN, "yuan", "actual")),
    ("indicator", ("digital-projects-registered-capital", 2018), (2.5 * BN, "yuan", "actual")),
    ("indicator", ("software-it-services-income", 2018), (250e6, "yuan", "actual")),
    ("indicator", ("software-it-services-income-growth", 2018), (81.8, "percent", "actual")),
    ("indicator", ("4g-base-stations", 2018), (2507, "count", "actual")),
    ("indicator", ("digital-economy-output", 2022), (50 * BN, "yuan", "target")),
    ("indicator", ("planned-area", 2018, "wuzhen-avenue-zone"), (125, "km2", "actual")),
    ("indicator", ("share-of-urban-area", 2018, "wuzhen-avenue-zone"),
     (17, "percent", "actual")),
    ("indicator", ("share-of-gdp", None, "wuzhen-avenue-zone"), (80, "percent", "target")),
    ("indicator_reading", ("share-of-gdp", None, "wuzhen-avenue-zone"),
     ("interpreted", "Tongxiang's GDP", "")),
    ("zone_basis", "wuzhen-avenue-zone", "stated"),
    ("roles", None, ("Provincial information economy demonstration zone",
                     "Provincial software and IT industry entrepreneurship base")),
    ("role_industries", "Provincial software and IT industry entrepreneurship base",
     ("software-it-services",)),
]

CHINA_2022 = [
    ("units", None, 370),
    ("members", "hefei-smart-voice", ("340100",)),
    ("members", "hangzhou-digital-security", ("330100",)),
    ("members", "wuhan-optoelectronics", ("420100",)),
    ("members", "data-exchanges", ("110100", "310100", "410100")),
    ("located", "computing-network", False),
    ("hosting", "smart-voice", ("340100",)),
    ("hosting", "digital-security", ("330100",)),
    ("hosting", "optoelectronic-information", ("420100",)),
    ("hosting", "data-exchange", ("110100", "310100", "410100")),
    ("industries_in", "Wuhan", ("optoelectronic-information",)),
    ("status", "ic", "not assigned"),
    ("status", "AI", "not assigned"),
    ("indicator", ("cluster-operating-revenue", 2021, "340100"), (137.8 * BN, "yuan", "actual")),
    ("indicator", ("cluster-enterprises", 2021, "340100"), (1423, "count", "actual")),
    ("indicator", ("cluster-core-operating-revenue", 2021, "330100"),
     (272.08 * BN, "yuan", "actual")),
    ("indicator", ("cluster-core-operating-revenue-growth", 2021, "330100"),
     (17.2, "percent", "actual")),
    ("indicator", ("cluster-investment-3y", 2022, "420100"), (200 * BN, "yuan", "actual")),
    ("indicator", ("cluster-enterprises", 2022, "420100"), (15000, "count", "actual")),
    ("indicator", ("core-digital-added-value-share", 2020), (7.8, "percent", "actual")),
    ("indicator", ("core-digital-added-value-share", 2025), (10, "percent", "target")),
    ("indicator_reading", ("core-digital-added-value-share", 2020),
     ("interpreted", "China's GDP", "")),
    ("indicator_reading", ("core-digital-added-value-share", 2025),
     ("interpreted", "China's GDP", "")),
    ("group", "industrial-digitalisation", ("digital-finance", "digital-trade",
                                            "smart-agriculture", "smart-logistics",
                                            "smart-manufacturing")),
    ("group", "scenarios", ("smart-mines", "telemedicine")),
    ("group", "digital-industrialisation", ("5g", "basic-software", "connected-vehicles", "ic",
                                            "industrial-robots", "industrial-software")),
    ("group", "emerging", ("ai", "big-data", "blockchain", "cloud-computing",
                           "industrial-internet")),
    ("indicator", ("core-digital-added-value", 2020), (7.9 * TN, "yuan", "actual")),
    ("indicator", ("gdp", 2020), (101.36 * TN, "yuan", "actual")),
    ("indicator", ("national-hub-nodes", 2022), (8, "count", "actual")),
    ("indicator", ("data-centre-clusters", 2022), (10, "count", "actual")),
    ("indicator", ("data-exchange-institutions", 2022), (40, "count", "actual")),
]


def _rows(plan_id, rows):
    return [pytest.param(plan_id, q, a, e, id=f"{q}-{a if not isinstance(a, tuple) else a[0]}")
            for q, a, e in rows]


FACTS = {"wenzhou-2024": WENZHOU_2024, "wenzhou-2022": WENZHOU_2022,
         "zhejiang-2022": ZHEJIANG_2022, "tongxiang-2018": TONGXIANG_2018,
         "china-clusters-2022": CHINA_2022}


@pytest.mark.parametrize(("plan_id", "query", "arg", "expected"),
                         [row for plan_id, rows in FACTS.items() for row in _rows(plan_id, rows)])
def test_plan_fact(atlases, plan_id, query, arg, expected):
    check(atlases(plan_id), query, arg, expected)


@pytest.mark.parametrize("plan_id", sorted(FILES))
def test_every_fact_cites_its_document(plan_id):
    plan = geo.load_plan(plan_id)
    assert plan_id in geo.plans()
    files = {s.id: s.file for s in plan.sources}
    citations = ([e.citation for e in plan.layout] + [a.citation for a in plan.assignments]
                 + [i.citation for i in plan.indicators] + [r.citation for r in plan.roles])
    assert citations
    assert {files[c.source] for c in citations} == {FILES[plan_id]}
    for citation in citations:
        assert citation.basis in ("stated", "interpreted")
        if citation.basis == "interpreted":
            assert citation.note, f"{plan_id}: interpretation without a note"


@pytest.mark.parametrize("industry", ["iot", "smart-electrical"])
def test_wenzhou_plans_share_industry_ids(industry):
    for plan_id in ("wenzhou-2022", "wenzhou-2024"):
        assert geo.load_plan(plan_id).industry(industry).id == industry


def test_digital_security_has_one_id_across_plans():
    for plan_id in ("wenzhou-2022", "zhejiang-2022", "china-clusters-2022"):
        assert geo.load_plan(plan_id).industry("digital-security").name.zh == "数字安防"
