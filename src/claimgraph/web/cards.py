"""The attribution card (entity page, article side panel) rendered in Python rather than by a Jinja macro.

The entity page shows up to three lists of cards; as a macro each card cost some 150 attribute lookups
and nested macro calls, about as much as the page's queries. This builds the same markup directly, with
every piece of data passed through ``markupsafe.escape`` (and ids in URL paths through ``quote``), so a
card holding ``<script>`` shows it as text, as the autoescaped macro did.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import quote

from markupsafe import Markup, escape

QUOTE_MARKS = "\"“‘'«"
# An indirect content is the reporter's words, not the speaker's: it is shown as a paraphrase (labelled,
# italic, no quotation marks); a mixed one too, its quoted words keeping the marks the article gave them.
PARAPHRASE = {"indirect": "paraphrase", "mixed": "paraphrase, partly quoted"}
_QUOTED = re.compile(r"[“\"«‘][^“”\"«»‘’]+[”\"»’]")


def _u(value: Any) -> str:
    """An id or domain inside a URL path (the templates' ``|u`` filter), escaped for an attribute."""
    return str(escape(quote(str(value), safe=":")))


def entity_link(kb_id: str | None, name: str | None) -> str:
    """A link to a KB entity, or the bare name of one that is not in the KB (a free-text target)."""
    if kb_id:
        return f'<a href="/entities/{_u(kb_id)}">{escape(name or kb_id)}</a>'
    return str(escape(name))


def speaker_link(x: dict[str, Any]) -> Markup:
    """The speaker of an attribution: its KB entity, else the words naming it, else "(no source named)"."""
    if x.get("speaker_kb_id"):
        return Markup(entity_link(x["speaker_kb_id"], x.get("speaker_name")))
    mention = x.get("speaker_mention")
    if mention:
        return Markup(escape(mention.get("text")))
    return Markup('<span class="muted">(no source named)</span>')


def _verbatim_parts(text: str) -> str:
    """``text`` escaped, each stretch inside quotation marks wrapped as ``<span class="verbatim">``."""
    out, pos = [], 0
    for m in _QUOTED.finditer(text):
        out.append(f'{escape(text[pos : m.start()])}<span class="verbatim">{escape(m.group())}</span>')
        pos = m.end()
    return "".join(out) + str(escape(text[pos:]))


def content_html(kind: str | None, text: str, inner: str | None = None) -> Markup:
    """What was attributed, as a reader must take it: a direct quote inside quotation marks (the speaker's
    words), an indirect or mixed content as a paraphrase. ``inner``: ready markup for ``text`` (a search
    snippet with its ``<mark>`` ranges)."""
    if kind in PARAPHRASE:
        words = inner if inner is not None else _verbatim_parts(text)
        label = f'<span class="label">{PARAPHRASE[kind]}</span>'
        return Markup(f'<div class="content paraphrase {kind}">{label} <span class="words">{words}</span></div>')
    words = inner if inner is not None else str(escape(text))
    if kind != "direct":
        return Markup(f'<div class="content">{words}</div>')
    if text[:1] in QUOTE_MARKS:  # the content kept its own marks
        return Markup(f'<div class="content direct quoted">{words}</div>')
    return Markup(f'<div class="content direct">“{words}”</div>')


def claim_words(text: str, kind: str | None, limit: int | None = None) -> Markup:
    """A claim's words inline (in a list or a heading): inside quotation marks when they are quoted words or the
    article's own, as a labelled paraphrase when the article reports someone indirectly (``kind``)."""
    if limit is not None and len(text) > limit:
        text = text[: limit - 1].rstrip() + "…"
    if kind in PARAPHRASE:
        label, words = f'<span class="label">{PARAPHRASE[kind]}</span>', _verbatim_parts(text)
        return Markup(f'<span class="paraphrase {kind}">{label} <span class="words">{words}</span></span>')
    return Markup(f"“{escape(text)}”")


def stance_badge(stance: str | None) -> str:
    s = escape(stance or "unknown")
    return f'<span class="badge b-{s}">{s}</span>'


def attribution_card(x: dict[str, Any], show_article: bool = False, anchor: bool = False) -> Markup:
    """One ``<li>`` card: speaker, cue, stance and kind badges, the content, about/via, and where it is."""
    stance = x.get("stance")
    out = [f'<li class="s-{escape(stance or "unknown")}"']
    if anchor:
        out.append(f' id="a-{escape(x.get("id"))}"')
    out.append(f'>\n  <div><span class="who">{speaker_link(x)}</span>\n    ')
    cue = x.get("cue")
    if cue:
        out.append(f"<em>{escape(cue.get('text'))}</em>")
    out.append(f'\n    {stance_badge(stance)} <span class="badge kind">{escape(x.get("kind"))}</span></div>\n')
    out.append(f"  {content_html(x.get('kind'), (x.get('content') or {}).get('text') or '')}\n")
    for label, key in (("about", "target"), ("via", "via")):
        refs = list(zip(x.get(f"{key}_kb_ids") or [], x.get(f"{key}_names") or [], strict=False))
        if refs:
            out.append(f'  <div class="meta">{label}: {", ".join(entity_link(i, n) for i, n in refs)}</div>\n')
    article = x.get("article")
    if show_article and article:
        published = article.get("published") or "undated"
        doc = article.get("document_id") or x.get("document_id")
        out.append(
            f'  <div class="meta"><a href="/articles/{_u(doc)}#q-{escape(x.get("id"))}">'
            f"{escape(article.get('title') or doc)}</a>\n    · {escape(published)}"
        )
        if article.get("publisher_id"):
            out.append(f" · {escape(article['publisher_id'])}")
        out.append("</div>\n")
    elif anchor:
        out.append(f'  <div class="meta"><a href="#q-{escape(x.get("id"))}">show in text</a>')
        mention = (x.get("speaker_mention") or {}).get("text")
        if mention and x.get("speaker_name") and mention != x["speaker_name"]:
            out.append(f" · named as “{escape(mention)}”")
        out.append("</div>\n")
    out.append("</li>\n")
    return Markup("".join(out))
