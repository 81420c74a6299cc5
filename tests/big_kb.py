"""A generated knowledge base of long lists: the sample KB plus side events, exhibitors, venues."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from tests.paths import SAMPLE_KB

BIG_PAVILION = "ktech-pavilion"  # every generated exhibitor is in the K-TECH pavilion
LONG_EVERY = 3  # every third name is over a thousand characters: a page of them won't fit


def _name(kind_ko: str, kind_en: str, number: int) -> dict[str, str]:
    """Return a name in Korean and English, some very long, all with <, & and >."""
    long = number % LONG_EVERY == 0
    extra = " 혁신 <기술> & 협력" * 60 if long else " <기술> & 협력"
    extra_en = " innovation <tech> & partnership" * 30 if long else " <tech> & partners"
    return {"ko": f"{kind_ko} {number:03d}{extra}", "en": f"{kind_en} {number:03d}{extra_en}"}


def write_big_kb(folder: Path, *, side_events: int = 200, exhibitors: int = 300,
                 venues: int = 25) -> Path:
    """Copy the sample KB into ``folder`` and add generated items; return the folder."""
    shutil.copytree(SAMPLE_KB, folder)
    lines = ["side_events:"]
    for number in range(side_events):
        day = 1 + number % 5
        hour = 9 + number % 9
        lines += [f"  - id: gen-event-{number:03d}",
                  f"    title: {json.dumps(_name('부대행사', 'Side event', number))}",
                  f"    start: 2025-09-0{day} {hour:02d}:00",
                  f"    end: 2025-09-0{day} {hour:02d}:45",
                  "    venue: icc-jeju"]
    lines.append("exhibitors:")
    for number in range(exhibitors):
        lines += [f"  - id: gen-exhibitor-{number:03d}",
                  f"    name: {json.dumps(_name('참가기업', 'Exhibitor', number))}",
                  f"    pavilion: {BIG_PAVILION}",
                  f"    booth: G-{number:03d}"]
    lines.append("venues:")
    for number in range(venues):
        lines += [f"  - id: gen-venue-{number:03d}",
                  f"    name: {json.dumps(_name('행사장', 'Venue', number))}"]
    (folder / "generated.yaml").write_text("\n".join(lines) + "\n", "utf-8")
    return folder
