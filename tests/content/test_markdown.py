from html.parser import HTMLParser

import pytest
from markupsafe import Markup

from app.content.markdown import ALLOWED_TAGS, LinkProblem, render_markdown, url_scheme

SAFE_SCHEMES = {None, "http", "https", "mailto"}


class _Elements(HTMLParser):
    """Collects every tag and attribute a browser would build from the output."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.attributes: list[tuple[str, str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attributes.extend((tag, name, value or "") for name, value in attrs)

    handle_startendtag = handle_starttag


def _parse(html: str) -> _Elements:
    elements = _Elements()
    elements.feed(html)
    elements.close()
    return elements


HOSTILE = {
    "script tag": "<script>alert(1)</script>",
    "script block": "<script>\nalert(1)\n</script>\n\ntext",
    "script mixed case": "<ScRiPt>alert(1)</sCrIpT>",
    "img onerror": '<img src="x" onerror="alert(1)">',
    "svg onload": "<svg onload=alert(1)><circle r=1 /></svg>",
    "body onload": "<body onload=alert(1)>",
    "iframe": '<iframe src="https://evil.example"></iframe>',
    "iframe srcdoc": '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
    "object": '<object data="javascript:alert(1)"></object>',
    "embed": '<embed src="javascript:alert(1)">',
    "form": '<form action="https://evil.example"><input name=p><button>go</button></form>',
    "style tag": "<style>body { background: url(javascript:alert(1)) }</style>",
    "style attribute": '<p style="background:url(javascript:alert(1))">x</p>',
    "meta refresh": '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    "base href": '<base href="javascript:alert(1)//">',
    "link stylesheet": '<link rel="stylesheet" href="https://evil.example/x.css">',
    "raw a javascript": '<a href="javascript:alert(1)">x</a>',
    "raw a spaced": '<a href="  javascript:alert(1)">x</a>',
    "raw a entity tab": '<a href="jav&#x09;ascript:alert(1)">x</a>',
    "raw a entities": '<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;:alert(1)">x</a>',
    "md link": "[x](javascript:alert(1))",
    "md link mixed case": "[x](JaVaScRiPt:alert(1))",
    "md link entity tab": "[x](jav&#x09;ascript:alert(1))",
    "md link entity colon": "[x](javascript&#58;alert(1))",
    "md link encoded": "[x](&#106;avascript:alert(1))",
    "md link spaces": "[x]( javascript:alert(1) )",
    "md link angle": "[x](<javascript:alert(1)>)",
    "md link vbscript": "[x](vbscript:msgbox(1))",
    "md link data": "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "md link title breakout": '[x](https://ok.example "a\\" onmouseover=\\"alert(1))',
    "md autolink": "<javascript:alert(1)>",
    "reference link": "[x][r]\n\n[r]: javascript:alert(1)",
    "reference link case": "[x][r]\n\n[r]: JAVASCRIPT:alert(1)",
    "reference image": "![x][r]\n\n[r]: javascript:alert(1)",
    "md image data": "![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
    "md image javascript": "![x](javascript:alert(1))",
    "md image onerror": '![x" onerror="alert(1)](https://ok.example/a.png)',
    "markdown inside html": '<div markdown="1">[x](javascript:alert(1))</div>',
    "markdown inside a": '<a href="[x](javascript:alert(1))">y</a>',
    "html comment": "<!-- <script>alert(1)</script> -->",
    "cdata": "<![CDATA[<script>alert(1)</script>]]>",
    "attribute injection": "# Title {: onclick=alert(1) }\n\n[x](https://ok.example){: onclick=alert(1) }",
    "nested footnotes": "a[^1]\n\n[^1]: b[^2] <script>alert(1)</script> [x](javascript:alert(1))\n"
    "[^2]: <img src=x onerror=alert(1)>",
    "footnote name": '[^"><script>alert(1)</script>]\n\n[^"><script>alert(1)</script>]: x',
    "admonition class": '!!! note" onclick="alert(1) "t"\n    body',
    "code block": "```\n<script>alert(1)</script>\n```",
    "fenced code language": '```python" onclick="alert(1)\nx\n```',
    "table cell": "| a |\n|---|\n| <script>alert(1)</script> |",
    "heading id": '# <img src=x onerror=alert(1)> "quoted" heading',
    "null byte scheme": "[x](java\x00script:alert(1))",
}


@pytest.mark.parametrize("source", HOSTILE.values(), ids=HOSTILE.keys())
def test_render_markdown_removes_hostile_markup(source: str) -> None:
    rendered = render_markdown(source)
    elements = _parse(str(rendered.html))

    assert set(elements.tags) <= ALLOWED_TAGS
    for tag, name, value in elements.attributes:
        assert not name.startswith("on"), (tag, name)
        assert name not in {"style", "srcdoc", "formaction", "action", "target"}, (tag, name)
        assert "javascript" not in value.lower().replace("\t", ""), (tag, name, value)
        if name in {"href", "src"}:
            assert url_scheme(value) in SAFE_SCHEMES, (tag, name, value)
            assert url_scheme(value) != "mailto" or tag == "a"


def test_render_markdown_shows_raw_html_as_text() -> None:
    rendered = render_markdown("Before <b>bold</b> after")

    assert "&lt;b&gt;bold&lt;/b&gt;" in rendered.html
    assert "<b>" not in rendered.html


def test_render_markdown_reports_unsafe_targets() -> None:
    rendered = render_markdown("[a](javascript:alert(1)) ![b](data:image/png;base64,AA)")

    assert rendered.problems == [
        LinkProblem("link", "javascript:alert(1)", "unsafe"),
        LinkProblem("image", "data:image/png;base64,AA", "unsafe"),
    ]
    assert str(rendered.html) == "<p>a b</p>"


def test_render_markdown_returns_markup_with_supported_features() -> None:
    source = (
        "# Title\n\n| a | b |\n|:--|--:|\n| 1 | 2 |\n\nText[^1]\n\n"
        '!!! warning "Careful"\n    Body\n\n```python\nx = 1\n```\n\n[^1]: A note.\n'
    )
    rendered = render_markdown(source)
    html = str(rendered.html)

    assert isinstance(rendered.html, Markup)
    assert '<th align="left">a</th>' in html and '<td align="right">2</td>' in html
    assert '<sup id="fnref:1"><a class="footnote-ref" href="#fn:1">1</a></sup>' in html
    assert '<div class="footnote">' in html and '<li id="fn:1">' in html
    assert '<div class="admonition warning">' in html
    assert '<p class="admonition-title">Careful</p>' in html
    assert '<code class="language-python">x = 1' in html


def test_render_markdown_keeps_only_allowlisted_admonition_classes() -> None:
    rendered = render_markdown("!!! bogus\n    body")

    assert '<div class="admonition">' in rendered.html


def test_render_markdown_builds_toc_from_headings() -> None:
    rendered = render_markdown("# First *one*\n\ntext\n\n## Вода & лёд\n\n### Third")

    assert rendered.toc == [
        (1, "first-one", "First one"),
        (2, "вода-лёд", "Вода & лёд"),
        (3, "third", "Third"),
    ]
    assert '<h2 id="вода-лёд">' in rendered.html


def test_render_markdown_counts_visible_words() -> None:
    rendered = render_markdown("# Two words\n\nThree more *words*, well-known.\n")

    assert rendered.word_count == 6


def test_render_markdown_marks_only_external_links_nofollow() -> None:
    rendered = render_markdown("[out](https://example.org/x) [in](/courses/1) [top](#part)")
    html = str(rendered.html)

    assert '<a href="https://example.org/x" rel="noopener nofollow">out</a>' in html
    assert '<a href="/courses/1">in</a>' in html
    assert '<a href="#part">top</a>' in html


def test_render_markdown_resolves_internal_links_and_images() -> None:
    links = {"../02-more/01-next.md": "/lessons/7", "03-other.md#part": "/lessons/9#part"}
    images = {"../images/map.png": "/images/42"}
    source = "[n](../02-more/01-next.md) [o](03-other.md#part) ![map](../images/map.png)"

    rendered = render_markdown(source, link_resolver=links.get, image_resolver=images.get)
    html = str(rendered.html)

    assert '<a href="/lessons/7">n</a>' in html
    assert '<a href="/lessons/9#part">o</a>' in html
    assert '<img alt="map" src="/images/42">' in html
    assert rendered.problems == []


def test_render_markdown_reports_and_unlinks_unresolvable_targets() -> None:
    source = "[gone](99-missing.md) ![lost](../images/lost.png)"

    rendered = render_markdown(source, link_resolver=lambda t: None, image_resolver=lambda t: None)

    assert rendered.problems == [
        LinkProblem("link", "99-missing.md", "broken"),
        LinkProblem("image", "../images/lost.png", "broken"),
    ]
    assert str(rendered.problems[0]) == "broken link target '99-missing.md'"
    assert "<a" not in rendered.html and "<img" not in rendered.html
    assert "gone" in rendered.html and "lost" in rendered.html


def test_render_markdown_without_resolvers_keeps_relative_targets() -> None:
    rendered = render_markdown("[n](02-next.md) ![i](../images/i.png)")

    assert 'href="02-next.md"' in rendered.html and 'src="../images/i.png"' in rendered.html
    assert rendered.problems == []


@pytest.mark.parametrize(
    ("url", "scheme"),
    [
        ("https://x", "https"),
        ("  JaVa\tScRiPt:alert(1)", "javascript"),
        ("jav&#x09;ascript:x", "javascript"),
        ("&#106;avascript:x", "javascript"),
        ("../images/a.png", None),
        ("#fn:1", None),
        ("02-lesson.md#part", None),
    ],
)
def test_url_scheme_sees_what_a_browser_sees(url: str, scheme: str | None) -> None:
    assert url_scheme(url) == scheme
