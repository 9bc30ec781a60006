import pytest

from app.auth.redirects import safe_next_url


@pytest.mark.parametrize("target", ["/", "/courses/learning", "/admin/users?q=a&page=2", "/a/b#c"])
def test_safe_next_url_accepts_paths_inside_the_site(target):
    assert safe_next_url(target) == target


@pytest.mark.parametrize(
    "target",
    [
        None,
        "",
        "http://evil.example/",
        "//evil.example/",
        "/\\evil.example",
        "\\\\evil.example",
        "https:/evil.example",
        "javascript:alert(1)",
        "/\tevil",
        "evil.example/path",
        " /x",
        "/" + "a" * 3000,
    ],
)
def test_safe_next_url_refuses_anything_else(target):
    assert safe_next_url(target) is None
