"""Answer an attendee's question from the knowledge base: match, decide, render.

Built once per knowledge-base load (the match index is built here, not per question);
returns values, never sends anything.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import cache
from html import escape
from typing import TYPE_CHECKING

from babel import Locale
from babel.core import get_global

from eventbot.bot.bounded import remember
from eventbot.bot.days import (
    PARTS_OF_DAY,
    find_day,
    find_order,
    find_part_of_day,
    find_time,
    starts_the_afternoon,
)
from eventbot.bot.i18n import DAY_FIRST, choose_language, t
from eventbot.bot.kb.base import KIND_OF, KnowledgeBase
from eventbot.bot.kb.keys import field_texts, index_keys
from eventbot.bot.kb.models import Room, Session, SideEvent, Venue
from eventbot.bot.matching import (
    SHIPPED_VOCABULARY,
    Decision,
    ItemScore,
    Matcher,
    Outcome,
    QuestionAnalysis,
    QuestionKind,
    TimeHint,
    analyse,
)
from eventbot.bot.matching.lexical import GENERIC_TOKENS
from eventbot.bot.matching.normalize import without_emoticons
from eventbot.bot.matching.retrieval import (
    CLARIFY_MAX_ITEMS,
    PLACE_KINDS,
    WHOLE_MATCH_SCORE,
    asks_an_amount,
    names_an_occasion,
)
from eventbot.bot.render.cards import DAY_VIEW, CardWriter
from eventbot.bot.render.pages import PagedList, render_page
from eventbot.bot.render.reply import Button, Reply
from eventbot.bot.smalltalk import small_talk
from eventbot.bot.welcome import example_question, help_text

if TYPE_CHECKING:
    from eventbot.bot.matching.semantic import Embedder, VectorStore

MAX_QUESTION_CHARS = 1_000  # longer messages are pasted text, not questions: read the start
NEXT_ITEMS = 5
SOON_AFTER = timedelta(minutes=30)  # "at 15:00" with nothing on then: what starts by 15:30
CARD_CACHE_SIZE = 4096  # rendered cards kept per knowledge base


def _longest_first(words: set[str]) -> list[str]:
    """Return words as questions are read (NFKC splits Thai ำ in two; casefolded), longest
    first: unspaced CJK words are removed from a question as substrings."""
    return sorted({unicodedata.normalize("NFKC", word).casefold() for word in words},
                  key=len, reverse=True)


# "what's happening today" leaves only generic programme words once the frame words are
# gone; "bitcoin price today" leaves a subject we don't know, which must not get the day's
# programme as if it were the answer.
# When a place or a thing opens or closes: asking for its hours, no part of its name.
_HOURS_WORDS = ("open", "opens", "close", "closes", "abre", "cierra", "открывается",
                "закрывается", "mở cửa", "đóng cửa", "buka", "tutup")

GENERIC_PROGRAMME_WORDS = _longest_first({
        "on", "for", "of", "the", "is", "are", "what", "whats", "what's", "wats", "wat",
        "happening", "going", "there", "any", "anything", "event", "events", "session",
        "sessions", "programme", "program", "schedule", "agenda", "talk", "talks", "today's", "s",
        "행사", "일정", "프로그램", "세션", "있어", "있어요", "있나요", "있니", "진행", "중",
        "해", "하는", "발표", "강연",
        "やってる", "イベント", "プログラム", "セッション", "予定", "開催", "ある", "何", "の",
        "講演", "発表",
        "活动", "日程", "节目", "会议", "有", "安排", "活動", "節目", "會議", "演讲", "演講",
        "qué", "que", "hay", "programa", "eventos", "evento", "sesiones", "el", "la",
        "los", "las", "de", "del", "para",
        "что", "будет", "программа", "программу", "расписание", "мероприятия", "в", "на",
        "có", "gì", "lịch", "chương", "trình", "sự", "kiện",
        "มี", "อะไร", "กิจกรรม", "ตาราง", "กำหนดการ", "งาน",
        "ada", "apa", "acara", "jadwal", "saja",
        # when a thing opens, starts or ends asks for its times: no part of its name
        *_HOURS_WORDS, "does", "do", "it", "start", "starts", "begin", "begins", "end", "ends",
        "finish", "finishes", "empieza", "termina", "начинается", "заканчивается", "kết thúc",
        "mulai", "selesai",
    })

# ... and words for any one item of it: "the first thing on thursday", "마지막 세션", "第一场"
_ITEM_ONLY = {
    "session", "sessions", "talk", "talks", "event", "events", "thing", "one", "item", "세션",
    "발표", "강연", "행사", "프로그램", "セッション", "講演", "発表", "イベント", "プログラム",
    "场", "場", "活动", "活動", "节目", "節目", "会议", "會議", "演讲", "演講", "sesión", "charla",
    "ponencia", "evento", "сессия", "доклад", "выступление", "мероприятие", "phiên", "sự kiện",
    "chương trình", "เซสชัน", "กิจกรรม", "sesi", "acara"}
_ITEM_WORDS = _longest_first({*GENERIC_PROGRAMME_WORDS, *_ITEM_ONLY})
_ITEM_SCAN = re.compile("|".join(
    rf"(?<!\w){re.escape(word)}(?!\w)" if word.isascii() else re.escape(word)
    for word in _longest_first(_ITEM_ONLY)), re.IGNORECASE)

# A lunch, by the words of its name, and the hours it starts in: what "right after lunch" follows
_LUNCH_WORDS = frozenset({"lunch", "luncheon", "점심", "오찬", "昼食", "ランチ", "午餐", "午饭",
                          "午飯", "午宴", "almuerzo", "обед", "trưa", "siang", "tengah"})
_LUNCH_HOURS = (11, 14)

# ... and with words for a place: what is left of a question once a room's name is out of it
_PLACE_WORDS = _longest_first({*GENERIC_PROGRAMME_WORDS, *GENERIC_TOKENS, "룸", "ルーム", "室"})

# The hour of a time the frame words made one ("at 11", "jam 3"), once they are gone
_HOUR_LEFT = re.compile(r"(?<![\d.:])\d{1,2}(?:[.:][0-5]\d)?(?![\d.:])")

# Asking when a place opens or closes is asking for its hours, not for what is on there.
_HOURS_ASKED = re.compile(
    rf"(?<!\w)(?:{'|'.join(map(re.escape, (*_HOURS_WORDS, 'hours', 'mo cua', 'dong cua')))})"
    r"(?!\w)|開|关门|關門|营业|營業|열어|닫|오픈|마감|เปิด|ปิด")

# "where is the venue", "会场在哪里", "how do I get to the venue by subway": the event's main
# venue, whatever the KB calls it. Its words, then the words that may come with them.
_VENUE_WORDS = {
    "venue", "event venue", "conference venue", "main venue", "address", "location",
    "행사장", "행사 장소", "회의장", "본행사장", "주소",
    "会場", "開催場所", "イベント会場", "行事会場", "住所",
    "会场", "會場", "场地", "場地", "举办地点", "舉辦地點", "地址",
    "sede", "recinto", "dirección", "direccion", "место проведения", "площадка", "адрес",
    "địa điểm", "địa chỉ", "สถานที่จัดงาน", "ที่อยู่", "tempat acara", "alamat", "lokasi",
    "ที่จัดงาน", "место", "места", "месту", "проведения",
}
# ... and the event itself, asked where ("where is the event", "¿dónde es el evento?"), not
# when ("what time does the event start"). A question's frame may take the place word first
# (สถานที่, lokasi, địa điểm), leaving what is held there (จัดงาน, acaranya, tổ chức).
_EVENT_WORDS = {
    "event", "evento", "acara", "acaranya", "tổ chức", "จัดงาน", "мероприятие", "мероприятия",
}
# Ways to travel ("by subway", "지하철로", "坐地铁")
_TRAVEL_WORDS = _longest_first({
    "subway", "metro", "mrt", "train", "bus", "taxi", "car", "foot", "walk", "lrt", "bts",
    "tram", "지하철", "버스", "택시", "地下鉄", "電車", "バス", "タクシー", "地铁", "地鐵", "公交",
    "打车", "autobús", "метро", "автобус", "такси", "tàu điện", "xe buýt", "walking",
    "on foot", "ferry", "boat", "uber", "歩いて", "徒歩", "步行", "走路", "坐船",
    "a pie", "caminando", "пешком", "đi bộ", "xe ôm", "jalan kaki", "kereta", "ktm",
})
_TRANSPORT_WORDS = _longest_first({
    "the", "a", "to", "by", "get", "go", "of", "is", "please", "on", "from", "here", "there",
    "가는", "길", "가요", "가나요", "로", "으로", "는", "은", "가", "이",
    "で", "へ", "まで", "の", "行き方", "は", "坐", "去", "到", "怎么", "怎麼", "走",
    "el", "la", "de", "en", "cómo", "llegar", "до", "на", "как", "добраться",
    "đến", "bằng", "đi", "thế nào", "như thế nào",
    # "which MRT station is closest to the venue", "how far is the venue"
    "which", "what", "station", "stop", "closest", "nearest", "near", "nearby", "far", "how",
    *_TRAVEL_WORDS,
})
# ... and words that name the event as a whole ("the main venue", "the summit venue", "how do
# I get to the conference", "где место проведения конференции"): with no transport word, such
# words alone still ask for it
_WHOLE_EVENT_WORDS = {
    "main", "メイン", "summit", "conference", "congress", "convention", "expo", "hội nghị",
    "hội chợ", "triển lãm", "conferencia", "congreso", "cumbre", "feria", "конференция",
    "конференции", "саммит", "саммита", "выставка", "выставки", "konferensi", "pameran",
}
_VENUE_QUESTION_WORDS = _longest_first({*_VENUE_WORDS, *_TRANSPORT_WORDS, *_WHOLE_EVENT_WORDS})
_WHERE_EVENT_WORDS = _longest_first({*_VENUE_WORDS, *_EVENT_WORDS, *_TRANSPORT_WORDS,
                                     *_WHOLE_EVENT_WORDS})


@dataclass(frozen=True)
class Answer:
    """The outcome of one question, with the reply to show."""

    question: str
    lang: str
    outcome: Outcome
    analysis: QuestionAnalysis
    matches: tuple[ItemScore, ...]
    reply: Reply
    near: bool = False  # a fallback's matches are only offered: nothing says they were asked


def host_economy(timezone: str) -> str:
    """Return the English name of the economy a timezone is in ("" if none)."""
    code = get_global("zone_territories").get(timezone)
    # (Babel names Hong Kong "Hong Kong SAR China": the economy is before " SAR")
    return str(Locale("en").territories.get(code, "")).split(" SAR ")[0] if code else ""


class Concierge:
    """Answer questions about one event."""

    def __init__(self, kb: KnowledgeBase, *, embedder: Embedder | None = None,
                 vectors: VectorStore | None = None) -> None:
        """Index a KB; with an ``embedder``, sentence embeddings too (vectors kept in
        ``vectors``)."""
        self.kb = kb
        self.matcher = Matcher(
            index_keys(kb), field_texts(kb), (*SHIPPED_VOCABULARY, *kb.synonyms),
            kinds={item_id: KIND_OF[type(item)] for item_id, item in kb.items.items()},
            booth_of={e.id: e.organisation for e in kb.exhibitors.values() if e.organisation},
            # (people and organisations stand for their sessions; a booth is its own answer)
            reachable={entity: [i.id for i in items] for entity, items in kb.appearances.items()
                       if entity not in kb.exhibitors},
            members=_members(kb), host=host_economy(kb.event.timezone),
            pavilion_of={e.id: e.pavilion for e in kb.exhibitors.values()},
        )
        if embedder is not None:
            self.add_semantic(embedder, vectors)
        # The venue most of the programme is at: "the venue" of "where is the venue".
        held = Counter(item.venue for item in kb.programme if item.venue in kb.venues)
        self.main_venue = held.most_common(1)[0][0] if held else next(iter(kb.venues), None)
        # Cards depend on the KB, the language and the question kind only; this KB never
        # changes (a reload builds a new Concierge), and Babel's formatting is the slow part.
        self._cards: dict[tuple[str, str, QuestionKind], Reply] = {}

    def add_semantic(self, embedder: Embedder, vectors: VectorStore | None = None) -> None:
        """Embed the KB's item texts and let the matcher ask the embeddings from now on."""
        from eventbot.bot.matching.semantic import SemanticIndex  # numpy: only if asked

        self.matcher.use_semantic(SemanticIndex(field_texts(self.kb), embedder, vectors))

    def language(self, stored: str | None, telegram_code: str | None,
                 question: str = "") -> str:
        """Choose the reply language for a user and, if given, their question."""
        text = question[:MAX_QUESTION_CHARS]
        script = analyse(text).script_lang if text.strip() else None
        return choose_language(stored, telegram_code, script, self.kb.event.default_language,
                               self.kb.event.languages)

    def ask(
        self, question: str, *, now: datetime, stored_lang: str | None = None,
        telegram_lang: str | None = None,
    ) -> Answer:
        """Answer a free-text question as of ``now`` (an aware datetime)."""
        text = without_emoticons(" ".join(question[:MAX_QUESTION_CHARS].split()))
        analysis = analyse(text)
        lang = self.language(stored_lang, telegram_lang, text)
        if not analysis.stripped_text.strip():
            if analysis.time_hint is not None:
                return self._moment(question, lang, analysis, now)
            reply = Reply(t(lang, "reply.empty", example=escape(example_question(self.kb, lang)))
                          if not text else t(lang, "reply.fallback"))
            return Answer(question, lang, "fallback", analysis, (), reply)
        chat = small_talk(text)
        if chat is not None:  # "hello", "감사합니다", "help": a short reply, never a fallback
            text = help_text(self.kb, lang) if chat == "help" else t(lang, f"reply.{chat}")
            return self._answer(question, lang, analysis, (), Reply(text))
        today = now.astimezone(self.kb.tz).date()
        # The time first: "11 nov 10.45" is no 10th of November.
        clock = find_time(analysis.stripped_text)
        if clock is None and (said := find_time(text)) is not None:
            # "what's on in the pacifico hall at 11": the frame words went, "at" with them
            clock = said[0], " ".join(_HOUR_LEFT.sub(" ", analysis.stripped_text, 1).split())
        stripped = clock[1] if clock else analysis.stripped_text
        named = find_day(stripped, today, self.kb.programme_days,
                         day_first=DAY_FIRST.get(lang, False), event_days=self.kb.event_days)
        if named is not None and _generic(named[1]) and clock is None:
            # "내일 일정", "what's on friday", "9月4日"
            return self._answer(question, lang, analysis, (), self.day_reply(named[0], lang))
        day, rest = named or (today, stripped)
        # "오늘 저녁에 뭐 있어요"; "this afternoon" is a frame that analyse() already took out,
        # so look in the whole question too, and then what is left is the stripped text.
        part = find_part_of_day(rest) if clock is None else None
        if part is None and clock is None and (whole := find_part_of_day(text)) is not None:
            part = whole[0], rest
        ordered = part[1] if part else rest
        order = find_order(ordered) if clock is None and _ITEM_SCAN.search(ordered) else None
        after_lunch = part is not None and starts_the_afternoon(text)
        if order is None and after_lunch:
            order = 1, ordered  # "what's on right after lunch": the afternoon's first
        # (the first or last of a part of the day starts in it, after lunch if right after)
        window = self._window(day, part[0], after_lunch=after_lunch) if part else None
        if order is not None and _generic(order[1], _ITEM_WORDS) and (
                ends := _in_order(self._timed(day), order[0], window)):
            # "the first session on thursday", "오늘 마지막 세션": by its start, that day
            return self._held_then(question, lang, analysis, ends, day)
        if part is not None and _generic(part[1]):
            return self._part_of_day(question, lang, analysis, day, part[0])
        if clock is not None and _generic(rest):  # "what's on at 3pm tomorrow"
            at_then = self._at(day, clock[0])
            return (self._held_then(question, lang, analysis, at_then, day) if at_then else
                    self._answer(question, lang, analysis, (), self.day_reply(day, lang)))
        moment = analysis.time_hint in {TimeHint.NOW, TimeHint.NEXT}
        if moment and _generic(analysis.stripped_text):  # "what's next?", "次の講演は何ですか"
            return self._moment(question, lang, analysis, now)
        if self._asks_for_the_venue(analysis.stripped_text, text, analysis.kind):
            assert self.main_venue is not None
            card = self.card(self.main_venue, lang, QuestionKind.WHERE)
            assert card is not None
            return self._answer(question, lang, analysis, (
                ItemScore(self.main_venue, "venue", 100.0, ""),), card)
        if (place := self._way_to_a_place(analysis, text)) is not None:
            card = self.card(place.item_id, lang, QuestionKind.WHERE)
            assert card is not None
            return self._answer(question, lang, analysis, (place,), card)
        then = (self._at(day, clock[0]) if clock else
                self._then(named[0] if named else None, part[0] if part else None,
                           analysis.time_hint, now))
        if then:  # "seminars tomorrow morning", "오늘 저녁 리셉션": those on then, by name
            on_then = {item.id: item for item in then}
            held = self.matcher.lexical.named_by(_leftover(part[1] if part else rest), on_then)
            if held:
                return self._held_then(question, lang, analysis,
                                       [on_then[item_id] for item_id in held], day)
        # The matcher strips frame words itself, yet can still match keys that hold one.
        # "any hydrogen talks today?": what is on then comes first.
        # Everything on then ("today", at a one-day event) tells no item apart.
        timely = frozenset(item.id for item in then) if then and len(then) < len(
            self.kb.programme) else frozenset()
        # (the time's digits are no words of any item's: "10.45 orchid hall")
        timed = find_time(text) if clock else None
        asked = timed[1] if timed else text
        result = self.matcher.match(asked, timely=timely)
        if (result.outcome != "answer" or result.matches[0].item_id == self.main_venue) and (
                inside := self._inside_a_place(asked, timely, result)) is not None:
            result = inside
        if result.outcome == "answer" and moment and (
                at := self._on_at(result.matches[0].item_id, analysis.time_hint, now)):
            # "what's on the main stage right now": the session there, not the stage ("who's
            # speaking there": the session, led by its speakers)
            kind = QuestionKind.WHO if analysis.kind is QuestionKind.WHO else QuestionKind.WHAT
            card = self.card(at.id, lang, kind)
            assert card is not None
            return self._answer(question, lang, analysis,
                                (ItemScore(at.id, KIND_OF[type(at)], 100.0, ""),), card)
        # ("thurs 3pm in the demo kitchen": a room and a time, however sure of the room)
        placed = result.outcome == "answer" or (then is not None and result.outcome == "confirm")
        # ... or a room the question names at a time, which its words came nearest ("2day
        # 11am kauri hall wats on"), unless they ask a price ("a room at the hyatt tonight")
        place_id = result.matches[0].item_id if placed else (
            self._place_named(result, asked) if then is not None and not asks_an_amount(asked)
            else None)
        if place_id is not None and (there := self._held_at(
                place_id, analysis, then, _leftover(part[1] if part else rest),
                timed=then is not None, strict=not placed, order=order[0] if order else None,
                window=window, day=day)):
            # "what time is the workshop in S222", "what's on at the innovation theatre":
            # what is on there, not the room
            return self._held_then(question, lang, analysis, there, day)
        if result.outcome == "answer":
            card = self.card(result.matches[0].item_id, lang, analysis.kind)
            assert card is not None  # the index holds only this KB's items
            return self._answer(question, lang, analysis, result.matches, card)
        if result.outcome in {"clarify", "confirm"}:
            return Answer(question, lang, result.outcome, analysis, result.matches,
                          self.clarify_reply(result.matches, lang))
        if analysis.time_hint is not None and _generic(analysis.stripped_text):
            return self._moment(question, lang, analysis, now)
        if result.near:
            return Answer(question, lang, "fallback", analysis, result.near,
                          self.near_reply(result.near, lang), near=True)
        return Answer(question, lang, "fallback", analysis, result.matches,
                      self.beyond_reply(result.matches[0].item_id, lang) if result.matches
                      else Reply(t(lang, "reply.fallback")))

    def _moment(self, question: str, lang: str, analysis: QuestionAnalysis,
                now: datetime) -> Answer:
        """Answer "what's next" with the item that starts next, else (several start then, or
        "what's on now") the now-and-next list; "today" with the day's programme."""
        if analysis.time_hint is TimeHint.TODAY:
            return self._answer(question, lang, analysis, (), self.day_reply(
                now.astimezone(self.kb.tz).date(), lang, today=True))
        running, upcoming = self._now_and_next(now)
        soonest = self.kb.next_start(upcoming[0], now) if upcoming else None
        first = [i for i in upcoming if self.kb.next_start(i, now) == soonest]
        if analysis.time_hint is TimeHint.NEXT and len(first) == 1:
            card = self.card(first[0].id, lang, QuestionKind.WHEN)
            assert card is not None
            return self._answer(question, lang, analysis,
                                (ItemScore(first[0].id, KIND_OF[type(first[0])], 100.0, ""),), card)
        # what the list shows first: what is on now (or, asked what's next, what starts then)
        shown = first if analysis.time_hint is TimeHint.NEXT else running
        return self._answer(question, lang, analysis, tuple(
            ItemScore(item.id, KIND_OF[type(item)], 100.0, "") for item in shown),
            self.now_reply(lang, now))

    def _on_at(self, place_id: str, hint: TimeHint | None,
               now: datetime) -> Session | SideEvent | None:
        """Return what is on (or, for NEXT, starts next) at a venue or room, if anything."""
        place = self.kb.items.get(place_id)
        if not isinstance(place, Venue | Room):
            return None
        here = [i for i in self.kb.programme if place_id in {i.venue, i.room}]
        on_here = self._running(now, here)
        if hint is TimeHint.NOW and on_here:  # several at once: the venue's card lists them
            return on_here[0] if len(on_here) == 1 else None
        # what starts next there, however much starts elsewhere first
        next_here = self._upcoming(now, here, on_here)
        return next_here[0] if next_here else None  # its card says when

    def _place_named(self, result: Decision, text: str) -> str | None:
        """Return the venue or room among the items a question's words came nearest whose
        name the question holds ("2day 11am kauri hall wats on"), if any."""
        lexical = self.matcher.lexical
        words = lexical.question_words(text)
        for found in (*result.matches, *result.near)[:3]:
            if isinstance(self.kb.items.get(found.item_id), Venue | Room) and not (
                    words - set(lexical.without_names(text, found.item_id).split())
                    <= GENERIC_TOKENS):  # (its own name, not "hall")
                return found.item_id
        return None

    def _held_at(self, place_id: str, analysis: QuestionAnalysis,
                 then: Sequence[Session | SideEvent] | None,
                 rest: str, *, timed: bool = False, strict: bool = False,
                 order: int | None = None,
                 window: tuple[datetime, datetime] | None = None,
                 day: date | None = None) -> list[Session | SideEvent]:
        """Return the few items on at a venue or room that a question asks for by what it
        asks (what, when; at a time, who too) and its other words, at the time it names; none
        if not that.

        ``timed``: the question names a time ("orchid hall 10.45", "tumannaya hall thursday
        morning"): what is on there then, even one item, whatever it asks. ``strict``: the
        words did not decide on the place, only came nearest it: its items there and then
        only if the other words name them or none. ``order``: the first (1)
        or last (-1) of them, starting in ``window`` if given ("right after lunch"). ``day``:
        the day asked, whose all-day items there answer when nothing timed is on then.
        """
        occasion = names_an_occasion(rest)  # "the museum dinner": what is on there
        asks = {QuestionKind.WHAT, QuestionKind.WHEN} | (
            {QuestionKind.UNKNOWN} if timed or occasion else set()) | (
            {QuestionKind.WHO} if timed else set())
        if analysis.kind not in asks or not isinstance(self.kb.items.get(place_id), Venue | Room):
            return []
        everything = [i for i in self.kb.programme if place_id in {i.venue, i.room}]
        here = everything if then is None else [i for i in everything if i in then]
        if not here and day is not None:  # nothing timed there then: what is on all day
            on_day = {i.id for i in self.kb.on_day(day)}
            here = [i for i in everything if i.start.all_day and i.id in on_day]
        lexical = self.matcher.lexical
        words = lexical.without_names(rest, place_id)
        if strict:  # (what is left of "리무룸에서": 룸, a room)
            words = _leftover(words, _PLACE_WORDS)
        found_order = find_order(words) if then is not None else None
        if found_order is not None:
            order, words = found_order
        if order is not None and not lexical.has_content(_leftover(words, _ITEM_WORDS)):
            # "the first thing in totara hall tomorrow afternoon", "... right after lunch"
            return _in_order(here, order, window)
        if lexical.has_content(words):  # "the workshop in S222": its workshops
            found = set(lexical.named_by(words, [i.id for i in here]))
            if strict and not found:
                return []
            if found or not (timed or occasion):  # at a time, words that name none of them
                here = [i for i in here if i.id in found]  # ask what it is
        elif not timed and (len(here) < 2 or (
                analysis.kind is not QuestionKind.WHAT and _HOURS_ASKED.search(
                    analysis.stripped_text))):
            return []  # "when does S222 open": its hours; one thing there: its card says it
        return here if len(here) <= CLARIFY_MAX_ITEMS else []

    def _now_and_next(
        self, now: datetime
    ) -> tuple[list[Session | SideEvent], list[Session | SideEvent]]:
        """Return what is on at ``now`` (the shortest sitting first: the keynote before the
        exhibition open all week) and what starts next, soonest first."""
        running = sorted(self._running(now, self.kb.programme), key=lambda item: next(
            end - start for start, end in self.kb.sittings(item) if start <= now < end))
        return running, self._upcoming(now, self.kb.programme, running)[:NEXT_ITEMS]

    def _running(self, now: datetime,
                 items: Sequence[Session | SideEvent]) -> list[Session | SideEvent]:
        """Return the items on at ``now``."""
        return [item for item in items if self.kb.is_on(item, now)]

    def _upcoming(self, now: datetime, items: Sequence[Session | SideEvent],
                  running: Sequence[Session | SideEvent]) -> list[Session | SideEvent]:
        """Return the items not running that start again after ``now``, soonest first."""
        running_ids = {item.id for item in running}
        starts = {item.id: self.kb.next_start(item, now) for item in items
                  if item.id not in running_ids}
        return sorted((item for item in items if starts.get(item.id) is not None),
                      key=lambda item: (starts[item.id], item.id))

    def _inside_a_place(self, text: str, timely: frozenset[str], result: Decision
                        ) -> Decision | None:
        """Return what a question asks of a place it names only as where: anything of the
        main venue ("hay comida halal adentro del centro de convenciones"), an FAQ's service
        in a room of it ("toilets nr hall 5??", "大會堂的傳譯耳機在哪裡拿"), when the words
        taken together decided on nothing."""
        lexical = self.matcher.lexical
        if self.main_venue is not None and (inside := self._inside(
                text, lexical.without_names(text, self.main_venue), timely)) is not None:
            return inside
        place = self._place_named(result, text) if result.outcome != "answer" else None
        if place is None or not isinstance(self.kb.items[place], Room):
            return None  # (another venue, a hotel, is no place the event's FAQ speaks of)
        # ... a service whose FAQ holds every need the question names
        rest = lexical.without_names(text, place)
        needed = lexical.groups_of(rest, question=True) & lexical.needs
        inside = self._inside(text, rest, timely) if needed else None
        if inside is None or inside.matches[0].kind != "faq":
            return None
        return inside if lexical.held_terms(inside.matches[0].item_id, needed) == needed else None

    def _inside(self, text: str, rest: str, timely: frozenset[str]) -> Decision | None:
        """Return what a question asks of a place, answered by its words without the
        place's names (``rest``: LexicalIndex.without_names)."""
        lexical = self.matcher.lexical
        taken = lexical.question_words(text) - set(rest.split())
        if not lexical.has_content(" ".join(taken)) or not lexical.knows_content(
                _leftover(rest, _VENUE_QUESTION_WORDS)):
            # "el celular de diego": a "de" of its name is no name of it; "la dirección del
            # centro de convenciones para el uber": its way there, the venue's card
            return None
        found = self.matcher.match(rest, timely=timely)
        if found.outcome != "answer" or self.matcher.asks_beyond(text, found.matches[0].item_id):
            return None  # (what the question asks beyond the KB went with the venue's words)
        return found

    def _asks_for_the_venue(self, stripped: str, text: str, kind: QuestionKind) -> bool:
        """Tell whether a question asks only where the event is ("where is the venue"),
        unless the KB holds that very question (an FAQ on getting there)."""
        words = _WHERE_EVENT_WORDS if kind is QuestionKind.WHERE else _VENUE_QUESTION_WORDS
        if self.main_venue is None or not _generic(stripped, words) or (
                _generic(stripped, _TRANSPORT_WORDS)):
            return False
        held = self.matcher.match(text)
        return held.outcome != "answer" or held.best_score < WHOLE_MATCH_SCORE

    def _way_to_a_place(self, analysis: QuestionAnalysis, text: str) -> ItemScore | None:
        """Return the place a question asks the way to by some travel ("bocc 지하철로 어떻게
        가요", "how do I get to the convention centre by MRT"), whose card tells the way;
        none if the KB holds that very question (an FAQ on the subway)."""
        stripped = analysis.stripped_text
        if analysis.kind not in {QuestionKind.WHERE, QuestionKind.UNKNOWN} or (
                _leftover(stripped, _TRAVEL_WORDS) == _leftover(stripped, ())):
            return None
        rest = _leftover(stripped, _TRANSPORT_WORDS)
        if not rest:
            return None
        held = self.matcher.match(text)
        if held.outcome == "answer" and held.best_score >= WHOLE_MATCH_SCORE:
            return None
        found = self.matcher.match(rest)
        if found.outcome != "answer" or found.matches[0].kind not in PLACE_KINDS:
            return None
        return found.matches[0]

    def _during(self, day: date, part: str) -> list[Session | SideEvent]:
        """Return the timed programme items on during a part of a day ("this evening")."""
        start, end, _ = PARTS_OF_DAY[part]
        # KB times are naive local times of the event, like this window.
        window = (datetime.combine(day, time(start)),
                  datetime.combine(day, time.max if end == 24 else time(end)))
        return [item for item in self._timed(day)
                if item.start.value < window[1] and item.end.value > window[0]]

    def _window(self, day: date, part: str, *,
                after_lunch: bool = False) -> tuple[datetime, datetime]:
        """Return when a part of a day starts and ends; right after lunch, it starts when the
        day's lunch ends."""
        first, last, _ = PARTS_OF_DAY[part]
        start = datetime.combine(day, time(first))
        end = datetime.combine(day, time.max if last == 24 else time(last))
        if after_lunch:
            lexical = self.matcher.lexical
            ends = [item.end.value for item in self._timed(day)
                    if _LUNCH_HOURS[0] <= item.start.value.hour < _LUNCH_HOURS[1]
                    and not _LUNCH_WORDS.isdisjoint(lexical.name_words(item.id))]
            start = max([start, *ends])
        return start, end

    def _timed(self, day: date) -> list[Session | SideEvent]:
        """Return the programme items on a day that have times (not all day)."""
        return [item for item in self.kb.on_day(day) if not item.start.all_day]

    def _at(self, day: date, at: time) -> list[Session | SideEvent]:
        """Return the timed programme items on at a time of a day, else those starting soon
        after it ("15時から")."""
        moment = datetime.combine(day, at)  # naive local times, like the KB's
        timed = self._timed(day)
        running = [item for item in timed if item.start.value <= moment < item.end.value]
        return running or [item for item in timed
                           if moment <= item.start.value < moment + SOON_AFTER]

    def _then(self, day: date | None, part: str | None, hint: TimeHint | None,
              now: datetime) -> list[Session | SideEvent] | None:
        """Return the programme items on at the time a question names (None: it names none)."""
        today = now.astimezone(self.kb.tz).date()
        if part is not None:
            return self._during(day or today, part)
        if day is not None or hint is TimeHint.TODAY:
            return list(self.kb.on_day(day or today))
        if hint is TimeHint.NOW:
            return self._running(now, self.kb.programme)
        if hint is TimeHint.NEXT:
            return self._now_and_next(now)[1]
        return None

    def _held_then(self, question: str, lang: str, analysis: QuestionAnalysis,
                   items: Sequence[Session | SideEvent], day: date) -> Answer:
        """Answer with the items on then that a question names: the one's card, a choice of
        a few, or the day's list of them."""
        scored = tuple(ItemScore(item.id, KIND_OF[type(item)], 100.0, "") for item in items)
        if len(items) == 1:
            kind = QuestionKind.WHEN if analysis.kind is QuestionKind.UNKNOWN else analysis.kind
            card = self.card(items[0].id, lang, kind)
            assert card is not None
            return self._answer(question, lang, analysis, scored, card)
        if len(items) <= CLARIFY_MAX_ITEMS:  # a choice, each with its time and place
            writer = CardWriter(self.kb, lang)
            text = "\n".join([escape(t(lang, "reply.on_then")),
                              *writer.listing_lines(items, writer.dated_when)])
            return Answer(question, lang, "clarify", analysis, scored,
                          Reply(text, buttons=self.clarify_reply(scored, lang).buttons))
        return self._answer(question, lang, analysis, (), self.day_reply(day, lang, only=items))

    def _part_of_day(self, question: str, lang: str, analysis: QuestionAnalysis, day: date,
                     part: str) -> Answer:
        """Answer "what's on this evening": the one item then, or that part of the day's list."""
        timed = self._during(day, part)
        if len(timed) == 1:
            scored = ItemScore(timed[0].id, KIND_OF[type(timed[0])], 100.0, "")
            card = self.card(timed[0].id, lang, QuestionKind.WHEN)
            assert card is not None
            return self._answer(question, lang, analysis, (scored,), card)
        # Nothing timed then: the whole day, whose all-day items may still be open.
        return self._answer(question, lang, analysis, (),
                            self.day_reply(day, lang, only=timed or None))

    @staticmethod
    def _answer(question: str, lang: str, analysis: QuestionAnalysis,
                matches: tuple[ItemScore, ...], reply: Reply) -> Answer:
        return Answer(question, lang, "answer", analysis, matches, reply)

    def card(self, item_id: str, lang: str,
             kind: QuestionKind = QuestionKind.UNKNOWN) -> Reply | None:
        """Return the card of an item, or None for an unknown id."""
        key = (item_id, lang, kind)
        card = self._cards.get(key)
        if card is None:
            item = self.kb.items.get(item_id)
            if item is None:
                return None
            card = remember(self._cards, key, CardWriter(self.kb, lang).card(item, kind),
                            CARD_CACHE_SIZE)
        return card

    def beyond_reply(self, item_id: str, lang: str) -> Reply:
        """Say that the event information does not hold what was asked of an item it names
        ("is kairos hiring"), with the item's card a tap away."""
        name = CardWriter(self.kb, lang).plain_name(self.kb.items[item_id])
        return Reply(t(lang, "reply.beyond", name=f"<b>{escape(name)}</b>"),
                     buttons=self._choices((item_id,), lang))

    def near_reply(self, near: Sequence[ItemScore], lang: str) -> Reply:
        """Say that nothing answers the question, offering the items its words came nearest."""
        return Reply(t(lang, "reply.near"),
                     buttons=self._choices([m.item_id for m in near], lang))

    def _choices(self, item_ids: Sequence[str], lang: str) -> tuple[tuple[Button], ...]:
        """Return a button per item, each opening its card."""
        writer = CardWriter(self.kb, lang)
        # several alike (three sensor makers, two opening talks): their booths and times tell
        label = writer.plain_name if len(item_ids) == 1 else writer.choice_label
        return tuple((Button(label(self.kb.items[item_id]), f"item:{item_id}"),)
                     for item_id in item_ids)

    def clarify_reply(self, matches: Sequence[ItemScore], lang: str) -> Reply:
        """Ask which of the close candidates was meant, or yes/no about a single one."""
        rows = self._choices([m.item_id for m in matches], lang)
        if len(rows) == 1:
            return Reply(t(lang, "reply.confirm"),
                         buttons=(*rows, (Button(t(lang, "button.not_this"), "no:"),)))
        return Reply(t(lang, "reply.clarify"), buttons=rows)

    def now_reply(self, lang: str, now: datetime) -> Reply:
        """List what is on at ``now`` and what starts next."""
        writer = CardWriter(self.kb, lang)
        local = now.astimezone(self.kb.tz)
        running, upcoming = self._now_and_next(now)
        title = t(lang, "now.title", time=f"{writer.day_title(local)} {local:%H:%M}")
        on_now = writer.listing(title, running) or f"<b>{title}</b>\n{t(lang, 'now.nothing')}"
        nxt = writer.listing(t(lang, "now.next"), upcoming) or t(lang, "now.nothing_next")
        return Reply(f"{on_now}\n\n{nxt}", buttons=self._card_buttons(writer, running + upcoming))

    def day_reply(self, day: date, lang: str, *, today: bool = False,
                  only: Sequence[Session | SideEvent] | None = None) -> Reply:
        """List the programme of one day (or ``only`` these of its items)."""
        writer = CardWriter(self.kb, lang)
        items = list(self.kb.on_day(day)) if only is None else list(only)
        label = writer.day_title(datetime.combine(day, datetime.min.time()))
        title = t(lang, "today.title" if today else "day.title", date=label)
        # A page at a time, like /schedule: its ◀ ▶ turn to that day's /schedule pages.
        return render_page(PagedList(
            DAY_VIEW, f"<b>{escape(title)}</b>", writer.listing_lines(items, writer.short_when),
            [Button(writer.plain_name(i), f"item:{i.id}") for i in items], key=day.isoformat(),
            empty=t(lang, "today.nothing", date=label)), 0, lang)

    @staticmethod
    def _card_buttons(
        writer: CardWriter, items: Sequence[Session | SideEvent]
    ) -> tuple[tuple[Button, ...], ...]:
        return tuple((Button(writer.plain_name(i), f"item:{i.id}"),) for i in items[:8])


def _members(kb: KnowledgeBase) -> dict[str, list[str]]:
    """Return each organisation's people, and each booth's that has no organisation."""
    return {company: [person.id for person in people] for company, people in kb.members.items()}


def _in_order(items: Sequence[Session | SideEvent], order: int,
              window: tuple[datetime, datetime] | None = None) -> list[Session | SideEvent]:
    """Return the items that start first (order 1) or last (-1), in ``window`` if given: the
    sessions among them, if any (the first talk is no breakfast before it); parallel ones
    all."""
    items = [item for item in items
             if window is None or window[0] <= item.start.value < window[1]]
    pool: list[Session | SideEvent] = [item for item in items if isinstance(item, Session)]
    pool = pool or list(items)
    if not pool:
        return []
    starts = [item.start.value for item in pool]
    chosen = min(starts) if order > 0 else max(starts)
    return [item for item in pool if item.start.value == chosen]


def _generic(rest: str, generic_words: Sequence[str] = GENERIC_PROGRAMME_WORDS) -> bool:
    """Tell whether what is left of a question is only generic programme words (or these)."""
    return not _leftover(rest, generic_words)


@cache
def _spaced_phrases(words: tuple[str, ...]) -> re.Pattern[str]:
    """Return a pattern of the phrases of several words among some generic words."""
    phrases = sorted((word for word in words if " " in word), key=len, reverse=True)
    return re.compile(rf"(?<!\w)(?:{'|'.join(map(re.escape, phrases))})(?!\w)" if phrases
                      else r"(?!)")


def _leftover(rest: str, generic_words: Sequence[str] = GENERIC_PROGRAMME_WORDS) -> str:
    """Return what is left of a question without generic programme words (or these)."""
    # Phrases of several words go whole ("xe buýt", "место проведения"), longest first
    rest = _spaced_phrases(tuple(generic_words)).sub(" ", rest.casefold())
    # Thai vowel and tone marks are no \w: keep the Thai block whole, or words fall apart.
    words = [w for w in re.split(r"[^\w'\u0e00-\u0e7f]+", rest) if w]
    leftover = []
    for word in words:
        if word in generic_words:
            continue
        if not word.isascii():  # unspaced CJK and Thai: remove generic substrings (not
            for generic in generic_words:  # "on" out of "innovation")
                if not generic.isascii():
                    word = word.replace(generic, " ")
        leftover.append(word)
    return " ".join(" ".join(leftover).split())
