"""Attribution: who said, claimed or believed what, about whom, through whom."""

from __future__ import annotations

from .extract import extract_attributions

__all__ = ["extract_attributions"]
