"""README documents every CLI command; its Python and CLI examples run as written."""

import re
from pathlib import Path

import pytest

from geo.cli import commands as cli

README = (Path(__file__).resolve().parents[1] / "README.md").read_text("utf-8")


def test_every_command_is_documented():
    commands = cli._parser()._subparsers._group_actions[0].choices
    for name in commands:
        assert re.search(rf"industry-atlas {name}\b", README), f"README lacks `{name}`"


def test_readme_starts_with_the_two_commands():
    first_block = README.split("```sh", 1)[1].split("```", 1)[0]
    assert [line.split()[:2] for line in first_block.strip().splitlines()] == [
        ["make", "map"], ["make", "test"]]


def test_python_example_runs():
    block = README.split("```python", 1)[1].split("```", 1)[0]
    code = "\n".join(line for line in block.splitlines()
                     if "to_html" not in line and "my-plan" not in line)
    namespace: dict = {}
    exec(compile(code, "README.md", "exec"), namespace)  # noqa: S102
    assert set(namespace["atlas"].districts_hosting("IC")["name_en"]) >= {"Yueqing"}


#: The user's own inputs that README's `reality` and `draft` examples read.
OWN_FILES = {"firms.csv": "name,industry,lon,lat\nA,集成电路,120.97,28.12\nB,软件,120.70,28.00\n",
             "plan.txt": "温州市数字经济发展规划（2024年）\n\n乐清市重点发展集成电路产业。"
                         "鹿城区重点发展软件和信息服务业。\n"}


def _cli_examples() -> list[str]:
    """The commands of README's "Command line" block, comments removed."""
    block = README.split("## Command line", 1)[1].split("```sh", 1)[1].split("```", 1)[0]
    return [line.split("  #", 1)[0].strip() for line in block.splitlines()
            if line.startswith("industry-atlas ")]


def _files(folder: Path) -> dict:
    return {p: (p.stat().st_ino, p.stat().st_mtime_ns) for p in folder.rglob("*")
            if p.is_file() and "layers" not in p.parts}


def _run(example: str, capsys, monkeypatch) -> str:
    """Run one README example in-process (``VAR=value`` set, ``> file`` written); its stdout."""
    import shlex

    env_part, _, command = example.rpartition("industry-atlas ")
    for setting in env_part.split():  # TIANDITU_KEY=... : the reader's key goes there
        name, value = setting.split("=", 1)
        monkeypatch.setenv(name, "0123456789abcdef" if value == "..." else value)
    argv, target = shlex.split(command), None
    if ">" in argv:
        argv, target = argv[:argv.index(">")], argv[argv.index(">") + 1]
    code = cli.main(argv)
    out, err = capsys.readouterr()
    assert code == 0, f"{example}: {err}"
    if target:
        assert not Path(target).exists(), f"{example} overwrites {target}"
        Path(target).write_text(out, "utf-8")
    return out


# The two walk-throughs below are the longest tests of the suite (each runs some twenty
# commands in order). Each is a class of its own so that pytest-xdist's loadscope, which
# keeps a module's (or a class's) tests on one worker, can run them side by side; the
# commands of one walk-through still run together, in order, in one test.


class TestCommandLineSection:
    def test_cli_examples_run_in_order_and_leave_distinct_files(self, tmp_path, capsys,
                                                                monkeypatch):
        """Each example of "Command line" works as written (in a folder with ``layers/``,
        the user's firm table and plan document) and overwrites no file an earlier one
        wrote."""
        _command_line_section(tmp_path, capsys, monkeypatch)


class TestLaterSections:
    def test_cli_examples_of_later_sections_run(self, tmp_path, capsys, monkeypatch):
        """The later sections repeat some commands (rewriting a file is allowed there).
        Their ``/tmp/`` paths are put under ``tmp_path``: nothing is written outside it,
        and a command reads only what an earlier command of this run wrote."""
        _later_sections(tmp_path, capsys, monkeypatch)


def _command_line_section(tmp_path, capsys, monkeypatch):
    root = Path(__file__).resolve().parents[1]
    (tmp_path / "layers").symlink_to(root / "layers")
    for name, text in OWN_FILES.items():
        (tmp_path / name).write_text(text, "utf-8")
    monkeypatch.chdir(tmp_path)
    examples = _cli_examples()
    assert len(examples) >= 20 and examples[0] == "industry-atlas --version"
    for example in examples:
        before = _files(tmp_path)
        _run(example, capsys, monkeypatch)
        after = _files(tmp_path)
        rewritten = [str(p.relative_to(tmp_path)) for p in before if after.get(p) != before[p]]
        assert not rewritten, f"{example} overwrote {rewritten}"
    names = {p.name for p in _files(tmp_path)}
    assert {"wenzhou-2024.html", "wenzhou-2024.en.html", "wenzhou-2024.amap.html",
            "wenzhou-2024-embed.html", "china-counties.html", "plan.schema.json"} <= names


def _later_sections(tmp_path, capsys, monkeypatch):
    for name, text in OWN_FILES.items():  # the reader's own files the examples name
        (tmp_path / name).write_text(text, "utf-8")
    monkeypatch.chdir(tmp_path)
    examples = _other_examples(tmp_path)
    assert len(examples) >= 10
    outside = [e for e in examples if re.search(r"(?<![\w-])/tmp/", e.replace(str(tmp_path), ""))]
    assert not outside, f"README examples still write to /tmp/: {outside}"
    for example in examples:
        _run(example, capsys, monkeypatch)
    assert (tmp_path / "out" / "index.en.html").exists()
    if SHARED.is_dir():  # the draft walk-through ran, its check on the file it drafted
        assert (tmp_path / "w22.yaml").is_file() and (tmp_path / "w22.html").is_file()


SHARED = Path(__file__).resolve().parents[2] / "shared"  # beside the repo, as in CI


def _other_examples(tmp: Path, shared: Path = SHARED) -> list[str]:
    """The commands of README's later ``sh`` blocks (after "Command line"), ``/tmp/`` read
    as ``tmp``. A clone without shared/ beside it cannot run the examples on the source
    documents: a block that names ../shared/ is left out whole then (the draft walk-through
    and the ``check`` of the file it drafts run together or not at all)."""
    later = README.split("## Command line", 1)[1].split("```", 2)[2]
    blocks = re.findall(r"```sh\n(.*?)```", later, re.S)
    lines = []
    for block in blocks:
        if "../shared/" in block and not shared.is_dir():
            continue
        lines += [line.split("  #", 1)[0].strip().replace("../shared/", f"{shared}/")
                  .replace("/tmp/", f"{tmp}/") for line in block.splitlines()
                  if "industry-atlas " in line.split("#", 1)[0]]
    return lines


def test_a_block_needing_shared_is_left_out_whole(tmp_path):
    """Without shared/, the draft block goes as a whole: no ``check`` of an undrafted file."""
    examples = _other_examples(tmp_path, tmp_path / "no-shared")
    assert examples and not [e for e in examples if " draft " in e or " check " in e]
    examples = _other_examples(tmp_path, tmp_path)
    assert [e for e in examples if e.startswith("industry-atlas draft")]
    assert f"industry-atlas check {tmp_path}/w22.yaml" in examples


def test_boundary_error_where_readme_says(tmp_path):
    import geo
    from geo.places import boundaries
    from geo.plan import skeleton

    assert "`geo.BoundaryError`" in README
    with pytest.raises(geo.BoundaryError):
        boundaries.unit("999999")
    with pytest.raises(geo.BoundaryError):
        skeleton.new_plan("x", "999999", tmp_path)
    text = (Path(__file__).resolve().parents[1] / "layers" / "wenzhou-2024.yaml").read_text("utf-8")
    bad = tmp_path / "wenzhou-2024.yaml"
    bad.write_text(text.replace('region: "330300"', 'region: "999999"'), "utf-8")
    with pytest.raises(geo.PlanError, match="unknown region code '999999'"):
        geo.load_plan(bad)


# --- README names only what exists --------------------------------------------------------

ROOT = Path(__file__).resolve().parents[1]
#: A repository path README may name: under one of these folders, or any ``*.md`` file.
_PATH = re.compile(r"(?<![\w./-])((?:geo|tests|layers|docs|benchmarks|notebooks|tools)/"
                   r"(?:[\w./*-]*[\w/*])?|[\w./-]*[\w-]+\.md)(?![\w])")


def readme_paths(text: str) -> list[str]:
    """Every repository path ``text`` names (``::test`` ids cut), in order, once each."""
    return list(dict.fromkeys(m.split("::")[0] for m in _PATH.findall(text)))


def test_readme_paths_are_found_in_markdown():
    """The extractor finds folder paths, files, globs and bare ``*.md`` names."""
    found = readme_paths("see `geo/render/codec.py`, tests/test_x.py::test_y, notebooks/ "
                         "and DEVELOPERS.md, or `sources/README.md`; not ageo/x.py")
    assert found == ["geo/render/codec.py", "tests/test_x.py", "notebooks/", "DEVELOPERS.md",
                     "sources/README.md"]


def test_readme_names_only_files_that_exist():
    """Every path README mentions exists in the repository (``sources/...`` beside it, in
    ../shared, where README says the source documents are)."""
    paths = readme_paths(README)
    assert len(paths) >= 20, f"README names only {paths}"
    missing = [p for p in paths if not _exists(p)]
    assert not missing, f"README names files that do not exist: {missing}"


def _exists(path: str) -> bool:
    if path.startswith("sources/"):  # the source documents, in ../shared (CI has it)
        return not SHARED.is_dir() or (SHARED / path).exists()
    return any(ROOT.glob(path)) if "*" in path else (ROOT / path).exists()


def test_a_missing_readme_path_is_caught():
    assert _exists("geo/render/codec.py") and _exists("benchmarks/")
    assert not _exists("geo/draft/") and not _exists("docs-ownplan.md")


def _layout_block() -> str:
    section = README.split("## Layout of the code", 1)[1].split("\n## ", 1)[0]
    return section.split("```", 2)[1]


def test_ls_geo_shows_the_folders_readme_and_the_import_contract_name():
    """The folders of ``ls geo`` are the folders README's "Layout of the code" lists and
    the packages the layers contract of pyproject.toml names."""
    import tomllib

    on_disk = {p.name for p in (ROOT / "geo").iterdir()
               if p.is_dir() and (p / "__init__.py").is_file()}
    assert {p.name for p in (ROOT / "geo").iterdir() if p.is_dir()} - on_disk <= {
        "__pycache__", "data"}, "a folder of geo/ that is not a package"
    on_disk -= {"data", "plan_files"}  # package data (plan_files is layers/), not layers
    listed = set(re.findall(r"^  (\w+)/ ", _layout_block(), re.M))
    config = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))
    contract = next(c for c in config["tool"]["importlinter"]["contracts"]
                    if c["type"] == "layers")
    named = {m.strip() for line in contract["layers"] for m in line.split(":")}
    in_contract = {m.split(".")[1] for m in named}
    folders_in_contract = {m for m in in_contract if (ROOT / "geo" / m).is_dir()}
    assert listed == on_disk, (f"README's layout lists {sorted(listed)}, `ls geo` shows "
                               f"{sorted(on_disk)}")
    assert folders_in_contract == on_disk, (
        f"the layers contract names the folders {sorted(folders_in_contract)}, `ls geo` "
        f"shows {sorted(on_disk)}")
    modules = {p.stem for p in (ROOT / "geo").glob("*.py")} - {"__init__"}
    assert in_contract == on_disk | modules, (
        f"the layers contract leaves out {sorted(on_disk | modules - in_contract)}")
