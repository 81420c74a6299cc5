"""The shipped vocabularies: their hygiene, and questions finding items in other words."""

from __future__ import annotations

import functools
from collections import Counter

import pytest

from eventbot.bot.matching import EVENT_VOCABULARY, SHIPPED_VOCABULARY, Field, FieldText
from eventbot.bot.matching.economies import ECONOMY_VOCABULARY
from eventbot.bot.matching.lexical import runs_together, synonyms_of
from eventbot.bot.matching.normalize import normalize_text, tokens
from eventbot.bot.matching.paraphrases import PARAPHRASE_CUES
from eventbot.bot.matching.retrieval import Matcher
from eventbot.bot.matching.topics import TOPIC_VOCABULARY
from tests.eval_set import eval_matcher

CUE = "~"


def _key(phrase: str) -> str:
    """A phrase as the matcher compares it."""
    key = normalize_text(phrase.removeprefix(CUE))
    return key.replace(" ", "") if runs_together(key.replace(" ", "")) else key


def test_no_topic_phrase_joins_two_groups() -> None:
    # a phrase in two groups would make every word of both synonyms
    counts = Counter(key for group in SHIPPED_VOCABULARY for key in {*map(_key, group)})
    topics = {_key(p) for group in (*TOPIC_VOCABULARY, *ECONOMY_VOCABULARY) for p in group}
    assert [key for key in topics if counts[key] > 1] == []


def test_topic_phrases_are_lowercase_and_not_single_unspaced_characters() -> None:
    for group in (*TOPIC_VOCABULARY, *ECONOMY_VOCABULARY):
        for phrase in group:
            assert phrase == phrase.lower(), phrase
            assert not (runs_together(phrase) and len(phrase.replace(" ", "")) < 2), phrase


def test_the_topic_groups_are_not_the_event_groups() -> None:
    events = {_key(p) for group in EVENT_VOCABULARY for p in group}
    assert not events & {_key(p) for group in (*TOPIC_VOCABULARY, *ECONOMY_VOCABULARY)
                         for p in group}


EXHIBITORS = (
    ("cells", "Daehan Cell: solid-state battery cells for EVs"),
    ("drones", "Kaisei Robotics: underwater drones for hull inspection"),
    ("beauty", "Onsaemiro Cosmetics: skincare and cosmetics"),
    ("trucks", "HyGen Mobility: hydrogen fuel cell trucks"),
    ("suits", "Minami Assist: powered assist suits that ease back strain"),
    ("filigree", "Sumaq Joyas: silver filigree jewellery from Catacaos"),
    ("run", "Harbour Fun Run, 5 km at sunrise"),
    ("calma", "Calma: a mental health app for meditation and therapy"),
    ("liner", "Pacific Star Line: cruise holidays around Asia"),
    ("tudung", "Sakinah: modest fashion and everyday hijabs"),
)


@pytest.fixture(scope="module")
def matcher() -> Matcher:
    texts = [FieldText(item_id, text, Field.NAME) for item_id, text in EXHIBITORS]
    return Matcher((), texts, SHIPPED_VOCABULARY,
                   kinds={item_id: "exhibitor" for item_id, _ in EXHIBITORS})


@pytest.mark.parametrize(("question", "item_id"), [
    ("固态电池", "cells"), ("전고체 배터리", "cells"), ("水下无人机", "drones"),
    ("수중드론", "drones"), ("化粧品", "beauty"), ("화장품", "beauty"), ("氢能卡车", "trucks"),
    ("수소 트럭", "trucks"), ("anywhere i can try on an exoskeleton", "suits"),
    ("웨어러블 로봇", "suits"), ("有卖银饰的展位吗", "filigree"),
    ("シルバーのアクセサリー", "filigree"), ("anyone going jogging early", "run"),
    ("organizan algo para salir a correr?", "run"), ("마라톤 있어요?", "run"),
    ("algo pa manejar el estrés o la ansiedad", "calma"), ("스트레스 관리 앱", "calma"),
    ("크루즈 여행 부스", "liner"), ("邮轮", "liner"), ("tudung utk kerja", "tudung"),
    ("ヒジャブ売ってる", "tudung"),
])
def test_a_question_finds_a_product_written_in_another_language(matcher, question,
                                                                 item_id) -> None:
    assert matcher.rank(question)[0].item_id == item_id


def test_without_the_topic_vocabulary_those_questions_find_nothing() -> None:
    texts = [FieldText(item_id, text, Field.NAME) for item_id, text in EXHIBITORS]
    bare = Matcher((), texts, EVENT_VOCABULARY,
                   kinds={item_id: "exhibitor" for item_id, _ in EXHIBITORS})
    assert bare.rank("固态电池") == [] and bare.rank("수중드론") == []


def test_paraphrase_cues_belong_to_existing_groups_and_to_one_each() -> None:
    heads = {group[0] for group in EVENT_VOCABULARY}
    assert set(PARAPHRASE_CUES) <= heads
    keys = Counter(_key(cue) for cues in PARAPHRASE_CUES.values() for cue in set(cues))
    assert [key for key, count in keys.items() if count > 1] == []
    shipped = {_key(p) for group in (*EVENT_VOCABULARY, *TOPIC_VOCABULARY, *ECONOMY_VOCABULARY)
               for p in group}
    assert not shipped & set(keys)


FAQS = (
    ("faq-cloakroom", "Is there a cloakroom?"),
    ("faq-charging", "Where can I charge my phone?"),
    ("faq-food", "Where is the food court?"),
    ("faq-first-aid", "Where is first aid?"),
)
# ... and more of an event's services, each FAQ named the way a KB would
SERVICE_FAQS = (
    *FAQS, ("faq-wifi", "What is the Wi-Fi password?"), ("faq-tours", "Tours"),
    ("faq-shuttle", "Is there a shuttle bus?"), ("faq-dress-code", "Dress code"),
    ("faq-certificate", "Certificate of attendance"),
    ("faq-badge", "Where do I collect my badge?"), ("faq-parking", "Parking"),
    ("faq-money", "ATM and currency exchange"), ("faq-taxi", "Taxi"),
    ("faq-prayer", "Prayer room"),
)


@functools.cache
def faq_matcher(faqs: tuple[tuple[str, str], ...]) -> Matcher:
    """Return the matcher of a KB of these FAQs alone (id, question), with the shipped
    vocabulary (once per list: a matcher is not changed by asking it)."""
    texts = [FieldText(item_id, text, Field.NAME) for item_id, text in faqs]
    return Matcher((), texts, SHIPPED_VOCABULARY, kinds=dict.fromkeys(dict(faqs), "faq"))


@pytest.mark.parametrize(("question", "item_id"), [
    ("can I leave my coat somewhere", "faq-cloakroom"), ("짐 맡길 데 있어요?", "faq-cloakroom"),
    ("my phone is dying", "faq-charging"), ("手机没电了", "faq-charging"),
    ("배고파요", "faq-food"), ("お腹すいた", "faq-food"),
    ("¿puedo dejar mi abrigo?", "faq-cloakroom"), ("хочу зарядить телефон", "faq-charging"),
    ("ฝากกระเป๋าได้ไหม", "faq-cloakroom"), ("lapar, makan di mana", "faq-food"),
])
def test_a_paraphrase_reaches_the_faq_it_never_names(question, item_id) -> None:
    assert faq_matcher(FAQS).rank(question)[0].item_id == item_id


EVENINGS = (("d3-awards", "Awards Ceremony"), ("gala", "Gala Dinner"))


@pytest.mark.parametrize(("question", "item_id"), [
    ("颁奖典礼在哪办", "d3-awards"), ("시상식 몇 시", "d3-awards"), ("prize giving", "d3-awards"),
    ("entrega de premios", "d3-awards"), ("when is the award presentation", "d3-awards"),
    ("awards dinner", "gala"), ("晚宴几点", "gala"),
])
def test_an_awards_ceremony_is_not_the_gala(question, item_id) -> None:
    texts = [FieldText(item_id, text, Field.NAME) for item_id, text in EVENINGS]
    m = Matcher((), texts, SHIPPED_VOCABULARY, kinds=dict.fromkeys(dict(EVENINGS), "session"))
    assert m.rank(question)[0].item_id == item_id


PAVILIONS = (
    ("pv-china", "pavilion", "China Pavilion", Field.NAME),
    ("pv-philippines", "pavilion", "Philippines Pavilion", Field.NAME),
    ("pv-thailand", "pavilion", "Thailand Pavilion", Field.NAME),
    ("pv-korea", "pavilion", "Korea Pavilion", Field.NAME),
    ("chen-wei", "person", "Chen Wei", Field.NAME),
    ("chen-wei", "person", "Vice President", Field.ENTITY),
    ("chen-wei", "person", "Supplies batteries to Korean bus makers.", Field.PROSE),
)


def _pavilions(vocabulary: tuple[tuple[str, ...], ...]) -> Matcher:
    return Matcher((), [FieldText(i, text, field) for i, _, text, field in PAVILIONS],
                   vocabulary, kinds={i: kind for i, kind, _, _ in PAVILIONS})


@pytest.mark.parametrize(("question", "item_id"), [
    ("Где китайский павильон?", "pv-china"), ("Paviliun Filipina ada di mana", "pv-philippines"),
    ("บูธประเทศไทยอยู่ตรงไหน", "pv-thailand"), ("中国馆在哪里", "pv-china"),
    ("한국관 어디예요", "pv-korea"), ("павильон Таиланда", "pv-thailand"),
])
def test_an_economy_named_in_any_language_finds_its_pavilion(question, item_id) -> None:
    assert _pavilions(SHIPPED_VOCABULARY).match(question).matches[0].item_id == item_id
    # without the economies, a pavilion word alone tells the pavilions apart by chance at most
    without = _pavilions(EVENT_VOCABULARY).match(question)
    assert not (without.outcome == "answer" and without.matches[0].item_id == item_id)


def test_an_economy_in_a_biography_does_not_make_a_person_about_it() -> None:
    # "Korean bus makers" in a bio: Chen Wei is no answer to who leads Korea
    decision = _pavilions(SHIPPED_VOCABULARY).match("who is the president of Korea")
    assert decision.outcome != "answer" or decision.matches[0].item_id != "chen-wei"


@pytest.mark.parametrize("question", [
    "哪一家在做固態電池", "有沒有賣固態電池相關的", "哪家有水下無人機"])
def test_chinese_words_that_ask_which_one_do_not_dilute_the_product(matcher, question) -> None:
    decision = matcher.match(question)
    assert decision.outcome == "answer", decision
    assert decision.matches[0].item_id in {"cells", "drones"}


@pytest.mark.parametrize(("question", "item_id"), [
    ("サーモン扱ってる会社", "salmon"), ("三文鱼", "salmon"), ("송금 앱", "remit"),
    ("汇款", "remit"), ("kiều hối", "remit"), ("血糖仪", "glucose"), ("연속혈당측정", "glucose"),
])
def test_food_and_service_subjects_are_found_in_another_language(question, item_id) -> None:
    texts = [FieldText("salmon", "Tasman Smoked Salmon", Field.NAME),
             FieldText("remit", "SendHome: remittances for migrant workers", Field.NAME),
             FieldText("glucose", "GlucoWatch: continuous glucose monitoring patch", Field.NAME),
             FieldText("honey", "Manuka honey from the West Coast", Field.NAME)]
    m = Matcher((), texts, SHIPPED_VOCABULARY, kinds=dict.fromkeys(
        ("salmon", "remit", "glucose", "honey"), "exhibitor"))
    assert m.rank(question)[0].item_id == item_id
    assert [s.item_id for s in Matcher((), texts, EVENT_VOCABULARY, kinds=dict.fromkeys(
        ("salmon", "remit", "glucose", "honey"), "exhibitor")).rank(question)[:1]] != [item_id]


def test_people_taking_part_are_no_ginseng() -> None:
    # 人参 is ginseng in Chinese, a carrot in Japanese, and inside 多少人参加 ("how many take
    # part"): only its longer names stand for ginseng
    synonyms = synonyms_of(tuple(map(tuple, SHIPPED_VOCABULARY)))
    ginseng = synonyms.groups_in(tokens("高麗人参")) & synonyms.groups_in(tokens("인삼"))
    assert ginseng
    for word in ("有多少人参加", "有人参与吗", "多少人參加"):
        assert not synonyms.groups_in(tokens(word)) & ginseng, word


@pytest.mark.parametrize(("question", "item_id"), [
    ("phone battery dying", "faq-charging"),  # a cue inside another: "phone battery"
    ("¿cuál es la clave del wifi?", "faq-wifi"),  # clave: the password, in Latin America
    # the words that only frame a question weigh nothing: must, get, will be
    ("¿dónde dejo mi maleta?", "faq-cloakroom"), ("¿hay autobús de enlace?", "faq-shuttle"),
    ("¿cómo debo vestirme?", "faq-dress-code"), ("dapat sertifikat?", "faq-certificate"),
    ("можно прийти в джинсах", "faq-dress-code"), ("дадут ли сертификат", "faq-certificate"),
    ("куда можно сдать чемодан", "faq-cloakroom"), ("有冇嘢食", "faq-food"),
    ("dónde retiro mi gafete", "faq-badge"), ("dónde cargo el celular", "faq-charging"),
    ("dónde estaciono", "faq-parking"), ("dónde cambio dólares", "faq-money"),
    ("wifinya lemot", "faq-wifi"), ("butuh dokter", "faq-first-aid"),
    ("มีรถชัตเติ้ลไหม", "faq-shuttle"), ("có cây atm không", "faq-money"),
    ("気分悪いです", "faq-first-aid"), ("i feel unwell", "faq-first-aid"),
    ("do i need a suit", "faq-dress-code"), ("kailangan ko ng doktor", "faq-first-aid"),
    ("bateri nak habis", "faq-charging"), ("boleh tinggalkan bagasi?", "faq-cloakroom"),
    ("管饭吗", "faq-food"), ("ada tempat letak kereta", "faq-parking"),
    ("may bag deposit ba", "faq-cloakroom"), ("车停哪里", "faq-parking"),
    ("차 어디에 대요?", "faq-parking"),
    ("saya rasa tak sihat", "faq-first-aid"),  # "tak" read out of it as a question's frame
    ("saan kukunin ang ID", "faq-badge"), ("where do i get my ID", "faq-badge"),
    ("parkirannya di mana", "faq-parking"), ("sertifikatnya dapat?", "faq-certificate"),
    ("กดตังได้ที่ไหน", "faq-money"),  # (Thai chat: "press for cash", an ATM)
    ("surau kat mana", "faq-prayer"),  # (a Malaysian venue's prayer room, no mosque)
    ("참가 확인서 받을 수 있어요?", "faq-certificate"), ("참석확인서 주나요", "faq-certificate"),
    # a Grab is a ride ("grab a bite" is no taxi)
    ("where is the grab pickup", "faq-taxi"), ("grab driver", "faq-taxi"),
])
def test_a_way_of_asking_an_faq_answers_it(question: str, item_id: str) -> None:
    decision = faq_matcher(SERVICE_FAQS).match(question)
    assert decision.outcome == "answer", decision
    assert decision.matches[0].item_id == item_id


def test_renting_a_suit_is_no_question_for_the_dress_code() -> None:
    matcher = eval_matcher("lima-forum")
    assert matcher.match("какой дресс-код на гала-ужин?").matches[0].item_id == "faq-dress-code"
    assert matcher.match("Можно ли где-то взять напрокат костюм для гала-ужина?").outcome == (
        "fallback")


@pytest.mark.parametrize("question", [
    "какой официальный отель", "khách sạn chính thức ở đâu", "hotel resmi di mana",
])
def test_the_official_hotel_in_every_language(question: str) -> None:
    decision = eval_matcher("singapore-smartcity-summit").match(question)
    assert decision.outcome in {"answer", "confirm"}, decision  # (or "did you mean")
    assert decision.matches[0].item_id == "anson-grand"


@pytest.mark.parametrize(("question", "item_id"), [
    ("¿cuándo es la recepción de bienvenida?", "se-welcome-reception"),
    ("resepsi penyambutan kapan", "se-welcome-reception"), ("когда закрытие", "d3-closing"),
])
def test_a_welcome_and_a_closing_in_every_language(question: str, item_id: str) -> None:
    decision = eval_matcher("sydney-congress").match(question)
    assert decision.outcome == "answer", decision
    assert decision.matches[0].item_id == item_id


def test_where_do_i_park_is_no_question_for_mr_park() -> None:
    # the KB has three people named Park; "where do i" leaves "i park", a way to ask parking
    matcher = eval_matcher("sydney-congress")
    for question in ("where do i park", "where should we park"):
        decision = matcher.match(question)
        assert decision.outcome == "answer" and decision.matches[0].item_id == "faq-parking"
    assert matcher.match("who is aiden park").matches[0].item_id == "aiden-park"
