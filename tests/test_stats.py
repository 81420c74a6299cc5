"""Organisers' figures: grouping unanswered questions, aggregation, CSV, chart, KB changes."""

from __future__ import annotations

import csv
import io
import shutil
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from rapidfuzz import fuzz

from eventbot.bot import stats
from eventbot.bot.clock import ManualClock
from eventbot.bot.concierge import Concierge
from eventbot.bot.kb import load_knowledge
from eventbot.bot.storage import QuestionCount, Storage
from eventbot.bot.storage._stats import HourCount, LanguagePair, UnansweredWording
from tests.paths import ROOT, SAMPLE_KB

SEOUL = ZoneInfo("Asia/Seoul")
T0 = datetime(2025, 9, 1, 9, 0, tzinfo=SEOUL)


def wording(key: str, count: int = 1, *, langs: tuple[str, ...] = ("en",),
            first: datetime = T0, last: datetime | None = None) -> UnansweredWording:
    return UnansweredWording(key, key + "?", count, langs, first, last or first)


# -- grouping --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("first", "second", "together"),
    [
        ("wifi password", "what is the wi-fi password", True),
        ("와이파이 비밀번호", "와이파이 비번", True),
        ("흡연 구역 어디예요", "흡연구역", True),
        ("is there a smoking area", "smoking area", True),
        ("is there a nap pod", "nap pods", True),
        ("駐車場はどこですか", "駐車場", True),
        ("停车场在哪里", "停车场", True),
        ("hall a", "hall b", False),
        ("where is the toilet", "where is the hotel", False),
        ("is there a nap pod", "is there a nap room", False),
        ("can i bring my dog", "can i bring my cat", False),
        ("where is the gym", "where is the atm", False),
    ],
)
def test_similar_topics_group_and_different_ones_do_not(first, second, together) -> None:
    score = fuzz.ratio(stats.topic_of(first), stats.topic_of(second))
    assert (score >= stats.SIMILAR_TOPIC_SCORE) is together, score
    groups = stats.group_unanswered([wording(first, 2), wording(second, 1)])
    assert len(groups) == (1 if together else 2)


def test_groups_are_led_by_the_most_asked_and_carry_totals() -> None:
    late = T0 + timedelta(hours=5)
    groups = stats.group_unanswered([
        wording("smoking area", 2, langs=("en",), first=T0 + timedelta(hours=1), last=late),
        wording("is there a smoking area", 5, langs=("en", "ja")),
        wording("atm", 3, langs=("ko",)),
        wording("smoking areas", 1, langs=("zh",), first=T0 - timedelta(hours=1)),
    ])
    assert [(g.example, g.count) for g in groups] == [
        ("is there a smoking area?", 8), ("atm?", 3),
    ]
    smoking = groups[0]
    assert [w.key for w in smoking.wordings] == [
        "is there a smoking area", "smoking area", "smoking areas",
    ]
    assert smoking.languages == ("en", "ja", "zh")
    assert smoking.first_asked == T0 - timedelta(hours=1)
    assert smoking.last_asked == late


def test_grouping_is_greedy_not_transitive() -> None:
    # "nap pods" joins "nap pod"; "nap room" resembles neither enough and stays alone.
    groups = stats.group_unanswered([wording("nap pod", 3), wording("nap pods"),
                                     wording("nap room", 2)])
    assert [len(g.wordings) for g in groups] == [2, 1]


def test_grouping_nothing_gives_nothing() -> None:
    assert stats.group_unanswered([]) == []


# -- aggregation -----------------------------------------------------------------------------


def test_users_by_language_follows_the_reply_language_rule() -> None:
    pairs = [
        LanguagePair("ja", "en", 2),      # the stored choice wins
        LanguagePair(None, "en-US", 3),   # then Telegram's
        LanguagePair(None, "fr", 1),      # not offered: English, the event offers it
        LanguagePair(None, None, 4),      # nothing known: the event's default
        LanguagePair("zh", None, 1),
    ]
    counts = stats.users_by_language(pairs, "ko", ("ko", "en", "ja", "zh"))
    assert counts == {"ko": 4, "en": 4, "ja": 2, "zh": 1}
    assert list(counts)[2:] == ["ja", "zh"]  # most users first


def test_outcome_split_fills_every_outcome() -> None:
    assert stats.outcome_split({"fallback": 2, "odd": 9}) == {
        "answer": 0, "clarify": 0, "fallback": 2,
    }


def test_day_start_is_local_midnight() -> None:
    late_utc = datetime(2025, 9, 1, 16, 30, tzinfo=UTC)  # 01:30 on 2 September in Seoul
    assert stats.day_start(late_utc, SEOUL) == datetime(2025, 9, 2, tzinfo=SEOUL)


def test_hourly_buckets_cover_24_hours_and_drop_older_counts() -> None:
    now = datetime(2025, 9, 1, 14, 25, tzinfo=UTC)
    counts = [
        HourCount(datetime(2025, 9, 1, 14, tzinfo=UTC), "answer", 3),
        HourCount(datetime(2025, 9, 1, 14, tzinfo=UTC), "fallback", 1),
        HourCount(datetime(2025, 8, 31, 15, tzinfo=UTC), "clarify", 2),  # first hour
        HourCount(datetime(2025, 8, 31, 14, tzinfo=UTC), "answer", 7),   # too old
    ]
    buckets = stats.hourly_buckets(counts, now)
    assert len(buckets) == 24
    assert buckets[0].start == datetime(2025, 8, 31, 15, tzinfo=UTC)
    assert buckets[0].counts == {"answer": 0, "clarify": 2, "fallback": 0}
    assert buckets[-1].counts == {"answer": 3, "clarify": 0, "fallback": 1}
    assert sum(sum(b.counts.values()) for b in buckets) == 6


def report(**overrides) -> stats.StatsReport:
    values = dict(
        now=T0, tz=SEOUL, default_language="ko", languages=("ko", "en", "ja", "zh"),
        pairs=[LanguagePair("en", None, 2), LanguagePair(None, "ko", 1)], active_today=2,
        outcomes_today={"answer": 3, "fallback": 1},
        top_today=[QuestionCount("Where is <Halla> Hall?", 2)],
        unanswered=stats.group_unanswered([wording("nap pod", 2), wording("nap pods")]),
    )
    return stats.build_report(**{**values, **overrides})


def test_report_renders_the_figures_escaped() -> None:
    text = stats.render_report(report(), "en")
    assert "Statistics for 2025-09-01</b> (Asia/Seoul)" in text
    assert "Users: 3 · active today: 2" in text
    assert "By language: English 2, 한국어 1" in text
    assert ("Questions today: 4 · answered 3 (75%) · clarified 0 (0%) · not found 1 (25%)"
            in text)
    assert "2× Where is &lt;Halla&gt; Hall?" in text
    assert "(1 groups, all days)" in text and "3× nap pod? (+1 similar)" in text


def test_empty_report_says_none_yet() -> None:
    empty = report(pairs=[], active_today=0, outcomes_today={}, top_today=[], unanswered=[])
    text = stats.render_report(empty, "ko")
    assert "오늘 질문: 0개 · 답변 0 (0%)" in text
    assert text.count("아직 없음") == 3


def test_unanswered_groups_get_the_item_the_matcher_ranks_first() -> None:
    kb = load_knowledge(SAMPLE_KB)
    matcher = Concierge(kb).matcher
    groups = stats.group_unanswered([
        UnansweredWording("halla hal seats", "How many seats in Halla Hal?", 3, ("en",), T0, T0),
        UnansweredWording("zxqv", "zxqv", 1, ("en",), T0, T0),
        UnansweredWording("흡연 구역", "흡연 구역 어디예요", 1, ("ko",), T0, T0),
    ])
    proposals = stats.propose_items(groups, matcher, kb, "en")
    assert proposals["How many seats in Halla Hal?"].item_id == "halla-hall"
    # Gibberish, or a question sharing no word with any item: nothing is proposed.
    assert "zxqv" not in proposals and "흡연 구역 어디예요" not in proposals
    text = stats.render_report(report(unanswered=groups, proposals=proposals), "en")
    assert "How many seats in Halla Hal? → Halla Hall (<code>halla-hall</code>)" in text
    rows = list(csv.reader(io.StringIO(stats.unanswered_csv(groups, SEOUL, proposals))))
    assert rows[0][-1] == "proposed item"
    assert [row[-1] for row in rows[1:]] == ["halla-hall", "", ""]


# -- CSV and chart ---------------------------------------------------------------------------


def test_csv_has_one_row_per_group_in_event_time() -> None:
    groups = stats.group_unanswered([
        wording("흡연구역", 2, langs=("ko",), first=datetime(2025, 9, 1, 0, 5, tzinfo=UTC)),
        wording("흡연 구역 어디예요", 1, langs=("ko", "en"),
                last=datetime(2025, 9, 1, 3, 0, tzinfo=UTC)),
        wording('say "hi", bot', 1),
    ])
    rows = list(csv.reader(io.StringIO(stats.unanswered_csv(groups, SEOUL))))
    assert rows[0] == list(stats.CSV_COLUMNS)
    assert rows[1] == ["1", "3", "흡연구역?", "en ko", "2025-09-01 09:00", "2025-09-01 12:00", ""]
    assert rows[2][2] == 'say "hi", bot?'
    assert len(rows) == 3


def test_csv_defuses_cells_a_spreadsheet_would_run_as_formulas() -> None:
    groups = [stats.UnansweredGroup((wording('=HYPERLINK("http://x")'),)),
              stats.UnansweredGroup((wording("@nap"),))]
    rows = list(csv.reader(io.StringIO(stats.unanswered_csv(groups, SEOUL))))
    assert [row[2] for row in rows[1:]] == ["'=HYPERLINK(\"http://x\")?", "'@nap?"]


def test_report_shortens_long_questions_to_one_line() -> None:
    long = "where\nis " + "x" * 500
    text = stats.render_report(report(top_today=[QuestionCount(long, 1)]), "en")
    (line,) = [line for line in text.splitlines() if line.startswith("1× where is xxx")]
    assert len(line) == len("1× ") + stats.QUESTION_SHOWN_CHARS and line.endswith("…")


def test_chart_is_a_png_and_importing_stats_does_not_import_matplotlib() -> None:
    now = datetime(2025, 9, 1, 14, 25, tzinfo=UTC)
    buckets = stats.hourly_buckets(
        [HourCount(datetime(2025, 9, 1, 14, tzinfo=UTC), "answer", 3)], now
    )
    png = stats.questions_chart_png(buckets, SEOUL, "Questions per hour")
    assert png.startswith(b"\x89PNG\r\n\x1a\n") and len(png) > 5000
    code = "import sys, eventbot.bot.stats; print('matplotlib' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            cwd=ROOT, timeout=120, check=True)
    assert result.stdout.strip() == "False"


# -- knowledge-base changes ------------------------------------------------------------------


def test_kb_changes_count_added_removed_and_changed(tmp_path: Path) -> None:
    folder = tmp_path / "kb"
    shutil.copytree(SAMPLE_KB, folder)
    faq = folder / "faq.yaml"
    text = faq.read_text(encoding="utf-8")
    text = text.replace("Where is the registration desk?", "Where do I register?", 1)
    faq.write_text(text + NAP_FAQ, encoding="utf-8")
    old, new = load_knowledge(SAMPLE_KB), load_knowledge(folder)
    (change,) = [c for c in stats.kb_changes(old, new) if c.any]
    assert (change.section, change.added, change.removed, change.changed) == ("faq", 1, 0, 1)
    assert change.after == change.before + 1
    reply = stats.render_reload(old, new, "en")
    assert f"FAQ: {change.before} → {change.after} (+1 added, −0 removed, 1 changed)" in reply
    assert stats.render_reload(old, old, "en").endswith("No item changed.")


NAP_FAQ = """
  - id: faq-nap-pods
    question:
      ko: 낮잠 캡슐이 있나요?
      en: Are there nap pods?
    variants:
      ko: [낮잠 캡슐, 수면실]
      en: [nap pod, nap pods, sleeping pod]
    answer:
      ko: 낮잠 캡슐은 2층 휴게실에 있습니다.
      en: Nap pods are in the lounge on the second floor.
"""


# -- storage queries -------------------------------------------------------------------------


async def test_stats_queries(tmp_path: Path) -> None:
    clock = ManualClock(datetime(2025, 8, 31, 23, 30, tzinfo=SEOUL))
    async with Storage.open(tmp_path / "s.sqlite3", now=clock) as store:
        await store.touch_user(1, 1, "en")
        await store.log_question(1, "Nap pods?", "en", "fallback", None)
        clock.advance(timedelta(hours=1))  # 00:30 on 1 September
        await store.touch_user(2, 2, None)
        await store.set_language(2, "ja")
        await store.log_question(2, "nap  pods", "ja", "fallback", None)
        await store.log_question(2, "Halla Hall", "ja", "answer", "halla-hall")
        clock.advance(timedelta(minutes=40))  # 01:10
        await store.log_question(None, "ATM", None, "fallback", None)
        await store.log_question(1, "forum", "en", "clarify", None)

        midnight = datetime(2025, 9, 1, tzinfo=SEOUL)
        assert await store.count_users_seen_since(midnight) == 1
        pairs = await store.count_users_by_language_pair()
        assert sorted(pairs, key=lambda p: str(p.language)) == [
            LanguagePair(None, "en", 1), LanguagePair("ja", None, 1),
        ]
        hours = await store.questions_per_hour(midnight - timedelta(hours=2))
        assert hours == [
            HourCount(datetime(2025, 8, 31, 14, tzinfo=UTC), "fallback", 1),
            HourCount(datetime(2025, 8, 31, 15, tzinfo=UTC), "answer", 1),
            HourCount(datetime(2025, 8, 31, 15, tzinfo=UTC), "fallback", 1),
            HourCount(datetime(2025, 8, 31, 16, tzinfo=UTC), "clarify", 1),
            HourCount(datetime(2025, 8, 31, 16, tzinfo=UTC), "fallback", 1),
        ]
        nap, atm = await store.unanswered_wordings(10)
        assert (nap.key, nap.example, nap.count, nap.languages) == (
            "nap pods", "nap  pods", 2, ("en", "ja"),
        )
        assert nap.first_asked == datetime(2025, 8, 31, 23, 30, tzinfo=SEOUL)
        assert nap.last_asked == datetime(2025, 9, 1, 0, 30, tzinfo=SEOUL)
        assert (atm.key, atm.count, atm.languages) == ("atm", 1, ())
        today = await store.unanswered_wordings(10, since=midnight)
        assert [(w.key, w.count) for w in today] == [("atm", 1), ("nap pods", 1)]
        assert len(await store.unanswered_wordings(1)) == 1


def test_a_did_you_mean_counts_as_clarified() -> None:
    assert stats.outcome_split({"confirm": 2, "clarify": 1}) == {
        "answer": 0, "clarify": 3, "fallback": 0}
