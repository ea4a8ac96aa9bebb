"""Environment variables are read in one place (claimgraph.config), so no setting hides in a module."""

from __future__ import annotations

import ast
from pathlib import Path

from claimgraph import config

SRC = Path(config.__file__).resolve().parent


def _touches_environment(node: ast.AST) -> bool:
    if isinstance(node, ast.Attribute):
        return node.attr in ("environ", "getenv", "putenv", "unsetenv")
    if isinstance(node, ast.ImportFrom) and node.module == "os":
        return any(a.name in ("environ", "getenv") for a in node.names)
    return False


def _environment_reads(path: Path) -> list[int]:
    """Lines of ``os.environ`` / ``os.getenv`` / ``from os import environ`` in one file."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [node.lineno for node in ast.walk(tree) if _touches_environment(node)]


def test_only_config_touches_the_environment():
    found = {
        str(p.relative_to(SRC)): lines
        for p in sorted(SRC.rglob("*.py"))
        if p.name != "config.py" and (lines := _environment_reads(p))
    }
    assert found == {}


def test_serve_settings_travel_to_worker_processes(monkeypatch):
    for name in (config.ENV_SERVE_DB, config.ENV_SERVE_MAX_BODY, config.ENV_API_TOKEN):
        monkeypatch.delenv(name, raising=False)
    config.hand_down_serve("sqlite:///kb.sqlite", 1234, "s3cret")
    assert config.serve_env() == ("sqlite:///kb.sqlite", "s3cret", 1234)
    config.hand_down_serve("kb.sqlite", 99, None)
    assert config.serve_env() == ("kb.sqlite", None, 99)
