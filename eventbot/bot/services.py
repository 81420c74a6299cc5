"""What the handlers need, built once at start-up: config, storage, the concierge, a clock."""

from __future__ import annotations

import asyncio
import logging
import os
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


def default_store() -> Path:
    """Return where command-line runs keep item vectors (the user's cache folder)."""
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "eventbot" / "embeddings.npz"


@dataclass(frozen=True)
class Semantic:
    """The sentence-embedding signal, when on: its model and where item vectors are kept."""

    embedder: Embedder
    vectors: VectorStore

    @classmethod
    def load(cls, vectors: Path, stream: TextIO, *, asked_by: str,
             meanwhile: str = "") -> Semantic | None:
        """Load the model, item vectors kept in ``vectors``; None, said on ``stream`` with
        what ``asked_by`` it, if eventbot[semantic] is not installed."""
        try:
            from eventbot.bot.matching.semantic import VectorStore, load_embedder

            return cls(load_embedder(), VectorStore(vectors))
        except ImportError:
            print(f"{asked_by} needs its model, which is not installed: pip install "
                  f"'eventbot[semantic]'{meanwhile}", file=stream)
            return None

    @classmethod
    def from_config(cls, matching: MatchingConfig, stream: TextIO) -> Semantic | None:
        """Load the model if the configuration asks for it (None if off or not installed)."""
        if not matching.semantic:
            return None
        return cls.load(matching.embeddings_path, stream, asked_by="matching.semantic",
                        meanwhile=" (matching by words alone meanwhile)")

    def concierge(self, kb: KnowledgeBase) -> Concierge:
        """Return the KB's concierge with sentence embeddings (embedding what isn't kept)."""
        return Concierge(kb, embedder=self.embedder, vectors=self.vectors)


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

    def _build(self) -> Concierge:
        kb = load_knowledge(self.path)
        return self._semantic.concierge(kb) if self._semantic else Concierge(kb)

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
            concierge = await asyncio.to_thread(self._build)
            old = self._concierge.kb
            self._concierge = concierge  # one assignment: a question sees the old or the new KB
            settle_heap()
            logger.info("knowledge base reloaded from %s", self.path)
            return old, concierge.kb


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
