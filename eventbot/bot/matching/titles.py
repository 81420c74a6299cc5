"""People asked for by a title and one of their names: "Dr Lim", "ms lee", "田中さん", "이 교수님".

A surname alone is no full name (the fuzzy index wants those), yet with a courtesy title or a
role beside it, it can only mean a person: the people whose name holds it are the candidates.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from rapidfuzz import fuzz

from eventbot.bot.matching.index import NAME_KINDS, IndexKey
from eventbot.bot.matching.lexical import TYPO_MIN_RATIO
from eventbot.bot.matching.normalize import unaccented

__all__ = ["TITLES_AFTER", "TITLES_BEFORE", "Titled", "without_title"]

# Titles written before a name, in the languages questions come in (as whole words).
_BEFORE = (
    "dr", "doctor", "prof", "professor", "mr", "mister", "ms", "mrs", "miss", "mx", "sir",
    "madam", "dame", "sr", "sra", "señor", "señora", "don", "doña", "herr", "frau", "mme",
    "господин", "госпожа", "г-н", "г-жа", "доктор", "профессор",
    "ông", "bà", "anh", "chị", "cô", "thầy", "tiến sĩ", "giáo sư",
    "pak", "bapak", "bu", "ibu", "khun", "คุณ", "ดร",
    # Malaysian honorifics and forms of address
    "dato", "dato'", "datuk", "datin", "tan sri", "puan", "encik", "tuan", "haji", "hajah",
    "ustaz", "ustazah",
)
TITLES_BEFORE = frozenset(_BEFORE)  # (as words: "dr", "prof", "ms")
# Titles written after a name: Japanese and Chinese courtesy, Korean titles and roles.
_AFTER_CJK = ("さん", "さま", "様", "先生", "教授", "博士", "氏", "部長", "社長", "会長", "所長",
              "女士", "老师", "老師", "总", "總", "院长", "院長",
              # Chinese office titles (黃局長, 王处长)
              "局长", "局長", "处长", "處長", "主任", "经理", "經理", "执行长", "執行長", "校长",
              "校長", "市长", "市長", "署长", "署長", "司长", "司長", "秘书长", "秘書長", "理事长",
              "理事長", "董事长", "董事長", "部长", "主席", "委員長", "委员长", "课长", "課長")
_AFTER_KO = ("교수", "박사", "선생", "대표", "회장", "사장", "원장", "소장", "센터장", "이사",
             "님", "씨", "장관", "차관", "대사",
             # titles that end in one of those: "배윤아 부사장님" is no 부 of a 사장
             "부사장", "부회장", "부원장", "부소장", "부대표", "이사장", "사무총장", "총장",
             "부총장", "부장", "팀장", "실장", "국장", "본부장", "위원장", "의장", "단장")

# (as a question's folded words hold them)
TITLES_AFTER = frozenset(map(unaccented, (*_AFTER_CJK, *_AFTER_KO)))
_TITLE_END = re.compile(r"(?<=\w)(?:" + "|".join(map(re.escape, sorted(
    TITLES_AFTER, key=len, reverse=True))) + ")$")

_SURNAME_MAX = 4  # characters of a CJK surname before a title, as a name is looked up by
_LATIN_BEFORE = re.compile(
    r"(?<!\w)(?:" + "|".join(map(re.escape, sorted(_BEFORE, key=len, reverse=True)))
    + r")\.?\s+([^\W\d_][\w'-]*)", re.IGNORECASE)
_HAN_KANA = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
# Questions and names are folded as the matcher folds them (hiragana as katakana: さん, サン).
_CJK_AFTER = re.compile(
    rf"([{_HAN_KANA}]{{1,{_SURNAME_MAX}}}?)\s?(?:" + "|".join(map(re.escape, sorted(
        map(unaccented, _AFTER_CJK), key=len, reverse=True))) + ")")
_KO_AFTER = re.compile(
    rf"(?<![가-힣])([가-힣]{{1,{_SURNAME_MAX}}}?)\s?(?:"
    + "|".join(map(re.escape, sorted(_AFTER_KO, key=len, reverse=True))) + ")(?:님)?")
# "姓金的那位", "姓陈的嘉宾": a surname said as one (Chinese, "surnamed Kim")
_SURNAMED = re.compile(rf"姓\s?([{_HAN_KANA}]{{1,2}}?)(?:的|老师|老師|先生|女士|嘉宾|嘉賓|那)")
_WORD = re.compile(r"[a-z][a-z'-]*")  # a Latin word, folded
_NAME_PARTS = re.compile(r"[\s\-\u2010\u2011·・.,]+")
_PARTICLES = tuple(map(unaccented, ("の", "は", "が")))  # "…の田中さん": the name follows


class Titled:
    """The people of a KB by the parts of their names, to look a titled name up."""

    def __init__(self, keys: Iterable[IndexKey]) -> None:
        self._by_part: dict[str, set[str]] = {}  # a Latin name's word -> people
        self._parts_of: dict[str, set[str]] = {}  # person -> the words of their Latin names
        # the first one to four characters of a Han, kana or Hangul name (unspaced) -> people,
        # as long as the surnames a title follows
        self._cjk_starts: dict[str, set[str]] = {}
        self.names: dict[str, str] = {}  # person -> a name of theirs (the first one)
        # the other items' names, whose words are no surname alone: read on first need (few
        # questions name someone bare), not at every build
        self._other_names: list[str] = []
        self._other_words: frozenset[str] | None = None
        for key in keys:
            if key.kind not in NAME_KINDS:
                self._other_names.append(key.text)
                continue
            self.names.setdefault(key.item_id, key.text)
            text = unaccented(key.text).casefold()
            if text.isascii():
                for part in _NAME_PARTS.split(text):
                    if len(part) >= 2:
                        self._by_part.setdefault(part, set()).add(key.item_id)
                        self._parts_of.setdefault(key.item_id, set()).add(part)
            else:
                for part in [text, *_NAME_PARTS.split(text)]:  # 田中 由紀: also 田中
                    joined = "".join(part.split())
                    for length in range(1, min(len(joined), _SURNAME_MAX) + 1):
                        self._cjk_starts.setdefault(joined[:length], set()).add(key.item_id)

    def find_bare(self, question: str, stranger: Callable[[str], bool] = lambda _: False
                  ) -> frozenset[str]:
        """Return the people a Latin name of the question's, untitled, may be ("where is
        mitchell presenting", "lai's talk"): a part of people's names and of no other name.

        ``stranger``: whether a word is none the KB knows. A part beside one is another
        person's name ("carlos slim" is no Carlos Beltrán, "raffi ahmad" no Ahmad Siregar),
        unless it is a typo of one of theirs ("mara olsn").
        """
        if self._other_words is None:
            self._other_words = frozenset(word for text in self._other_names
                                          for word in _WORD.findall(unaccented(text).casefold()))
            self._other_names = []
        parts: dict[str, int] = {}  # person -> how many of their names' parts it holds
        words = [word.removesuffix("'s") for word in _WORD.findall(unaccented(question).casefold())]
        named: set[str] = set()
        for at, word in enumerate(words):
            if (len(word) < 3 or word in named or word in self._other_words
                    or word not in self._by_part):
                continue
            if any(0 <= beside < len(words) and words[beside] not in self._by_part
                   and stranger(words[beside]) and not self._mistyped(words[beside], word)
                   for beside in (at - 1, at + 1)):
                continue
            named.add(word)
            for person in self._by_part[word]:
                parts[person] = parts.get(person, 0) + 1
        most = max(parts.values(), default=0)  # "carmen quispe": not every Quispe
        return frozenset(person for person, held in parts.items() if held == most)

    def _mistyped(self, word: str, part: str) -> bool:
        """Tell whether a word may be a typo of a name word of the people named ``part``."""
        # (as alike as a question's word must be to a KB word it is read as: "olsn", "olsen")
        return any(fuzz.ratio(word, other) >= TYPO_MIN_RATIO for person in self._by_part[part]
                   for other in self._parts_of[person])

    def find(self, question: str) -> frozenset[str]:
        """Return the people a titled name in the question may be (none: no titled name)."""
        found: set[str] = set()
        folded = unaccented(question).casefold()
        for match in _LATIN_BEFORE.finditer(folded):
            found |= self._by_part.get(match[1], set())
        for pattern in (_CJK_AFTER, _KO_AFTER, _SURNAMED):
            for match in pattern.finditer(folded):
                found |= self._starting_with(match[1])
        return frozenset(found)

    def _starting_with(self, surname: str) -> set[str]:
        """Return the people whose CJK name starts with a surname (田中, 이, 刘)."""
        for particle in _PARTICLES:
            surname = surname.rpartition(particle)[2] or surname
        return self._cjk_starts.get(surname, set()) if surname else set()


def without_title(word: str) -> str:
    """Return a folded word of unspaced script without the title it ends in ("高桥先生": 高桥)."""
    return _TITLE_END.sub("", word)
