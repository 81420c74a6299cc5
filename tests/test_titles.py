"""People asked for by a title and one of their names: "Dr Lim", "田中さん", "이 교수님"."""

from __future__ import annotations

import pytest

from eventbot.bot.matching import Field, FieldText, IndexKey
from eventbot.bot.matching.lexicon import SHIPPED_VOCABULARY
from eventbot.bot.matching.retrieval import Matcher
from eventbot.bot.matching.titles import Titled

PEOPLE = (
    ("lim-jia-hui", {"en": "Lim Jia Hui", "zh": "林佳慧"}),
    ("marcus-lim", {"en": "Marcus Lim"}),
    ("yuki-tanaka", {"en": "Yuki Tanaka", "ja": "田中 由紀"}),
    ("takahashi", {"en": "Michiko Takahashi", "ja": "高橋美智子"}),
    ("lee-harin", {"en": "Lee Ha-rin", "ko": "이하린"}),
    ("bae-yuna", {"en": "Bae Yun-a", "ko": "배윤아"}),
    ("boo-jeongho", {"en": "Boo Jeong-ho", "ko": "부정호"}),
    ("jose", {"en": "José Álvarez"}),
)
KEYS = [IndexKey(person, "person", lang, name, is_primary=True)
        for person, names in PEOPLE for lang, name in names.items()]
KEYS.append(IndexKey("lim-session", "session", "en", "Lim's law of AI radiology"))


@pytest.mark.parametrize(("question", "expected"), [
    ("when is Dr Lim speaking", {"lim-jia-hui", "marcus-lim"}),
    ("dr. tanaka", {"yuki-tanaka"}),
    ("Prof Alvarez", {"jose"}),  # accents as the matcher folds them
    ("田中さんのセッションは何時ですか", {"yuki-tanaka"}),
    ("ABCの高橋さん", {"takahashi"}),
    ("이 교수님 발표", {"lee-harin"}),
    ("이교수님", {"lee-harin"}),
    ("배윤아 부사장님 강연", {"bae-yuna"}),  # not 부 + 사장
    ("林局長今天有什麼行程", {"lim-jia-hui"}),  # a Chinese office title
    ("Dato Lim bercakap bila", {"lim-jia-hui", "marcus-lim"}),  # a Malaysian honorific
    ("tan sri tanaka", {"yuki-tanaka"}),
    ("姓林的嘉宾什么时候讲", {"lim-jia-hui"}),  # "surnamed Lim", as Chinese asks
    ("姓田中的那位", {"yuki-tanaka"}),
    ("百姓林业", set()),  # 姓 inside another word, no surname said
    ("where is the Lim session", set()),  # no title: the fuzzy index finds full names
    ("Dr Smith", set()),  # nobody of that name
])
def test_a_titled_name_is_the_people_who_have_it(question: str, expected: set[str]) -> None:
    assert Titled(KEYS).find(question) == expected


def _matcher() -> Matcher:
    texts = [FieldText(key.item_id, key.text, Field.NAME) for key in KEYS]
    texts.append(FieldText("tanaka-talk", "Infusion pumps and human factors", Field.NAME))
    texts.append(FieldText("tanaka-talk", "Yuki Tanaka", Field.ENTITY))
    texts.append(FieldText("tanaka-talk", "田中 由紀", Field.ENTITY))
    kinds = {key.item_id: key.kind for key in KEYS} | {"tanaka-talk": "session"}
    return Matcher(KEYS, texts, SHIPPED_VOCABULARY, kinds=kinds,
                   reachable={"yuki-tanaka": ["tanaka-talk"]})


def test_one_titled_person_is_answered_and_two_are_asked_about() -> None:
    matcher = _matcher()
    one = matcher.match("who is Dr Tanaka?")
    assert one.outcome == "answer" and one.matches[0].item_id == "yuki-tanaka"
    two = matcher.match("Dr Lim")
    assert two.outcome == "clarify"
    assert {m.item_id for m in two.matches} >= {"lim-jia-hui", "marcus-lim"}


def test_a_titled_person_asked_when_is_their_one_talk() -> None:
    decision = _matcher().match("田中さんのセッションは何時ですか")
    assert decision.outcome == "answer" and decision.matches[0].item_id == "tanaka-talk"


def test_a_titled_person_with_a_topic_is_the_talk_of_theirs_on_it() -> None:
    # Japanese runs the name, the topic and particles together: 高橋 / 介護ロボット / 話
    texts = [FieldText(key.item_id, key.text, Field.NAME) for key in KEYS]
    talks = {"robots-talk": "介護ロボット導入、現場職員の本音", "panel-ageing": "高齢化と地域医療"}
    texts += [FieldText(talk, name, Field.NAME) for talk, name in talks.items()]
    texts += [FieldText(talk, "高橋美智子", Field.ENTITY) for talk in talks]
    kinds = {key.item_id: key.kind for key in KEYS} | dict.fromkeys(talks, "session")
    matcher = Matcher(KEYS, texts, SHIPPED_VOCABULARY, kinds=kinds,
                      reachable={"takahashi": list(talks)})
    decision = matcher.match("高橋さんの介護ロボットの話はいつ")
    assert decision.outcome == "answer" and decision.matches[0].item_id == "robots-talk"
    # without a topic, her card lists both
    assert matcher.match("高橋さんの話はいつ").matches[0].item_id == "takahashi"


def test_of_people_a_title_may_be_the_one_whose_role_it_is_comes_first() -> None:
    keys = [IndexKey("huang-cw", "person", "zh-Hant", "黃志偉"),
            IndexKey("huang-hy", "person", "zh-Hant", "黃馨儀")]
    texts = [FieldText(key.item_id, key.text, Field.NAME) for key in keys]
    texts += [FieldText("huang-cw", "總經理", Field.ENTITY),
              FieldText("huang-hy", "產業發展局局長", Field.ENTITY)]
    matcher = Matcher(keys, texts, SHIPPED_VOCABULARY, kinds=dict.fromkeys(
        ("huang-cw", "huang-hy"), "person"))
    decision = matcher.match("黃局長是誰")
    assert decision.outcome == "answer" and decision.matches[0].item_id == "huang-hy"
    assert matcher.match("黃先生是誰").outcome == "clarify"  # no role: either of them


def test_a_title_both_people_hold_leaves_the_question_to_the_user() -> None:
    # both are professors (教授, 准教授): the title picks neither of two Tanakas
    keys = [IndexKey("tanaka-m", "person", "ja", "田中 美穂"),
            IndexKey("tanaka-k", "person", "ja", "田中 健太"),
            IndexKey("tanaka-m", "person", "en", "Prof. Miho Tanaka"),
            IndexKey("tanaka-k", "person", "en", "Dr. Kenta Tanaka")]
    texts = [FieldText(key.item_id, key.text, Field.NAME) for key in keys]
    texts += [FieldText("tanaka-m", "浪速大学 工学研究科 教授(ロボット工学)", Field.ENTITY),
              FieldText("tanaka-m", "Professor of Robotics, Naniwa University", Field.ENTITY),
              FieldText("tanaka-k", "浪速大学 工学研究科 准教授(AI・画像認識)", Field.ENTITY),
              FieldText("tanaka-k", "Associate Professor of AI, Naniwa University", Field.ENTITY)]
    matcher = Matcher(keys, texts, SHIPPED_VOCABULARY, kinds=dict.fromkeys(
        ("tanaka-m", "tanaka-k"), "person"))
    decision = matcher.match("田中教授はどんな人")
    assert decision.outcome == "clarify"
    assert {m.item_id for m in decision.matches} == {"tanaka-m", "tanaka-k"}
