"""Each demo role signs in through a real browser and lands on its own page."""

import pytest

from tests.browser.conftest import sign_in

LANDINGS = [
    ("learner@example.com", "/courses/learning", "My learning"),
    ("trainer@example.com", "/courses/manage/", "My courses"),
    ("coordinator@example.com", "/events/", "Events"),
    ("admin@example.com", "/admin/users", "Users"),
]


@pytest.mark.browser
@pytest.mark.parametrize(("email", "path", "heading"), LANDINGS)
def test_demo_role_signs_in_and_sees_its_landing_page(page, email, path, heading):
    sign_in(page, email)
    page.wait_for_url(f"**{path}")
    assert page.get_by_role("heading", level=1).inner_text() == heading
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_url("**/")
    assert page.locator("header").get_by_role("link", name="Sign in").count() == 1


@pytest.mark.browser
def test_wrong_password_keeps_the_visitor_on_the_form(page):
    sign_in(page, "learner@example.com", "not-the-password")
    assert "Wrong e-mail address or password." in page.content()
    assert page.url.endswith("/login")


@pytest.mark.browser
def test_language_switch_without_javascript(browser, live_server):
    context = browser.new_context(base_url=live_server, java_script_enabled=False)
    tab = context.new_page()
    tab.goto("/")
    tab.get_by_label("Language").select_option("ru")
    tab.get_by_role("button", name="Change language").click()
    assert tab.locator("html").get_attribute("lang") == "ru"
    assert tab.locator("header").get_by_role("link", name="Войти").count() == 1
    context.close()


@pytest.mark.browser
def test_phone_viewport_has_no_horizontal_scroll(browser, live_server):
    context = browser.new_context(base_url=live_server, viewport={"width": 360, "height": 740})
    tab = context.new_page()
    tab.goto("/login")
    assert tab.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    context.close()
