"""Any text drafts to a plan that validates, or fails with one DocumentError line.

SYNTHETIC: documents are generated from a vocabulary of place names, slogans,
industries, figures, punctuation and markup. ``DRAFT_FUZZ_EXAMPLES`` sets the count
(default 150; 3,000 took 80 s).
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import geo
from geo.drafting import DocumentError

WORDS = [
    "乐清", "瑞安市", "Rui'an", "Yongjia County", "洞头县", "Dongtou County", "温州", "Wenzhou",
    "“一廊双核多点”", "“一廊”即", "“双核”即", "北以", "南以", "为核心", '"One Corridor, Two Cores"',
    '"Two Cores" refers to', "in the north", "人工智能", "集成电路", "smart home", "big data",
    "“3+5”", '"3" refers to', "重点发展", "including", "、", "，", "。", "；", ". ", ", and ",
    "到2025年", "by 2027", "6500亿元", "12.5 billion yuan", "65%", "30 percent", "居全省第二",
    "ranked 4th", "1,200 enterprises", "全覆盖", "高新区", "Future Valley", "小镇", "\n\n",
    "<p>", "</p>", "<script>x</script>", "{{ 7*7 }}", "&amp;", "clusters such as", "产业集群",
    "four function areas: a zone, b zone, c zone and d zone", "智能厨房电器", "等产业",
    "smart pumps & valves", "smart pumps and valves", "Lucheng District will develop ",
    "“3”是指", "2大产业为", "鹿城区：", "One Core", "Two Wings", "eastern", "东翼：",
    "\x00", "\x0b", "\u2028", "\ufeff", "\r\n", "ｌ２０２５年", "６５％",
]


@settings(max_examples=int(os.environ.get("DRAFT_FUZZ_EXAMPLES", 150)), deadline=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(WORDS), min_size=0, max_size=60),
       st.sampled_from([None, "温州市", "330300"]))
def test_any_text_drafts_a_valid_plan_or_one_clear_error(words, region):
    text = "".join(words)
    try:
        result = geo.draft(text + "\n", region=region)
    except DocumentError as exc:
        assert "\n" not in str(exc) and str(exc)
        return
    assert result.plan.region.startswith("33") or region is None
    assert result.facts is not None and result.yaml.startswith("#")
