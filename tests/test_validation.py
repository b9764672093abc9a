"""Bad plan files: every problem named with file, line, field and a suggestion."""

from pathlib import Path

import pytest

import geo
from geo.errors import AtlasError, PlanError
from geo.planfile import plan_path

SHIPPED = plan_path("wenzhou-2024")


def write_variant(tmp_path: Path, old: str, new: str, name: str = "wenzhou-2024.yaml") -> Path:
    text = SHIPPED.read_text("utf-8")
    assert old in text, f"test setup: {old!r} is not in the shipped plan"
    path = tmp_path / name
    path.write_text(text.replace(old, new, 1), "utf-8")
    return path


def line_of(path: Path, needle: str) -> int:
    return next(i for i, line in enumerate(path.read_text("utf-8").splitlines(), 1)
                if needle in line)


def only_problem(path: Path) -> str:
    with pytest.raises(PlanError) as caught:
        geo.load_plan(path)
    assert len(caught.value.problems) == 1, caught.value.problems
    message = str(caught.value)
    assert "\n" not in message
    return message


def test_shipped_plan_is_valid():
    plan = geo.load_plan("wenzhou-2024")
    assert plan.id == "wenzhou-2024" and plan.region == "330300"


def test_typo_in_a_district_names_file_line_and_suggestion(tmp_path):
    path = write_variant(tmp_path, "members: [乐清市]", "members: [Yueqinq]")
    message = only_problem(path)
    assert message == (f"unknown district or place 'Yueqinq' in {path} line "
                       f"{line_of(path, 'Yueqinq')} (layout[1].members[0]); "
                       "did you mean Yueqing (乐清市)?")


def test_unknown_industry_in_an_assignment(tmp_path):
    path = write_variant(tmp_path, "industries: [high-end-software, iot]",
                         "industries: [high-end-sofware, iot]")
    message = only_problem(path)
    assert "unknown industry 'high-end-sofware'" in message
    assert f"line {line_of(path, 'high-end-sofware')}" in message
    assert "did you mean high-end-software" in message


def test_syntax_error_gives_its_line(tmp_path):
    path = write_variant(tmp_path, "  - id: north-core", "  - id: [north-core")
    message = only_problem(path)
    assert message.startswith("YAML syntax error")
    assert str(path) in message and " line " in message


def test_empty_file(tmp_path):
    path = tmp_path / "empty.yaml"
    path.write_text("  \n", "utf-8")
    assert "file is empty" in only_problem(path)


def test_missing_file(tmp_path):
    path = tmp_path / "nowhere.yaml"
    assert only_problem(path) == f"plan file not found in {path}"


def test_duplicate_industry_id(tmp_path):
    path = write_variant(tmp_path, "{id: metaverse,", "{id: ai,")
    message = only_problem(path)
    first = line_of(path, "{id: ai,")
    assert f"duplicate industry id 'ai' (first at line {first})" in message


def test_every_problem_is_collected_before_raising(tmp_path):
    path = write_variant(tmp_path, "members: [乐清市]", "members: [Yueqinq]")
    text = path.read_text("utf-8").replace("source: zhongxin-2024\n    where: layout",
                                           "source: zhongxin-2042\n    where: layout", 1)
    text = text.replace('region: "330300"', 'region: "330399"')
    path.write_text(text.replace("kind: corridor", "knd: corridor"), "utf-8")
    with pytest.raises(PlanError) as caught:
        geo.load_plan(path)
    messages = [str(p) for p in caught.value.problems]
    assert any("region code '330399'" in m for m in messages)
    assert any("unknown source 'zhongxin-2042'" in m and "did you mean zhongxin-2024" in m
               for m in messages)
    assert any("unknown field 'knd'" in m and "did you mean kind" in m for m in messages)
    assert "more problem" in str(caught.value)


def test_unknown_indicator_unit(tmp_path):
    path = write_variant(tmp_path, "unit: 亿元", "unit: 亿圆")
    assert "unknown unit '亿圆'" in only_problem(path)


def test_percentage_needs_its_base(tmp_path):
    path = write_variant(tmp_path, " base: Wenzhou GDP,", "")
    assert "a percentage needs its base" in only_problem(path)


def test_anchors_and_aliases_are_refused(tmp_path):
    path = tmp_path / "alias.yaml"
    path.write_text("a: &x [1, 2]\nb: *x\n", "utf-8")
    assert "anchors and aliases are not allowed" in only_problem(path)


def test_not_a_mapping(tmp_path):
    path = tmp_path / "list.yaml"
    path.write_text("- just\n- a list\n", "utf-8")
    assert "expected a mapping" in only_problem(path)


def test_plan_error_is_an_atlas_error_and_a_value_error():
    assert issubclass(PlanError, AtlasError) and issubclass(PlanError, ValueError)


def test_unknown_shipped_plan_suggests():
    with pytest.raises(KeyError, match="did you mean wenzhou-2024"):
        geo.load_plan("wenzhou-2042")
