"""Matching in the catalog languages: accents, Cyrillic, Thai, Traditional/Simplified Chinese."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from eventbot.bot.matching import (
    EVENT_VOCABULARY,
    SHIPPED_VOCABULARY,
    Field,
    FieldText,
    IndexKey,
    match_key,
    normalize_text,
)
from eventbot.bot.matching.intent import FRAME_WORDS, Frame, QuestionKind, analyse
from eventbot.bot.matching.normalize import romanized, unaccented
from eventbot.bot.matching.retrieval import Matcher

# Each item's names, as a KB would list them per language (only some languages per item, so
# a question in one variant must reach a name written in another).
ITEMS: dict[str, tuple[str, tuple[str, ...]]] = {
    "hall-expo": ("venue", (
        "Exhibition Hall", "Sala de Exposiciones", "Sảnh Triển lãm", "Выставочный зал",
        "ห้องนิทรรศการ", "展覽館", "전시관")),
    "press-room": ("venue", (
        "Press Room", "Sala de Prensa", "Phòng Báo chí", "Пресс-центр", "ห้องแถลงข่าว",
        "新聞中心", "프레스룸")),
    "icc": ("venue", (
        "International Convention Center", "Centro Internacional de Convenciones",
        "Trung tâm Hội nghị Quốc tế", "Международный конференц-центр",
        "ศูนย์ประชุมนานาชาติ", "国际会议中心", "국제컨벤션센터")),
    "main-venue": ("venue", (
        "Main Venue", "Sede Principal", "Hội trường chính", "Главная площадка",
        "สถานที่จัดงานหลัก", "主會場", "메인 행사장")),
    "opening": ("session", (
        "Opening Ceremony", "Ceremonia de Inauguración", "Lễ Khai mạc", "Церемония открытия",
        "พิธีเปิดงาน", "開幕典禮", "개막식")),
    "ocean-forum": ("session", (
        "Ocean Economy Forum", "Foro de Economía Oceánica", "Diễn đàn Kinh tế Đại dương",
        "Форум морской экономики", "ฟอรัมเศรษฐกิจทางทะเล", "济州海洋经济论坛", "해양경제 포럼")),
    "green-lounge": ("venue", ("Green Lounge", "Зелёная гостиная", "Salón Verde")),
}


@pytest.fixture(scope="module")
def matcher() -> Matcher:
    keys = [IndexKey(item_id, kind, "", name, is_primary=position == 0)
            for item_id, (kind, names) in ITEMS.items()
            for position, name in enumerate(names)]
    texts = [FieldText(item_id, name, Field.NAME)
             for item_id, (_, names) in ITEMS.items() for name in names]
    kinds = {item_id: kind for item_id, (kind, _) in ITEMS.items()}
    return Matcher(keys, texts, EVENT_VOCABULARY, kinds=kinds)


@pytest.mark.parametrize(
    ("question", "item_id"),
    [
        # Vietnamese typed without its accents (the KB has them)
        ("Hoi truong chinh o dau", "main-venue"),
        ("dien dan kinh te dai duong", "ocean-forum"),
        ("phong bao chi o dau?", "press-room"),
        ("hoi nghi quoc te", "icc"),
        # Russian: a name in another case, with or without frame words
        ("Главной площадке", "main-venue"),
        ("на главной площадке", "main-venue"),
        ("Кто выступает на форуме морской экономики?", "ocean-forum"),
        # Spanish frame words around a name
        ("¿Dónde está la sede principal?", "main-venue"),
        # Thai: no spaces between part of a name and the question words
        ("ศูนย์ประชุมอยู่ที่ไหน", "icc"),
        ("นิทรรศการอยู่ที่ไหน", "hall-expo"),
        ("ฟอรัมทะเลเริ่มกี่โมง", "ocean-forum"),
        # Traditional question, Simplified name; Simplified question, Traditional name
        ("國際會議中心在哪裡", "icc"),
        ("會議中心在哪裡", "icc"),
        ("濟州海洋經濟論壇幾點開始", "ocean-forum"),
        ("經濟論壇", "ocean-forum"),
        ("主会场在哪里", "main-venue"),
        ("展览馆", "hall-expo"),
    ],
)
def test_a_question_in_another_spelling_is_answered(
    matcher: Matcher, question: str, item_id: str
) -> None:
    decision = matcher.match(question)
    assert decision.outcome == "answer", (question, decision)
    assert decision.matches[0].item_id == item_id


@pytest.mark.parametrize(
    ("question", "item_id"),
    [
        ("ceremonia de inauguracion", "opening"),  # Ceremonia de Inauguración
        ("foro de economia oceanica", "ocean-forum"),  # Foro de Economía Oceánica
        ("salon verde", "green-lounge"),  # Salón Verde
        ("le khai mac", "opening"),  # Lễ Khai mạc
        ("Sảnh Triển Lãm ở đâu", "hall-expo"),  # Sảnh Triển lãm
        ("зеленая гостиная", "green-lounge"),  # Зелёная гостиная
        ("Где находится пресс-центр?", "press-room"),
        ("форуме морской экономики", "ocean-forum"),  # Форум морской экономики
        ("ห้องแถลงข่าวอยู่ที่ไหนครับ", "press-room"),
        ("พิธีเปิดงานเริ่มกี่โมงคะ", "opening"),
        ("新闻中心", "press-room"),  # 新聞中心
        ("展覽館在哪兒", "hall-expo"),
    ],
)
def test_another_spelling_of_a_whole_name_is_the_name(
    matcher: Matcher, question: str, item_id: str
) -> None:
    # Folded alike, the question is the name itself (100), not a near miss that a similar
    # name in a larger KB could beat.
    decision = matcher.match(question)
    assert (decision.outcome, decision.matches[0].item_id) == ("answer", item_id)
    assert decision.best_score == 100.0, (question, decision)


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("¿Dónde está la Sala de Prensa?", QuestionKind.WHERE),
        ("donde esta la sala de prensa", QuestionKind.WHERE),
        ("¿Cuándo es la ceremonia?", QuestionKind.WHEN),
        ("¿Quién habla en el foro?", QuestionKind.WHO),
        ("Где пресс-центр?", QuestionKind.WHERE),
        ("Когда церемония?", QuestionKind.WHEN),
        ("Кто выступает на форуме?", QuestionKind.WHO),
        ("Phòng báo chí ở đâu?", QuestionKind.WHERE),
        ("Lễ khai mạc mấy giờ?", QuestionKind.WHEN),
        ("Le khai mac khi nao", QuestionKind.WHEN),
        ("Diễn giả của diễn đàn là ai?", QuestionKind.WHO),
        ("ห้องแถลงข่าวอยู่ที่ไหน", QuestionKind.WHERE),
        ("พิธีเปิดเมื่อไร", QuestionKind.WHEN),
        ("ใครพูดในฟอรัม", QuestionKind.WHO),
        ("Di mana ruang pers?", QuestionKind.WHERE),
        ("Jam berapa upacara pembukaan?", QuestionKind.WHEN),
        ("Siapa pembicara forum?", QuestionKind.WHO),
        # Filipino and Taglish, Malay as typed, Cantonese: languages of APEC economies that
        # questions come in, though the bot replies in English or Chinese
        ("saan yung registration?", QuestionKind.WHERE),
        ("anong oras yung keynote ni Sec. Reyes?", QuestionKind.WHEN),
        ("Sino po si Kalihim Manalo?", QuestionKind.WHO),
        ("dewan 3 kat mana ek", QuestionKind.WHERE),
        ("bila business matching start", QuestionKind.WHEN),
        ("sape jual madu", QuestionKind.WHO),
        ("喺邊度攞證件", QuestionKind.WHERE),
        ("劉局長幾時上台", QuestionKind.WHEN),
        ("邊個講green bond", QuestionKind.WHO),
        ("wea haus sik?", QuestionKind.WHERE),  # Tok Pisin, Papua New Guinea's lingua franca
        ("wanem taim singsing i stat", QuestionKind.WHEN),
        ("husat i toktok long kofi", QuestionKind.WHO),
        ("whre is LG-17", QuestionKind.WHERE),  # question words as thumbs type them
        ("whn is the keynote", QuestionKind.WHEN),
        # a person's name asked for ("what was her name")
        ("商社の人、名前なんだっけ", QuestionKind.WHO),
        ("총영사님 성함이 어떻게 되세요?", QuestionKind.WHO),
        ("이름표 어디서 받아요", QuestionKind.WHERE),
        # ... or what they do and for whom: their card says
        ("rawiri whats his job", QuestionKind.WHO),
        ("강성민 편집장 어느 매체 소속이에요", QuestionKind.WHO),
        ("ดร.ศิริพร นี่ตำแหน่งอะไรในงานคะ", QuestionKind.WHO),
        ("el subsecretario del litio, cómo se llama", QuestionKind.WHO),
    ],
)
def test_question_frames_in_the_catalog_languages(question: str, kind: QuestionKind) -> None:
    assert analyse(question).kind == kind


@pytest.mark.parametrize(
    ("question", "left"),
    [
        ("¿Dónde está la Sala de Prensa?", "la sala de prensa"),
        ("Hoi truong chinh o dau", "hoi truong chinh"),
        ("ห้องแถลงข่าวอยู่ที่ไหนครับ", "ห้องแถลงข่าว"),
        ("Где находится пресс-центр?", "пресс-центр"),
        ("Di mana ruang pers?", "ruang pers"),
        ("新聞中心在哪兒", "新聞中心"),
        ("saan po ang registration?", "ang registration"),
        ("surau kat mana ek", "surau"),
        ("有冇wifi呀", "wifi"),
        ("plis kaikai i stap we?", "kaikai"),
        ("oconnor which company is he with", "oconnor company"),
        ("is jetro at the summit", "jetro"),  # the event itself: is it here
    ],
)
def test_frame_words_are_stripped_before_matching(question: str, left: str) -> None:
    assert analyse(question).stripped_text.strip(" ?¿") == left


def test_words_that_only_look_like_frames_stay() -> None:
    # "how do i get online" asks for the Wi-Fi: no way anywhere
    assert analyse("how do I get online").stripped_text == "how do i get online"
    assert analyse("how do I get to Halla Hall").stripped_text == "halla hall"
    # "AI" is not the Vietnamese "ai" (who); "đầu" (first) is not "đâu" (where) unaccented.
    assert analyse("AI session").kind == QuestionKind.UNKNOWN
    assert analyse("AI session").stripped_text == "ai session"
    assert analyse("lần đầu").stripped_text == "lần đầu"
    # "San Miguel" is no "san" (where, in Taglish), "May" no "may" (there is)
    assert analyse("San Miguel booth").stripped_text == "san miguel"
    assert analyse("what is on may 14").stripped_text == "on may 14"


def test_display_keeps_the_kb_spelling(matcher: Matcher) -> None:
    decision = matcher.match("le khai mac")
    assert decision.outcome == "answer"
    assert decision.matches[0].key_text == "Lễ Khai mạc"
    assert matcher.match("會議中心在哪裡").matches[0].key_text == "国际会议中心"


_MIXED_SCRIPTS = st.text(alphabet=st.sampled_from(
    "абвгдеёжзийклмнопрстуфхцчшщъыьэюя ЁЖ"  # Russian, upper and lower case
    "ạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹđĐơư eéñó"  # Vietnamese, Spanish
    "會場濟州議國際論壇經濟館薴苧 "  # Traditional Chinese, and a character t2s maps twice
    "ห้องประชุมใหญ่ ท่"  # Thai with its marks
    "\u0301\u0323 -"  # combining accents alone, punctuation
), max_size=30)


@settings(max_examples=300, deadline=None)
@given(_MIXED_SCRIPTS)
def test_folding_the_new_scripts_is_idempotent(text: str) -> None:
    once = normalize_text(text)
    assert normalize_text(once) == once
    assert match_key(once) == match_key(text)


def test_no_unaccented_frame_spelling_means_two_things() -> None:
    meaning: dict[str, Frame] = {}
    for lang, frames in FRAME_WORDS.items():
        for frame, phrases in frames.items():
            for phrase in phrases:
                bare = "".join(unaccented(phrase.casefold()).split())
                assert meaning.setdefault(bare, frame) == frame, (lang, phrase)


def test_a_thai_frame_with_sara_am_is_stripped() -> None:
    # NFKC splits ำ in two when the question is read; the frame words must be folded alike.
    analysis = analyse("ตำแหน่งห้องฮัลลา")
    assert analysis.kind.value == "where" and analysis.stripped_text == "ห้องฮัลลา"


# (no word of a synonym group inside them: a synonym phrase inside an unspaced question word is
# found before the KB's words, so 감귤농장투어 would be 감귤, citrus, and its other pieces)
CRUISES = (("bay-cruise", "深圳湾游船"), ("bay-forum", "湾区论坛"), ("pier", "游船码头"),
           ("stone-wall-tour", "돌담농장투어"), ("farm-market", "농장직송장터"))


@pytest.mark.parametrize(("glued", "spaced", "item_id"), [
    ("深圳湾游船几点出发", "深圳湾游船 几点出发", "bay-cruise"),
    ("돌담농장투어몇시출발", "돌담농장투어 몇시출발", "stone-wall-tour"),
])
def test_a_kb_word_inside_an_unspaced_question_word_counts_whole(glued: str, spaced: str,
                                                                 item_id: str) -> None:
    texts = [FieldText(i, text, Field.NAME) for i, text in CRUISES]
    lexical = Matcher((), texts, SHIPPED_VOCABULARY,
                      kinds=dict.fromkeys(dict(CRUISES), "side_event")).lexical
    found, apart = lexical.score(glued).scores, lexical.score(spaced).scores
    # only the item that holds the whole word, not one sharing a piece of it (游船 of the pier)
    assert list(found) == [item_id]
    assert found[item_id] >= apart[item_id]  # no less than the same word written apart


def test_a_russian_word_reaches_what_the_kb_spells_only_in_latin_letters() -> None:
    items = {"mary-kundi": ("person", "Mary Kundi"), "hiroshi-tanaka": ("person", "Hiroshi Tanaka"),
             "faq-vpn": ("faq", "Telegram and WhatsApp blocked? Use the VPN")}
    keys = [IndexKey(item_id, kind, "", name, is_primary=True)
            for item_id, (kind, name) in items.items()]
    texts = [FieldText(item_id, name, Field.NAME) for item_id, (_, name) in items.items()]
    matcher = Matcher(keys, texts, EVENT_VOCABULARY,
                      kinds={item_id: kind for item_id, (kind, _) in items.items()})
    # (a surname alone may be a "did you mean")
    for question, item_id in [("Кто такая Кунди?", "mary-kundi"),
                              ("Хироси Танака где выступает", "hiroshi-tanaka"),
                              ("телеграм", "faq-vpn")]:
        decision = matcher.match(question)
        assert decision.outcome in {"answer", "confirm"}, (question, decision)
        assert decision.matches[0].item_id == item_id
    assert romanized("Щукин") == "shchukin"  # one letter may be several
