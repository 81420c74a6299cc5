"""Whether a text tells a price (an amount in some currency, or that a thing is free), a share, a
count or a time of day."""

from __future__ import annotations

import re

__all__ = ["numbers_told", "says_free", "tells_amount", "tells_price", "tells_share",
           "tells_time"]

# Signs and codes written before an amount ("US$25", "Rp 50.000", "VND 2,490,000", "S/ 40")
_BEFORE = re.compile(
    r"(?:[$€£¥₩₱₫฿₹₽]|\b(?:us|s|hk|nt|a|nz|c)\$|\b(?:usd|krw|jpy|cny|rmb|vnd|thb|idr|myr|php|"
    r"mxn|clp|pen|pgk|nzd|aud|sgd|hkd|twd|rub|eur|rm|rp)|\bs/)\s?$")
# ... and words written after it ("4,500 baht", "5,000원", "3,980円から", "50 soles", "2만원")
_AFTER = re.compile(
    r"\s?(?:원|円|元|块|塊|บาท|₫|만원|萬|万円|рубл|달러|ドル|美元|키나|基那|キナ|đ\b|"
    r"(?:won|yen|yuan|baht|dong|đồng|"
    r"rupiah|ringgit|pesos?|soles|kina|dollars?|bucks|euros?|usd|krw|jpy|cny|rmb|vnd|thb|idr|"
    r"myr|php|mxn|clp|pen|pgk|nzd|aud|sgd|hkd|twd|rub|eur)\b)")
_NUMBER = re.compile(r"\d(?:[\d.,]*\d)?")
# A number as a count or amount: not a clock time or date ("10:00", "2026-09-04"), nor a digit
# of a code or model ("T2", "FX-500", "B-12")
_TOLD_NUMBER = re.compile(
    r"(?<![a-z\d:./-])\d{1,3}(?:,\d{3})+(?![a-z\d:/-])|(?<![a-z\d:./-])\d+(?:\.\d+)?(?![a-z\d:/-])",
    re.IGNORECASE)
# ... nor a place's number: "Pier 26", "Hall 10", "Gate 3", "Room 201", "307호", "5号馆"
_PLACE_BEFORE = re.compile(
    r"(?:\b(?:pier|hall|gate|room|level|floor|booth|stand|door|exit|bay|platform|terminal|"
    r"zone|track|route|building|suite|pavilion|sala|salón|puerta|muelle|pabellón|nhà|phòng|"
    r"cổng|dewan|bilik|pintu|gedung|hội trường)|\bno\.|#|第)\s?$", re.IGNORECASE)
_PLACE_AFTER = re.compile(r"\s?(?:호|층|号|號|階|楼|樓|館|馆|番|出口|ホール)")
_SHARE = re.compile(r"\d\s?%|%\s?\d")  # "a 1% fee", "수수료 1%", "%5 komisi"
_FREE_WORDS = ("free", "무료", "공짜", "無料", "タダ", "免费", "免費", "gratis", "gratuit",
               "бесплатн", "miễn phí", "ฟรี", "percuma")
# (not "gluten-free" or "duty-free": free of something, not of charge)
_FREE = re.compile(r"(?<![\w-])free(?![\w-])|(?<!\w)(?:gratis|gratuit[oa]s?|percuma)(?!\w)|"
                   r"무료|공짜|無料|タダ|免费|免費|бесплатн|miễn phí|ฟรี")


# A time of day ("10:00", "9am", "오전 10시", "18時", "下午3点"), or hours round the clock
_TIME = re.compile(
    r"\d{1,2}[:：]\d{2}|\d{1,2}\s?(?:am|pm|a\.m\.|p\.m\.)(?![a-z])|\d{1,2}\s?(?:시|時|点|點|giờ|h\b)|"
    r"\bnoon\b|midnight|24[/ ]7|24\s?(?:hours|hrs|시간|時間|小时|小時|horas|часа|giờ|jam|ชั่วโมง)"
    r"|정오|자정|正午|中午",
    re.IGNORECASE)


def tells_time(text: str) -> bool:
    """Tell whether a text gives a time of day, as opening hours are told."""
    return _TIME.search(text) is not None


def tells_price(text: str) -> bool:
    """Tell whether a text gives a price: an amount with its currency, or "free"."""
    return says_free(text) or tells_amount(text)


def tells_amount(text: str) -> bool:
    """Tell whether a text gives an amount with its currency ("US$25", "5,000원")."""
    folded = text.casefold()
    for number in _NUMBER.finditer(folded):
        start, end = number.span()
        if _AFTER.match(folded, end) or _BEFORE.search(folded, max(0, start - 4), start):
            return True
    return False


def says_free(text: str) -> bool:
    """Tell whether a text says "free" (of charge), as a price or a question whether a thing
    is."""
    folded = text.casefold()
    # (most texts hold none of the words: looked up before the pattern is tried)
    return any(word in folded for word in _FREE_WORDS) and _FREE.search(folded) is not None


def tells_share(text: str) -> bool:
    """Tell whether a text gives a share of an amount ("a 1% fee"), as a fee may be told."""
    return _SHARE.search(text) is not None


def numbers_told(text: str) -> set[str]:
    """Return the numbers a text tells as counts or amounts ("300 seats", "80석", "1,200"),
    without separators; not times, dates, the digits of a code or a place's number."""
    return {number.group().replace(",", "") for number in _TOLD_NUMBER.finditer(text)
            if not _PLACE_BEFORE.search(text, max(0, number.start() - 16), number.start())
            and not _PLACE_AFTER.match(text, number.end())}
