"""Shared reporting helpers: BENCHMARKS.md sections, machine description, number formatting."""

from __future__ import annotations

import contextlib
import datetime as _dt
import os
import platform
import re
import shlex
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BENCHMARKS = ROOT / "BENCHMARKS.md"


def machine() -> str:
    """One line describing the machine the numbers were taken on."""
    cpu = platform.processor() or platform.machine()
    model = ""
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as fh:
            for line in fh:
                if line.startswith("model name"):
                    model = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    return (
        f"{platform.system()} {platform.release()} ({platform.machine()}), {model or cpu}, "
        f"{os.cpu_count()} CPUs, Python {platform.python_version()}"
    )


def now() -> str:
    """Current UTC time, ISO 8601 to the minute."""
    return _dt.datetime.now(_dt.UTC).strftime("%Y-%m-%d %H:%M UTC")


def command_line() -> str:
    """The command that is running, as a user would type it from the repo root."""
    argv = list(sys.argv)
    script = Path(argv[0])
    if script.suffix == ".py":
        with contextlib.suppress(ValueError):
            argv[0] = str(script.resolve().relative_to(ROOT))
        return "/work/venv/bin/python " + shlex.join(argv)
    return "/work/venv/bin/python " + shlex.join(["-m", "bench." + script.stem, *argv[1:]])


def fmt(value: float | None, digits: int = 3) -> str:
    """A figure for a table: ``-`` for undefined, else rounded."""
    return "-" if value is None else f"{value:.{digits}f}"


def write_section(name: str, body: str, path: Path = BENCHMARKS) -> None:
    """Write or replace the block between ``<!-- bench:NAME -->`` and ``<!-- /bench:NAME -->``.

    The file is created with a ``# Benchmarks`` header if missing; every other
    section is kept as is. The new block is appended when the markers are absent.
    """
    start, end = f"<!-- bench:{name} -->", f"<!-- /bench:{name} -->"
    block = f"{start}\n{body.strip()}\n{end}"
    text = path.read_text(encoding="utf-8") if path.exists() else "# Benchmarks\n"
    pattern = re.compile(re.escape(start) + r".*?" + re.escape(end), re.DOTALL)
    if pattern.search(text):
        text = pattern.sub(lambda _m: block, text, count=1)
    else:
        text = text.rstrip("\n") + "\n\n" + block + "\n"
    path.write_text(text, encoding="utf-8")
