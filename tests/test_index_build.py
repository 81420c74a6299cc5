"""The index builds' shortcuts give what the direct computation gives, on awkward text.

The builds analyse each whitespace-separated chunk once, look synonym phrases up instead of
scanning for them, and record an item's run of texts together; each test compares one of
these with the plain computation it stands for.
"""

from __future__ import annotations

import math
import random
import re
from collections import defaultdict

import pytest

from eventbot.bot.kb import load_knowledge
from eventbot.bot.kb.keys import field_texts, index_keys
from eventbot.bot.matching import (
    EVENT_VOCABULARY,
    SHIPPED_VOCABULARY,
    Field,
    FieldText,
    IndexKey,
    MatchIndex,
)
from eventbot.bot.matching.index import _bigrams
from eventbot.bot.matching.lexical import (
    PIECE_WEIGHT,
    SYNONYM_WEIGHT,
    TYPO_MIN_CHARS,
    LexicalIndex,
    Synonyms,
    _Chunks,
    _content,
    _indexed_pieces,
    _pieces,
    _spaced,
    runs_together,
    split_scripts,
    synonyms_of,
    terms_of,
)
from eventbot.bot.matching.normalize import (
    _FOLD_TABLE,
    _nfkc_casefold,
    choseong,
    strip_particles,
    to_jamo,
    tokens,
)
from tests.paths import SAMPLE_KB

SYNONYMS = Synonyms(EVENT_VOCABULARY)

# Whitespace NFKC rewrites, marks after a space, compatibility characters that hold a space,
# full-width and half-width forms, kana and kanji runs, particles, honorifics, predicates, and
# synonym phrases across words and across punctuation.
AWKWARD = [
    "Wi-Fi password", "wi fi 비번", "lost\u00a0and found", "LOST  AND\tFOUND desk",
    "check in", "check-in counter", "Check\u3000in", "coat check", "name tag 명찰",
    "a\u00a8b c", "e \u0301x", "ｋ－ｂｅａｕｔｙ ＢＯＯＴＨ", "ｶﾀｶﾅ ｳｪﾌﾞ", "受付はどこですか",
    "聞けますか 話す", "한라홀에서 만나요", "센터장님 김지원씨", "모빌리티홀 어디야?",
    "화장실이 어디에 있어요", "비밀번호 알려줘", "ICC제주 K-뷰티 부스", "ﬁnance ﬂoor Straße",
    "ΣΊΣΥΦΟΣ ὈΔΥΣΣΕΎΣ", "what time does it open", "opening ceremony 개막식",
    "first aid ambulance", "\u1100\u1161 \u1100 \u1161", "ㅎㄹㅎ 홀", "  ", "",
    "배지 수령 데스크", "기조 연설 일정", "명찰 수령처",
]


def _random_texts(count: int) -> list[str]:
    """Texts made of lexicon phrases and awkward pieces, joined by assorted whitespace."""
    rng = random.Random(11)
    phrases = [phrase for group in EVENT_VOCABULARY for phrase in group]
    parts = phrases + [word for text in AWKWARD for word in text.split()]
    spaces = [" ", "  ", "\t", "\u00a0", "\u3000", "-", ""]
    return ["".join(rng.choice(parts) + rng.choice(spaces) for _ in range(rng.randint(1, 6)))
            for _ in range(count)]


TEXTS = AWKWARD + _random_texts(400)


@pytest.mark.parametrize("text", TEXTS)
def test_chunked_terms_are_the_texts_terms(text: str) -> None:
    words, soft, groups = terms_of(text, SYNONYMS)
    chunks = _Chunks(SYNONYMS)
    found_words, found_soft, found_pieces, found_groups = chunks.terms(text)
    assert (found_words, found_soft, found_groups) == (words, soft, groups)
    assert sorted(found_pieces) == sorted(
        p for w in (*words, *soft) for p in _indexed_pieces(w))


def _scanner(phrases: dict[str, set[str]]) -> re.Pattern[str]:
    """Return a regex of whole spaced phrases, longest first, as the matcher once scanned."""
    spaced = sorted(filter(_spaced, phrases), key=len, reverse=True)
    return re.compile(r"(?<!\S)(?:" + "|".join(map(re.escape, spaced)) + r")(?!\S)")


def _inside(phrases: dict[str, set[str]]) -> re.Pattern[str]:
    """Return a regex of phrases inside unspaced words, longest first."""
    unspaced = [p for p in phrases if not _spaced(p) and len(p) >= 2]
    return re.compile("|".join(map(re.escape, sorted(unspaced, key=len, reverse=True))))


SCANNERS = {False: _scanner(SYNONYMS.phrases), True: _scanner(SYNONYMS.asked)}
INSIDE = {False: _inside(SYNONYMS.phrases), True: _inside(SYNONYMS.asked)}


def _scanned_groups(words: list[str], *, question: bool) -> set[str]:
    """Return the groups of a text's words by the plain scan: the regex over the spaced text,
    every unspaced phrase inside each unspaced word, and one-character phrases whole."""
    phrases = SYNONYMS.asked if question else SYNONYMS.phrases
    found: set[str] = set()
    for phrase in SCANNERS[question].findall(" ".join(words)):
        found |= phrases[phrase]
    for word in filter(runs_together, words):
        for phrase in INSIDE[question].findall(word):
            found |= phrases[phrase]
        if len(word) < 2 and word in phrases and not _spaced(word):
            found |= phrases[word]
    return found


@pytest.mark.parametrize("text", TEXTS)
def test_phrase_lookup_finds_what_the_scan_finds(text: str) -> None:
    words = tokens(text)
    assert SYNONYMS.groups_in(words) == _scanned_groups(words, question=False)
    assert SYNONYMS.groups_in(words, question=True) == _scanned_groups(words, question=True)
    assert SYNONYMS.groups_of_tokens(words) == SYNONYMS.groups_in(words)
    for word in words:
        assert SYNONYMS.word_groups(word) == SYNONYMS.groups_in([word])


# A KB's own groups: a shipped phrase in a new group, new spaced phrases of several words, an
# unspaced phrase, a one-character one and a cue
KB_GROUPS = (
    ("wifi", "인터넷 비번", "ネット回線"), ("tamna hall", "탐라홀", "탐라 홀"),
    ("zq gadget lab", "가젯랩"), ("꿀", "honey"), ("~where to eat", "밥집"),
)
KB_TEXTS = [*TEXTS, "where to eat near tamna hall", "zq gadget lab 가젯랩에서", "꿀 인터넷 비번",
            "ネット回線が遅い", "탐라 홀 wifi"]


@pytest.mark.parametrize("question", [False, True])
def test_kb_groups_on_the_shipped_synonyms_find_what_one_build_finds(question: bool) -> None:
    groups = (*SHIPPED_VOCABULARY, *KB_GROUPS)
    synonyms_of.cache_clear()
    layered, whole = synonyms_of(groups), Synonyms(groups)
    assert layered.count == whole.count == len(groups)
    assert layered.phrase_starts == whole.phrase_starts
    for text in KB_TEXTS:
        words = tokens(text)
        assert layered.groups_in(words, question=question) == whole.groups_in(
            words, question=question), text
        assert layered.spans(words, question=question) == whole.spans(words, question=question)
        assert layered.holds_several(words) == whole.holds_several(words)
        for word in words:
            assert layered.word_groups(word) == whole.word_groups(word)
            assert layered.inside(word) == whole.inside(word)


def test_hangul_words_skip_folding_unchanged() -> None:
    rng = random.Random(5)
    for _ in range(2000):
        word = "".join(chr(rng.randrange(0xAC00, 0xD7A4)) for _ in range(rng.randint(1, 6)))
        folded = _nfkc_casefold(word).translate(_FOLD_TABLE).split()
        assert tokens(word) == [strip_particles(token) for token in folded]


def _reference_lexical(texts: list[FieldText]) -> tuple[dict[str, list[tuple[int, float]]],
                                                         list[str]]:
    """Record each text alone, as the build did before runs: postings and typo-lookup order."""
    items: dict[str, int] = {}
    postings: defaultdict[str, dict[int, float]] = defaultdict(dict)
    words_seen: dict[str, None] = {}  # in order; pieces are no words a typo may stand for
    for entry in texts:
        item = items.setdefault(entry.item_id, len(items))
        words, soft, groups = terms_of(entry.text, SYNONYMS)
        weight = float(entry.field.value)
        terms = [(word, weight) for word in (*words, *soft)]
        words_seen.update(dict.fromkeys((*words, *soft)))
        terms += [(p, weight * PIECE_WEIGHT)
                  for word in (*words, *soft) for p in _indexed_pieces(word)]
        terms += [(group, weight * SYNONYM_WEIGHT) for group in groups]
        for term, term_weight in terms:
            held = postings[term]
            if term_weight > held.get(item, 0.0):
                held[item] = term_weight
    order = [term for term in words_seen if len(term) >= TYPO_MIN_CHARS]
    return {term: list(held.items()) for term, held in postings.items()}, order


def _scrambled_texts() -> list[FieldText]:
    """Texts of items listed in runs, some items again later, some texts twice."""
    rng = random.Random(3)
    fields = list(Field)
    texts = [FieldText(f"item{rng.randrange(40)}", text, rng.choice(fields)) for text in TEXTS]
    texts += texts[:30]
    return texts


@pytest.mark.parametrize("source", ["sample", "scrambled"])
def test_lexical_build_records_what_each_text_alone_would(source: str) -> None:
    texts = list(field_texts(load_knowledge(SAMPLE_KB))) if source == "sample" else (
        _scrambled_texts())
    index = LexicalIndex.build(texts, EVENT_VOCABULARY)
    postings, order = _reference_lexical(texts)
    assert {term: list(held.items()) for term, held in index._postings.items()} == postings
    count = len(index.item_ids)
    assert index._idf == {t: math.log(1 + count / len(held)) for t, held in postings.items()}
    by_length: defaultdict[int, list[str]] = defaultdict(list)
    for term in order:
        by_length[len(to_jamo(term))].append(term)
    assert {length: bucket[1] for length, bucket in index._by_length.items()} == by_length


def _key_texts() -> list[IndexKey]:
    keys = list(index_keys(load_knowledge(SAMPLE_KB)))
    keys += [IndexKey(f"x{n % 25}", "room", "xx", text) for n, text in enumerate(TEXTS)]
    return keys


def test_match_index_build_is_the_keys_own_bigrams_runs_and_initials() -> None:
    index = MatchIndex.build(_key_texts())
    postings: defaultdict[str, list[int]] = defaultdict(list)
    initials: defaultdict[str, list[int]] = defaultdict(list)
    parts: defaultdict[tuple[str, str], list[int]] = defaultdict(list)
    for key_id, text in enumerate(index._key_text):
        key_tokens = tokens(text)
        compact = "".join(key_tokens)
        assert to_jamo(compact) == index._key_jamo[key_id]
        for bigram in _bigrams(index._key_jamo[key_id]):
            postings[bigram].append(key_id)
        if len(choseong(compact)) >= 2:
            initials[choseong(compact)].append(key_id)
        count = len(key_tokens)
        runs = {"".join(key_tokens[a:b]) for a in range(count) for b in range(a + 1, count + 1)
                if b - a < count and len("".join(key_tokens[a:b])) >= 2} if count <= 6 else set()
        for run in runs:
            parts[(to_jamo(run), run)].append(key_id)
    assert index._postings == postings
    # every run of whole tokens finds the keys it is part of, and a key alone is none
    for (jamo, run), ids in parts.items():
        assert index._parts(jamo) == sorted(ids), run
    for key_id, jamo in enumerate(index._key_jamo):
        assert key_id not in index._parts(jamo)
        assert not index._parts(jamo[:1])  # one character is part of nothing
    assert dict(zip(index._initials, index._initials_keys, strict=True)) == initials


def _plain_units(text: str, synonyms: Synonyms, idf: dict[str, float]) -> list[tuple[
        frozenset[str], float, tuple[str, ...]]]:
    """A name's units of meaning, computed word by word with no cache."""
    words = tokens(split_scripts(text)[0])
    units = []
    taken: set[int] = set()
    for start, stop, groups in synonyms.spans(words, question=False):
        if not taken & set(range(start, stop)):
            units.append((frozenset(groups), max(idf.get(g, 0.0) for g in groups), ()))
            taken.update(range(start, stop))
    for written, word in ((w, word) for position, w in enumerate(words)
                          if position not in taken and not re.fullmatch("[a-z]", w)  # letters
                          for word in _content([w])):
        # an unspaced word is in a group only as a whole phrase; a Latin one is in its groups
        # as written and as stemmed ("families", "family")
        groups = (synonyms.phrases.get(word, set()) if runs_together(word)
                  else synonyms.groups_in([word]) | synonyms.groups_in([written]))
        terms = frozenset({word, *groups})
        units.append((terms, max(idf.get(t, 0.0) for t in terms), tuple(_pieces(word))))
    return units


def test_name_units_made_once_per_word_are_each_names_own() -> None:
    # Every text twice: the second time its words' units come from the cache.
    index = LexicalIndex.build(
        [FieldText(f"item-{n}", text, Field.NAME) for n, text in enumerate(TEXTS)],
        EVENT_VOCABULARY)
    for text in TEXTS + TEXTS:
        found = [(unit.terms, unit.weight, unit.pieces) for unit in index._units(text)]
        assert found == _plain_units(text, index._synonyms, index._idf), text
