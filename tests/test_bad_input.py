"""Bad input gets a clear per-document error; a batch goes on and loses nothing."""

from __future__ import annotations

import codecs
import gzip
import json
import random
import subprocess
import sys

import pytest

from claimgraph.errors import DocumentError
from claimgraph.ingest import decode_bytes, iter_documents, read_file
from claimgraph.ingest.records import FieldMap, iter_jsonl

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


@pytest.mark.slow
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


@pytest.mark.slow
def test_exit_code_is_non_zero_only_when_nothing_was_analysed(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    proc = _run_cli("analyze", str(empty))
    assert proc.returncode != 0
    assert b"empty" in proc.stderr


@pytest.mark.slow
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


# --- decoders that accepted noise -------------------------------------------------------------


def _noise(seed: int, size: int = 4096, keep=lambda b: True) -> bytes:
    rng = random.Random(seed)
    out = bytearray()
    while len(out) < size:
        b = rng.randrange(256)
        if keep(b):
            out.append(b)
    return bytes(out)


@pytest.mark.parametrize("seed", range(5))
def test_random_bytes_named_txt_are_binary(tmp_path, seed):
    path = tmp_path / "noise.txt"
    path.write_bytes(_noise(seed))
    with pytest.raises(DocumentError) as info:
        read_file(path)
    assert info.value.kind == "binary"


@pytest.mark.parametrize("seed", range(3))
def test_random_bytes_without_control_bytes_are_binary_not_an_encoding(seed):
    data = _noise(seed, keep=lambda b: b >= 32 or b in (9, 10, 13))
    with pytest.raises(DocumentError) as info:
        decode_bytes(data)
    assert info.value.kind == "binary"


@pytest.mark.parametrize("bom", [codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, codecs.BOM_UTF32_LE])
def test_byte_order_mark_before_noise_is_an_error_not_a_crash(bom):
    with pytest.raises(DocumentError) as info:
        decode_bytes(bom + _noise(7))
    assert info.value.kind == "binary"


def test_text_with_a_binary_tail_is_binary():
    with pytest.raises(DocumentError) as info:
        decode_bytes(GOOD.encode() * 120 + _noise(3))
    assert info.value.kind == "binary"


def test_html_with_binary_inside_is_binary(tmp_path):
    page = b"<html><body><p>" + GOOD.encode() * 120 + _noise(4, 8192) + b"</p></body></html>"
    path = tmp_path / "page.html"
    path.write_bytes(page)
    with pytest.raises(DocumentError) as info:
        read_file(path)
    assert info.value.kind == "binary"


@pytest.mark.parametrize(
    "chars",
    [range(0x80, 0xA0), range(0xE000, 0xF8FF)],  # C1 controls; private use
    ids=["c1-controls", "private-use"],
)
def test_valid_utf8_of_noise_characters_is_binary(chars):
    rng = random.Random(1)
    text = "".join(chr(rng.choice(chars)) for _ in range(3000))
    with pytest.raises(DocumentError) as info:
        decode_bytes(text.encode("utf-8"))
    assert info.value.kind == "binary"


def test_real_legacy_text_still_decodes():
    korean = "서울시는 월요일 새 다리가 5월에 개통된다고 밝혔다. 비판자들은 예산 낭비라고 주장했다.\n" * 40
    russian = "Мэр заявил в понедельник, что новый мост откроется в мае. Критики обвинили совет.\n" * 40
    for text, encoding in ((korean, "euc_kr"), (russian, "cp1251")):
        decoded, _ = decode_bytes(text.encode(encoding))
        assert decoded == text


def test_gzip_member_of_noise_is_binary(tmp_path):
    path = tmp_path / "two.txt.gz"
    path.write_bytes(gzip.compress(GOOD.encode()) + gzip.compress(_noise(2)))
    with pytest.raises(DocumentError) as info:
        read_file(path)
    assert info.value.kind == "binary"


def test_gzip_with_trailing_garbage_is_an_error(tmp_path):
    path = tmp_path / "tail.txt.gz"
    path.write_bytes(gzip.compress(GOOD.encode()) + b"not gzip at all")
    with pytest.raises(DocumentError) as info:
        read_file(path)
    assert info.value.kind == "truncated"


def test_gzip_members_are_all_read(tmp_path):
    path = tmp_path / "members.txt.gz"
    path.write_bytes(gzip.compress(GOOD.encode()) + gzip.compress(GOOD.encode()))
    assert read_file(path).text == GOOD * 2


def test_gzip_bomb_stops_at_the_limit(tmp_path):
    path = tmp_path / "bomb.txt.gz"
    path.write_bytes(gzip.compress(b"a" * 5_000_000))
    with pytest.raises(DocumentError) as info:
        read_file(path, max_bytes=1_000_000)
    assert info.value.kind == "too_large"


def _jsonl_items(tmp_path, records: list) -> list:
    path = tmp_path / "records.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    return list(iter_jsonl(path, FieldMap()))


def test_jsonl_text_fields_that_are_not_text(tmp_path):
    rng = random.Random(9)
    records = [
        {"text": {"nested": "object"}},
        {"text": ["a", "list"]},
        {"text": "".join(chr(rng.randrange(0xE000, 0xF8FF)) for _ in range(500))},
        {"text": "NUL \u0000\u0001\u0002 inside" * 50},
        {"text": GOOD, "title": {"not": "a title"}, "url": ["x"]},
    ]
    items = _jsonl_items(tmp_path, records)
    kinds = [i.kind if isinstance(i, DocumentError) else "ok" for i in items]
    assert kinds == ["malformed", "malformed", "binary", "binary", "ok"]
    assert [i.position for i in items] == ["line 1", "line 2", "line 3", "line 4", "line 5"]
    assert "title" not in items[4].metadata and items[4].url is None


def test_warc_latin1_charset_does_not_turn_binary_into_text():
    from claimgraph.ingest.warc import _decode_payload

    with pytest.raises(DocumentError) as info:
        _decode_payload(_noise(11), "iso-8859-1", "x.warc", "record 0", None)
    assert info.value.kind == "binary"
    text, encoding = _decode_payload(GOOD.encode("latin-1"), "iso-8859-1", "x.warc", "record 0", None)
    assert text == GOOD and encoding == "iso-8859-1"


def test_batch_with_noise_goes_on(tmp_path):
    (tmp_path / "a.txt").write_text(GOOD)
    (tmp_path / "b.txt").write_bytes(_noise(1))
    (tmp_path / "c.txt").write_bytes(codecs.BOM_UTF16_LE + _noise(2))
    (tmp_path / "d.txt").write_text(GOOD)
    items = list(iter_documents([str(tmp_path)]))
    kinds = [i.kind if isinstance(i, DocumentError) else "ok" for i in items]
    assert kinds == ["ok", "binary", "binary", "ok"]


def test_csv_row_of_noise_characters_is_binary_and_the_rows_after_it_are_read(tmp_path):
    import csv

    from claimgraph.ingest.records import iter_csv

    rng = random.Random(4)
    noise = "".join(chr(rng.randrange(0x80, 0xA0)) for _ in range(400))
    path = tmp_path / "corpus.csv"
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["title", "text"])
        writer.writerows([["good", GOOD], ["noise", noise], ["good again", GOOD]])
    items = list(iter_csv(path, FieldMap()))
    assert [i.kind if isinstance(i, DocumentError) else i.metadata["title"] for i in items] == [
        "good",
        "binary",
        "good again",
    ]
    assert items[1].position == "row 2"
