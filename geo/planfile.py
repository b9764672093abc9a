"""Reading plan files: safe YAML with the line of every value.

Plan files are YAML, read with PyYAML's safe loader only (no tags that build
objects or run code). Anchors and aliases are refused: they add nothing a
hand-written plan needs and can expand exponentially. Every value's line is
kept so that validation can say where a problem is.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from . import settings
from .errors import PlanError, Problem


@dataclass
class PlanSource:
    """The raw content of a plan file and the line of each value in it.

    ``lines`` maps a field path such as ``("layout", 0, "members", 2)`` to
    its 1-based line number.
    """

    file: str
    data: object
    lines: dict[tuple, int] = field(default_factory=dict)
    folder: Path | None = None

    def line(self, path: tuple) -> int | None:
        """The line of ``path``, or of its nearest parent that has one."""
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return self.lines.get(())


def shipped_plans() -> list[str]:
    """Ids of the plans shipped in the package, sorted."""
    folder = resources.files("geo.plan_files")
    return sorted(p.name[: -len(".yaml")] for p in folder.iterdir() if p.name.endswith(".yaml"))


def plan_path(name: str | Path) -> Path:
    """The file of a shipped plan id, or ``name`` itself when it is a path."""
    text = str(name)
    if text.endswith((".yaml", ".yml")) or "/" in text or "\\" in text:
        return Path(text)
    folder = resources.files("geo.plan_files")
    candidate = folder.joinpath(f"{text}.yaml")
    if candidate.is_file():
        return Path(str(candidate))
    from .errors import UnknownNameError, closest

    raise UnknownNameError("plan", text, "the shipped plans", closest(text, shipped_plans()))


def _display(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def read_plan_file(path: Path) -> PlanSource:
    """Read and parse a plan file, or raise :class:`PlanError` saying why not."""
    shown = _display(path)
    try:
        size = path.stat().st_size
        if size > settings.max_plan_bytes:
            raise PlanError([Problem(shown, f"file is {size} bytes; plans are limited to "
                                     f"{settings.max_plan_bytes} (geo.settings.max_plan_bytes)")])
        raw = path.read_bytes()
    except FileNotFoundError:
        raise PlanError([Problem(shown, "plan file not found")]) from None
    except IsADirectoryError:
        raise PlanError([Problem(shown, "expected a plan file, found a folder")]) from None
    except OSError as exc:
        raise PlanError([Problem(shown, f"cannot read plan file: {exc.strerror}")]) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise PlanError([Problem(shown, f"not UTF-8 text (byte {exc.start})")]) from None
    return parse_plan_text(text, shown, folder=path.resolve().parent)


def parse_plan_text(text: str, file: str = "<plan>", folder: Path | None = None) -> PlanSource:
    """Parse YAML plan text, keeping the line of every value."""
    import yaml

    if "\x00" in text:
        raise PlanError([Problem(file, "binary data, not a YAML plan")])
    if not text.strip():
        raise PlanError([Problem(file, "file is empty; expected a YAML mapping with id, "
                                 "title, region, sources, industries and layout")])
    loader_class = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    loader = loader_class(text)
    try:
        for event in _events(loader):
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                line = event.start_mark.line + 1
                raise PlanError([Problem(file, "YAML anchors and aliases are not allowed",
                                         line=line)])
        loader = loader_class(text)
        node = loader.get_single_node()
        lines: dict[tuple, int] = {}
        _record_lines(node, (), lines, file)
        data = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        problem = " ".join(str(exc.problem or exc.context or "invalid YAML").split())
        raise PlanError([Problem(file, f"YAML syntax error: {problem}", line=line)]) from None
    except (yaml.YAMLError, ValueError, TypeError, RecursionError) as exc:
        message = " ".join(str(exc).split())[:200] or type(exc).__name__
        raise PlanError([Problem(file, f"YAML error: {message}")]) from None
    finally:
        loader.dispose()
    return PlanSource(file, data, lines, folder)


def _events(loader):
    while loader.check_event():
        yield loader.get_event()


def _record_lines(node, path: tuple, lines: dict, file: str, depth: int = 0) -> None:
    import yaml

    if depth > 50:
        raise PlanError([Problem(file, "nesting deeper than 50 levels",
                                 line=node.start_mark.line + 1)])
    lines[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            _record_lines(value_node, path + (key_node.value,), lines, file, depth + 1)
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            _record_lines(item, path + (i,), lines, file, depth + 1)
