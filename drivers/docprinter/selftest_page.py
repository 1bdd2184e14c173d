"""A one-page A4 PDF for the interactive check, written by hand (no PDF library needed)."""

from __future__ import annotations

# A4 in PDF points (1/72 in).
A4_WIDTH_PT = 595
A4_HEIGHT_PT = 842


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def selftest_pdf(lines: list[str]) -> bytes:
    """A valid one-page A4 PDF showing ``lines`` (ASCII) in Helvetica, with a border."""
    text = " ".join(
        f"BT /F1 18 Tf 72 {760 - 30 * i} Td ({_escape(line)}) Tj ET" for i, line in enumerate(lines)
    )
    content = f"4 w 36 36 {A4_WIDTH_PT - 72} {A4_HEIGHT_PT - 72} re S {text}".encode("ascii")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {A4_WIDTH_PT} {A4_HEIGHT_PT}] "
        "/Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>".encode("ascii"),
        b"<< /Length " + str(len(content)).encode() + b" >>\nstream\n" + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref_at = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    trailer = f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref_at}\n%%EOF\n"
    out += trailer.encode()
    return bytes(out)
