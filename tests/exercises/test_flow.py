"""A trainer's YAML-only exercise: validate, sync, take it, be graded, see the working; no leaks before."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from app.content.export import export_tree
from app.content.files import validate_tree
from app.content.sync import sync_folder
from app.courses.models import Course
from app.quizzes.models import Question, Quiz
from tests.exercises.conftest import write_course

# Talas, 2025: SO4 110, 136, 118.25, 116.5, 123.2, 112, 108.02 mg/l; fishery MPC 100 mg/l -> 136 / 100
QUIZ_YAML = """\
title: Talas sulphate
pass_mark: 50
review:
  when: after_attempt
  show: [score, correctness, feedback, answer]
questions:
  - id: talas-multiple
    kind: computed
    prompt: How many times the fishery MPC is the highest 2025 sulphate value of the Talas?
    compute: {function: max_multiple, station: KZ-TALAS, parameter: SO4, period: 2025, standard: AQM_FISHERY}
    relative_tolerance: 0.01
  - id: talas-exceeding
    kind: computed
    prompt: Which substances exceed their fishery MPC in 2025?
    compute: {function: exceeding_substances, station: KZ-TALAS, period: 2025, standard: AQM_FISHERY}
    options: [SO4, Cu, Zn]
"""
SECRETS = ("1.36", "136 / 100", "AQM_README", "correct", "worst substance")


@pytest.fixture()
def exercise(river_data, tmp_path, make, login_as):
    folder = write_course(tmp_path, QUIZ_YAML)
    report, invalid = sync_folder(river_data, folder)
    assert invalid == [] and any("quiz created" in line for line in report.lines)
    quiz = river_data.scalar(select(Quiz).where(Quiz.slug == "case"))
    learner = make.user()
    make.enrolment(river_data.scalar(select(Course).where(Course.slug == "trainer-course")), learner)
    login_as(learner)
    return quiz


def _start(client, quiz) -> int:
    response = client.post(f"/quizzes/{quiz.id}/start")
    assert response.status_code == 302
    return int(re.search(r"/attempts/(\d+)", response.headers["Location"]).group(1))


def _option_value(page: str, label: str) -> str:
    pattern = r'name="q-talas-exceeding" value="(\d+)"[^>]*>\s*<label for="[^"]+">' + re.escape(label)
    return re.search(pattern, page).group(1)


def test_sync_stores_the_answer_computed_from_the_data(exercise):
    questions = {question.key: question.definition for question in exercise.questions}
    assert questions["talas-multiple"]["resolved"]["value"] == pytest.approx(1.36)
    options = questions["talas-exceeding"]["resolved"]["options"]
    assert [(option["code"], option["correct"]) for option in options] == [("SO4", True), ("Cu", True), ("Zn", False)]


def test_pages_before_submission_hold_no_computed_answer(client, exercise):
    pages = [client.get(f"/quizzes/{exercise.id}").get_data(as_text=True)]
    attempt_id = _start(client, exercise)
    pages.append(client.get(f"/quizzes/attempts/{attempt_id}").get_data(as_text=True))
    assert "sulphate (SO4)" in pages[1] and 'inputmode="decimal"' in pages[1]
    for page in pages:
        for secret in SECRETS:
            assert secret not in page


def test_learner_is_graded_and_sees_the_working(client, exercise):
    attempt_id = _start(client, exercise)
    page = client.get(f"/quizzes/attempts/{attempt_id}").get_data(as_text=True)
    form = {
        "q-talas-multiple": "1,36",
        "q-talas-exceeding": [_option_value(page, "sulphate (SO4)"), _option_value(page, "copper (Cu)")],
    }
    response = client.post(f"/quizzes/attempts/{attempt_id}/submit", data=form)
    assert response.status_code == 302
    result = client.get(f"/quizzes/attempts/{attempt_id}/result").get_data(as_text=True)
    assert "Score: 2 of 2" in result
    assert "136 / 100 = 1.36" in result  # the working's last step
    assert "AQM_FISHERY" in result and "AQM_KZH2025" in result and "2025-04" in result
    assert "worst substance" in result  # the SOURCES.md caveat travels with the answer


def test_a_wrong_number_scores_nothing(client, exercise):
    attempt_id = _start(client, exercise)
    client.post(f"/quizzes/attempts/{attempt_id}/submit", data={"q-talas-multiple": "1.2"})
    result = client.get(f"/quizzes/attempts/{attempt_id}/result").get_data(as_text=True)
    assert "Score: 0 of 2" in result


def test_export_leaves_the_computed_answer_out(river_data, exercise):
    tree = export_tree(river_data, ["trainer-course"])
    exported = tree.courses[0].modules[0].quizzes[0].questions[0].data
    assert "resolved" not in exported and exported["compute"]["station"] == "KZ-TALAS"


def _validate(app, folder) -> list[str]:
    """`content validate` runs inside the app, which gives the reference check its database."""
    with app.app_context():
        return [str(problem) for problem in validate_tree(folder)]


def test_validate_reports_a_broken_reference_at_its_line(app, river_data, tmp_path):
    broken = QUIZ_YAML.replace("station: KZ-TALAS, parameter: SO4", "station: KZ-NOWHERE, parameter: SO4")
    broken = broken.replace(
        "period: 2025, standard: AQM_FISHERY}\n    options", "period: 2019, standard: AQM_FISHERY}\n    options"
    )
    problems = _validate(app, write_course(tmp_path, broken))
    assert any(
        re.search(r"quiz-case\.yml:7: question 'talas-multiple': unknown station 'KZ-NOWHERE'", line)
        for line in problems
    )
    # 2025 has copper and sulphate above the MPC; 2019 has no value, so "none" would be the answer
    assert any(
        "quiz-case.yml:12: question 'talas-exceeding': the data's answer (none) is not among" in line
        for line in problems
    )
    assert len(problems) == 2


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ("parameter: SO4, period: 2025", "unknown parameter 'SO5'"),
        ("standard: AQM_FISHERY}\n    relative", "unknown standard 'NO_SUCH_STANDARD'"),
        ("function: max_multiple", "unknown compute function 'wpi'"),
    ],
)
def test_validate_names_each_kind_of_broken_reference(app, river_data, tmp_path, change, message):
    replacement = {
        "parameter: SO4, period: 2025": "parameter: SO5, period: 2025",
        "standard: AQM_FISHERY}\n    relative": "standard: NO_SUCH_STANDARD}\n    relative",
        "function: max_multiple": "function: wpi",
    }[change]
    problems = _validate(app, write_course(tmp_path, QUIZ_YAML.replace(change, replacement)))
    assert any(message in line and "quiz-case.yml:7:" in line for line in problems)


def test_validate_explains_when_the_river_data_is_not_imported(app, db, tmp_path):
    problems = _validate(app, write_course(tmp_path, QUIZ_YAML))
    assert len(problems) == 2
    assert all(
        "river data has not been imported" in line and "flask --app app rivers import" in line for line in problems
    )


def test_the_question_editor_recomputes_and_hides_the_answer(river_data, exercise):
    from app.quizzes.services import authoring

    question = river_data.scalar(select(Question).where(Question.key == "talas-multiple"))
    text = authoring.question_yaml(question)
    assert "resolved" not in text
    authoring.update_question(river_data, question, text.replace("period: 2025", "period: '2025-04'"), actor_id=None)
    assert question.definition["resolved"]["value"] == pytest.approx(1.36)  # April 2025: 136 mg/l


def test_a_russian_learner_sees_options_and_working_in_russian(client, exercise):
    client.set_cookie("lang", "ru")
    attempt_id = _start(client, exercise)
    page = client.get(f"/quizzes/attempts/{attempt_id}").get_data(as_text=True)
    assert "сульфаты (SO4)" in page and "медь (Cu)" in page and "sulphate (SO4)" not in page
    form = {"q-talas-multiple": "1,36", "q-talas-exceeding": [_option_value(page, "сульфаты (SO4)")]}
    client.post(f"/quizzes/attempts/{attempt_id}/submit", data=form)
    result = client.get(f"/quizzes/attempts/{attempt_id}/result").get_data(as_text=True)
    assert "кратность = наибольшее значение за период / норматив" in result
    assert "136 / 100 = 1,36" in result  # the Russian decimal comma
    assert "худшее вещество каждого месяца" in result  # the caveat, in Russian too
    assert "highest value" not in result and "worst substance" not in result
