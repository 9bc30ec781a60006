"""Markdown to safe HTML: a fixed Python-Markdown extension list, then an nh3 allowlist.

Raw HTML in the source is never interpreted: it is shown as text. Every link and image
therefore comes from Markdown syntax and passes through one tree processor, which drops
unsafe URLs, hands internal targets to the caller's resolvers and marks external links.
nh3 then enforces the tag and attribute allowlist as a second, independent layer.
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as etree
from collections.abc import Callable
from dataclasses import dataclass, field

import markdown
import nh3
from markdown.extensions.toc import slugify_unicode
from markdown.treeprocessors import Treeprocessor
from markupsafe import Markup

#: turns a target as written ("../02-data/01-units.md#si") into a URL, or None if it is broken
Resolver = Callable[[str], str | None]

EXTENSIONS = ["tables", "fenced_code", "footnotes", "admonition", "toc", "sane_lists"]
EXTENSION_CONFIGS = {
    # `align` instead of `style`, so the sanitiser can forbid style attributes everywhere
    "tables": {"use_align_attribute": True},
    # keep Cyrillic and Kazakh headings readable in their ids
    "toc": {"slugify": slugify_unicode},
}

ALLOWED_TAGS = {
    *(f"h{level}" for level in range(1, 7)),
    *("p", "ul", "ol", "li", "table", "thead", "tbody", "tr", "th", "td"),
    *("code", "pre", "blockquote", "a", "img", "sup", "sub", "div", "hr", "br"),
    *("em", "strong", "del"),
}
ALLOWED_ATTRIBUTES = {
    **{f"h{level}": {"id"} for level in range(1, 7)},
    "a": {"href", "title"},
    "img": {"src", "alt", "title"},
    "sup": {"id"},
    "li": {"id"},
    "code": {"class"},
}
ALLOWED_ATTRIBUTE_VALUES = {
    "a": {"rel": {"noopener nofollow"}},
    "th": {"align": {"left", "center", "right"}},
    "td": {"align": {"left", "center", "right"}},
}
ALLOWED_CLASSES = {
    "div": {"admonition", "note", "tip", "warning", "danger", "footnote", "toc"},
    "p": {"admonition-title"},
    "a": {"footnote-ref", "footnote-backref"},
}
LINK_SCHEMES = {"http", "https", "mailto"}
IMAGE_SCHEMES = {"http", "https"}
EXTERNAL_REL = "noopener nofollow"

_SCHEME = re.compile(r"^([a-z][a-z0-9+.\-]*):")
# browsers ignore ASCII whitespace and control characters inside a scheme ("jav\tascript:")
_IGNORED_IN_SCHEME = re.compile(r"[\x00-\x20\x7f]+")
_CODE_CLASS = re.compile(r"^language-[A-Za-z0-9_+#.\-]+$")
_ID = re.compile(r"^[\w:.\-]+$")
_WORD = re.compile(r"\w+(?:['’\-]\w+)*")


@dataclass(frozen=True)
class LinkProblem:
    """A link or image target that could not be used; `target` is as the author wrote it."""

    kind: str  # "link" or "image"
    target: str
    reason: str  # "broken" or "unsafe"

    def __str__(self) -> str:
        return f"{self.reason} {self.kind} target '{self.target}'"


@dataclass(frozen=True)
class RenderedMarkdown:
    """Sanitised HTML plus what pages and validators need to know about it."""

    html: Markup
    toc: list[tuple[int, str, str]]  # (level, id, title) of every heading, in order
    word_count: int
    problems: list[LinkProblem] = field(default_factory=list)


def render_markdown(
    text: str, *, link_resolver: Resolver | None = None, image_resolver: Resolver | None = None
) -> RenderedMarkdown:
    """Render author Markdown to sanitised HTML, resolving internal links and images."""
    urls = _UrlPolicy(link_resolver, image_resolver)
    converter = markdown.Markdown(extensions=EXTENSIONS, extension_configs=EXTENSION_CONFIGS)
    _disable_raw_html(converter)
    converter.treeprocessors.register(_LinkProcessor(converter, urls), "safe_links", -1)
    safe_html = sanitise_html(converter.convert(text))
    return RenderedMarkdown(
        html=Markup(safe_html),  # noqa: S704 -- nh3 has just sanitised it
        toc=_flatten_toc(getattr(converter, "toc_tokens", [])),
        word_count=count_words(safe_html),
        problems=urls.problems,
    )


def sanitise_html(untrusted_html: str) -> str:
    """Keep only allowlisted tags, attributes, classes and URL schemes."""
    return nh3.clean(
        untrusted_html,
        tags=ALLOWED_TAGS,
        clean_content_tags={"script", "style"},
        attributes=ALLOWED_ATTRIBUTES,
        attribute_filter=_filter_attribute,
        tag_attribute_values=ALLOWED_ATTRIBUTE_VALUES,
        allowed_classes=ALLOWED_CLASSES,
        url_schemes=LINK_SCHEMES,
        link_rel=None,
        strip_comments=True,
    )


def count_words(safe_html: str) -> int:
    """Count the words a reader sees in a piece of HTML."""
    text = html.unescape(nh3.clean(safe_html, tags=set()))
    return len(_WORD.findall(text))


def url_scheme(url: str) -> str | None:
    """Return the lower-case scheme a browser would see in `url`, or None for a relative URL."""
    normalised = _IGNORED_IN_SCHEME.sub("", html.unescape(url)).lower()
    match = _SCHEME.match(normalised)
    return match.group(1) if match else None


def _disable_raw_html(converter: markdown.Markdown) -> None:
    # Without these two processors raw HTML stays text and is escaped on output.
    converter.preprocessors.deregister("html_block")
    converter.inlinePatterns.deregister("html")


def _filter_attribute(tag: str, attribute: str, value: str) -> str | None:
    if attribute == "id":
        return value if _ID.match(value) else None
    if tag == "code" and attribute == "class":
        return value if _CODE_CLASS.match(value) else None
    if attribute in {"href", "src"}:
        schemes = IMAGE_SCHEMES if tag == "img" else LINK_SCHEMES
        scheme = url_scheme(value)
        return value if scheme is None or scheme in schemes else None
    return value


def _flatten_toc(tokens: list[dict]) -> list[tuple[int, str, str]]:
    entries: list[tuple[int, str, str]] = []
    for token in tokens:
        entries.append((token["level"], token["id"], html.unescape(token["name"])))
        entries.extend(_flatten_toc(token["children"]))
    return entries


class _UrlPolicy:
    """Decides what each link or image URL becomes, and remembers what was broken."""

    def __init__(self, link_resolver: Resolver | None, image_resolver: Resolver | None) -> None:
        self.resolvers = {"link": link_resolver, "image": image_resolver}
        self.problems: list[LinkProblem] = []

    def rewrite(self, kind: str, target: str) -> str | None:
        """Return the URL to emit, or None when the link or image must be dropped."""
        target = target.strip()
        scheme = url_scheme(target)
        allowed = IMAGE_SCHEMES if kind == "image" else LINK_SCHEMES
        if scheme is not None:
            return target if scheme in allowed else self._report(kind, target, "unsafe")
        if not target:
            return self._report(kind, target, "broken")
        if target.startswith(("#", "/")):
            return target  # same page, or a path inside the site
        resolver = self.resolvers[kind]
        if resolver is None:
            return target
        return resolver(target) or self._report(kind, target, "broken")

    def _report(self, kind: str, target: str, reason: str) -> None:
        self.problems.append(LinkProblem(kind, target, reason))
        return None


class _LinkProcessor(Treeprocessor):
    """Rewrites every <a href> and <img src> through the URL policy."""

    def __init__(self, converter: markdown.Markdown, urls: _UrlPolicy) -> None:
        super().__init__(converter)
        self.urls = urls

    def run(self, root: etree.Element) -> None:
        for element in root.iter():
            if element.tag == "a" and element.get("href") is not None:
                self._rewrite_link(element)
            elif element.tag == "img":
                self._rewrite_image(element)

    def _rewrite_link(self, element: etree.Element) -> None:
        url = self.urls.rewrite("link", element.get("href", ""))
        if url is None:
            element.tag = "span"  # not allowlisted: the sanitiser keeps only the link text
            element.attrib.clear()
            return
        element.set("href", url)
        if url_scheme(url) in {"http", "https"} or url.startswith("//"):
            element.set("rel", EXTERNAL_REL)

    def _rewrite_image(self, element: etree.Element) -> None:
        url = self.urls.rewrite("image", element.get("src", ""))
        if url is None:
            alt = element.get("alt", "")
            element.tag = "span"
            element.attrib.clear()
            element.text = alt
            return
        element.set("src", url)
