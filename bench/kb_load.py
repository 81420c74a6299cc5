"""Benchmark: load and validate a synthetic 10,000-item knowledge base.

Prints the load+validate time and its ratio to plain ``yaml.safe_load`` of the same files,
measured in the same run (the machine is shared, so only the ratio travels well).
Last line: ``kb_load: items=N seconds=S ratio_vs_safe_load=R``.
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from pathlib import Path

import yaml

from eventbot.bot.kb import load_knowledge

SYLLABLES = "가나다라마바사아자차카타파하제주한라컨벤션센터포럼혁신중소기업전시관"
WORDS = ["Innovation", "Forum", "Digital", "Startup", "Summit", "Expo", "Hall", "Green",
         "Beauty", "Tech", "Food", "Ocean", "Smart", "Policy", "Network", "Alliance"]


def _ko(rng: random.Random, n: int) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(n))


def _en(rng: random.Random, n: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n))


def _text(rng: random.Random, index: int) -> str:
    return f"{{ko: '{_ko(rng, 5)} {index}', en: '{_en(rng, 3)} {index}'}}"


def generate(folder: Path, items: int, seed: int = 7) -> None:
    """Write a valid KB of about ``items`` items split over several files."""
    rng = random.Random(seed)
    venues, rooms_per = items // 50, 3
    pavilions = items // 100
    faq = items // 20
    exhibitors = items // 4
    sessions = items - venues * (1 + rooms_per) - pavilions - faq - exhibitors
    (folder / "event.yaml").write_text(
        "event:\n  name: {ko: 벤치 행사, en: Bench Event}\n  timezone: Asia/Seoul\n"
        "  dates: {start: 2025-09-01, end: 2025-09-05}\n  default_language: ko\n"
        "  languages: [ko, en, ja, zh]\n  required_languages: [ko, en]\n", "utf-8")
    out = ["venues:"]
    for v in range(venues):
        out += [f"  - id: v{v}", f"    name: {_text(rng, v)}",
                f"    location: {{lat: {rng.uniform(33, 38):.4f}, "
                f"lon: {rng.uniform(126, 129):.4f}}}",
                f"    address: {_text(rng, v)}",
                f"    aliases: {{ko: ['{_ko(rng, 4)}v{v}'], en: ['venue {v}']}}", "    rooms:"]
        out += [f"      - {{id: v{v}r{r}, name: {_text(rng, r)}}}" for r in range(rooms_per)]
    (folder / "venues.yaml").write_text("\n".join(out) + "\n", "utf-8")
    out = ["sessions:"]
    for s in range(sessions):
        day, hour = 1 + s % 5, 8 + s % 10
        v = s % venues
        out += [f"  - id: s{s}", f"    title: {_text(rng, s)}",
                f"    start: 2025-09-0{day} {hour}:00", f"    end: 2025-09-0{day} {hour}:50",
                f"    venue: v{v}", f"    room: v{v}r{s % rooms_per}",
                f"    description: {_text(rng, s)}",
                f"    speakers: [{{name: {_text(rng, s)}}}]",
                f"    tags: [t{s % 17}]",
                f"    aliases: {{ko: ['{_ko(rng, 6)}s{s}'], en: ['session {s}']}}"]
    (folder / "sessions.yaml").write_text("\n".join(out) + "\n", "utf-8")
    out = ["pavilions:"]
    out += [f"  - {{id: p{p}, name: {_text(rng, p)}, venue: v{p % venues}}}"
            for p in range(pavilions)]
    out.append("exhibitors:")
    for e in range(exhibitors):
        out += [f"  - id: e{e}", f"    name: {_text(rng, e)}", f"    pavilion: p{e % pavilions}",
                f"    booth: B-{e}", f"    showcase: {_text(rng, e)}",
                f"    aliases: {{en: ['exhibitor {e}']}}"]
    (folder / "exhibition.yaml").write_text("\n".join(out) + "\n", "utf-8")
    out = ["faq:"]
    for f in range(faq):
        out += [f"  - id: f{f}", f"    question: {_text(rng, f)}",
                f"    variants: {{ko: ['{_ko(rng, 6)}q{f}'], en: ['question {f}']}}",
                f"    answer: {_text(rng, f)}"]
    (folder / "faq.yaml").write_text("\n".join(out) + "\n", "utf-8")


def _time(fn: object, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()  # type: ignore[operator]
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    """Run the benchmark and print the summary line."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--items", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        generate(folder, args.items)
        kb = load_knowledge(folder)
        count = len(kb.items)
        files = sorted(folder.glob("*.yaml"))

        def safe_load_all() -> None:
            for path in files:
                yaml.safe_load(path.read_text("utf-8"))

        ours = _time(lambda: load_knowledge(folder), args.repeat)
        baseline = _time(safe_load_all, args.repeat)
    print(f"items: {count} in {len(files)} files")
    print(f"load+validate: median {ours:.3f} s over {args.repeat} runs (target < 2 s)")
    print(f"yaml.safe_load only: median {baseline:.3f} s")
    print(f"kb_load: items={count} seconds={ours:.3f} ratio_vs_safe_load={ours / baseline:.2f}")


if __name__ == "__main__":
    main()
