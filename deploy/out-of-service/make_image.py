"""Draw deploy/out-of-service/out-of-service.png, the page shown while the kiosk is down.

Run from the checkout after changing the text: .venv/bin/python deploy/out-of-service/make_image.py
Needs fonts-noto-cjk. The image is committed, so installing needs neither this nor a font.
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

FONT = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"
FONT_INDEX_SC = 2  # Noto Sans CJK SC inside the collection
SIZE = (1920, 1080)
LINES = (
    ("暂停服务", 140, "#1a1a1a"),
    ("Out of service", 72, "#1a1a1a"),
    ("", 40, "#000000"),
    ("本机正在维护，请到服务窗口或使用其他自助机办理。", 48, "#333333"),
    ("This kiosk is being serviced. Please use another kiosk or a counter.", 40, "#333333"),
)


def main() -> None:
    image = Image.new("RGB", SIZE, "#ffffff")
    draw = ImageDraw.Draw(image)
    fonts = [ImageFont.truetype(FONT, size, index=FONT_INDEX_SC) for _, size, _ in LINES]
    heights = [int(size * 1.5) for _, size, _ in LINES]
    y = (SIZE[1] - sum(heights)) // 2
    for (text, _, colour), font, height in zip(LINES, fonts, heights, strict=True):
        if text:
            width = draw.textlength(text, font=font)
            draw.text(((SIZE[0] - width) / 2, y), text, font=font, fill=colour)
        y += height
    image.save(Path(__file__).with_name("out-of-service.png"), optimize=True)


if __name__ == "__main__":
    main()
