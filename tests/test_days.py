"""Days named in questions and /schedule, and small talk that is not a question."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest

from eventbot.bot.browse import parse_day
from eventbot.bot.concierge import Answer, Concierge
from eventbot.bot.days import (
    day_phrases,
    find_day,
    find_order,
    find_part_of_day,
    find_time,
    starts_the_afternoon,
)
from eventbot.bot.evaluation import default_moment
from eventbot.bot.i18n import DAY_FIRST, t
from eventbot.bot.kb import load_knowledge
from eventbot.bot.smalltalk import small_talk
from tests.eval_set import eval_concierge
from tests.paths import SAMPLE_KB

TODAY = date(2025, 9, 2)  # a Tuesday of the sample event (1-5 September 2025)
DAYS = [date(2025, 9, d) for d in range(1, 6)]


@pytest.mark.parametrize(
    ("text", "day", "rest"),
    [
        ("내일 일정", date(2025, 9, 3), "일정"),
        ("모레", date(2025, 9, 4), ""),
        ("明日のプログラム", date(2025, 9, 3), "のプログラム"),
        ("明後日", date(2025, 9, 4), ""),
        ("明天有什么活动", date(2025, 9, 3), "有什么活动"),
        ("what's on tomorrow", date(2025, 9, 3), "what's on"),
        ("the day after tomorrow", date(2025, 9, 4), ""),
        ("Friday", date(2025, 9, 5), ""),
        ("금요일 행사", date(2025, 9, 5), "행사"),
        ("星期四", date(2025, 9, 4), ""),
        ("禮拜四閉幕", date(2025, 9, 4), "閉幕"),  # Taiwan's week, in traditional characters
        ("禮拜天", date(2025, 9, 7), ""),
        ("Sep 4", date(2025, 9, 4), ""),
        ("4 September", date(2025, 9, 4), ""),
        ("9월 4일", date(2025, 9, 4), ""),
        ("4일", date(2025, 9, 4), ""),
        ("9月4日", date(2025, 9, 4), ""),
        ("the 4th", date(2025, 9, 4), "the"),
        ("9/4", date(2025, 9, 4), ""),
        ("2025-09-03", date(2025, 9, 3), ""),
        # a possessive, with its apostrophe or without (questions are read without)
        ("tomorrow's workshops", date(2025, 9, 3), "workshops"),
        ("todays keynote", date(2025, 9, 2), "keynote"),
        ("yesterdays slides", date(2025, 9, 1), "slides"),
        ("friday's gala", date(2025, 9, 5), "gala"),
        # Vietnamese counts its weekdays: thứ 5 is Thursday, "thu 6" Friday (not "thu")
        ("cafe sáng thứ 5", date(2025, 9, 4), "cafe sáng"),
        ("cafe sang thu 6 o dau", date(2025, 9, 5), "cafe sang o dau"),
    ],
)
def test_find_day(text: str, day: date, rest: str) -> None:
    assert find_day(text, TODAY, DAYS) == (day, rest)


@pytest.mark.parametrize("text", ["Sunny Hall", "Monster booth", "hall 4", "version 2", "31일",
                                  "thus the hall", "suns of the hall", "thu 60 booth"])
def test_words_that_only_look_like_days(text: str) -> None:
    found = find_day(text, TODAY, DAYS)
    assert found is None or found[1]  # never the whole text: the rest is not generic


def test_schedule_argument_reads_relative_days() -> None:
    assert parse_day("tomorrow", DAYS, TODAY) == date(2025, 9, 3)
    assert parse_day("목요일", DAYS, TODAY) == date(2025, 9, 4)
    assert parse_day("9/4", DAYS, TODAY) == date(2025, 9, 4)
    assert parse_day("someday", DAYS, TODAY) is None
    assert parse_day("9" * 5000, DAYS, TODAY) is None  # no ValueError on huge numbers


@pytest.fixture(scope="module")
def concierge() -> Concierge:
    return Concierge(load_knowledge(SAMPLE_KB))


@pytest.mark.parametrize(("question", "day"), [("내일 일정", 3), ("what's on friday", 5),
                                               ("9月4日のイベント", 4), ("明天有什么活动", 3),
                                               ("programa del jueves", 4),
                                               ("что будет завтра", 3), ("พรุ่งนี้มีอะไร", 3),
                                               ("กำหนดการวันพฤหัส", 4), ("besok ada acara apa", 3),
                                               ("lịch ngày mai", 3)])
def test_a_day_question_lists_that_day(concierge: Concierge, question: str, day: int) -> None:
    now = datetime(2025, 9, 2, 10, 0, tzinfo=concierge.kb.tz)
    answer = concierge.ask(question, now=now)
    assert answer.outcome == "answer" and not answer.matches
    listed = {b.data for row in answer.reply.buttons for b in row}
    expected = {f"item:{i.id}" for i in concierge.kb.on_day(date(2025, 9, day))}
    assert listed and listed <= expected


@pytest.mark.parametrize(("text", "kind"), [
    ("hello", "greeting"), ("안녕하세요!", "greeting"), ("ありがとうございます。", "thanks"),
    ("谢谢", "thanks"), ("Help", "help"), ("where is hello hall", None),
])
def test_small_talk(text: str, kind: str | None) -> None:
    assert small_talk(text) == kind


def test_small_talk_gets_a_reply_not_the_fallback(concierge: Concierge) -> None:
    now = datetime(2025, 9, 2, 10, 0, tzinfo=concierge.kb.tz)
    for text, lang in (("hello", "en"), ("감사합니다", "ko"), ("ありがとう", "ja"), ("你好", "zh")):
        answer = concierge.ask(text, now=now)
        assert answer.outcome == "answer" and answer.lang == lang
        assert answer.reply.text != t(lang, "reply.fallback")


@pytest.mark.parametrize(("text", "offset"), [
    ("programa de mañana", 1), ("что завтра", 1), ("lịch ngày mai", 1), ("lich ngay mai", 1),
    ("พรุ่งนี้มีอะไร", 1), ("jadwal besok", 1), ("acara hari ini", 0), ("hoy", 0),
    ("сегодня", 0), ("pasado mañana", 2),
])
def test_relative_days_in_the_new_languages(text: str, offset: int) -> None:
    today = date(2025, 9, 2)
    found = find_day(text, today)
    assert found is not None and found[0] == today + timedelta(days=offset)


@pytest.mark.parametrize("text", ["el jueves", "в четверг", "thứ năm", "วันพฤหัส", "kamis"])
def test_weekdays_in_the_new_languages(text: str) -> None:
    found = find_day(text, date(2025, 9, 1))  # a Monday: Thursday is the 4th
    assert found is not None and found[0] == date(2025, 9, 4)


@pytest.mark.parametrize(("question", "expected"), [
    ("오늘 오전 일정", "plenary-new-tech"), ("9월 2일 오후", "plenary-smart-policy"),
    ("what's on this afternoon", "plenary-smart-policy"),
    ("今日の午前のセッション", "plenary-new-tech"),
])
def test_a_part_of_the_day_with_one_item_answers_with_it(concierge: Concierge, question: str,
                                                         expected: str) -> None:
    now = datetime(2025, 9, 2, 8, 0, tzinfo=concierge.kb.tz)  # plenary 1 at 10, plenary 2 at 14
    answer = concierge.ask(question, now=now)
    assert answer.outcome == "answer"
    assert [m.item_id for m in answer.matches] == [expected]


def test_a_part_of_the_day_with_nothing_timed_lists_the_whole_day(concierge: Concierge) -> None:
    now = datetime(2025, 9, 2, 8, 0, tzinfo=concierge.kb.tz)
    answer = concierge.ask("오늘 저녁에 뭐 있어요?", now=now)
    assert answer.outcome == "answer" and not answer.matches
    listed = {b.data for row in answer.reply.buttons for b in row}
    assert listed >= {f"item:{i.id}" for i in concierge.kb.on_day(date(2025, 9, 2))
                      if i.start.all_day}


@pytest.mark.parametrize(("text", "part"), [
    ("오늘 저녁에 뭐 있어요", "evening"), ("this morning", "morning"), ("明天下午", "afternoon"),
    ("por la noche", "evening"), ("вечером", "evening"), ("buổi chiều", "afternoon"),
    ("acara malam", "evening"), ("ตอนเช้า", "morning"),
    ("what's on after lunch today?", "afternoon"), ("점심 먹고 뭐 해", "afternoon"),
    ("午饭后有什么", "afternoon"), ("whats in the tapa room this arvo", "afternoon"),
    ("slides from this mornings keynote", "morning"),
    # late afternoon into the evening: the wine talk from 15:45 is 夕方's, not tonight's
    ("18日の夕方、ワインのセッション", "dusk"), ("周四傍晚坐船", "dusk"), ("tonight", "evening"),
    ("whats on at the anson grand wed nite", "evening"), ("dinner on tuesday night", "evening"),
])
def test_parts_of_the_day(text: str, part: str) -> None:
    found = find_part_of_day(text)
    assert found is not None and found[0] == part


@pytest.mark.parametrize("text", ["mañana", "tôi muốn đi", "夜景 tour", "soreang", "arvonia"])
def test_words_that_are_no_part_of_the_day(text: str) -> None:
    found = find_part_of_day(text)
    assert found is None or text == "夜景 tour"  # 夜 is "night" even inside 夜景


@pytest.mark.parametrize(("text", "day_first", "expected"), [
    ("3/9", True, date(2025, 9, 3)), ("3.09", True, date(2025, 9, 3)),
    ("9/3", False, date(2025, 9, 3)), ("9/3", True, date(2025, 3, 9)),
])
def test_numeric_dates_follow_the_readers_order(text: str, day_first: bool,
                                                expected: date) -> None:
    found = find_day(text, date(2025, 9, 1), day_first=day_first)
    assert found is not None and found[0] == expected


def test_which_languages_write_the_day_first() -> None:
    # From Babel's short date patterns: d/M/yy in Spanish, M/d/yy in English.
    assert DAY_FIRST["es"] and DAY_FIRST["ru"] and DAY_FIRST["vi"]
    assert not DAY_FIRST["en"] and not DAY_FIRST["ko"] and not DAY_FIRST["ja"]


def test_schedule_argument_and_questions_read_dates_as_the_reader_writes_them(
        concierge: Concierge) -> None:
    days = list(concierge.kb.programme_days)
    assert parse_day("4/9", days, date(2025, 9, 2), day_first=True) == date(2025, 9, 4)
    assert parse_day("9/4", days, date(2025, 9, 2)) == date(2025, 9, 4)
    now = datetime(2025, 9, 2, 10, 0, tzinfo=concierge.kb.tz)
    answer = concierge.ask("programa del 4/9", now=now, stored_lang="es")
    listed = {b.data for row in answer.reply.buttons for b in row}
    assert listed and listed <= {f"item:{i.id}" for i in concierge.kb.on_day(date(2025, 9, 4))}


@pytest.mark.parametrize(("text", "day"), [
    ("day 2 lunch", 2), ("who is moderating the day 1 plenary", 1), ("第一日午餐幾點", 1),
    ("첫날 등록 몇 시까지 해요", 1), ("2日目の基調講演", 2), ("hari terakhir tutup jam berapa", 5),
    ("último día", 5), ("last day", 5), ("huling araw", 5),
])
def test_the_event_days_by_their_order(text: str, day: int) -> None:
    found = find_day(text, TODAY, DAYS)
    assert found is not None and found[0] == DAYS[day - 1]


def test_a_day_the_event_does_not_have_is_no_day() -> None:
    assert find_day("day 6", TODAY, DAYS) is None  # five days
    assert find_day("day 1", TODAY) is None  # no event days known: no order
    assert find_day("day 12 of the tour", TODAY, DAYS) is None
    assert parse_day("day 2", DAYS, TODAY) == DAYS[1]


@pytest.mark.parametrize(("text", "offset"), [
    ("esok hujan ke", 1), ("bukas", 1), ("聽日有咩", 1), ("hari ni ada apa", 0), ("kahapon", -1),
])
def test_relative_days_in_malay_filipino_and_cantonese(text: str, offset: int) -> None:
    found = find_day(text, TODAY)
    assert found is not None and found[0] == TODAY + timedelta(days=offset)


@pytest.mark.parametrize("text", ["khamis", "huwebes"])
def test_weekdays_in_malay_and_filipino(text: str) -> None:
    found = find_day(text, date(2025, 9, 1))
    assert found is not None and found[0] == date(2025, 9, 4)


@pytest.mark.parametrize(("text", "at", "rest"), [
    ("11 nov 10.45 orchid hall what talk", time(10, 45), "11 nov orchid hall what talk"),
    ("whats on in the demo kitchen thurs 3pm", time(15), "whats on in the demo kitchen thurs"),
    ("what's on at 09:30", time(9, 30), "what's on"), ("3:30 pm talk", time(15, 30), "talk"),
    ("15日の15時から中之島ルーム", time(15), "15日の から中之島ルーム"),
    ("오후 3시 반에 뭐해요", time(15, 30), "에 뭐해요"), ("오전 10시", time(10), ""),
    ("下午3点有什么", time(15), "有什么"), ("9時半", time(9, 30), ""),
    ("วันพุธบ่าย2โมงห้องจำปา", time(14), "วันพุธ ห้องจำปา"), ("บ่ายโมงสี่สิบห้า", time(13, 45), ""),
    ("2 ทุ่ม", time(20), ""), ("3 giờ chiều", time(15), ""), ("10h30 sala b", time(10, 30), "sala b"),
    ("jam 3 sore", time(15), ""), ("pukul 15.00", time(15), ""), ("a las 3", time(15), ""),
    ("what's on at 11", time(11), "what's on"), ("talks at 3 tomorrow", time(15), "talks tomorrow"),
    ("at 3.30", time(15, 30), ""), ("a la 1", time(13), ""),
    ("alas 2 ng hapon", time(14), "ng hapon"),
    # Chinese numerals and quarters, Vietnamese "3h30", Spanish "y media", Indonesian setengah
    ("下午两点三刻那场", time(14, 45), "那场"), ("十一点半", time(11, 30), ""),
    ("下午一点", time(13), ""), ("t6 3h30 chieu", time(15, 30), "t6"),
    ("1g30 chiều", time(13, 30), ""), ("el jueves tipo 11 y media", time(11, 30), "el jueves tipo"),
    ("jam setengah 2 siang", time(13, 30), "jam siang"),
])
def test_times_of_day_in_questions(text: str, at: time, rest: str) -> None:
    assert find_time(text) == (at, rest)


@pytest.mark.parametrize("text", [
    "9.3", "9/15", "room 3", "booth A3", "3 hours", "3시간", "hall 2h", "13 pm",
    "ประชุมเต็มคณะ 2 เริ่มกี่โมง", "下午几点", "jam berapa", "booth at 305", "lounge at 3F",
    "what's at B-12", "chat 3", "便宜一点", "差一点就到了", "2h",
])
def test_numbers_that_are_no_time_of_day(text: str) -> None:
    assert find_time(text) is None


def test_a_place_and_a_time_answer_with_what_is_on_there_then(concierge: Concierge) -> None:
    now = datetime(2025, 9, 2, 10, 30, tzinfo=concierge.kb.tz)
    answer = concierge.ask("what's on in Halla Hall at 3pm", now=now)
    assert answer.outcome == "answer"
    assert [m.item_id for m in answer.matches] == ["plenary-smart-policy"]  # 14:00-16:00
    answer = concierge.ask("한라홀 내일 오전 10시에 뭐해요", now=now)
    assert [m.item_id for m in answer.matches] == ["plenary-connectivity"]
    assert concierge.ask("한라홀 어디예요", now=now).matches[0].item_id == "halla-hall"
    # a day and a part of it are a time too: the one thing there then
    answer = concierge.ask("what's on in Halla Hall tomorrow morning", now=now)
    assert [m.item_id for m in answer.matches] == ["plenary-connectivity"]
    # "at 3": a time only with the "at" that the frame words take away
    answer = concierge.ask("what's on in Halla Hall at 3", now=now)
    assert [m.item_id for m in answer.matches] == ["plenary-smart-policy"]


def test_a_time_alone_answers_with_what_is_on_then(concierge: Concierge) -> None:
    now = datetime(2025, 9, 2, 10, 30, tzinfo=concierge.kb.tz)
    answer = concierge.ask("what's on at 3pm", now=now)
    assert [m.item_id for m in answer.matches] == ["plenary-smart-policy"]  # alone then
    answer = concierge.ask("what's on at 3pm tomorrow", now=now)  # nothing then: the day
    listed = {b.data for row in answer.reply.buttons for b in row}
    assert listed and listed <= {f"item:{i.id}" for i in concierge.kb.on_day(date(2025, 9, 3))}


@pytest.mark.parametrize(("text", "offset", "rest"), [
    ("keynote tmr what time", 1, "keynote what time"), ("expo open tmrw?", 1, "expo open ?"),
    ("2moro schedule", 1, "schedule"), ("drinks tonite", 0, "drinks"),
])
def test_texting_spellings_of_relative_days(text: str, offset: int, rest: str) -> None:
    assert find_day(text, TODAY) == (TODAY + timedelta(days=offset), rest)


def test_day_phrases_name_days_and_parts_of_days_not_other_words() -> None:
    phrases = day_phrases()
    assert {"tomorrow", "내일", "明日", "this afternoon", "thứ 6", "day 2"} <= phrases
    # three-letter abbreviations are also words; Filipino "bukas" is also "open"
    assert phrases.isdisjoint({"sun", "sat", "wed", "mon", "bukas"})


def test_day_2_counts_the_events_own_days_not_a_tour_the_day_before() -> None:
    programme = [date(2025, 9, 1), *DAYS[1:]]  # the 1st: a tour before the event
    own = DAYS[1:]
    assert find_day("keynote day 2", TODAY, programme, event_days=own) == (
        date(2025, 9, 3), "keynote")
    assert find_day("the last day", TODAY, programme, event_days=own) == (date(2025, 9, 5), "")
    assert parse_day("day 2", programme, TODAY, event_days=own) == date(2025, 9, 3)
    # ... while a weekday is still any day of the programme's
    assert find_day("monday", TODAY, programme, event_days=own) == (date(2025, 9, 1), "")


@pytest.mark.parametrize(("text", "order", "rest"), [
    ("the first session", 1, "the session"), ("last talk", -1, "talk"),
    ("첫 세션", 1, "세션"), ("마지막 세션", -1, "세션"), ("最初のセッション", 1, "のセッション"),
    ("最后一场", -1, ""), ("la última charla", -1, "la charla"),
    ("последний доклад", -1, "доклад"), ("sesi terakhir", -1, "sesi"),
])
def test_find_order(text: str, order: int, rest: str) -> None:
    assert find_order(text) == (order, rest)


@pytest.mark.parametrize("text", ["firsthand", "lasts", "breakfast", "the finals"])
def test_words_that_only_look_like_an_order(text: str) -> None:
    assert find_order(text) is None


def _asked(event: str, question: str) -> Answer:
    """Ask an eval event's concierge, at 10:30 on the event's first day."""
    concierge = eval_concierge(event)
    return concierge.ask(question, now=default_moment(concierge.kb))


@pytest.mark.parametrize(("question", "expected"), [
    ("what's the first session on thursday", ["d3-keynote-foodtech"]),
    ("first talk on day 3", ["d3-keynote-foodtech"]),
    ("목요일 첫 세션 몇시", ["d3-keynote-foodtech"]),
    ("木曜日の最初のセッション", ["d3-keynote-foodtech"]),
    ("周四第一场是什么", ["d3-keynote-foodtech"]),
    # the sessions, not the side event after them; parallel ones are a choice
    ("the last session on thursday", ["d3-closing"]),
    ("the last session on wednesday", ["d2-emissions", "d2-wine", "d2-women"]),
])
def test_the_first_or_last_item_of_a_day(question: str, expected: list[str]) -> None:
    answer = _asked("auckland-agrifood-week", question)
    assert sorted(m.item_id for m in answer.matches) == expected


@pytest.mark.parametrize(("question", "expected"), [
    ("where is first aid", "faq-first-aid"), ("last shuttle time", "faq-shuttle"),
    ("keynote on day 2", "d2-keynote-ocean"), ("lunch day 2", "d2-lunch"),
])
def test_first_and_last_of_other_things_are_those_things(question: str, expected: str) -> None:
    answer = _asked("auckland-agrifood-week", question)
    assert answer.outcome == "answer" and answer.matches[0].item_id == expected


@pytest.mark.parametrize(("question", "expected"), [
    ("목요일 오전 리무룸 일정 뭐예요", "d3-workshop-packaging"),  # words came nearest the room
    ("first thing in totara hall tomorrow afternoon", "d2-robotics"),
    ("who's on the 11am panel in kauri hall today", "d1-trade-panel"),  # its card names them
])
def test_a_room_at_a_time_answers_with_what_is_on_there_then(question: str,
                                                             expected: str) -> None:
    answer = _asked("auckland-agrifood-week", question)
    assert answer.outcome == "answer" and answer.matches[0].item_id == expected


@pytest.mark.parametrize(("event", "question"), [
    ("auckland-agrifood-week", "any yoga in kauri hall tomorrow morning"),
    ("tokyo-forum", "how much is a room at the hyatt tonight"),  # not the reception there
])
def test_a_place_at_a_time_is_no_answer_to_what_is_not_on_there(event: str,
                                                                 question: str) -> None:
    assert _asked(event, question).outcome != "answer"


@pytest.mark.parametrize(("text", "right_after"), [
    ("what's on right after lunch", True), ("점심 직후 세션", True),
    ("明日昼イチの日韓のやつ", True), ("what's on after lunch", False), ("점심 먹고 뭐 해", False)])
def test_right_after_lunch_is_the_afternoon_and_its_first_thing(text: str,
                                                                right_after: bool) -> None:
    found = find_part_of_day(text)
    assert found is not None and found[0] == "afternoon"
    assert starts_the_afternoon(text) is right_after


@pytest.mark.parametrize(("question", "expected"), [
    # the lunch ends at 13:30; the sessions running into the afternoon from 11 are not after it
    ("what's on in kauri hall right after lunch today", ["d1-dairy"]),
    ("점심 직후 세션 뭐예요", ["d1-aquaculture", "d1-dairy", "d1-maori-agribusiness"]),
    # ... and the last of the morning starts in it, however long it runs
    ("the last session this morning",
     ["d1-biosecurity", "d1-trade-panel", "d1-workshop-export-certs"]),
])
def test_the_first_or_last_of_a_part_of_the_day_starts_in_it(question: str,
                                                             expected: list[str]) -> None:
    answer = _asked("auckland-agrifood-week", question)
    assert sorted(m.item_id for m in answer.matches) == expected


@pytest.mark.parametrize(("text", "day", "part"), [
    ("keynote sáng mai", date(2025, 9, 3), "morning"),
    ("chiều nay có gì", date(2025, 9, 2), "afternoon"),
    ("tối mai có tiệc không", date(2025, 9, 3), "evening")])
def test_a_vietnamese_morning_afternoon_or_evening_names_its_day(text: str, day: date,
                                                                 part: str) -> None:
    # "mai" alone is no tomorrow: it is a name too (Đặng Thị Mai)
    found, when = find_day(text, TODAY, DAYS), find_part_of_day(text)
    assert found is not None and found[0] == day
    assert when is not None and when[0] == part
    assert find_day("chị Mai nói lúc mấy giờ", TODAY, DAYS) is None


def test_a_room_with_nothing_timed_then_answers_with_what_is_on_there_all_day() -> None:
    # The mentor clinic runs in the Rain Tree Room both days, with no times
    answer = _asked("singapore-smartcity-summit", "rain tree room this afternoon whats on")
    assert answer.outcome == "answer" and answer.matches[0].item_id == "s-mentor-clinic"
