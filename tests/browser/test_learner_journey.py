"""A new learner finds a course, enrols, reads a lesson, marks it done and sees the progress."""

import pytest

COURSE_TITLE = "How to use Water Academy"


def sign_up(page, email):
    page.goto("/signup")
    page.get_by_label("Name").fill("Journey Learner")
    page.get_by_label("E-mail").fill(email)
    page.get_by_label("Password", exact=True).fill("journey-password-1")
    page.get_by_label("Repeat the password").fill("journey-password-1")
    page.get_by_role("button", name="Create account").click()


@pytest.mark.browser
def test_learner_enrols_reads_a_lesson_and_sees_progress(page):
    sign_up(page, "journey.learner@example.org")
    page.locator("header").get_by_role("link", name="Courses").click()
    page.get_by_role("link", name=COURSE_TITLE).click()
    page.get_by_role("button", name="Enrol", exact=True).click()
    assert "You are enrolled" in page.content()
    page.get_by_role("link", name="Finding and enrolling in a course").click()
    assert page.locator("article.lesson > h1").inner_text() == "Finding and enrolling in a course"
    assert page.locator(".lesson-body img").count() == 1
    page.get_by_role("button", name="Mark as done").click()
    assert "Lesson marked as done." in page.content()
    page.locator("header").get_by_role("link", name="My learning").click()
    progress_label = page.get_by_text("1 of")
    assert "lessons done" in progress_label.inner_text()
    assert page.locator("progress").get_attribute("value") != "0"
