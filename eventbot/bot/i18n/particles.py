"""Korean particles chosen by the sound the word before them ends with.

A catalog writes ``{title:은}`` (or ``{title:는}``: either form of the pair) and gets "한라홀은"
or "플레너리는"; the same for 이/가, 을/를, 와/과, 으로/로 (로 after ㄹ too), 이나/나, 이에요/예요,
아/야 and 이라/라. A name in Latin letters or digits is read as Koreans would say it ("Hall B은"
is wrong, "Hall B는" right: 비; "Room 1로": 일, ends in ㄹ).
"""

from __future__ import annotations

import re
import string
from typing import Any

# (after a final consonant, after a vowel)
_PAIRS: tuple[tuple[str, str], ...] = (
    ("은", "는"), ("이", "가"), ("을", "를"), ("과", "와"), ("으로", "로"), ("이나", "나"),
    ("이에요", "예요"), ("아", "야"), ("이라", "라"), ("이랑", "랑"),
)
PARTICLES: dict[str, tuple[str, str]] = {form: pair for pair in _PAIRS for form in pair}

# The Korean reading of a final digit: 영 일 이 삼 사 오 육 칠 팔 구 (None: ends in a vowel;
# "ㄹ": ends in ㄹ, which takes 로 like a vowel).
_DIGIT_FINAL = {"0": "ㅇ", "1": "ㄹ", "2": None, "3": "ㅁ", "4": None, "5": None, "6": "ㄱ",
                "7": "ㄹ", "8": "ㄹ", "9": None}
# The last letter of a Latin word as Koreans read it: 엘, 엠, 엔, 알 end in a consonant.
_LETTER_FINAL = {"l": "ㄹ", "m": "ㅁ", "n": "ㄴ", "r": "ㄹ"}
_HANGUL_FIRST, _HANGUL_LAST = 0xAC00, 0xD7A3
_RIEUL = 8  # the index of ㄹ among Hangul syllables' final consonants
_TRAILING = re.compile(r"\s*(\([^()]*\)|\[[^\[\]]*\]|[\s\"'”’」』)\]}.,!?…])+$")


def final_sound(word: str) -> str | None:
    """Return how a word ends when read in Korean: None (a vowel), "ㄹ", or another consonant."""
    word = _TRAILING.sub("", word) or word
    if not word:
        return None
    last = word[-1]
    code = ord(last)
    if _HANGUL_FIRST <= code <= _HANGUL_LAST:
        final = (code - _HANGUL_FIRST) % 28
        return None if final == 0 else "ㄹ" if final == _RIEUL else "ㄱ"
    if last in _DIGIT_FINAL:
        return _DIGIT_FINAL[last]
    if last.isascii() and last.isalpha():
        return _LETTER_FINAL.get(last.lower())
    return None


def particle(word: str, form: str) -> str:
    """Return the form of a particle that follows ``word`` (``form``: either of the pair)."""
    after_consonant, after_vowel = PARTICLES[form]
    sound = final_sound(word)
    if after_vowel == "로":  # 으로/로: ㄹ takes 로 like a vowel
        return after_consonant if sound not in (None, "ㄹ") else after_vowel
    return after_vowel if sound is None else after_consonant


class TextFormatter(string.Formatter):
    """``str.format`` that also understands a particle as the format spec: ``{name:은}``."""

    def format_field(self, value: Any, format_spec: str) -> str:
        """Append the particle that fits the value, or format as usual."""
        if format_spec in PARTICLES:
            text = str(value)
            return text + particle(text, format_spec)
        return str(super().format_field(value, format_spec))


_FORMATTER = TextFormatter()
_PARTICLE_SPEC = re.compile(r"\{[^{}:]*:(?:" + "|".join(PARTICLES) + r")\}")


def has_particles(template: str) -> bool:
    """Tell whether a template chooses a particle (and needs :func:`fill`)."""
    return bool(_PARTICLE_SPEC.search(template))


def fill(template: str, values: dict[str, Any]) -> str:
    """Fill a template whose fields may carry particles."""
    return _FORMATTER.vformat(template, (), values)
