"""Benchmark the matcher on synthetic ko/en knowledge bases against a difflib baseline.

Each synthetic item has ko/en titles and aliases (the fuzzy keys) and, like a real KB, other
fields for word retrieval: two speakers and a showcase/description. Questions are mutated
names (70%), a speaker's name in a frame (15%) or two words of the item's description (15%).

Run ``python bench/matcher.py`` (``--quick`` for a smaller run). Everything is generated from a
seeded random, so two runs measure the same KBs and queries.
"""

from __future__ import annotations

import argparse
import difflib
import gc
import random
import statistics
import sys
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from eventbot.bot.matching import (
    SHIPPED_VOCABULARY,
    Field,
    FieldText,
    IndexKey,
    Matcher,
    settle_heap,
)
from eventbot.bot.matching.index import MatchIndex
from eventbot.bot.matching.lexical import LexicalIndex, shipped_synonyms, synonyms_of

SEED = 20240917
SIZES = (100, 1_000, 10_000)
BUILD_REPEATS = 3  # builds timed per size; the median is reported
QUERY_ROUNDS = 3  # passes over the queries per size; the median of their p99s is reported
# A KB's own synonyms section, beside the shipped vocabulary (some of its phrases are shipped)
KB_SYNONYMS = (
    ("vip lounge", "귀빈실", "귀빈 라운지"), ("shuttle", "셔틀버스", "순환버스"),
    ("wifi", "와이파이", "인터넷 비번"), ("탐라홀", "tamna hall"),
)

# Syllables and nouns that recur in real event KBs, so items share parts (harder than random).
_SYLLABLES = tuple(
    "가나다라마바사아자차카타파하고노도로모보소오조초코토포호구누두루무부수우주추쿠투"
    "푸후그느드르므브스으즈츠크트프흐기니디리미비시이지치키티피히한국제대학생명산업기"
    "술문화청년미래해양관광글로벌정책혁신창경영데이터녹색에너지농식품의료바이오탐라섬"
    "돌바람별빛달솔숲길물결새봄여름가을겨울"
)
_KO_HEADS = (
    "홀", "센터", "전시관", "포럼", "세션", "라운지", "광장", "회의실", "박람회", "세미나", "부스",
    "특별관", "체험관", "워크숍", "컨퍼런스", "설명회",
)
_EN_WORDS = (
    "global", "smart", "ocean", "green", "digital", "future", "blue", "island", "jeju", "stone",
    "wind", "star", "light", "moon", "forest", "river", "spring", "summer", "autumn", "winter",
    "youth", "culture", "health", "energy", "food", "bio", "data", "cloud", "city", "urban",
    "rural", "marine", "climate", "korea", "asia", "pacific", "startup", "venture", "design",
    "media", "game", "music", "art", "film", "craft", "tea", "coffee", "citrus", "orange",
    "harbor", "coast", "peak", "valley", "bridge", "garden", "market", "science", "robot",
    "mobility", "space", "quantum", "network", "security", "finance", "trade", "policy",
    "education", "tourism",
)
_EN_HEADS = (
    "Hall", "Center", "Pavilion", "Forum", "Session", "Lounge", "Plaza", "Room", "Expo",
    "Seminar", "Booth", "Summit", "Workshop", "Conference", "Showcase",
)
_PARTICLES = ("은", "는", "이", "가", "을", "를", "에", "에서", "으로", "의", "도", "까지")
_KO_FRAMES = (
    "{} 어디야?", "{} 어디예요", "{} 가는 길 알려줘", "{} 언제 시작해?", "{} 몇 시에 해요?",
    "{} 몇 번 부스야", "지금 {} 뭐 해?", "{} 위치가 어디죠", "{} 누가 발표해?", "{}",
)
_EN_FRAMES = (
    "where is {}", "where's the {}?", "what time does {} start", "how do I get to {}",
    "who is the speaker at {}", "{} booth number", "{}", "{} location please",
)


@dataclass(frozen=True)
class Query:
    """One benchmark question and the item it is about."""

    text: str
    item_id: str
    kind: str = "name"  # name (a mutated title or alias), speaker, or prose


def _ko_word(rng: random.Random) -> str:
    return "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 3)))


_SURNAMES = "김이박최정강조윤장임한오서신권황안송류홍"
_GIVEN = "민서준지현우수영하은도윤예진성훈재혜"
_EN_GIVEN = ("Anna", "Ben", "Chloe", "David", "Emma", "Felix", "Grace", "Hugo", "Iris", "Jon",
             "Kate", "Liam", "Mia", "Noah", "Olga", "Paul", "Rosa", "Sam", "Tara", "Yuki")
_EN_FAMILY = ("Smith", "Tanaka", "Garcia", "Müller", "Novak", "Silva", "Kowalski", "Dubois",
              "Rossi", "Nguyen", "Sato", "Cohen", "Larsen", "Okafor", "Brown", "Ivanova")


def make_fields(keys: list[IndexKey], rng: random.Random) -> tuple[list[FieldText], dict[str, str]]:
    """Return the other fields of each item (speakers, showcase) and one speaker per item."""
    texts: list[FieldText] = []
    speaker_of: dict[str, str] = {}
    for item_id in dict.fromkeys(key.item_id for key in keys):
        ko_name = rng.choice(_SURNAMES) + "".join(rng.choice(_GIVEN) for _ in range(2))
        en_name = f"{rng.choice(_EN_GIVEN)} {rng.choice(_EN_FAMILY)}"
        showcase = " ".join(rng.choice(_EN_WORDS) for _ in range(rng.randint(6, 10)))
        texts += [FieldText(item_id, ko_name, Field.ENTITY),
                  FieldText(item_id, en_name, Field.ENTITY),
                  FieldText(item_id, showcase, Field.PROSE)]
        speaker_of[item_id] = rng.choice((ko_name, en_name))
    for key in keys:
        texts.append(FieldText(key.item_id, key.text, Field.NAME))
    return texts, speaker_of


def make_kb(size: int, rng: random.Random) -> list[IndexKey]:
    """Return the keys of ``size`` synthetic items: ko/en titles plus 3-4 aliases each."""
    keys: list[IndexKey] = []
    seen: set[str] = set()
    item = 0
    while item < size:
        ko_words = [_ko_word(rng) for _ in range(rng.randint(1, 2))]
        ko_head = rng.choice(_KO_HEADS)
        en_words = [rng.choice(_EN_WORDS).title() for _ in range(rng.randint(1, 3))]
        en_head = rng.choice(_EN_HEADS)
        ko_title = " ".join([*ko_words, ko_head])
        en_title = " ".join([*en_words, en_head])
        if ko_title in seen or en_title in seen:
            continue
        seen.update((ko_title, en_title))
        item_id = f"item{item:05d}"
        kind = rng.choice(("session", "room", "pavilion", "exhibitor"))
        aliases = [
            "".join(ko_words) + ko_head,  # written without spaces
            " ".join(ko_words),  # head noun dropped
            " ".join(en_words),
        ]
        if len(en_words) > 1:
            aliases.append("".join(word[0] for word in en_words) + en_head[0])  # acronym
        keys.append(IndexKey(item_id, kind, "ko", ko_title, True))
        keys.append(IndexKey(item_id, kind, "en", en_title, True))
        keys.extend(IndexKey(item_id, kind, "xx", alias, False) for alias in aliases)
        item += 1
    return keys


def _jamo_typo(word: str, rng: random.Random) -> str:
    """Change one jamo of one Hangul syllable (initial, vowel or final)."""
    positions = [i for i, char in enumerate(word) if "가" <= char <= "힣"]
    if not positions:
        return _latin_typo(word, rng)
    pos = rng.choice(positions)
    code = ord(word[pos]) - 0xAC00
    initial, vowel, final = code // 588, (code % 588) // 28, code % 28
    part = rng.randrange(3)
    if part == 0:
        initial = (initial + rng.choice((-1, 1))) % 19
    elif part == 1:
        vowel = (vowel + rng.choice((-1, 1))) % 21
    else:
        final = rng.choice((0, 4, 8, 16, 21)) if final == 0 else 0
    return word[:pos] + chr(0xAC00 + initial * 588 + vowel * 28 + final) + word[pos + 1 :]


def _latin_typo(word: str, rng: random.Random) -> str:
    """Substitute, drop or swap one letter."""
    if len(word) < 4:
        return word
    pos = rng.randrange(1, len(word) - 1)
    action = rng.randrange(3)
    if action == 0:
        return word[:pos] + rng.choice("abcdefghijklmnopqrstuvwxyz") + word[pos + 1 :]
    if action == 1:
        return word[:pos] + word[pos + 1 :]
    return word[: pos - 1] + word[pos] + word[pos - 1] + word[pos + 1 :]


def make_queries(keys: list[IndexKey], count: int, rng: random.Random,
                 texts: list[FieldText] | None = None,
                 speaker_of: dict[str, str] | None = None) -> list[Query]:
    """Return ``count`` mutated questions about random items (names, speakers, showcase)."""
    by_item: dict[str, list[IndexKey]] = {}
    for key in keys:
        by_item.setdefault(key.item_id, []).append(key)
    item_ids = sorted(by_item)
    queries = []
    prose = {t.item_id: t.text.split() for t in texts or () if t.field is Field.PROSE}
    for _ in range(count):
        item_id = rng.choice(item_ids)
        other = rng.random()
        if speaker_of and other < 0.15:
            queries.append(Query(rng.choice(("who is {}", "{} 발표 언제", "{}")).format(
                speaker_of[item_id]), item_id, "speaker"))
            continue
        if prose and other < 0.30:
            queries.append(Query(" ".join(rng.sample(prose[item_id], 2)), item_id, "prose"))
            continue
        key = rng.choice(by_item[item_id])
        text = key.text
        is_korean = any("가" <= char <= "힣" for char in text)
        if rng.random() < 0.6:  # one typo, at jamo level for Korean
            text = _jamo_typo(text, rng) if is_korean else _latin_typo(text, rng)
        if rng.random() < 0.3:  # spacing: drop one space or split a word
            if " " in text and rng.random() < 0.6:
                pos = rng.choice([i for i, char in enumerate(text) if char == " "])
                text = text[:pos] + text[pos + 1 :]
            elif len(text) > 3:
                pos = rng.randrange(1, len(text) - 1)
                text = text[:pos] + " " + text[pos:]
        if is_korean and rng.random() < 0.4:
            text += rng.choice(_PARTICLES)
        frame = rng.choice(_KO_FRAMES if is_korean else _EN_FRAMES)
        queries.append(Query(frame.format(text), item_id))
    return queries


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def bench_matcher(keys: list[IndexKey], texts: list[FieldText],
                  queries: list[Query]) -> dict[str, float]:
    """Time build and queries; return latency, accuracy and outcome shares."""
    kinds = {key.item_id: key.kind for key in keys}
    build_times = []
    built: list[Matcher] = []
    for _ in range(BUILD_REPEATS):  # the median of a few builds: the shared cores are noisy
        built.clear()  # free the previous index outside the timing
        # a new KB: its synonyms are made again (the shipped vocabulary's once per process:
        # main() times them apart)
        synonyms_of.cache_clear()
        started = time.perf_counter()
        built.append(Matcher(keys, texts, (*SHIPPED_VOCABULARY, *KB_SYNONYMS), kinds=kinds))
        build_times.append(time.perf_counter() - started)
    build_s = statistics.median(build_times)
    index = built.pop()
    # ... and each index alone, to tell where a build's time goes
    parts: dict[str, list[float]] = {"names": [], "words": []}
    for _ in range(BUILD_REPEATS):
        synonyms_of.cache_clear()
        was_on = gc.isenabled()
        gc.disable()  # as Matcher builds them
        try:
            started = time.perf_counter()
            MatchIndex.build(keys)
            parts["names"].append(time.perf_counter() - started)
            started = time.perf_counter()
            LexicalIndex.build(texts, (*SHIPPED_VOCABULARY, *KB_SYNONYMS))
            parts["words"].append(time.perf_counter() - started)
        finally:
            if was_on:
                gc.enable()
    settle_heap()  # as the bot does after loading a KB
    for query in queries[:20]:  # warm caches (fold table, regex) outside the timings
        index.match(query.text)
    # Time the matching itself: each query is new to the index in each round. The first round
    # also builds what the index makes on first use (a name's units of meaning); the shared
    # cores are noisy, so the p99 reported is the median of the rounds' p99s.
    round_latencies: list[list[float]] = []
    for _ in range(QUERY_ROUNDS):
        index.forget_searches()
        latencies: list[float] = []
        for query in queries:
            started = time.perf_counter()
            index.match(query.text)
            latencies.append((time.perf_counter() - started) * 1000)
        round_latencies.append(latencies)
    top1 = answered_right = answered_wrong = clarified = clarify_has_it = 0
    name_queries = name_wrong = 0
    for query in queries:
        result = index.match(query.text)
        ranked = index.rank(query.text)
        top1 += bool(ranked) and ranked[0].item_id == query.item_id
        if result.outcome == "answer":
            if result.matches[0].item_id == query.item_id:
                answered_right += 1
            else:
                answered_wrong += 1
                name_wrong += query.kind == "name"
        elif result.outcome in {"clarify", "confirm"}:
            clarified += 1
            clarify_has_it += any(match.item_id == query.item_id for match in result.matches)
        name_queries += query.kind == "name"
    n = len(queries)
    return {
        "build_s": build_s,
        "build_names_s": statistics.median(parts["names"]),
        "build_words_s": statistics.median(parts["words"]),
        "keys": len(index.fuzzy),
        "median_ms": statistics.median(statistics.median(r) for r in round_latencies),
        "p99_ms": statistics.median(_percentile(r, 0.99) for r in round_latencies),
        "p99_first_ms": _percentile(round_latencies[0], 0.99),
        "top1": top1 / n,
        "answer_right": answered_right / n,
        "answer_wrong": answered_wrong / n,
        "clarify": clarified / n,
        "clarify_has_it": clarify_has_it / max(clarified, 1),
        # Two random showcase words often name another item outright: only mutated names
        # have one right answer, so their wrong answers are the figure to watch.
        "name_wrong": name_wrong / max(name_queries, 1),
    }


def bench_difflib(keys: list[IndexKey], queries: list[Query]) -> dict[str, float]:
    """Time a SequenceMatcher ratio loop over every casefolded key, per query."""
    choices = [(key.text.casefold(), key.item_id) for key in keys]
    latencies = []
    top1 = 0
    for query in queries:
        started = time.perf_counter()
        text = query.text.casefold()
        matcher = difflib.SequenceMatcher(None, autojunk=False)
        matcher.set_seq2(text)  # seq2 is cached by SequenceMatcher: set it once per query
        best_score, best_item = -1.0, ""
        for choice, item_id in choices:
            matcher.set_seq1(choice)
            score = matcher.ratio()
            if score > best_score:
                best_score, best_item = score, item_id
        latencies.append((time.perf_counter() - started) * 1000)
        top1 += best_item == query.item_id
    return {"median_ms": statistics.median(latencies), "top1": top1 / len(queries)}


def main() -> None:
    """Run the benchmark and print one summary line last."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="fewer queries (for a smoke run)")
    args = parser.parse_args()
    query_count = 300 if args.quick else 1_000
    difflib_queries = {100: 100, 1_000: 20, 10_000: 5} if args.quick else {
        100: 300, 1_000: 60, 10_000: 10,
    }

    shipped_synonyms.cache_clear()
    started = time.perf_counter()
    shipped_synonyms()
    vocabulary_s = time.perf_counter() - started
    results: dict[int, dict[str, float]] = {}
    speedups: dict[int, float] = {}
    print(f"{'items':>6} {'keys':>6} {'build s':>8} {'med ms':>7} {'p99 ms':>7} {'top1':>6} "
          f"{'ans ok':>6} {'ans bad':>7} {'name bad':>8} {'clarify':>7} {'cl hit':>6} | "
          f"{'difflib ms':>10} {'dl top1':>7} {'speedup':>7}")
    for size in SIZES:
        rng = random.Random(SEED + size)
        keys = make_kb(size, rng)
        texts, speaker_of = make_fields(keys, rng)
        queries = make_queries(keys, query_count, rng, texts, speaker_of)
        stats = results[size] = bench_matcher(keys, texts, queries)
        subset = queries[: difflib_queries[size]]
        baseline = bench_difflib(keys, subset)
        speedups[size] = baseline["median_ms"] / stats["median_ms"]
        print(
            f"{size:>6} {stats['keys']:>6.0f} {stats['build_s']:>8.3f} {stats['median_ms']:>7.3f} "
            f"{stats['p99_ms']:>7.3f} {stats['top1']:>6.3f} {stats['answer_right']:>6.3f} "
            f"{stats['answer_wrong']:>7.3f} {stats['name_wrong']:>8.3f} {stats['clarify']:>7.3f} "
            f"{stats['clarify_has_it']:>6.3f} | {baseline['median_ms']:>10.1f} "
            f"{baseline['top1']:>7.3f} {speedups[size]:>6.0f}x",
            flush=True,
        )
    print(
        f"{query_count} mutated queries per size (jamo/letter typos, spacing, particles, "
        "question frames); top1 = best-ranked item is the intended one."
    )
    print(
        f"build s: median of {BUILD_REPEATS} builds of both indexes and the KB's synonyms; the "
        f"shipped vocabulary's, made once per process, took {vocabulary_s:.3f} s. "
        "difflib: SequenceMatcher.ratio loop over the same keys, timed per query on the first "
        + ", ".join(f"{n} queries at {size:,}" for size, n in difflib_queries.items())
        + " items; speed-up = difflib median per query / matcher median per query at that size."
    )
    print("of a build, each index alone (median of "
          f"{BUILD_REPEATS}): the name index (fuzzy keys), the word index (every field) "
          + ", ".join(f"{results[size]['build_names_s']:.3f} s and "
                      f"{results[size]['build_words_s']:.3f} s at {size:,}" for size in SIZES))
    slowest = min(speedups, key=lambda size: speedups[size])
    print(f"speedup_vs_difflib below is the smallest of the three (at {slowest:,} items).")
    print("p99 ms: median of the p99s of "
          f"{QUERY_ROUNDS} rounds of the queries; the first round's (cold: it also builds what "
          "the index makes on first use): "
          + ", ".join(f"{results[size]['p99_first_ms']:.2f} at {size:,}" for size in SIZES))
    print(
        f"matcher: p99_ms_1k={results[1_000]['p99_ms']:.2f} "
        f"p99_ms_10k={results[10_000]['p99_ms']:.2f} "
        f"speedup_vs_difflib={speedups[slowest]:.0f} "
        f"build_s_10k={results[10_000]['build_s']:.2f} vocabulary_s={vocabulary_s:.2f} "
        f"build_names_s_10k={results[10_000]['build_names_s']:.2f} "
        f"build_words_s_10k={results[10_000]['build_words_s']:.2f}"
    )


if __name__ == "__main__":
    main()
