"""Days and times named in a question or a command: "tomorrow", "내일", "明日", "Sep 4", "3pm"."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date, time, timedelta

__all__ = ["AFTERNOON_MARKS", "MORNING_MARKS", "ORDER_WORDS", "PARTS_OF_DAY", "RIGHT_AFTER_LUNCH",
           "day_phrases", "find_day", "find_order", "find_part_of_day", "find_time",
           "on_the_clock", "starts_the_afternoon"]

# Days relative to today, by offset. Longest first within the regex, so 明後日 beats 明日.
RELATIVE: dict[int, tuple[str, ...]] = {
    -1: ("yesterday", "어제", "昨日", "きのう", "昨天",
         "ayer", "вчера", "hôm qua", "hom qua", "เมื่อวาน", "kemarin",
         "semalam", "kahapon", "尋日", "琴日"),
    0: ("today", "tonight", "tonite", "2day", "오늘", "今日", "きょう", "本日", "今天", "今晚",
        "hoy", "esta noche", "сегодня", "hôm nay", "hom nay", "tối nay", "วันนี้", "คืนนี้",
        # (Vietnamese: this morning, afternoon; tomorrow's below, whose "mai" alone is a name)
        "sáng nay", "sang nay", "chiều nay", "chieu nay",
        "hari ini", "malam ini", "hari ni", "malam ni", "ngayong araw", "ngayong gabi"),
    1: ("tomorrow", "tmr", "tmrw", "tmw", "tomoro", "tomorow", "2moro", "내일", "明日", "あした",
        "あす", "明天", "明晚",
        "mañana", "manana", "завтра", "ngày mai", "ngay mai", "พรุ่งนี้", "besok", "esok",
        "sáng mai", "sang mai", "chiều mai", "chieu mai", "tối mai", "toi mai", "trưa mai",
        "bukas", "聽日", "听日", "聽晚"),
    2: ("day after tomorrow", "the day after tomorrow", "모레", "明後日", "あさって", "后天",
        "後天", "pasado mañana", "pasado manana", "послезавтра", "ngày kia", "มะรืนนี้", "lusa",
        "makalawa"),
}
# Monday first, as date.weekday() counts. Vietnamese also counts them: thứ 2 is Monday, thứ 6
# Friday ("cafe sáng thứ 6": no Thursday, "thu", and a 6).
WEEKDAYS: tuple[tuple[str, ...], ...] = (
    ("monday", "mon", "월요일", "月曜日", "月曜", "星期一", "周一", "週一", "礼拜一", "禮拜一",
     "lunes", "понедельник", "thứ hai", "thu hai", "thứ 2", "thu 2", "วันจันทร์",
     "senin", "isnin"),
    ("tuesday", "tue", "tues", "화요일", "火曜日", "火曜", "星期二", "周二", "週二", "礼拜二",
     "禮拜二",
     "martes", "вторник", "thứ ba", "thu ba", "thứ 3", "thu 3", "วันอังคาร", "selasa"),
    ("wednesday", "wed", "수요일", "水曜日", "水曜", "星期三", "周三", "週三", "礼拜三", "禮拜三",
     "miércoles", "miercoles", "среда", "среду", "thứ tư", "thu tu", "thứ 4", "thu 4", "วันพุธ",
     "rabu", "miyerkules"),
    ("thursday", "thu", "thur", "thurs", "목요일", "木曜日", "木曜", "星期四", "周四", "週四",
     "礼拜四", "禮拜四", "jueves", "четверг", "thứ năm", "thu nam", "thứ 5", "thu 5",
     "วันพฤหัสบดี", "วันพฤหัส", "kamis", "khamis", "huwebes"),
    ("friday", "fri", "금요일", "金曜日", "金曜", "星期五", "周五", "週五", "礼拜五", "禮拜五",
     "viernes", "пятница", "пятницу", "thứ sáu", "thu sau", "thứ 6", "thu 6",
     "วันศุกร์", "jumat", "jum'at", "jumaat", "biyernes"),
    ("saturday", "sat", "토요일", "土曜日", "土曜", "星期六", "周六", "週六", "礼拜六", "禮拜六",
     "sábado", "sabado", "суббота", "субботу", "thứ bảy", "thu bay", "thứ 7", "thu 7",
     "วันเสาร์", "sabtu"),
    ("sunday", "sun", "일요일", "日曜日", "日曜", "星期日", "星期天", "周日", "週日", "礼拜天",
     "禮拜天", "礼拜日", "禮拜日",
     "domingo", "воскресенье", "chủ nhật", "chu nhat", "วันอาทิตย์", "minggu", "ahad",
     "linggo"),
)
# "today's keynote", "fridays": a whole English day name may take a possessive, with or
# without its apostrophe (questions are read without them)
_POSSESSIVE_FROM = 5  # letters: "thus" is no Thursday, "suns" no Sunday
# The first thing after lunch: the afternoon, and its first item ("what's on right after lunch",
# "昼イチの日韓のやつ")
RIGHT_AFTER_LUNCH = (
    "right after lunch", "just after lunch", "straight after lunch", "immediately after lunch",
    "점심 직후", "점심 먹고 바로", "점심 바로 다음", "昼イチ", "昼いち", "昼食直後", "お昼の直後",
    "午饭后第一场", "午飯後第一場", "justo después de comer", "justo después del almuerzo",
    "сразу после обеда", "ngay sau bữa trưa", "tepat setelah makan siang",
    "sejurus selepas makan tengah hari")
# Parts of a day, as hours [from, to): "오늘 저녁", "this evening", "明日の午後". Only words that
# mean nothing else: no bare "mañana" (tomorrow) or Vietnamese "tối" (folded, it is "tôi": I).
PARTS_OF_DAY: dict[str, tuple[int, int, tuple[str, ...]]] = {
    "morning": (0, 12, ("morning", "this morning", "this mornings", "오전", "오전에", "아침",
                        "아침에", "午前", "朝", "上午", "早上", "por la mañana", "por la manana",
                        "утром", "buổi sáng", "buoi sang", "sáng mai", "sang mai", "sáng nay",
                        "sang nay", "ตอนเช้า", "pagi")),
    "afternoon": (12, 17, ("afternoon", "this afternoon", "this afternoons", "arvo", "this arvo",
                           "오후", "오후에", "午後", "下午",
                           "por la tarde", "днём", "днем", "buổi chiều", "buoi chieu",
                           "chiều mai", "chieu mai", "chiều nay", "chieu nay", "ตอนบ่าย",
                           "siang", "sore",
                           # after lunch: the afternoon's programme (right after: its
                           # first item, RIGHT_AFTER_LUNCH)
                           *RIGHT_AFTER_LUNCH, "after lunch", "점심 이후", "점심 먹고",
                           "점심 후", "점심시간 이후",
                           "昼食後", "お昼の後", "午饭后", "午餐后", "午飯後", "午餐後",
                           "después de comer", "после обеда", "sau bữa trưa",
                           "หลังอาหารกลางวัน", "setelah makan siang")),
    "evening": (17, 24, ("evening", "this evening", "this evenings", "tonight", "tonite",
                         "night", "nite", "저녁",
                         "저녁에", "오늘밤", "夜", "晚上", "今晚", "por la noche",
                         "esta noche", "вечером", "buổi tối", "buoi toi", "tối nay", "toi nay",
                         "tối mai", "toi mai",
                         "ตอนเย็น", "คืนนี้", "malam", "malam ini")),
    # ... and the hours between ("夕方のワインのセッション": the one from 15:45)
    "dusk": (15, 20, ("late afternoon", "early evening", "夕方", "傍晚", "黄昏", "해질녘",
                      "저녁 무렵", "chiều tối", "chieu toi", "al atardecer", "ближе к вечеру")),
}
# The event's own days by their order: "day 2", "第一天", "첫날", "2日目", "hari terakhir".
# Only with the event's days known, and only a day it has.
ORDINAL_DAYS: dict[int, tuple[str, ...]] = {
    1: ("day 1", "day one", "first day", "the first day", "opening day", "첫날", "첫째 날",
        "1일차", "첫 날", "1日目", "初日", "第一天", "第1天", "第一日", "頭一天", "头一天",
        "día 1", "primer día", "primer dia", "первый день", "ngày đầu", "ngày đầu tiên",
        "วันแรก", "hari pertama", "hari ke-1", "unang araw"),
    2: ("day 2", "day two", "second day", "the second day", "둘째 날", "둘째날", "2일차",
        "2日目", "第二天", "第2天", "第二日", "día 2", "segundo día", "segundo dia",
        "второй день", "hari kedua", "hari ke-2", "ikalawang araw"),
    3: ("day 3", "day three", "third day", "the third day", "셋째 날", "셋째날", "3일차",
        "3日目", "第三天", "第3天", "第三日", "día 3", "tercer día", "tercer dia",
        "третий день", "hari ketiga", "hari ke-3", "ikatlong araw"),
    4: ("day 4", "day four", "fourth day", "the fourth day", "넷째 날", "넷째날", "4일차",
        "4日目", "第四天", "第4天", "第四日", "día 4", "cuarto día", "cuarto dia",
        "четвёртый день", "четвертый день", "hari keempat", "hari ke-4", "ikaapat na araw"),
    -1: ("last day", "the last day", "final day", "closing day", "마지막 날", "마지막날",
         "最終日", "最后一天", "最後一天", "最后一日", "最後一日", "último día", "ultimo dia",
         "последний день", "ngày cuối", "ngày cuối cùng", "วันสุดท้าย", "hari terakhir",
         "huling araw"),
}
MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
# The first or the last item of a day: "the first session on thursday", "오늘 마지막 세션",
# "最後の講演", "最后一场". Read once the day is cut out ("the first day" is a day).
ORDER_WORDS: dict[int, tuple[str, ...]] = {
    1: ("first", "1st", "earliest", "첫", "첫번째", "첫 번째", "맨 처음", "처음", "最初",
        "一番最初", "第一场", "第一場", "第一个", "第一個", "最早", "primera", "primer", "primero",
        "первая", "первый", "первое", "đầu tiên", "แรก", "pertama", "unang"),
    -1: ("last", "마지막", "最後", "最后", "最后一场", "最後一場", "última", "último",
         "ultima", "ultimo", "последняя", "последний", "последнее", "cuối cùng", "cuối",
         "สุดท้าย", "terakhir", "huling"),
}


def day_phrases() -> frozenset[str]:
    """Return the words and phrases that name a day or a part of one ("tomorrow", "내일",
    "this afternoon", "thứ 6", "day 2"), without the three-letter abbreviations that are
    also words ("sun", "sat", "wed")."""
    every = [*(w for ws in RELATIVE.values() for w in ws), *(w for ws in WEEKDAYS for w in ws),
             *(w for _, _, ws in PARTS_OF_DAY.values() for w in ws),
             *(w for ws in ORDINAL_DAYS.values() for w in ws)]
    return frozenset(w for w in every if not (w.isascii() and w.isalpha() and len(w) <= 3)
                     and w not in _ALSO_WORDS)


# Days that are also other words: Filipino "bukas" is tomorrow, and open ("bukas ang expo")
_ALSO_WORDS = frozenset({"bukas"})


def _words(options: Sequence[str]) -> str:
    ordered = sorted(options, key=len, reverse=True)
    return "|".join(re.escape(o).replace(r"\ ", r"\s+") for o in ordered)


def _possessives(options: Sequence[str]) -> list[str]:
    """Return the options, and of whole English words, their possessives and plurals."""
    return [*options, *(form for option in options if option.isascii() and option.isalpha()
                        and len(option) >= _POSSESSIVE_FROM
                        for form in (f"{option}s", f"{option}'s", f"{option}\u2019s"))]


def _named(found: str, options: Sequence[str]) -> bool:
    """Tell whether a day's words found in a text are one of the options (or its possessive)."""
    words = " ".join(found.split())
    return words in options or words.removesuffix("s").rstrip("'\u2019") in options


_LATIN_EDGE = r"(?<![a-z])", r"(?![a-z0-9])"
_RELATIVE_RE = re.compile(
    rf"{_LATIN_EDGE[0]}(?:{_words(_possessives([w for ws in RELATIVE.values() for w in ws]))})"
    rf"{_LATIN_EDGE[1]}")
_WEEKDAY_RE = re.compile(
    rf"{_LATIN_EDGE[0]}(?:{_words(_possessives([w for ws in WEEKDAYS for w in ws]))})"
    rf"{_LATIN_EDGE[1]}")
_ORDINAL_RE = re.compile(
    rf"{_LATIN_EDGE[0]}(?:{_words([w for ws in ORDINAL_DAYS.values() for w in ws])})"
    rf"(?![a-z0-9])")
_ORDINAL_OF = {" ".join(w.split()): n for n, ws in ORDINAL_DAYS.items() for w in ws}
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


_ORDER_RE = re.compile(  # (Latin words whole; Hangul, Han and Thai inside a word: 첫세션)
    rf"{_LATIN_EDGE[0]}(?:{_words([w for ws in ORDER_WORDS.values() for w in ws])})"
    rf"{_LATIN_EDGE[1]}")
_ORDER_OF = {w: n for n, ws in ORDER_WORDS.items() for w in ws}
_PART_RE = re.compile(
    rf"{_LATIN_EDGE[0]}(?:{_words([w for *_, ws in PARTS_OF_DAY.values() for w in ws])})"
    rf"{_LATIN_EDGE[1]}")
_RIGHT_AFTER_RE = re.compile(
    rf"{_LATIN_EDGE[0]}(?:{_words(RIGHT_AFTER_LUNCH)}){_LATIN_EDGE[1]}")
_PART_OF_WORD = {w: part for part, (*_, ws) in PARTS_OF_DAY.items() for w in ws}


def starts_the_afternoon(text: str) -> bool:
    """Tell whether a text asks for the first thing after lunch ("right after lunch")."""
    return _RIGHT_AFTER_RE.search(text.casefold()) is not None


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


def find_order(text: str) -> tuple[int, str] | None:
    """Find the first or the last named ("the last session"); return 1 or -1 and the text
    without the word."""
    lowered = text.casefold()
    match = _ORDER_RE.search(lowered)
    if match is None:
        return None
    return _ORDER_OF[" ".join(match[0].split())], _cut(lowered, match)


def find_day(text: str, today: date, days: Sequence[date] = (), *,
             day_first: bool = False,
             event_days: Sequence[date] | None = None) -> tuple[date, str] | None:
    """Find a day the text names; return it and the text without the words that named it.

    A weekday or a day without a month means the first such day of ``days`` (the
    programme's), else the next one from today. "Day 2" and "the last day" count
    ``event_days`` (the event's own, without a tour the day before; default: ``days``).
    Nothing found: None.
    """
    counted = days if event_days is None else event_days
    lowered = text.casefold()
    match = _RELATIVE_RE.search(lowered)
    if match:
        offset = next(o for o, ws in RELATIVE.items() if _named(match[0], ws))
        return today + timedelta(days=offset), _cut(text, match)
    match = _ORDINAL_RE.search(lowered) if counted else None
    if match:
        number = _ORDINAL_OF[" ".join(match[0].split())]
        if number <= len(counted):
            return counted[number - 1] if number > 0 else counted[-1], _cut(text, match)
    match = _WEEKDAY_RE.search(lowered)
    if match:
        weekday = next(i for i, ws in enumerate(WEEKDAYS) if _named(match[0], ws))
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


# Words beside an hour that say which half of the day it is in ("3 giờ chiều", "jam 3 sore").
AFTERNOON_MARKS = ("pm", "오후", "저녁", "午後", "下午", "晚上", "夜", "chiều", "chieu", "tối",
                   "sore", "petang", "malam", "tarde", "noche", "вечера", "дня", "เย็น", "บ่าย")
MORNING_MARKS = ("am", "오전", "아침", "午前", "上午", "早上", "朝", "sáng", "sang", "pagi",
                 "mañana", "manana", "утра", "เช้า")
_MARK_AFTER = 12  # characters after an hour looked through for a mark
_SURELY_AFTERNOON = 7  # a bare hour under this is the afternoon's: events run by day
_HOUR = r"(?:[01]?\d|2[0-3])"
# A time of day in a question: "10:45", "10.45" (minutes by fives: "9.3" stays a date), "15h30",
# "3pm", "15時", "下午3点", "오후 3시 반", "3 giờ", "pukul 15.00", "a las 3", "บ่าย 2 โมง".
_TIME_RE = re.compile(
    r"(?<![\d.:/])(?:"
    rf"(?P<hm>{_HOUR})\s*:\s*(?P<hm_m>[0-5]\d)"
    rf"|(?P<dot>{_HOUR})\.(?P<dot_m>[0-5][05])(?!\d)"
    r"|(?P<h>[7-9]|1\d|2[0-3])h(?P<h_m>[0-5]\d)?(?![a-z\d])"  # "15h30"; "2h" is two hours
    r"|(?P<vi>1[0-2]|0?[1-9])[hg](?P<vi_m>[0-5]\d)(?![a-z\d])"  # Vietnamese "3h30", "1g30"
    r"|(?P<ap>1[0-2]|0?[1-9])(?=\s*[ap]\.?m\b)"
    r"|(?P<pre>午前|午後|上午|下午|中午|晚上|早上|오전|오후|저녁|아침)?\s*"
    r"(?P<cjk>\d{1,2}|十[一二]?|[一二两兩三四五六七八九])\s*"
    r"(?:時|时|点|點|시(?![간작즌]))\s*(?:(?P<cjk_m>\d{1,2})\s*(?:分|분)|(?P<half>半|반)"
    r"|(?P<quarter>[一三])刻)?"
    r"|(?P<media>\d{1,2})\s+y\s+(?P<media_q>media|cuarto)(?![^\W\d_])"  # "11 y media"
    r"|setengah\s*(?P<stg>\d{1,2})(?!\d)"  # Indonesian "setengah 2": half past one
    r"|(?:(?P<thai_pm>บ่าย)\s*(?P<thai_pm_h>\d{1,2})?|(?P<thai>\d{1,2}))\s*โมง"
    r"(?P<thai_m>ครึ่ง|สิบห้า|สามสิบ|สี่สิบห้า)?"
    r"|(?P<thai_night>\d)\s*ทุ่ม"
    r"|(?:pukul|jam|a las|a la|alas|lúc|luc)\s*(?P<word>\d{1,2})(?:[.:](?P<word_m>[0-5]\d))?(?!\d)"
    # "at 11", "at 3": not "at 305", "at 3F" (a floor), nor "at 3pm" (the hour and its mark)
    r"|(?<![^\W\d_])at\s+(?P<at>\d{1,2})(?:[.:](?P<at_m>[0-5]\d))?(?![^\W_])"
    r"|(?P<counted>\d{1,2})\s*(?:giờ|gio|час)(?:\s*(?P<counted_m>[0-5]\d)(?!\d))?"
    r")"
)
_HOUR_KEYS = ("hm", "dot", "h", "vi", "ap", "cjk", "media", "stg", "thai", "word", "at", "counted")
# Chinese numerals of an hour ("两点三刻": 2:45); 一点 alone is "a little", not one o'clock
_HAN_HOURS = {"一": 1, "二": 2, "两": 2, "兩": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7,
              "八": 8, "九": 9, "十": 10, "十一": 11, "十二": 12}
_THAI_MINUTES = {"ครึ่ง": 30, "สิบห้า": 15, "สามสิบ": 30, "สี่สิบห้า": 45}
_TWENTY_FOUR_HOUR = frozenset({"hm", "h"})  # "14:00", "15h": never moved to the afternoon


def on_the_clock(hour: int, minute: int, mark: str | None) -> time | None:
    """Return the time of an hour and minute with a mark ("pm", "오후"), on a 12-hour clock if
    marked; None if there is no such time."""
    if mark is not None:  # "3 pm", "오후 3시"; "12 am" is midnight
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if mark in AFTERNOON_MARKS else 0)
    if hour > 23 or minute > 59:
        return None
    return time(hour, minute)


def find_time(text: str) -> tuple[time, str] | None:
    """Find a time of day a question names; return it and the text without it (and its mark).

    An hour without a mark under 7 is the afternoon's ("a las 3"); a Thai "บ่าย 2 โมง" is
    14:00, "2 ทุ่ม" 20:00.
    """
    lowered = text.casefold()
    for match in _TIME_RE.finditer(lowered):
        found = {name: value for name, value in match.groupdict().items() if value}
        mark, end = _mark(lowered, match.end())
        minute = _THAI_MINUTES.get(found.get("thai_m", ""), 30 if "half" in found else 0)
        if "thai_night" in found:
            clock: time | None = time(18 + int(found["thai_night"]) % 6)
        elif "thai_pm" in found:  # บ่ายโมง is one o'clock, บ่าย 2 โมง two
            clock = on_the_clock(int(found.get("thai_pm_h", "1")), minute, "บ่าย")
        else:
            key = next(key for key in _HOUR_KEYS if key in found)
            hour = _HAN_HOURS[found[key]] if found[key] in _HAN_HOURS else int(found[key])
            if key == "cjk" and found[key] == "一" and not (
                    "pre" in found or "half" in found or "quarter" in found):
                continue
            if "quarter" in found:
                minute = 15 if found["quarter"] == "一" else 45
            elif "media_q" in found:
                minute = 30 if found["media_q"] == "media" else 15
            elif key == "stg":  # half an hour before it
                hour, minute = hour - 1, 30
            minute = int(found.get(f"{key}_m", minute))
            mark = found.get("pre", mark)
            if mark is None and key not in _TWENTY_FOUR_HOUR and hour < _SURELY_AFTERNOON:
                mark = "pm"
            clock = on_the_clock(hour, minute, mark)
        if clock is not None:
            return clock, " ".join((text[:match.start()] + " " + text[end:]).split())
    return None


def _mark(lowered: str, at: int) -> tuple[str | None, int]:
    """Return the half-of-day mark that follows an hour, if any, and where it ends."""
    after = re.match(r"\s*([ap])\.?m\b\.?", lowered[at:])
    if after:
        return after[1] + "m", at + after.end()
    word = re.match(r"\s*([^\W\d_]+)", lowered[at:at + _MARK_AFTER])
    if word and (word[1] in AFTERNOON_MARKS or word[1] in MORNING_MARKS):
        return word[1], at + word.end()
    for mark in ("บ่าย", "เย็น", "เช้า"):  # Thai runs on, unspaced
        if lowered.startswith(mark, at):
            return mark, at + len(mark)
    return None, at
