"""Fuzzy index from normalised KB keys to items, with an answer/clarify/fallback decision.

Scorers (rapidfuzz 3.14, always ``processor=None`` on pre-normalised strings, with score_cutoff):

- Main score: ``fuzz.ratio`` between the question and each key, both as jamo with spaces removed
  (:func:`bot.matching.normalize.match_key`). In shared/MATCHING.md's survey it had the best
  top-1 at every size (.972/.868/.663 at 100/1k/10k items) at ~100 ns a pair; ``WRatio`` on the
  same keys was worse (.912/.806/.613), 15x slower, and gives any short substring 90 ('ai' in
  'main hall', '센터' in '제주국제컨벤션센터'). ``process.extract`` (one C call per question) is
  used rather than ``cdist``, which needs numpy, not a dependency of this project.
- Key inside a longer question ("제주국제컨벤션센터 셔틀버스"): ``0.9 * partial_ratio``, only for
  keys of at least 8 jamo (Han/kana count double) no longer than the question. 0.9 rather than
  MATCHING.md's 0.95: on our bench it lifted 10k top-1 from .80 to .82 and halved wrong answers,
  because a typo'd full title (~94) then beats another item's key found inside it (95 -> 90).
- Short keys ('AI', 'ICC') get no partial score. A run of whole question tokens equal to a key is
  looked up exactly (covers keys holding frame words: "Speaker Lounge", "부스 A") and scores
  ``0.95 * ratio(key, key + the question's other words)``, so "ICC 근처 카페" is not about ICC.
- A question equal to whole words of longer keys ("포럼", "Hall") scores 75: clarify, never answer.
- Choseong questions (ㅎㄹㅎ): ``ratio`` against the initials of Korean keys; a prefix of three or
  more initials scores 90.

Candidates: up to :data:`FULL_SCAN_MAX_KEYS` keys, every key is scored by one C call. Above it an
inverted index of padded jamo bigrams (rarest first, within a postings budget) picks
:data:`CANDIDATES` keys; at 10k items that is 3x faster than scanning every key with identical
top-1 (.727 both, earlier build). The same counts pick the long keys tried for the partial score.

An item's score is the maximum over its keys, so two aliases of one item never compete; the margin
that gates an answer is measured between the best two items.

``python bench/matcher.py`` (2 shared cores; synthetic ko/en KBs, 1,000 mutated questions):

    items   keys  median ms  p99 ms  top-1  wrong answers  difflib top-1  speed-up
      100    469      0.08    0.23   .974       0.0%           .80            60x
    1,000  4,788      0.46    1.26   .920       0.4%           .75           132x
   10,000 49,556      4.79   10.72   .855       0.6%           .70           120x

Timings move by about 30% with the load on the shared cores (another run: p99 1.60/12.16 ms,
49x at 100 items where the fixed ~0.1 ms per question dominates). Index build at 10k: 0.7 s.

On tests/eval/questions.yaml (the sample KB), default thresholds:
256/272 right when given the raw question, 250/272 when given ``analyse(q).stripped_text``; so
pass the raw question (frame stripping happens here, and keys holding frame words need it).
"""

from __future__ import annotations

import heapq
import math
import re
from bisect import bisect_left
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import accumulate, chain
from operator import add, itemgetter
from typing import Literal

from rapidfuzz import fuzz, process

from eventbot.bot.bounded import remember
from eventbot.bot.matching.intent import analyse
from eventbot.bot.matching.normalize import choseong, choseong_query, to_jamo, tokens

__all__ = [
    "ANSWER_MIN_MARGIN",
    "ANSWER_MIN_SCORE",
    "CLARIFY_MAX_ITEMS",
    "CLARIFY_MIN_SCORE",
    "CLARIFY_WINDOW",
    "IndexKey",
    "ItemScore",
    "MatchIndex",
    "MatchResult",
    "Outcome",
]

# --- Outcome thresholds -------------------------------------------------------------------------
# Chosen on the eval set (tests/eval/questions.yaml, 272 questions on the sample KB, swept by
# answer 84-90 x margin 3-8 x clarify 65-75): 87 / 5 / 65 passes 261 with no confident answer
# to any of the 38 out-of-scope questions; 90 / 5 / 70 passed 256. 87 is where a one-jamo typo
# of a three-syllable name lands (한라올 vs 한라홀 = 87.5); another hall (탐라홀) stays at 75.
# Margins 5 and 8 tie on the eval set, but 8 stops the exact title of "세션 1부" from being
# answered when "세션 2부" exists (100 vs 93); MATCHING.md measured wrong answers rising from
# <1% to 24% at 10k items with no margin gate at all, and bench/matcher.py shows 0.6% with 5.
ANSWER_MIN_SCORE = 87.0  # answer only when the best item scores at least this ...
ANSWER_MIN_MARGIN = 5.0  # ... and leads the second-best item by at least this many points
CLARIFY_MIN_SCORE = 65.0  # below this the question is about something the KB does not hold
CLARIFY_WINDOW = 15.0  # clarify offers items scoring within this many points of the best
CLARIFY_MAX_ITEMS = 5  # and at most this many

# --- Scoring ------------------------------------------------------------------------------------
PARTIAL_WEIGHT = 0.9  # key inside a longer question; beat 0.95 on the bench (top-1 .82 vs .80, 10k)
PARTIAL_MIN_LEN = 8  # jamo (Han/kana count 2); shorter keys would match inside unrelated words
SPAN_WEIGHT = 0.95  # whole question tokens equal to a key that contains a frame word
KEY_PART_SCORE = 75.0  # question equals whole words of a longer key: a clarify, not an answer
MAX_KEY_PART_TOKENS = 6  # keys with more tokens index no parts (FAQ sentences)
CHOSEONG_PREFIX_SCORE = 90.0  # ㅈㅈㄱㅈ is a prefix of 제주국제컨벤션센터's initials
CHOSEONG_PREFIX_MIN = 3  # two initials are a prefix of too many keys to mean anything
SCORE_FLOOR = 50.0  # pairs below this are dropped inside rapidfuzz (score_cutoff)
KEY_HITS = 64  # best keys kept per scorer call; enough for CLARIFY_MAX_ITEMS items
MAX_QUERY_CHARS = 300  # a question longer than this is cut: bounds latency on pasted text
SEARCH_CACHE_SIZE = 4096  # recent questions whose ranking is kept (a few MB at most)
MAX_SPAN_TOKENS = 12  # question tokens considered for exact spans
MAX_SPAN_WIDTH = 4  # longest run of tokens tried as one key
# A person's full name found whole inside a question ("고은비 센터장님 나오는 행사", "山本葵さんは
# どのセッションに出ますか") names that person, whatever the other words: unlike a venue's name
# ("ICC 근처 카페"), nobody asks about something near a person. Just above ANSWER_MIN_SCORE, so
# a name alone answers and two people of one name tie into a clarify.
NAME_INSIDE_SCORE = 88.0
NAME_KINDS = frozenset({"person"})
NAME_MAX_CHARS = 8  # longest unspaced (Han/kana) name looked for inside a question's words

# --- Candidate selection ------------------------------------------------------------------------
FULL_SCAN_MAX_KEYS = 8_000  # up to here one C call over every key is cheaper than the n-gram step
CANDIDATES = 400  # keys scored by ratio after n-gram preselection
PARTIAL_CANDIDATES = 24  # long keys scored by partial_ratio, most shared bigrams first
PARTIAL_MIN_COVERAGE = 0.6  # share of a key's bigrams found in the question
POSTINGS_BUDGET = 12000  # postings merged per query, rarest bigrams first

Outcome = Literal["answer", "clarify", "fallback"]  # this index's own decision (benchmarks)

# One Hangul syllable as conjoining jamo (an initial, a vowel, maybe a final): NFKC composes
# such a sequence inside a token, so a token of this jamo is one character
_ONE_SYLLABLE = re.compile("[\u1100-\u1112][\u1161-\u1175][\u11a8-\u11c2]?")
_PAD_START = "\x02"
_PAD_END = "\x03"
_WIDE_FROM = 0x2E80  # CJK radicals onwards: Han and kana carry more than a jamo each


@dataclass(frozen=True, slots=True)
class IndexKey:
    """One searchable string of a KB item: its title (primary) or an alias/question variant."""

    item_id: str
    kind: str
    lang: str
    text: str
    is_primary: bool = False


@dataclass(frozen=True, slots=True)
class ItemScore:
    """An item's best score over its keys, and the key that gave it."""

    item_id: str
    kind: str
    score: float
    key_text: str


@dataclass(frozen=True, slots=True)
class MatchResult:
    """The decision for a question: the outcome and the items it rests on."""

    outcome: Outcome
    matches: tuple[ItemScore, ...]  # answer: 1 item; clarify: 1-5, best first; fallback: none
    best_score: float
    margin: float  # best item's score minus the second-best item's (best_score if alone)


def _bigrams(jamo: str) -> set[str]:
    """Return the padded character bigrams of a match key."""
    padded = _PAD_START + jamo + _PAD_END
    return set(map(add, padded, padded[1:]))  # (operator.add: faster than str.__add__)


def _long_enough_for_partial(jamo: str) -> bool:
    """Tell whether a key has PARTIAL_MIN_LEN jamo, each Han/kana character counting twice."""
    if len(jamo) >= PARTIAL_MIN_LEN:
        return True
    if not jamo or ord(max(jamo)) < _WIDE_FROM:  # jamo and Latin: one each
        return False
    return len(jamo) + sum(1 for char in jamo if ord(char) >= _WIDE_FROM) >= PARTIAL_MIN_LEN


# A normalised word of a key: the token, its jamo, and its initial consonants (of Hangul
# syllables).
_Word = tuple[str, str, str]


class _KeyWords(dict[str, list[_Word]]):
    """The words of each whitespace-separated chunk of keys, normalised once per build.

    :func:`bot.matching.normalize.tokens` never reaches across whitespace (NFKC, casefolding
    and particles are per word), so a key's tokens are its chunks' tokens in order, and its
    jamo and initials are its tokens' joined.
    """

    def __init__(self) -> None:
        super().__init__()
        self._words: dict[str, _Word] = {}

    def __missing__(self, chunk: str) -> list[_Word]:
        found = self[chunk] = [self._word(token) for token in tokens(chunk)]
        return found

    def _word(self, token: str) -> _Word:
        word = self._words.get(token)
        if word is None:
            word = self._words[token] = (token, to_jamo(token), choseong(token))
        return word


def _full_name(name_tokens: list[str]) -> bool:
    """Tell whether a person's key is distinctive enough to name them inside any question.

    A given name alone ("Jin", "하나") is not: two Latin words of six letters in all, three
    Hangul syllables, two Han characters or four kana at least.
    """
    text = "".join(name_tokens)
    wide = sum(1 for char in text if ord(char) >= _WIDE_FROM and not "\u30a0" <= char <= "\u30ff")
    kana = sum(1 for char in text if "\u30a0" <= char <= "\u30ff")
    hangul = sum(1 for char in text if "\uac00" <= char <= "\ud7a3")
    latin = sum(1 for char in text if char.isascii() and char.isalpha())
    if hangul:
        return hangul >= 3 and hangul == len(text)
    if wide or kana:
        return wide >= 2 or kana >= 4
    return len(name_tokens) >= 2 and latin >= 6


class MatchIndex:
    """Normalised KB keys, searchable by question; build once with :meth:`build`."""

    __slots__ = (
        "_exact",
        "_initials",
        "_initials_keys",
        "_item_ids",
        "_item_kinds",
        "_key_cuts",
        "_key_item",
        "_key_jamo",
        "_key_primary",
        "_key_text",
        "_names",
        "_partial_need",
        "_postings",
        "_searches",
    )

    def __init__(self) -> None:
        self._item_ids: list[str] = []
        self._item_kinds: list[str] = []
        self._key_jamo: list[str] = []
        self._key_item: list[int] = []
        self._key_text: list[str] = []
        self._key_primary: list[bool] = []
        # Shared bigrams a key needs to be tried for a partial score; short keys never qualify.
        self._partial_need: list[float] = []
        self._exact: dict[str, list[int]] = {}
        # where a key's tokens start and end in its jamo (keys of 2 to MAX_KEY_PART_TOKENS
        # tokens), to find runs of whole tokens inside longer keys (see _parts)
        self._key_cuts: list[tuple[int, ...] | None] = []
        self._names: dict[str, list[int]] = {}  # full names of people (see NAME_INSIDE_SCORE)
        self._postings: dict[str, list[int]] = {}
        self._initials: list[str] = []  # sorted, unique
        self._initials_keys: list[list[int]] = []  # key ids per entry of _initials
        # Recent searches: attendees ask the same questions in the same words, and an index
        # never changes (a reload builds a new one), so an answer found once stays right.
        self._searches: dict[tuple[str, int, bool], tuple[ItemScore, ...]] = {}

    @classmethod
    def build(cls, keys: Iterable[IndexKey]) -> MatchIndex:
        """Normalise every key once and index it; keys that normalise to nothing are skipped."""
        index = cls()
        item_ids, item_kinds = index._item_ids, index._item_kinds
        key_jamo, key_item = index._key_jamo, index._key_item
        key_text, key_primary = index._key_text, index._key_primary
        partial_need, exact, key_cuts = index._partial_need, index._exact, index._key_cuts
        item_of: dict[str, int] = {}
        key_of: dict[tuple[int, str], int] = {}
        postings: defaultdict[str, list[int]] = defaultdict(list)
        initials_of: dict[str, list[int]] = {}
        words_of = _KeyWords()
        for key in keys:
            item = item_of.get(key.item_id)
            if item is None:
                item = item_of[key.item_id] = len(item_ids)
                item_ids.append(key.item_id)
                item_kinds.append(key.kind)
            elif item_kinds[item] != key.kind:
                raise ValueError(
                    f"item {key.item_id!r} has keys of kinds {item_kinds[item]!r} "
                    f"and {key.kind!r}"
                )
            chunks = key.text.split()
            if len(chunks) == 1:
                words = words_of[chunks[0]]
            else:
                words = []
                for chunk in chunks:
                    words += words_of[chunk]
            if not words:
                continue
            if len(words) == 1:
                jamo, cuts, initials = words[0][1], None, words[0][2]
            else:
                pieces = [word[1] for word in words]
                jamo = "".join(pieces)
                cuts = (0, *accumulate(map(len, pieces))) if len(
                    words) <= MAX_KEY_PART_TOKENS else None
                initials = "".join([word[2] for word in words])
            known = key_of.get((item, jamo))
            if known is not None:  # same item, same normalised key: keep one, the primary
                if key.is_primary and not key_primary[known]:
                    key_text[known] = key.text
                    key_primary[known] = True
                continue
            bigrams = _bigrams(jamo)
            need = PARTIAL_MIN_COVERAGE * len(bigrams) if _long_enough_for_partial(
                jamo) else math.inf
            key_id = key_of[(item, jamo)] = len(key_jamo)
            key_jamo.append(jamo)
            key_item.append(item)
            key_text.append(key.text)
            key_primary.append(key.is_primary)
            partial_need.append(need)
            key_cuts.append(cuts)
            held = exact.get(jamo)
            if held is None:
                exact[jamo] = [key_id]
            else:
                held.append(key_id)
            for bigram in bigrams:
                postings[bigram].append(key_id)
            if key.kind in NAME_KINDS and _full_name([word[0] for word in words]):
                index._names.setdefault(jamo, []).append(key_id)
            if len(initials) >= 2:
                held = initials_of.get(initials)
                if held is None:
                    initials_of[initials] = [key_id]
                else:
                    held.append(key_id)
        index._postings = dict(postings)
        index._initials = sorted(initials_of)
        index._initials_keys = [initials_of[initials] for initials in index._initials]
        return index

    def __len__(self) -> int:
        """Return the number of distinct normalised keys."""
        return len(self._key_jamo)

    def forget_searches(self) -> None:
        """Drop the recent searches kept (benchmarks time the matcher, not the cache)."""
        self._searches.clear()

    def search(
        self, question_text: str, *, limit: int = 5, partial: bool = True
    ) -> list[ItemScore]:
        """Return up to ``limit`` items best matching the question, best first, one per item.

        ``partial=False`` skips looking for keys inside a longer question, the costliest step,
        for a caller that already has a better answer than that step could give.
        """
        if limit <= 0:
            return []
        key = (question_text[:MAX_QUERY_CHARS], limit, partial)
        found = self._searches.get(key)
        if found is None:
            scores = self._score_keys(key[0], partial=partial)
            found = remember(self._searches, key, tuple(self._rank_items(scores, limit)),
                             SEARCH_CACHE_SIZE)
        return list(found)

    def match(
        self,
        question_text: str,
        *,
        answer_min_score: float = ANSWER_MIN_SCORE,
        answer_min_margin: float = ANSWER_MIN_MARGIN,
        clarify_min_score: float = CLARIFY_MIN_SCORE,
        clarify_window: float = CLARIFY_WINDOW,
        clarify_max_items: int = CLARIFY_MAX_ITEMS,
    ) -> MatchResult:
        """Decide whether to answer, ask which item was meant, or fall back."""
        ranked = self.search(question_text, limit=max(clarify_max_items, 2))
        if not ranked:
            return MatchResult("fallback", (), 0.0, 0.0)
        best = ranked[0].score
        margin = best - (ranked[1].score if len(ranked) > 1 else 0.0)
        if best >= answer_min_score and margin >= answer_min_margin:
            return MatchResult("answer", (ranked[0],), best, margin)
        if best >= clarify_min_score:
            close = tuple(
                scored
                for scored in ranked[:clarify_max_items]
                if scored.score >= clarify_min_score and scored.score >= best - clarify_window
            )
            return MatchResult("clarify", close, best, margin)
        return MatchResult("fallback", (), best, margin)

    def _score_keys(self, question_text: str, *, partial: bool = True) -> dict[int, float]:
        """Return the score of every key that could matter for the question."""
        question = question_text[:MAX_QUERY_CHARS]
        core_text = analyse(question).stripped_text
        initials = choseong_query(core_text)
        if initials is not None:
            return self._score_initials(initials)
        core_tokens = tokens(core_text)
        core = to_jamo("".join(core_tokens))
        full_tokens = tokens(question)
        full = to_jamo("".join(full_tokens))
        full_tokens = full_tokens[:MAX_SPAN_TOKENS]
        scores: dict[int, float] = {}

        def keep(key_id: int, score: float) -> None:
            """Record a key's score unless it already has a higher one."""
            if score > scores.get(key_id, 0.0):
                scores[key_id] = score

        for key_id in self._exact.get(core, ()) if core else ():
            keep(key_id, 100.0)
        # "포럼", "hotel": the question is a whole word of several keys. Worth offering them,
        # never answering with one: substrings inside a word ("센터" in 제주국제컨벤션센터) are not.
        for key_id in self._parts(core) if core else ():
            keep(key_id, KEY_PART_SCORE)
        # A key may itself contain a frame word ("K-뷰티 부스", "Speaker Lounge") that stripping
        # removed from the question: look runs of whole tokens of the full question up exactly.
        # The hit scores like ratio(key, key + the question's other words), so "ICC 근처 카페"
        # does not become a confident answer about ICC.
        for width in range(1, min(MAX_SPAN_WIDTH, len(full_tokens)) + 1):
            for start in range(len(full_tokens) - width + 1):
                span_tokens = full_tokens[start : start + width]
                span = to_jamo("".join(span_tokens))
                key_ids = self._exact.get(span)
                if key_ids and len(span) >= 2:
                    rest = to_jamo("".join(t for t in core_tokens if t not in span_tokens))
                    score = SPAN_WEIGHT * fuzz.ratio(span, span + rest)
                    for key_id in key_ids:
                        keep(key_id, score)
                for key_id in self._names.get(span, ()):  # a person's full name, whole words
                    keep(key_id, NAME_INSIDE_SCORE)
        for key_id in self._names_within_words(full_tokens) if self._names else ():
            keep(key_id, NAME_INSIDE_SCORE)
        if not core:  # only frame words left ("어디야?", "일정"): a frame-word key or nothing
            return scores

        shared: Counter[int] | None = None
        if len(self._key_jamo) <= FULL_SCAN_MAX_KEYS:
            for _, score, key_id in process.extract(
                core, self._key_jamo, scorer=fuzz.ratio, processor=None,
                score_cutoff=SCORE_FLOOR, limit=KEY_HITS,
            ):
                keep(key_id, score)
        else:
            shared = self._shared_bigrams(_bigrams(core) | _bigrams(full))
            chosen = [key_id for key_id, _ in heapq.nlargest(
                CANDIDATES, shared.items(), key=itemgetter(1)
            )]
            for _, score, position in process.extract(
                core, [self._key_jamo[key_id] for key_id in chosen], scorer=fuzz.ratio,
                processor=None, score_cutoff=SCORE_FLOOR, limit=KEY_HITS,
            ):
                keep(chosen[position], score)

        # A near-exact hit cannot be beaten by a partial score (at most PARTIAL_WEIGHT * 100),
        # so skip that step, the costliest, for the common well-formed question.
        if not partial or max(scores.values(), default=0.0) >= PARTIAL_WEIGHT * 100.0:
            return scores
        if shared is None:
            shared = self._shared_bigrams(_bigrams(core) | _bigrams(full))
        # Keys that could lie inside the question: long enough, and most of their bigrams found.
        partial_need = self._partial_need
        inside = [(hits, key_id) for key_id, hits in shared.items() if hits >= partial_need[key_id]]
        inside.sort(reverse=True)
        long_keys = [(key_id, len(self._key_jamo[key_id])) for _, key_id in inside]
        for variant in {core, full}:
            # partial_ratio aligns the shorter string inside the longer: only keys shorter than
            # the question, or a short question would score 100 inside any long key.
            fitting = [key_id for key_id, length in long_keys if length <= len(variant)]
            fitting = fitting[:PARTIAL_CANDIDATES]
            for _, score, position in process.extract(
                variant, [self._key_jamo[key_id] for key_id in fitting],
                scorer=fuzz.partial_ratio, processor=None,
                score_cutoff=SCORE_FLOOR / PARTIAL_WEIGHT, limit=None,
            ):
                keep(fitting[position], PARTIAL_WEIGHT * score)
        return scores

    def _parts(self, jamo: str) -> list[int]:
        """Return the keys of which a run of whole tokens, but not all of them, is ``jamo``.

        A run of one token is one only if the token has two characters or more ("A" of
        "Hall A", "홀" of "탐라 홀" are parts of nothing). Such a key holds every bigram of the
        run: the keys holding all of them, rarest bigram first, are the only ones to look into.
        """
        postings = self._postings
        held = sorted((postings.get(jamo[i : i + 2], ()) for i in range(len(jamo) - 1)),
                      key=len)
        if not held or not held[0]:
            return []
        candidates = set(held[0])
        for posting in held[1:]:
            candidates.intersection_update(posting)
            if not candidates:
                return []
        one_char = _ONE_SYLLABLE.fullmatch(jamo) is not None
        size = len(jamo)
        found = []
        for key_id in sorted(candidates):
            cuts = self._key_cuts[key_id]
            if cuts is None:
                continue
            key = self._key_jamo[key_id]
            start = key.find(jamo)
            while start != -1:
                if start in cuts and start + size in cuts and size < len(key) and not (
                        one_char and cuts[cuts.index(start) + 1] == start + size):
                    found.append(key_id)
                    break
                start = key.find(jamo, start + 1)
        return found

    def _names_within_words(self, question_tokens: list[str]) -> list[int]:
        """Return the keys of people whose full name sits inside one of the question's words.

        Han, kana and Hangul write no spaces between a name and what follows ("刘洋在哪个会场");
        names that are whole words or runs of them are found with the other exact spans.
        """
        names = self._names
        found: list[int] = []
        for token in question_tokens:
            if len(token) > 2 and ord(max(token)) >= _WIDE_FROM:
                for start in range(len(token) - 1):
                    for stop in range(start + 2, min(start + NAME_MAX_CHARS, len(token)) + 1):
                        if stop - start < len(token):  # the whole word is an exact span
                            found += names.get(to_jamo(token[start:stop]), ())
        return found

    def _shared_bigrams(self, bigrams: set[str]) -> Counter[int]:
        """Count, per key, the question's bigrams it holds (rarest bigrams, within a budget)."""
        postings = sorted(  # (the bigrams sorted first: a set's order changes between runs)
            (self._postings[bigram] for bigram in sorted(bigrams) if bigram in self._postings),
            key=len)
        merged: list[list[int]] = []
        total = 0
        for posting in postings:  # rarest first: common bigrams say little and cost the most
            if merged and total + len(posting) > POSTINGS_BUDGET:
                break
            merged.append(posting)
            total += len(posting)
        return Counter(chain.from_iterable(merged))

    def _score_initials(self, initials: str) -> dict[int, float]:
        """Score Korean keys by their initial consonants against an all-consonant question."""
        scores: dict[int, float] = {}
        for _, score, position in process.extract(
            initials, self._initials, scorer=fuzz.ratio, processor=None,
            score_cutoff=SCORE_FLOOR, limit=KEY_HITS,
        ):
            for key_id in self._initials_keys[position]:
                scores[key_id] = score
        if len(initials) >= CHOSEONG_PREFIX_MIN:
            position = bisect_left(self._initials, initials)
            stop = min(position + KEY_HITS, len(self._initials))
            while position < stop and self._initials[position].startswith(initials):
                for key_id in self._initials_keys[position]:
                    scores[key_id] = max(scores.get(key_id, 0.0), CHOSEONG_PREFIX_SCORE)
                position += 1
        return scores

    def _rank_items(self, key_scores: dict[int, float], limit: int) -> list[ItemScore]:
        """Collapse key scores to one per item (its best key, primary first on ties)."""
        best: dict[int, tuple[float, bool, int]] = {}
        for key_id, score in key_scores.items():
            item = self._key_item[key_id]
            entry = (score, self._key_primary[key_id], -key_id)
            if item not in best or entry > best[item]:
                best[item] = entry
        # Ties between items go to the one indexed first, so results are deterministic.
        ranked = heapq.nsmallest(limit, best.items(), key=lambda pair: (-pair[1][0], pair[0]))
        return [
            ItemScore(
                item_id=self._item_ids[item],
                kind=self._item_kinds[item],
                score=round(score, 2),
                key_text=self._key_text[-negative_key_id],
            )
            for item, (score, _, negative_key_id) in ranked
        ]
