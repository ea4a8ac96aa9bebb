"""Bytes to text: reject binary, detect the encoding, never guess silently."""

from __future__ import annotations

import codecs

from ..config import DEFAULT_MAX_BYTES  # noqa: F401  (re-exported for callers of decode)
from ..errors import DocumentError

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_MAGIC = {
    b"%PDF": "PDF",
    b"PK\x03\x04": "ZIP archive",
    b"\x89PNG": "PNG image",
    b"\xff\xd8\xff": "JPEG image",
    b"GIF8": "GIF image",
    b"\x7fELF": "executable",
    b"\x1f\x8b": "gzip data (name it .gz)",
}


def _looks_binary(data: bytes) -> str | None:
    for magic, what in _MAGIC.items():
        if data.startswith(magic):
            return what
    sample = data[:8192]
    if not sample:
        return None
    if any(sample.startswith(bom) for bom, _ in _BOMS):
        return None
    controls = sum(1 for b in sample if b < 9 or (13 < b < 32 and b != 27))
    if b"\x00" in sample or controls / len(sample) > 0.05:
        return "binary data"
    return None


def decode_bytes(
    data: bytes, source: str = "<bytes>", max_bytes: int | None = DEFAULT_MAX_BYTES, position: str | None = None
) -> tuple[str, str]:
    """Return ``(text, encoding)`` or raise a DocumentError saying why not."""
    if max_bytes is not None and len(data) > max_bytes:
        raise DocumentError(
            "too_large",
            f"{len(data):,} bytes exceeds the limit of {max_bytes:,} (raise it with --max-bytes)",
            source,
            position,
        )
    if not data.strip():
        raise DocumentError("empty", "document is empty", source, position)
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data.decode(encoding), encoding
    what = _looks_binary(data)
    if what:
        raise DocumentError("binary", f"not text: looks like {what}", source, position)
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    encoding = detect_encoding(data)
    if encoding is None:
        raise DocumentError("encoding", "could not detect the text encoding", source, position)
    try:
        return data.decode(encoding), encoding
    except (UnicodeDecodeError, LookupError) as exc:
        raise DocumentError("encoding", f"undecodable as {encoding}: {exc}", source, position) from exc


# Legacy encodings news pages actually use, most common first. charset-normalizer often finds
# several equally clean decodings of short texts (cp775 vs cp1252); the web's usual one wins the tie.
_WEB_ENCODINGS = (
    "cp1252",
    "iso8859_1",
    "iso8859_15",
    "cp1251",
    "koi8_r",
    "cp1250",
    "iso8859_2",
    "shift_jis",
    "euc_jp",
    "gb18030",
    "gb2312",
    "big5",
    "euc_kr",
    "cp1256",
    "cp1253",
    "cp1254",
)


def detect_encoding(data: bytes) -> str | None:
    """Pick the cleanest decoding, preferring common web encodings among equally clean ones."""
    from charset_normalizer import from_bytes

    matches = [m for m in from_bytes(data[:1_000_000]) if m.encoding]
    if not matches:
        return None
    least_chaos = min(m.chaos for m in matches)
    clean = [m.encoding for m in matches if m.chaos <= least_chaos + 0.01]
    for encoding in _WEB_ENCODINGS:
        if encoding in clean:
            return encoding
    return clean[0]
