"""The command line: output, exit codes, one-line errors, no half-written files."""

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from geo import cli

ROOT = Path(__file__).resolve().parents[1]


def run(*args, cwd=None):
    return subprocess.run([sys.executable, "-m", "geo.cli", *args], capture_output=True,
                          text=True, cwd=cwd)


def test_plans_lists_shipped_plans(capsys):
    assert cli.main(["plans"]) == 0
    assert "wenzhou-2024" in capsys.readouterr().out.split()


def test_query_industry_json(capsys):
    assert cli.main(["query", "wenzhou-2024", "--industry", "IC", "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["industry"] == "ic" and result["status"] == "located"
    assert {d["name_en"] for d in result["districts"]} == {
        "Lucheng", "Longwan", "Ouhai", "Dongtou", "Yongjia", "Yueqing"}


def test_query_district_by_chinese_short_name(capsys):
    assert cli.main(["query", "wenzhou-2024", "--district", "乐清"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("330382: 4 industries")
    assert "energy-electronics" in out and "ai " not in out


def test_query_unlocated_industry_says_so(capsys):
    assert cli.main(["query", "wenzhou-2024", "--industry", "smart-home"]) == 0
    out = capsys.readouterr().out
    assert "not located" in out and "Multiple Spots" in out


def test_check_ok(capsys):
    assert cli.main(["check", "wenzhou-2024"]) == 0
    assert capsys.readouterr().out.startswith("ok: wenzhou-2024")


def test_build_writes_the_map(tmp_path):
    result = run("build", "wenzhou-2024", "-o", str(tmp_path))
    assert result.returncode == 0, result.stderr
    path = tmp_path / "wenzhou-2024.html"
    assert result.stdout.strip() == str(path)
    assert path.stat().st_size > 100_000
    assert [p.name for p in tmp_path.iterdir()] == ["wenzhou-2024.html"]


@pytest.mark.parametrize("args", [
    ["query", "wenzhou-2024", "--industry", "chipz"],
    ["query", "wenzhou-2024", "--district", "Yueqinq"],
    ["query", "wenzhou-2042", "--industry", "ic"],
])
def test_unknown_names_give_one_line_and_exit_2(args):
    result = run(*args)
    assert result.returncode == 2
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "did you mean" in lines[0] and "Traceback" not in result.stderr


def test_invalid_plan_builds_nothing(tmp_path):
    bad = tmp_path / "wenzhou-2024.yaml"
    text = (ROOT / "layers" / "wenzhou-2024.yaml").read_text("utf-8")
    bad.write_text(text.replace("members: [乐清市]", "members: [Yueqinq]"), "utf-8")
    out = tmp_path / "out"
    result = run("build", "wenzhou-2024", str(bad), "-o", str(out))
    assert result.returncode == 2
    assert re.fullmatch(r"industry-atlas: error: unknown district or place 'Yueqinq' in "
                        r"\S+wenzhou-2024\.yaml line \d+ \(layout\[1\]\.members\[0\]\); "
                        r"did you mean Yueqing \(乐清市\)\?\n", result.stderr)
    assert not out.exists()  # the valid plan is not written either


def test_check_lists_every_problem(tmp_path):
    bad = tmp_path / "wenzhou-2024.yaml"
    text = (ROOT / "layers" / "wenzhou-2024.yaml").read_text("utf-8")
    text = text.replace("members: [乐清市]", "members: [Yueqinq]")
    bad.write_text(text.replace("{id: metaverse,", "{id: ai,"), "utf-8")
    result = run("check", str(bad))
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 2
    assert all(line.startswith("industry-atlas: error: ") for line in lines)


def test_unwritable_output_is_one_line(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    result = run("build", "wenzhou-2024", "-o", str(blocker / "sub"))
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1
    assert "cannot write" in result.stderr


@pytest.mark.parametrize("args", [["frob"], ["query", "wenzhou-2024"],
                                  ["build", "wenzhou-2024", "--lang", "fr"]])
def test_usage_errors_are_one_line_exit_2(args):
    result = run(*args)
    assert result.returncode == 2 and result.stdout == ""
    assert len(result.stderr.strip().splitlines()) == 1
    assert result.stderr.startswith("industry-atlas: error: ")


def test_help_lists_every_command_and_loads_no_library():
    code = ("import contextlib, io, sys\n"
            "from geo import cli\n"
            "with contextlib.redirect_stdout(io.StringIO()) as out:\n"
            "    codes = [cli.main([*c, '--help']) for c in [[], *([n] for n in cli._COMMANDS)]]\n"
            "heavy = {'pandas', 'geopandas', 'matplotlib', 'folium', 'shapely', 'jinja2'}\n"
            "print(codes, sorted(heavy & set(sys.modules)))\n"
            "print(out.getvalue())")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    first, text = result.stdout.split("\n", 1)
    assert first == f"{[0] * (len(cli._COMMANDS) + 1)} []"
    top = text.split("usage: industry-atlas plans")[0]
    listed = re.findall(r"^    ([a-z]+) ", top, re.M)
    assert listed == list(cli._COMMANDS) == ["plans", "build", "query", "check", "embed", "diff",
                                             "figure", "export", "national", "report", "index",
                                             "new", "schema", "reality",
                                             "draft"]


def test_report_of_a_dotted_plan_id_is_named_by_the_rule(tmp_path):
    plan = tmp_path / "tongxiang.v2.yaml"  # file name = plan id
    text = (ROOT / "layers" / "tongxiang-2018.yaml").read_text("utf-8")
    plan.write_text(text.replace("id: tongxiang-2018", "id: tongxiang.v2", 1), "utf-8")
    assert cli.main(["report", str(plan), "-o", str(tmp_path / "out")]) == 0
    assert [p.name for p in (tmp_path / "out").iterdir()] == ["tongxiang.v2-report.html"]
