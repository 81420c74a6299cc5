"""What the handlers need, built once at start-up: config, storage, the concierge, a clock."""

from __future__ import annotations

import asyncio
import logging
import threading
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from eventbot.bot.clock import Clock
from eventbot.bot.concierge import Concierge
from eventbot.bot.config import Config, MatchingConfig
from eventbot.bot.kb import KnowledgeBase, KnowledgeBaseError, load_knowledge
from eventbot.bot.matching import settle_heap
from eventbot.bot.outbox import TokenBucket
from eventbot.bot.storage import Storage

if TYPE_CHECKING:
    from eventbot.bot.matching.semantic import Embedder, VectorStore

logger = logging.getLogger(__name__)
ReloadListener = Callable[[KnowledgeBase, KnowledgeBase], Awaitable[None]]


@dataclass(frozen=True)
class Semantic:
    """The sentence-embedding signal, when on: its model and where item vectors are kept."""

    embedder: Embedder
    vectors: VectorStore

    @classmethod
    def from_config(cls, matching: MatchingConfig, stream: TextIO) -> Semantic | None:
        """Load the model if asked for; None if off, or (said on ``stream``) not installed."""
        if not matching.semantic:
            return None
        try:
            from eventbot.bot.matching.semantic import VectorStore, load_embedder

            return cls(load_embedder(), VectorStore(matching.embeddings_path))
        except ImportError:
            print("matching.semantic is on, but its model is not installed: pip install "
                  "'eventbot[semantic]' (matching by words alone meanwhile)", file=stream)
            return None


class KnowledgeHolder:
    """Hold the current knowledge base and its concierge; swap both at once on reload."""

    def __init__(self, path: Path, concierge: Concierge,
                 semantic: Semantic | None = None) -> None:
        self.path = path
        self._concierge = concierge
        self._semantic = semantic
        self._lock = asyncio.Lock()
        # Set once the first KB's sentence embeddings are in use (at once without them).
        self.semantic_ready = threading.Event()
        if semantic is None:
            self.semantic_ready.set()

    @classmethod
    def load(cls, path: Path, semantic: Semantic | None = None) -> KnowledgeHolder:
        """Load the knowledge base at ``path`` (raises KnowledgeBaseError if invalid).

        With sentence embeddings, the words answer from the start: the first start embeds
        every item text (minutes for a large KB), so that runs in the background and the
        embeddings join when ready.
        """
        holder = cls(path, Concierge(load_knowledge(path)), semantic)
        settle_heap()
        if semantic is not None:
            threading.Thread(target=holder._add_semantic, args=(holder._concierge, semantic),
                             name="embeddings", daemon=True).start()
        return holder

    def _add_semantic(self, concierge: Concierge, semantic: Semantic) -> None:
        try:
            concierge.add_semantic(semantic.embedder, semantic.vectors)
            logger.info("sentence embeddings in use")
        except Exception:  # the words go on answering; the log says why
            logger.exception("sentence embeddings failed; matching by words alone")
        finally:
            self.semantic_ready.set()

    @classmethod
    def load_or_report(cls, path: Path, stream: TextIO,
                       semantic: Semantic | None = None) -> KnowledgeHolder | None:
        """Load the knowledge base, or write every problem to ``stream`` and return None."""
        try:
            return cls.load(path, semantic)
        except KnowledgeBaseError as exc:
            print(f"the knowledge base in {path} is invalid:", file=stream)
            print(exc.format(str(path)), file=stream)
            return None

    @property
    def concierge(self) -> Concierge:
        """Return the concierge of the current knowledge base."""
        return self._concierge

    @property
    def kb(self) -> KnowledgeBase:
        """Return the current knowledge base."""
        return self._concierge.kb

    async def reload(self) -> tuple[KnowledgeBase, KnowledgeBase]:
        """Re-read the folder and swap it in only if valid; return (old, new).

        Raises KnowledgeBaseError, with every problem, and keeps the old one if invalid.
        """
        async with self._lock:
            # Parsing and index building are CPU work: keep the event loop answering meanwhile.
            concierge = await asyncio.to_thread(
                lambda: _concierge(load_knowledge(self.path), self._semantic))
            old = self._concierge.kb
            self._concierge = concierge  # one assignment: a question sees the old or the new KB
            settle_heap()
            logger.info("knowledge base reloaded from %s", self.path)
            return old, concierge.kb


def _concierge(kb: KnowledgeBase, semantic: Semantic | None) -> Concierge:
    if semantic is None:
        return Concierge(kb)
    return Concierge(kb, embedder=semantic.embedder, vectors=semantic.vectors)


@dataclass
class Services:
    """Everything the handlers use, reachable as ``context.services``."""

    config: Config
    knowledge: KnowledgeHolder
    clock: Clock
    storage: Storage | None = None
    # Called after every successful reload with (old, new), e.g. to notify schedule changes.
    reload_listeners: list[ReloadListener] = field(default_factory=list)
    # Every message the bot sends, whichever part sends it, takes a token from this one bucket.
    send_budget: TokenBucket = field(init=False)

    def __post_init__(self) -> None:
        self.send_budget = TokenBucket.for_send_budget(self.config.telegram.messages_per_second)

    @property
    def store(self) -> Storage:
        """Return the open storage (it is opened in post_init)."""
        if self.storage is None:
            raise RuntimeError("storage is not open yet")
        return self.storage
