"""Chinese (simplified) interface texts."""

from __future__ import annotations

MESSAGES: dict[str, str] = {
    "when.all_day": "{dates}",
    "label.when": "时间",
    "label.where": "地点",
    "label.address": "地址",
    "label.directions": "交通",
    "label.speakers": "演讲嘉宾",
    "label.organisers": "主办",
    "label.participants": "{count}人参加",
    "label.companies": "{count}家企业",
    "label.booth": "展位 {booth}",
    "label.pavilion": "展馆",
    "label.exhibitors": "参展企业",
    "label.showcase": "展示内容",
    "label.category": "领域",
    "label.official": "官方配套活动",
    "label.floor": "楼层",
    "label.held_here": "在此举行",
    "label.rooms": "大厅和会议室",
    "label.map": "地图",
    "label.website": "网站",
    "reply.clarify": "您要找的是以下哪一个？",
    "reply.fallback": (
        "抱歉，活动信息中没有找到。请换个说法，或浏览：/schedule, /now, /venues, /events, "
        "/booths。/help 列出全部功能。"
    ),
    "reply.empty": "请输入问题，例如：汉拏厅在哪里？",
    "reply.too_long": "消息太长，我只读取了开头部分。",
    "now.title": "正在进行（{time}）",
    "now.next": "接下来",
    "now.nothing": "目前没有进行中的活动。",
    "now.nothing_next": "之后没有安排。",
    "today.title": "今天 {date}",
    "today.nothing": "{date}没有安排。",
    "day.title": "{date}日程",
}
