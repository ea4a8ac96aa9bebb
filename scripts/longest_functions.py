"""The ten longest functions under src/ and their share of all source lines.

Why: long functions are where a newcomer gets lost; this number is tracked in BENCHMARKS.md
("Code shape") so a change that grows one shows up. Lines are counted from the ``def`` line
(decorators included) to the last line of the body; a nested function counts inside its parent
and on its own. "Source lines" are all lines of the ``.py`` files, blank and comment lines too.

    python scripts/longest_functions.py [ROOT] [--top N] [--before OTHER_SRC] [--write]

``--before`` measures other checkouts' ``src/`` too (e.g. main before a change; repeatable); ``--write``
puts them all in the "Code shape" section of BENCHMARKS.md.
"""

from __future__ import annotations

import argparse
import ast
import sys
from dataclasses import dataclass
from pathlib import Path

DEFAULT_ROOT = Path(__file__).resolve().parents[1] / "src"


@dataclass(frozen=True, slots=True)
class Function:
    """One function or method: where it is and how many lines it spans."""

    path: str
    name: str
    line: int
    lines: int


def _span(node: ast.FunctionDef | ast.AsyncFunctionDef) -> int:
    first = min([node.lineno, *(d.lineno for d in node.decorator_list)])
    return (node.end_lineno or node.lineno) - first + 1


def functions_in(path: Path, root: Path) -> list[Function]:
    """Every function and method of one file, with its qualified name (``Class.method``)."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found: list[Function] = []

    def visit(node: ast.AST, prefix: str) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef):
                name = f"{prefix}{child.name}"
                found.append(Function(str(path.relative_to(root)), name, child.lineno, _span(child)))
                visit(child, f"{name}.")
            elif isinstance(child, ast.ClassDef):
                visit(child, f"{prefix}{child.name}.")
            else:
                visit(child, prefix)

    visit(tree, "")
    return found


def measure(root: Path, top: int = 10) -> tuple[list[Function], int, float]:
    """The ``top`` longest functions, the total source lines, and the share those functions hold."""
    files = sorted(root.rglob("*.py"))
    total = sum(len(p.read_text(encoding="utf-8").splitlines()) for p in files)
    every = [f for p in files for f in functions_in(p, root)]
    longest = sorted(every, key=lambda f: (-f.lines, f.path, f.line))[:top]
    share = sum(f.lines for f in longest) / total if total else 0.0
    return longest, total, share


def report(root: Path, top: int) -> tuple[list[Function], int, float]:
    """Print the longest functions of ``root`` and their share; return what was measured."""
    longest, total, share = measure(root, top)
    print(root)
    for f in longest:
        print(f"{f.lines:5d}  {f.path}:{f.line}  {f.name}")
    held = sum(f.lines for f in longest)
    print(f"top {len(longest)}: {held} of {total} source lines = {share:.2%}")
    return longest, total, share


def _revision(root: Path) -> str:
    """``branch@commit`` of the checkout holding ``root``, for the table (blank outside git)."""
    import subprocess

    def git(*args: str) -> str:
        proc = subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True)
        return proc.stdout.strip() if proc.returncode == 0 else ""

    commit, branch = git("rev-parse", "--short", "HEAD"), git("rev-parse", "--abbrev-ref", "HEAD")
    return f"{branch}@{commit}" if commit else str(root)


def _section(measured: list[tuple[str, Path, tuple]], top: int, note: str | None = None) -> str:
    from bench._report import command_line, machine, now

    lines = [
        "## Code shape (`scripts/longest_functions.py`)",
        "",
        f"Machine: {machine()}. Date: {now()}.",
        f"Command: `{command_line()}`.",
        "",
        f"| source | lines in src/ | top-{top} function lines | share |",
        "|---|---:|---:|---:|",
    ]
    for label, root, (longest, total, share) in measured:
        where = f"{label} ({_revision(root)})"
        lines.append(f"| {where} | {total:,} | {sum(f.lines for f in longest)} | {share:.2%} |")
    if note:
        lines += ["", note]
    lines += ["", f"The {top} longest functions now:", ""]
    lines += [f"- {f.lines} lines: `{f.path}` `{f.name}`" for f in measured[-1][2][0]]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("root", nargs="?", type=Path, default=DEFAULT_ROOT)
    parser.add_argument("--top", type=int, default=10)
    parser.add_argument(
        "--before", type=Path, action="append", default=[], help="another src/ to measure first (repeatable)"
    )
    parser.add_argument("--note", help="a sentence for the section (what the checkouts are)")
    parser.add_argument("--write", action="store_true", help="write the Code shape section of BENCHMARKS.md")
    args = parser.parse_args(argv)
    measured = [("before", root.resolve(), report(root.resolve(), args.top)) for root in args.before]
    measured.append(("after", args.root.resolve(), report(args.root.resolve(), args.top)))
    if args.write:
        sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # bench/ is not installed
        from bench._report import write_section

        write_section("code-shape", _section(measured, args.top, args.note))


if __name__ == "__main__":
    main()
