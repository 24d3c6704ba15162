"""One status palette for the chart, the project list and the printed tables.

Lights (红灯/黄灯/绿灯) have one colour each wherever they are drawn. The chart
counts projects by status; its colours never reuse a light's hue for a
different meaning (未启动 used to be drawn amber while the list said 红灯), so
未启动 is a neutral slate, and the light stays in the words next to it.
Colour is never the only signal: status_text() always says the light in words.
"""

from __future__ import annotations

from . import status

# the dot / light itself
LIGHT = {status.RED: "#e53935", status.YELLOW: "#f4b400", status.GREEN: "#34a853", status.NONE: "#b0b0b0"}
# text of a status on white (dark enough to read: contrast ≥ 4.5:1)
TEXT = {status.RED: "#c62828", status.YELLOW: "#8a5a00", status.GREEN: "#1b6e2a", status.NONE: "#6b6b6b"}
# a row's background tint (None: the normal background)
FILL = {status.RED: "#fde3e1", status.YELLOW: "#fff4d6", status.GREEN: None, status.NONE: None}
# chart segments per status
STATUS = {
    status.DONE: "#2e7d32",
    status.ON_TRACK: "#81c784",
    status.LAGGING: "#e53935",
    status.NOT_STARTED: "#78909c",
    status.NO_TASK: "#cfd8dc",
    status.ONGOING: "#9fa8da",  # not scored: a cool neutral, never a light's hue
}
# chart segment label colour that reads on each segment
STATUS_LABEL = {
    status.DONE: "#ffffff",
    status.ON_TRACK: "#1a1a1a",
    status.LAGGING: "#ffffff",
    status.NOT_STARTED: "#ffffff",
    status.NO_TASK: "#1a1a1a",
    status.ONGOING: "#1a1a1a",
}
NAMES = {status.RED: "红色", status.YELLOW: "黄色", status.GREEN: "绿色", status.NONE: "灰色"}


def light_colour(level: str) -> str:
    return LIGHT[level]


def text_colour(level: str) -> str:
    return TEXT[level]


def xlsx_colour(hex_colour: str) -> str:
    """openpyxl's ARGB form of a '#rrggbb' colour."""
    return "FF" + hex_colour.lstrip("#").upper()
