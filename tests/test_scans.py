"""The matcher's phrase scans, built as trees of characters, find what one alternation did."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

import pytest
import yaml

from eventbot.bot.matching import retrieval
from eventbot.bot.matching.lexical import runs_together
from eventbot.bot.matching.lexicon import PERSON_CUES, UNANSWERABLE_WORDS
from eventbot.bot.matching.normalize import HAN_WORD, HANGUL_WORD, tokens
from tests.eval_set import EVAL_DIR


def plain_scan(phrases: Iterable[str], anywhere: Callable[[str], bool],
               after: str = "") -> re.Pattern[str]:
    """Return the scan as it was: every phrase one branch, the longest first."""
    return re.compile("|".join(
        re.escape(phrase) if anywhere(phrase) else rf"(?<!\S){re.escape(phrase)}{after}(?!\S)"
        for phrase in sorted(phrases, key=len, reverse=True)))


def plain_unanswerable() -> re.Pattern[str]:
    def pattern(key: str) -> str:
        if HANGUL_WORD.search(key):
            spaced = r"\s?".join(map(re.escape, retrieval._UNANSWERABLE[key]))
            return rf"(?<![가-힣]){spaced}(?![가-힣](?<![{retrieval._GOES_ON}]))"
        if key in retrieval._THAI_WORDS_ON:
            after = "|".join(map(re.escape, retrieval._THAI_WORDS_ON[key]))
            return f"{re.escape(key)}(?!{after})"
        return plain_scan([key], runs_together).pattern
    return re.compile("|".join(map(pattern, sorted(retrieval._UNANSWERABLE, key=len,
                                                    reverse=True))))


def words(listed: Iterable[str]) -> set[str]:
    return {" ".join(found) for found in map(tokens, listed) if found}


@pytest.fixture(scope="module")
def texts() -> list[str]:
    """Every eval question, and every unanswerable phrase alone, inside words and unspaced."""
    found: list[str] = []
    for path in sorted(EVAL_DIR.rglob("*.yaml")):
        if "kb" in path.parts:
            continue
        entries = yaml.safe_load(path.read_text("utf-8"))
        found += [entry["q"] if isinstance(entry, dict) else entry for entry in entries]
    for phrase in UNANSWERABLE_WORDS:
        found += [phrase, f"x {phrase} y", f"가{phrase}", phrase.replace(" ", "")]
    return [" ".join(tokens(text)) for text in found]


def test_the_unanswerable_scan_finds_what_one_alternation_did(texts: list[str]) -> None:
    plain = plain_unanswerable()
    differ = [text for text in texts
              if plain.findall(text) != retrieval._UNANSWERABLE_SCAN.findall(text)]
    assert differ == []
    assert len(texts) > 10_000


@pytest.mark.parametrize("name", ["SELL", "TALK", "ADDRESS", "PRICE", "NAME_ASKED", "SOMEONE",
                                  "OCCASION", "SPEAKING"])
def test_each_cue_scan_finds_what_one_alternation_did(name: str, texts: list[str]) -> None:
    plain = plain_scan(words(getattr(retrieval, f"{name}_WORDS")), runs_together)
    scan: re.Pattern[str] = getattr(retrieval, f"_{name}_SCAN")
    assert [text for text in texts if plain.findall(text) != scan.findall(text)] == []


def test_the_person_cue_scan_finds_what_one_alternation_did(texts: list[str]) -> None:
    plain = plain_scan(words(PERSON_CUES), lambda cue: HAN_WORD.fullmatch(cue) is not None,
                       after="님?")
    scan = retrieval._PERSON_CUE_SCAN
    assert [text for text in texts if plain.findall(text) != scan.findall(text)] == []


@pytest.mark.parametrize(("phrases", "text", "found"), [
    (["age", "age limit"], "age limit for kids", ["age limit"]),  # the longer one first
    (["age", "age limit"], "age limits", ["age"]),  # whole words only
    (["stock", "stock price"], "stock prices and stock", ["stock", "stock"]),
    ([], "anything", []),
])
def test_a_tree_of_phrases_prefers_the_longer_and_keeps_words_whole(
        phrases: list[str], text: str, found: list[str]) -> None:
    assert retrieval._scan(phrases, runs_together).findall(text) == found



@pytest.mark.parametrize(("question", "place", "sets_out"), [
    ("shuttle from the Grand Hyatt (Seoul)", "Grand Hyatt (Seoul)", True),
    ("从 华美达酒店 怎么去会场", "华美达酒店", True),
    ("ホテル大和から会場まで", "ホテル大和", True),
    ("desde el Hotel Sol", "hotel sol", True),
    ("shuttle to the Grand Hyatt", "Grand Hyatt", False),
    ("fromage at the Grand Hyatt", "Grand Hyatt", False),
])
def test_a_place_set_out_from_is_told_by_the_words_around_its_name(
        question: str, place: str, sets_out: bool) -> None:
    assert retrieval._sets_out_from(question, place) is sets_out
