"""The ten longest functions under src/ and their share of all source lines.

Why: long functions are where a newcomer gets lost; this number is tracked in BENCHMARKS.md
("Code shape") so a change that grows one shows up. Lines are counted from the ``def`` line
(decorators included) to the last line of the body; a nested function counts inside its parent
and on its own. "Source lines" are all lines of the ``.py`` files, blank and comment lines too.

    python scripts/longest_functions.py [ROOT] [--top N]
"""

from __future__ import annotations

import argparse
import ast
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


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("root", nargs="?", type=Path, default=DEFAULT_ROOT)
    parser.add_argument("--top", type=int, default=10)
    args = parser.parse_args(argv)
    root = args.root.resolve()
    longest, total, share = measure(root, args.top)
    for f in longest:
        print(f"{f.lines:5d}  {f.path}:{f.line}  {f.name}")
    held = sum(f.lines for f in longest)
    print(f"top {len(longest)}: {held} of {total} source lines = {share:.2%}")


if __name__ == "__main__":
    main()
