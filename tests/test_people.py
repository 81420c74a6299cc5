"""People and organisations as entities, multi-day hours, and what every field lets people ask."""

from __future__ import annotations

import shutil
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from eventbot.bot.agenda import due_reminders
from eventbot.bot.concierge import Concierge
from eventbot.bot.kb import load_knowledge
from eventbot.bot.matching import QuestionKind
from eventbot.bot.render.cards import CardWriter
from tests.paths import FIXTURES, ROOT

PEOPLE = FIXTURES / "kb" / "people"


@pytest.fixture(scope="module")
def concierge() -> Concierge:
    return Concierge(load_knowledge(PEOPLE))


def moment(text: str, concierge: Concierge) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=concierge.kb.tz)


def test_a_person_in_two_sessions_is_one_entity(concierge: Concierge) -> None:
    kb = concierge.kb
    assert [i.id for i in kb.appearances["han-seori"]] == ["ir-session", "robot-demo"]
    speakers = kb.speakers(kb.sessions["ir-session"])
    assert [s.name.get("en") for s in speakers] == ["Han Seo-ri", "Kim Tu-ja"]
    assert speakers[0].organisation is not None
    assert speakers[0].organisation.get("en") == "Nova Robotics"  # resolved from the id


def test_person_card_gives_role_organisation_and_every_session(concierge: Concierge) -> None:
    reply = concierge.card("han-seori", "en")
    assert reply is not None
    assert "CTO, Nova Robotics" in reply.text
    assert "Startup IR session" in reply.text and "Logistics automation demo" in reply.text
    assert [b.data for row in reply.buttons for b in row] == ["item:ir-session", "item:robot-demo"]


def test_company_that_speaks_and_exhibits_shows_booth_people_and_sessions(
    concierge: Concierge,
) -> None:
    reply = concierge.card("nova-robotics", "ko")
    assert reply is not None
    assert "부스 R-01" in reply.text and "한서리" in reply.text
    assert "스타트업 IR 세션" in reply.text


def test_session_card_lists_people_from_ids_and_inline(concierge: Concierge) -> None:
    text = CardWriter(concierge.kb, "en").card(concierge.kb.sessions["ir-session"]).text
    assert "Han Seo-ri (CTO, Nova Robotics); Kim Tu-ja (Investor)" in text
    organisers = CardWriter(concierge.kb, "en").card(concierge.kb.sessions["quantum-keynote"])
    assert "Organised by: Busan City" in organisers.text


@pytest.mark.parametrize(
    ("question", "item_id"),
    [
        ("who is Han Seo-ri", "han-seori"),  # a person by name
        ("한서리 발표 언제야", "han-seori"),  # particles and frames around a name
        ("Mara Olsen", "mara-olsen"),
        ("where is the Nova Robotics booth", "nova-booth"),  # the booth when asked where
        ("노바로보틱스 부스번호", "nova-booth"),  # ... or for its number
        ("Nova Robotics booths", "nova-booth"),
        ("what's at R01", "nova-booth"),  # a booth code run together ...
        ("booth r-1", "nova-booth"),  # ... without its leading zero
        ("R-02", "kelp-lab"),
        ("Nova Robotics", "nova-robotics"),  # otherwise the organisation
        ("seaweed packaging", "kelp-lab"),  # a product in the showcase text
        ("quantum computing session", "quantum-keynote"),  # "session" barely counts
        ("forklift demo", "robot-demo"),
        ("regsiter", "faq-registration"),  # a typo of a word in the FAQ
        ("meditation room", "faq-quiet"),  # "quiet room", through the KB's own synonyms
    ],
)
def test_answers_through_every_field(concierge: Concierge, question: str, item_id: str) -> None:
    answer = concierge.ask(question, now=moment("2026-05-12 09:00", concierge))
    assert answer.outcome == "answer", (answer.outcome, answer.matches)
    assert answer.matches[0].item_id == item_id


def test_check_in_finds_registration_through_the_shipped_vocabulary(
    concierge: Concierge,
) -> None:
    answer = concierge.ask("where is check-in",
                           now=moment("2026-05-12 09:00", concierge))
    assert answer.outcome in {"answer", "confirm"}
    assert answer.matches[0].item_id == "faq-registration"


@pytest.mark.parametrize("question", ["Nova Robotics stock price", "weather in Seoul",
                                      "bitcoin", "노바로보틱스 주가 전망"])
def test_out_of_scope_gets_no_confident_answer(concierge: Concierge, question: str) -> None:
    answer = concierge.ask(question, now=moment("2026-05-12 09:00", concierge))
    assert answer.outcome != "answer", answer.matches


@pytest.mark.parametrize(("question", "person"), [
    ("does Mara Olsen speak japanese", "mara-olsen"),
    ("마라 올센 교수님 영어 할 줄 아세요?", "mara-olsen"),
    ("does Han Seo-ri speak english", "han-seori")])
def test_whether_someone_speaks_a_language_is_not_on_their_card(
        concierge: Concierge, question: str, person: str) -> None:
    # Their card is a tap away, under "the event information doesn't say that"
    answer = concierge.ask(question, now=moment("2026-05-12 09:00", concierge))
    assert (answer.outcome, [m.item_id for m in answer.matches]) == ("fallback", [person])


@pytest.mark.parametrize(("question", "outcome"), [
    ("where is mara presenting", "answer"), ("where is mara olsn presenting", "answer"),
    ("where is mara wilson presenting", "fallback"), ("when is kate olsen speaking", "fallback")])
def test_a_name_beside_another_persons_name_is_not_theirs(
        concierge: Concierge, question: str, outcome: str) -> None:
    # "carlos slim" is no Carlos Beltrán; a typo of the person's own name is still theirs
    answer = concierge.ask(question, now=moment("2026-05-12 09:00", concierge))
    assert answer.outcome == outcome, answer.matches


def test_never_a_one_choice_list(concierge: Concierge) -> None:
    for question in ("session", "세션", "robot", "startup", "hall", "Han", "quiet", "demo",
                     "IR", "expo", "booth R", "Kelp", "nova", "부산", "등록", "로봇"):
        answer = concierge.ask(question, now=moment("2026-05-12 09:00", concierge))
        if answer.outcome == "clarify":
            assert 2 <= len(answer.matches) <= 5, (question, answer.matches)
        if answer.outcome == "confirm":
            assert len(answer.matches) == 1
            labels = [b.data for row in answer.reply.buttons for b in row]
            assert labels == [f"item:{answer.matches[0].item_id}", "no:"]


def test_daily_hours_decide_now_and_the_card(concierge: Concierge) -> None:
    kb = concierge.kb
    expo = kb.side_events["startup-expo"]
    assert kb.is_on(expo, moment("2026-05-13 12:00", concierge))
    assert not kb.is_on(expo, moment("2026-05-12 18:00", concierge))  # closed for the night
    assert kb.next_start(expo, moment("2026-05-12 18:00", concierge)) == moment(
        "2026-05-13 10:00", concierge)
    night = concierge.now_reply("en", moment("2026-05-12 18:00", concierge)).text
    assert "Startup exhibition" in night.split("Next")[-1]  # listed as coming, not as on now
    card = CardWriter(kb, "en").card(expo, QuestionKind.WHEN).text
    assert "10:00–17:00" in card


def test_multi_day_hours_are_reminded_before_each_opening(concierge: Concierge) -> None:
    kb = concierge.kb
    lead = timedelta(minutes=15)
    for day in ("2026-05-12", "2026-05-13"):
        due = due_reminders(kb, [(1, "startup-expo")], moment(f"{day} 09:50", concierge), lead)
        assert [d.starts_at for d in due] == [moment(f"{day} 10:00", concierge)]
    assert due_reminders(kb, [(1, "startup-expo")], moment("2026-05-12 12:00", concierge),
                         lead) == []


def _with_hours(tmp_path: Path, hours: str) -> Concierge:
    """Return the people KB with the startup exhibition's hours written as given."""
    kb_dir = tmp_path / "kb"
    shutil.copytree(PEOPLE, kb_dir)
    programme = kb_dir / "programme.yaml"
    programme.write_text(programme.read_text(encoding="utf-8").replace(
        '    daily_hours: "10:00-17:00"\n', hours), encoding="utf-8")
    return Concierge(load_knowledge(kb_dir))


def test_a_break_and_a_day_of_other_hours_decide_now_reminders_and_the_card(
        tmp_path: Path) -> None:
    concierge = _with_hours(tmp_path, '    daily_hours: "10:00-12:00, 14:00-17:00"\n'
                                      '    hours_on: {2026-05-13: "09:00-13:00"}\n')
    kb, expo = concierge.kb, concierge.kb.side_events["startup-expo"]
    assert kb.is_on(expo, moment("2026-05-12 11:00", concierge))
    assert not kb.is_on(expo, moment("2026-05-12 13:00", concierge))  # the midday break
    assert kb.next_start(expo, moment("2026-05-12 13:00", concierge)) == moment(
        "2026-05-12 14:00", concierge)
    assert kb.is_on(expo, moment("2026-05-13 09:30", concierge))  # the second day's hours
    assert not kb.is_on(expo, moment("2026-05-13 15:00", concierge))
    due = due_reminders(kb, [(1, "startup-expo")], moment("2026-05-13 08:50", concierge),
                        timedelta(minutes=15))
    assert [d.starts_at for d in due] == [moment("2026-05-13 09:00", concierge)]
    card = CardWriter(kb, "en").card(expo, QuestionKind.WHEN).text
    assert "10:00–12:00, 14:00–17:00" in card and "09:00–13:00" in card


def test_a_closed_day_has_no_opening(tmp_path: Path) -> None:
    concierge = _with_hours(tmp_path, '    daily_hours: "10:00-17:00"\n'
                                      '    hours_on: {2026-05-13: closed}\n')
    kb, expo = concierge.kb, concierge.kb.side_events["startup-expo"]
    assert [start.date().isoformat() for start, _ in kb.sittings(expo)] == ["2026-05-12"]
    assert kb.next_start(expo, moment("2026-05-12 18:00", concierge)) is None
    # ... nor is it on that day's programme
    assert expo in kb.on_day(moment("2026-05-12 00:00", concierge).date())
    assert expo not in kb.on_day(moment("2026-05-13 00:00", concierge).date())
    for lang, closed in (("en", "closed"), ("ko", "휴무")):
        card = CardWriter(kb, lang).card(expo, QuestionKind.WHEN).text
        assert closed in card, lang


@pytest.mark.parametrize(
    ("question", "item_id"),
    [
        ("when does Mara Olsen speak", "quantum-keynote"),  # her one talk says when
        ("마라 올센 발표 언제야", "quantum-keynote"),
        ("when does Han Seo-ri speak", "han-seori"),  # two talks: her card lists both
        ("who is Mara Olsen", "mara-olsen"),  # not asked when: the person
        ("when is Busan City on", "quantum-keynote"),  # an organisation's one too
        ("what is Mara Olsen presenting", "quantum-keynote"),  # asked what she speaks on
        ("what is Han Seo-ri presenting", "han-seori"),  # two talks: her card
    ],
)
def test_asked_when_a_person_with_one_talk_gets_that_talk(
        concierge: Concierge, question: str, item_id: str) -> None:
    answer = concierge.ask(question, now=moment("2026-05-12 09:00", concierge))
    assert answer.outcome == "answer", (answer.outcome, answer.matches)
    assert answer.matches[0].item_id == item_id


@pytest.mark.parametrize(
    ("question", "item_id"),
    [
        ("when does Han Seo-ri speak tomorrow", "robot-demo"),  # of her two, the one then
        ("한서리 오후 발표 언제", "ir-session"),
        ("when does Han Seo-ri speak", "han-seori"),  # no time said: her card lists both
    ],
)
def test_a_time_the_question_names_picks_what_is_on_then(
        concierge: Concierge, question: str, item_id: str) -> None:
    answer = concierge.ask(question, now=moment("2026-05-12 09:00", concierge))
    assert answer.outcome == "answer", (answer.outcome, answer.matches)
    assert answer.matches[0].item_id == item_id


@pytest.mark.parametrize("question", ["where is the venue", "행사장 어디예요", "会场在哪里",
                                      "how do I get to the venue by subway", "venue address"])
def test_the_venue_is_where_the_programme_is(concierge: Concierge, question: str) -> None:
    answer = concierge.ask(question, now=moment("2026-05-12 09:00", concierge))
    assert answer.outcome == "answer", (answer.outcome, answer.matches)
    assert answer.matches[0].item_id == "bexco"


@pytest.mark.parametrize("question", [
    "where is the event", "which metro station is closest to the venue",
    "what's the address of the main venue", "where is the summit venue", "メイン会場はどこ",
    "¿dónde es el evento?", "lokasi acaranya di mana", "địa điểm tổ chức ở đâu",
    "как добраться до места проведения", "สถานที่จัดงานอยู่ที่ไหน",
    # the venue in words of several ("tempat acara"), whole
    "tempat acara di mana", "đi xe buýt đến địa điểm tổ chức", "где место проведения конференции",
    # ... or the event by what it is
    "how do i get to the conference", "¿dónde es la conferencia?",
])
def test_the_venue_is_asked_for_in_every_language(concierge: Concierge, question: str) -> None:
    answer = concierge.ask(question, now=moment("2026-05-12 09:00", concierge))
    assert answer.outcome == "answer", (answer.outcome, answer.matches)
    assert answer.matches[0].item_id == "bexco"


@pytest.mark.parametrize("question", ["what time does the event start", "event schedule"])
def test_the_event_asked_when_is_no_venue(concierge: Concierge, question: str) -> None:
    answer = concierge.ask(question, now=moment("2026-05-12 09:00", concierge))
    assert "bexco" not in [m.item_id for m in answer.matches]


def test_a_way_to_travel_alone_does_not_ask_for_the_venue(concierge: Concierge) -> None:
    answer = concierge.ask("taxi", now=moment("2026-05-12 09:00", concierge))
    assert "bexco" not in [m.item_id for m in answer.matches]


@pytest.mark.parametrize(
    ("question", "item_id"),
    [
        ("한서리 데모", "robot-demo"),  # of her two sessions, the one its name says
        ("Han Seo-ri IR talk", "ir-session"),
        ("Han Seo-ri talk", "han-seori"),  # a talk of hers, no more: her card lists both
    ],
)
def test_a_persons_session_named_by_the_questions_other_words(
        concierge: Concierge, question: str, item_id: str) -> None:
    answer = concierge.ask(question, now=moment("2026-05-12 09:00", concierge))
    assert answer.outcome == "answer", (answer.outcome, answer.matches)
    assert answer.matches[0].item_id == item_id


def test_a_person_whose_organisation_is_written_out_belongs_to_the_booth_of_that_name() -> None:
    # SiliconJal exhibits with no organisation entry; its CTO's organisation is the name alone
    kb = load_knowledge(ROOT / "tests" / "eval" / "mexico-trade-forum" / "kb")
    assert kb.people["andrea-villanueva"].organisation is not None
    assert "siliconjal" not in kb.organisations
    concierge = Concierge(kb)
    now = datetime(2026, 11, 10, 10, 30, tzinfo=kb.tz)
    # asked who, the booth's person answers, not the booth
    answer = concierge.ask("who speaks for siliconjal", now=now)
    assert answer.outcome == "answer" and answer.matches[0].item_id == "andrea-villanueva"
    assert concierge.ask("who is the woman from siliconjal, what is her name",
                         now=now).matches[0].item_id == "andrea-villanueva"
    # ... and asked where, the booth
    assert concierge.ask("where is siliconjal", now=now).matches[0].item_id == "ex-siliconjal"
    # the booth's card names its people and where they speak
    card = concierge.card("ex-siliconjal", "en")
    assert card is not None and "Andrea Villanueva Ochoa" in card.text
    assert [b.data for row in card.buttons for b in row] == [
        f"item:{item.id}" for item in kb.appearances["andrea-villanueva"]]


def test_an_organisation_written_out_by_name_has_that_persons_sessions(tmp_path: Path) -> None:
    kb_dir = tmp_path / "kb"
    shutil.copytree(PEOPLE, kb_dir)
    people = kb_dir / "people.yaml"
    people.write_text(people.read_text(encoding="utf-8").replace(
        "organisations:\n", "organisations:\n  - id: uio\n"
        "    name: {ko: 오슬로대학교, en: University of Oslo}\n", 1), encoding="utf-8")
    kb = load_knowledge(kb_dir)
    # Mara Olsen writes the university's name, not its id: she is still one of its people
    assert [p.id for p in kb.people_of("uio")] == ["mara-olsen"]
    assert kb.appearances["uio"] == kb.appearances["mara-olsen"]
    card = Concierge(kb).card("uio", "en")
    assert card is not None and "Mara Olsen" in card.text
    assert kb.appearances["mara-olsen"][0].title.get("en") in card.text


def test_a_role_word_inside_an_alias_does_not_name_the_person() -> None:
    # her alias "MC Mỹ Linh" holds the question's "MC": her role, not her name, which the
    # question never says; of the gala dinner's people, that role tells her apart
    kb = load_knowledge(ROOT / "tests" / "eval" / "danang-digital-week" / "kb")
    answer = Concierge(kb).ask("who's the MC at the gala dinner",
                               now=datetime(2026, 11, 18, 10, 0, tzinfo=kb.tz))
    assert answer.outcome == "answer" and answer.matches[0].item_id == "truong-my-linh"
