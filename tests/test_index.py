"""The match index finds the item a question is about, and knows when it is unsure."""

from __future__ import annotations

import pytest

import eventbot.bot.matching.index as index_module
from eventbot.bot.matching import IndexKey, MatchIndex
from eventbot.bot.matching.index import (
    ANSWER_MIN_MARGIN,
    ANSWER_MIN_SCORE,
    CLARIFY_MIN_SCORE,
    PARTIAL_WEIGHT,
    SPAN_WEIGHT,
)


def key(item_id: str, kind: str, lang: str, text: str, primary: bool = False) -> IndexKey:
    return IndexKey(item_id, kind, lang, text, primary)


KEYS = [
    key("halla", "room", "ko", "한라홀", True),
    key("halla", "room", "en", "Halla Hall"),
    key("halla", "room", "ja", "ハルラホール"),
    key("halla", "room", "zh", "汉拏厅"),
    key("tamna", "room", "ko", "탐라홀", True),
    key("tamna", "room", "en", "Tamna Hall"),
    key("icc", "venue", "ko", "제주국제컨벤션센터", True),
    key("icc", "venue", "en", "ICC Jeju"),
    key("icc", "venue", "en", "ICC"),
    key("icc", "venue", "zh", "济州国际会议中心"),
    key("kbeauty", "pavilion", "ko", "K-뷰티 전시관", True),
    key("kbeauty", "pavilion", "en", "K-Beauty Pavilion"),
    key("kbeauty", "pavilion", "en", "K-Beauty"),
    key("food", "side_event", "ko", "식품대전", True),
    key("food", "side_event", "en", "Food Expo"),
    key("josun", "venue", "ko", "그랜드조선 제주", True),
    key("josun", "venue", "en", "Grand Josun Jeju"),
    key("startup", "session", "ko", "스타트업 포럼", True),
    key("startup", "session", "en", "Startup Forum"),
    key("lounge", "room", "ko", "연사 라운지", True),  # 연사 and speaker are frame words
    key("lounge", "room", "en", "Speaker Lounge"),
    key("main", "room", "ko", "메인홀", True),
    key("main", "room", "en", "Main Hall"),
    key("keynote", "session", "ko", "AI 기조연설", True),
    key("keynote", "session", "en", "AI"),  # a short key: must not match inside other words
    key("data1", "session", "ko", "AI 데이터 세션 1부", True),
    key("data2", "session", "ko", "AI 데이터 세션 2부", True),  # near-identical to data1
    key("booth_a", "pavilion", "ko", "부스 A", True),  # short, and 부스 is a frame word
    key("faq_schedule", "faq", "en", "Schedule", True),  # nothing but a frame word
]


@pytest.fixture(scope="module")
def index() -> MatchIndex:
    return MatchIndex.build(KEYS)


@pytest.fixture(params=["full-scan", "preselected"])
def any_index(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch,
              index: MatchIndex) -> MatchIndex:
    """Run a test both with every key scored and through the n-gram preselection."""
    if request.param == "preselected":
        monkeypatch.setattr(index_module, "FULL_SCAN_MAX_KEYS", 0)
    return index


ANSWERS = [
    # exact, with frames in four languages
    ("한라홀", "halla"),
    ("한라홀 어디야?", "halla"),
    ("Where is Halla Hall?", "halla"),
    ("what time does the Food Expo start", "food"),
    ("how do I get to ICC", "icc"),
    ("ICC 가는 길 알려줘", "icc"),  # short key + frame + filler
    ("济州国际会议中心在哪", "icc"),
    ("汉拏厅在哪里", "halla"),
    # jamo-level typos on longer keys
    ("제주국제컨벤숀센터", "icc"),
    ("식퓸대전 언제야", "food"),
    # missing and extra spaces
    ("그랜드조선제주", "josun"),
    ("K뷰티전시관 어디", "kbeauty"),
    ("startupforum", "startup"),
    ("한라 홀", "halla"),
    # particles
    ("한라홀에서 뭐 해?", "halla"),
    ("스타트업 포럼은 언제야", "startup"),
    ("K-뷰티 전시관 장소가 어디야", "kbeauty"),
    ("식품대전까지 어떻게 가요", "food"),
    # hyphens, case, full width
    ("ｋ－ｂｅａｕｔｙ", "kbeauty"),
    ("K BEAUTY pavilion", "kbeauty"),
    # hiragana, katakana, half-width katakana
    ("はるらほーる", "halla"),
    ("ハルラホールはどこですか", "halla"),
    ("ﾊﾙﾗﾎｰﾙ", "halla"),
    # initial consonants (whole, and a prefix of three or more)
    ("ㅎㄹㅎ", "halla"),
    ("ㅌㄹㅎ", "tamna"),
    ("ㅈㅈㄱㅈㅋㅂㅅㅅㅌ", "icc"),
    ("ㅈㅈㄱㅈ", "icc"),
    # a long key inside a longer question
    ("제주국제컨벤션센터 셔틀", "icc"),
    # a key holding frame words that stripping removed from the question
    ("Speaker Lounge 어디야", "lounge"),
    ("연사 라운지 어디", "lounge"),
    # short keys, exactly
    ("AI", "keynote"),
    ("main hall", "main"),
    ("AI 데이터 세션 1부", "data1"),
    ("한라올 어디예요", "halla"),  # one jamo off a three-syllable key: 87.5, just answered
    ("탐라올", "tamna"),  # ... and the other hall stays the other hall
]


@pytest.mark.parametrize(("question", "item_id"), ANSWERS)
def test_answers(any_index: MatchIndex, question: str, item_id: str) -> None:
    result = any_index.match(question)
    assert result.outcome == "answer", result
    assert [m.item_id for m in result.matches] == [item_id]
    assert result.best_score >= ANSWER_MIN_SCORE
    assert result.margin >= ANSWER_MIN_MARGIN


CLARIFY_FIRST = [
    ("Grand Josun", "josun"),  # a truncated title
    ("포럼", "startup"),  # a whole word of a longer key: offered, never answered
]


@pytest.mark.parametrize(("question", "item_id"), CLARIFY_FIRST)
def test_clarifies_with_the_right_item_first(
    any_index: MatchIndex, question: str, item_id: str
) -> None:
    result = any_index.match(question)
    assert result.outcome == "clarify", result
    assert result.matches[0].item_id == item_id
    assert CLARIFY_MIN_SCORE <= result.best_score < ANSWER_MIN_SCORE


FALLBACKS = [
    "what's the weather in Paris",
    "비트코인 가격",
    "어디야?",  # frame words only: names nothing
    "센터",  # a substring of 제주국제컨벤션센터 (WRatio would give 90)
    "ICC 근처 카페 추천",  # the short key ICC plus a different subject
    "",
    "!!!",
]


@pytest.mark.parametrize("question", FALLBACKS)
def test_falls_back_out_of_scope(any_index: MatchIndex, question: str) -> None:
    result = any_index.match(question)
    assert result.outcome == "fallback", result
    assert result.matches == ()
    assert result.best_score < CLARIFY_MIN_SCORE


def test_near_identical_items_clarify(any_index: MatchIndex) -> None:
    result = any_index.match("AI 데이터 세션")
    assert result.outcome == "clarify"
    assert {m.item_id for m in result.matches} == {"data1", "data2"}
    assert result.margin < ANSWER_MIN_MARGIN


def test_a_generic_word_offers_every_item_it_names(index: MatchIndex) -> None:
    result = index.match("Hall")
    assert result.outcome == "clarify"
    assert {m.item_id for m in result.matches} == {"halla", "tamna", "main"}


def test_short_key_gets_no_false_high_score(index: MatchIndex) -> None:
    scores = {m.item_id: m.score for m in index.search("main hall", limit=10)}
    assert scores["main"] == 100
    assert scores.get("keynote", 0) < CLARIFY_MIN_SCORE  # 'AI' is not 90 inside 'main hall'


@pytest.mark.parametrize(
    ("question", "item_id"),
    [("AI가 뭐야?", "keynote"), ("ICC에서 어떻게 가요", "icc"), ("탐라홀이 어디야", "tamna"),
     ("스타트업 포럼은", "startup"), ("식품대전까지", "food"), ("한라홀에서도", "halla")],
)
def test_particles_leave_an_exact_match(
    any_index: MatchIndex, question: str, item_id: str
) -> None:
    [best] = any_index.search(question, limit=1)
    assert (best.item_id, best.score) == (item_id, 100)


def test_long_key_inside_a_longer_question_gets_the_partial_score(any_index: MatchIndex) -> None:
    [best] = any_index.search("제주국제컨벤션센터 셔틀버스 시간표 좀", limit=1)
    assert (best.item_id, best.score) == ("icc", PARTIAL_WEIGHT * 100)


@pytest.mark.parametrize(
    ("question", "item_id"),
    [("연사 라운지 어디", "lounge"), ("부스 A 어디야", "booth_a"), ("부스 A", "booth_a"),
     ("Schedule?", "faq_schedule")],
)
def test_keys_holding_frame_words_are_found_whole(
    any_index: MatchIndex, question: str, item_id: str
) -> None:
    result = any_index.match(question)
    assert result.outcome == "answer"
    assert result.matches[0].item_id == item_id
    assert result.best_score >= SPAN_WEIGHT * 100


# ------------------------------------------------------------------------------- search


def test_search_returns_one_entry_per_item_best_first(index: MatchIndex) -> None:
    ranked = index.search("Halla Hall", limit=5)
    ids = [m.item_id for m in ranked]
    assert ids[0] == "halla"
    assert len(ids) == len(set(ids))
    assert [m.score for m in ranked] == sorted((m.score for m in ranked), reverse=True)
    assert ranked[0].key_text == "Halla Hall"
    assert ranked[0].kind == "room"


def test_search_limit(index: MatchIndex) -> None:
    assert len(index.search("Hall", limit=2)) == 2
    assert index.search("Hall", limit=0) == []


def test_primary_key_wins_a_tie_between_keys_of_one_item() -> None:
    built = MatchIndex.build([
        key("halla", "room", "ko", "한라 홀"),
        key("halla", "room", "ko", "한라홀", True),  # same normalised key, primary
    ])
    assert len(built) == 1
    [best] = built.search("한라홀")
    assert best.key_text == "한라홀"


def test_aliases_of_one_item_do_not_compete() -> None:
    built = MatchIndex.build([
        key("ocean", "room", "en", "Ocean Stage", True),
        key("ocean", "room", "en", "Ocean Stage 1"),
        key("forest", "room", "en", "Forest Stage", True),
    ])
    result = built.match("Ocean Stage")
    forest = next(m for m in built.search("Ocean Stage") if m.item_id == "forest")
    assert result.outcome == "answer"
    assert result.margin == pytest.approx(100 - forest.score)


# ----------------------------------------------------------------------------- thresholds


def test_thresholds_can_be_overridden_per_call(index: MatchIndex) -> None:
    assert index.match("한라올", answer_min_score=85).outcome == "answer"
    assert index.match("한라홀", answer_min_score=101).outcome == "clarify"
    assert index.match("한라올", answer_min_score=95, clarify_min_score=90).outcome == "fallback"
    assert index.match("한라홀", answer_min_margin=30).outcome == "clarify"


def test_clarify_is_capped(index: MatchIndex) -> None:
    result = index.match("Hall", clarify_max_items=2)
    assert result.outcome == "clarify"
    assert len(result.matches) == 2


# ---------------------------------------------------------------------------------- build


def test_conflicting_kinds_for_one_item_are_rejected() -> None:
    with pytest.raises(ValueError, match="halla"):
        MatchIndex.build(
            [key("halla", "room", "ko", "한라홀"), key("halla", "venue", "en", "Halla")]
        )


def test_keys_that_normalise_to_nothing_are_skipped() -> None:
    built = MatchIndex.build([key("x", "faq", "en", "?!"), key("y", "faq", "en", "Wifi", True)])
    assert len(built) == 1
    assert built.match("wifi").matches[0].item_id == "y"


def test_empty_index_falls_back() -> None:
    result = MatchIndex.build([]).match("한라홀")
    assert (result.outcome, result.matches) == ("fallback", ())


def test_huge_question_is_cut_not_choked_on(index: MatchIndex) -> None:
    result = index.match("한라홀 " + "가나다라 " * 100_000)
    assert result.outcome in {"answer", "clarify", "fallback"}


def test_preselection_finds_the_item_in_a_large_index() -> None:
    # Enough keys to take the n-gram path for real.
    rooms = [key(f"room{n}", "room", "en", f"Room {n} Wing {n % 37}", True) for n in range(9000)]
    built = MatchIndex.build([*rooms, *KEYS])
    assert len(built) > index_module.FULL_SCAN_MAX_KEYS
    assert built.match("제주국제컨벤숀센터 어디").matches[0].item_id == "icc"
    assert built.match(f"Room 4321 Wing {4321 % 37}").matches[0].item_id == "room4321"


def test_a_repeated_question_is_ranked_once_and_the_copy_is_the_callers(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    index = MatchIndex.build(KEYS)
    scored: list[str] = []
    score_keys = MatchIndex._score_keys

    def counting(self: MatchIndex, question_text: str, *, partial: bool = True) -> dict[int, float]:
        scored.append(question_text)
        return score_keys(self, question_text, partial=partial)

    monkeypatch.setattr(MatchIndex, "_score_keys", counting)
    first = index.search("한라홀 어디", limit=3)
    first.clear()  # the caller's list: clearing it must not empty what the index kept
    second = index.search("한라홀 어디", limit=3)
    assert second and second[0].item_id == "halla"
    assert index.match("한라홀 어디") == index.match("한라홀 어디")
    assert scored == ["한라홀 어디", "한라홀 어디"]  # once for limit 3, once for match's limit
    index.forget_searches()
    index.search("한라홀 어디", limit=3)
    assert len(scored) == 3


def test_recent_searches_are_bounded_oldest_first(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(index_module, "SEARCH_CACHE_SIZE", 2)
    index = MatchIndex.build(KEYS)
    for question in ("한라홀", "탐라홀", "메인홀"):
        index.search(question)
    assert [q for q, _, _ in index._searches] == ["탐라홀", "메인홀"]
