"""scripts/longest_functions.py counts def-to-end lines, methods and nested functions included."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scripts"))

from longest_functions import measure  # noqa: E402

CODE = """import functools


@functools.cache
def decorated(x):
    y = x + 1
    return y


class Box:
    def method(self):
        def inner():
            return 1

        return inner()


async def short():
    pass
"""


def test_lengths_names_and_share(tmp_path):
    (tmp_path / "pkg").mkdir()
    (tmp_path / "pkg" / "a.py").write_text(CODE, encoding="utf-8")
    (tmp_path / "pkg" / "b.py").write_text("X = 1\n", encoding="utf-8")
    longest, total, share = measure(tmp_path, top=2)
    assert [(f.name, f.lines) for f in longest] == [("decorated", 4), ("Box.method", 5)][::-1]
    assert longest[0].path == str(Path("pkg") / "a.py") and longest[0].line == 11
    assert total == len(CODE.splitlines()) + 1
    assert share == (5 + 4) / total
    every, _, _ = measure(tmp_path, top=10)
    assert {f.name for f in every} == {"decorated", "Box.method", "Box.method.inner", "short"}
