"""Reading plan files: safe YAML with the line of every value.

Plan files are YAML, read with PyYAML's safe loader only (no tags that build
objects or run code). Anchors and aliases are refused: they add nothing a
hand-written plan needs and can expand exponentially. Every value's line is
kept so that validation can say where a problem is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path

from .. import settings
from ..errors import PlanError, Problem


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
    """Ids of the plans shipped in the package, sorted (see :func:`plan_ids`)."""
    return sorted(plan_ids(Path(str(resources.files("geo.plan_files")))))


def top_value(text: str, key: str) -> str | None:
    """The plain top-level ``key: value`` of plan text, read off its line without parsing
    the YAML (how the ids and regions of many files are read quickly); ``None`` when the
    file has no such line."""
    match = re.search(rf"""^{re.escape(key)}:[ \t]*(["']?)([^"'#\s]+)\1[ \t]*(?:#.*)?$""",
                      text, re.MULTILINE)
    return match.group(2) if match else None


def plan_ids(folder) -> dict[str, Path]:
    """The plans in ``folder``: id -> file, read from each ``*.yaml`` / ``*.yml`` file's
    top-level ``id:`` line.

    Raises
    ------
    PlanError
        Naming both sides when a file's name is not its id (``ningbo.yaml`` holding
        ``id: ningbo-2025``) or two files hold one id.
    """
    found: dict[str, Path] = {}
    problems = []
    files = sorted(p for p in Path(folder).iterdir() if p.suffix in (".yaml", ".yml"))
    for path in files:
        plan_id = top_value(path.read_text("utf-8-sig", errors="replace"), "id") or path.stem
        if plan_id != path.stem:
            problems.append(Problem(_display(path), f"plan id {plan_id!r} does not match the "
                                    f"file name {path.name!r}; rename the file to "
                                    f"{plan_id}.yaml or change the id"))
        elif plan_id in found:
            problems.append(Problem(_display(path), f"plan id {plan_id!r} is also the id of "
                                    f"{_display(found[plan_id])}; plan ids must be unique"))
        else:
            found[plan_id] = path
    if problems:
        raise PlanError(problems)
    return found


def plan_path(name: str | Path) -> Path:
    """The file of a shipped plan id, or ``name`` itself when it is a path."""
    text = str(name)
    if text.endswith((".yaml", ".yml")) or "/" in text or "\\" in text:
        return Path(text)
    folder = resources.files("geo.plan_files")
    candidate = folder.joinpath(f"{text}.yaml")
    if candidate.is_file():
        return Path(str(candidate))
    from ..errors import UnknownNameError, closest

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
        values = 0
        for event in _events(loader):
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                line = event.start_mark.line + 1
                raise PlanError([Problem(file, "YAML anchors and aliases are not allowed",
                                         line=line)])
            values += isinstance(event, yaml.NodeEvent)
            if values > settings.max_plan_values:
                limit = settings.max_plan_values
                raise PlanError([Problem(file, f"more than {limit} YAML values (texts, numbers, "
                                         "lists, mappings); plans are limited to that",
                                         line=event.start_mark.line + 1)])
        loader = loader_class(text)
        node = loader.get_single_node()
        lines: dict[tuple, int] = {}
        if node is None:  # only comments
            data = None
        else:
            _record_lines(node, (), lines, file)
            data = loader.construct_document(node)
    except PlanError:
        raise
    except yaml.MarkedYAMLError as exc:
        raise PlanError([syntax_problem(text, file, exc)]) from None
    except (yaml.YAMLError, ValueError, TypeError, OverflowError, RecursionError) as exc:
        message = " ".join(str(exc).split())[:200] or type(exc).__name__
        raise PlanError([Problem(file, f"YAML error: {message}")]) from None
    finally:
        loader.dispose()
    return PlanSource(file, data, lines, folder)


_TAB_INDENT = re.compile(r"^ *\t", re.MULTILINE)


def syntax_problem(text: str, file: str, exc) -> Problem:
    """A YAML syntax error in plain words, at the line and column where it is.

    PyYAML and libyaml word their errors for YAML experts ("did not find
    expected '-' indicator"); the usual slips of a hand-written plan (a tab
    used for indentation, a missing ``-``, an unclosed quote or bracket, a
    ``:`` inside an unquoted text) are said plainly, anything else as the
    parser said it.
    """
    problem, context = str(exc.problem or ""), str(exc.context or "")
    mark = exc.problem_mark or exc.context_mark
    opened = exc.context_mark or mark

    def at(where, message: str) -> Problem:
        line = where.line + 1 if where else None
        column = where.column + 1 if where else None
        return Problem(file, f"YAML syntax error: {message}", line=line, column=column)

    end = mark.index if mark else len(text)
    tab = next((m for m in _TAB_INDENT.finditer(text) if m.start() <= end), None)
    if tab is not None or "tab" in problem:
        if tab is not None:
            line = text.count("\n", 0, tab.start()) + 1
            column = tab.end() - tab.start()
            return Problem(file, "YAML syntax error: a tab is used for indentation; YAML "
                                 "indents with spaces only", line=line, column=column)
        return at(mark, "a tab is used for indentation; YAML indents with spaces only")
    if unclosed := _unclosed_quote(text, mark.line if mark else None):
        line, column, quote = unclosed
        return Problem(file, f"YAML syntax error: the quote {quote} opened here is not "
                             "closed on its line", line=line, column=column)
    if "quoted scalar" in context:
        quote = text[opened.index] if opened and opened.index < len(text) else "'"
        return at(opened, f"the quote {quote} opened here is never closed")
    if "flow sequence" in context or "flow mapping" in context:
        bracket = "[" if "sequence" in context else "{"
        close = "]" if bracket == "[" else "}"
        return at(opened, f"the {bracket} opened here is not closed by {close} "
                          f"(or a ',' is missing between its items)")
    if "block collection" in context or "expected <block end>" in problem:
        return at(mark, "this line does not continue the list or mapping above it: a '-' "
                        "is missing before a list item, or the line is indented differently")
    if "expected ':'" in problem:
        if opened and _after_list_item(text, opened.line):
            return at(opened, "this line continues a list, but its '-' is missing")
        return at(opened, "expected 'key: value' here, but the ':' is missing")
    if "mapping values are not allowed" in problem:
        return at(mark, "unexpected ':' here: quote a text that contains ': ', or check "
                        "this line's indentation")
    if "cannot start any token" in problem and mark and mark.index < len(text):
        return at(mark, f"{text[mark.index]!r} cannot start a value here; quote the text")
    return at(mark, " ".join((problem or context or "invalid YAML").split()))


def _after_list_item(text: str, line: int) -> bool:
    """Whether the 0-based ``line`` follows a list item (``- ...``) at its indentation."""
    lines = text.splitlines()
    this = lines[line] if line < len(lines) else ""
    indent = len(this) - len(this.lstrip(" "))
    for previous in reversed(lines[:line]):
        if previous.strip() and not previous.lstrip().startswith("#"):
            return (previous.lstrip().startswith("- ")
                    and len(previous) - len(previous.lstrip(" ")) == indent)
    return False


# A quoted value (closed), a quote that opens one and is not closed on its line, or a
# comment; a quote counts only where a value can start (after a space, [, {, ',', ':', -).
_QUOTED = re.compile(r"""(?:(?<=[\s\[{,:-])|^)(?:"(?:[^"\\]|\\.)*+"|'(?:[^']|'')*+'"""
                     r"""|(?P<open>["']))|(?:(?<=\s)|^)\#.*""")


def _unclosed_quote(text: str, last: int | None) -> tuple[int, int, str] | None:
    """(line, column, quote) of the first quoted value not closed on its line, up to line
    ``last`` (0-based): legal YAML across lines, but in a plan the usual reason for a
    syntax error further down."""
    for number, line in enumerate(text.splitlines()[: None if last is None else last + 1]):
        if '"' not in line and "'" not in line:
            continue
        for match in _QUOTED.finditer(line):
            if match.group("open"):
                return number + 1, match.start() + 1, match.group("open")
    return None


def _events(loader):
    while loader.check_event():
        yield loader.get_event()


_NUMBER_TAGS = ("tag:yaml.org,2002:int", "tag:yaml.org,2002:float")
_MAX_NUMBER_CHARS = 100
_TYPED_TAGS = tuple(f"tag:yaml.org,2002:{t}" for t in ("bool", "int", "float", "null", "timestamp"))


def _record_lines(node, path: tuple, lines: dict, file: str, depth: int = 0) -> None:
    import yaml

    if depth > 50:
        raise PlanError([Problem(file, "nesting deeper than 50 levels",
                                 line=node.start_mark.line + 1)])
    lines[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        seen: dict[str, int] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                raise PlanError([Problem(file, "mapping keys must be plain text, not a list or "
                                         "mapping", line=key_node.start_mark.line + 1)])
            _check_scalar(key_node, file)
            line = key_node.start_mark.line + 1
            if key_node.value in seen:
                raise PlanError([Problem(
                    file, f"YAML syntax error: key {key_node.value[:40]!r} appears twice in one "
                          f"mapping (first at line {seen[key_node.value]}); is a '-' missing "
                          "before a new list item?", line=line,
                    column=key_node.start_mark.column + 1)])
            seen[key_node.value] = line
            _record_lines(value_node, path + (key_node.value,), lines, file, depth + 1)
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            _record_lines(item, path + (i,), lines, file, depth + 1)
    else:
        _check_scalar(node, file)


def _check_scalar(node, file: str) -> None:
    """Refuse a number longer than any plan needs: constructing one can take minutes
    (``1:1:1:...`` is base 60) or give a value that ``str()`` and ``float()`` refuse. Refuse
    an explicit tag on a value it does not fit (``!!bool maybe``, ``!!timestamp x``): PyYAML's
    constructors fail on those with KeyError, IndexError or AttributeError."""
    import yaml

    if node.tag in _NUMBER_TAGS and len(node.value) > _MAX_NUMBER_CHARS:
        raise PlanError([Problem(file, f"a number of {len(node.value)} characters; numbers "
                                 f"are limited to {_MAX_NUMBER_CHARS} characters",
                                 line=node.start_mark.line + 1)])
    if node.tag in _TYPED_TAGS and _resolver().resolve(yaml.ScalarNode, node.value,
                                                       (True, False)) != node.tag:
        kind = node.tag.rsplit(":", 1)[-1]
        raise PlanError([Problem(file, f"{node.value[:40]!r} does not fit its tag !!{kind}",
                                 line=node.start_mark.line + 1)])


@cache
def _resolver():
    import yaml

    return yaml.resolver.Resolver()


def inside_folder(folder: Path | None, name: str) -> Path:
    """The file ``name`` relative to a plan's folder, refusing anything outside it.

    Absolute paths, ``..`` that climbs out and links that point outside all
    raise ``ValueError`` with a one-line reason.
    """
    if folder is None:
        raise ValueError("a plan given as text cannot reference files")
    relative = Path(name)
    if relative.is_absolute() or relative.drive:
        raise ValueError(f"file {name!r} must be a path relative to the plan's folder")
    target = (folder / relative).resolve()
    if not target.is_relative_to(folder.resolve()):
        raise ValueError(f"file {name!r} is outside the plan's folder {folder}")
    return target


def read_geometry_file(path: Path):
    """A shapely geometry from a small GeoJSON file (geometry, Feature or FeatureCollection)."""
    import json

    import shapely
    import shapely.geometry

    if not path.is_file():
        raise ValueError(f"geometry file {path.name!r} not found")
    if path.stat().st_size > settings.max_plan_bytes:
        raise ValueError(f"geometry file {path.name!r} is larger than "
                         f"{settings.max_plan_bytes} bytes")
    try:
        data = json.loads(path.read_text("utf-8"))
        features = data.get("features") if data.get("type") == "FeatureCollection" else [data]
        shapes = [shapely.geometry.shape(f.get("geometry", f)) for f in features]
    except (ValueError, TypeError, AttributeError, KeyError, IndexError) as exc:
        message = " ".join(str(exc).split())[:120]
        raise ValueError(f"geometry file {path.name!r} is not GeoJSON: {message}") from None
    if not shapes:
        raise ValueError(f"geometry file {path.name!r} has no geometry")
    return shapes[0] if len(shapes) == 1 else shapely.union_all(shapes)
