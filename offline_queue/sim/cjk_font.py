"""Find a font with Chinese glyphs on this machine, at run time, for the certificate PDFs.

fontconfig is asked first (``fc-list :lang=zh-cn``: every font that covers Simplified
Chinese, with its index inside a .ttc collection); without fontconfig the usual
Debian folders of fonts-noto-cjk and fonts-wqy are searched. ``KIOSK_CJK_FONT``
(``path`` or ``path:index``) names one explicitly.
"""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

ENV_VAR = "KIOSK_CJK_FONT"
#: Searched when fontconfig is not installed.
FONT_DIRS = (Path("/usr/share/fonts"), Path("/usr/local/share/fonts"))
_GLOBS = ("**/NotoSansCJK-Regular.tt[cf]", "**/NotoSerifCJK-Regular.tt[cf]", "**/wqy-*.tt[cf]")
#: fc-list answers in well under a second; a hung fontconfig must not hang a request.
FC_TIMEOUT_S = 10.0


class NoCjkFont(RuntimeError):
    """No font on this machine can draw Chinese (install fonts-noto-cjk)."""


@dataclass(frozen=True)
class FontFace:
    path: Path
    index: int = 0  # the face inside a TrueType/OpenType collection
    family: str = ""


def _score(face: FontFace) -> tuple[int, ...]:
    """Prefer a regular sans face made for Simplified Chinese."""
    name = face.family
    return (
        "SC" in name.split() or "zenhei" in name.lower().replace(" ", ""),
        "Sans" in name,
        "Mono" not in name,
        "Bold" not in face.path.name,
    )


def _from_fontconfig() -> list[FontFace]:
    exe = shutil.which("fc-list")
    if exe is None:
        return []
    try:
        out = subprocess.run(
            [exe, ":lang=zh-cn", "--format", "%{file}\t%{index}\t%{family[0]}\n"],
            capture_output=True,
            text=True,
            timeout=FC_TIMEOUT_S,
            check=False,
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return []
    faces = []
    for line in out.splitlines():
        parts = line.split("\t")
        if (
            len(parts) == 3
            and parts[1].isdigit()
            and parts[0].lower().endswith((".ttc", ".ttf", ".otf"))
        ):
            faces.append(FontFace(Path(parts[0]), int(parts[1]), parts[2]))
    return faces


def _from_folders(dirs: tuple[Path, ...]) -> list[FontFace]:
    for pattern in _GLOBS:
        for folder in dirs:
            found = sorted(folder.glob(pattern)) if folder.is_dir() else []
            if found:
                # Noto's collections start with the Japanese face; SC is the third.
                index = 2 if "CJK" in found[0].name and found[0].suffix == ".ttc" else 0
                return [FontFace(found[0], index, found[0].stem)]
    return []


def _explicit(value: str) -> FontFace:
    path, _, index = (
        value.rpartition(":") if value.rpartition(":")[2].isdigit() else (value, "", "0")
    )
    face = FontFace(Path(path), int(index or 0), Path(path).stem)
    if not face.path.is_file():
        raise NoCjkFont(f"${ENV_VAR} names {face.path}, which is not a file")
    return face


@functools.cache
def find_cjk_font(dirs: tuple[Path, ...] = FONT_DIRS) -> FontFace:
    """The best Chinese face on this machine; :class:`NoCjkFont` when there is none."""
    explicit = os.environ.get(ENV_VAR, "").strip()
    if explicit:
        return _explicit(explicit)
    faces = [f for f in _from_fontconfig() if f.path.is_file()] or _from_folders(dirs)
    if not faces:
        raise NoCjkFont("no font with Chinese glyphs found (install fonts-noto-cjk)")
    return max(faces, key=_score)
