"""A coordinator takes attendance on a phone-sized screen and previews a sign-in sheet import."""

import pytest

from tests.browser.conftest import sign_in

VIENNA = (
    "Workshop 'Environmental Monitoring and Information Systems with focus on "
    "Environmental priority areas Air and Waste'"
)


def open_first_sheet(page):
    sign_in(page, "coordinator@example.com")
    page.goto("/events/")
    page.get_by_role("link", name=VIENNA).click()
    page.get_by_role("link", name="Take attendance").first.click()


@pytest.mark.browser
def test_attendance_sheet_on_a_phone_saves_each_tap(page):
    page.set_viewport_size({"width": 390, "height": 844})
    open_first_sheet(page)
    button = page.get_by_role("button", name="Excused: Demo Participant 01")
    button.click()
    page.locator("button[aria-pressed=true]", has_text="Excused").first.wait_for()
    assert button.get_attribute("aria-pressed") == "true"
    page.reload()
    assert page.get_by_role("button", name="Excused: Demo Participant 01").get_attribute("aria-pressed") == "true"
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390


@pytest.mark.browser
def test_attendance_sheet_works_without_javascript(browser, live_server):
    context = browser.new_context(base_url=live_server, java_script_enabled=False)
    page = context.new_page()
    try:
        open_first_sheet(page)
        page.get_by_label("Find a participant").fill("Participant 02")
        page.get_by_role("button", name="Search").click()
        page.get_by_role("button", name="Late: Demo Participant 02").click()
        assert page.get_by_role("button", name="Late: Demo Participant 02").get_attribute("aria-pressed") == "true"
        page.get_by_label("Full name").fill("Demo Walk-in Browser")
        page.get_by_role("button", name="Add and mark present").click()
        assert "Demo Walk-in Browser added and marked present." in page.content()
    finally:
        context.close()


@pytest.mark.browser
def test_import_preview_shows_errors_then_imports_a_corrected_sheet(page):
    sign_in(page, "coordinator@example.com")
    page.goto("/events/")
    page.get_by_role("link", name=VIENNA).click()
    page.get_by_role("link", name="Import a sign-in sheet").click()
    bad = "ФИО,E-mail,День 1\nDemo Sheet Person,broken-address,+\n".encode()
    page.get_by_label("Sign-in sheet (CSV or XLSX)").set_input_files(
        {"name": "sheet.csv", "mimeType": "text/csv", "buffer": bad}
    )
    page.get_by_role("button", name="Preview").click()
    assert page.get_by_role("heading", name="Errors to correct").count() == 1
    assert page.get_by_role("button", name="Import all rows").count() == 0
    page.get_by_role("link", name="Upload a corrected file").click()
    good = "ФИО,E-mail,День 1\nDemo Sheet Person,sheet.person@example.org,+\n".encode()
    page.get_by_label("Sign-in sheet (CSV or XLSX)").set_input_files(
        {"name": "sheet.csv", "mimeType": "text/csv", "buffer": good}
    )
    page.get_by_role("button", name="Preview").click()
    page.get_by_role("button", name="Import all rows").click()
    assert "Imported: 1 new people" in page.content()
    assert page.get_by_role("link", name="Demo Sheet Person").count() == 1
