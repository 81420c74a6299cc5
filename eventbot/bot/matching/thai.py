"""Thai words, for the pieces of unspaced Thai text (optional: the ``thai`` extra, PyThaiNLP).

Thai writes no spaces between words. Without a dictionary, the matcher cuts an unspaced Thai run
into pairs of letter clusters (:mod:`bot.matching.lexical`), many of which are where two words
meet and match nothing meant. With PyThaiNLP installed (``pip install 'eventbot[thai]'``), the
run is cut into dictionary words instead ("บูธชาอยู่ตรงไหน": บูธ, ชา, อยู่, ตรงไหน), both in the
KB's texts and in questions, and a question's function words and polite particles (อยู่, ครับ,
คะ) count for nothing. It costs about 70 MB of memory and a second, once Thai text is first met.
"""

from __future__ import annotations

import logging
import re
from functools import lru_cache

__all__ = ["cluster_spans", "inner_words", "stopwords", "word_spans"]

logger = logging.getLogger(__name__)

_KEPT = 65536  # Thai runs whose words are kept: a KB's texts and the questions asked again

# Thai writes vowels and tone marks above and below a consonant, and some vowels before it: a
# letter cluster is a consonant with its marks and a vowel written before it.
_CLUSTER = re.compile("[\u0e40-\u0e44]?[\u0e01-\u0e30\u0e32\u0e33\u0e3f-\u0e46"
                      "\u0e4f-\u0e7f][\u0e31\u0e34-\u0e3a\u0e47-\u0e4e]*|.")


def cluster_spans(text: str) -> list[tuple[int, int]]:
    """Return where each letter cluster of a Thai text starts and stops (no dictionary)."""
    return [found.span() for found in _CLUSTER.finditer(text)]


@lru_cache(maxsize=1)
def _segmenter() -> bool:
    """Tell whether PyThaiNLP is installed (and load its dictionary once)."""
    try:
        from pythainlp.tokenize import word_tokenize
    except ImportError:
        logger.info("Thai text is matched by pairs of letters: pip install 'eventbot[thai]' "
                    "cuts it into words (PyThaiNLP)")
        return False
    word_tokenize("ทดสอบ", engine="newmm")  # loads the dictionary now, not mid-question
    logger.info("Thai text is cut into words with PyThaiNLP")
    return True


@lru_cache(maxsize=_KEPT)
def word_spans(run: str) -> tuple[tuple[int, int, str], ...] | None:
    """Return the words of an unspaced Thai run of two or more letters, with where each starts
    and stops in it; None without PyThaiNLP."""
    if not _segmenter():
        return None
    from pythainlp.tokenize import word_tokenize

    spans: list[tuple[int, int, str]] = []
    start = 0
    for word in word_tokenize(run, engine="newmm", keep_whitespace=False):
        found = run.find(word, start)
        if found < 0:  # the segmenter returned what the run does not hold as such
            continue
        start = found + len(word)
        if len(word) >= 2:  # one letter says nothing
            spans.append((found, start, word))
    return tuple(spans)


# Particles of chat that PyThaiNLP's list lacks: "or not" (ป่าว, เปล่า, ปะ), อะ, อ่ะ, เหรอ, หรอ
# (not ไหม, which is also silk, nor มะ, which starts fruit)
_CHAT_PARTICLES = frozenset({"ป่าว", "เปล่า", "ปะ", "อะ", "อ่ะ", "เหรอ", "หรอ"})


@lru_cache(maxsize=1)
def stopwords() -> frozenset[str]:
    """Return PyThaiNLP's Thai function words and particles, and chat's; none without
    PyThaiNLP (nothing cuts a Thai word into words then)."""
    if not _segmenter():
        return frozenset()
    from pythainlp.corpus import thai_stopwords

    return frozenset(thai_stopwords()) | _CHAT_PARTICLES


_INNER_MIN = 4  # letters of a word inside a longer one: shorter ones are mostly syllables


@lru_cache(maxsize=_KEPT)
def inner_words(word: str) -> tuple[str, ...]:
    """Return the dictionary words inside a longer Thai word (ทะเล in ทางทะเล, maritime), cut
    only where its letter clusters meet; none without PyThaiNLP."""
    if not _segmenter():
        return ()
    from pythainlp.corpus import thai_words

    known = thai_words()
    cuts = [0, *(stop for _, stop in cluster_spans(word))]
    return tuple(word[start:stop] for start in cuts for stop in cuts
                 if stop - start >= _INNER_MIN and stop - start < len(word)
                 and word[start:stop] in known)
