"""The concierge answers, clarifies or falls back in the user's language, as of a given time."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from eventbot.bot.concierge import Answer, Concierge
from eventbot.bot.evaluation import default_moment
from eventbot.bot.i18n import t
from eventbot.bot.kb import load_knowledge
from eventbot.bot.matching import QuestionKind
from eventbot.bot.render.reply import Button
from tests.eval_set import eval_concierge
from tests.paths import FIXTURES, SAMPLE_KB

SEOUL = ZoneInfo("Asia/Seoul")
AT_FORUM = datetime(2025, 9, 1, 11, 0, tzinfo=SEOUL)


@pytest.fixture(scope="module")
def concierge() -> Concierge:
    return Concierge(load_knowledge(FIXTURES / "kb" / "valid"))


@pytest.mark.parametrize(
    ("question", "lang", "item"),
    [
        ("한라홀 어디예요?", "ko", "halla-hall"),
        ("where is halla hall", "en", "halla-hall"),
        ("로보원 부스 어디?", "ko", "robo-one"),
        ("when is the innovation forum", "en", "opening-forum"),
        ("혁신포럼은 언제야", "ko", "opening-forum"),
    ],
)
def test_answers_in_the_question_language(concierge, question, lang, item) -> None:
    answer = concierge.ask(question, now=AT_FORUM)
    assert (answer.outcome, answer.lang) == ("answer", lang)
    assert [m.item_id for m in answer.matches] == [item]


def test_stored_language_wins_over_the_question_script(concierge) -> None:
    answer = concierge.ask("한라홀 어디예요?", now=AT_FORUM, stored_lang="en")
    assert answer.lang == "en"
    assert "Halla Hall" in answer.reply.text


def test_out_of_scope_falls_back_with_help(concierge) -> None:
    answer = concierge.ask("what is the bitcoin price today in Paris", now=AT_FORUM)
    assert answer.outcome == "fallback"
    assert "/help" in answer.reply.text


def test_now_lists_running_and_next(concierge) -> None:
    answer = concierge.ask("what's on now?", now=AT_FORUM)
    assert answer.outcome == "answer"
    assert "Innovation Forum" in answer.reply.text.split("Next")[0]
    later = concierge.ask("what's on now?", now=datetime(2025, 9, 1, 13, tzinfo=SEOUL))
    assert "Nothing is on right now." in later.reply.text


def test_today_uses_the_event_timezone(concierge) -> None:
    # 2025-08-31 23:30 UTC is already 1 September in Seoul.
    utc_evening = datetime.fromisoformat("2025-08-31T23:30:00+00:00")
    answer = concierge.ask("오늘 일정", now=utc_evening)
    assert "혁신포럼" in answer.reply.text


@pytest.mark.parametrize("question", ["", "   ", "?", "🙂", "\u200b", "x" * 100_000])
def test_odd_input_never_raises(concierge, question) -> None:
    answer = concierge.ask(question, now=AT_FORUM)
    assert answer.outcome in {"answer", "clarify", "fallback"}
    assert answer.reply.text


def test_clarify_offers_buttons_for_each_candidate(concierge) -> None:
    reply = concierge.clarify_reply(concierge.matcher.rank("hall forum")[:3], "en")
    assert reply.buttons and all(b.data.startswith("item:") for row in reply.buttons for b in row)


def test_cards_are_rendered_once_per_item_language_and_kind(concierge: Concierge) -> None:
    item_id = next(iter(concierge.kb.items))
    card = concierge.card(item_id, "en")
    assert card is not None
    assert concierge.card(item_id, "en") is card
    assert concierge.card(item_id, "ko") is not card
    assert concierge.card(item_id, "en", QuestionKind.WHERE) is not card
    assert concierge.card("no-such-item", "en") is None
    fresh = Concierge(concierge.kb)  # a reload builds a new concierge: nothing carried over
    assert fresh.card(item_id, "en") == card and fresh.card(item_id, "en") is not card


def _valid_kb(folder: Path) -> Path:
    """Copy the valid KB's files into ``folder``; return it."""
    for part in (FIXTURES / "kb" / "valid").iterdir():
        (folder / part.name).write_text(part.read_text("utf-8"), "utf-8")
    return folder


@pytest.fixture(scope="module")
def with_faq(tmp_path_factory: pytest.TempPathFactory) -> Concierge:
    """Return the valid KB's concierge with two FAQs about what is at its venue."""
    kb = _valid_kb(tmp_path_factory.mktemp("kb"))
    (kb / "faq.yaml").write_text(
        "faq:\n"
        "  - id: faq-food\n"
        "    question: {en: Where can I get halal food?, ko: 할랄 음식은 어디서 먹나요?}\n"
        "    answer: {en: Halal and vegetarian lunch boxes on level 1., ko: 1층 도시락.}\n"
        "  - id: faq-parking\n"
        "    question: {en: How much is parking?, ko: 주차 요금은 얼마인가요?}\n"
        "    answer: {en: 'B1-B3, KRW 2,000 an hour.', ko: '지하 1-3층, 시간당 2천원.'}\n",
        "utf-8")
    (kb / "venues.yaml").write_text(
        (kb / "venues.yaml").read_text("utf-8")
        + "  - id: stone-museum\n"
        "    name: {ko: 제주돌문화공원, en: Jeju Stone Park Museum}\n"
        "    location: {lat: 33.44, lon: 126.66}\n", "utf-8")
    (kb / "side_events.yaml").write_text(
        "side_events:\n"
        "  - id: welcome-reception\n"
        "    kind: reception\n"
        "    title: {ko: 환영 리셉션, en: Welcome Reception}\n"
        "    start: 2025-09-01 19:00\n"
        "    end: 2025-09-01 21:00\n"
        "    venue: stone-museum\n", "utf-8")
    return Concierge(load_knowledge(kb))


@pytest.mark.parametrize(("question", "item"), [
    ("ICC Jeju halal food", "faq-food"), ("halal food in the ICC", "faq-food"),
    ("제주국제컨벤션센터 주차", "faq-parking"), ("parking at ICC Jeju", "faq-parking"),
    ("where is ICC Jeju", "icc-jeju"), ("how do I get to ICC Jeju", "icc-jeju"),
])
def test_a_question_naming_the_venue_as_where_asks_what_is_there(
        with_faq: Concierge, question: str, item: str) -> None:
    answer = with_faq.ask(question, now=AT_FORUM)
    assert (answer.outcome, answer.matches[0].item_id) == ("answer", item)


@pytest.mark.parametrize("question", [
    "is the stone park museum dinner formal", "what time is the stone park museum party",
    "돌문화공원 만찬 몇 시"])
def test_an_occasion_named_by_its_place_is_what_is_on_there(
        with_faq: Concierge, question: str) -> None:
    answer = with_faq.ask(question, now=AT_FORUM)
    assert (answer.outcome, answer.matches[0].item_id) == ("answer", "welcome-reception")
    # ... and the place alone is the place
    assert with_faq.ask("where is the stone park museum", now=AT_FORUM).matches[
        0].item_id == "stone-museum"


def _ask_event(event: str, question: str) -> Answer:
    """Ask an eval event's concierge, at 10:30 on the event's first day."""
    concierge = eval_concierge(event)
    return concierge.ask(question, now=default_moment(concierge.kb))


@pytest.mark.parametrize("question", [
    "is there a trip to see the solar farm? how do i sign up", "trip to the solar farm"])
def test_an_outing_named_by_its_place_is_the_outing(question: str) -> None:
    # the park is a venue; the technical visit there is what a trip to it asks for
    answer = _ask_event("santiago-mining-forum", question)
    assert (answer.outcome, answer.matches[0].item_id) == ("answer", "se-visita-solar")


@pytest.mark.parametrize("question", ["ICC Jejuでおすすめのhalal foodは？",
                                      "ICC Jeju で おすすめ の halal food"])
def test_what_the_question_asks_beyond_the_kb_stays_asked_without_the_venue(
        with_faq: Concierge, question: str) -> None:
    # A recommendation is an opinion: the venue's words going (its hiragana with them) must
    # not leave "halal food" to answer as if it had not been asked for
    assert with_faq.matcher.match(question).outcome == "fallback"
    assert with_faq.ask(question, now=AT_FORUM).outcome == "fallback"


@pytest.mark.parametrize(("question", "lang"), [
    ("로보원 채용하나요?", "ko"), ("로보원 연락처 알려줘", "ko"), ("is RoboOne hiring", "en"),
    # where else it sells or makes its goods
    ("로보원 매장도 있어요?", "ko"), ("로보원 대리점 있어요?", "ko"),
    ("RoboOneの工場どこ？", "ja")])
def test_asked_what_no_event_information_holds_of_an_item_it_offers_the_item(
        concierge: Concierge, question: str, lang: str) -> None:
    # Not an answer (nothing says whether RoboOne hires), but not "couldn't find that": the
    # booth the question names is one tap away
    answer = concierge.ask(question, now=AT_FORUM)
    assert (answer.outcome, [m.item_id for m in answer.matches]) == ("fallback", ["robo-one"])
    name = "로보원" if lang == "ko" else "RoboOne"
    assert f"<b>{name}</b>" in answer.reply.html
    assert answer.reply.buttons == ((Button(name, "item:robo-one"),),)
    assert answer.reply.html != concierge.ask("삼성 채용하나요?", now=AT_FORUM).reply.html


def test_a_company_the_kb_does_not_know_asked_the_same_gets_the_plain_fallback(
        concierge: Concierge) -> None:
    answer = concierge.ask("삼성 채용하나요?", now=AT_FORUM)
    assert (answer.outcome, answer.matches, answer.reply.buttons) == ("fallback", (), ())


def test_the_item_offered_is_named_escaped(tmp_path) -> None:
    for part in (FIXTURES / "kb" / "valid").iterdir():
        (tmp_path / part.name).write_text(part.read_text("utf-8").replace(
            "{ko: 로보원, en: RoboOne}", "{ko: 로보원, en: 'Robo<One> & Co'}"), "utf-8")
    answer = Concierge(load_knowledge(tmp_path)).ask("is Robo<One> & Co hiring", now=AT_FORUM)
    assert answer.matches and answer.matches[0].item_id == "robo-one"
    assert "<b>Robo&lt;One&gt; &amp; Co</b>" in answer.reply.html
    assert answer.reply.buttons == ((Button("Robo<One> & Co", "item:robo-one"),),)


def _robo_one(tmp_path: Path, description: str | None) -> Concierge:
    """The valid fixture KB, RoboOne showing a serving robot (with ``description``)."""
    _valid_kb(tmp_path)
    extra = "\n    showcase: {ko: 서빙 로봇, en: serving robot}"
    if description is not None:
        extra += f"\n    description: {{ko: '{description}', en: '{description}'}}"
    exhibition = tmp_path / "exhibition.yaml"
    exhibition.write_text(exhibition.read_text("utf-8") + extra + "\n", "utf-8")
    return Concierge(load_knowledge(tmp_path))


@pytest.mark.parametrize("question", [
    "how much is the RoboOne serving robot", "로보원 서빙 로봇 가격 얼마예요?",
    "RoboOneの配膳ロボットっていくら",
    # ... nor a fee: a rent, a commission
    "로보원 서빙 로봇 대여료 얼마예요", "RoboOne 配餐机器人租金多少",
    "cuánto cobra RoboOne por el robot"])
def test_a_price_the_company_information_lacks_is_not_answered_with_its_card(
        tmp_path: Path, question: str) -> None:
    # Its card tells no price: saying so, with the card a tap away, is the answer
    answer = _robo_one(tmp_path, "Robots that carry trays in restaurants").ask(
        question, now=AT_FORUM)
    assert (answer.outcome, [m.item_id for m in answer.matches]) == ("fallback", ["robo-one"])
    assert answer.reply.buttons[0][0].data == "item:robo-one"


@pytest.mark.parametrize("description", ["Show price US$4,900, delivered",
                                         "Serving robots from KRW 6.5 million"])
def test_a_price_the_company_information_gives_is_answered_with_its_card(
        tmp_path: Path, description: str) -> None:
    answer = _robo_one(tmp_path, description).ask("how much is the RoboOne serving robot",
                                                  now=AT_FORUM)
    assert (answer.outcome, [m.item_id for m in answer.matches]) == ("answer", ["robo-one"])


def test_what_a_company_gives_away_prices_none_of_its_goods(tmp_path: Path) -> None:
    concierge = _robo_one(tmp_path, "Free demo rides")
    # the robot's price is no free ride: the card is offered, not answered with
    answer = concierge.ask("how much is the RoboOne serving robot", now=AT_FORUM)
    assert (answer.outcome, [m.item_id for m in answer.matches]) == ("fallback", ["robo-one"])
    # ... asked whether the ride is free, the card says
    answer = concierge.ask("are the RoboOne demo rides free", now=AT_FORUM)
    assert (answer.outcome, [m.item_id for m in answer.matches]) == ("answer", ["robo-one"])


def test_a_commission_that_is_a_body_is_no_fee(tmp_path: Path) -> None:
    # (the test KB's RoboOne stands in for a trade commission: its name is what is asked)
    answer = _robo_one(tmp_path, "Robots that carry trays in restaurants").ask(
        "RoboOne serving robot commission meeting", now=AT_FORUM)
    assert answer.outcome == "answer"


def test_a_fee_told_as_a_share_is_answered_with_the_card(tmp_path: Path) -> None:
    # "a 3% commission" tells the fee, if not a price
    concierge = _robo_one(tmp_path, "Robots for rent, for a 3% commission on sales")
    fee = concierge.ask("RoboOne serving robot commission rate?", now=AT_FORUM)
    price = concierge.ask("how much is the RoboOne serving robot", now=AT_FORUM)
    assert (fee.outcome, [m.item_id for m in fee.matches]) == ("answer", ["robo-one"])
    assert (price.outcome, [m.item_id for m in price.matches]) == ("fallback", ["robo-one"])


def test_asked_where_and_how_much_the_booth_answers(tmp_path: Path) -> None:
    answer = _robo_one(tmp_path, None).ask("where is the RoboOne booth and how much is the robot",
                                           now=AT_FORUM)
    assert (answer.outcome, [m.item_id for m in answer.matches]) == ("answer", ["robo-one"])


@pytest.fixture(scope="module")
def sample() -> Concierge:
    return Concierge(load_knowledge(SAMPLE_KB))


@pytest.mark.parametrize(("question", "lang", "near"), [
    ("robot demo", "en", {"kt-dolbot", "kt-gyeol-robotics"}),
    ("점심 뭐 먹지", "ko", {"jeju-food-expo"})])
def test_a_question_its_words_only_come_near_offers_the_nearest_items(
        sample: Concierge, question: str, lang: str, near: set[str]) -> None:
    # Too weak to answer or to ask "did you mean" about one, yet the robots' booths (the
    # food expo: lunch) are what "robot demo" came nearest: a tap away, not a dead end
    answer = sample.ask(question, now=default_moment(sample.kb))
    offered = [m.item_id for m in answer.matches]
    assert answer.outcome == "fallback" and 1 <= len(offered) <= 3 and near <= set(offered)
    assert answer.reply.html == t(lang, "reply.near")
    assert [button.data for (button,) in answer.reply.buttons] == [
        f"item:{item_id}" for item_id in offered]


@pytest.mark.parametrize("question", [
    "what is the bitcoin price in Paris?",  # only typos of its words are the KB's (rice, País)
    "qwzx vbnm",  # no word the KB knows
    "where is the Siemens Energy booth"])  # what it asks about is not the KB's
def test_a_question_no_item_is_near_gets_the_plain_fallback(sample: Concierge,
                                                            question: str) -> None:
    answer = sample.ask(question, now=default_moment(sample.kb))
    assert (answer.outcome, answer.matches) == ("fallback", ())
    assert answer.reply.html == t("en", "reply.fallback") and not answer.reply.buttons


@pytest.fixture(scope="module")
def with_asking_faqs(tmp_path_factory: pytest.TempPathFactory) -> Concierge:
    """Return the valid KB's concierge with FAQs asked as Japanese questions are."""
    kb = _valid_kb(tmp_path_factory.mktemp("kb"))
    (kb / "faq.yaml").write_text(
        "faq:\n"
        "  - id: faq-smoking\n"
        "    question: {en: Where is the smoking area?, ko: 흡연실은 어디인가요?,"
        " ja: 喫煙所はどこですか？}\n"
        "    answer: {en: Outside gate 2., ko: 2번 출입구 밖., ja: 2番出入口の外。}\n"
        "  - id: faq-toilets\n"
        "    question: {en: Where are the toilets?, ko: 화장실은 어디인가요?,"
        " ja: トイレはどこですか？}\n"
        "    answer: {en: By every lift., ko: 엘리베이터 옆., ja: エレベーターの横。}\n", "utf-8")
    return Concierge(load_knowledge(kb))


@pytest.mark.parametrize("question", ["味の素のブースはどこですか", "ソフトバンクはどこですか"])
def test_a_question_sharing_only_its_asking_with_faqs_is_no_guess_at_them(
        with_asking_faqs: Concierge, question: str) -> None:
    # Nothing the KB holds is named (Ajinomoto, SoftBank): that the smoking and toilets FAQs
    # are asked "…はどこですか" too is no likeness of what is asked
    answer = with_asking_faqs.ask(question, now=AT_FORUM)
    assert answer.outcome == "fallback"
    assert not {"faq-smoking", "faq-toilets"} & {m.item_id for m in answer.matches}


@pytest.mark.parametrize(("question", "item"), [
    ("喫煙所はどこですか", "faq-smoking"), ("トイレはどこ", "faq-toilets")])
def test_an_faq_asked_in_its_own_words_is_still_answered(
        with_asking_faqs: Concierge, question: str, item: str) -> None:
    answer = with_asking_faqs.ask(question, now=AT_FORUM)
    assert (answer.outcome, answer.matches[0].item_id) == ("answer", item)


@pytest.mark.parametrize(("event", "question", "place"), [
    ("busan-marine-week", "bocc 지하철로 어떻게 가요", "bocc"),
    ("busan-marine-week", "how do i get to bocc by subway", "bocc"),
    ("health-congress", "how do I get to the convention centre by MRT", "bccs"),
    # the fastest way, the address for a ride, the address "exactly" (cụ thể)
    ("shenzhen-hardware-fair", "fastest way from shenzhen north to the exhibtion centre?",
     "lbiec"),
    ("sanfrancisco-trade-expo",
     "¿Cuál es la dirección del centro de convenciones? para ponerla en el uber", "ybcc"),
    ("manila-summit", "PICC địa chỉ cụ thể là gì vậy ạ", "picc"),
])
def test_the_way_to_a_place_by_some_travel_is_its_card(event: str, question: str,
                                                        place: str) -> None:
    # the card tells the way; an FAQ naming the subway or parking is no answer to it
    answer = _ask_event(event, question)
    assert (answer.outcome, answer.matches[0].item_id) == ("answer", place)


@pytest.mark.parametrize(("event", "question"), [
    ("sanfrancisco-trade-expo", "is there a smoking area outside the ybcc"),
    ("shenzhen-hardware-fair", "会展中心有母婴室吗"),
    ("sydney-congress", "컨벤션센터에 자전거 세워둘 데 있어요?"),
    ("manila-summit", "is there bicycle parking at picc"),
    ("sanfrancisco-trade-expo", "Muni T线末班车是几点"),
])
def test_a_facility_or_a_last_train_no_entry_names_is_not_answered(event: str,
                                                                   question: str) -> None:
    # the venue's card and the parking or transit FAQ say nothing of it
    assert _ask_event(event, question).outcome != "answer"


@pytest.mark.parametrize(("event", "question", "item"), [
    ("hongkong-fintech", "大會堂的傳譯耳機在哪裡拿", "faq-interpretation"),
    ("kl-halal-expo", "toilets nr hall 5??", "faq-toilets"),
    ("bangkok-week", "본회의장 동시통역 한국어는 몇 번 채널 틀면 돼요", "faq-interpretation"),
])
def test_a_service_asked_in_a_room_it_names_is_the_faqs(event: str, question: str,
                                                       item: str) -> None:
    # the room is where: the FAQ on the headsets or the toilets answers, not the room's card
    answer = _ask_event(event, question)
    assert (answer.outcome, answer.matches[0].item_id) == ("answer", item)


@pytest.mark.parametrize(("event", "question"), [
    ("santiago-mining-forum", "cual es la clave del wifi del hotel cordillera"),
    ("hongkong-fintech", "夏愨中環酒店幾點開始可以check-in？可唔可以早啲入住"),
])
def test_a_service_asked_of_another_venue_is_not_the_events_faq(event: str,
                                                                question: str) -> None:
    # a hotel's wifi or check-in is not what the event's FAQ tells
    assert _ask_event(event, question).outcome != "answer"


@pytest.mark.parametrize(("event", "question", "item"), [
    ("jakarta-expo", "is there a smoking area", "faq-smoking"),
    ("bangkok-week", "where can i smoke", "faq-smoking"),
    ("bangkok-week", "有母婴室吗", "faq-nursing-room"),
    ("bangkok-week", "ห้องให้นมอยู่ไหน", "faq-nursing-room"),
])
def test_a_facility_an_entry_names_is_answered_with_it(event: str, question: str,
                                                       item: str) -> None:
    answer = _ask_event(event, question)
    assert (answer.outcome, answer.matches[0].item_id) == ("answer", item)


@pytest.mark.parametrize(("event", "question", "item"), [
    # the getting-there FAQ names Grab and a free shuttle, the dinner its ticket: no fare
    ("manila-summit", "how much is a grab from makati to picc", None),
    ("manila-summit", "magkano ang taxi mula NAIA papuntang PICC", None),
    ("sydney-congress", "how much is a cab from ppcc to the museum for the dinner", None),
    # ... where a taxi's fare is told, it answers
    ("sydney-congress", "how much is a taxi to the airport", "faq-taxi-rideshare"),
    ("lima-forum", "how much is a taxi from miraflores to barranco", "faq-taxi"),
])
def test_a_taxi_fare_is_answered_only_where_told(event: str, question: str,
                                                 item: str | None) -> None:
    answer = _ask_event(event, question)
    if item is None:
        assert answer.outcome != "answer", answer.matches
    else:
        assert (answer.outcome, answer.matches[0].item_id) == ("answer", item)


@pytest.mark.parametrize(("question", "item"), [
    ("where's the waratah rm", "waratah-room"), ("which flr is the banksia rm", "banksia-room"),
    ("where's rego", "faq-registration"), ("where's the reg desk", "faq-registration"),
])
def test_words_shortened_as_typed_are_read(question: str, item: str) -> None:
    answer = _ask_event("sydney-congress", question)
    assert (answer.outcome, answer.matches[0].item_id) == ("answer", item)


@pytest.mark.parametrize(("event", "question", "item"), [
    ("startup-summit", "介護ロボット出してる日本の会社のブースどこ？", "mirai-care-booth"),
    ("mexico-trade-forum", "avocado exporter booth?", "ex-tierra-purepecha"),
    ("jakarta-expo", "where's the booth with the electric hand tractor, the one with swappable "
                     "batteries", "ex-tani-volt"),
    ("sydney-congress", "做石墨烯膜的那家展位在几号", "graphenix"),
])
def test_asked_which_booth_the_company_comes_before_a_talk_on_its_subject(
        event: str, question: str, item: str) -> None:
    answer = _ask_event(event, question)
    assert (answer.outcome, answer.matches[0].item_id) == ("answer", item)


@pytest.mark.parametrize(("event", "question"), [
    ("manila-summit", "is gcash exhibiting this year? what booth"),  # gcash is no "cash"
    ("sanfrancisco-trade-expo", "is samsung exhibiting this year? which booth"),
])
def test_asked_the_booth_of_a_company_not_there_no_other_exhibitor_is_offered(
        event: str, question: str) -> None:
    answer = _ask_event(event, question)
    assert answer.outcome == "fallback"
    assert all(match.kind != "exhibitor" for match in answer.matches), answer.matches


def test_the_booths_hours_are_the_exhibitions() -> None:
    answer = _ask_event("jakarta-expo", "what time do the booths shut each day")
    assert (answer.outcome, answer.matches[0].item_id) == ("answer", "exhibition")


def test_a_way_to_travel_with_no_place_is_no_place() -> None:
    answer = _ask_event("busan-marine-week", "is there a shuttle bus")
    assert answer.matches[0].kind not in {"venue", "room", "pavilion"}
