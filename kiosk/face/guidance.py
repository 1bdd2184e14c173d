"""Stable reason codes for failed face checks, with short zh / en guidance for the citizen.

Directions are the citizen's own: "move to your left" means the citizen's left. The codes
are part of the contract with the UI and the logs; never rename one, only add.
"""

from __future__ import annotations

from enum import StrEnum


class Reason(StrEnum):
    """Why a frame is not yet a compliant ID photo (or a liveness step failed)."""

    NO_FACE = "NO_FACE"
    MULTIPLE_FACES = "MULTIPLE_FACES"
    TOO_FAR = "TOO_FAR"
    TOO_CLOSE = "TOO_CLOSE"
    MOVE_LEFT = "MOVE_LEFT"
    MOVE_RIGHT = "MOVE_RIGHT"
    MOVE_UP = "MOVE_UP"
    MOVE_DOWN = "MOVE_DOWN"
    FACE_TURNED = "FACE_TURNED"
    CHIN_UP = "CHIN_UP"
    CHIN_DOWN = "CHIN_DOWN"
    HEAD_TILTED = "HEAD_TILTED"
    EYES_CLOSED = "EYES_CLOSED"
    TOO_DARK = "TOO_DARK"
    TOO_BRIGHT = "TOO_BRIGHT"
    UNEVEN_LIGHTING = "UNEVEN_LIGHTING"
    BACKGROUND_NOT_PLAIN = "BACKGROUND_NOT_PLAIN"
    BACKGROUND_TOO_DARK = "BACKGROUND_TOO_DARK"
    BLURRY = "BLURRY"
    # liveness
    LIVENESS_TIMEOUT = "LIVENESS_TIMEOUT"
    FACE_LOST = "FACE_LOST"
    FACE_CHANGED = "FACE_CHANGED"
    WRONG_ACTION = "WRONG_ACTION"


GUIDANCE: dict[Reason, tuple[str, str]] = {
    Reason.NO_FACE: ("请正对镜头，把脸放在框内", "Face the camera and keep your face in the frame"),
    Reason.MULTIPLE_FACES: ("请只留一人在镜头前", "Only one person in front of the camera, please"),
    Reason.TOO_FAR: ("请靠近一点", "Come a little closer"),
    Reason.TOO_CLOSE: ("请离远一点", "Move back a little"),
    Reason.MOVE_LEFT: ("请向左移一点", "Move a little to the left"),
    Reason.MOVE_RIGHT: ("请向右移一点", "Move a little to the right"),
    Reason.MOVE_UP: ("请稍微抬高一点", "Raise yourself a little"),
    Reason.MOVE_DOWN: ("请稍微放低一点", "Lower yourself a little"),
    Reason.FACE_TURNED: ("请正对镜头，不要侧脸", "Look straight at the camera"),
    Reason.CHIN_UP: ("请稍微低一点头", "Lower your chin a little"),
    Reason.CHIN_DOWN: ("请稍微抬一点头", "Raise your chin a little"),
    Reason.HEAD_TILTED: ("请把头摆正", "Keep your head straight"),
    Reason.EYES_CLOSED: ("请睁开眼睛", "Please open your eyes"),
    Reason.TOO_DARK: ("脸部太暗，请正对灯光", "Your face is too dark; face the light"),
    Reason.TOO_BRIGHT: ("脸部太亮，请稍微后退", "Too much light on your face; step back a little"),
    Reason.UNEVEN_LIGHTING: (
        "脸部光线不均匀，请正对屏幕",
        "Uneven light on your face; face the screen",
    ),
    Reason.BACKGROUND_NOT_PLAIN: (
        "背景不够干净，请站到浅色背景前",
        "Background is not plain; stand in front of the light backdrop",
    ),
    Reason.BACKGROUND_TOO_DARK: (
        "背景太暗，请站到浅色背景前",
        "Background is too dark; stand in front of the light backdrop",
    ),
    Reason.BLURRY: ("请保持不动", "Please hold still"),
    Reason.LIVENESS_TIMEOUT: ("动作检测超时，请重试", "Time is up; please try again"),
    Reason.FACE_LOST: ("请保持脸在框内", "Keep your face in the frame"),
    Reason.FACE_CHANGED: ("检测到换人，请重试", "A different face appeared; please try again"),
    Reason.WRONG_ACTION: (
        "动作与提示不一致，请重试，并按屏幕提示做",
        "That was not the movement asked for; please try again and follow the screen",
    ),
}


def zh(reason: Reason) -> str:
    """Chinese guidance for a reason."""
    return GUIDANCE[reason][0]


def en(reason: Reason) -> str:
    """English guidance for a reason."""
    return GUIDANCE[reason][1]
