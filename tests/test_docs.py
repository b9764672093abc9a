"""README documents every CLI command and its Python examples run."""

import re
from pathlib import Path

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
