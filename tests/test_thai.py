"""Thai text cut into dictionary words (the optional ``thai`` extra, PyThaiNLP)."""

from __future__ import annotations

import pytest

from eventbot.bot.matching import SHIPPED_VOCABULARY, Field, FieldText, IndexKey, thai
from eventbot.bot.matching.lexical import _pieces
from eventbot.bot.matching.retrieval import Matcher

pytest.importorskip("pythainlp")


def test_a_thai_run_is_cut_into_words_at_their_places() -> None:
    run = "บูธชาอยู่ตรงไหน"
    spans = thai.word_spans(run)
    assert spans is not None
    assert all(run[start:stop] == word for start, stop, word in spans)
    assert {"บูธ", "ชา"} <= {word for _, _, word in spans}


def test_a_word_inside_a_longer_one_is_found_where_clusters_meet() -> None:
    assert "ทะเล" in thai.inner_words("ทางทะเล")  # sea, in maritime
    assert "ศูนย" not in thai.inner_words("ศูนย์ประชุม")  # cut before its mark: no word


def test_polite_particles_and_function_words_are_stopwords() -> None:
    assert {"ครับ", "คะ", "อยู่"} <= thai.stopwords()
    assert "ห้อง" not in thai.stopwords()  # a room is a subject


def test_chat_particles_weigh_nothing_and_silk_stays() -> None:
    lexical = _matcher().lexical
    assert lexical.score("ชิมชาอูหลงได้ป่าว") == lexical.score("ชิมชาอูหลงได้")
    assert lexical.score("ผ้าไหม").scores  # ไหม asks "or not", but is also silk


def _matcher() -> Matcher:
    items = (("tea", "exhibitor", "ชาดอยแม่สลอง"), ("silk", "exhibitor", "ผ้าไหมสันกำแพง"),
             ("pray", "faq", "ห้องละหมาดอยู่ที่ไหน"), ("hall", "room", "ห้องประชุมใหญ่"))
    keys = [IndexKey(item_id, kind, "th", name, True) for item_id, kind, name in items]
    texts = [FieldText(item_id, name, Field.NAME) for item_id, _, name in items]
    texts += [FieldText("tea", "ชาอูหลงจากดอยแม่สลอง ชิมฟรีที่บูธ", Field.ENTITY),
              FieldText("silk", "ผ้าไหมทอมือและผ้าซิ่น", Field.ENTITY)]
    return Matcher(keys, texts, SHIPPED_VOCABULARY, kinds={i: k for i, k, _ in items})


def test_a_question_meets_the_kb_on_words_not_on_where_two_words_meet() -> None:
    # Pairs of letter clusters would also match อย, าก, ลง: pieces of อยาก and หลง that
    # stand for nothing, found in many other words.
    matched = _matcher().lexical.score("อยากชิมชาอูหลง").matched
    assert {"ชิม", "ชา", "หลง"} <= matched
    assert matched <= {"ชิม", "ชา", "อู", "หลง"}  # อยาก (want) is a function word


@pytest.mark.parametrize(("question", "item_id"), [("อยากชิมชาอูหลงครับ", "tea"),
                                                    ("ผ้าซิ่นทอมือซื้อที่ไหนคะ", "silk")])
def test_a_thai_question_finds_the_item_by_its_words(question: str, item_id: str) -> None:
    decision = _matcher().match(question)
    assert decision.outcome != "fallback", decision
    assert decision.matches[0].item_id == item_id


def test_without_pythainlp_thai_pieces_are_pairs_of_letter_clusters(monkeypatch) -> None:
    cached = (thai.word_spans, thai.stopwords, thai.inner_words)
    for function in cached:
        function.cache_clear()
    monkeypatch.setattr(thai, "_segmenter", lambda: False)
    try:
        assert thai.word_spans("ทางทะเล") is None and thai.inner_words("ทางทะเล") == ()
        assert thai.stopwords() == frozenset()
        assert _pieces("ทางทะเล") == ["ทา", "าง", "งท", "ทะ", "ะเล"]
    finally:
        for function in cached:
            function.cache_clear()  # the real segmenter's answers again for the next tests
