"""Questions about now and next: the list, or what is on (next) at a named place."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from eventbot.bot.concierge import Concierge
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
    assert answer.outcome == "answer" and answer.matches == ()
    assert answer.reply.text == concierge.now_reply("en", before).text


def test_now_at_a_place_answers_with_what_is_on_there(concierge) -> None:
    kb = concierge.kb
    running = [i for i in kb.programme if kb.is_on(i, EVAL_MOMENT) and i.room]
    rooms = [i.room for i in running]
    item = next(i for i in running if rooms.count(i.room) == 1)
    room = kb.rooms[item.room]
    answer = concierge.ask(f"what's on in {room.name.get('en')} right now?", now=EVAL_MOMENT)
    assert [m.item_id for m in answer.matches] == [item.id]
    assert answer.reply.text == concierge.card(item.id, "en", answer.analysis.kind).text


def test_next_at_a_place_is_the_first_to_start_there(concierge) -> None:
    kb = concierge.kb
    first = _upcoming(concierge, EVAL_MOMENT)[0]
    place = first.room or first.venue
    name = kb.items[place].name.get("en")
    answer = concierge.ask(f"what's next at {name}?", now=EVAL_MOMENT)
    assert [m.item_id for m in answer.matches] == [first.id]


def test_a_place_without_a_time_word_is_the_place(concierge) -> None:
    kb = concierge.kb
    item = next(i for i in kb.programme if kb.is_on(i, EVAL_MOMENT) and i.room)
    answer = concierge.ask(f"where is {kb.rooms[item.room].name.get('en')}", now=EVAL_MOMENT)
    assert [m.item_id for m in answer.matches] == [item.room]
