"""Every character the screens show is in the kiosk's CJK font: none needs a fallback font.

A character the font lacks is drawn from a fallback font, whose engines come and
go with the screens that show it; each time the last one went, Qt emptied its
face cache and mapped the CJK collections again (see ``ui/font_pins``). The
backspace key (⌫) and the consent box (☐ ☑) did this until they became icons.
"""

from __future__ import annotations

import ast
import subprocess
import tomllib
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest
from fontTools.ttLib import TTCollection, TTFont
from PySide6.QtWidgets import QApplication

from ui.app import configure_font

ROOT = Path(__file__).resolve().parents[2]


def cmap_of(family: str, style: str) -> set[int]:
    """The code points of ``family`` in ``style``, from the file fontconfig picks for it."""
    found = subprocess.run(
        ["fc-match", "-f", "%{file}\n%{index}", f"{family}:style={style}"],
        capture_output=True,
        text=True,
        check=True,
        timeout=30,
    ).stdout.split("\n")
    path, index = found[0], int(found[1] or 0)
    font = TTCollection(path).fonts[index] if path.endswith(".ttc") else TTFont(path)
    return set(font.getBestCmap())


def docstrings(tree: ast.AST) -> set[int]:
    """ids of the docstring nodes: documentation, never on a screen."""
    ids = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            first = node.body[0] if node.body else None
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                ids.add(id(first.value))
    return ids


def source_strings() -> Iterator[tuple[str, str]]:
    """(where, text) of every string literal in ui/, docstrings left out."""
    for path in sorted((ROOT / "ui").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        skip = docstrings(tree)
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Constant)
                and isinstance(node.value, str)
                and id(node) not in skip
            ):
                yield f"{path.relative_to(ROOT)}:{node.lineno}", node.value


def translated_strings() -> Iterator[tuple[str, str]]:
    """Every source text and its English, from the translation file."""
    for message in ET.parse(ROOT / "ui/i18n/kiosk_en.ts").getroot().iter("message"):
        for tag in ("source", "translation"):
            element = message.find(tag)
            if element is not None and element.text:
                yield f"kiosk_en.ts <{tag}>", element.text


def catalogue_strings() -> Iterator[tuple[str, str]]:
    """Every text of the service catalogue (names, summaries, fees, materials)."""

    def walk(value: object, where: str) -> Iterator[tuple[str, str]]:
        if isinstance(value, str):
            yield where, value
        elif isinstance(value, dict):
            for key, item in value.items():
                yield from walk(item, f"{where}.{key}")
        elif isinstance(value, list):
            for item in value:
                yield from walk(item, where)

    for path in sorted((ROOT / "config").glob("*.toml")):
        yield from walk(tomllib.loads(path.read_text(encoding="utf-8")), path.name)


@pytest.mark.parametrize("style", ["Regular", "Bold"])
def test_every_character_of_the_screens_is_in_the_cjk_font(qapp: QApplication, style: str) -> None:
    covered = cmap_of(configure_font(qapp), style)
    missing: dict[str, str] = {}
    for where, text in [*source_strings(), *translated_strings(), *catalogue_strings()]:
        for ch in text:
            if ch.isprintable() and not ch.isspace() and ord(ch) not in covered:
                missing.setdefault(ch, where)
    assert missing == {}, "drawn from a fallback font: " + ", ".join(
        f"{ch!r} (U+{ord(ch):04X}) at {where}" for ch, where in missing.items()
    )


def test_the_check_finds_a_character_the_font_lacks(qapp: QApplication) -> None:
    covered = cmap_of(configure_font(qapp), "Regular")
    assert ord("⌫") not in covered and ord("办") in covered
