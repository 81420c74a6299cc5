"""Days named in a question or a command: "tomorrow", "내일", "明日", "завтра", "Sep 4", "9/4"."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date, timedelta

__all__ = ["PARTS_OF_DAY", "find_day", "find_part_of_day"]

# Days relative to today, by offset. Longest first within the regex, so 明後日 beats 明日.
RELATIVE: dict[int, tuple[str, ...]] = {
    -1: ("yesterday", "어제", "昨日", "きのう", "昨天",
         "ayer", "вчера", "hôm qua", "hom qua", "เมื่อวาน", "kemarin"),
    0: ("today", "tonight", "오늘", "今日", "きょう", "本日", "今天", "今晚",
        "hoy", "esta noche", "сегодня", "hôm nay", "hom nay", "tối nay", "วันนี้", "คืนนี้",
        "hari ini", "malam ini"),
    1: ("tomorrow", "내일", "明日", "あした", "あす", "明天", "明晚",
        "mañana", "manana", "завтра", "ngày mai", "ngay mai", "พรุ่งนี้", "besok"),
    2: ("day after tomorrow", "the day after tomorrow", "모레", "明後日", "あさって", "后天",
        "後天", "pasado mañana", "pasado manana", "послезавтра", "ngày kia", "มะรืนนี้", "lusa"),
}
WEEKDAYS: tuple[tuple[str, ...], ...] = (  # Monday first, as date.weekday() counts
    ("monday", "mon", "월요일", "月曜日", "月曜", "星期一", "周一", "週一", "礼拜一", "禮拜一",
     "lunes", "понедельник", "thứ hai", "thu hai", "วันจันทร์", "senin"),
    ("tuesday", "tue", "tues", "화요일", "火曜日", "火曜", "星期二", "周二", "週二", "礼拜二",
     "禮拜二",
     "martes", "вторник", "thứ ba", "thu ba", "วันอังคาร", "selasa"),
    ("wednesday", "wed", "수요일", "水曜日", "水曜", "星期三", "周三", "週三", "礼拜三", "禮拜三",
     "miércoles", "miercoles", "среда", "среду", "thứ tư", "thu tu", "วันพุธ", "rabu"),
    ("thursday", "thu", "thur", "thurs", "목요일", "木曜日", "木曜", "星期四", "周四", "週四",
     "礼拜四", "禮拜四", "jueves", "четверг", "thứ năm", "thu nam", "วันพฤหัสบดี", "วันพฤหัส", "kamis"),
    ("friday", "fri", "금요일", "金曜日", "金曜", "星期五", "周五", "週五", "礼拜五", "禮拜五",
     "viernes", "пятница", "пятницу", "thứ sáu", "thu sau", "วันศุกร์", "jumat", "jum'at"),
    ("saturday", "sat", "토요일", "土曜日", "土曜", "星期六", "周六", "週六", "礼拜六", "禮拜六",
     "sábado", "sabado", "суббота", "субботу", "thứ bảy", "thu bay", "วันเสาร์", "sabtu"),
    ("sunday", "sun", "일요일", "日曜日", "日曜", "星期日", "星期天", "周日", "週日", "礼拜天",
     "禮拜天", "礼拜日", "禮拜日",
     "domingo", "воскресенье", "chủ nhật", "chu nhat", "วันอาทิตย์", "minggu"),
)
# Parts of a day, as hours [from, to): "오늘 저녁", "this evening", "明日の午後". Only words that
# mean nothing else: no bare "mañana" (tomorrow) or Vietnamese "tối" (folded, it is "tôi": I).
PARTS_OF_DAY: dict[str, tuple[int, int, tuple[str, ...]]] = {
    "morning": (0, 12, ("morning", "this morning", "오전", "오전에", "아침", "아침에", "午前",
                        "朝", "上午", "早上", "por la mañana", "por la manana", "утром",
                        "buổi sáng", "buoi sang", "ตอนเช้า", "pagi")),
    "afternoon": (12, 17, ("afternoon", "this afternoon", "오후", "오후에", "午後", "下午",
                           "por la tarde", "днём", "днем", "buổi chiều", "buoi chieu", "ตอนบ่าย",
                           "siang", "sore",
                           # after lunch: the afternoon's programme
                           "after lunch", "점심 이후", "점심 먹고", "점심 후", "점심시간 이후",
                           "昼食後", "お昼の後", "午饭后", "午餐后", "午飯後", "午餐後",
                           "después de comer", "после обеда", "sau bữa trưa",
                           "หลังอาหารกลางวัน", "setelah makan siang")),
    "evening": (17, 24, ("evening", "this evening", "tonight", "저녁", "저녁에", "오늘밤",
                         "夕方", "夜", "晚上", "今晚", "por la noche", "esta noche", "вечером",
                         "buổi tối", "buoi toi", "tối nay", "toi nay", "ตอนเย็น", "คืนนี้",
                         "malam", "malam ini")),
}
MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")


def _words(options: Sequence[str]) -> str:
    ordered = sorted(options, key=len, reverse=True)
    return "|".join(re.escape(o).replace(r"\ ", r"\s+") for o in ordered)


_LATIN_EDGE = r"(?<![a-z])", r"(?![a-z])"
_RELATIVE_RE = re.compile(
    rf"{_LATIN_EDGE[0]}(?:{_words([w for ws in RELATIVE.values() for w in ws])}){_LATIN_EDGE[1]}")
_WEEKDAY_RE = re.compile(
    rf"{_LATIN_EDGE[0]}(?:{_words([w for ws in WEEKDAYS for w in ws])}){_LATIN_EDGE[1]}")
_MONTH_NAME = r"(?P<mname>" + "|".join(MONTHS) + r")[a-z]*\.?"
# "9/3", "9.3": month first, unless the reader's language writes the day first (swap).
_NUMERIC = re.compile(r"(?<!\d)(?P<m>\d{1,2})\s*[/.]\s*(?P<d>\d{1,2})(?![\d:])")
_DATE_RES = (
    re.compile(r"(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})"),
    _NUMERIC,
    re.compile(rf"(?<![a-z]){_MONTH_NAME}\s*(?P<d>\d{{1,2}})(?:st|nd|rd|th)?(?!\d)"),
    re.compile(rf"(?<!\d)(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+{_MONTH_NAME}"),
    re.compile(r"(?:(?P<m>\d{1,2})\s*[월月]\s*)?(?P<d>\d{1,2})\s*(?:일|日|号|號)(?!\d)"),
    re.compile(r"(?<!\d)(?P<d>\d{1,2})(?:st|nd|rd|th)(?![a-z])"),
)


_PART_RE = re.compile(
    rf"{_LATIN_EDGE[0]}(?:{_words([w for *_, ws in PARTS_OF_DAY.values() for w in ws])})"
    rf"{_LATIN_EDGE[1]}")
_PART_OF_WORD = {w: part for part, (*_, ws) in PARTS_OF_DAY.items() for w in ws}


def find_part_of_day(text: str) -> tuple[str, str] | None:
    """Find a part of the day the text names ("저녁"); return it and the text without it."""
    lowered = text.casefold()
    match = _PART_RE.search(lowered)
    if match is None:
        return None
    part = _PART_OF_WORD.get(" ".join(match[0].split()))
    if part is None:
        return None
    rest = " ".join((lowered[:match.start()] + " " + lowered[match.end():]).split())
    return part, rest


def find_day(text: str, today: date, days: Sequence[date] = (), *,
             day_first: bool = False) -> tuple[date, str] | None:
    """Find a day the text names; return it and the text without the words that named it.

    A weekday or a day without a month means the first such day of ``days`` (the event's),
    else the next one from today. Nothing found: None.
    """
    lowered = text.casefold()
    match = _RELATIVE_RE.search(lowered)
    if match:
        offset = next(o for o, ws in RELATIVE.items()
                      if " ".join(match[0].split()) in ws)
        return today + timedelta(days=offset), _cut(text, match)
    match = _WEEKDAY_RE.search(lowered)
    if match:
        weekday = next(i for i, ws in enumerate(WEEKDAYS) if match[0] in ws)
        return _weekday(weekday, today, days), _cut(text, match)
    for pattern in _DATE_RES:
        match = pattern.search(lowered)
        if match:
            found = _date_of(match, today, days, swap=day_first and pattern is _NUMERIC)
            if found is not None:
                return found, _cut(text, match)
    return None


def _cut(text: str, match: re.Match[str]) -> str:
    return " ".join((text[: match.start()] + " " + text[match.end() :]).split())


def _weekday(weekday: int, today: date, days: Sequence[date]) -> date:
    for day in days:
        if day.weekday() == weekday and day >= today:
            return day
    for day in days:
        if day.weekday() == weekday:
            return day
    return today + timedelta(days=(weekday - today.weekday()) % 7)


def _date_of(match: re.Match[str], today: date, days: Sequence[date], *,
             swap: bool = False) -> date | None:
    groups = match.groupdict()
    if swap:
        groups["m"], groups["d"] = groups["d"], groups["m"]
    day = int(groups["d"])
    if groups.get("mname"):
        month: int | None = MONTHS.index(groups["mname"][:3]) + 1
    else:
        month = int(groups["m"]) if groups.get("m") else None
    year = int(groups["y"]) if groups.get("y") else None
    if month is None:  # "4일", "4日": the event's day of that number, else this month's
        known = [d for d in days if d.day == day]
        if known:
            return known[0]
        month = today.month
    if year is None:
        known = [d for d in days if (d.month, d.day) == (month, day)]
        year = known[0].year if known else (days[0].year if days else today.year)
    try:
        return date(year, month, day)
    except ValueError:
        return None
