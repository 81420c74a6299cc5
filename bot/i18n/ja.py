"""Japanese interface texts."""

from __future__ import annotations

MESSAGES: dict[str, str] = {
    "when.all_day": "{dates}",
    "label.when": "日時",
    "label.where": "場所",
    "label.address": "住所",
    "label.directions": "アクセス",
    "label.speakers": "登壇者",
    "label.organisers": "主催",
    "label.participants": "参加者{count}人",
    "label.companies": "{count}社",
    "label.booth": "ブース {booth}",
    "label.pavilion": "パビリオン",
    "label.exhibitors": "出展企業",
    "label.showcase": "展示内容",
    "label.category": "分野",
    "label.official": "公式サイドイベント",
    "label.floor": "階",
    "label.held_here": "ここで開催",
    "label.rooms": "ホール・会議室",
    "label.map": "地図",
    "label.website": "ウェブサイト",
    "reply.clarify": "こちらのいずれかでしょうか？",
    "reply.fallback": (
        "申し訳ありません、イベント情報に見つかりませんでした。別の言葉で聞くか、"
        "/schedule, /now, /venues, /events, /booths をご覧ください。/help で使い方を表示します。"
    ),
    "reply.empty": "質問を入力してください。例：ハルラホールはどこですか？",
    "reply.too_long": "メッセージが長すぎるため、最初の部分だけを読みました。",
    "now.title": "開催中（{time}）",
    "now.next": "次のプログラム",
    "now.nothing": "現在開催中のプログラムはありません。",
    "now.nothing_next": "この後の予定はありません。",
    "today.title": "本日 {date}",
    "today.nothing": "{date}の予定はありません。",
    "day.title": "{date}のプログラム",
}
