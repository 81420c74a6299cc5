"""Detect what a question asks (where/when/who/...) from frame words, and strip them.

Frame words ("어디", "what time", "どこ", "在哪里") say what kind of answer to lead with, but they
are noise for matching: "한라홀 어디야" must score like "한라홀". They live in :data:`FRAME_WORDS`,
one dict per language, and are compiled into a single longest-first regex so "what time" (WHEN)
wins over "what" (WHAT) and "몇 번" (BOOTH) over nothing.

Matching rules per language, because the scripts segment differently:

- ``en``, ``es``, ``ru``, ``vi``, ``id``: whole words only ("now" must not fire inside
  "knowledge"); a phrase with Latin accents also matches without them ("donde", "o dau"), as
  people often type it, when it keeps three letters or more ("gì" alone would be "gi").
- ``ko``: the frame word must end its token, optionally followed by a known ending
  (어디 + 야/예요/에요, 위치 + 가, 몇 시 + 에); a frame word of two or more syllables may be glued
  to the preceding word ("한라홀어디야"), a one-syllable one may not.
- ``ja``/``zh``/``zh-Hant``: substrings (no spaces in those languages), swallowing a particle
  before the frame (ハルラホール**は**どこ, 汉拏厅**在**哪里) and a polite/question ending after it.
- ``th``: substrings too (Thai runs words together), swallowing a polite particle after the
  frame (ห้องประชุม**อยู่ที่ไหน**ครับ).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache
from typing import Literal

from eventbot.bot.matching.normalize import HAN_CHARACTER, HANGUL_WORD, traditional, unaccented

__all__ = [
    "FRAME_WORDS",
    "Frame",
    "FrameLang",
    "QuestionAnalysis",
    "QuestionKind",
    "ScriptLang",
    "TimeHint",
    "analyse",
    "script_lang",
]

ScriptLang = Literal["ko", "ja", "zh", "zh-Hant", "ru", "th", "en"]
FrameLang = Literal["ko", "en", "ja", "zh", "zh-Hant", "es", "ru", "vi", "th", "id", "fil", "ms",
                    "tpi"]


class QuestionKind(StrEnum):
    """What the question asks for; decides what the answer leads with."""

    WHERE = "where"
    WHEN = "when"
    WHO = "who"
    WHAT = "what"
    BOOTH = "booth"
    UNKNOWN = "unknown"


class TimeHint(StrEnum):
    """Which moment the question is about, if it says."""

    NOW = "now"
    TODAY = "today"
    NEXT = "next"


class Frame(StrEnum):
    """A group of frame words: a question kind, a time hint, or filler to drop."""

    WHERE = "where"
    WHEN = "when"
    WHO = "who"
    WHAT = "what"
    BOOTH = "booth"
    NOW = "now"
    TODAY = "today"
    NEXT = "next"
    FILLER = "filler"


# Spaces inside a phrase match any run of spaces (or none in ko/ja/zh): "가는 길" == "가는길".
FRAME_WORDS: dict[FrameLang, dict[Frame, tuple[str, ...]]] = {
    "ko": {
        Frame.WHERE: (
            "어디", "어딨", "어딘", "어디 있", "어디 있어", "어디 있나", "어디 있는", "어디서",
            "어디로", "위치", "장소", "가는 길", "가는 방법", "어떻게 가", "몇 층", "몇층",
            "몇 호실", "어느 홀", "무슨 홀", "몇 홀", "어느 방", "어느 무대", "어느 관", "몇 관",
            "어느 건물",
            "가려면", "찾아가는 길", "오시는 길", "주소", "집합 장소", "모이는 곳", "만나는 곳",
        ),
        Frame.WHEN: (
            "언제", "몇 시", "일정", "시간", "시작", "끝나", "몇일", "며칠", "날짜",
            "몇일까지", "며칠까지", "얼마나 걸려", "얼마나 걸리", "몇 시간",
        ),
        Frame.WHO: ("누구", "누가", "연사", "발표자", "강연자", "진행자", "사회자",
                    # a person's name, asked politely (이름 is also a name tag's: 이름표)
                    "성함",
                    # what a person does, for whom, and what they are called: their card says
                    "소속", "직책", "직함", "직업", "무슨 일 해", "뭐 하는 사람",
                    "뭐하는 사람", "뭐하는 분", "뭐 하는 분"),
        Frame.WHAT: ("뭐", "무엇", "무슨", "몇 개", "몇 명", "얼마", "어떤"),
        Frame.BOOTH: ("부스", "부쓰", "몇 번", "몇 번 부스", "부스 번호", "부스 위치"),
        Frame.NOW: ("지금", "현재"),
        Frame.TODAY: ("오늘",),
        Frame.NEXT: ("다음", "이따", "이따가"),
        Frame.FILLER: (
            "알려 줘", "알려 주세요", "알려 줄래", "알려 줄래요", "가르쳐 줘", "좀", "주세요",
            "해 줘", "궁금해", "궁금해요", "궁금합니다", "있어", "있나요", "있어요", "있습니까",
            "해", "해요", "하나요", "했나요", "되나요", "돼요",
        ),
    },
    "en": {
        Frame.WHERE: (
            "where", "wheres", "location", "located", "how to get to", "how to get",
            "how do i get to", "how do i get", "how can i get to", "directions to", "directions",
            "way to", "fastest way", "quickest way", "best way", "easiest way", "address",
            "meeting point", "meeting place", "where do we meet",
            "what floor", "which floor", "which room", "what room", "which hall", "what hall",
            "which stage", "what stage", "which building", "what building", "which level",
            "what level", "what flr", "which flr", "what lvl", "which lvl",
            # as thumbs type it
            "whre", "wher", "wehre", "hwere", "whree", "wheer",
        ),
        Frame.WHEN: (
            "when", "whens", "what time", "schedule", "start time", "starts", "start", "begin",
            "begins", "date", "dates", "what day", "which day", "how long",
            "whn", "wehn", "hwen", "whne", "wat time", "wht time", "what tiem", "time",
        ),
        Frame.WHO: ("who", "whos", "speaker", "speakers", "presenter", "presenters", "host",
                    # what a person does, for whom, and what they are called: their card says
                    "his job", "her job", "his role", "her role", "his position", "her position",
                    "his title", "her title", "his background", "her background", "is he with",
                    "is she with", "does he work", "does she work", "he work for", "she work for",
                    "he works for", "she works for", "his name", "her name", "their names"),
        Frame.WHAT: ("what", "whats", "what is", "how many", "how much", "which",
                     "wht", "waht", "whta", "wich", "whcih"),
        Frame.BOOTH: ("booth", "booths", "booth number", "stand", "stands", "which booth"),
        Frame.NOW: ("now", "right now", "currently", "at the moment", "rn"),
        Frame.TODAY: ("today", "tonight", "this morning", "this afternoon", "todays", "tonights",
                      "this arvo", "this mornings", "this afternoons", "this evenings"),
        Frame.NEXT: ("next", "upcoming"),
        Frame.FILLER: (
            "please", "pls", "tell me", "show me", "can you", "could you", "i want to go to",
            "i want to", "is", "are", "the", "do", "does", "held", "at",
            # the event itself: "is jetro at the summit" asks if it is here
            "at the summit", "at this summit", "at the forum", "at this forum", "at the expo",
            "at this expo", "at the conference", "at this conference", "at the congress",
            "at this congress", "at the event", "at this event", "at the fair", "at this fair",
            "at the show", "at this show",
        ),
    },
    "ja": {
        Frame.WHERE: ("どこ", "どちら", "場所", "行き方", "アクセス", "住所", "位置", "集合場所",
                      "待ち合わせ場所", "何階", "何号室", "どの部屋", "どのホール", "どのステージ",
                      "どの会場", "何号館", "どの建物", "どのルーム",
                      # a place where one can: "充電できるとこある？"
                      "とこある", "ところある", "とこない", "ところない", "ところありますか",
                      "ところはありますか", "とこありますか"),
        Frame.WHEN: ("いつ", "何時", "日程", "スケジュール", "時間", "始まる", "日付", "何日",
                     "どのくらい", "どれくらい", "所要時間"),  # how long
        Frame.WHO: ("誰", "だれ", "講演者", "登壇者", "スピーカー", "名前なんだっけ",
                    "名前何だっけ", "名前は何", "なんて名前", "お名前",
                    # what a person does, for whom, and what they are called: their card says
                    "所属", "肩書き", "肩書", "職業", "何者", "何をしている人", "何してる人",
                    "どんな人", "どこの人", "何の人"),
        Frame.WHAT: ("何", "なに", "なん", "いくつ", "何人", "何個",
                     # which company: "おもてなしAIってどこの会社？" asks which, not where
                     "どこの会社", "どの会社", "どこの企業", "何の会社", "なんの会社"),
        Frame.BOOTH: ("ブース", "何番", "ブース番号", "ブースナンバー", "何番ブース"),
        Frame.NOW: ("今", "いま"),
        Frame.TODAY: ("今日", "きょう", "本日"),
        Frame.NEXT: ("次", "つぎ", "この後", "このあと", "この次"),
        Frame.FILLER: ("教えてください", "教えて", "ください", "ありますか", "でしょうか"),
    },
    "zh": {
        Frame.WHERE: (
            "哪里", "哪儿", "在哪", "在哪里", "在哪儿", "位置", "地址", "地点", "怎么走", "怎么去",
            "哪裡", "在哪裡", "地點", "怎麼走", "怎麼去", "集合地点", "集合地點", "在哪集合",
            "哪一厅", "哪个厅", "哪一间", "几号厅", "哪个房间", "在几楼", "几楼", "幾樓", "哪一层",
            "几号馆", "哪个馆", "哪个舞台", "哪个会议室", "哪个展厅", "哪栋楼",
            "哪层", "哪一樓", "哪个教室", "哪個教室",
        ),
        Frame.WHEN: ("什么时候", "什麼時候", "几点", "幾點", "几号", "幾號", "开始", "開始", "日期",
                     "哪天", "多长时间", "多久", "多長時間", "时间", "什么时间"),
        Frame.WHO: ("谁", "演讲者", "演講者", "讲者", "講者",
                    # what a person does, for whom, and what they are called: their card says
                    "职位", "职务", "头衔", "什么职位", "做什么工作", "在哪工作", "在哪里工作",
                    "在哪上班"),
        Frame.WHAT: ("什么", "什麼", "多少", "几个", "幾個", "哪个", "哪個",
                     # how much money: the money is the question, not a subject
                     "多少钱", "多少錢", "要钱吗", "要钱不", "收费吗", "收不收费",
                     "哪家", "哪一家", "哪家公司", "叫啥", "叫什么", "叫什么名字", "叫啥名字",
                     # what a talk is about ("刘芳讲什么题目")
                     "什么题目", "什么内容"),
        Frame.BOOTH: ("展位", "摊位", "攤位", "展台"),
        Frame.NOW: ("现在", "現在", "目前"),
        Frame.TODAY: ("今天",),
        Frame.NEXT: ("下一个", "下一個", "下个", "下個", "接下来", "接下來", "等一下", "待会",
                     "待会儿", "一会儿", "稍后"),
        Frame.FILLER: ("请问", "請問", "请", "請", "告诉我", "告訴我", "吗", "嗎", "呢"),
    },
    "zh-Hant": {
        Frame.WHERE: (
            "哪裡", "哪兒", "在哪", "在哪裡", "在哪兒", "位置", "地址", "地點", "怎麼走", "怎麼去",
            "哪邊", "在哪邊", "幾樓", "哪一樓", "怎麼到", "怎麼過去", "如何前往", "如何到達",
            "位於", "集合地點", "在哪集合", "哪一廳", "哪個廳", "哪一間", "幾號廳", "哪個房間",
            "幾號館", "哪個館", "哪個舞台", "哪個會議室", "哪個展廳", "哪棟樓",
            # Cantonese as typed in Hong Kong ("喺邊度攞證件", "點去會展")
            "喺邊度", "喺邊", "邊度", "點去", "點樣去", "點過去", "喺邊個廳", "邊個廳", "幾多樓",
            "邊層",
            # ... with the English word for the place, as typed there ("決賽喺邊個hall")
            "喺邊個hall", "喺邊個room", "邊個hall", "邊個room", "哪個hall", "哪个hall", "哪個room",
            "哪个room",
        ),
        Frame.WHEN: ("什麼時候", "甚麼時候", "幾點", "幾號", "開始", "日期", "哪天", "哪一天",
                     "星期幾", "禮拜幾", "什麼時間", "幾時", "幾點鐘", "邊日", "邊一日"),
        Frame.WHO: ("誰", "演講者", "講者", "講師", "主講人", "主講者", "主持人", "與談人",
                    "哪位", "邊個", "邊位",
                    # what a person does, for whom, and what they are called: their card says
                    "職位", "職務", "頭銜", "做什麼工作", "在哪工作", "在哪裡工作", "叫什麼名字",
                    "做邊行"),
        Frame.WHAT: ("什麼", "甚麼", "多少", "幾個", "哪個", "哪一個", "哪些", "啥", "咩",
                     "乜嘢", "幾多", "幾多錢", "邊間", "多少錢", "要錢嗎", "收費嗎", "使唔使錢",
                     "使唔使钱", "几多钱", "哪家", "哪一家", "哪家公司", "什麼題目", "什麼內容"),
        Frame.BOOTH: ("展位", "攤位", "展台", "展檯", "攤位號碼", "展位號碼", "幾號攤位"),
        Frame.NOW: ("現在", "目前", "正在進行", "此刻"),
        Frame.TODAY: ("今天", "今日", "今晚", "今天晚上", "今早"),
        Frame.NEXT: ("下一個", "下個", "接下來", "下一場", "下一位", "之後", "稍後", "等一下",
                     "待會", "待會兒", "一會兒", "陣間", "等陣"),
        Frame.FILLER: ("請問", "請", "告訴我", "嗎", "呢", "麻煩", "想問", "想請問", "我想問",
                       "請教", "可以告訴我", "有沒有", "一下",
                       "有冇", "係咪", "可唔可以", "得唔得", "使唔使", "唔該", "㗎", "嘅",
                       "呀", "啦", "喎", "嗰個", "呢個"),
    },
    "es": {
        Frame.WHERE: (
            "dónde", "dónde está", "dónde queda", "dónde es", "ubicación", "cómo llegar",
            "qué piso", "en qué piso", "qué sala", "en qué sala", "en q sala", "qué salón",
            "en qué salón", "qué auditorio", "en qué auditorio", "qué escenario",
            "en qué escenario", "qué edificio", "en qué edificio",
            "cómo llego", "cómo ir", "dirección", "dónde están", "dónde se encuentra",
            "dónde hay", "dónde puedo", "dónde encuentro", "dónde consigo", "en dónde",
            "adónde", "a dónde", "por dónde", "cómo se llega", "cómo voy", "ubicado", "ubicada",
            "localización", "dnd", "punto de encuentro", "lugar de encuentro", "lugar",
        ),
        Frame.WHEN: (
            "cuándo", "cuándo es", "cuándo empieza", "a qué hora", "qué hora", "horario",
            "qué día", "fecha", "cuándo comienza", "cuándo inicia", "cuándo termina",
            "hasta qué hora", "hora de inicio", "horarios", "qué días", "fechas", "empieza",
            # as texted: q and k for qué
            "a q hora", "q hora", "q día", "q dia", "a k hora", "k hora", "k día", "k dia",
            "comienza", "inicia", "cuánto dura", "cuánto tiempo dura", "cuánto tiempo", "hora",
        ),
        Frame.WHO: ("quién", "quiénes", "ponente", "ponentes", "orador", "presentador",
                    "oradores", "presentadores", "quién habla", "quién presenta", "quién da",
                    "conferencista", "conferencistas", "moderador", "disertante",
                    # what a person does, for whom, and what they are called: their card says
                    "a qué se dedica", "a que se dedica", "qué cargo", "su cargo",
                    "en qué trabaja", "dónde trabaja", "de qué empresa es", "cómo se llama"),
        Frame.WHAT: ("qué", "qué es", "cuántos", "cuántas", "cuánto", "cuál", "cuáles",
                     "qué son", "cuánto cuesta", "qué tipo de"),
        Frame.BOOTH: ("número de stand", "qué stand", "puesto", "en qué stand", "estand",
                      "número de puesto", "qué puesto"),
        Frame.NOW: ("ahora", "ahora mismo", "en este momento", "actualmente"),
        Frame.TODAY: ("hoy", "esta noche", "esta mañana", "esta tarde"),
        Frame.NEXT: ("próximo", "próxima", "siguiente", "próximos", "próximas", "siguientes"),
        Frame.FILLER: ("por favor", "dime", "dígame", "está", "están", "porfa", "porfavor",
                       "x favor", "me puedes decir", "me podrías decir", "me podría decir",
                       "puedes decirme", "podrías decirme", "quisiera saber", "quiero saber",
                       "hola", "disculpa", "disculpe", "hay", "se encuentra", "se encuentran"),
    },
    "ru": {
        Frame.WHERE: (
            "где", "где находится", "где проходит", "как пройти", "как добраться",
            "доехать до", "добраться до",  # "как с аэропорта доехать до острова"
            "как попасть", "адрес", "местоположение", "где находятся", "где проходят",
            "где здесь", "где тут", "где можно", "где найти", "где взять",
            "где будет", "куда идти", "как найти", "как дойти", "как доехать",
            "на каком этаже", "расположен", "расположена", "местонахождение", "место сбора",
            "место встречи", "куда", "откуда", "в каком зале", "в какой аудитории",
            "в каком корпусе", "в каком здании", "в каком павильоне", "в какой комнате",
            "в каком помещении", "какой корпус", "какой зал", "место проведения",
        ),
        Frame.WHEN: (
            "когда", "когда начинается", "во сколько", "в какое время", "в котором часу",
            "расписание", "во сколько начинается", "когда начало", "когда будет", "начало",
            "начинается", "начнётся", "заканчивается", "до скольки", "какого числа",
            "в какой день", "какой день", "дата", "даты", "время начала", "в каком часу",
            "скока", "со скольки", "сколько длится", "как долго", "время",
        ),
        Frame.WHO: ("кто", "кто выступает", "спикер", "спикеры", "докладчик", "докладчики",
                    "спикера", "спикеров", "докладчика", "докладчиков", "выступающий",
                    "выступающие", "выступает", "кто будет выступать", "кто ведёт",
                    "модератор", "лектор", "кто говорит",
                    # what a person does, for whom, and what they are called: their card says
                    "должность", "кем работает", "где работает", "из какой компании", "как зовут"),
        Frame.WHAT: ("что", "сколько", "какой", "какая", "какие", "какое", "какую", "каких",
                     "что такое", "что за", "сколько стоит", "который", "которая"),
        Frame.BOOTH: ("стенд", "номер стенда", "какой стенд", "стенда", "стенде", "стенды",
                      "на каком стенде", "стенд номер"),
        Frame.NOW: ("сейчас", "прямо сейчас", "щас", "в данный момент", "в настоящее время"),
        Frame.TODAY: ("сегодня", "сегодня вечером", "сегодня утром", "сегодняшний",
                      "сегодняшняя", "сегодняшние", "сегодняшнее"),
        Frame.NEXT: ("следующий", "следующая", "следующее", "следующие", "следующего",
                     "следующей", "следующую", "дальше", "далее", "после этого"),
        Frame.FILLER: ("пожалуйста", "подскажите", "скажите", "находится", "подскажи",
                       "скажи", "не подскажете", "не подскажите", "пжл", "плиз",
                       "можно узнать", "хочу узнать", "извините", "есть ли", "есть", "можно",
                       "находятся", "здесь", "тут", "чё", "че", "что делать", "чё делать",
                       "че делать", "вообще", "короче", "пж", "плз", "ребят", "ребята"),
    },
    "vi": {
        # No bare "ai" (who) or "đâu" (where): they fold to the English "AI" and to "đầu".
        Frame.WHERE: (
            "ở đâu", "nằm ở đâu", "chỗ nào", "địa chỉ", "vị trí", "đường đến", "đi đến",
            "làm sao đến", "ở chỗ nào", "nằm đâu", "nơi nào", "đường nào", "đi đường nào",
            "hướng nào", "lối nào", "đi lối nào", "đi thế nào", "đi như thế nào", "đi sao",
            "làm sao để đến", "làm thế nào để đến", "cách đến", "cách đi", "tầng mấy",
            "tầng nào", "phòng nào", "khu nào", "điểm tập trung", "điểm hẹn", "chỗ tập trung",
            "quán nào", "ở quán nào", "sảnh nào", "hội trường nào", "sân khấu nào", "tòa nhà nào",
            "địa điểm",
        ),
        Frame.WHEN: (
            "khi nào", "lúc nào", "mấy giờ", "bao giờ", "thời gian", "ngày nào", "bắt đầu",
            "lịch", "vào lúc nào", "lúc mấy giờ", "ngày mấy", "hôm nào", "thứ mấy", "giờ nào",
            "đến mấy giờ", "tới mấy giờ", "bao lâu", "mất bao lâu", "lịch trình", "lịch sự kiện",
            "thời gian biểu",
        ),
        Frame.WHO: ("là ai", "ai phát biểu", "ai trình bày", "diễn giả", "người trình bày",
                    "ai nói", "ai là", "ai thuyết trình", "ai diễn thuyết", "ai chủ trì",
                    "ai vậy", "những ai", "người phát biểu", "người thuyết trình",
                    "báo cáo viên", "người dẫn chương trình",
                    # what a person does, for whom, and what they are called: their card says
                    "chức vụ", "làm nghề gì", "làm ở đâu", "làm việc ở đâu"),
        Frame.WHAT: ("là gì", "cái gì", "gì", "bao nhiêu", "những gì", "có gì", "cái nào",
                     "loại nào", "mất tiền", "có mất tiền", "tốn tiền", "mất phí",
                     "bao nhiêu tiền"),
        Frame.BOOTH: ("gian hàng", "gian hàng số", "số gian hàng", "gian hàng nào", "gian số",
                      "booth số", "số booth", "booth nào", "quầy số"),
        Frame.NOW: ("bây giờ", "hiện tại", "hiện giờ", "lúc này", "ngay bây giờ",
                    "đang diễn ra"),
        Frame.TODAY: ("hôm nay", "tối nay", "sáng nay", "chiều nay", "trưa nay", "bữa nay",
                      "hnay"),
        Frame.NEXT: ("tiếp theo", "kế tiếp", "sắp tới", "sắp diễn ra", "sau đây", "kế đến"),
        Frame.FILLER: ("cho tôi biết", "làm ơn", "vậy", "ạ", "cho tôi hỏi", "cho mình hỏi",
                       "cho em hỏi", "cho hỏi", "xin hỏi", "cho biết", "cho mình biết",
                       "cho em biết", "bạn ơi", "ad ơi", "vui lòng", "muốn hỏi", "không ạ",
                       "không vậy", "hay không", "được không", "có", "diễn ra", "cụ thể"),
    },
    "th": {
        Frame.WHERE: ("ที่ไหน", "อยู่ที่ไหน", "อยู่ไหน", "ตรงไหน", "ไปยังไง", "ไปอย่างไร", "ตำแหน่ง",
                      "อยู่ตรงไหน", "อยู่แถวไหน", "แถวไหน", "อยู่ชั้นไหน", "ชั้นไหน", "ไปทางไหน",
                      "ทางไหน", "ไปไง", "ไปได้ยังไง", "ได้ที่ไหน", "หาได้ที่ไหน", "ที่ใด",
                      "อยู่ที่ใด", "พิกัด", "โลเคชั่น", "จุดนัดพบ", "จุดนัดเจอ", "สถานที่",
                      # in which room, hall, stage, zone: the place asked for, not a subject
                      "ห้องไหน", "อยู่ห้องไหน", "ฮอลไหน", "อยู่ฮอลไหน", "เวทีไหน", "อยู่เวทีไหน",
                      "โซนไหน", "อยู่โซนไหน", "ตึกไหน", "สถานีไหน", "ลงสถานีไหน"),
        Frame.WHEN: ("เมื่อไร", "เมื่อไหร่", "กี่โมง", "วันไหน", "ตอนไหน", "เริ่มกี่โมง",
                     "เริ่มเมื่อไหร่", "เริ่มเมื่อไร", "เริ่มตอนไหน", "ตอนกี่โมง", "จบกี่โมง",
                     "ถึงกี่โมง", "กี่ทุ่ม", "เวลาไหน", "ช่วงไหน", "วันที่เท่าไหร่", "วันอะไร",
                     "จัดวันไหน", "จัดเมื่อไหร่", "นานแค่ไหน", "กี่ชั่วโมง", "เวลา"),
        Frame.WHO: ("ใคร", "วิทยากร", "ผู้บรรยาย", "ใครพูด", "ใครบรรยาย", "ใครเป็น", "คือใคร",
                    "เป็นใคร", "ผู้พูด", "สปีกเกอร์", "ผู้ดำเนินรายการ", "พิธีกร",
                    # what a person does, for whom, and what they are called: their card says
                    "ตำแหน่งอะไร", "ทำงานที่ไหน", "ทำงานอะไร", "ชื่ออะไร"),
        Frame.WHAT: ("อะไร", "เท่าไร", "เท่าไหร่", "คืออะไร", "อะไรบ้าง", "อันไหน", "ไหนบ้าง",
                     "กี่คน", "กี่บาท"),
        Frame.BOOTH: ("บูธ", "บูธไหน", "หมายเลขบูธ", "บูท", "บูทไหน", "บูธเบอร์", "เบอร์บูธ",
                      "หมายเลขบูท"),
        Frame.NOW: ("ตอนนี้", "ขณะนี้", "เดี๋ยวนี้", "ปัจจุบัน"),
        Frame.TODAY: ("วันนี้", "คืนนี้", "เช้านี้", "บ่ายนี้", "เย็นนี้"),
        Frame.NEXT: ("ถัดไป", "ต่อไป", "รอบหน้า", "รอบถัดไป", "ต่อจากนี้", "อันต่อไป"),
        # No bare นะ or จ้า: they sit inside ชนะ and เจ้าหน้าที่ (after a frame, _TH_AFTER
        # already takes them).
        Frame.FILLER: ("ครับ", "ค่ะ", "ช่วยบอก", "ขอทราบ", "หน่อย", "คะ", "นะคะ", "นะครับ",
                       "ครับผม", "ขอถาม", "ขอสอบถาม", "อยากทราบ", "อยากทราบว่า", "อยากรู้",
                       "อยากรู้ว่า", "รบกวน", "ไหม", "มั้ย", "ได้ไหม", "ได้มั้ย", "มีไหม",
                       "หรือเปล่า", "รึเปล่า", "หรือไม่", "บ้าง"),
    },
    "id": {
        Frame.WHERE: ("di mana", "dimana", "lokasi", "alamat", "cara ke", "arah ke", "dmn",
                      "di manakah", "dimanakah", "ada di mana", "ada dimana", "letak",
                      "letaknya", "lokasinya", "alamatnya", "ke mana", "kemana",
                      "gimana cara ke", "bagaimana cara ke", "cara menuju", "cara pergi ke",
                      "arahnya", "posisi", "posisinya", "lantai berapa", "sebelah mana",
                      "ruang mana", "ruangan mana", "aula mana", "gedung mana", "hall mana",
                      "tempatnya", "titik temu", "tempat kumpul"),
        Frame.WHEN: ("kapan", "jam berapa", "pukul berapa", "jadwal", "tanggal", "mulai",
                     "berapa lama",
                     "jam brp", "pukul brp", "kapan mulai", "kapan dimulai", "dimulai",
                     "mulainya", "jadwalnya", "tanggal berapa", "hari apa", "kapankah", "kpn",
                     "sampai jam berapa", "selesai jam berapa", "waktunya", "waktu"),
        Frame.WHO: ("siapa", "pembicara", "narasumber", "pembicaranya", "siapa saja",
                    "siapa yang", "pemateri", "pematerinya", "narsum", "narasumbernya",
                    "pengisi acara", "pembawa acara",
                    # what a person does, for whom, and what they are called: their card says
                    "jabatan", "jabatannya", "kerja di mana", "kerja dimana", "namanya siapa"),
        Frame.WHAT: ("apa", "berapa", "yang mana", "yg mana", "apa itu", "apa saja", "apa aja",
                     "apaan", "brp", "berapa banyak"),
        Frame.BOOTH: ("nomor stan", "stan nomor", "stan berapa", "booth berapa", "stan",
                      "stan mana", "booth mana", "nomor booth", "booth nomor", "stannya",
                      "boothnya"),
        Frame.NOW: ("sekarang", "saat ini", "skrg", "sekarang ini", "sedang berlangsung",
                    "lagi berlangsung"),
        Frame.TODAY: ("hari ini", "malam ini", "pagi ini", "siang ini", "sore ini", "hr ini"),
        Frame.NEXT: ("berikutnya", "selanjutnya", "setelah ini", "habis ini", "abis ini",
                     "sesudah ini", "mendatang"),
        # No "dong": typed without accents, Vietnamese đóng/đông (and names) read the same.
        Frame.FILLER: ("tolong", "beri tahu", "kasih tahu", "kasih tau", "kasi tau",
                       "beri tau", "mau tanya", "mau nanya", "numpang tanya", "permisi",
                       "boleh tahu", "boleh tau", "bisa", "apakah", "apakah ada", "ada gak",
                       "ada ga", "ada nggak", "ada ngga", "ada tidak", "ya", "kak", "nih", "sih",
                       "deh"),
    },
    # Filipino, and the Taglish typed in Manila ("saan yung registration?", "anong oras yung
    # keynote"): no bare "san" (San Miguel, San Juan) nor "may" (the month, the English word).
    "fil": {
        Frame.WHERE: ("saan", "nasaan", "nasan", "san yung", "san ung", "san ba", "san po",
                      "san ang", "saan yung", "saan ang", "saang", "paano pumunta",
                      "pano pumunta", "papunta sa", "paano makarating", "pano makarating",
                      "anong floor", "saang floor", "anong palapag", "saang palapag",
                      "lokasyon"),
        Frame.WHEN: ("kailan", "kelan", "kailan po", "anong oras", "ano oras", "anong araw",
                     "hanggang anong oras", "hanggang kailan", "anong petsa", "ilang oras",
                     "kailan magsisimula", "anong oras magsisimula", "anong oras mag start",
                     "oras"),
        Frame.WHO: ("sino", "sinong", "sino si", "sino ang", "sino yung", "sino po"),
        Frame.WHAT: ("ano", "anong", "ano ang", "ano yung", "ano po", "magkano", "alin",
                     "ilan", "alin dito"),
        Frame.BOOTH: ("saang booth", "anong booth", "booth nila", "booth ng"),
        Frame.NOW: ("ngayon", "ngayon na", "ngayon mismo"),
        Frame.TODAY: ("ngayong araw", "ngayong gabi", "ngayong umaga", "ngayong hapon",
                      "mamaya"),
        Frame.NEXT: ("susunod", "kasunod", "pagkatapos nito"),
        Frame.FILLER: ("po", "ba", "paki", "pakisabi", "patanong", "tanong ko lang",
                       "gusto ko malaman", "pwede po", "pwede ba", "puwede ba", "pede ba",
                       "may alam ba kayo", "meron ba", "mayroon ba", "may ba", "daw", "raw",
                       "naman", "lang", "nga", "pala", "kaya", "eh"),
    },
    # Malay as typed on WhatsApp ("kat mana surau", "bila business matching start", "ada x"):
    # what Indonesian shares (di mana, siapa, berapa) is read by its frames already.
    "ms": {
        Frame.WHERE: ("kat mana", "kt mana", "kat mane", "kt mane", "dekat mana", "dkt mana",
                      "di mane", "mana satu", "macam mana nak pergi", "mcm mana nak pergi",
                      "camne nak pergi", "cara nak pergi", "nak pergi", "tingkat berapa",
                      "aras berapa", "arah ke mana", "bilik mana", "dewan mana", "hall mana"),
        Frame.WHEN: ("bila", "bile", "pukul berapa", "pukul brp", "pkl brp", "bila mula",
                     "bila start", "bila habis", "bila tutup", "bila buka", "sampai pukul berapa",
                     "sampai bila", "tarikh", "hari apa", "masa bila"),
        Frame.WHO: ("sape", "sapa", "siapa yang", "penceramah", "penyampai",
                    # what a person does, for whom, and what they are called: their card says
                    "jawatan", "kerja kat mana", "nama dia"),
        Frame.WHAT: ("ape", "apa benda", "berapa harga", "brp harga", "harga berapa"),
        Frame.BOOTH: ("gerai mana", "booth mana", "nombor gerai", "nombor booth", "gerai nombor",
                      "no gerai", "no booth", "nombor berapa", "no berapa"),
        Frame.NOW: ("sekarang ni", "skrg ni", "tengah berlangsung", "sedang berlangsung"),
        Frame.TODAY: ("hari ni", "malam ni", "pagi ni", "petang ni", "tengah hari ni"),
        Frame.NEXT: ("lepas ni", "seterusnya", "selepas ini", "lepas tu"),
        Frame.FILLER: ("nak tanya", "nk tanya", "tumpang tanya", "boleh tanya", "ada tak",
                       "ada x", "ada ke", "boleh tak", "boleh x", "boleh ke", "blh x", "blh tak",
                       "ek", "eh", "lah", "je", "jer", "kah", "tak", "ke"),
    },
    # Tok Pisin, Papua New Guinea's lingua franca, as typed ("wea haus sik", "wanem taim
    # singsing i stat"); not "long" or "mi", which are English and Spanish words too.
    "tpi": {
        Frame.WHERE: ("wea", "we stap", "i stap we", "stap we", "wanem hap", "long wanem hap",
                      "klostu", "klostu long", "rot i go long"),
        Frame.WHEN: ("wanem taim", "wataim", "wanem de", "long wanem taim", "wanem aua"),
        Frame.WHO: ("husat", "husat i", "husat em"),
        Frame.WHAT: ("wanem", "wanem samting", "hamas moni", "hamas long"),
        Frame.NOW: ("nau tasol", "long nau"),
        Frame.TODAY: ("tude", "long tude", "tunait"),
        Frame.NEXT: ("bihain", "neks", "nekis"),
        Frame.FILLER: ("plis", "mi laik save", "mi laik", "yu save", "igat", "i gat", "bilong",
                       "blong", "blo", "yupela", "olsem wanem", "ating"),
    },
}
# Words that hold a frame word without being one: du lịch (travel) is no lịch (schedule),
# ผ้าไหม (silk) no ไหม (the question particle). They are read as they are.
FRAME_LOOKALIKES: dict[FrameLang, tuple[str, ...]] = {
    # "how do i get online" asks for the Wi-Fi, not the way somewhere
    "en": ("how do i get online", "how to get online", "how can i get online"),
    "vi": ("du lịch", "lịch sử", "lịch sự", "dương lịch", "âm lịch"),
    "th": ("ผ้าไหม", "ไหมไทย", "เส้นไหม"),
}
# Languages whose frame words are whole words between spaces, and those written unspaced.
_SPACED_LANGS: tuple[FrameLang, ...] = ("en", "es", "ru", "vi", "id", "fil", "ms", "tpi")
_HAN_LANGS: tuple[FrameLang, ...] = ("ja", "zh", "zh-Hant")
_UNACCENTED_MIN_CHARS = 3  # "gì" -> "gi", "ạ" -> "a": too short to be told from other words

# Endings that may follow a Korean frame word inside its token (어디+야, 위치+가, 몇 시+에).
_KO_ENDINGS = (
    "야", "예요", "에요", "이에요", "이야", "인가요", "인가", "인지", "일까요", "일까", "입니까",
    "입니다", "이죠", "죠", "요", "가", "이", "는", "은", "를", "을", "에", "에서", "로", "으로",
    "니", "냐", "나요", "지", "서", "줘", "줘요", "세요", "해", "해요", "어", "어요",  # 어딨어요
    "까지", "부터", "까지요", "부터요",  # 몇 시까지 (until what time), 언제부터
)
_JA_BEFORE = "はがのにへでを"
# No bare か: it would eat the か of から ("何時から").
_JA_AFTER = (
    "ですか", "ますか", "でしょうか", "ですの", "です", "から", "まで", "に", "へ", "で", "は",
)
_ZH_BEFORE = "在是的"
_ZH_AFTER = tuple("吗嗎呢啊呀")
_TH_AFTER = ("ครับ", "คับ", "ค่ะ", "คะ", "จ้ะ", "จ้า", "นะ")

# When a question has several frames, the most specific one decides the kind.
_KIND_PRIORITY: tuple[Frame, ...] = (Frame.BOOTH, Frame.WHERE, Frame.WHEN, Frame.WHO, Frame.WHAT)
_TIME_PRIORITY: tuple[Frame, ...] = (Frame.NEXT, Frame.NOW, Frame.TODAY)

_ANY_SPACES = r"\s*"
_SOME_SPACES = r"\s+"
_APOSTROPHES = {ord(char): None for char in "'’`´"}
_SPACES = re.compile(r"\s+")
# Korean as it is texted, read as the frames it stands for: 요 written 여 (몇시에여, 있나여),
# the copula as 임 (어디임), 해요 as 함 (어디서함), and 어디 as its initials (ㅇㄷ, once NFKC
# has made them conjoining jamo), beside other Korean words. Only at a word's end, and only
# after what asks: 참여 and 대여 (taking part, rental), 모임 and 게임 stay.
_WORD_END = r"(?![가-힣])"
_KOREAN_TEXTING = (
    (re.compile(r"([에예나가까해줘어아데래세네죠])여" + _WORD_END), r"\1요"),
    (re.compile(r"(몇\s?시|어디|언제|누구|얼마|뭐)임" + _WORD_END), r"\1"),
    (re.compile(r"(어디서|언제|몇\s?시에|몇\s?시)함" + _WORD_END), r"\1 해요"),
    (re.compile(r"(?<![\u1100-\u11ff])\u110b\u1103(?![\u1100-\u11ff])"), "어디"),
)


def _untexted(text: str) -> str:
    """Return Korean texting's endings as they are written out (see _KOREAN_TEXTING)."""
    if not HANGUL_WORD.search(text):
        return text
    for pattern, written in _KOREAN_TEXTING:
        text = pattern.sub(written, text)
    return text


@dataclass(frozen=True, slots=True)
class QuestionAnalysis:
    """What a question asks and its text without frame words."""

    kind: QuestionKind
    time_hint: TimeHint | None
    stripped_text: str
    script_lang: ScriptLang
    # every kind its frame words name: "ブースで…値段は" names a booth, asking nothing of it;
    # "부스 어디" asks where it is
    kinds: frozenset[QuestionKind] = frozenset()


def _alternation(options: Iterable[str], *, spaced: str = "") -> str:
    """Return a longest-first regex alternation of literal options.

    With ``spaced``, a space inside an option matches that regex (e.g. any run of spaces).
    """
    ordered = sorted(set(options), key=lambda option: (-len(option), option))
    if not spaced:
        return "|".join(map(re.escape, ordered))
    return "|".join(spaced.join(map(re.escape, option.split())) for option in ordered)


def _squash(phrase: str) -> str:
    """Return a phrase without spaces: the lookup key for whatever spacing the user typed."""
    return "".join(phrase.split())


def _length(phrase: str) -> int:
    """Return a phrase's length in characters, spaces excluded."""
    return len(_squash(phrase))


def _spellings(lang: FrameLang, phrase: str) -> set[str]:
    """Return the ways a frame phrase is typed: as written and, if long enough, unaccented."""
    written = unicodedata.normalize("NFKC", phrase).casefold()
    if lang not in _SPACED_LANGS:
        return {written}
    bare = " ".join(unaccented(written).split())
    return {written, bare} if _length(bare) >= _UNACCENTED_MIN_CHARS else {written}


def _compile_frames() -> tuple[re.Pattern[str], dict[str, Frame]]:
    """Compile the frame words into one regex with a named group per segmentation rule."""
    english = [spelling for lang in _SPACED_LANGS for phrases in FRAME_WORDS[lang].values()
               for phrase in phrases for spelling in _spellings(lang, phrase)]
    english += [spelling for lang in ("en", "vi") for phrase in FRAME_LOOKALIKES[lang]
                for spelling in _spellings(lang, phrase)]
    # Questions are read NFKC-folded, which splits ำ (sara am) in two: fold Thai phrases alike.
    thai = [unicodedata.normalize("NFKC", phrase)
            for phrases in (*FRAME_WORDS["th"].values(), FRAME_LOOKALIKES["th"])
            for phrase in phrases]
    korean = [phrase for phrases in FRAME_WORDS["ko"].values() for phrase in phrases]
    korean_glued = _alternation((p for p in korean if _length(p) >= 2), spaced=_ANY_SPACES)
    korean_single = _alternation((p for p in korean if _length(p) < 2), spaced=_ANY_SPACES)
    # Japanese and Chinese share Han phrases (時間, 日程, 誰), so one group keeps longest-first
    # across both: 今天 (zh TODAY) must beat 今 (ja NOW).
    cjk = [p for lang in _HAN_LANGS for phrases in FRAME_WORDS[lang].values() for p in phrases]
    ko_endings = _alternation(_KO_ENDINGS)
    rules = (
        rf"(?<!\w)(?P<en>{_alternation(english, spaced=_SOME_SPACES)})(?!\w)",
        # A Korean frame word must end its token, optionally plus an ending (어디+야, 위치+가);
        # two-syllable ones may be glued to the word before ("한라홀어디야"), one-syllable not.
        rf"(?P<ko>{korean_glued})(?:{ko_endings})?(?!\w)",
        rf"(?<!\w)(?P<ko1>{korean_single})(?:{ko_endings})?(?!\w)",
        rf"[{_JA_BEFORE}{_ZH_BEFORE}]?(?P<cjk>{_alternation(cjk, spaced=_ANY_SPACES)})"
        rf"(?:{_alternation((*_JA_AFTER, *_ZH_AFTER))})?",
        rf"(?P<th>{_alternation(thai, spaced=_ANY_SPACES)})(?:{_alternation(_TH_AFTER)})?",
    )
    lookup = {
        _squash(unicodedata.normalize("NFKC", spelling)): frame
        for lang, frames in FRAME_WORDS.items()
        for frame, phrases in frames.items()
        for phrase in phrases
        for spelling in _spellings(lang, phrase)
    }
    return re.compile("|".join(rules)), lookup


_FRAME_RE, _FRAME_OF_PHRASE = _compile_frames()
_LOOKALIKE_KEYS = frozenset(
    _squash(unicodedata.normalize("NFKC", spelling)) for lang, phrases in FRAME_LOOKALIKES.items()
    for phrase in phrases for spelling in _spellings(lang, phrase))

_KANA_RE = re.compile("[\u3041-\u309f\u30a0-\u30ff\u31f0-\u31ff\uff66-\uff9d]")
_HANGUL_RE = re.compile("[\uac00-\ud7a3\u1100-\u11ff\u3130-\u318f\uffa0-\uffdc]")
_CYRILLIC_RE = re.compile("[\u0400-\u04ff]")
_THAI_RE = re.compile("[\u0e00-\u0e7f]")


def script_lang(text: str) -> ScriptLang:
    """Guess the question's language from its script: kana, Hangul, Han, Thai, Cyrillic, else en."""
    if _KANA_RE.search(text):
        return "ja"
    if _HANGUL_RE.search(text):
        return "ko"
    if HAN_CHARACTER.search(text):  # 喺邊度攞證件 is Traditional, 在哪里领参会证 Simplified
        return "zh-Hant" if traditional(text) else "zh"
    if _THAI_RE.search(text):
        return "th"
    # Russian is the only Cyrillic language with a catalog; a Kazakh or Ukrainian question is
    # still better answered in Russian than in the phone's or the event's other language.
    if _CYRILLIC_RE.search(text):
        return "ru"
    return "en"


@lru_cache(maxsize=2048)  # a question is read up to three times per message, and asked again
def analyse(question: str) -> QuestionAnalysis:
    """Return the question's kind, time hint, frame-free text and script language."""
    # NFKC + casefold so ＷＨＥＲＥ and Where hit "where"; apostrophes go so "where's" is one word.
    prepared = _untexted(
        unicodedata.normalize("NFKC", question).casefold().translate(_APOSTROPHES))
    found: set[Frame] = set()

    def drop(match: re.Match[str]) -> str:
        phrase = next(group for group in match.groups() if group is not None)
        if _squash(phrase) in _LOOKALIKE_KEYS:
            return match.group(0)
        found.add(_FRAME_OF_PHRASE[_squash(phrase)])
        return " "

    stripped = _SPACES.sub(" ", _FRAME_RE.sub(drop, prepared)).strip()
    kind = next((QuestionKind(frame.value) for frame in _KIND_PRIORITY if frame in found), None)
    time_hint = next((TimeHint(frame.value) for frame in _TIME_PRIORITY if frame in found), None)
    return QuestionAnalysis(
        kind=kind or QuestionKind.UNKNOWN,
        time_hint=time_hint,
        stripped_text=stripped,
        script_lang=script_lang(question),
        kinds=frozenset(QuestionKind(frame.value) for frame in _KIND_PRIORITY if frame in found),
    )
