"""Questions about now and next: the list, or what is on (next) at a named place."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from eventbot.bot.concierge import Concierge
from eventbot.bot.i18n import t
from eventbot.bot.kb import load_knowledge
from eventbot.bot.kb.models import Session, SideEvent
from eventbot.bot.matching import QuestionKind
from tests.eval_set import EVAL_DIR, EVAL_MOMENT
from tests.paths import SAMPLE_KB


@pytest.fixture(scope="module")
def concierge() -> Concierge:
    return Concierge(load_knowledge(SAMPLE_KB))


def _upcoming(concierge: Concierge, now: datetime) -> list[Session | SideEvent]:
    kb = concierge.kb
    later = [i for i in kb.programme if not kb.is_on(i, now) and kb.next_start(i, now)]
    return sorted(later, key=lambda i: (kb.next_start(i, now), i.id))


@pytest.mark.parametrize("question", ["what's next?", "次の講演は何ですか", "다음 발표 뭐예요",
                                      "下一个演讲是什么", "next talk"])
def test_next_is_the_card_of_what_starts_next(concierge, question) -> None:
    first = _upcoming(concierge, EVAL_MOMENT)[0]
    answer = concierge.ask(question, now=EVAL_MOMENT)
    assert answer.outcome == "answer"
    assert [m.item_id for m in answer.matches] == [first.id]
    assert answer.reply.text == concierge.card(first.id, answer.lang, QuestionKind.WHEN).text


def test_next_when_several_start_at_once_is_the_list() -> None:
    # The mobility expo runs parallel tracks: several sessions start at the same time.
    concierge = Concierge(load_knowledge(EVAL_DIR / "mobility-expo" / "kb"))
    kb = concierge.kb
    starts = [kb.starts_at(i) for i in kb.programme if not i.start.all_day]
    moment = next(start for start in sorted(set(starts)) if starts.count(start) > 1)
    before = moment - timedelta(minutes=1)
    if any(kb.next_start(i, before) is not None and kb.next_start(i, before) < moment
           for i in kb.programme):
        pytest.skip("an item opens for the day in between")
    answer = concierge.ask("what's next?", now=before)
    assert answer.outcome == "answer" and answer.reply.text == concierge.now_reply(
        "en", before).text
    # the list's matches are the sessions starting then, all of them
    assert {m.item_id for m in answer.matches} == {
        i.id for i in kb.programme if kb.next_start(i, before) == moment}


@pytest.mark.parametrize("frame", ["what's on in {} right now?", "who's speaking in {} rn"])
def test_now_at_a_place_answers_with_what_is_on_there(concierge, frame: str) -> None:
    kb = concierge.kb
    running = [i for i in kb.programme if kb.is_on(i, EVAL_MOMENT) and i.room]
    rooms = [i.room for i in running]
    item = next(i for i in running if rooms.count(i.room) == 1)
    room = kb.rooms[item.room]
    answer = concierge.ask(frame.format(room.name.get("en")), now=EVAL_MOMENT)
    assert [m.item_id for m in answer.matches] == [item.id]
    assert answer.reply.text == concierge.card(item.id, "en", answer.analysis.kind).text


def test_next_at_a_place_is_the_first_to_start_there(concierge) -> None:
    kb = concierge.kb
    first = _upcoming(concierge, EVAL_MOMENT)[0]
    place = first.room or first.venue
    name = kb.items[place].name.get("en")
    answer = concierge.ask(f"what's next at {name}?", now=EVAL_MOMENT)
    assert [m.item_id for m in answer.matches] == [first.id]


def test_next_at_a_place_is_found_however_much_starts_elsewhere_first(concierge) -> None:
    # the place whose next item starts latest: many items elsewhere start before it
    kb = concierge.kb
    upcoming = _upcoming(concierge, EVAL_MOMENT)
    firsts: dict[str, Session | SideEvent] = {}
    for item in upcoming:
        if item.room and kb.rooms[item.room].name.get("en"):
            firsts.setdefault(item.room, item)
    room, first = max(firsts.items(), key=lambda pair: upcoming.index(pair[1]))
    assert upcoming.index(first) >= 5  # beyond the now-and-next list
    answer = concierge.ask(f"what's next in {kb.rooms[room].name.get('en')}?", now=EVAL_MOMENT)
    assert [m.item_id for m in answer.matches] == [first.id]


def test_a_place_without_a_time_word_is_the_place(concierge) -> None:
    kb = concierge.kb
    item = next(i for i in kb.programme if kb.is_on(i, EVAL_MOMENT) and i.room)
    answer = concierge.ask(f"where is {kb.rooms[item.room].name.get('en')}", now=EVAL_MOMENT)
    assert [m.item_id for m in answer.matches] == [item.room]


# --- a kind of item at a time: "seminars tomorrow morning", "lucky draw on friday" ----------

TOURISM = EVAL_DIR / "tourism-mart" / "kb"
HEALTH = EVAL_DIR / "health-congress" / "kb"


def _named_then(kb, day, word: str, *, before: int = 24, after: int = 0) -> list[str]:
    """The items on a day, starting in [after, before) o'clock, whose English title holds a word."""
    import re
    return [i.id for i in kb.on_day(day) if not i.start.all_day
            and after <= i.start.value.hour < before
            and re.search(rf"\b{word}", i.title.values["en"], re.IGNORECASE)]


@pytest.fixture(scope="module")
def tourism() -> Concierge:
    return Concierge(load_knowledge(TOURISM))


def _first_day_morning(kb) -> datetime:
    start = kb.event.dates.start
    return datetime(start.year, start.month, start.day, 10, 30, tzinfo=kb.tz)


def test_a_kind_of_item_at_a_time_offers_those_on_then(tourism) -> None:
    now = _first_day_morning(tourism.kb)
    tomorrow = now.date() + timedelta(days=1)
    for question, expected in (
            ("seminars tomorrow morning", _named_then(tourism.kb, tomorrow, "seminar", before=12)),
            ("seminars tomorrow", _named_then(tourism.kb, tomorrow, "seminar")),
            ("세미나 오늘", _named_then(tourism.kb, now.date(), "seminar"))):
        assert 2 <= len(expected) <= 5, (question, expected)
        answer = tourism.ask(question, now=now)
        assert answer.outcome == "clarify", question
        assert [m.item_id for m in answer.matches] == expected, question
        # each with its time and place above the buttons, not "did you mean?"
        assert [b.data for row in answer.reply.buttons for b in row] == [
            f"item:{item_id}" for item_id in expected]
        assert answer.reply.text.count("•") == len(expected)
        assert answer.reply.text.startswith(t(answer.lang, "reply.on_then"))


def test_the_one_item_of_that_name_then_is_the_answer(tourism) -> None:
    now = _first_day_morning(tourism.kb)
    last = tourism.kb.event.dates.end
    (expected,) = _named_then(tourism.kb, last, "lucky draw")
    weekday = last.strftime("%A").lower()
    answer = tourism.ask(f"what time is the lucky draw on {weekday}", now=now)
    assert answer.outcome == "answer"
    assert [m.item_id for m in answer.matches] == [expected]


def test_many_of_a_kind_then_are_that_days_list_of_them() -> None:
    concierge = Concierge(load_knowledge(HEALTH))
    now = _first_day_morning(concierge.kb)
    expected = _named_then(concierge.kb, now.date(), "AI")
    assert len(expected) > 5
    answer = concierge.ask("AI sessions today", now=now)
    assert answer.outcome == "answer" and not answer.matches
    assert [b.data for row in answer.reply.buttons for b in row][:len(expected)] == [
        f"item:{item_id}" for item_id in expected]


def test_a_name_held_by_no_item_then_is_left_to_the_matcher(tourism) -> None:
    now = _first_day_morning(tourism.kb)
    answer = tourism.ask("is there a fireworks show tomorrow", now=now)
    # nothing on tomorrow is a fireworks show: the matcher decides as without the day (the
    # tourism board's booth sells seats for the city's fireworks festival)
    alone = tourism.ask("is there a fireworks show", now=now)
    assert (answer.outcome, answer.matches) == (alone.outcome, alone.matches)
    assert all(item.kind not in {"session", "side_event"} for item in answer.matches)


def test_the_items_own_word_comes_before_its_synonyms() -> None:
    concierge = Concierge(load_knowledge(HEALTH))
    now = datetime.combine(concierge.kb.event.dates.start, datetime.min.time().replace(hour=9),
                           tzinfo=concierge.kb.tz)
    evening = _named_then(concierge.kb, now.date(), "reception", after=17)
    assert len(evening) == 1
    answer = concierge.ask("오늘 저녁 리셉션 몇시", now=now)
    assert answer.outcome == "answer" and answer.matches[0].item_id == evening[0]


# --- what is on at a place: "what time is the workshop in S222", "whats on at <theatre>" -----

def _at(kb, place: str) -> list[str]:
    return [i.id for i in kb.programme if place in {i.venue, i.room}]


def test_a_kind_of_item_at_a_place_offers_those_held_there() -> None:
    hongkong = Concierge(load_knowledge(EVAL_DIR / "hongkong-fintech" / "kb"))
    workshops = [i for i in _at(hongkong.kb, "room-s222") if "workshop" in i]
    assert 2 <= len(workshops) <= 5
    answer = hongkong.ask("what time is the workshop in s222", now=EVAL_MOMENT)
    assert answer.outcome == "clarify"
    assert sorted(m.item_id for m in answer.matches) == sorted(workshops)
    # ... while the room's own question is the room
    assert hongkong.ask("where is room s222", now=EVAL_MOMENT).matches[0].item_id == "room-s222"


def test_whats_on_at_a_place_offers_what_is_held_there() -> None:
    sydney = Concierge(load_knowledge(EVAL_DIR / "sydney-congress" / "kb"))
    held = _at(sydney.kb, "innovation-theatre")
    assert 2 <= len(held) <= 5
    answer = sydney.ask("whats on at the innovation theatre", now=EVAL_MOMENT)
    assert answer.outcome == "clarify"
    assert sorted(m.item_id for m in answer.matches) == sorted(held)


def test_a_place_holding_one_thing_is_still_the_place(concierge) -> None:
    # its card says what is on there
    kb = concierge.kb
    place = next(v for v in kb.venues if len(_at(kb, v)) == 1 and kb.venues[v].name.get("ko"))
    answer = concierge.ask(f"{kb.venues[place].name.get('ko')}에서 뭐 해요?", now=EVAL_MOMENT)
    assert [m.item_id for m in answer.matches] == [place]


def test_generic_words_are_not_cut_out_of_longer_words() -> None:
    from eventbot.bot.concierge import _leftover
    # "on" is a generic word; "innovation" holds it, and "theatre" holds "the"
    assert _leftover("on innovation theatre") == "innovation theatre"
    assert _leftover("что будет в зале") == "зале"
    assert _leftover("明天有什么活动") == "明天 什么"


def test_when_of_a_place_named_for_what_is_held_there_offers_those_things() -> None:
    # 机器人演示区 (the robot demo zone) holds two demos: "机器人演示是哪天" asks for them
    shenzhen = Concierge(load_knowledge(EVAL_DIR / "shenzhen-hardware-fair" / "kb"))
    held = _at(shenzhen.kb, "robot-arena")
    assert len(held) == 2
    answer = shenzhen.ask("机器人演示是哪天", now=EVAL_MOMENT)
    assert answer.outcome == "clarify"
    assert sorted(m.item_id for m in answer.matches) == sorted(held)
    # ... but when it opens asks for hours (the exhibition's, which the zone is part of)
    opens = shenzhen.ask("机器人演示区几点开门", now=EVAL_MOMENT)
    assert opens.outcome == "answer" and opens.matches[0].item_id not in held


@pytest.mark.parametrize("question", ["what's on right now", "지금 뭐 해요", "qué hay ahora"])
def test_now_lists_what_is_on_the_shortest_sitting_first(question: str) -> None:
    # At 10:30 on the Lima forum's first day a 45-minute keynote runs inside the exhibition
    # open all three days: the keynote is what is on now, the exhibition the backdrop
    concierge = Concierge(load_knowledge(EVAL_DIR / "lima-forum" / "kb"))
    kb = concierge.kb
    now = datetime(2026, 10, 13, 10, 30, tzinfo=kb.tz)
    answer = concierge.ask(question, now=now)
    running = [i.id for i in kb.programme if kb.is_on(i, now)]
    assert answer.outcome == "answer" and sorted(m.item_id for m in answer.matches) == sorted(
        running)

    def sitting(item_id: str) -> timedelta:
        item = kb.items[item_id]
        assert isinstance(item, Session | SideEvent)
        return next(end - start for start, end in kb.sittings(item) if start <= now < end)

    first = answer.matches[0].item_id
    assert sitting(first) == min(map(sitting, running)) < max(map(sitting, running))
    # each item on now is a button too, before what starts next
    assert answer.reply.buttons[0][0].data == f"item:{first}"
