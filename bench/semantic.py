"""Measure what the optional sentence embeddings cost on the sample KB, against words alone.

Prints, for the sample knowledge base: the index build with words alone, with embeddings and
no vectors kept (the first start), and with them kept (every later start or reload); the
process's memory after each; and the time per question over the public eval questions, p50
and p99, with and without embeddings. Needs eventbot[semantic].

Run ``python bench/semantic.py``.
"""

from __future__ import annotations

import resource
import statistics
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from eventbot.bot.concierge import Concierge
from eventbot.bot.evaluation import default_moment, load_cases
from eventbot.bot.kb import load_knowledge
from eventbot.bot.kb.keys import field_texts
from eventbot.bot.matching.semantic import VectorStore, load_embedder, passages_of

ROOT = Path(__file__).resolve().parent.parent
KB = ROOT / "knowledge"
QUESTIONS = ROOT / "tests" / "eval" / "questions.yaml"


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _timed_build(**kwargs: object) -> tuple[Concierge, float]:
    kb = load_knowledge(KB)
    start = time.perf_counter()
    concierge = Concierge(kb, **kwargs)  # type: ignore[arg-type]
    return concierge, time.perf_counter() - start


def _latencies(concierge: Concierge, questions: list[str], now: datetime) -> list[float]:
    times = []
    for question in questions:
        start = time.perf_counter()
        concierge.ask(question, now=now)
        times.append((time.perf_counter() - start) * 1000)
    return sorted(times)


def main() -> None:
    """Print build times, memory and per-question latency, words alone against embeddings."""
    _timed_build()  # the first build also loads what every later one shares
    words, build_words = _timed_build()
    rss_words = _rss_mb()
    cases = load_cases(QUESTIONS, words.kb)
    questions = [case.q for case in cases]
    now = default_moment(words.kb)
    embedder = load_embedder()
    rss_model = _rss_mb()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "vectors.npz"
        _, build_cold = _timed_build(embedder=embedder, vectors=VectorStore(path))
        semantic, build_warm = _timed_build(embedder=embedder, vectors=VectorStore(path))
    rss_semantic = _rss_mb()
    plain = _latencies(words, questions, now)
    helped = _latencies(semantic, questions, now)
    helped_again = _latencies(semantic, questions, now)  # decisions kept: a repeated question

    def p(values: list[float], share: float) -> float:
        return values[min(len(values) - 1, int(share * len(values)))]

    texts = len(passages_of(field_texts(words.kb)))
    print(f"items={len(words.kb.items)} item_texts={texts} questions={len(questions)}")
    print(f"build_s words={build_words:.2f} semantic_first={build_cold:.2f} "
          f"semantic_kept={build_warm:.2f} ratio_kept={build_warm / build_words:.1f}")
    print(f"rss_mb words={rss_words:.0f} model_loaded={rss_model:.0f} semantic={rss_semantic:.0f}")
    ratio = p(helped, 0.99) / p(plain, 0.99)
    print(f"ask_ms words p50={statistics.median(plain):.2f} p99={p(plain, 0.99):.2f} | "
          f"semantic p50={statistics.median(helped):.2f} p99={p(helped, 0.99):.2f} "
          f"(asked again p99={p(helped_again, 0.99):.2f}) ratio_p99={ratio:.1f}")


if __name__ == "__main__":
    main()
