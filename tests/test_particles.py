"""Korean particles follow the sound before them, for KB names as well as interface words."""

from __future__ import annotations

import pytest

from eventbot.bot.i18n import t
from eventbot.bot.i18n.particles import fill, has_particles, particle


@pytest.mark.parametrize(
    ("word", "form", "expected"),
    [
        ("한라홀", "은", "은"), ("플레너리", "은", "는"), ("개막식", "는", "은"),
        ("한라홀", "이", "이"), ("세션", "가", "이"), ("포럼", "를", "을"), ("부스", "을", "를"),
        ("혁신", "와", "과"), ("전환", "와", "과"), ("제주", "과", "와"),
        ("한라홀", "으로", "로"),  # ㄹ takes 로
        ("삼다홀", "로", "로"), ("B동", "로", "으로"), ("제주", "으로", "로"),
        ("Room 1", "은", "은"), ("Room 2", "은", "는"), ("Hall B", "이", "가"),
        ("Hall", "을", "을"), ("Room 7", "으로", "로"), ("Room 3", "으로", "으로"),
        ("한라홀 (2층)", "은", "은"), ("“플레너리”", "이", "가"),
    ],
)
def test_particle_follows_the_final_sound(word: str, form: str, expected: str) -> None:
    assert particle(word, form) == expected


def test_templates_choose_particles_and_keep_other_formats() -> None:
    assert has_particles("{title:은} 이제") and not has_particles("{count:,} 명")
    filled = fill("{a:은} {b:를} {n:,}", {"a": "혁신", "b": "전환", "n": 1200})
    assert filled == "혁신은 전환을 1,200"


def test_korean_interface_texts_use_them() -> None:
    # The catalog no longer writes "(은)는" or "와(과)" for the reader to pick from.
    assert t("ko", "agenda.clash", other="AI 세션") == "⚠ AI 세션과 시간이 겹쳐요"
    assert t("ko", "agenda.clash", other="플레너리") == "⚠ 플레너리와 시간이 겹쳐요"
    changed = t("ko", "org.notice.changed", title="개막식", when="9/2", place="B홀",
                was_when="9/1", was_place="A홀")
    assert changed.startswith("⚠ 일정 변경: 개막식은 이제") and "(은)" not in changed
