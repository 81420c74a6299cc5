"""Korean interface texts."""

from __future__ import annotations

MESSAGES: dict[str, str] = {
    "when.all_day": "{dates}",
    "label.when": "일시",
    "label.where": "장소",
    "label.address": "주소",
    "label.directions": "오시는 길",
    "label.speakers": "연사",
    "label.organisers": "주최",
    "label.participants": "{count}명 참가",
    "label.companies": "{count}개 기업",
    "label.booth": "부스 {booth}",
    "label.pavilion": "전시관",
    "label.exhibitors": "참가 기업",
    "label.showcase": "전시 품목",
    "label.category": "분야",
    "label.official": "공식 부대행사",
    "label.floor": "층",
    "label.held_here": "이곳에서 열리는 행사",
    "label.rooms": "홀·회의실",
    "label.map": "지도",
    "label.website": "웹사이트",
    "reply.clarify": "혹시 이 중에 찾으시는 것이 있나요?",
    "reply.fallback": (
        "죄송해요, 행사 정보에서 찾지 못했어요. 다른 말로 물어보시거나 둘러보세요: "
        "/schedule, /now, /venues, /events, /booths. /help 에서 모든 기능을 볼 수 있어요."
    ),
    "reply.empty": "질문을 입력해 주세요. 예: 한라홀 어디예요?",
    "reply.too_long": "메시지가 너무 길어서 앞부분만 읽었어요.",
    "now.title": "지금 진행 중 ({time})",
    "now.next": "다음 순서",
    "now.nothing": "지금 진행 중인 행사가 없어요.",
    "now.nothing_next": "이후 예정된 행사가 없어요.",
    "today.title": "오늘, {date}",
    "today.nothing": "{date}에는 예정된 행사가 없어요.",
    "day.title": "{date} 일정",
}
