"""Bytes to text: reject binary, detect the encoding, never guess silently.

Noise must not become an article: a check of the first bytes alone let a text file with a binary
tail through, a byte-order mark in front of random bytes raised instead of reporting, and Latin-1
or UTF-8 "decode" anything into control and private-use characters. So the raw bytes are checked
in every window, and the decoded text is checked for characters no article contains.
"""

from __future__ import annotations

import codecs
import re

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
    b"\xfd7zXZ\x00": "xz data",
    b"BZh": "bzip2 data",
    b"(\xb5/\xfd": "zstd data",
    b"7z\xbc\xaf\x27\x1c": "7z archive",
}
WINDOW = 8192
MAX_CONTROL_SHARE = 0.05  # C0 controls other than tab, newlines, form feed, ESC
MAX_NOISE_SHARE = 0.05  # decoded characters no text contains (see _NOISE_CHARS)
MIN_NON_ASCII_NOISE = 0.3  # undecodable bytes this non-ASCII are noise, not a rare encoding
_CONTROL_BYTES = bytes(b for b in range(32) if b < 9 or (13 < b < 32 and b != 27))
# C0/C1 controls (not tab/newlines/form feed/ESC), surrogates, private use, noncharacters, U+FFFD.
_NOISE_CHARS = re.compile(
    "[\x00-\x08\x0e-\x1a\x1c-\x1f\x7f-\x9f\ud800-\udfff\ue000-\uf8ff\ufdd0-\ufdef\ufffe\uffff\ufffd]"
)


def _control_share(chunk: bytes) -> float:
    return (len(chunk) - len(chunk.translate(None, _CONTROL_BYTES))) / len(chunk)


def _looks_binary(data: bytes) -> str | None:
    """What the bytes look like when they are not text (a file type, or "binary data"), else None.

    Every window is checked, not only the head: text with a binary tail is binary too.
    A byte-order mark means UTF-16/32, whose NUL bytes are text.
    """
    for magic, what in _MAGIC.items():
        if data.startswith(magic):
            return what
    if not data or any(data.startswith(bom) for bom, _ in _BOMS):
        return None
    for at in range(0, len(data), WINDOW):
        chunk = data[at : at + WINDOW]
        if b"\x00" in chunk or _control_share(chunk) > MAX_CONTROL_SHARE:
            return "binary data"
    return None


def noisy_text(text: str) -> bool:
    """True when some window of decoded text is mostly characters no article holds.

    Why: Latin-1, UTF-16 and even UTF-8 decode random bytes without an error; what comes out is
    control, surrogate and private-use characters, which a real page has at most a few of.
    """
    for at in range(0, len(text), WINDOW):
        window = text[at : at + WINDOW]
        if len(_NOISE_CHARS.findall(window)) > MAX_NOISE_SHARE * len(window):
            return True
    return False


def _checked(text: str, encoding: str, source: str, position: str | None) -> tuple[str, str]:
    if noisy_text(text):
        raise DocumentError(
            "binary", f"not text: decodes as {encoding} to control or private-use characters", source, position
        )
    return text, encoding


def _decode_with_bom(data: bytes, source: str, position: str | None) -> tuple[str, str] | None:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return _checked(data.decode(encoding), encoding, source, position)
            except UnicodeDecodeError as exc:
                raise DocumentError(
                    "binary", f"not text: invalid {encoding} after its byte-order mark", source, position
                ) from exc
    return None


def _undetected(data: bytes, source: str, position: str | None) -> DocumentError:
    """No encoding decodes the bytes cleanly: noise when much of it is non-ASCII, else an encoding problem."""
    sample = data[:1_000_000]
    non_ascii = sum(1 for b in sample if b >= 0x80) / len(sample)
    if non_ascii >= MIN_NON_ASCII_NOISE:
        return DocumentError("binary", "not text: no text encoding decodes it cleanly", source, position)
    return DocumentError("encoding", "could not detect the text encoding", source, position)


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
    decoded = _decode_with_bom(data, source, position)
    if decoded is not None:
        return decoded
    what = _looks_binary(data)
    if what:
        raise DocumentError("binary", f"not text: looks like {what}", source, position)
    try:
        return _checked(data.decode("utf-8"), "utf-8", source, position)
    except UnicodeDecodeError:
        pass
    encoding = detect_encoding(data)
    if encoding is None:
        raise _undetected(data, source, position)
    try:
        return _checked(data.decode(encoding), encoding, source, position)
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
