"""Fixtures shared by the test modules (no test module imports another).

Plans and atlases
    ``atlases``  any shipped plan by id, loaded once for the session;
    ``atlas``    wenzhou-2024, the plan most tests read;
    ``plan_variant``  a shipped plan file with some text replaced, in ``tmp_path``;
    ``payloads``, ``hostile_plan``  script payloads, and the Wenzhou plan with every
    human text replaced by them.

    Shared atlases are read, never changed: a test that needs a changed atlas
    copies it (``dataclasses.replace``, ``DataFrame.copy``). The session ends with
    a check that every shared atlas is as it was loaded.

The browser (helpers and the page object ``MapPage`` in browser.py)
    ``browser``  one headless Debian chromium for the session, in the main thread;
    ``contexts`` session-scoped: the browser contexts, one per set of options;
    ``new_page`` a new page (closed after the test) in the context of its options;
    ``page``     one such page; ``@pytest.mark.viewport(width, height)`` sets the
    size of the pages of a test (default 1400 x 900, the desktop screenshot size);
    ``open_page``  open an HTML file offline, recording requests and errors;
    ``open_map``   the same for a standalone map page, also recording its view;
    ``screenshots``  ``screenshots(page, name)`` writes PNGs at 1400x900, 1366x768
    and 390x844 to ``screenshot_dir`` (session: ``<pytest's basetemp>/screenshots``,
    named at the end of the run);
    ``contract_pages``  module-scoped: ``contract_pages(width, height)`` is one
    ``ContractPage`` (browser.py) per size, reused by the tests of a module, each
    test loading its page afresh with ``.load(path, fragment)``;
    ``page_files``  session-scoped: ``page_files(kind, name)`` builds a page once per
    session into a temporary folder: ``("plan", id)``, ``("plan-en", id)``,
    ``("diff", "a:b")``, ``("national", name)``, ``("report", id)``, ``("index", "")``.

    All browser tests share the one Playwright session. Playwright's sync API
    leaves its own event loop set as the running loop of the thread that started
    it, so a second sync Playwright in that thread fails ("using Playwright Sync
    API inside the asyncio loop"): tests therefore use these fixtures and never
    start Playwright themselves. nbclient (test_notebooks; jupyter_core's run_sync)
    sees that running loop and runs its coroutines in a thread of its own, and
    leaves no loop running when it runs first: notebooks and browser tests run in
    either order (checked both ways).
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
import shapely
import yaml
from browser import (
    HEADLESS_SHELL,
    LAUNCH_ARGS,
    VIEWPORT,
    Contexts,
    MapPage,
    contract_page,
    missing_chromium,
    take_screenshots,
)

import geo

ROOT = Path(__file__).resolve().parents[1]
LAYERS = ROOT / "layers"

PAYLOADS = (
    '<img src=x onerror="window.__pwned=1">',
    "<script>window.__pwned=2</script>",
    "`${window.__pwned=3}`",
    "</script><script>window.__pwned=4</script>",
    "\"'><svg onload=window.__pwned=5>",
    "{{ 7 * 7 }}",
)


def pytest_configure(config):
    config.addinivalue_line(
        "markers", "viewport(width, height): size of the browser pages of a test")


#: The longest-running test scopes (module, or class), longest first, as measured with
#: ``pytest --durations``: collected first, so that ``make test``'s two
#: workers (``--dist loadscope --no-loadscope-reorder``) start them first and end together
#: instead of one waiting for the last long module. Order only: a stale entry costs time,
#: never a result; a missing file is a collection error.
SLOW_FIRST = (
    "tests/test_print.py", "tests/test_page_layout.py", "tests/test_docs.py::TestLaterSections",
    "tests/test_cli.py",
    "tests/test_report.py", "tests/test_reality_dask.py", "tests/test_neighbours.py",
    "tests/test_page_answers.py", "tests/test_page_search.py", "tests/test_notebooks.py",
    "tests/test_docs.py::TestCommandLineSection", "tests/test_index_page.py",
    "tests/test_colours.py", "tests/test_embed.py", "tests/test_page_a11y.py",
    "tests/test_browser.py",
    "tests/test_reality_map_browser.py", "tests/test_national_search.py",
    "tests/test_coverage_cache.py",
)


def pytest_collection_modifyitems(config, items):
    """Put the tests of :data:`SLOW_FIRST` first, in its order; the rest keep theirs."""
    missing = [s for s in SLOW_FIRST if not (ROOT / s.split("::")[0]).is_file()]
    if missing:
        raise pytest.UsageError(f"conftest.SLOW_FIRST names no test file: {missing}")

    def rank(item) -> int:
        return next((i for i, s in enumerate(SLOW_FIRST)
                     if item.nodeid == s or item.nodeid.startswith(s + "::")), len(SLOW_FIRST))

    items.sort(key=rank)  # stable: collection order within a scope and among the rest


def pytest_sessionstart(session):
    """Hypothesis keeps its example database and caches in pytest's temporary folder of
    the session, not in .hypothesis/ of the working directory (tests write only there)."""
    from hypothesis import configuration

    configuration.set_hypothesis_home_dir(
        session.config._tmp_path_factory.getbasetemp() / "hypothesis")


# --- plans and atlases -----------------------------------------------------------------


def _fingerprint(atlas) -> tuple:
    """What a test could change of an atlas: its frames, their geometry and its plan."""
    districts = atlas.districts
    geometry = hashlib.sha256(b"".join(shapely.to_wkb(districts.geometry.to_numpy())))
    return (id(atlas.plan), id(districts), id(atlas.table), repr(atlas.plan),
            districts.drop(columns="geometry").to_json(), repr(districts.attrs),
            geometry.hexdigest(), atlas.table.to_json(), repr(atlas.table.attrs))


@pytest.fixture(scope="session")
def atlases():
    """``atlases(plan_id)``: the shipped plan's Atlas, loaded once for the session."""
    loaded: dict[str, tuple] = {}

    def get(plan_id: str):
        if plan_id not in loaded:
            atlas = geo.load(plan_id)
            loaded[plan_id] = (atlas, _fingerprint(atlas))
        return loaded[plan_id][0]

    yield get
    changed = [plan_id for plan_id, (atlas, before) in loaded.items()
               if _fingerprint(atlas) != before]
    assert not changed, (f"a test changed the shared atlas of {changed}: copy an atlas "
                         "before changing it")


@pytest.fixture(scope="session")
def atlas(atlases):
    """The 2024 Wenzhou plan on its boundaries (shared: do not change it)."""
    return atlases("wenzhou-2024")


@pytest.fixture
def plan_variant(tmp_path):
    """``plan_variant((old, new), ..., seed=, folder=, name=)``: write a changed shipped plan.

    Each ``old`` must be in the plan (checked) and is replaced once, in order. The
    file is ``<folder or tmp_path>/<name>`` (default ``<seed>.yaml``: a plan file is named
    after its id); ``seed`` is the shipped plan's id.
    """

    def write(*edits: tuple[str, str], seed: str = "wenzhou-2024", folder: Path | None = None,
              name: str | None = None) -> Path:
        text = (LAYERS / f"{seed}.yaml").read_text("utf-8")
        for old, new in edits:
            assert old in text, f"test setup: {old!r} is not in {seed}.yaml"
            text = text.replace(old, new, 1)
        path = (folder or tmp_path) / (name or f"{seed}.yaml")  # file name = plan id
        path.write_text(text, "utf-8")
        return path

    return write


@pytest.fixture(scope="session")
def payloads() -> tuple[str, ...]:
    """Script and template payloads that must show as text wherever plan text lands."""
    return PAYLOADS


@pytest.fixture(scope="session")
def hostile_plan(tmp_path_factory) -> Path:
    """The Wenzhou plan with every human text field replaced by script payloads.

    Ids and references stay as they are. The marine zone gets a point so that a
    zone marker (tooltip, popup) is drawn too.
    """
    data = yaml.safe_load((LAYERS / "wenzhou-2024.yaml").read_text("utf-8"))
    counter = iter(range(10_000))

    def hostile() -> str:
        return f"f{next(counter)} " + " ".join(PAYLOADS)

    def replace(item: dict, *keys: str) -> None:
        for key in keys:
            if key in item:
                item[key] = hostile()

    replace(data["title"], "zh", "en")
    data["notes"] = hostile()
    for source in data["sources"]:
        replace(source["title"], "zh", "en")
        replace(source, "publisher", "file")
        source["date"] = hostile()
    for group in data.get("groups", []):
        replace(group, "zh", "en")
    for industry in data["industries"]:
        replace(industry, "zh", "en")
    for place in data.get("places", []):
        replace(place, "zh", "en", "where", "note")  # kinds: a fixed list
    data["places"][0]["geometry"] = {"point": [120.78, 27.93], "precision": hostile()}
    for element in data["layout"]:
        replace(element, "zh", "en", "extent", "where", "note")
    for item in data.get("assignments", []) + data.get("indicators", []):
        replace(item, "where", "note")
    for role in data.get("roles", []):
        replace(role, "zh", "en", "where", "note")
    out = tmp_path_factory.mktemp("hostile") / "wenzhou-2024.yaml"  # file name = plan id
    out.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
    return out


# --- the browser -----------------------------------------------------------------------


@pytest.fixture(scope="session")
def playwright():
    """Playwright's driver for the whole session (no browser of its own is ever used)."""
    problem = missing_chromium()
    if problem:
        pytest.fail(problem, pytrace=False)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as driver:
        yield driver


@pytest.fixture(scope="session")
def browser(playwright):
    """One headless Debian Chromium (its headless shell, browser.py) for the session."""
    chromium = playwright.chromium.launch(executable_path=str(HEADLESS_SHELL),
                                          args=LAUNCH_ARGS)
    yield chromium
    chromium.close()


@pytest.fixture
def viewport(request) -> dict:
    """Size of the test's pages: ``@pytest.mark.viewport(width, height)`` or 1400 x 900."""
    marker = request.node.get_closest_marker("viewport")
    if marker is None:
        return dict(VIEWPORT)
    size = dict(zip(("width", "height"), marker.args, strict=False)) | marker.kwargs
    assert set(size) == {"width", "height"}, f"viewport marker needs width and height: {size}"
    return {"width": int(size["width"]), "height": int(size["height"])}


@pytest.fixture(scope="session")
def contexts(browser):
    """The browser contexts of this process, one per set of options (browser.py:
    :class:`Contexts`); tests open pages in them and close their pages."""
    made = Contexts(browser)
    yield made
    made.close()


@pytest.fixture
def new_page(contexts, viewport, request):
    """``new_page(viewport=None, **options)``: a new page, closed after the test, in the
    shared context of its viewport and further Playwright context ``options`` (e.g.
    ``has_touch=True``, ``accept_downloads=True``).

    Reduced motion unless the test is marked ``motion`` (browser.py: :data:`MOTION`).
    """
    pages = []
    motion = request.node.get_closest_marker("motion") is not None

    def make(size: dict | None = None, **options):
        pages.append(contexts.page(size or viewport, motion=motion, **options))
        return pages[-1]

    yield make
    for page in pages:
        page.close()


@pytest.fixture
def page(new_page):
    """A new page, closed after the test."""
    return new_page()


@pytest.fixture
def open_page(new_page):
    """``open_page(path)``: a new page with ``path`` opened offline, as a :class:`MapPage`.

    Requests that leave file: are aborted and recorded, console errors and page
    errors recorded; ``assert_clean()`` asserts there were none.
    """

    def opener(path: Path, viewport: dict | None = None) -> MapPage:
        return MapPage.open(new_page(viewport), path)

    return opener


@pytest.fixture
def open_map(open_page):
    """``open_map(path)``: ``open_page`` for a standalone map page, with its view recorded."""

    def opener(path: Path, viewport: dict | None = None) -> MapPage:
        view = open_page(path, viewport)
        view.read_view()
        return view

    return opener


@pytest.fixture(scope="session")
def screenshot_dir(tmp_path_factory) -> Path:
    """Where the tests' screenshots go: ``screenshots/`` in pytest's temporary folder of
    the session (tests write only there); the run's summary names it."""
    folder = tmp_path_factory.getbasetemp() / "screenshots"
    folder.mkdir(exist_ok=True)
    return folder


def pytest_terminal_summary(terminalreporter):
    basetemp = terminalreporter.config._tmp_path_factory.getbasetemp()
    folders = sorted({p.parent for p in basetemp.rglob("screenshots/*.png")})
    for folder in folders:
        terminalreporter.write_line(f"screenshots: {folder}")


@pytest.fixture
def screenshots(screenshot_dir):
    """``screenshots(page, name)``: PNGs of the page at 1400x900, 1366x768 and 390x844.

    Written to ``<screenshot_dir>/<name>-<width>x<height>.png``; returns the paths. The
    page gets its own size back afterwards.
    """

    def shoot(page, name: str) -> list[Path]:
        return take_screenshots(page, name, screenshot_dir)

    return shoot


@pytest.fixture(scope="module")
def contract_pages(contexts):
    """``contract_pages(width=1400, height=900, motion=False)``: a reused ContractPage of
    that size, with the map's animations if ``motion`` (browser.py: :data:`MOTION`).

    One page per size for the module (closed at its end); every test
    loads what it reads with ``ContractPage.load``, which starts from about:blank.
    """
    made: dict[tuple[int, int, bool], object] = {}

    def get(width: int = VIEWPORT["width"], height: int = VIEWPORT["height"],
            motion: bool = False):
        key = (int(width), int(height), bool(motion))
        if key not in made:
            made[key] = contract_page(contexts, {"width": key[0], "height": key[1]},
                                      motion=key[2])
        return made[key]

    yield get
    for view in made.values():
        view.page.close()


@pytest.fixture(scope="session")
def page_files(atlases, tmp_path_factory):
    """``page_files(kind, name)``: the path of a page built with the Python API, once.

    kind ``plan`` (``atlas.to_html``), ``plan-en`` (the same, ``lang="en"``), ``diff``
    (name ``"a:b"``, ``geo.diff_map``), ``national`` (``build_national``), ``report``
    (``atlas.report``) or ``index`` (``build_index`` of every shipped plan).
    """
    folder = tmp_path_factory.mktemp("pages")
    built: dict[tuple[str, str], Path] = {}

    def build(kind: str, name: str = "") -> Path:
        key = (kind, name)
        if key in built:
            return built[key]
        if kind == "plan":
            path = atlases(name).to_html(folder / f"{name}.html")
        elif kind == "plan-en":
            path = atlases(name).to_html(folder / f"{name}-en.html", lang="en")
        elif kind == "diff":
            a, b = name.split(":")
            path = folder / f"{a}-vs-{b}.html"
            path.write_text(geo.diff_map(atlases(a), atlases(b)).get_root().render(), "utf-8")
        elif kind == "national":
            from geo.pages.national import build_national

            path = build_national(name, folder / "national", quiet=True)
        elif kind == "report":
            path = atlases(name).report(folder / f"{name}-report.html")
        elif kind == "index":
            from geo.pages.index import build_index

            path = build_index([atlases(p) for p in geo.plans()], folder / "index")
        else:
            raise ValueError(f"page_files: unknown kind {kind!r}")
        built[key] = Path(path)
        return built[key]

    return build
