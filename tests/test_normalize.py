"""Normalisation makes spelling variants meet; frame words tell the question kind."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rapidfuzz import fuzz

from eventbot.bot.matching.intent import FRAME_WORDS, QuestionKind, TimeHint, analyse, script_lang
from eventbot.bot.matching.normalize import (
    choseong,
    choseong_query,
    fold_key,
    match_key,
    normalize_text,
    strip_particles,
    to_jamo,
    tokens,
)

# ----------------------------------------------------------------------------- normalisation


@pytest.mark.parametrize(
    "variant",
    ["K-Beauty", "k beauty", "K Beauty", "kbeauty", "K·Beauty", "K_BEAUTY", "ｋ－ｂｅａｕｔｙ",
     " k  -  beauty ", "K–Beauty"],
)
def test_latin_spelling_variants_meet(variant: str) -> None:
    assert match_key(variant) == "kbeauty"


@pytest.mark.parametrize(
    "variant", ["K뷰티 전시관", "K-뷰티 전시관", "k 뷰티전시관", "Ｋ뷰티　전시관"]
)
def test_hangul_spacing_and_hyphen_variants_meet(variant: str) -> None:
    assert match_key(variant) == to_jamo("k뷰티전시관")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ｋ－ｂｅａｕｔｙ", "k beauty"),  # full-width folded by NFKC, hyphen split
        ("ＩＣＣ　Ｊｅｊｕ", "icc jeju"),  # ideographic space is a space
        ("はるらほーる", "ハルラホール"),  # hiragana -> katakana
        ("ﾊﾙﾗﾎｰﾙ", "ハルラホール"),  # half-width katakana
        ("Straße", "strasse"),  # casefold, not lower
        ("Halla Hall!!", "halla hall"),
        ("济州/濟州", "济州 济州"),  # Traditional folded to Simplified (OpenCC t2s)
        ("Hội nghị Đà Nẵng", "hoi nghi da nang"),  # Latin accents dropped, đ -> d
        ("Ёж", "еж"),  # ё read as е
        ("Главной площадке", "главн площадк"),  # crude Russian stem, as on the KB side
        ("Liam O’Connor", "liam oconnor"),  # a name's apostrophe joins, as typed
        ("Xi'an", "xian"),
        ("Lee's talk", "lee s talk"),  # a possessive's does not
    ],
)
def test_normalize(text: str, expected: str) -> None:
    assert normalize_text(text) == expected


@pytest.mark.parametrize(
    ("token", "expected"),
    [
        ("한라홀에서", "한라홀"),
        ("포럼은", "포럼"),
        ("장소가", "장소"),
        ("한라홀이에요", "한라홀"),  # copula
        ("제주도에서도", "제주"),  # stacked: 에서도 -> 도 (both sides strip alike)
        ("ICC에서", "ICC"),
        ("AI가", "AI"),
        ("식품대전까지", "식품대전"),
        ("홀에", "홀에"),  # a one-syllable stem stays whole
        ("포럼", "포럼"),
        ("이", "이"),
        ("", ""),
    ],
)
def test_strip_particles(token: str, expected: str) -> None:
    assert strip_particles(token) == expected


def test_particles_are_stripped_per_token() -> None:
    assert tokens("한라홀에서 포럼은 언제") == ["한라홀", "포럼", "언제"]


def test_jamo_make_a_typo_closer_than_a_different_word() -> None:
    typo = fuzz.ratio(match_key("한라홀"), match_key("한라올"))
    other_hall = fuzz.ratio(match_key("한라홀"), match_key("탐라홀"))
    assert typo == pytest.approx(87.5)
    assert other_hall == pytest.approx(75.0)
    assert fuzz.ratio("한라홀", "한라올") < typo  # syllables alone would see 66.7


def test_to_jamo_decomposes_syllables_only() -> None:
    assert to_jamo("한a") == "\u1112\u1161\u11aba"
    assert to_jamo("ハル") == "ハル"


def test_choseong_of_a_key() -> None:
    assert choseong("제주국제컨벤션센터") == unicodedata.normalize("NFKC", "ㅈㅈㄱㅈㅋㅂㅅㅅㅌ")
    assert choseong("k뷰티 전시관") == unicodedata.normalize("NFKC", "ㅂㅌㅈㅅㄱ")


@pytest.mark.parametrize(
    "query", ["ㅎㄹㅎ", " ㅎ ㄹ ㅎ? ", unicodedata.normalize("NFKC", "ㅎㄹㅎ")]
)
def test_choseong_query_detects_initials_raw_or_nfkc(query: str) -> None:
    assert choseong_query(query) == choseong("한라홀")


@pytest.mark.parametrize("query", ["한라홀", "ㅎ", "ㄳㄹ", "ㅎㄹa", "", "ㅏㅎ"])
def test_choseong_query_rejects_other_text(query: str) -> None:
    assert choseong_query(query) is None


@pytest.mark.parametrize(
    ("left", "right"),
    [("K-Beauty", "k beauty"), ("ｋ－ｂｅａｕｔｙ", "KBEAUTY"), ("ICC Jeju", "icc-jeju")],
)
def test_fold_key_detects_collisions(left: str, right: str) -> None:
    assert fold_key(left) == fold_key(right)


def test_fold_key_keeps_syllables_and_particles() -> None:
    assert fold_key("한라 홀") == "한라홀"
    assert fold_key("한라홀에서") != fold_key("한라홀")


# ------------------------------------------------------------------------- property tests


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_normalize_is_idempotent(text: str) -> None:
    once = normalize_text(text)
    assert normalize_text(once) == once


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_match_key_agrees_on_normalised_input(text: str) -> None:
    key = match_key(text)
    assert " " not in key
    assert match_key(normalize_text(text)) == key


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(min_codepoint=0xAC00, max_codepoint=0xD7A3) | st.just(" ")))
def test_hangul_always_becomes_jamo(text: str) -> None:
    key = match_key(text)
    assert not any("\uac00" <= char <= "\ud7a3" for char in key)


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_fold_key_and_choseong_never_raise(text: str) -> None:
    assert fold_key(fold_key(text)) == fold_key(text)
    choseong(text)
    choseong_query(text)
    analyse(text)


def test_huge_input_is_handled() -> None:
    text = "한라홀에서 K-Beauty はるら 汉拏厅 " * 50_000  # ~1.2 MB
    result = normalize_text(text)
    assert result.startswith("한라홀 k beauty ハルラ 汉拏厅 ")
    assert len(match_key(text)) > 1_000_000


# --------------------------------------------------------------------------- question frames


@pytest.mark.parametrize(
    ("question", "kind", "time_hint", "stripped"),
    [
        ("한라홀 어디야?", QuestionKind.WHERE, None, "한라홀 ?"),
        ("한라홀 가는 길 알려줘", QuestionKind.WHERE, None, "한라홀"),
        ("한라홀 가는길 알려 주세요", QuestionKind.WHERE, None, "한라홀"),
        ("한라홀어디야", QuestionKind.WHERE, None, "한라홀"),
        ("장소가 어디예요", QuestionKind.WHERE, None, ""),
        ("식품대전 몇 시에 시작해요", QuestionKind.WHEN, None, "식품대전"),
        ("전시장 몇시까지 해요", QuestionKind.WHEN, None, "전시장"),
        ("입장 언제부터", QuestionKind.WHEN, None, "입장"),
        ("다음 세션 언제", QuestionKind.WHEN, TimeHint.NEXT, "세션"),
        ("301等一下是什麼場", QuestionKind.WHAT, TimeHint.NEXT, "301 場"),  # in a moment
        ("この後のセッションは", QuestionKind.UNKNOWN, TimeHint.NEXT, "のセッションは"),
        ("개막식 연사 누구야", QuestionKind.WHO, None, "개막식"),
        ("부스 몇 개 있어", QuestionKind.BOOTH, None, ""),
        ("K-뷰티 몇 번 부스야", QuestionKind.BOOTH, None, "k-뷰티"),
        ("지금 한라홀에서 뭐 해?", QuestionKind.WHAT, TimeHint.NOW, "한라홀에서 ?"),
        ("오늘 일정", QuestionKind.WHEN, TimeHint.TODAY, ""),
        ("Where's Halla Hall?", QuestionKind.WHERE, None, "halla hall?"),
        ("how do I get to ICC", QuestionKind.WHERE, None, "icc"),
        ("What time does the Food Expo start", QuestionKind.WHEN, None, "food expo"),
        ("michael tan keynote time", QuestionKind.WHEN, None, "michael tan keynote"),
        ("开幕式时间", QuestionKind.WHEN, None, "开幕式"),  # as 時間 already was
        ("決賽喺邊個hall", QuestionKind.WHERE, None, "決賽"),  # Cantonese with the English word
        ("路演决赛在哪个hall", QuestionKind.WHERE, None, "路演决赛"),
        ("время пленарного заседания", QuestionKind.WHEN, None, "пленарного заседания"),
        ("waktu keynote", QuestionKind.WHEN, None, "keynote"),
        ("địa điểm khai mạc", QuestionKind.WHERE, None, "khai mạc"),
        ("место проведения пленарного заседания", QuestionKind.WHERE, None,
         "пленарного заседания"),
        ("who is the speaker", QuestionKind.WHO, None, ""),
        ("what's on now", QuestionKind.WHAT, TimeHint.NOW, "on"),
        ("ＷＨＥＲＥ is ICC", QuestionKind.WHERE, None, "icc"),
        ("knowledge nowhere", QuestionKind.UNKNOWN, None, "knowledge nowhere"),
        ("ハルラホールはどこですか", QuestionKind.WHERE, None, "ハルラホール"),
        ("フードエキスポは何時から", QuestionKind.WHEN, None, "フードエキスポ"),
        ("今日のスケジュール", QuestionKind.WHEN, TimeHint.TODAY, ""),
        ("汉拏厅在哪里", QuestionKind.WHERE, None, "汉拏厅"),
        ("汉拏厅今天什么时候开始", QuestionKind.WHEN, TimeHint.TODAY, "汉拏厅"),
        ("金角湾厅在几楼", QuestionKind.WHERE, None, "金角湾厅"),  # which floor
        ("golden horn hall what floor", QuestionKind.WHERE, None, "golden horn hall"),
        ("골든혼 홀 몇 층이에요", QuestionKind.WHERE, None, "골든혼 홀"),
        ("ゴールデンホーンホールは何階", QuestionKind.WHERE, None, "ゴールデンホーンホール"),
        ("en q sala es el pitch", QuestionKind.WHERE, None, "es el pitch"),
        ("где доклад", QuestionKind.WHERE, None, "доклад"),
        ("куда куртку сдать", QuestionKind.WHERE, None, "куртку сдать"),  # where to
        ("展位号是多少", QuestionKind.BOOTH, None, "号"),
        ("비트코인 가격", QuestionKind.UNKNOWN, None, "비트코인 가격"),
        ("일정표 보여줘", QuestionKind.UNKNOWN, None, "일정표 보여줘"),  # 일정 must end its word
    ],
)
def test_analyse(
    question: str, kind: QuestionKind, time_hint: TimeHint | None, stripped: str
) -> None:
    analysis = analyse(question)
    assert (analysis.kind, analysis.time_hint, analysis.stripped_text) == (
        kind, time_hint, stripped,
    )


@pytest.mark.parametrize(
    ("text", "lang"),
    [("한라홀 어디", "ko"), ("ハルラホール", "ja"), ("会場はどこ", "ja"), ("汉拏厅", "zh"),
     ("Halla Hall", "en"), ("K-뷰티", "ko"), ("123", "en"), ("", "en"),
     ("где зал Халла", "ru"), ("ห้องฮัลลาอยู่ที่ไหน", "th"), ("Зал Halla", "ru"),
     ("dónde está la sala", "en")],
)
def test_script_lang(text: str, lang: str) -> None:
    assert script_lang(text) == lang
    assert analyse(text).script_lang == lang


def test_no_frame_phrase_means_two_things() -> None:
    meaning: dict[str, object] = {}
    for frames in FRAME_WORDS.values():
        for frame, phrases in frames.items():
            for phrase in phrases:
                squashed = "".join(phrase.split())
                assert meaning.setdefault(squashed, frame) == frame, phrase


@pytest.mark.parametrize(("text", "expected"), [
    ("명찰 잃어버렸어요ㅠㅠ", "명찰 잃어버렸어요"), ("감사합니다ㅋㅋㅋ", "감사합니다"),
    ("ㅋㅋ 부스 어디", "부스 어디"), ("와이파이 ㅜㅜ 안돼요", "와이파이 안돼요"),
    ("ㅎㄹㅎ", "ㅎㄹㅎ"),  # initials: a search, not laughter
    ("한라홀", "한라홀"), ("wifi?", "wifi?"),
])
def test_korean_chat_emoticons_are_dropped(text: str, expected: str) -> None:
    from eventbot.bot.matching.normalize import without_emoticons
    assert without_emoticons(text) == expected


def test_a_question_with_an_emoticon_is_answered_as_without() -> None:
    from eventbot.bot.concierge import Concierge
    from eventbot.bot.evaluation import default_moment
    from eventbot.bot.kb import load_knowledge
    from tests.paths import SAMPLE_KB
    concierge = Concierge(load_knowledge(SAMPLE_KB))
    now = default_moment(concierge.kb)
    plain = concierge.ask("한라홀 어디예요", now=now)
    assert concierge.ask("한라홀 어디예요ㅠㅠ", now=now).matches == plain.matches
    assert concierge.ask("고마워요ㅋㅋ", now=now).reply == concierge.ask("고마워요", now=now).reply


@pytest.mark.parametrize(("question", "kept", "kind"), [
    ("có gian nào bán esim du lịch không", "du lịch", QuestionKind.UNKNOWN),
    ("co gian nao ban esim du lich ko", "du lich", QuestionKind.UNKNOWN),
    ("tour lịch sử hội an", "lịch sử", QuestionKind.UNKNOWN),
    ("ผ้าไหมซื้อได้ที่ไหน", "ผ้าไหม", QuestionKind.WHERE),
])
def test_a_word_holding_a_frame_word_is_not_one(question: str, kept: str,
                                                kind: QuestionKind) -> None:
    # du lịch (travel) holds lịch (schedule), ผ้าไหม (silk) the particle ไหม
    analysis = analyse(question)
    assert kept in analysis.stripped_text
    assert analysis.kind is kind
    # ... while the frame word alone still asks
    assert analyse("lịch hội thảo AI").kind is QuestionKind.WHEN


W, N, T, B = QuestionKind.WHERE, QuestionKind.WHEN, QuestionKind.WHAT, QuestionKind.BOOTH


@pytest.mark.parametrize(("question", "kind", "left"), [
    # Korean as texted: 요 as 여, the copula as 임, 해요 as 함, 어디 as ㅇㄷ
    ("쿠킹쇼 몇시에여", N, "쿠킹쇼"), ("쿠킹쇼 어디에여", W, "쿠킹쇼"),
    ("패널 어디서함", W, "패널"), ("쿠킹쇼 언제함", N, "쿠킹쇼"), ("쿠킹쇼 몇시임", N, "쿠킹쇼"),
    ("한라홀 어디임", W, "한라홀"), ("한라홀 어딨어여", W, "한라홀"),
    ("와파 비번 ㅇㄷ", W, "와파 비번"),
    # what a talk is about
    ("刘芳讲什么题目", T, "刘芳讲"), ("劉芳講什麼題目", T, "劉芳講"),
    # a place asked for by what one can do there; which room in Indonesian and Malay
    ("スマホ充電できるとこある？", W, "スマホ充電できる ?"),
    ("日本酒飲めるところある？", W, "日本酒飲める ?"),
    ("panelnya di ruang mana", W, "panelnya di"),
    ("bengkel tu kat bilik mana", W, "bengkel tu kat"),
    # how much money is the question, not a subject
    ("請問一下停車一小時多少錢", T, "停車一小時"),
    ("晚上坐船看深圳湾 票多少钱", T, "晚上坐船看深圳湾 票"),
    ("聽晚天台嗰個party使唔使錢", T, "聽晚天台 party"), ("现场报名要钱不", T, "现场报名"),
    # which company, and its booth number
    ("おもてなしAIってどこの会社？", T, "おもてなしaiって ?"), ("楽市のブース番号は", B, "楽市"),
    ("自动猫砂盆那家叫啥", T, "自动猫砂盆那家"),
    # Spanish as texted; Russian, Vietnamese and Malay ways of asking
    ("a q hora es la cata de chocolate", N, "es la cata de chocolate"),
    ("la ronda 3 del pitch q dia es", N, "la ronda 3 del pitch es"),
    ("как с аэропорта доехать до острова", W, "как с аэропорта острова"),
    ("cafe sang thu 6 o quan nao vay", W, "cafe sang thu 6"),
    ("vào xem triển lãm có mất tiền ko", T, "vào xem triển lãm ko"),
    ("gerai bandar pintar nombor berapa", B, "gerai bandar pintar"),
    # Thai: in which room, hall or stage
    ("เซสชั่นส่งทุเรียนไปจีนอยู่ห้องไหนคะ", W, "เซสชั่นส่งทุเรียนไปจีน"),
    ("พาวิลเลียนจีนอยู่ฮอลไหนคะ", W, "พาวิลเลียนจีน"), ("พิตช์อยู่เวทีไหนคะ", W, "พิตช์"),
    # which hall, stage or building, in the other languages
    ("中国馆在几号馆", W, "中国馆"), ("路演在哪个舞台", W, "路演"), ("展示は何号館", W, "展示"),
    ("세미나 어느 홀에서 해요", W, "세미나"), ("mesa redonda en qué salón", W, "mesa redonda"),
    ("pitch at which stage", W, "pitch"), ("thi pitch ở sân khấu nào", W, "thi pitch ở"),
    # how long: the card gives the times
    ("how long is the keynote", N, "keynote"), ("cuánto dura el taller", N, "el taller"),
    ("投資セミナーはどのくらい", N, "投資セミナー"), ("сколько длится пленарное", N, "пленарное"),
])
def test_ways_of_asking_as_attendees_type_them(question: str, kind: QuestionKind,
                                               left: str) -> None:
    analysis = analyse(question)
    assert (analysis.kind, analysis.stripped_text) == (kind, left)


@pytest.mark.parametrize("question", ["참여 신청", "장비 대여", "모임 장소 안내", "게임 대회"])
def test_words_ending_like_texting_stay(question: str) -> None:
    assert analyse(question).stripped_text.startswith(question.split()[0])
