"""A learner takes the demo course's quiz (every question kind) end to end in a real browser."""

from __future__ import annotations

from tests.browser.conftest import sign_in

RIGHT_CHOICES = {
    "sign-in-address": ["The e-mail address you registered with"],
    "profile-fields": ["Your name", "Your interface language"],
    "drafts-hidden": ["False"],
}
RIGHT_TEXTS = {"points-to-pass": "7", "enrol-button": "Enrol"}
RIGHT_PAIRS = {
    "Courses page": "Choose a course and enrol",
    "Profile page": "Change your interface language",
    "Quiz page": "Answer questions and see your score",
}
RIGHT_ORDER = ["Sign in", "Enrol in the course", "Read the lessons", "Take the module quiz"]


def _answer_everything(page) -> int:
    """Answer every drawn question correctly; returns how many questions were on the page."""
    shown = 0
    for key, labels in RIGHT_CHOICES.items():
        question = page.locator(f"#question-{key}")
        if question.count():
            shown += 1
            for label in labels:
                question.get_by_label(label, exact=True).check()
    for key, text in RIGHT_TEXTS.items():
        if page.locator(f"#question-{key}").count():
            shown += 1
            page.locator(f"#q-{key}").fill(text)
    if page.locator("#question-page-areas").count():
        shown += 1
        for left, right in RIGHT_PAIRS.items():
            page.locator("#question-page-areas").get_by_label(left, exact=True).select_option(label=right)
    if page.locator("#question-course-steps").count():
        shown += 1
        for rank, item in enumerate(RIGHT_ORDER, start=1):
            page.locator("#question-course-steps").get_by_label(item, exact=True).fill(str(rank))
    return shown


def test_learner_takes_the_demo_quiz_end_to_end(page) -> None:
    sign_in(page, "learner@example.com")
    page.goto("/quizzes/course/example-course")
    page.get_by_role("link", name="Check your orientation").click()
    page.get_by_role("button", name="Start the quiz").click()
    assert "Right. Certificates" not in page.content()  # no feedback before submission
    assert _answer_everything(page) == 6  # the quiz draws six of its seven questions
    page.get_by_role("button", name="Save answers").click()
    assert page.get_by_text("Your answers are saved.").is_visible()
    assert page.locator("#q-points-to-pass, #q-enrol-button").first.input_value() in ("7", "Enrol")
    page.get_by_role("button", name="Submit for grading").click()
    assert page.get_by_text("(100.0%)").is_visible()
    assert page.get_by_text("Passed.").is_visible()
    page.go_back()
    page.reload()
    assert "Attempt 1 was submitted" in page.content()  # the submitted attempt redirects to its result
