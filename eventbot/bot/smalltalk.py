"""Greetings, thanks and calls for help: a short reply, not "I couldn't find that"."""

from __future__ import annotations

from typing import Literal

from eventbot.bot.matching import fold_key

SmallTalk = Literal["greeting", "thanks", "help"]

PHRASES: dict[SmallTalk, tuple[str, ...]] = {
    "greeting": (
        "hi", "hello", "hey", "hiya", "good morning", "good afternoon", "good evening",
        "hi there", "hello there", "yo",
        "안녕", "안녕하세요", "안녕하십니까", "하이", "반가워요", "반갑습니다", "좋은 아침",
        "こんにちは", "こんばんは", "おはよう", "おはようございます", "もしもし", "はじめまして",
        "你好", "您好", "嗨", "哈喽", "早上好", "晚上好", "大家好",
    ),
    "thanks": (
        "thanks", "thank you", "thank you so much", "thanks a lot", "thx", "ty", "cheers",
        "great thanks", "ok thanks", "thank u",
        "감사", "감사해요", "감사합니다", "고마워", "고마워요", "고맙습니다", "땡큐",
        "ありがとう", "ありがとうございます", "どうも", "どうもありがとう", "サンキュー",
        "谢谢", "謝謝", "多谢", "多謝", "感谢", "感謝", "谢啦",
    ),
    "help": (
        "help", "help me", "what can you do", "how does this work", "menu",
        "도움말", "도와줘", "도와주세요", "도움", "사용법", "뭐 할 수 있어",
        "ヘルプ", "助けて", "使い方", "何ができますか",
        "帮助", "幫助", "帮忙", "怎么用", "你能做什么",
    ),
}
_KIND_OF = {fold_key(phrase): kind for kind, phrases in PHRASES.items() for phrase in phrases}
MAX_CHARS = 40  # a longer message is a question that happens to start with "hi"


def small_talk(text: str) -> SmallTalk | None:
    """Return what kind of small talk a message is, if it is nothing but that."""
    if len(text) > MAX_CHARS:
        return None
    return _KIND_OF.get(fold_key(text))
