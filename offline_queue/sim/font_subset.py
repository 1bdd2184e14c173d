"""The CJK face cut down to the characters one certificate prints, made once per set.

fpdf2 parses the whole font on every ``add_font``: for a CJK collection face that is
some 65,000 glyphs, tens of MiB of small Python objects built and dropped on each
certificate. Made again and again on the simulator's request thread, that churn left
the heap more fragmented with every certificate and the kiosk's memory grew with the
visits. A face holding only the characters printed parses in a moment; the full face
is read once for each new set of characters (a certificate's fixed text plus the
holder's surname), and the last few sets are kept.
"""

from __future__ import annotations

import functools
import io
import string

from fontTools import subset
from fontTools.ttLib import TTFont

from offline_queue.sim.cjk_font import FontFace

#: Sets of characters kept; each is a small font (tens of KiB).
CACHED_SETS = 16
#: Printed on every certificate whatever it says: digits, Latin letters, punctuation.
ASCII = frozenset(string.printable) - frozenset("\t\n\r\x0b\x0c")


@functools.lru_cache(maxsize=CACHED_SETS)
def subset_face(face: FontFace, chars: frozenset[str]) -> bytes:
    """``face`` with the glyphs of ``chars`` only, as font file bytes."""
    font = TTFont(str(face.path), fontNumber=face.index, lazy=True)
    try:
        options = subset.Options()
        options.name_IDs = ["*"]  # fpdf2 names the embedded font from the name table
        options.notdef_outline = True
        options.layout_features = ["*"]
        options.drop_tables += ["DSIG"]
        subsetter = subset.Subsetter(options)
        subsetter.populate(text="".join(sorted(chars | ASCII)))
        subsetter.subset(font)
        out = io.BytesIO()
        font.save(out)
        return out.getvalue()
    finally:
        font.close()
