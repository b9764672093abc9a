"""SYNTHETIC inputs shared by several test modules (made here, never presented as real)."""

from __future__ import annotations

import pandas as pd

#: Three Wenzhou districts of the synthetic firm table.
PINGYANG, WENCHENG, LUCHENG = "330326", "330328", "330302"


def firms(other: str = "widgets") -> pd.DataFrame:
    """SYNTHETIC firm table (``adcode``, ``industry``, ``name``) of Wenzhou with known
    measures: Pingyang (plan: software, IoT) 3 IoT + 1 AI; Wencheng (plan: none of these)
    5 AI + 1 IoT; Lucheng 2 firms named ``other`` of an industry ``other`` not in the plan
    (a payload where a test wants hostile text).

    Region: 12 firms, 6 AI, 4 IoT, 2 other.

    - LQ: Pingyang IoT (3/4)/(4/12) = 2.25, Pingyang AI (1/4)/(6/12) = 0.5, Wencheng AI
      (5/6)/(6/12) = 1.667, Wencheng IoT (1/6)/(4/12) = 0.5, Lucheng other (2/2)/(2/12) = 6.
    - Krugman: Pingyang |1/4 - 1/2| + |3/4 - 1/3| + 1/6 = 5/6; Wencheng 1/3 + 1/6 + 1/6 =
      2/3; Lucheng 1/2 + 1/3 + 5/6 = 5/3.
    - Hoover (districts 4/12, 6/12, 2/12): IoT 1/2 (5/12 + 1/4 + 1/6) = 5/12; AI
      1/2 (1/6 + 1/3 + 1/6) = 1/3; other 1/2 (1/3 + 1/2 + 5/6) = 5/6.
    """
    rows = ([(PINGYANG, "iot", "p")] * 3 + [(PINGYANG, "ai", "p")] + [(WENCHENG, "ai", "w")] * 5
            + [(WENCHENG, "iot", "w")] + [(LUCHENG, other, other)] * 2)
    return pd.DataFrame(rows, columns=["adcode", "industry", "name"])
