"""Normalise KB keys and questions so that spelling variants meet before fuzzy scoring.

The same pipeline runs on knowledge-base keys when the index is built and on every question,
so any folding done here can never make a key unreachable:

1. NFKC first (full-width ``ｋ－ｂｅａｕｔｙ`` becomes ``k-beauty``; half-width katakana becomes
   full-width), then casefold, repeated until stable because casefolding can produce text that
   NFKC would change again.
2. Punctuation, symbols, separators and control characters become spaces, so ``K-Beauty``,
   ``K Beauty`` and ``K·Beauty`` meet; hiragana becomes katakana (edit distance cannot cross the
   two syllabaries).
3. For matching only (display keeps the KB's spelling): Latin letters lose their accents
   (``Hội nghị``/``Hoi nghi``, ``exposición``/``exposicion``; Vietnamese ``đ`` becomes ``d``),
   Russian ``ё`` becomes ``е``, and Traditional Chinese becomes Simplified with OpenCC's ``t2s``
   data (``會場``/``会场``, ``濟州``/``济州``), on KB keys and questions alike.
4. Russian words lose their case and number endings, crudely (``главной площадке`` and
   ``главная площадка`` both become ``главн площадк``).
5. Korean particles and copulas are stripped per token, longest suffix first, repeatedly, and
   only while the stem keeps at least two characters (``한라홀에서`` -> ``한라홀``,
   ``포럼은`` -> ``포럼``, but ``홀에`` stays: a one-syllable stem is more likely a word than a
   stem plus particle).

:func:`normalize_text` returns that canonical text with single spaces between tokens; it is
idempotent.
:func:`match_key` is what the scorer compares: the canonical text **with every space removed**
and Hangul syllables decomposed into jamo. Spaces are dropped because a missing or an extra space
is one of the most common typos in Korean (``한라 홀``/``한라홀``, ``K뷰티``/``K-뷰티``), because
Japanese and Chinese questions carry no spaces at all, and because the word-level scorers that
would need them (``token_set_ratio``) give false 100s on subsets. Jamo let edit distance see a
typo as one letter: 한라홀/한라올 score 87.5 on jamo against 66.7 on syllables, while a different
hall (탐라홀) stays at 75.

Romanisation variants (Halla/Halra/Hanra) are KB aliases, not code.
"""

from __future__ import annotations

import re
import unicodedata

import opencc

__all__ = [
    "HANGUL_WORD",
    "HAN_CHARACTER",
    "HAN_WORD",
    "KANA_OR_HANGUL",
    "PARTICLES",
    "choseong",
    "choseong_query",
    "fold_key",
    "match_key",
    "normalize_text",
    "strip_particles",
    "to_jamo",
    "tokens",
    "traditional",
    "unaccented",
    "without_emoticons",
]

_HANGUL_FIRST = 0xAC00
_HANGUL_LAST = 0xD7A3
HANGUL_WORD = re.compile("[\uac00-\ud7a3]+")  # one word of precomposed syllables only
HAN_WORD = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")  # one word of Han only
_SYLLABLES_PER_CHOSEONG = 21 * 28  # 21 medial vowels x 28 finals (incl. none)
_CHOSEONG_BASE = 0x1100  # conjoining initial consonants U+1100..U+1112

# Korean particles and copula endings, longest first so 에서 wins over 서-less readings and 으로
# over 로. Only suffixes that attach to nouns: a typo'd verb ending left in place costs a few
# points of ratio, while a wrongly stripped noun syllable could merge two different keys.
PARTICLES: tuple[str, ...] = tuple(
    sorted(
        {
            # stacked particles
            "에서는", "에서도", "에게서", "에게는", "으로는", "으로도", "까지는", "부터는",
            "이랑은", "하고는", "에서의",
            # copula endings ("한라홀이에요", "포럼인가요")
            "입니다", "입니까", "이에요", "이예요", "인가요", "인데요", "이야", "예요", "에요",
            "인가", "인데", "이죠",
            # case and auxiliary particles
            "에서", "에게", "한테", "으로", "이랑", "하고", "까지", "부터", "처럼", "보다",
            "마다", "이나", "조차", "밖에",
            "은", "는", "이", "가", "을", "를", "에", "의", "도", "로", "와", "과", "랑", "요",
        },
        key=lambda suffix: (-len(suffix), suffix),
    )
)
_MIN_STEM_CHARS = 2
_FOLD_CACHE_LIMIT = 200_000  # lazily cached code points: hostile input cannot grow it unbounded
# Indexed by last character so most tokens (not ending in a particle syllable) cost one lookup.
_PARTICLES_BY_LAST_CHAR: dict[str, tuple[str, ...]] = {
    last: tuple(suffix for suffix in PARTICLES if suffix.endswith(last))
    for last in {suffix[-1] for suffix in PARTICLES}
}
_MAX_FOLD_ROUNDS = 4
# Latin letters with accents (Latin-1 Supplement, Extended-A/B, Extended Additional, where
# Vietnamese lives) lose them; combining marks left alone after NFKC go too. Other scripts keep
# their marks: Thai vowels and tones and Japanese voicing marks are letters, not accents.
_LATIN_ACCENTED = ((0x00C0, 0x024F), (0x1E00, 0x1EFF))
_COMBINING_ACCENTS = (0x0300, 0x036F)
_UNACCENTED = {0x0111: "d", 0x0451: "е"}  # đ has no decomposition; ё is read as е
HAN_CHARACTER = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]")
KANA_OR_HANGUL = re.compile("[\u3041-\u30ff\uac00-\ud7a3]")  # a kana or Hangul character
# OpenCC's Traditional -> Simplified (phrases, then characters); one conversion of a short
# text costs about 1.6 µs, the dictionaries about 5 MB, loading them about 10 ms.
_TO_SIMPLIFIED = opencc.OpenCC("t2s")
_MAX_SIMPLIFY_ROUNDS = 2  # t2s is not quite idempotent (薴 -> 苧 -> 苎)
# Russian case and number endings, longest first: "главной площадке" meets "главная площадка".
# Crude, and the same on both sides like the English plural stem of the word index; stripped
# until none is left (so stemming a stem changes nothing) while three letters remain.
_RUSSIAN_ENDINGS: tuple[str, ...] = tuple(sorted(
    {
        "ами", "ями", "ого", "его", "ому", "ему", "ыми", "ими", "ой", "ей", "ый", "ий", "ая",
        "яя", "ое", "ее", "ые", "ие", "ую", "юю", "ом", "ем", "ах", "ях", "ам", "ям", "ов",
        "ев", "ью", "а", "я", "о", "е", "ы", "и", "у", "ю", "ь", "й",
    },
    key=lambda ending: (-len(ending), ending),
))
_RUSSIAN_STEM_MIN = 3
_CYRILLIC_WORD = re.compile("[\u0430-\u044f]+")  # lower-case Russian letters (ё folded to е)


# Russian letters as names from other languages are spelled in Latin ones: Кунди is Kundi,
# Сато Sato, Хироси Hiroshi's Hirosi (х as h, the usual letter of those names, not kh).
_LATIN_OF_CYRILLIC = str.maketrans({
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh", "з": "z",
    "и": "i", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r",
    "с": "s", "т": "t", "у": "u", "ф": "f", "х": "h", "ц": "ts", "ч": "ch", "ш": "sh",
    "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu", "я": "ya",
})


def romanized(word: str) -> str:
    """Return a Russian word in Latin letters (casefolded), as names are spelled in them."""
    return _nfkc_casefold(word).translate(_LATIN_OF_CYRILLIC)


def _build_jamo_table() -> dict[int, str]:
    """Map every precomposed Hangul syllable to its conjoining jamo."""
    return {
        code: unicodedata.normalize("NFD", chr(code))
        for code in range(_HANGUL_FIRST, _HANGUL_LAST + 1)
    }


class _ChoseongTable(dict[int, str]):
    """Map Hangul syllables to their initial consonant and, lazily, everything else to nothing."""

    def __missing__(self, code: int) -> str:
        if len(self) < _HANGUL_LAST - _HANGUL_FIRST + 1 + _FOLD_CACHE_LIMIT:
            self[code] = ""
        return ""


def _build_choseong_table() -> _ChoseongTable:
    """Map every precomposed Hangul syllable to its conjoining initial consonant."""
    table = _ChoseongTable()
    for code in range(_HANGUL_FIRST, _HANGUL_LAST + 1):
        table[code] = chr(_CHOSEONG_BASE + (code - _HANGUL_FIRST) // _SYLLABLES_PER_CHOSEONG)
    return table


_JAMO_TABLE = _build_jamo_table()
_CHOSEONG_TABLE = _build_choseong_table()

# The 19 initial consonants as users type them (Hangul Compatibility Jamo, U+3131..U+314E) and as
# NFKC turns them into conjoining jamo (U+1100..U+1112); both spellings are accepted so callers may
# pass raw or NFKC'd text. Compatibility clusters such as ㄳ are not initials and end detection.
_COMPAT_INITIALS = "ㄱㄲㄴㄷㄸㄹㅁㅂㅃㅅㅆㅇㅈㅉㅊㅋㅌㅍㅎ"
_INITIAL_OF: dict[str, str] = {
    **{compat: chr(_CHOSEONG_BASE + i) for i, compat in enumerate(_COMPAT_INITIALS)},
    **{chr(_CHOSEONG_BASE + i): chr(_CHOSEONG_BASE + i) for i in range(len(_COMPAT_INITIALS))},
}


class _FoldTable(dict[int, str]):
    """Lazily fold one code point for ``str.translate``: separators to space, hiragana to katakana.

    Computing the category per code point on first sight and caching it keeps ``translate`` at
    C speed without a 1.1M-entry table built at import.
    """

    def __missing__(self, code: int) -> str:
        folded = _fold_char(code)
        if len(self) < _FOLD_CACHE_LIMIT:
            self[code] = folded
        return folded


def _fold_char(code: int) -> str:
    """Return the folded form of one code point."""
    if 0x3041 <= code <= 0x3096 or code in (0x309D, 0x309E):
        return chr(code + 0x60)  # hiragana -> katakana; the blocks are 0x60 apart
    # P* punctuation, S* symbols, Z* separators, C* control/format/unassigned all split words.
    if unicodedata.category(chr(code))[0] in "PSZC":
        return " "
    return chr(code)


_FOLD_TABLE = _FoldTable()


class _MatchFoldTable(dict[int, str]):
    """Lazily fold one code point as :class:`_FoldTable` does, and drop Latin accents."""

    def __missing__(self, code: int) -> str:
        folded = _unaccented(code)
        if len(self) < _FOLD_CACHE_LIMIT:
            self[code] = folded
        return folded


def _unaccented(code: int) -> str:
    """Return one folded code point without its accents, if it is a Latin letter or an accent."""
    if code in _UNACCENTED:
        return _UNACCENTED[code]
    if _COMBINING_ACCENTS[0] <= code <= _COMBINING_ACCENTS[1]:
        return ""
    if any(first <= code <= last for first, last in _LATIN_ACCENTED):
        decomposed = unicodedata.normalize("NFD", chr(code))
        base = "".join(char for char in decomposed if not unicodedata.combining(char))
        if base != chr(code):
            return base
    return _fold_char(code)  # also the symbols of those blocks: × and ÷ split words


_MATCH_FOLD_TABLE = _MatchFoldTable()


def _simplified(text: str) -> str:
    """Return the text with Traditional Chinese written as Simplified (OpenCC ``t2s``)."""
    for _ in range(_MAX_SIMPLIFY_ROUNDS):
        converted = str(_TO_SIMPLIFIED.convert(text))
        if converted == text:
            break
        text = converted
    return text


def traditional(text: str) -> bool:
    """Tell whether Chinese text is written in Traditional characters (會場, not 会场)."""
    return str(_TO_SIMPLIFIED.convert(text)) != text


def _nfkc_casefold(text: str) -> str:
    """Apply NFKC and casefold until the text stops changing."""
    folded = unicodedata.normalize("NFKC", text)
    for _ in range(_MAX_FOLD_ROUNDS):
        # Casefolding can leave text that NFKC would change again (e.g. U+0345 after a vowel).
        refolded = folded.casefold()
        if not unicodedata.is_normalized("NFKC", refolded):
            refolded = unicodedata.normalize("NFKC", refolded)
        if refolded == folded:
            break
        folded = refolded
    return folded


def strip_particles(token: str) -> str:
    """Strip trailing Korean particles from one token while the stem keeps two characters."""
    stripped = token
    while suffixes := _PARTICLES_BY_LAST_CHAR.get(stripped[-1:]):
        for suffix in suffixes:
            if stripped.endswith(suffix) and len(stripped) - len(suffix) >= _MIN_STEM_CHARS:
                stripped = stripped[: -len(suffix)]
                break
        else:
            break
    return stripped


def _russian_stem(word: str) -> str:
    """Strip Russian case and number endings while three letters remain; others unchanged."""
    if len(word) <= _RUSSIAN_STEM_MIN or not _CYRILLIC_WORD.fullmatch(word):
        return word
    stripped = True
    while stripped:
        stripped = False
        for ending in _RUSSIAN_ENDINGS:
            if word.endswith(ending) and len(word) - len(ending) >= _RUSSIAN_STEM_MIN:
                word = word[: -len(ending)]
                stripped = True
                break
    return word


# An apostrophe inside a name joins its letters: "O'Connor" is typed "oconnor", "Xi'an" "xian"
# (questions lose theirs as bot.matching.intent reads them). A possessive's splits off its "s"
# ("Lee's talk"), as any other punctuation would.
_APOSTROPHE = re.compile(r"['\u2019\u2018\u02bc]")
_JOINING_APOSTROPHE = re.compile(r"(?<=[^\W\d_])['\u2019\u2018\u02bc](?=[^\W\d_])(?!s\b)")


def tokens(text: str) -> list[str]:
    """Return the canonical tokens of ``text``: folded, split, particles and endings stripped."""
    if _APOSTROPHE.search(text):
        text = _JOINING_APOSTROPHE.sub("", text)
    if HANGUL_WORD.fullmatch(text):  # NFKC, casefolding and folding leave syllables alone
        return [strip_particles(text)]
    if text.isascii():
        folded = _nfkc_casefold(text).translate(_FOLD_TABLE)
    else:
        folded = _nfkc_casefold(text).translate(_MATCH_FOLD_TABLE)
        if HAN_CHARACTER.search(folded):
            folded = _simplified(folded)
        if _CYRILLIC_WORD.search(folded):
            return [_russian_stem(strip_particles(token)) for token in folded.split()]
        return [strip_particles(token) for token in folded.split()]
    return folded.split()  # no particle ends in an ASCII letter


def unaccented(text: str) -> str:
    """Drop Latin accents (and read ё as е) as :func:`tokens` does; punctuation becomes space."""
    return text.translate(_MATCH_FOLD_TABLE)


def normalize_text(text: str) -> str:
    """Return the canonical text: folded, particle-free tokens joined by single spaces."""
    return " ".join(tokens(text))


def to_jamo(text: str) -> str:
    """Decompose every Hangul syllable into conjoining jamo; leave other characters alone."""
    return text.translate(_JAMO_TABLE)


def match_key(text: str) -> str:
    """Return the string the scorer compares: normalised, spaces removed, Hangul as jamo."""
    return to_jamo("".join(tokens(text)))


def fold_key(text: str) -> str:
    """Return a cheap collision key: NFKC, casefold, kana folded, no punctuation or spaces."""
    folded = text
    for _ in range(_MAX_FOLD_ROUNDS):
        # Removing a space can glue a combining mark to a letter (A´ -> a + U+0301), which
        # NFKC then composes: repeat until stable so the key is idempotent.
        refolded = "".join(_nfkc_casefold(folded).translate(_FOLD_TABLE).split())
        if refolded == folded:
            break
        folded = refolded
    return folded


def choseong(text: str) -> str:
    """Return the initial consonants of the Hangul syllables in ``text`` (others dropped)."""
    return text.translate(_CHOSEONG_TABLE)


def _nfkc_free_fold(text: str) -> str:
    """Turn punctuation and spaces into spaces without NFKC, so compatibility jamo survive."""
    return text.translate(_FOLD_TABLE)


# Korean chat's emoticons in bare jamo: ㅠㅠ, ㅜㅜ anywhere (no initial-consonant search has a
# vowel), ㅋㅋ or ㅎㅎ after a syllable or alone, repeated (ㅎㄹㅎ alone is a search by initials).
_KOREAN_EMOTICONS = re.compile(
    r"[\u3160\u315c\u3161\u1172\u116e\u1173]+"
    r"|(?<=[\uac00-\ud7a3])[\u314b\u314e\u110f\u1112]+"
    r"|(?<!\S)([\u314b\u314e\u110f\u1112])\1+(?!\S)")


def without_emoticons(text: str) -> str:
    """Return the text without Korean chat's jamo emoticons ("잃어버렸어요ㅠㅠ", "감사ㅋㅋ")."""
    return " ".join(_KOREAN_EMOTICONS.sub(" ", text).split()) if _KOREAN_EMOTICONS.search(
        text) else text


def choseong_query(text: str) -> str | None:
    """Return the conjoining initials if ``text`` is only initial consonants (ㅎㄹㅎ), else None.

    Call this on the raw question, before NFKC (which rewrites ㅎ as conjoining ᄒ); conjoining
    initials are accepted too so already-NFKC'd text still works.
    """
    consonants = "".join(_nfkc_free_fold(text).split())
    if len(consonants) < 2 or any(char not in _INITIAL_OF for char in consonants):
        return None
    return "".join(_INITIAL_OF[char] for char in consonants)
