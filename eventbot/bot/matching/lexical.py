"""Weighted word retrieval over every field of every item, with typos and synonyms.

The whole-key fuzzy score (:mod:`bot.matching.index`) finds an item from its name, however
mistyped; it cannot find a session from its speaker, an exhibitor from its product, or an FAQ
from other words. This index can: each item is a bag of terms from all its fields, each term
counted at the weight of the best field that holds it (:class:`Field`), and a question scores an
item by the share of the question's weight that the item covers::

    score(item) = 100 * sum(idf(t) * field_weight(t, item) * closeness(t)) / sum(idf(t))

over the question's terms ``t``. So distinctive words decide ("quantum" in "quantum computing
session") and words found in every item ("session", "부스", "hall") barely count; a word the KB
never uses weighs :data:`UNKNOWN_SHARE` of the largest IDF, which keeps "<exhibitor> stock price"
and "bitcoin price" low however well their other words match.

Terms:
- the normalised tokens of :func:`bot.matching.normalize.tokens` (NFKC, casefold, particles off);
- for Hangul, kana, Han and Thai tokens of three characters or more, their two-character pieces
  too, because those scripts run words together ("모빌리티홀", "受付はどこ", "ห้องประชุมใหญ่");
  Thai pieces are pairs of letter clusters, or with PyThaiNLP installed dictionary words
  (:mod:`bot.matching.thai`);
- synonym groups: every phrase of a group in the shipped lexicon (:mod:`bot.matching.lexicon`)
  or the KB's ``synonyms`` adds the group's term to the text that holds it, at index time and at
  question time alike, so "badge" finds an FAQ that says "registration" and 비번 finds 비밀번호.

A question word the KB does not hold is looked up among the KB's words of about its length with
``fuzz.ratio`` on jamo (:data:`TYPO_MIN_RATIO`), so "registraton" and "모빌리디" still count.
"""

from __future__ import annotations

import functools
import math
import re
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from enum import Enum
from itertools import pairwise
from operator import add

from rapidfuzz import fuzz, process

from eventbot.bot.days import day_phrases
from eventbot.bot.matching import thai
from eventbot.bot.matching.economies import ECONOMY_VOCABULARY
from eventbot.bot.matching.lexicon import GENERIC_WORDS, SHIPPED_VOCABULARY
from eventbot.bot.matching.normalize import (
    HAN_CHARACTER,
    HAN_WORD,
    HANGUL_WORD,
    KANA_OR_HANGUL,
    normalize_text,
    strip_particles,
    to_jamo,
    tokens,
)
from eventbot.bot.matching.paraphrases import PARAPHRASE_CUES, SERVICES

__all__ = ["Field", "FieldText", "LexicalIndex", "Retrieved", "apart", "stem", "terms_of"]


class Field(float, Enum):
    """How much a word found in a field says about the item (its weight)."""

    NAME = 1.0  # titles, names, aliases, FAQ questions and variants
    ENTITY = 0.9  # speakers, organisers, organisations, showcase, category, role
    TAG = 0.8  # tags, booth numbers, kinds
    PROSE = 0.7  # descriptions, FAQ answers, bios: alone they reach a clarify, not an answer


# Chosen on the dev halves of the three eval KBs (tests/eval/), never on their held-out halves.
UNKNOWN_SHARE = 0.6  # an unknown word weighs this share of the largest IDF
UNKNOWN_PIECE_SHARE = 0.15  # an unknown two-character piece of an unspaced word: much less
PIECE_WEIGHT = 0.85  # a piece found in a field counts this much of the field's weight
SYNONYM_WEIGHT = 0.95  # a word reached through a synonym group
ECONOMY_WEIGHT = 0.5  # an economy alone (日本人, гражданам РФ): mostly who asks; 0.3 to 0.5 alike
GENERIC_WEIGHT = 0.3  # "session", "부스", "会場": a kind of thing, not the thing
GENERIC_ONLY_SCORE = 75.0  # a question of such words alone scores a clarify at most
SOFT_WEIGHT = 0.5  # a hiragana ending, a kanji stem or a Korean predicate the KB also holds
TYPO_MIN_RATIO = 80.0  # jamo ratio for a question word to stand for a KB word
TYPO_MIN_CHARS = 4  # shorter words are not corrected: too many neighbours
# A Latin word the KB doesn't hold may be another form of one it does: the verb of a noun
# ("fumigar", "fumigación"), "-ing" of "-er" ("spraying", "sprayer"). Both are cut to a stem
# of at least FAMILY_MIN_STEM letters, and a shared stem counts as a typo of this ratio would.
FAMILY_MIN_STEM = 4
FAMILY_RATIO = 85.0
_FAMILY_ENDINGS = tuple(sorted({
    # Spanish (unaccented, as words are compared): nouns of verbs, participles, infinitives
    "aciones", "acion", "iciones", "icion", "ciones", "cion", "amientos", "amiento",
    "imientos", "imiento", "ando", "iendo", "ados", "adas", "ado", "ada", "idos", "idas", "ido",
    "ida", "ar", "er", "ir", "es",
    # English
    "ations", "ation", "ings", "ing", "ers", "ed", "ions", "ion",
}, key=len, reverse=True))
MAX_QUERY_TOKENS = 24  # a pasted paragraph is not a question: read the first words
COMMON_POSTINGS = 300  # a word in more items than this only adds to items found already

_WIDE_CHAR = "\u1100"  # Hangul jamo onwards: scripts that run words together
_THAI = ("\u0e00", "\u0e7f")  # Thai runs words together too
_GROUP = "\x1f"  # prefix of synonym group terms: no normalised token starts with it

# Words that carry no subject in any question. Frame words (where, when, 어디 …) are already
# stripped by the question analysis; these are what is left around them.
# Chinese words that ask rather than name ("can", "see", "is there"), found inside unspaced
# questions (可以看到氢能卡车) as well as alone.
_UNSPACED_FILLERS = ("可以", "看到", "能不能", "有没有", "有沒有", "可不可以", "是不是", "我想",
                     "想要", "需要", "应该", "應該", "请问", "請問", "一下",
                     "怎么", "怎麼", "怎样", "怎樣", "如何", "什么", "什麼", "哪个", "哪個",
                     "哪儿", "哪兒", "办理", "辦理", "有卖", "有賣", "在卖", "在賣", "卖的", "賣的",
                     "的吗", "的嗎", "想看", "想去",
                     # which one, this and that, about, if, us: they ask, they name nothing
                     "哪一家", "哪家", "哪家有", "哪一家有", "哪一个", "哪一個", "哪些",
                     "有哪些", "是哪", "要去", "去哪", "在做", "这个", "這個",
                     "那个", "那個", "这场", "這場", "那场", "那場", "相关",
                     "相關", "有关", "有關", "关于", "關於", "的话", "的話",
                     "如果", "我们", "我們", "你们", "你們", "帮我", "幫我",
                     "给我", "給我", "还有", "還有", "等一下", "一起",
                     # what to do (我的钱包不见了怎么办); how to apply, whole (怎么办理)
                     "怎么办", "怎麼辦", "咋办", "怎么办理", "怎麼辦理",
                     # here and there, why, very, thanks, hello, please help, one (of)
                     "这里", "這裡", "這裏", "那里", "那裡", "这边", "這邊", "那边", "那邊",
                     "为什么", "為什麼", "非常", "谢谢", "謝謝", "你好", "麻烦", "麻煩", "帮忙",
                     "幫忙", "一个", "一個", "我要", "能否",
                     # that one, this kind, those (那家展位, 那位老师, 这种分享)
                     "那家", "这家", "這家", "那位", "这位", "這位", "那台", "这台", "這台",
                     "这种", "這種", "那种", "那種", "那些", "这些", "這些",
                     # whose (company), made by it, sold to (谁家做这个, 哪家做的, 卖给中国)
                     "谁家", "誰家", "做的", "卖给", "賣給",
                     # Japanese: is it all right (預けても大丈夫？)
                     "大丈夫",
                     # Cantonese: is there, is it, can, need, that one, this one
                     "有冇", "係咪", "可唔可以", "得唔得", "使唔使", "唔該", "嗰個", "呢個", "嗰啲")
_WRITTEN_STOPWORDS = frozenset({
    "a", "an", "the", "to", "of", "for", "in", "on", "at", "by", "with", "and", "or", "is",
    "are", "was", "be", "do", "does", "did", "i", "me", "my", "we", "our", "you", "your", "it",
    "its", "can", "could", "will", "would", "should", "there", "any", "some", "get", "about",
    "from", "this", "that", "how", "what", "which", "who", "where", "when", "s", "have", "has",
    "need", "want", "find", "know", "let", "please", "pls", "hi", "hello", "up", "go",
    "pick", "take", "buy", "see", "use", "bring", "put", "try", "visit", "attend", "join",
    "look", "give", "make", "going", "come", "coming", "able", "possible", "allowed", "ok",
    "somewhere", "anywhere", "something", "anything", "dr", "mr", "ms", "mrs",
    "catch", "anyone", "someone", "somebody", "anybody",
    "these", "those", "here", "whose", "whom", "doing", "done", "were", "been", "being", "am",
    "he", "his", "him", "she", "her", "they", "their", "them", "us", "as", "if", "so", "but",
    "not", "just", "also", "too", "very", "really", "than", "then", "into", "out", "still",
    "tell", "show", "thing", "things", "such", "thanks", "thank", "hey", "looking",
    "wondering", "im", "ive", "dont", "doesnt", "isnt", "cant", "got", "getting",
    # chat that names nothing: "the desal guy", "ppl", "smth", "that's", "gonna", "pretty casual"
    "guy", "dude", "bro", "ppl", "smth", "sth", "stuff", "thats", "pretty", "gonna", "wanna",
    "gotta", "sorta", "tho", "yep", "nope", "umm", "whens", "lady", "till", "xq", "trus",
    "terus", "빨리", "많이", "이번", "이번에", "roughly", "usually", "basically", "incl",
    "approx", "approximately", "literally", "chur", "직접", "뭐뭐", "되면", "좋겠", "해주",
    "hv", "rly", "lemme", "b4", "asap", "pax", "mins", "hr", "hrs",  # have, really, before ...
    # ... and the forms of those verbs that end in -s ("my boss needs", "who makes"): the
    # stopwords go before the plural ending does
    "asks", "attends", "brings", "buys", "comes", "needs", "takes", "wants", "knows",
    "sees", "uses", "tries", "visits", "looks", "finds", "tells", "shows", "joins",
    "puts", "catches",
    "attending", "attended", "participate", "participating", "joining", "part",
    # Korean honorifics of coming, as a person's are ("호주 무역대표로 오신 분")
    "오신", "오시는", "오셨",
    # Spanish, Russian, Vietnamese and Indonesian words that name nothing (not those that
    # are also names: "Son", "Yang", "Le", "Cho")
    "el", "la", "los", "las", "de", "del", "en", "y", "un", "una", "mi", "mis", "sus", "es",
    "por", "para", "con", "que", "se", "lo", "hay", "está", "están", "quiero", "puedo",
    "donde", "cómo", "до", "на", "по", "от", "из", "для", "не", "как", "это", "где", "есть",
    "мне", "можно", "không", "có", "của", "và", "với", "tôi", "được", "ke", "dari", "dan",
    "untuk", "dengan", "ini", "itu", "ada", "saya", "apakah", "bisa", "mana", "di",
    "cuándo", "cuando", "qué", "quién", "cuál", "te", "al", "puede", "algún", "alguna",
    "я", "мы", "вы", "мой", "моя", "мои", "когда", "какой", "какая", "какие", "кто", "что",
    "ли", "или", "но", "у", "к", "о", "об", "за", "там", "тут", "здесь", "нужно", "надо",
    "хочу", "могу", "во", "со", "ко", "нужна", "нужен", "нужны", "будет", "про", "делать",
    "recoger", "recojo", "recoge", "recogen", "tengo", "hago",  # pick up, have, do
    "debo", "debe", "debemos", "debería", "deberia", "будут", "буду", "будем",  # must, will be
    # Spanish: pick up, get, hand out, share, stay, ask for, take, accept, somewhere
    "retiro", "retirar", "obtengo", "obtener", "entregan", "compartir",
    "comparten", "quedan", "pido", "pedir", "tomo", "tomar", "aceptan", "acepta", "lado",
    # Russian: come, give, hand out, send, get, take
    "прийти", "придти", "приходить", "дадут", "дают", "выдают", "выдадут", "пришлют",
    "присылают", "получить", "взять",
    # Spanish adverbs, pronouns and verbs that only frame a question (not "mal": unwell; not
    # "sin", "bajo" or "este": without, low, east; nor "son", "van", "su": names)
    "ya", "casi", "muy", "mucho", "mucha", "muchos", "muchas", "poco", "poca", "todavía", "aún",
    "también", "solo", "sólo", "siempre", "aquí", "acá", "ahí", "allí", "allá", "ahorita",
    "luego", "más", "menos", "tan", "tanto", "algo", "alguien", "nada", "nadie", "alguno",
    "ningún", "ninguna", "cada", "otro", "otra", "otros", "otras", "esto", "estos", "estas",
    "ese", "esa", "eso", "esos", "esas", "porque", "pues", "entonces", "así", "tiene", "tienen",
    "tienes", "tenemos", "podemos", "pueden", "quiere", "necesito", "necesita", "sé", "sabe",
    "estoy", "estamos", "soy", "somos", "fue", "era", "voy", "vamos", "hacer", "hace", "le",
    "les", "nos", "yo", "tú", "usted", "ustedes", "pero", "desde", "hasta", "hacia", "sobre",
    "entre", "durante", "porfa", "favor", "gracias", "hola", "oye", "bueno", "vale",
    # ... and the forms of haber, ser and estar that only make a tense ("¿a dónde la habrán
    # llevado?", "¿será grabada?"); not those that are words or names once their accents go:
    # "ha", "han" (Hà Nội), "sea", "sean" (the sea, Sean), "esté" (este: east), "estado" (a
    # state: Estado de México)
    "hemos", "había", "habían", "habrá", "habrán", "habría", "habrían", "haya", "hayan", "hubo",
    "sido", "será", "serán", "sería", "serían", "estará", "estarán", "estaba", "estaban",
    "estén",
    "bị", "ở", "đâu", "cho", "những", "các", "là", "nào", "muốn", "cần", "nhé", "này", "đó",
    "lấy",  # take
    # in, into, already, very, or, and the chat "em" (I) and "nhỉ" (isn't it); not "khi",
    # "tại", "mà", "thì" or "quá": unaccented they are also khí (gas), tài (tài liệu), mã
    # (a code), thi (a contest) and quà (a gift). "trong" is also trống (a drum, empty), far
    # rarer in a question than "in"
    "trong", "vào", "rồi", "rất", "hoặc", "em", "nhỉ",
    "gì", "bán", "bạn",  # what; sell (as "sell" above), and "you", both "ban" unaccented
    "mn", "mng", "vs", "nè", "ơi", "ak", "bnhieu",  # chat: everyone, with, hey, how much
    "ad", "dc", "đc", "ntn", "bn", "hok", "hem",  # chat: admin, được, như thế nào, bao nhiêu
    "berapa", "bagaimana", "kapan", "dimana", "aku", "kami", "kita", "mau", "ingin", "perlu",
    "boleh", "sudah", "akan", "juga", "atau", "pada", "dapat", "dapet", "didapat",
    "didapatkan", "bakal",  # get, will
    "lapor", "butuh", "harus", "dibagikan", "kurang",  # report, need, must, shared, less
    # Indonesian chat: not, which/that, only, here, again, use, still, admin and sis/bro
    "gak", "ga", "gk", "nggak", "ngga", "enggak", "engga", "yg", "yang", "aja", "saja", "disini",
    "sini", "lg", "lagi", "pake", "pakai", "udah", "masih", "min", "kak", "gan", "sis",
    "kalo", "kalau", "tiba2", "tiba-tiba",  # if, suddenly
    "nya", "nomer", "nomor", "soal", "tentang", "smp", "sampai",  # its, number, about, until
    "tìm", "cari", "mencari", "busco", "buscar", "encontrar", "найти", "ищу",  # find
    # Filipino and Taglish: markers, pronouns, here and there, can, only, also (no "na",
    # "ha" or "don": names and titles)
    "ang", "ng", "nang", "sa", "si", "ni", "kay", "mga", "yung", "iyong", "ung", "yong", "ay",
    "ko", "ako", "mo", "ka", "tayo", "namin", "natin", "nila", "ito", "iyan", "yan",
    "yun", "iyon", "dito", "diyan", "dyan", "doon", "mayroon", "meron", "pwede", "puwede",
    "pede", "lamang", "din", "rin", "opo", "kasi", "kung", "pag", "tungkol", "nasa",
    "galing", "mag", "may", "lang", "naman", "ba", "po", "pa", "daw", "raw",
    "kailangan", "paano", "pano", "makuha", "kukunin", "sasakay", "naka",  # need, how, get, ride
    # Malay as typed: want, not, at, that, this, can, already, who, also
    "nak", "nk", "kat", "kt", "dekat", "dkt", "tu", "je", "jer", "lah", "pun",
    "dah", "mcm", "macam", "camne", "cmne", "mane", "ape", "sape", "sapa", "blh", "utk",
    "dgn", "tak", "takde", "xde", "ek", "kena", "buat",
    "disediakan", "ambil", "dalam", "perlukan", "dikongsi", "guna",  # provided, take, in, need,
    # shared, use
    # Singlish particles and chat: leh, lor, meh, hor, ah, issit (is it), u, ur, plz
    "leh", "lor", "meh", "hor", "ah", "issit", "u", "ur", "plz",
    "มี", "ไหม", "ไหมครับ", "ไหมคะ", "มั้ย", "ครับ", "ค่ะ", "คะ", "หน่อย", "บ้าง", "ได้", "อยู่",
    "ที่ไหน", "ยังไง", "อย่างไร", "อะไร", "เมื่อไร", "เมื่อไหร่", "กี่โมง",  # Thai
    # selling says who is asked for (an exhibitor), not what: the matcher leans to exhibitors
    "sell", "sells", "selling", "sold", "파는", "팔아요", "팔아", "売ってる", "売っている",
    "jual", "dijual", "menjual", "jualan", "vende", "venden", "vendo", "продает", "продают",
    "think", "several", "once", "one", "many", "much", "more", "most", "other", "another",
    "every", "each", "all", "like", "kind", "sort", "maybe", "probably", "actually", "guess",
    "sure", "okay", "well", "currently", "already", "ever", "yet",
    "went", "goes", "ask", "asked", "asking", "yesterday", "yesterdays", "else", "around",
    "whats", "wheres", "theres", "hows", "guys", "folks", "lol", "mate",
    "makes", "making",  # "who makes the drone that drops a life buoy"
    # ... and these, which only say how a question is put (not "first", "next", "made", "mine",
    # "best", "right", "way" or where something is: "first aid", "made in", a mine)
    "again", "almost", "always", "anyway", "became", "become", "both", "either", "enough",
    "even", "everyone", "everything", "exactly", "few", "further", "gets", "gone", "had",
    "having", "hers", "herself", "himself", "indeed", "instead", "itself", "kinda", "least",
    "lets", "likely", "lot", "lots", "mostly", "myself", "never", "nobody", "none", "nor",
    "nothing", "often", "oh", "others", "otherwise", "ours", "perhaps", "quite", "rather",
    "same", "seem", "seems", "sometimes", "thus", "yeah", "yes", "yours", "yourself", "yall",
    "hmm", "um", "uh", "btw", "thx", "cuz", "coz", "wat", "wot", "whr", "wher", "hw", "abt",
    "gives", "giving", "gave",  # "who is giving the keynote"
    "feel", "feeling",  # "i feel unwell": how, not what
    # whether one may: the rule asked about is what follows ("whats the smoking policy,
    # totally banned inside?", "名札って付けてないとダメですか", "고딩도 들어도 됨?", "lo dejan
    # entrar"); not "rules" ("rules of origin", a trade talk's subject)
    "policy", "policies", "banned", "prohibited", "forbidden", "permitted", "permission",
    "totally", "ダメ", "だめ", "駄目", "됨", "ㄱㄴ", "가능", "permitido", "permitida",
    "prohibido", "prohibida", "dejan", "deja", "dilarang", "diizinkan", "dibenarkan",
    # ... nor these, which a typo of a content word may land on ("weather" / "whether")
    "whether", "while", "although", "though", "because", "since", "until", "unless", "upon",
    "onto", "within", "without", "via", "per", "among", "between", "through", "toward",
    "towards", "against", "whereas", "shall", "might", "must", "cannot", "ought", "whatever",
    "whenever", "wherever", "however",
    "뭐", "무엇", "좀", "어떻게", "어디", "언제", "있나요", "있어요", "있어", "있는", "하는",
    "되나요", "수", "있을까요", "알려주세요", "알려줘", "궁금해요", "해요", "가요", "건가요",
    "나요", "거", "뭐하는", "뭐해", "뭘", "무슨", "어떤", "관련", "관련된", "대한", "관한",
    # verbs in the forms questions put them before a noun or a condition (호텔 가는 셔틀)
    "가는", "오는", "타는", "보는", "받는", "찾는", "먹는", "쓰는", "주는", "나오는", "되는",
    "들어가는", "가려면", "가면", "가고", "가서", "와서", "하려면", "하면",
    "만드는", "만든", "만들어", "개발하는", "생산하는", "제조하는", "취급하는", "다루는",
    "운영하는", "하고", "해서",
    # ... and as they come before 데 or 곳 ("약 받을 데"), hedges and intensifiers, I and here
    "받을", "찾을", "볼", "할", "갈", "쓸", "탈", "데", "너무", "진짜", "정말", "완전", "혹시",
    "그냥", "제가", "저는", "저", "내가", "나는", "우리", "여기", "거기", "저기",
    "の", "は", "が", "を", "に", "で", "と", "も", "ですか", "ます", "か", "ますか", "です",
    "でしょうか", "でしょう", "ください", "ません", "ました", "でした", "ありますか", "あります",
    "できますか", "できます", "って", "けど", "ので", "から", "まで",
    "できる", "できない", "できれば", "したい", "したいです", "いいですか", "ある", "ない", "いる",
    "する", "なる", "られる", "ほしい", "欲しい", "どこ", "どこで", "ところ",
    "的", "是", "在", "了", "吗", "呢", "我", "有", *_UNSPACED_FILLERS,
    "係", "喺", "咗", "嘅", "㗎", "咩", "啲",  # Cantonese: is, at, done, 's, and what, some
})
# ... as the words they are compared with: folded (hiragana as katakana, Han simplified), so
# that the Japanese ending ですか, written デスカ once folded, is a stopword and not a word a KB's
# FAQ question ("無料ですか") shares with every question ending in it.
STOPWORDS = frozenset({*_WRITTEN_STOPWORDS, *map(normalize_text, _WRITTEN_STOPWORDS)})
GENERIC_TOKENS = frozenset({*GENERIC_WORDS, *map(normalize_text, GENERIC_WORDS)})
# ... those of several words ("hội trường", "công ty"), as a question's tokens run
_GENERIC_PHRASES = frozenset(tuple(tokens(word)) for word in GENERIC_WORDS if " " in word)
_LONGEST_GENERIC = max(map(len, _GENERIC_PHRASES), default=1)
_GENERIC_INSIDE = re.compile("|".join(map(re.escape, sorted(
    {*(word for word in GENERIC_TOKENS if len(word) >= 2 and not word.isascii()
       and " " not in word), *map(normalize_text, _UNSPACED_FILLERS)}, key=len, reverse=True))))


@dataclass(frozen=True, slots=True)
class FieldText:
    """One text of an item, with the weight of the field it comes from."""

    item_id: str
    text: str
    field: Field


# Runs of one script. Japanese writes particles and endings in hiragana between words in kanji
# and katakana, so a script change is where a word ends; a hiragana run of one or two
# characters is a particle (の, は, から) and says nothing. Hangul or Thai next to Latin splits
# too ("ICC제주", "ICCเชจู").
_SCRIPT_RUNS = re.compile(
    r"[\u3041-\u309f]+|[\u30a0-\u30ff]+|[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+"
    r"|[\uac00-\ud7a3]+|[\u0e00-\u0e7f]+"
    r"|[^\s\u0e00-\u0e7f\u3041-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7a3]+"
)
_HIRAGANA_PARTICLE_MAX = 2


# A Korean word ending like this is a predicate (타요, 있을까, 열리죠, 했다): what the question
# does, not what it is about. Like hiragana endings, it counts when the KB holds it and costs
# nothing when not; a noun with that ending (바다, 분야) keeps counting if the KB has it.
_KOREAN_PREDICATE_ENDINGS = ("요", "까", "죠", "래", "냐", "다", "야")


def _predicate(word: str) -> bool:
    """Tell whether a written Korean word is a predicate by its ending."""
    word = word.rstrip("?!.,~…")
    return len(word) >= 2 and word.endswith(_KOREAN_PREDICATE_ENDINGS) and (
        "가" <= word[0] <= "힣")


CUE = "~"  # a phrase marked so is a cue: it leads a question to its group, but a KB text that
# holds it is not about the group ("~wallet" in the lost-and-found group: a question about a
# lost wallet is about lost property, a booth selling wallets is not)


_JAPANESE_ENDINGS = ("ますか", "ます", "ません", "ですか", "です", "でした", "ました", "でしょうか")


def _split_runs(word: str, main: list[str], soft: list[str]) -> None:
    """Put a word's script runs into main words and soft words (see :func:`split_scripts`)."""
    runs = _SCRIPT_RUNS.findall(word)
    for position, run in enumerate(runs):
        hiragana = "\u3041" <= run[0] <= "\u309f"
        stem = (len(run) == 1 and not hiragana and position + 1 < len(runs)
                and "\u3041" <= runs[position + 1][0] <= "\u309f" and runs_together(run))
        if hiragana or stem:
            # a polite ending (聞けますか, 行けますか) says how, not what: no word at all
            if (len(run) > _HIRAGANA_PARTICLE_MAX or stem) and not (
                    hiragana and run.endswith(_JAPANESE_ENDINGS)):
                soft.append(run)
        else:
            main.append(run)


def _kept_whole(phrases: Iterable[str]) -> re.Pattern[str] | None:
    """Return a scan for the vocabulary's words that script runs would break apart.

    お祈り, 落とし物, お手洗い write part of one word in hiragana, ネット接続, 無料wifi mix
    katakana, Han and Latin: split at the script change, they would lose the word (祈 as a
    verb stem, 落/物 apart, ネット and 接続) and their synonym group with it.
    """
    broken = set()
    for phrase in phrases:
        phrase = unicodedata.normalize("NFKC", phrase.removeprefix(CUE))
        if " " in phrase or not runs_together(phrase):
            continue
        main: list[str] = []
        soft: list[str] = []
        _split_runs(phrase, main, soft)
        if main != [phrase]:
            broken.add(phrase)
    if not broken:
        return None
    return re.compile("(" + "|".join(map(re.escape, sorted(broken, key=len, reverse=True))) + ")")


def split_scripts(text: str) -> tuple[str, str]:
    """Split a text where its script changes: (words, hiragana words), particles dropped.

    Hiragana runs longer than a particle are mostly endings (ありますか, できる), sometimes a
    word (たくみ); one kanji followed by hiragana is mostly a verb's stem (聞けますか, 話す).
    A question's soft word counts when the KB holds it, and costs nothing when it doesn't.
    The shipped vocabulary's words written partly in hiragana (お祈り) stay whole.
    """
    if text.isascii():
        return text, ""
    main: list[str] = []
    soft: list[str] = []
    for word in unicodedata.normalize("NFKC", text).split():
        if _predicate(word):
            soft.append(word)
        elif _KEPT_WHOLE is None or not _KEPT_WHOLE.search(word):
            _split_runs(word, main, soft)
        else:
            for position, part in enumerate(_KEPT_WHOLE.split(word)):
                if position % 2:  # the phrases the scan captured
                    main.append(part)
                elif part:
                    _split_runs(part, main, soft)
    return " ".join(main), " ".join(soft)


@dataclass(frozen=True, slots=True)
class Retrieved:
    """Per item, the share of the question it covers (0-100); and the share nothing covers."""

    scores: dict[str, float]
    unknown_share: float  # weight of question words the KB doesn't know, over all (0-1)
    matched: frozenset[str] = frozenset()  # the index terms the question reached
    guessed: frozenset[str] = frozenset()  # ... of them, those only a typo of its words reached
    strange: bool = False  # an unspaced word of it holds a name the KB does not have
    # its words (or runs of an unspaced word) no item holds as such, as a synonym or a typo:
    # what an organiser may add to the KB's synonyms or aliases
    lacking: tuple[str, ...] = ()


class _Covered(defaultdict[int, float]):
    """Gains per item for one question, and the weight of the words no item holds."""

    def __init__(self) -> None:
        super().__init__(float)
        self.unknown = 0.0
        self.strange = False  # an unspaced word holds a run no piece of which the KB holds
        self.lacking: list[str] = []  # words no item holds, and such runs of unspaced words
        self.matched: set[str] = set()
        self.guessed: set[str] = set()

    def add_scaled(self, found: _Covered, factor: float) -> None:
        """Add the gains of words credited apart, at ``factor`` of their weight, and the terms
        they matched."""
        for item, gain in found.items():
            self[item] += factor * gain
        self.matched |= found.matched


def runs_together(token: str) -> bool:
    """Tell whether a token is in a script that runs words together (Hangul, kana, Han, Thai)."""
    if not token:
        return False
    # Thai sorts above Latin and Cyrillic, so a token holding Thai has it as its largest letter
    # unless it also holds a wide script.
    highest = max(token)
    return highest >= _WIDE_CHAR or _THAI[0] <= highest <= _THAI[1]


_KEPT_WHOLE = _kept_whole(phrase for group in SHIPPED_VOCABULARY for phrase in group)


# Chinese particles, the commonest verbs and "one" between words ("酒店到会场有免费大巴吗",
# "地震要往哪裡跑", "停車一小時"): a question's two-character piece across one is no word of it.
_CHINESE_PARTICLES = frozenset("的吗嗎呢吧了啊呀有到是要往一嘅㗎喺咗啲係")
_CHINESE_ASKING = _CHINESE_PARTICLES | frozenset("能可会會想去")  # can, may, want, go
_ASKING_CHARS = "".join(sorted(_CHINESE_ASKING))
# An unknown piece of a Korean word holding a particle, an adnominal ending or a word for
# "place" (담배피는곳: 피는, 는곳; 맡길데) is the grammar of the question, not an unknown
# subject: it weighs nothing
_KOREAN_GLUE = frozenset("는은을를할곳데")


def apart(question_text: str) -> str:
    """Return a question with the words that ask, and particles, out of its unspaced runs
    ("有電池相關的場次嗎": 電池 場次), so the words left are what it is about."""
    if not HAN_CHARACTER.search(question_text) or KANA_OR_HANGUL.search(question_text):
        return question_text  # Japanese and Korean are split by their scripts and particles
    text = _GENERIC_INSIDE.sub(" ", normalize_text(question_text))
    return "".join(" " if char in _CHINESE_PARTICLES else char for char in text)


def _pieces(token: str) -> list[str]:
    """Return the two-character pieces of an unspaced word (none for short or Latin words)."""
    return [piece for _, _, piece in _piece_spans(token)]


def _piece_spans(token: str) -> list[tuple[int, int, str]]:
    """Return the pieces of an unspaced word with where each starts and stops in it."""
    if len(token) < 3 or not runs_together(token):
        return []
    if _THAI[0] <= token[0] <= _THAI[1]:
        words = thai.word_spans(token)  # dictionary words, with PyThaiNLP installed
        return list(words) if words is not None else _cluster_pairs(token)
    return [(i, i + 2, token[i : i + 2]) for i in range(len(token) - 1)]


def _cluster_pairs(token: str) -> list[tuple[int, int, str]]:
    """Return the pairs of letter clusters of a Thai word, with where each starts and stops.

    (Two characters would often be a mark alone, or a consonant and its mark, found in every
    other word.)
    """
    clusters = thai.cluster_spans(token)
    return [(start, stop, token[start:stop]) for (start, _), (_, stop) in pairwise(clusters)]


def _indexed_pieces(word: str) -> list[str]:
    """Return the pieces of a KB text's word; for Thai dictionary words, the words inside
    them too, for a question's word the dictionary cuts otherwise (ทะเล, in ทางทะเล)."""
    pieces = _pieces(word)
    if pieces and _THAI[0] <= word[0] <= _THAI[1]:
        pieces += [inner for piece in pieces for inner in thai.inner_words(piece)]
    return pieces


_NO_GROUPS: set[str] = set()  # shared and never changed: most words are in no group
_NO_WORDS: list[str] = []  # shared and never changed


class _Inside:
    """Find phrases inside an unspaced word as a longest-first regex alternation would
    (leftmost, then longest, never overlapping), by looking substrings up: with thousands of
    phrases, a few dict lookups per position beat trying every alternative."""

    def __init__(self, phrases: Iterable[str], base: _Inside | None = None) -> None:
        """``base``: a finder whose phrases these add to (built once, extended per KB)."""
        added = frozenset(phrases)
        self._phrases: frozenset[str] = added if base is None else base._phrases | added
        # the first two characters of phrases -> the longest phrase they start
        self._heads: dict[str, int] = {} if base is None else dict(base._heads)
        for phrase in added:
            self._heads[phrase[:2]] = max(self._heads.get(phrase[:2], 0), len(phrase))

    def finditer(self, word: str) -> Iterator[tuple[int, int, str]]:
        """Yield (start, stop, phrase) of each phrase found, left to right."""
        start, count = 0, len(word)
        heads = self._heads
        while start < count - 1:
            longest = heads.get(word[start:start + 2])
            if longest:
                for stop in range(min(count, start + longest), start + 1, -1):
                    if word[start:stop] in self._phrases:
                        yield start, stop, word[start:stop]
                        break
                else:
                    start += 1
                    continue
                start = stop
                continue
            start += 1

    def findall(self, word: str) -> list[str]:
        """Return the phrases found, left to right."""
        return [phrase for _, _, phrase in self.finditer(word)]

    def may_hold(self, word: str) -> bool:
        """Tell whether a phrase may be inside a word: two of its characters start one."""
        return not self._heads.keys().isdisjoint(map(add, word, word[1:]))


class _Spaced:
    """Find spaced phrases in a text's words as a longest-first regex alternation of whole
    words would (leftmost, then the most words, never overlapping), by looking word runs up:
    compiling an alternation of thousands of phrases took longer than a KB's whole index."""

    def __init__(self, phrases: Iterable[str], base: _Spaced | None = None) -> None:
        """``base``: a finder whose phrases these add to (built once, extended per KB)."""
        added = frozenset(phrases)
        several = [phrase.split(" ") for phrase in added if " " in phrase]
        starts = frozenset(words[0] for words in several)
        # and the two words they start with: most texts with a starting word ("smart", "hall")
        # go on with a word no phrase does, and need no longer phrase looked up
        pairs = frozenset((words[0], words[1]) for words in several)
        most = max(map(len, several), default=1)
        if base is None:
            self._phrases, self.starts, self._pairs, self._most = added, starts, pairs, most
        else:
            self._phrases = base._phrases | added
            self.starts, self._pairs = base.starts | starts, base._pairs | pairs
            self._most = max(base._most, most)

    def holds_several(self, words: Sequence[str]) -> bool:
        """Tell whether two words in a row may start a phrase of several words: else each
        phrase in the words is one word, and the words' own groups are the text's."""
        return not self._pairs.isdisjoint(pairwise(words))

    def finditer(self, words: Sequence[str]) -> Iterator[tuple[int, int, str]]:
        """Yield (start, stop, phrase) of each phrase found, left to right."""
        position, count = 0, len(words)
        phrases, pairs = self._phrases, self._pairs
        while position < count:
            word = words[position]
            if position + 1 < count and (word, words[position + 1]) in pairs:
                for stop in range(min(count, position + self._most), position + 1, -1):
                    phrase = " ".join(words[position:stop])
                    if phrase in phrases:
                        yield position, stop, phrase
                        break
                else:
                    stop = 0
                if stop:
                    position = stop
                    continue
            if word in phrases:
                yield position, position + 1, word
            position += 1


class _PhraseTable:
    """Synonym phrases mapped to their groups, and what finds them in a text: whole words for
    spaced phrases, substrings inside unspaced words, and the one-character ones."""

    def __init__(self, groups: Mapping[str, set[str]], base: _PhraseTable | None = None) -> None:
        """``base``: the table of some of these phrases, whose finders the others extend."""
        self.groups = groups
        added = [phrase for phrase in groups if base is None or phrase not in base.groups]
        spaced = [phrase for phrase in added if _spaced(phrase)]
        unspaced = [phrase for phrase in added if not _spaced(phrase) and len(phrase) >= 2]
        self.single = {phrase for phrase in added if not _spaced(phrase) and len(phrase) < 2}
        if base is None:
            self.spaced = _Spaced(spaced)
            self.inside = _Inside(unspaced) if unspaced else None
        else:
            self.spaced = _Spaced(spaced, base.spaced) if spaced else base.spaced
            self.inside = base.inside if not unspaced else _Inside(unspaced, base.inside)
            self.single |= base.single

    def word_groups(self, word: str) -> set[str]:
        """Return the groups of one word, without looking inside a word that can hold none.

        The caller must not change the set returned.
        """
        if not runs_together(word):  # only a spaced phrase equal to the whole word
            return self.groups.get(word) or _NO_GROUPS
        if self.inside is not None and self.inside.may_hold(word):
            # no spaced phrase is one unspaced word: only the phrases inside it, and itself
            found: set[str] = set()
            for phrase in self.inside.findall(word):
                found |= self.groups[phrase]
            return found | self.groups[word] if word in self.single else found
        if word in self.single:
            return self.groups[word]
        return _NO_GROUPS

    def groups_in(self, words: Sequence[str],
                  word_groups: Callable[[str], set[str]] | None = None) -> set[str]:
        """Return the groups of every phrase in a text's words: from each word, the spaced
        phrase of the most whole words, and the next only after it; inside each unspaced word,
        its own. ``word_groups``: :meth:`word_groups`, or a cache of it."""
        one_word = word_groups or self.word_groups
        found: set[str] = set()
        position = 0
        for start, stop, phrase in self.spaced.finditer(words):
            for word in words[position:start]:
                found |= one_word(word)
            found |= self.groups[phrase]
            for inside in words[start:stop]:  # 배지 수령: and what is inside 배지, 수령
                if runs_together(inside):
                    found |= one_word(inside)
            position = stop
        for word in words[position:]:
            found |= one_word(word)
        return found


def _phrase_keys(words: Sequence[str]) -> tuple[str, ...]:
    """Return how a phrase's words are looked for: spaced, or run together in scripts that
    run words together; Korean spaces its phrases or not (배지 수령, 배지수령), so both."""
    if not words:
        return ()
    joined = "".join(words)
    if not runs_together(joined):
        return (" ".join(words),)
    if len(words) > 1 and all(HANGUL_WORD.fullmatch(word) for word in words):
        return (joined, " ".join(words))
    return (joined,)


def _spaced(phrase: str) -> bool:
    """Tell whether a phrase key is looked for as whole words (else inside unspaced words)."""
    return " " in phrase or not runs_together(phrase)


def unmatchable_synonyms(groups: Iterable[Sequence[str]]) -> list[tuple[str, str]]:
    """Return the synonyms left out of matching, each with the word it would read as."""
    return [(phrase, word) for group in groups for phrase in group
            if (word := _stopword_reading(phrase.removeprefix(CUE))) is not None]


def _stopword_reading(phrase: str, words: Sequence[str] | None = None) -> str | None:
    """Return the stopword a one-word phrase becomes once its accents go, if it does: a KB's
    "thẻ" (a Vietnamese badge) reads as "the", which every English text holds.

    ``words``: the phrase's tokens, when the caller has them.
    """
    if words is None:
        words = tokens(phrase)
    if (len(words) == 1 and words[0] in STOPWORDS
            and words[0] != unicodedata.normalize("NFKC", phrase).casefold().strip()):
        return words[0]
    return None


class Synonyms:
    """Synonym phrases, normalised, each mapped to the terms of its groups."""

    def __init__(self, groups: Iterable[Sequence[str]], base: Synonyms | None = None) -> None:
        """``base``: the synonyms of groups that come before these (the shipped vocabulary,
        made once per process): its tables are extended, not made again for each KB."""
        self.count: int = base.count if base else 0  # groups so far: the next one's number
        phrases: defaultdict[str, set[str]] = defaultdict(set)  # "wi fi" / "와이파이" -> groups
        cues: defaultdict[str, set[str]] = defaultdict(set)  # lead questions only
        for number, group in enumerate(groups, start=self.count):
            self.count = number + 1
            for phrase in group:
                words = tokens(phrase.removeprefix(CUE))
                if _stopword_reading(phrase.removeprefix(CUE), words) is not None:
                    continue
                for key in _phrase_keys(words):
                    (cues if phrase.startswith(CUE) else phrases)[key].add(f"{_GROUP}{number}")
        # What a question's words may lead to: the phrases and the cues.
        asked: dict[str, set[str]] = {k: set(v) for k, v in phrases.items()}
        for key, found in cues.items():
            asked.setdefault(key, set()).update(found)
        self.phrases: dict[str, set[str]] = (
            _joined(base.phrases, phrases) if base else dict(phrases))
        self.asked: dict[str, set[str]] = _joined(base.asked, asked) if base else asked
        self._questions: _PhraseTable = _PhraseTable(
            self.asked, base._questions if base else None)
        self._phrases: _PhraseTable = _PhraseTable(
            self.phrases, base._phrases if base else None)
        # The most words a phrase has (Vietnamese writes a word a syllable at a time: "thiết bị
        # bay không người lái", a drone, is six)
        self.longest: int = max((key.count(" ") + 1 for key in asked), default=1)
        if base is not None:
            self.longest = max(self.longest, base.longest)
        # For the index build: texts with a word that may start a phrase of several words
        self.phrase_starts = self._phrases.spaced.starts
        self.holds_several = self._phrases.spaced.holds_several

    def spans(self, words: Sequence[str], *,
              question: bool = True) -> list[tuple[int, int, set[str]]]:
        """Return the multi-word synonym phrases (and, in a question, cues) in a text's words:
        (start, stop, groups)."""
        found = []
        phrases = self.asked if question else self.phrases
        for start in range(len(words)):
            for stop in range(min(start + self.longest, len(words)), start + 1, -1):
                groups = phrases.get(" ".join(words[start:stop]))
                if groups:
                    found.append((start, stop, groups))
                    break
        return found

    def word_groups(self, word: str) -> set[str]:
        """Return ``groups_in([word])``, without looking inside a word that can hold no phrase.

        The caller must not change the set returned.
        """
        return self._phrases.word_groups(word)

    def groups_of_tokens(self, words: Sequence[str],
                         word_groups: Callable[[str], set[str]] | None = None) -> set[str]:
        """Return ``groups_in(words)``; ``word_groups``: :meth:`word_groups`, or a cache of it."""
        return self._phrases.groups_in(words, word_groups)

    def inside(self, word: str) -> list[tuple[int, int, set[str]]]:
        """Return the phrases and cues of two characters or more inside an unspaced question
        word: (start, stop, groups)."""
        unspaced = self._questions.inside
        if unspaced is None:
            return []
        return [(start, stop, self.asked[phrase])
                for start, stop, phrase in unspaced.finditer(word)]

    def groups_in(self, words: Sequence[str], *, question: bool = False) -> set[str]:
        """Return the groups of every synonym phrase found in a text's words (a question's
        words: of every phrase or cue)."""
        return (self._questions if question else self._phrases).groups_in(words)


def _joined(base: Mapping[str, set[str]], more: Mapping[str, set[str]]) -> dict[str, set[str]]:
    """Return phrases' groups from both mappings, leaving the base's sets unchanged."""
    joined = dict(base)
    for phrase, groups in more.items():
        held = joined.get(phrase)
        joined[phrase] = groups if held is None else held | groups
    return joined


@functools.cache
def shipped_synonyms() -> Synonyms:
    """Return the synonyms of the shipped vocabulary, made once per process: they are the same
    for every KB, and scanning their thousands of phrases took longer than a small KB's index."""
    return Synonyms(SHIPPED_VOCABULARY)


@functools.lru_cache(maxsize=2)
def synonyms_of(groups: tuple[tuple[str, ...], ...]) -> Synonyms:
    """Return the synonyms of these groups, made once: a reload with the same groups (the
    shipped vocabulary and the KB's own, unchanged) needs no new scans, and when they start
    with the shipped vocabulary, only the KB's own are new."""
    shipped = len(SHIPPED_VOCABULARY)
    if groups[:shipped] == SHIPPED_VOCABULARY:
        return Synonyms(groups[shipped:], shipped_synonyms())
    return Synonyms(groups)


_HONORIFICS = ("님", "씨")  # 센터장님, 김지원씨: the title or name without the courtesy


def stem(word: str) -> str:
    """Return an English word without its plural ending: 'booths', 'ships', 'batteries'; an
    Indonesian or Malay one without its '-nya' (the, its): 'harganya', 'tangkinya'.

    Crude, and the same on both sides: the KB's words and the question's meet however each
    was inflected ('status' becomes 'statu' in both).
    """
    if len(word) < 4 or not word.isascii() or word.endswith(("ss", "us", "is")):
        return word
    if len(word) >= 7 and word.endswith("nya"):  # (not punya, hanya, tanya: words of their own)
        return word[:-3]
    if word.endswith("ies"):
        return word[:-3] + "y"
    if word.endswith(("ches", "shes", "xes", "sses")):
        return word[:-2]
    return word[:-1] if word.endswith("s") else word


# A Korean noun made a verb with 하다 (기도할 곳, 등산하는 부스, 충전해도): the noun is the word.
_HA_FORMS = ("하려면", "하는데", "하는", "할", "하고", "해서", "하면", "해도", "하기", "해요",
             "했어요", "합니다", "하나요", "할까요", "하세요", "해야",
             # ... and as particles leave it ("얘기하는" is read 얘기하), done for someone
             # ("번역해주는 AI", "현금화해주는 은행")
             "하", "해주", "해줄", "해줘", "해주세요", "해드리")
_LETTER = re.compile("[a-z]")  # (a Latin letter alone, as tokens() leave it)
# Words a letter beside names a part of the venue by ("zone c", "B区", "E구역", "track b"); a
# letter anywhere else in a question is chat ("suit n tie", Vietnamese "e", "v"), or what is
# left of "don't" or "K-pop"
_AREA_WORDS = tuple({normalize_text(word) for word in (
    "zone", "hall", "track", "area", "block", "gate", "pavilion", "room", "stage", "level",
    "wing", "section", "sector", "zona", "sala", "salón", "pabellón", "khu", "dewan", "zon",
    "โซน", "ฮอลล์", "зона", "зал", "сектор", "区", "區", "馆", "館", "厅", "廳", "구역", "관", "홀",
    "존", "ゾーン", "エリア", "ホール", "ブロック")})


def _beside_an_area(words: Sequence[str], position: int) -> bool:
    """Tell whether the word before a question's letter ends in an area word, or the word
    after it starts with one ("B区在哪" is b, 区在哪; "zone a", but not "a hall")."""
    after = words[position + 1] if position + 1 < len(words) else ""
    return (position > 0 and words[position - 1].endswith(_AREA_WORDS)) or (
        after.startswith(_AREA_WORDS) and (
            words[position] not in STOPWORDS or (runs_together(after) and after not in STOPWORDS)))


_DAY_TOKENS = frozenset(found for phrase in day_phrases() if (found := tuple(tokens(phrase))))
_LONGEST_DAY = max(map(len, _DAY_TOKENS))
# ... and a day inside an unspaced word ("周四上午有没有东南亚的论坛", "내일오후"), longest first;
# not one character (夜 and 朝 are in 夜游 and 朝市 too)
_DAY_INSIDE = re.compile("|".join(map(re.escape, sorted(
    {found[0] for found in _DAY_TOKENS
     if len(found) == 1 and len(found[0]) >= 2 and runs_together(found[0])},
    key=len, reverse=True))))


# Letters alone, not syllables: chat's laughter and tears (ㅋㅋ, ㅎㅎ, ㅠㅠ, 나갔어요ㅜ), which name
# nothing (initials asking for a name, ㅎㄹㅎ, are the fuzzy index's to find)
_CHAT_JAMO = re.compile("[\u1100-\u11ff\u3131-\u318e]+")
# A share ("phone at 3%", "배터리 5% 남았어요", "losing 7% in fees") is a quantity, never a name:
# its number must not find an item whose texts hold the number ("a 5 kWh battery")
_PERCENT = re.compile(r"\d+(?:[.,]\d+)?\s?[%％]")


def _noun_of(word: str) -> str:
    """Return the noun of a Korean 하다 form of two syllables or more, else the word."""
    if len(word) >= 3 and word.endswith(_HA_FORMS) and HANGUL_WORD.fullmatch(word):
        for form in _HA_FORMS:
            if word.endswith(form) and len(word) - len(form) >= 2:
                return word[: -len(form)]
    return word


def _phrases_in(raw: Sequence[str], phrases: frozenset[tuple[str, ...]], longest: int,
                consumed: set[int], admit: Callable[[Sequence[str]], bool] = bool,
                ) -> Iterator[tuple[int, int]]:
    """Yield where some phrases (as token tuples, of at most ``longest`` tokens) stand in a
    question's words, longest first from each word, none over a consumed word; ``admit``
    tells whether a phrase found there counts."""
    start = 0
    while start < len(raw):
        for stop in range(min(len(raw), start + longest), start, -1):
            phrase = raw[start:stop]
            if (tuple(phrase) in phrases and consumed.isdisjoint(range(start, stop))
                    and admit(phrase)):
                yield start, stop
                start = stop
                break
        else:
            start += 1


def _generic_phrase_words(raw: Sequence[str], consumed: set[int]) -> set[str]:
    """Return the words of a question's generic phrases of several words ("hội trường" in "em
    để quên túi trong hội trường"), as :func:`_content` keeps them: each word alone says
    something ("trường", a school), together they name a kind of place."""
    return {word for start, stop in _phrases_in(raw, _GENERIC_PHRASES, _LONGEST_GENERIC,
                                                consumed)
            for word in _content(raw[start:stop])}


def _content(words: Iterable[str]) -> list[str]:
    kept = []
    for word in words:
        if len(word) >= 3 and word.endswith(_HONORIFICS):
            word = word[:-1]
        word = _noun_of(word)
        # (a letter alone names a zone, a hall or a plan B: it weighs only where a KB holds it)
        if _LETTER.fullmatch(word) or (word not in STOPWORDS and (
                len(word) > 1 or runs_together(word) or word.isdigit())):
            kept.append(stem(word))
    return kept


def terms_of(text: str, synonyms: Synonyms) -> tuple[list[str], list[str], set[str]]:
    """Return a text's words, its soft words (endings and predicates), and its synonym groups.

    Synonym phrases are found before stopwords go: "check in", "lost and found".
    """
    main, soft = split_scripts(text)
    main_tokens = tokens(main)
    soft_tokens = tokens(soft) if soft else []
    return (_content(main_tokens), _content(soft_tokens),
            synonyms.groups_in(main_tokens + soft_tokens if soft_tokens else main_tokens))


# What one whitespace-separated chunk of a text gives the index: its words, its soft words,
# the pieces of both, the synonym groups of its words one by one, whether one of its words may
# start a multi-word synonym phrase, and its main and soft tokens (to look for those).
_Chunk = tuple[list[str], list[str], list[str], set[str], bool, list[str], list[str]]


class _Chunks(dict[str, _Chunk]):
    """The terms of each whitespace-separated chunk of a KB's texts, found once per build.

    NFKC, casefolding, script runs, particles and stems never reach across whitespace, so a
    text's words are its chunks' words in order, and a chunk is analysed once however many
    texts hold it ("Hall", a speaker's name, "세션"). Synonym phrases of several words are the
    exception: a text with a word that may start one is looked through whole.
    """

    def __init__(self, synonyms: Synonyms) -> None:
        super().__init__()
        self._synonyms = synonyms
        self._word_groups: dict[str, set[str]] = {}

    def __missing__(self, chunk: str) -> _Chunk:
        found = self[chunk] = self._analyse(chunk)
        return found

    def terms(self, text: str) -> tuple[list[str], list[str], list[str], set[str]]:
        """Return a text's words and soft words as :func:`terms_of` does, pieces, groups.

        The lists and set returned may be the chunk's own: the caller must not change them.
        """
        parts = text.split()
        if len(parts) == 1:  # most names and tags: one chunk, nothing to join
            chunk = self[parts[0]]
            return chunk[0], chunk[1], chunk[2], self.phrase_groups([chunk], chunk[3]) if (
                chunk[4]) else chunk[3]
        words: list[str] = []
        soft: list[str] = []
        pieces: list[str] = []
        groups: set[str] = set()
        scan = False
        chunks = [self[chunk] for chunk in parts]
        for chunk_words, chunk_soft, chunk_pieces, chunk_groups, starts, _, _ in chunks:
            words += chunk_words
            soft += chunk_soft
            pieces += chunk_pieces
            groups |= chunk_groups
            scan = scan or starts
        if scan:
            groups = self.phrase_groups(chunks, groups)
        return words, soft, pieces, groups

    def phrase_groups(self, chunks: list[_Chunk], groups: set[str]) -> set[str]:
        """Return the groups of a text whose words may hold a phrase of several words.

        ``groups``: its words' own groups, the answer unless two words in a row may start such
        a phrase ("smart city"): most texts with a word that starts one ("smart booth") do not.
        """
        every = [token for chunk in chunks for token in chunk[5]]
        every += [token for chunk in chunks for token in chunk[6]]
        if not self._synonyms.holds_several(every):
            return groups
        return self._synonyms.groups_of_tokens(every, self._groups)

    def _analyse(self, chunk: str) -> _Chunk:
        if HANGUL_WORD.fullmatch(chunk):  # most Korean words: split_scripts keeps them whole
            token = strip_particles(chunk)  # all that tokens(chunk) does to syllables
            main_tokens, soft_tokens = ([], [token]) if _predicate(chunk) else ([token], [])
            content = _content((token,))
            word = content[0] if content else ""
            pieces = list(map(add, word, word[1:])) if len(word) >= 3 else []
            words, soft = (_NO_WORDS, content) if soft_tokens else (content, _NO_WORDS)
            scan = token in self._synonyms.phrase_starts  # 배지 수령
            return words, soft, pieces, self._groups(token), scan, main_tokens, soft_tokens
        main, soft_text = split_scripts(chunk)
        main_tokens = tokens(main)
        soft_tokens = tokens(soft_text) if soft_text else []
        words = _content(main_tokens)
        soft = _content(soft_tokens) if soft_tokens else []
        pieces = [piece for word in (*words, *soft) for piece in _indexed_pieces(word)]
        groups: set[str] = set()
        for token in (*main_tokens, *soft_tokens):
            groups |= self._groups(token)
        starts = self._synonyms.phrase_starts
        scan = not (starts.isdisjoint(main_tokens) and starts.isdisjoint(soft_tokens))
        return words, soft, pieces, groups, scan, main_tokens, soft_tokens

    def _groups(self, token: str) -> set[str]:
        found = self._word_groups.get(token)
        if found is None:
            found = self._word_groups[token] = self._synonyms.word_groups(token)
        return found


def _record(postings: defaultdict[str, dict[int, float]], item: int,
            by_weight: dict[float, list[str]], again: bool) -> None:
    """Record the terms of a run of one item's texts, each at its best weight.

    ``again``: the item's texts were also listed before other items', so it may hold some of
    the terms already; each keeps the better weight.
    """
    for weight in sorted(by_weight):  # a term's best weight comes last, and stays
        if again:
            for term in by_weight[weight]:
                held = postings[term]
                if weight > held.get(item, 0.0):
                    held[item] = weight
        else:
            for term in by_weight[weight]:
                postings[term][item] = weight


@dataclass(frozen=True, slots=True)
class _Unit:
    """One unit of meaning in a name: a word or synonym phrase, the terms that stand for it,
    its weight (its rarest term's), and, for an unspaced word, its pieces (a question may hold
    some of them)."""

    terms: frozenset[str]
    weight: float
    pieces: tuple[str, ...] = ()


class LexicalIndex:
    """Items as weighted bags of terms; build once per KB with :meth:`build`."""

    __slots__ = ("_by_length", "_economies", "_idf", "_item_of", "_longest_wide_word", "_max_idf",
                 "_name_terms_of", "_name_texts", "_names", "_needs", "_own_wide_words",
                 "_postings", "_services", "_stems", "_synonyms", "_word_units", "item_ids")

    def __init__(self, synonyms: Synonyms) -> None:
        self._synonyms = synonyms
        self.item_ids: list[str] = []
        self._item_of: dict[str, int] = {}  # item id -> its number in the postings
        self._postings: dict[str, dict[int, float]] = {}  # term -> item -> best field weight
        self._idf: dict[str, float] = {}
        self._max_idf = 1.0
        # jamo length -> (words as jamo, words), for the typo lookup
        self._by_length: dict[int, tuple[list[str], list[str]]] = {}
        # item -> its names; as units of meaning (see _units) once first needed
        self._name_texts: dict[str, list[str]] = {}
        self._names: dict[str, list[tuple[_Unit, ...]]] = {}
        self._name_terms_of: dict[str, tuple[frozenset[str], str]] = {}  # see named_by()
        self._word_units: dict[str, _Unit | None] = {}  # a name's word -> its unit, made once
        self._own_wide_words: frozenset[str] = frozenset()  # whole Han or Hangul words
        self._longest_wide_word = 0
        self._economies: frozenset[str] = frozenset()  # the economies' synonym groups
        self._services: frozenset[str] = frozenset()  # the services' (cloakroom, first aid)
        self._needs: frozenset[str] = frozenset()  # ... and all the paraphrased groups'
        self._stems: dict[str, str] | None = None  # stem -> a KB word of it, on first need

    @classmethod
    def build(
        cls, texts: Iterable[FieldText], synonym_groups: Iterable[Sequence[str]]
    ) -> LexicalIndex:
        """Index every text of every item."""
        index = cls(synonyms_of(tuple(map(tuple, synonym_groups))))
        chunks = _Chunks(index._synonyms)
        # An economy counts where an item is named or described in a word ("China Pavilion",
        # a person's organisation), not in prose: a bio's "Korean bus makers" makes no one
        # the answer to "who is the president of Korea".
        name_only = index._economies = frozenset(index._synonyms.groups_in(
            [token for group in ECONOMY_VOCABULARY for token in tokens(group[0])]))
        groups_of = {need: index._synonyms.groups_in(tokens(need)) for need in PARAPHRASE_CUES}
        index._needs = frozenset().union(*groups_of.values())
        index._services = frozenset().union(*(groups_of[need] for need in SERVICES))
        item_of = index._item_of
        postings: defaultdict[str, dict[int, float]] = defaultdict(dict)
        # The typo lookup tries words in the order they first occur (on a tie, the first one
        # wins); nothing else depends on the order of the terms.
        words_in_order: list[str] = []
        # A KB lists an item's texts one after another, and their terms repeat (a title, its
        # aliases, their pieces): the terms of such a run of texts go to the postings together,
        # each once at its best weight. An item then comes in a term's postings where it first
        # held the term, as when each text was recorded alone (scores are summed in that order).
        run_item = -1
        run: dict[float, list[str]] = {}  # weight -> terms at that weight
        recorded: set[int] = set()  # items of earlier runs
        # (The same alias twice needs no check: it adds no term, and no better weight.)
        for entry in texts:
            item_id, text, weight = entry.item_id, entry.text, float(entry.field)
            item = item_of.get(item_id)
            if item is None:
                item = item_of[item_id] = len(index.item_ids)
                index.item_ids.append(item_id)
            if item != run_item:
                if run:
                    _record(postings, run_item, run, run_item in recorded)
                    recorded.add(run_item)
                    run = {}
                run_item = item
            held = run.get(weight)
            if held is None:
                held = run[weight] = []
            words, soft, pieces, groups = chunks.terms(text)
            if groups and entry.field is Field.PROSE and not groups.isdisjoint(name_only):
                groups = groups - name_only
            if entry.field is Field.NAME:
                index._name_texts.setdefault(item_id, []).append(text)
            words_in_order += words
            held += words
            if soft:
                words_in_order += soft
                held += soft
            if pieces:
                piece_weight = weight * PIECE_WEIGHT
                held = run.get(piece_weight)
                if held is None:
                    held = run[piece_weight] = []
                held += pieces
            if groups:
                group_weight = weight * SYNONYM_WEIGHT
                held = run.get(group_weight)
                if held is None:
                    held = run[group_weight] = []
                held += groups
        if run:
            _record(postings, run_item, run, run_item in recorded)
        count = max(len(index.item_ids), 1)
        index._postings = dict(postings)
        index._idf = {term: math.log(1 + count / len(held)) for term, held in postings.items()}
        index._max_idf = max(index._idf.values(), default=1.0)
        by_length: defaultdict[int, tuple[list[str], list[str]]] = defaultdict(
            lambda: ([], []))
        unique = dict.fromkeys(words_in_order)
        for term in unique:
            if not term.startswith(_GROUP) and len(term) >= TYPO_MIN_CHARS:
                jamo = to_jamo(term)
                bucket = by_length[len(jamo)]
                bucket[0].append(jamo)
                bucket[1].append(term)
        index._by_length = dict(by_length)
        index._own_wide_words = frozenset(
            word for word in unique if len(word) >= 2 and (
                HAN_WORD.fullmatch(word) or HANGUL_WORD.fullmatch(word)))
        index._longest_wide_word = max(map(len, index._own_wide_words), default=0)
        return index

    def score(self, question_text: str, *, days: bool = True) -> Retrieved:
        """Return, per item, the share of the question's weight it covers (0-100).

        ``days``: a day the KB's texts do not name weighs nothing ("hydrogen talks tomorrow");
        else it is an unknown word like any other.
        """
        question_text = _PERCENT.sub(" ", _CHAT_JAMO.sub(" ", question_text))
        main, soft_text = split_scripts(question_text)
        raw = tokens(main)[:MAX_QUERY_TOKENS]
        if days:
            raw = self._days_cut(raw)
        soft = _content(tokens(soft_text))[:MAX_QUERY_TOKENS] if soft_text else []
        covered = _Covered()
        total = 0.0
        consumed: set[int] = set()
        if soft:  # a phrase that ends in a predicate ("몸이 안 좋아요", "두고 왔어요")
            total += self._spanning(question_text, raw, soft, covered)
        # A phrase of a synonym group ("name tag", "check in") is one unit of meaning.
        for start, stop, groups in self._synonyms.spans(raw):
            if not consumed & set(range(start, stop)) and self._add_groups(groups, covered):
                total += self._add_groups(groups, covered, credit=True)
                consumed.update(range(start, stop))
        # ... also with one word that names nothing between its words ("hp saya hilang": hp
        # hilang), not more ("my phone into a card machine" is no phone card)
        kept = [position for position, word in enumerate(raw)
                if position not in consumed and word not in STOPWORDS]
        if len(kept) < len(raw) - len(consumed):
            for start, stop, groups in self._synonyms.spans([raw[at] for at in kept]):
                positions = set(kept[start:stop])
                if kept[stop - 1] - kept[start] > stop - start:
                    continue
                if not consumed & positions and self._add_groups(groups, covered):
                    total += self._add_groups(groups, covered, credit=True)
                    consumed.update(positions)
        # A day the KB never names ("tomorrow", "내일", "this afternoon") says when, not what:
        # the concierge reads it, and here it weighs nothing.
        if days:
            consumed.update(self._day_positions(raw, consumed))
        # Rarest words first, so that common ones only add to the items those found.
        asked = [word for position, word in enumerate(raw) if position not in consumed
                 and (not _LETTER.fullmatch(word) or _beside_an_area(raw, position))]
        rest = _content(asked)
        in_phrases = _generic_phrase_words(raw, consumed)
        # The vocabulary lists words as written, plural endings and all ("autobuses", "awards"):
        # each word's synonyms are looked up as asked too (only Latin words lose an ending).
        as_written = {stem(word): word for word in asked if word.isascii()}
        rest.sort(key=lambda word: len(self._postings.get(word, ())))
        for word in rest:
            total += self._add_word(word, covered, unknown=True, written=as_written.get(word),
                                    generic=word in GENERIC_TOKENS or word in in_phrases)
        for word in soft:  # endings and stems: they count a little, and only when known ...
            if self._add_groups(self._synonyms.groups_in([word], question=True), _Covered()):
                total += self._add_word(word, covered, unknown=True)  # ... unless they say
                continue  # what the question is about (다쳤어요: first aid)
            found = _Covered()
            weight = self._add_word(word, found, unknown=False)
            covered.add_scaled(found, SOFT_WEIGHT)
            total += SOFT_WEIGHT * weight
        if total <= 0.0:
            return Retrieved({}, 0.0)
        # "forum", "세션": a question that names only a kind of thing asks which one.
        generic_only = not consumed and all(
            word in GENERIC_TOKENS or word in in_phrases for word in rest)
        top = GENERIC_ONLY_SCORE if generic_only else 100.0
        # In the KB's order: items are credited as the question's synonym groups come (a set,
        # whose order changes with each run's string hashing), and a tie between two must not
        # break one way in one run and the other way in the next.
        return Retrieved(
            {self.item_ids[item]: top * value / total for item, value in sorted(covered.items())},
            covered.unknown / total, frozenset(covered.matched), frozenset(covered.guessed),
            covered.strange, tuple(dict.fromkeys(
                as_written.get(word, word) for word in covered.lacking)))

    def _days_cut(self, raw: list[str]) -> list[str]:
        """Return a question's words with the days the KB's texts do not hold cut out of its
        unspaced words ("周四上午有没有东南亚的论坛": 有没有东南亚的论坛); a word that is a day
        is left whole (see :meth:`_day_positions`)."""
        cut: list[str] = []
        for word in raw:
            if not runs_together(word) or word in self._postings:
                cut.append(word)
                continue
            start = 0
            for found in _DAY_INSIDE.finditer(word):
                if found.group() != word and found.group() not in self._postings:
                    if found.start() > start:
                        cut.append(word[start:found.start()])
                    start = found.end()
            if start < len(word):
                cut.append(word[start:])
        return cut

    def _day_positions(self, raw: list[str], consumed: set[int]) -> set[int]:
        """Return where a question's words name a day the KB's texts do not hold."""
        return {position for start, stop in _phrases_in(
                    raw, _DAY_TOKENS, _LONGEST_DAY, consumed,
                    lambda phrase: not self._held_together(phrase))
                for position in range(start, stop)}

    def _held_together(self, words: Sequence[str]) -> bool:
        """Tell whether some item holds every word of a phrase (a day named in a text, not
        its words apart: "the last mile" and "day trips" name no last day)."""
        postings = [self._postings.get(word) for word in words]
        held = [posting for posting in postings if posting is not None]
        if len(held) < len(postings):
            return False
        smallest = min(held, key=len)
        return any(all(item in posting for posting in held) for item in smallest)

    def _spanning(self, question_text: str, raw: list[str], soft: list[str],
                  covered: _Covered) -> float:
        """Credit the phrases that end in one of a question's predicates, whatever its ending
        ("몸이 안 좋아요" holds 몸이 안 좋, "두고 왔어요" 두고 왔); take the words they hold out
        of the question's words and soft words; return their weight."""
        words = tokens(question_text)[:MAX_QUERY_TOKENS]
        asked = self._synonyms.asked
        weight = 0.0
        for end, word in enumerate(words):
            if word not in soft:
                continue
            found = next(((start, groups) for cut in range(len(word), 0, -1)
                          for start in range(max(0, end + 1 - self._synonyms.longest), end + 1)
                          if (groups := asked.get(" ".join((*words[start:end], word[:cut]))))),
                         None)
            if found is None or not self._add_groups(found[1], covered):
                continue
            weight += self._add_groups(found[1], covered, credit=True)
            for held in words[found[0]:end + 1]:
                for listed in (raw, soft):
                    if held in listed:
                        listed.remove(held)
                        break
        return weight

    def groups_of(self, text: str, *, question: bool = False) -> set[str]:
        """Return the synonym groups a text's words hold (``question``: with the cues too)."""
        return self._synonyms.groups_in(tokens(text), question=question)

    def focus(self, item_id: str, matched: frozenset[str]) -> float:
        """Return how much of the item's best-covered name the question holds (0-1).

        "name tag" is in the registration FAQ's "badge pick-up" and in the press FAQ's "where
        do press get their badge": both hold the question, but the first is about it.
        """
        best = 0.0
        for units in self._name_units(item_id):
            held = total = 0.0
            for unit in units:
                weight = unit.weight
                total += weight
                if not unit.terms.isdisjoint(matched):
                    held += weight
                elif unit.pieces:
                    held += weight * sum(p in matched for p in unit.pieces) / len(unit.pieces)
            if total > 0.0:
                best = max(best, held / total)
        return best

    def named_by(self, question_text: str, among: Iterable[str]) -> list[str]:
        """Return the items of ``among`` whose names hold every word of the question, each
        as itself, a synonym, or (unspaced) inside a longer word; none for a question with no
        content word. "seminars" (tomorrow morning): the seminars among what is on then.

        Items whose names hold the words themselves, if any, come alone.
        """
        wanted = self._units(apart(question_text), remember=False)
        if not wanted:
            return []
        found: list[str] = []
        literal: list[str] = []  # ... the question's own words, not synonyms
        for item_id in among:
            terms, joined = self._name_terms(item_id)
            own = [any(term in terms or ((unit.pieces or runs_together(term)) and term in joined)
                       for term in unit.terms if not term.startswith(_GROUP)) for unit in wanted]
            if all(held or not unit.terms.isdisjoint(terms) for held, unit in zip(
                    own, wanted, strict=True)):
                found.append(item_id)
                if all(own):
                    literal.append(item_id)
        # "리셉션" tonight: the reception, not the networking night its synonyms also find
        return literal or found

    def sharing_one_word(self, question_text: str, among: Iterable[str]) -> list[str]:
        """Return the items of ``among`` whose names hold a question's one unit of meaning
        ("ホテル"); none for a question of more than one."""
        if len(self._units(apart(question_text), remember=False)) != 1:
            return []
        return self.named_by(question_text, among)

    def holding_alike(self, item_id: str, among: Iterable[str],
                      matched: frozenset[str]) -> list[str]:
        """Return the items of ``among`` that hold, in any of their texts, every term of a
        question (``matched``) that the item holds; none if it holds none."""
        held = [self._postings[term] for term in self.held_terms(item_id, matched)]
        return [other for other in among
                if (number := self._item_of.get(other)) is not None
                and all(number in posting for posting in held)] if held else []

    def has_content(self, question_text: str) -> bool:
        """Tell whether a question has a word that says what it is about (not "what's on")."""
        return bool(self._units(apart(question_text), remember=False))

    def knows_content(self, question_text: str) -> bool:
        """Tell whether a question has a word that says what it is about and some item holds
        (not "para ponerla", which no item does)."""
        # (an unspaced run is read by its pieces, which some item may hold)
        return any(unit.weight > 0 or unit.pieces
                   for unit in self._units(apart(question_text), remember=False))

    @staticmethod
    def question_words(question_text: str) -> set[str]:
        """Return a question's words as :meth:`without_names` reads them, none taken out."""
        return set(tokens(split_scripts(question_text)[0]))

    def without_names(self, question_text: str, item_id: str) -> str:
        """Return a question without the words of an item's names ("S222", "ห้องจำปา" inside
        an unspaced run)."""
        names = self.name_words(item_id)
        kept = []
        for word in tokens(split_scripts(question_text)[0]):
            if word in names or (runs_together(word) and len(word) >= 2 and any(
                    word in name for name in names if runs_together(name))):
                continue  # (or part of one: 机器人演示 of 机器人演示区)
            if runs_together(word):  # a name inside a run of words written together
                for name in sorted(names, key=len, reverse=True):
                    if len(name) >= 2 and runs_together(name):
                        word = word.replace(name, " ")
            kept.append(word)
        return " ".join(" ".join(kept).split())

    def describes(self, item_id: str, word: str) -> bool:
        """Tell whether an item holds a word in any of its texts ("관장님": a person's role)."""
        item = self._item_of.get(item_id)
        terms = _content([word])
        return item is not None and bool(terms) and all(
            item in self._postings.get(term, ()) for term in terms)

    def name_words(self, item_id: str) -> frozenset[str]:
        """Return the tokens of an item's names, in every language ("高桥", "takahashi")."""
        return frozenset(token for text in self._name_texts.get(item_id, ())
                         for token in tokens(split_scripts(text)[0]))

    def name_groups(self, item_id: str) -> set[str]:
        """Return the synonym groups an item's names hold ("Japan Pavilion": Japan's)."""
        return set().union(*(self._synonyms.groups_in(tokens(text))
                             for text in self._name_texts.get(item_id, ())))

    @staticmethod
    def pieces_only(question_text: str, matched: frozenset[str]) -> bool:
        """Tell whether a question reached the KB only by pieces of its unspaced words
        ("카카오": 카오, as in 카오스마트), not by a word or a synonym."""
        words = set(tokens(split_scripts(question_text)[0]))
        return all(len(term) == 2 and runs_together(term) and term not in words
                   for term in matched)

    @property
    def needs(self) -> frozenset[str]:
        """Return the synonym groups attendees ask for in their own words (the services, the
        programme's parts, the ways there: bot.matching.paraphrases)."""
        return self._needs

    @property
    def services(self) -> frozenset[str]:
        """Return the synonym groups of the services attendees ask for by their need (the
        cloakroom, first aid, a nursing room: bot.matching.paraphrases)."""
        return self._services

    @property
    def economies(self) -> frozenset[str]:
        """Return the synonym groups of the economies (China, 日本, Việt Nam...)."""
        return self._economies

    def knows(self, word: str) -> bool:
        """Tell whether a word (folded) is a stopword, or some item's texts hold it or another
        form of it."""
        return (word in STOPWORDS or stem(word) in self._postings
                or self._family(word) is not None)

    def held_terms(self, item_id: str, terms: Iterable[str]) -> set[str]:
        """Return the terms that an item holds."""
        item = self._item_of.get(item_id)
        return {term for term in terms if item in self._postings.get(term, ())}

    def share_lacked(self, item_id: str, terms: Iterable[str]) -> float:
        """Return the share of some terms' weight (IDF) that an item does not hold (0-1)."""
        item = self._item_of.get(item_id)
        held = lacked = 0.0
        for term in terms:
            postings = self._postings.get(term)
            if postings is None:
                continue
            if item in postings:
                held += self._idf[term]
            else:
                lacked += self._idf[term]
        return lacked / (held + lacked) if held + lacked else 0.0

    def names_all(self, item_id: str, terms: Iterable[str]) -> bool:
        """Tell whether an item's names hold every one of some terms (Han or kana, inside a
        longer word too: 微信 in 微信与小红书营销; not Korean, which spaces its words: 나이,
        an age, is no part of 코리아나이트)."""
        held, joined = self._name_terms(item_id)
        return all(term in held or (runs_together(term) and not HANGUL_WORD.fullmatch(term)
                                    and term in joined) for term in terms)

    def named_terms(self, item_id: str, matched: frozenset[str]) -> frozenset[str]:
        """Return the terms of a question an item's names hold."""
        return self._name_terms(item_id)[0] & matched

    def names_word(self, item_id: str, matched: frozenset[str]) -> bool:
        """Tell whether an item's names hold a word of the question itself, not a synonym."""
        terms = self._name_terms(item_id)[0]
        return any(term in terms for term in matched if not term.startswith(_GROUP))

    def _name_units(self, item_id: str) -> list[tuple[_Unit, ...]]:
        """Return an item's names as units of meaning, analysed on first use (most items
        never lead a close race, nor are named by a question that names a time)."""
        names = self._names.get(item_id)
        if names is None:
            names = self._names[item_id] = [
                units for text in self._name_texts.get(item_id, ()) if (units := self._units(text))]
        return names

    def _name_terms(self, item_id: str) -> tuple[frozenset[str], str]:
        """Return the terms of an item's names, and their words run together (made once)."""
        found = self._name_terms_of.get(item_id)
        if found is None:
            found = self._name_terms_of[item_id] = (
                frozenset(term for units in self._name_units(item_id) for unit in units
                          for term in unit.terms),
                " ".join("".join(tokens(text)) for text in self._name_texts.get(item_id, ())))
        return found

    def _units(self, text: str, *, remember: bool = True) -> tuple[_Unit, ...]:
        """Split a name into units of meaning: synonym phrases whole, other content words alone.

        Names share most of their words, so each word's unit (None: a stopword) is made once
        (not a question's: ``remember=False``, or every word ever asked would be kept).
        """
        main, _ = split_scripts(text)  # endings say nothing of what a name is about
        words = tokens(main)
        units: list[_Unit] = []
        taken: set[int] = set()
        synonyms, idf = self._synonyms, self._idf
        word_units = self._word_units if remember else {}
        # A cue ("lost my badge") leads questions only: in a name it is words like others.
        for start, stop, groups in (synonyms.spans(words, question=False)
                                    if len(words) > 1 else ()):
            if not taken & set(range(start, stop)):
                terms = frozenset(groups)
                units.append(_Unit(terms, max(idf.get(term, 0.0) for term in terms)))
                taken.update(range(start, stop))
        for position, token in enumerate(words):
            if position in taken:
                continue
            if token in word_units:
                unit = word_units[token]
            else:
                unit = word_units[token] = None
                # (none for a stopword, nor for a letter: "K-Content" is about content)
                for word in _content([token]) if not _LETTER.fullmatch(token) else ():
                    # An unspaced word is one of its groups' phrases only if it is the whole
                    # phrase (补办证件, "reissue an ID", holds 证件 but is not about badges).
                    # (as a text's words are: "buses" is in the group "autobuses" is)
                    groups = (synonyms.phrases.get(word, _NO_GROUPS) if runs_together(word)
                              else synonyms.word_groups(word) if word == token
                              else synonyms.word_groups(word) | synonyms.word_groups(token))
                    terms = frozenset({word, *groups})
                    unit = word_units[token] = _Unit(
                        terms, max(idf.get(term, 0.0) for term in terms), tuple(_pieces(word)))
            if unit is not None:
                units.append(unit)
        return tuple(units)

    def _add_groups(self, groups: Iterable[str], covered: _Covered, *,
                    credit: bool = False) -> float:
        """Return the weight of the known groups among ``groups``; credit their items if asked."""
        known = [group for group in groups if group in self._postings]
        if not known:
            return 0.0
        weight = max(self._idf[group] for group in known)
        if self._economies.issuperset(known):  # 日本人, гражданам РФ: who asks, mostly
            weight *= ECONOMY_WEIGHT
        if credit:
            covered.matched.update(known)
            gains: dict[int, float] = {}
            for group in known:
                _keep_best(gains, self._postings[group], weight, covered)
            for item, gain in gains.items():
                covered[item] += gain
        return weight

    def _add_inside(self, phrase: str, groups: set[str], covered: _Covered) -> float:
        """Credit the groups of a phrase inside an unspaced word; return its weight, a kind
        of thing's ("展商" in 有印尼展商吗) as little as the word alone would weigh."""
        if phrase not in GENERIC_TOKENS:
            return self._add_groups(groups, covered, credit=True)
        found = _Covered()
        weight = self._add_groups(groups, found, credit=True)
        covered.add_scaled(found, GENERIC_WEIGHT)
        return GENERIC_WEIGHT * weight

    def _held_inside(self, word: str, weight: float, gains: dict[int, float]) -> None:
        """Credit the items holding an unspaced word inside a longer one of theirs, as its
        pieces would: "人参加" is in the FAQ "有多少经济体和多少人参加" as much as in a text
        that holds it alone."""
        pieces = _pieces(word) if not _THAI[0] <= word[0] <= _THAI[1] else []
        postings = [self._postings.get(piece) for piece in pieces]
        if not pieces or not all(postings):
            return
        held = [posting for posting in postings if posting is not None]
        _keep_best(gains, {item: min(posting.get(item, 0.0) for posting in held)
                           for item in min(held, key=len)}, weight)

    def _group_shares(self, word: str, groups: set[str]) -> list[tuple[str, float]]:
        """Return the synonym groups of a word the KB holds, each with the share of the word
        it stands for: all of it, or for a phrase inside an unspaced word, that phrase's part.

        "中国商务部副部长" (a vice minister's role) holds 中国, China: every China talk holds
        China, not the role asked for.
        """
        if not groups or not runs_together(word):
            return [(group, 1.0) for group in groups]
        shares = dict.fromkeys(self._synonyms.asked.get(word, ()), 1.0)
        for start, stop, found in self._synonyms.inside(word):
            share = math.sqrt((stop - start) / len(word))  # (linear: one question fewer on dev)
            for group in found:
                shares[group] = max(shares.get(group, 0.0), share)
        return [(group, shares.get(group, 1.0)) for group in groups]

    def _add_word(self, word: str, covered: _Covered, *, unknown: bool,
                  written: str | None = None, generic: bool | None = None) -> float:
        """Credit the items that hold one question word; return the word's weight.

        ``unknown``: whether a word the KB doesn't hold still weighs (it dilutes the score).
        ``written``: the word before stemming, whose synonym groups count too.
        ``generic``: whether it names a kind of thing (default: whether it is such a word).
        """
        if not (word in GENERIC_TOKENS if generic is None else generic):
            return self._add_one(word, covered, unknown=unknown, written=written)
        found = _Covered()  # a kind of thing the KB never names costs nothing: unknown=False
        weight = self._add_one(word, found, unknown=False, within=covered, written=written)
        covered.add_scaled(found, GENERIC_WEIGHT)
        covered.unknown += GENERIC_WEIGHT * found.unknown
        return GENERIC_WEIGHT * weight

    def _add_one(self, word: str, covered: _Covered, *, unknown: bool,
                 within: Mapping[int, float] | None = None, written: str | None = None) -> float:
        """Credit one word's items into ``covered``; return the word's weight.

        ``within``: the items found so far, which a common word only adds to (default: covered).
        ``written``: the word before stemming ("hoteles", "awards"), whose groups count too.
        """
        within = covered if within is None else within
        held = self._postings.get(word)
        groups = self._synonyms.groups_in([word], question=True)
        if written is not None and written != word:
            groups = groups | self._synonyms.groups_in([written], question=True)
        if held is not None:  # the word itself, and items using another word of its groups
            weight = self._idf[word]
            gains: dict[int, float] = {}
            _keep_best(gains, held, weight, within)
            covered.matched.add(word)
            covered.guessed.discard(word)
            for group, share in self._group_shares(word, groups):
                if group in self._postings:
                    _keep_best(gains, self._postings[group], weight * share, within)
                    covered.matched.add(group)
            self._held_inside(word, weight, gains)
            for item, gain in gains.items():
                covered[item] += gain
            return weight
        if _pieces(word) and unknown:  # an unspaced phrase: its pieces, and synonyms inside
            whole = self._synonyms.asked.get(word)
            if whole and self._add_groups(whole, covered):  # パネルディスカッション: one word
                return self._add_groups(whole, covered, credit=True)
            # The pieces inside a synonym phrase the KB knows are that phrase, not unknown
            # words: "参会证" in 领参会证 leaves only 领参 to dilute the score. Each phrase is a
            # word of its own: 氢能卡车 is hydrogen and trucks, both.
            known = [(start, stop, found) for start, stop, found in self._synonyms.inside(word)
                     if self._add_groups(found, covered)]
            weight = sum(self._add_inside(word[start:stop], found, covered)
                         for start, stop, found in known)
            if not known:  # a one-character phrase, if any: the scan of the whole word
                weight = self._add_groups(groups, covered, credit=True)
            # A kind of thing (固态电池展台: a booth) or a word that asks (可以看到) says
            # nothing of which one.
            spans = [(start, stop) for start, stop, _ in known]
            spans += [found.span() for found in _GENERIC_INSIDE.finditer(word)]
            # The KB's own words inside it count whole, as words (停车场 in 停车场有吗, 주차장
            # in 주차장어디), not as the pieces they share with other words.
            for start, stop in self._own_words_inside(word, spans):
                times = stop - start - 1  # it weighs what its pieces would, beside the others
                found = _Covered()
                weight += times * self._add_one(word[start:stop], found, unknown=unknown)
                covered.add_scaled(found, times)
                spans.append((start, stop))
            taken = {position for start, stop in spans for position in range(start, stop)}
            spans_of = [(start, stop, piece) for start, stop, piece in _piece_spans(word)
                        if not taken.issuperset(range(start, stop))
                        and _CHINESE_PARTICLES.isdisjoint(piece)
                        and piece not in thai.stopwords()]
            if unknown:
                runs = self._unknown_runs(word, taken, spans_of)
                covered.strange = covered.strange or bool(runs)
                # (listed without the particles and verbs that ask at their ends: 能试戴, 试戴)
                covered.lacking += [bare for run in runs
                                    if len(bare := run.strip(_ASKING_CHARS)) >= 2]
            pieces = [piece for _, _, piece in spans_of]
            return self._add_pieces(pieces, covered, unknown=unknown) + weight
        if groups and self._add_groups(groups, covered):
            return self._add_groups(groups, covered, credit=True)
        typo = self._typo(word) if unknown else None
        close = typo or (self._family(word) if unknown else None)  # an ending is no typo
        if close is None:
            if _LETTER.fullmatch(word):  # a letter alone: what's left of "don't", "K-pop"
                return 0.0
            # One unknown kanji (話, 行) says less than an unknown word, as does one beside a
            # particle or a verb that asks ("能充" left of 手机没电了哪里能充 once 哪里 goes).
            share = UNKNOWN_PIECE_SHARE if len(word) == 1 or (
                len(word) == 2 and runs_together(word)
                and not _CHINESE_ASKING.isdisjoint(word)) else UNKNOWN_SHARE
            weight = share * self._max_idf if unknown else 0.0
            covered.unknown += weight
            if unknown and len(word) > 1:
                covered.lacking.append(word)
            return weight
        term, ratio = close
        weight = self._idf[term]
        if typo is not None and term not in covered.matched:  # (not a word it also holds)
            covered.guessed.add(term)
        covered.matched.add(term)
        typo_gains: dict[int, float] = {}
        _keep_best(typo_gains, self._postings[term], weight * ratio / 100.0, within)
        for item, gain in typo_gains.items():
            covered[item] += gain
        return weight

    def _unknown_runs(self, word: str, taken: set[int],
                      spans: list[tuple[int, int, str]]) -> list[str]:
        """Return the runs of two characters or more of an unspaced Han, kana or Hangul word
        that nothing the KB holds covers: a name it does not have ("华为有没有参展": 华为,
        "ソニーは出展してる": ソニー). Particles and a Korean word's glue are in no such run.

        (Unknown pieces only dilute a question's score, as they are often where two known
        words meet; a run tells of a whole unknown word.)
        """
        if _THAI[0] <= word[0] <= _THAI[1]:  # (Thai is cut into words its own way)
            return []
        known = set(taken)
        for start, stop, piece in spans:
            if piece in self._postings:
                known.update(range(start, stop))
        runs: list[str] = []
        start = 0
        for position, char in enumerate((*word, " ")):
            if (position in known or char in _CHINESE_PARTICLES or char in _KOREAN_GLUE
                    or not runs_together(char)):
                if position - start >= 2:
                    runs.append(word[start:position])
                start = position + 1
        return runs

    def _own_words_inside(self, word: str,
                          spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
        """Return where the KB's whole Han or Hangul words are inside an unspaced question
        word, outside ``spans``: leftmost, then longest, never overlapping."""
        taken = {position for start, stop in spans for position in range(start, stop)}
        found = []
        start, count, words = 0, len(word), self._own_wide_words
        while start < count - 1:
            for stop in range(min(count, start + self._longest_wide_word), start + 1, -1):
                if word[start:stop] in words and taken.isdisjoint(range(start, stop)):
                    found.append((start, stop))
                    start = stop
                    break
            else:
                start += 1
        return found

    def _add_pieces(self, pieces: list[str], covered: _Covered, *,
                    unknown: bool) -> float:
        """Credit items for the pieces of an unspaced word the KB doesn't hold whole."""
        total = 0.0
        for piece in pieces:
            held = self._postings.get(piece)
            if held is None and len(piece) >= 3 and _THAI[0] <= piece[0] <= _THAI[1]:
                # a Thai word the KB cuts otherwise: the words inside it (ทะเล, ทางทะเล),
                # each of which the KB holds (so this looks no deeper)
                inner = [word for word in thai.inner_words(piece) if word in self._postings]
                if inner:
                    total += self._add_pieces(inner, covered, unknown=unknown)
                    continue
            if held is None:
                # An unknown piece is often just where two words meet (혁신|네트워크):
                # it dilutes the score, but is no sign of an unknown subject.
                if unknown and _KOREAN_GLUE.isdisjoint(piece):
                    total += UNKNOWN_PIECE_SHARE * self._max_idf
                continue
            weight = self._idf[piece]
            covered.matched.add(piece)
            gains: dict[int, float] = {}
            _keep_best(gains, held, weight, covered)
            for item, gain in gains.items():
                covered[item] += gain
            total += weight
        return total

    def _family(self, word: str) -> tuple[str, float] | None:
        """Return a KB word of the same stem as a Latin word the KB doesn't hold, if any."""
        stem = _family_stem(word)
        if stem is None:
            return None
        if self._stems is None:  # made on first need: most questions never need it
            self._stems = {}
            for term in self._idf:
                if (found := _family_stem(term)) is not None:
                    self._stems.setdefault(found, term)
        kin = self._stems.get(stem)
        return (kin, FAMILY_RATIO) if kin is not None else None

    def _typo(self, word: str) -> tuple[str, float] | None:
        """Return the KB word closest to a word the KB doesn't hold, if close enough."""
        if len(word) < TYPO_MIN_CHARS:
            return None
        jamo = to_jamo(word)
        best: tuple[str, float] | None = None
        spread = 2 if len(jamo) >= 8 else 1  # long words take an ending or two ("-ing")
        for length in range(len(jamo) - spread, len(jamo) + spread + 1):
            bucket = self._by_length.get(length)
            if bucket is None:
                continue
            found = process.extractOne(jamo, bucket[0], scorer=fuzz.ratio, processor=None,
                                       score_cutoff=TYPO_MIN_RATIO)
            if found is not None and (best is None or found[1] > best[1]):
                best = (bucket[1][found[2]], found[1])
        return best


def _family_stem(word: str) -> str | None:
    """Return the stem a Latin word shares with its other forms (None: not such a word)."""
    if not word.isascii() or not word.isalpha():
        return None
    for ending in _FAMILY_ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= FAMILY_MIN_STEM:
            return word[: -len(ending)]
    return word if len(word) >= FAMILY_MIN_STEM + 1 else None


def _keep_best(gains: dict[int, float], held: dict[int, float], weight: float,
               within: Mapping[int, float] | None = None) -> None:
    """Record each item's gain for one word, keeping the best way the item holds it.

    A common word held by many items only adds to the items that rarer words already found
    (``within``): it cannot change which of the others is best, and looping over thousands
    of items per question is what would cost the time.
    """
    if within and len(held) > COMMON_POSTINGS:
        pairs: Iterable[tuple[int, float]] = (
            (item, held[item]) for item in within if item in held)
    else:
        pairs = held.items()
    for item, field_weight in pairs:
        gain = weight * field_weight
        if gain > gains.get(item, 0.0):
            gains[item] = gain
