"""Line classifier for scraped pages: what kind of boilerplate, if any, is this line?

Every site words its chrome differently, but the kinds recur everywhere: share and
follow prompts, copyright notices, republication credits, newsletter and donation
appeals, disclaimers, "related articles" lists, image credits. Each rule below is a
pattern of such wording, never a site's name, so that it carries over to pages the
project has never seen. Rules that could also match an ordinary sentence are limited
to short lines (a prose paragraph that mentions Facebook is not a share button).
"""

from __future__ import annotations

import re

from .markup import Line

# Kinds after which the article text is normally over (the page's footer starts).
# (Share bars, picture credits, newsletter and donation appeals also sit at the top or in the middle of
# pages, so they do not count.)
END_KINDS = frozenset({"source", "copyright", "author_index", "disclaimer", "fair_use", "related"})

_SOCIAL = (
    r"facebook|twitter|x\.com|whatsapp|linkedin|reddit|telegram|pinterest|tumblr|flipboard|mastodon|bluesky|"
    r"threads|vk|gab|truth social|instagram|youtube|tiktok|rss|e-?mail|messenger|pocket|sms"
)

_RULES: list[tuple[str, re.Pattern[str], int]] = [
    # (kind, pattern on the plain text, max words for the rule to apply; 0 = any length)
    ("image", re.compile(
        r"^\(?(?:featured |top |header |main |lead )?(?:image|photo|picture|pic|photograph|illustration|graphic|"
        r"video|screenshot|screengrab|cover|caption|photo illustration)s?(?: credits?| source| courtesy| by)?\s*[:|]",
        re.I), 40),
    ("image", re.compile(r"^\(?(?:photo|image|picture|illustration)s? (?:by|courtesy of|credit:?|via)\b", re.I), 30),
    ("image", re.compile(r"\((?:image|photo|picture|pic|credit|photo credit|video)s?:[^)]{1,60}\)$", re.I), 40),
    ("image", re.compile(r"(?:getty images|shutterstock|ap photo|afp photo|reuters/|wikimedia commons|"
                         r"creative commons|cc by(?:-sa)?(?: \d\.\d)?|via getty)\s*\)?\.?$", re.I), 30),
    ("copyright", re.compile(r"^(?:copyright\b|©|\(c\)\s*(?:19|20)\d\d|copr\.)", re.I), 40),
    ("copyright", re.compile(r"©|\ball rights reserved\b", re.I), 30),
    ("fair_use", re.compile(r"\bfair use\b|\bcopyrighted material\b|\bsection 107\b", re.I), 0),
    ("disclaimer", re.compile(
        r"^disclaimer\b|\bviews (?:and opinions )?expressed (?:in this|here|herein|by)\b.*\b(?:are|do not)\b|"
        r"\bdo(?:es)? not necessarily (?:reflect|represent)\b|\bsole responsibility of the author|"
        r"\bnot (?:be )?responsible for any (?:inaccurate|incorrect)|^the opinions? expressed\b", re.I), 0),
    ("contact", re.compile(
        r"^(?:for )?(?:media|press|editorial) (?:inquiries|enquiries|contacts?|queries)\b|^contact(?: us)?\s*:|"
        r"^(?:got|have) a (?:news )?tip\b|^send (?:us )?(?:your )?(?:news )?tips\b|^to contact the (?:author|reporter)",
        re.I), 40),
    ("contact", re.compile(r"^[^.!?]*\b[\w.+-]+@[\w-]+\.[\w.-]+\s*\.?$"), 12),
    ("newsletter", re.compile(
        r"\bnewsletters?\b.*\b(?:sign ?up|subscribe|get|join|receive|inbox)\b|"
        r"\b(?:sign ?up|subscribe|join|get)\b.*\bnewsletters?\b|\b(?:delivered|straight) (?:to|in) your inbox\b|"
        r"^(?:sign ?up|subscribe)(?: now| today| here)?\s*[:!.]?$|^subscribe to (?:our|the)\b", re.I), 40),
    ("membership", re.compile(
        r"\bbecome an? (?:member|patron|subscriber|supporter|sponsor)\b|^(?:please )?(?:donate|support us)\b|"
        r"\bmake a (?:donation|contribution)\b|\bsupport (?:our|independent|this) (?:work|journalism|media|site|"
        r"reporting)\b|^join (?:us|our|today)\b|^(?:get |buy )?(?:a )?membership\b|"
        r"\bsubscribe (?:now|today) (?:for|to get)\b", re.I), 25),
    ("share", re.compile(
        rf"^(?:share|tweet|pin it|email|e-mail|print|save|copy link|{_SOCIAL})\b(?:[\s:|,/·•-]+(?:this|it|on|via|to|"
        rf"the|article|story|post|page|link|with|a|friend|{_SOCIAL}|share|tweet|print|save|copy link)\b)*"
        r"[\s:!.|]*$", re.I), 14),
    ("share", re.compile(rf"^(?:follow|like|join|find|subscribe to|watch) (?:us|me|our \w+)\b.*(?:{_SOCIAL}|"
                         r"channel|page|updates)", re.I), 20),
    ("share", re.compile(rf"^(?:follow|like|find)\b.{{0,40}}\bon (?:{_SOCIAL}|x)\b", re.I), 16),
    ("share", re.compile(rf"\bcomment on\b.*\b(?:{_SOCIAL}|page)\b|^(?:leave|post|add|write) a (?:comment|reply)\b|"
                         r"^\d+\s+comments?$|^(?:view |show |load |read )?comments?(?: \(\d+\))?\s*:?$|"
                         r"^join the (?:discussion|conversation)\b|"
                         r"^(?:like|love|liked|enjoy(?:ed)?) this(?: article| story| post)?\s*[:!?]?$",
                         re.I), 20),
    ("author_index", re.compile(
        r"^(?:more |other |all |recent |latest )?(?:articles|posts|stories|columns|pieces) (?:by|from)\b|"
        r"^more (?:from|by)\b|^(?:view|see|read) (?:all|more) (?:posts|articles|stories|by)\b|"
        r"^about the (?:author|writer|contributor)s?\s*:?$|^author (?:archive|profile|page)\b", re.I), 15),
    ("related", re.compile(
        r"^(?:related|similar|recommended|popular|trending|latest|recent|more)(?: (?:articles|posts|stories|news|"
        r"content|reading|links|coverage|topics|videos))?(?: for you)?\s*:?$|^you (?:may|might|will|could) "
        r"(?:also )?(?:like|enjoy|be interested)\b|^(?:also|further) (?:read|see)\b|^most (?:read|popular|viewed|"
        r"shared)\b|^(?:don't|do not) miss\b|^what to read next\b|^(?:more )?on this topic\b", re.I), 12),
    ("navigation", re.compile(
        r"^related(?: (?:articles?|stor(?:y|ies)|coverage|content|links?|reading))?\s*:\s*\S|"
        r"^(?:read (?:more|next|also|the full)|see also|continue reading|keep reading|click here|tap here|"
        r"next (?:article|post|story|page)|previous (?:article|post|story|page)|prev(?:ious)?\b|next\b\s*[»>→]|"
        r"(?:«|←|<)\s*previous|back to (?:top|home)|skip to (?:content|main)|jump to\b|advertisement\b|"
        r"sponsored(?: content)?\s*$|listen to (?:this|the) (?:article|story)|loading\b|home\s*[>|»/›])",
        re.I), 20),
    ("navigation", re.compile(r"\bclick here\b|\bread more\s*(?:»|>|→|\.\.\.|…)?$", re.I), 25),
    ("credits", re.compile(
        r"^(?:\(?(?:additional )?reporting|writing|editing|edited|compiled|translated|research)(?: and \w+)? by\b",
        re.I), 40),
]  # fmt: skip


def ends_article(kind: str, line: Line) -> bool:
    """Does this boilerplate line mark the start of the page footer?"""
    if kind == "copyright":  # "© Getty Images" under a photo is not the footer's copyright notice
        return bool(re.search(r"\b(?:19|20)\d\d\b|rights reserved|copyright", line.text, re.I))
    return kind in END_KINDS


def classify(line: Line) -> str | None:
    """The boilerplate kind of one line judged on its own, or None for possible article text."""
    text = line.text
    if not text:
        return "image" if line.images else None
    if line.bare_url:
        return "navigation"
    n_words = len(text.split())
    for kind, pattern, max_words in _RULES:
        if max_words and n_words > max_words:
            continue
        if pattern.search(text):
            return kind
    if line.link_only and n_words <= 12 and re.search(rf"\b(?:{_SOCIAL}|share|tweet)\b", text, re.I):
        return "share"
    return None


def is_prose(text: str) -> bool:
    """A sentence-like line: long, or medium length and closed by sentence punctuation."""
    words = text.split()
    if len(words) >= 16:
        return True
    return len(words) >= 6 and bool(re.search(r"[.!?][\"'”’)\]]*$", text))


def looks_like_heading(line: Line) -> bool:
    """A short, unpunctuated, title-like line (e.g. an inline subheading)."""
    if line.heading_level or line.strong:
        return len(line.words) <= 20
    text = line.text
    words = line.words
    if not words or len(words) > 12 or len(text) > 90 or line.bullet:
        return False
    if re.search(r"[.,;:!]$", text) or not (text[0].isupper() or text[0].isdigit() or text[0] in "\"“‘'"):
        return False
    # a heading has no sentence inside it
    return not re.search(r"[a-z][.!?]\s+[A-Z]", text)
