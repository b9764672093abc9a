"""The command line: output, exit codes, one-line errors, no half-written files."""

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from geo.cli import commands as cli

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
    assert out.startswith("乐清市 Yueqing (330382): 4 industries\n")
    assert "energy-electronics" in out and "ai " not in out


def test_query_district_header_is_singular_for_one_industry(capsys):
    assert cli.main(["query", "wenzhou-2022", "--district", "永嘉"]) == 0
    assert capsys.readouterr().out.startswith("永嘉县 Yongjia (330324): 1 industry\n")


@pytest.mark.parametrize("n, text", [(0, "0 changes"), (1, "1 change"), (2, "2 changes")])
def test_counts_pluralise(n, text):
    from geo.cli.support import count

    assert count(n, "change", "changes") == text


def test_query_diff_and_check_share_one_json_style(capsys):
    outputs = []
    for args in (["query", "wenzhou-2024", "--district", "乐清", "--json"],
                 ["diff", "wenzhou-2022", "wenzhou-2024", "--no-files", "--json"],
                 ["check", "wenzhou-2024", "--json"]):
        assert cli.main(args) == 0
        outputs.append(capsys.readouterr().out)
    for out in outputs:
        data = json.loads(out)
        assert isinstance(data, list) and data
        assert out == json.dumps(data, ensure_ascii=False, indent=1) + "\n"
    assert json.loads(outputs[2]) == [{"plan": "wenzhou-2024", "ok": True, "industries": 16,
                                       "layout_elements": 4, "assignments": 4,
                                       "indicators": 10}]


def test_check_json_lists_problems_and_exits_2(tmp_path, capsys):
    bad = tmp_path / "wenzhou-2024.yaml"
    text = (ROOT / "layers" / "wenzhou-2024.yaml").read_text("utf-8")
    bad.write_text(text.replace("members: [乐清市]", "members: [Yueqinq]"), "utf-8")
    assert cli.main(["check", str(bad), "wenzhou-2022", "--json"]) == 2
    bad_record, ok_record = json.loads(capsys.readouterr().out)
    assert bad_record["ok"] is False and "Yueqinq" in bad_record["problems"][0]
    assert ok_record["ok"] is True and ok_record["plan"] == "wenzhou-2022"


def test_version(capsys):
    from importlib.metadata import version

    assert cli.main(["--version"]) == 0
    assert capsys.readouterr().out == f"industry-atlas {version('industry-atlas')}\n"


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


@pytest.mark.parametrize("args, prog", [(["frob"], "industry-atlas"),
                                        (["query", "wenzhou-2024"], "industry-atlas query"),
                                        (["build", "wenzhou-2024", "--lang", "fr"],
                                         "industry-atlas build")])
def test_usage_errors_are_one_line_one_prefix_exit_2(args, prog):
    result = run(*args)
    assert result.returncode == 2 and result.stdout == ""
    assert len(result.stderr.strip().splitlines()) == 1
    assert result.stderr.startswith(f"{prog}: error: ")
    assert result.stderr.count("error:") == 1 and result.stderr.count("industry-atlas") == 2
    assert result.stderr.endswith(f"(see {prog} --help)\n")


def test_help_lists_every_command_and_loads_no_library():
    code = ("import contextlib, io, sys\n"
            "from geo.cli import commands as cli\n"
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


#: (command line, the files it names): every command that writes, with its variant options.
NAMES = [
    (["build", "wenzhou-2024"], ["wenzhou-2024.html"]),
    (["build", "wenzhou-2024", "--lang", "en"], ["wenzhou-2024.en.html"]),
    (["build", "wenzhou-2024", "--basemap", "amap"], ["wenzhou-2024.amap.html"]),
    (["build", "wenzhou-2024", "--basemap", "amap", "--lang", "zh"],
     ["wenzhou-2024.zh.amap.html"]),
    (["build", "wenzhou-2024", "--show", "ic", "--layers", "corridor"], ["wenzhou-2024.html"]),
    (["embed", "wenzhou-2024"], ["wenzhou-2024-embed.html"]),
    (["embed", "wenzhou-2024", "--key", "appendix"], ["wenzhou-2024-embed.appendix.html"]),
    (["embed", "wenzhou-2024", "--lang", "en", "--key", "appendix", "--basemap", "cartodb"],
     ["wenzhou-2024-embed.en.cartodb.appendix.html"]),
    (["report", "wenzhou-2024"], ["wenzhou-2024-report.html"]),
    (["report", "wenzhou-2024", "--lang", "zh"], ["wenzhou-2024-report.zh.html"]),
    (["report", "wenzhou-2024", "--lang", "en", "--pdf"],
     ["wenzhou-2024-report.en.html", "wenzhou-2024-report.en.pdf"]),
    (["figure", "wenzhou-2024"], ["wenzhou-2024-layout.png", "wenzhou-2024-industries.png"]),
    (["figure", "wenzhou-2024", "--lang", "en", "--format", "svg", "--industry", "IC"],
     ["wenzhou-2024-layout.en.svg", "wenzhou-2024-ic.en.svg"]),
    (["export", "wenzhou-2024", "--format", "gpkg"], ["wenzhou-2024.gpkg"]),
    (["diff", "wenzhou-2022", "wenzhou-2024"],
     ["wenzhou-2022-vs-wenzhou-2024.html", "wenzhou-2022-vs-wenzhou-2024-diff.png"]),
    (["diff", "wenzhou-2022", "wenzhou-2024", "--lang", "en", "--format", "svg"],
     ["wenzhou-2022-vs-wenzhou-2024.en.html", "wenzhou-2022-vs-wenzhou-2024-diff.en.svg"]),
    (["national", "china-cities"], ["china-cities.html"]),
    (["national", "china-cities", "--lang", "en"], ["china-cities.en.html"]),
    (["index"], ["index.html"]),
    (["index", "--lang", "en"], ["index.en.html"]),
]


@pytest.mark.parametrize("argv, names", NAMES, ids=lambda x: " ".join(x))
def test_written_files_are_named_by_their_options(argv, names, tmp_path, monkeypatch):
    """Each command hands the path it names to its writer; nothing is drawn here."""
    import geo
    import geo.output
    import geo.pages.index
    import geo.pages.national
    import geo.pages.report
    from geo import figures

    written = []

    def record(path, *args, **kwargs):
        written.append(Path(path).name)
        return Path(path)

    monkeypatch.setattr(geo.Atlas, "to_html", lambda self, path, **kw: record(path))
    monkeypatch.setattr(geo.Atlas, "report", lambda self, path, **kw: record(path))
    monkeypatch.setattr(geo.Atlas, "export", lambda self, path, fmt: record(path))
    monkeypatch.setattr(geo.pages.report, "chromium", lambda: "chromium")
    monkeypatch.setattr(geo.pages.report, "print_pdf", lambda html, path: record(path))
    monkeypatch.setattr(geo.output, "write_bytes", record)
    monkeypatch.setattr(geo.output, "write_text", record)
    monkeypatch.setattr(geo.pages.national, "national_html", lambda name, **kw: "")
    monkeypatch.setattr(geo.pages.index, "write_text", record)
    monkeypatch.setattr(geo.pages.index, "render_index", lambda atlases, lang: "")
    monkeypatch.setattr(figures, "figure_bytes", lambda fig, fmt: b"")
    monkeypatch.setattr(figures, "layout_figure", lambda *a, **kw: None)
    monkeypatch.setattr(figures, "industry_figure", lambda *a, **kw: None)
    monkeypatch.setattr(geo, "diff_map", lambda *a, **kw: _Root())
    monkeypatch.setattr(geo, "diff_figure", lambda *a, **kw: None)
    assert cli.main([*argv, "-o", str(tmp_path)]) == 0
    assert written == names


class _Root:
    def get_root(self):
        return self

    def render(self):
        return ""


def test_names_of_one_plan_and_variants_are_all_distinct():
    names = [name for _, written in NAMES for name in written]
    duplicates = {n for n in names if names.count(n) > 1}
    assert duplicates == {"wenzhou-2024.html"}  # the view preset is not a variant


def test_build_refuses_two_outputs_on_one_path(tmp_path, capsys):
    assert cli.main(["build", "wenzhou-2024", "wenzhou-2024", "-o", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "would both be written to" in err
    assert list(tmp_path.iterdir()) == []


def test_embed_key_that_cannot_name_a_file_is_one_line(tmp_path, capsys):
    assert cli.main(["embed", "wenzhou-2024", "--key", "../x", "-o", str(tmp_path)]) == 2
    assert "cannot be part of a file name" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


def test_index_links_the_files_of_its_language():
    import geo
    from geo.pages.index import render_index
    from geo.vocabulary import Lang

    atlases = [geo.load("wenzhou-2024")]
    html = render_index(atlases, lang=Lang("en"))
    assert 'href="wenzhou-2024.en.html"' in html and 'href="wenzhou-2024-report.en.html"' in html
    assert 'href="wenzhou-2024.html"' not in html
    both = render_index(atlases)
    assert 'href="wenzhou-2024.html"' in both and 'href="wenzhou-2024-report.html"' in both
