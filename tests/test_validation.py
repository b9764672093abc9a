"""Bad plan files: every problem named with file, line, field and a suggestion."""

from dataclasses import dataclass
from pathlib import Path

import pytest

import geo
from geo.errors import AtlasError, PlanError


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


@dataclass(frozen=True)
class Bad:
    """A bad plan file and the one problem it must give.

    The file is the shipped wenzhou-2024 plan with ``edits`` ((old, new), each old
    replaced once), or ``text``, or no file at all (``missing``). In the expected
    texts ``{path}`` stands for the file and ``{line}`` for the number of the first
    line holding ``line_of``.
    """

    edits: tuple[tuple[str, str], ...] = ()
    text: str | None = None
    missing: bool = False
    name: str = "wenzhou-2024.yaml"  # file name = plan id
    line_of: str = ""
    equals: str = ""  # the message is exactly this
    starts: str = ""  # the message starts with this
    contains: tuple[str, ...] = ()  # the message holds each of these


BAD = {
    "typo-in-a-district-names-file-line-and-suggestion": Bad(
        edits=(("members: [乐清市]", "members: [Yueqinq]"),), line_of="Yueqinq",
        equals="unknown district or place 'Yueqinq' in {path} line {line} "
               "(layout[1].members[0]); did you mean Yueqing (乐清市)?"),
    "unknown-industry-in-an-assignment": Bad(
        edits=(("industries: [high-end-software, iot]", "industries: [high-end-sofware, iot]"),),
        line_of="high-end-sofware",
        contains=("unknown industry 'high-end-sofware'", "line {line}",
                  "did you mean high-end-software")),
    "syntax-error-gives-its-line": Bad(
        edits=(("  - id: north-core", "  - id: [north-core"),),
        starts="YAML syntax error", contains=("{path}", " line ")),
    "empty-file": Bad(text="  \n", name="empty.yaml", contains=("file is empty",)),
    "missing-file": Bad(missing=True, name="nowhere.yaml",
                        equals="plan file not found in {path}"),
    "duplicate-industry-id": Bad(
        edits=(("{id: metaverse,", "{id: ai,"),), line_of="{id: ai,",
        contains=("duplicate industry id 'ai' (first at line {line})",)),
    "unknown-indicator-unit": Bad(edits=(("unit: 亿元", "unit: 亿圆"),),
                                  contains=("unknown unit '亿圆'",)),
    "percentage-needs-its-base": Bad(
        edits=((" base: Wenzhou GDP,", ""),),
        contains=("a percentage needs its base",)),
    "anchors-and-aliases-are-refused": Bad(
        text="a: &x [1, 2]\nb: *x\n", name="alias.yaml",
        contains=("anchors and aliases are not allowed",)),
    "not-a-mapping": Bad(text="- just\n- a list\n", name="list.yaml",
                         contains=("expected a mapping",)),
}


def test_shipped_plan_is_valid():
    plan = geo.load_plan("wenzhou-2024")
    assert plan.id == "wenzhou-2024" and plan.region == "330300"


@pytest.mark.parametrize("bad", BAD.values(), ids=BAD)
def test_bad_plan_gives_one_problem(bad, tmp_path, plan_variant):
    """Each bad file gives exactly one problem, in one line, with its file, line and hint."""
    if bad.edits:
        path = plan_variant(*bad.edits, name=bad.name)
    else:
        path = tmp_path / bad.name
        if not bad.missing:
            path.write_text(bad.text, "utf-8")
    message = only_problem(path)

    line = line_of(path, bad.line_of) if bad.line_of else None

    def expected(text: str) -> str:
        return text.replace("{path}", str(path)).replace("{line}", str(line))

    if bad.equals:
        assert message == expected(bad.equals)
    if bad.starts:
        assert message.startswith(expected(bad.starts))
    for part in bad.contains:
        assert expected(part) in message
    assert bad.equals or bad.starts or bad.contains, "test setup: nothing expected"


def test_every_problem_is_collected_before_raising(plan_variant):
    path = plan_variant(("members: [乐清市]", "members: [Yueqinq]"))
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


def test_plan_error_is_an_atlas_error_and_a_value_error():
    assert issubclass(PlanError, AtlasError) and issubclass(PlanError, ValueError)


def test_unknown_shipped_plan_suggests():
    with pytest.raises(KeyError, match="did you mean wenzhou-2024"):
        geo.load_plan("wenzhou-2042")
