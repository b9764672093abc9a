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


def test_cli_examples_run_in_order_and_leave_distinct_files(tmp_path, capsys, monkeypatch):
    """Each example of "Command line" works as written (in a folder with ``layers/``, the
    user's firm table and plan document) and overwrites no file an earlier one wrote."""
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


def test_cli_examples_of_later_sections_run(tmp_path, capsys, monkeypatch):
    """The later sections repeat some commands (rewriting a file is allowed there)."""
    for name, text in OWN_FILES.items():  # the reader's own files the examples name
        (tmp_path / name).write_text(text, "utf-8")
    monkeypatch.chdir(tmp_path)
    examples = _other_examples()
    assert len(examples) >= 10
    for example in examples:
        _run(example, capsys, monkeypatch)
    assert (tmp_path / "out" / "index.en.html").exists()


def _other_examples() -> list[str]:
    """The commands of README's later ``sh`` blocks (after "Command line")."""
    later = README.split("## Command line", 1)[1].split("```", 2)[2]
    blocks = re.findall(r"```sh\n(.*?)```", later, re.S)
    shared = Path(__file__).resolve().parents[2] / "shared"  # beside the repo, as in CI
    lines = [line.split("  #", 1)[0].strip() for block in blocks for line in block.splitlines()
             if "industry-atlas " in line.split("#", 1)[0]]
    # a clone without shared/ beside it cannot run the examples on the source documents
    return [line.replace("../shared/", f"{shared}/") for line in lines
            if shared.is_dir() or "../shared/" not in line]


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
