"""A trainer edits a lesson, previews it, saves it, finds the revision and restores the old text."""

import pytest

from tests.browser.conftest import sign_in

LESSON = "Getting help"


@pytest.mark.browser
def test_trainer_edits_previews_saves_and_restores_a_lesson(page):
    sign_in(page, "trainer@example.com")
    page.wait_for_url("**/courses/manage/")
    page.get_by_role("link", name="How to use Water Academy").click()
    page.get_by_role("link", name=LESSON, exact=True).click()
    editor = page.get_by_label("Text (Markdown)")
    original = editor.input_value()
    editor.fill("## Brand-new section\n\nWritten in the browser.")
    page.get_by_role("button", name="Preview").click()
    assert page.get_by_role("heading", name="Brand-new section").count() == 1
    assert page.get_by_label("Text (Markdown)").input_value().startswith("## Brand-new section")
    page.get_by_role("button", name="Save and publish").click()
    assert "Lesson saved and published." in page.content()
    page.get_by_role("link", name="Revision history").click()
    page.get_by_role("button", name="Compare").click()
    assert "Brand-new section" in page.locator("table.diff").inner_text().replace("\xa0", " ")
    page.go_back()
    page.get_by_role("button", name="Restore revision 1").click()
    assert "Revision 1 restored as a new revision." in page.content()
    page.get_by_role("link", name=LESSON).click()
    assert page.get_by_label("Text (Markdown)").input_value().strip() == original.strip()
