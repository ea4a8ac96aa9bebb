"""Bad input gets a clear per-document error; a batch goes on and loses nothing."""

from __future__ import annotations

import gzip
import json
import subprocess
import sys

import pytest

from claimgraph.errors import DocumentError
from claimgraph.ingest import decode_bytes, iter_documents, read_file

GOOD = (
    "The mayor of Springfield said on Monday that the new bridge would open in May. "
    "Critics accused the council of wasting money on the project.\n"
)


def test_empty_file_is_an_empty_error(tmp_path):
    path = tmp_path / "empty.txt"
    path.write_bytes(b"  \n\n ")
    with pytest.raises(DocumentError) as info:
        read_file(path)
    assert info.value.kind == "empty"
    assert str(path) in info.value.one_line()


def test_binary_file_is_refused(tmp_path):
    path = tmp_path / "image.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8)
    with pytest.raises(DocumentError) as info:
        read_file(path)
    assert info.value.kind == "binary"


def test_nul_bytes_mean_binary():
    with pytest.raises(DocumentError) as info:
        decode_bytes(b"abc\x00\x00\x01\x02def" * 100)
    assert info.value.kind == "binary"


def test_huge_file_is_refused_without_reading_it(tmp_path):
    path = tmp_path / "huge.txt"
    with path.open("wb") as fh:
        fh.truncate(50 * 1024 * 1024)  # sparse 50 MB file
    with pytest.raises(DocumentError) as info:
        read_file(path)
    assert info.value.kind == "too_large"
    assert "--max-bytes" in info.value.message


def test_legacy_encoding_is_detected(tmp_path):
    text = (
        "Le ministre a déclaré que la réforme était « nécessaire » et a accusé "
        "l'opposition de mentir sur les coûts. Les économistes ont exprimé des doutes. "
    ) * 5
    path = tmp_path / "latin.txt"
    path.write_bytes(text.encode("cp1252"))
    raw = read_file(path)
    assert raw.text == text
    assert raw.encoding and raw.encoding.lower().replace("_", "-") in {"cp1252", "iso8859-1", "iso8859-15"}


def test_utf16_with_bom_is_decoded():
    text, encoding = decode_bytes(GOOD.encode("utf-16"))
    assert text == GOOD
    assert encoding == "utf-16"


def test_truncated_gzip_is_a_truncated_error(tmp_path):
    data = gzip.compress(GOOD.encode() * 200)
    path = tmp_path / "cut.txt.gz"
    path.write_bytes(data[: len(data) // 2])
    with pytest.raises(DocumentError) as info:
        read_file(path)
    assert info.value.kind == "truncated"


def test_good_gzip_is_read(tmp_path):
    path = tmp_path / "ok.txt.gz"
    path.write_bytes(gzip.compress(GOOD.encode()))
    assert read_file(path).text == GOOD


def test_missing_file_is_reported_not_raised():
    items = list(iter_documents(["/nonexistent/claimgraph/file.txt"]))
    assert len(items) == 1 and isinstance(items[0], DocumentError)
    assert items[0].kind == "not_found"


def _run_cli(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "claimgraph", *args], input=stdin, capture_output=True, timeout=300)


def test_batch_with_bad_files_keeps_every_document(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text(GOOD)
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    binary = tmp_path / "blob.txt"
    binary.write_bytes(b"\x00\x01\x02" * 500)
    cut = tmp_path / "cut.txt.gz"
    cut.write_bytes(gzip.compress(GOOD.encode() * 50)[:40])
    out = tmp_path / "out.jsonl"
    proc = _run_cli("analyze", str(good), str(empty), str(binary), str(cut), "-o", str(out))
    assert proc.returncode == 0, proc.stderr
    records = [json.loads(line) for line in out.read_text().splitlines()]
    assert len(records) == 4
    errors = [r for r in records if "error" in r]
    assert sorted(r["error"]["type"] for r in errors) == ["binary", "empty", "truncated"]
    assert all(r["document"]["source"] for r in errors)
    stderr_lines = [ln for ln in proc.stderr.decode().splitlines() if ln.startswith("error:")]
    assert len(stderr_lines) == 3
    ok = [r for r in records if "error" not in r]
    assert ok[0]["article"]["body"].startswith("The mayor of Springfield")


def test_exit_code_is_non_zero_only_when_nothing_was_analysed(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    proc = _run_cli("analyze", str(empty))
    assert proc.returncode != 0
    assert b"empty" in proc.stderr


def test_stdin_text_keeps_the_body_exactly():
    proc = _run_cli("analyze", "--format", "text", "-", stdin=GOOD.encode())
    assert proc.returncode == 0, proc.stderr
    result = json.loads(proc.stdout)
    body = result["article"]["body"]
    assert body == GOOD
    for start, end in result["sentences"]:
        assert body[start:end].strip() == body[start:end]
    for entity in result["entities"]:
        for m in entity["mentions"]:
            assert body[m["start"] : m["end"]] == m["text"]
