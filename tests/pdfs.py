"""Reading printed PDFs (poppler-utils): pages, size, text, rasters; shared by the tests
that print (test_print, test_report)."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import numpy as np
import pytest

from geo import vocabulary

#: The resolution PDFs are rasterised at: 96 dpi, one pixel per CSS pixel.
DPI = 96


def need(tool: str) -> None:
    if not shutil.which(tool):
        pytest.fail(f"{tool} is missing: apt-get install poppler-utils", pytrace=False)


def pdfinfo(pdf: Path) -> dict[str, str]:
    need("pdfinfo")
    out = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
    return dict(line.split(":", 1) for line in out.stdout.splitlines() if ":" in line)


def page_count(pdf: Path) -> int:
    return int(pdfinfo(pdf)["Pages"])


def page_size(pdf: Path) -> tuple[float, float]:
    found = re.match(r"\s*([\d.]+) x ([\d.]+) pts", pdfinfo(pdf)["Page size"])
    return float(found[1]), float(found[2])


def pdf_text(pdf: Path) -> str:
    """The PDF's text without white space (pdftotext breaks lines where it likes)."""
    need("pdftotext")
    out = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                         check=True)
    return re.sub(r"\s+", "", out.stdout)


def raster(pdf: Path, page: int = 1, dpi: int = DPI) -> np.ndarray:
    """Page ``page`` of ``pdf`` as an RGB array (written next to the PDF as a PNG)."""
    from PIL import Image

    need("pdftoppm")
    out = pdf.with_name(f"{pdf.stem}-p{page}")
    subprocess.run(["pdftoppm", "-r", str(dpi), "-png", "-f", str(page), "-l", str(page),
                    "-singlefile", str(pdf), str(out)], check=True)
    return np.asarray(Image.open(out.with_suffix(".png")).convert("RGB")).astype(int)


def keep_raster(pdf: Path, folder: Path, name: str, page: int = 1) -> Path:
    """The printed page as a PNG among the screenshots, to be looked at."""
    raster(pdf, page)
    out = folder / f"{name}.png"
    shutil.copy(pdf.with_name(f"{pdf.stem}-p{page}.png"), out)
    return out


def assert_no_controls(text: str, lang: str = "en") -> None:
    """A PDF's text (``pdf_text``) shows none of the panel's controls: it was laid out for
    paper. (Printed with the screen's styles, as ``page.pdf`` does after
    ``emulate_media(media="screen")``, every one of them is there.)"""
    words = vocabulary.words("map", lang)
    for control in ("question", "find", "find_hint", "choose"):
        assert re.sub(r"\s+", "", words[control]) not in text, control
