"""README documents every CLI command; its Python and CLI examples run as written."""

import re
from pathlib import Path

import pytest

from geo import cli

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


def test_cli_examples_run_in_order_and_leave_distinct_files(tmp_path):
    """Each example works as written (in a folder with ``layers/``, the user's firm table
    and plan document) and overwrites no file an earlier example wrote."""
    import shlex
    import subprocess
    import sys

    root = Path(__file__).resolve().parents[1]
    (tmp_path / "layers").symlink_to(root / "layers")
    for name, text in OWN_FILES.items():
        (tmp_path / name).write_text(text, "utf-8")
    program = str(Path(sys.executable).parent / "industry-atlas")
    examples = _cli_examples()
    assert len(examples) >= 20 and examples[0] == "industry-atlas --version"
    for example in examples:
        argv = shlex.split(example)[1:]
        target = None
        if ">" in argv:
            argv, target = argv[:argv.index(">")], argv[argv.index(">") + 1]
        before = _files(tmp_path)
        result = subprocess.run([program, *argv], cwd=tmp_path, capture_output=True,
                                text=True, timeout=600)
        assert result.returncode == 0, f"{example}: {result.stderr}"
        if target:
            assert not (tmp_path / target).exists(), f"{example} overwrites {target}"
            (tmp_path / target).write_text(result.stdout, "utf-8")
        after = _files(tmp_path)
        rewritten = [str(p.relative_to(tmp_path)) for p in before if after.get(p) != before[p]]
        assert not rewritten, f"{example} overwrote {rewritten}"
    names = {p.name for p in _files(tmp_path)}
    assert {"wenzhou-2024.html", "wenzhou-2024.en.html", "wenzhou-2024.amap.html",
            "wenzhou-2024-embed.html", "china-counties.html"} <= names


def test_boundary_error_where_readme_says(tmp_path):
    import geo
    from geo import boundaries, skeleton

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
