import filecmp
from pathlib import Path

import pytest

from app.content.files import (
    ContentError,
    ContentTree,
    CourseFile,
    ImageFile,
    Problem,
    course_files,
    load_tree,
    validate_tree,
    write_tree,
)
from app.content.files import quizzes as quiz_files
from app.content.files.yamlfile import parse_yaml

REPOSITORY = Path(__file__).resolve().parents[2]
EXAMPLE_COURSE = REPOSITORY / "courses" / "example-course"
FIXTURES = Path(__file__).resolve().parent / "fixtures"

BROKEN_PROBLEMS = [
    "01-basics/01-intro.md:3: 'estimated_minutes' must be a whole number 1..240, got 0",
    "01-basics/01-intro.md:7: broken internal link '03-intro.md#nope' (no such lesson or heading)",
    "01-basics/01-intro.md:7: broken internal link '05-nowhere.md' (no such lesson or heading)",
    "01-basics/01-intro.md:9: missing image '../images/missing.png' (images live in the course's images/ folder)",
    "01-basics/01-intro.md:11: broken internal link '../../outside.md' (no such lesson or heading)",
    "01-basics/02-no-front-matter.md:1: lesson without front matter: the file must start with a '---' line",
    "01-basics/02-second.md:1: duplicate position 02 (also 02-no-front-matter.md)",
    "01-basics/03-intro.md:1: duplicate slug 'intro' (also 01-intro.md)",
    "01-basics/04-bad-yaml.md:3: invalid YAML: expected ',' or ']', but got '<stream end>'",
    "01-basics/05-orphan.ru.md:1: translation without an original (expected 05-orphan.md)",
    "01-basics/06-Bad_Slug.md:1: bad slug 'Bad_Slug': use kebab-case (a-z, 0-9, '-')",
    "01-basics/notes.txt:1: unexpected file (expected module.yml, NN-slug.md, quiz-slug.yml)",
    "01-basics/quiz-check.yml:2: 'pass_mark' must be a whole number 0..100, got 170",
    "01-basics/quiz-check.yml:3: unknown key 'grade'",
    "01-basics/quiz-check.yml:9: duplicate question id 'same' (first on line 5)",
    "02-basics:1: duplicate slug 'basics' (also 01-basics)",
    "02-basics/module.yml:1: missing required key 'title'",
    "3-extra:1: position '3' must have two digits (01-99)",
    "course.de.yml:1: unknown language code 'de' (expected en, ru, kk)",
    "course.yml:1: missing required key 'summary'",
    "course.yml:2: 'language' must be one of en, ru, kk, got 'de'",
    "course.yml:3: 'status' must be one of published, draft, got 'live'",
    "course.yml:4: unknown key 'colour'",
    "course.yml:5: 'estimated_hours' must be a number above 0, got -2",
    "images/evil.svg:1: SVG images must not contain scripts, event handlers or javascript: links",
]


def _write(root: Path, files: dict[str, str]) -> Path:
    for relative, text in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def _course(tmp_path: Path, extra: dict[str, str]) -> Path:
    """A valid one-lesson course in tmp_path/c, plus or overriding `extra` files."""
    files = {
        "course.yml": "title: C\nsummary: S\nlanguage: en\n",
        "01-m/module.yml": "title: M\n",
        "01-m/01-l.md": "---\ntitle: L\nestimated_minutes: 5\n---\n# Part\n",
    }
    return _write(tmp_path / "c", files | extra)


def _messages(problems: list[Problem], root: Path) -> list[str]:
    return [str(problem).removeprefix(f"{root}/") for problem in problems]


def test_validate_tree_accepts_the_example_course() -> None:
    assert validate_tree(EXAMPLE_COURSE) == []


def test_validate_tree_accepts_the_good_fixture() -> None:
    assert validate_tree(FIXTURES / "good") == []


def test_validate_tree_reports_every_problem_of_the_broken_fixture_at_its_line() -> None:
    root = FIXTURES / "broken" / "broken-course"

    assert _messages(validate_tree(FIXTURES / "broken"), root) == BROKEN_PROBLEMS


def test_problem_prints_as_file_line_message() -> None:
    assert str(Problem("courses/c/course.yml", 3, "unknown key 'x'")) == "courses/c/course.yml:3: unknown key 'x'"


def test_validate_tree_reports_yaml_errors_at_the_yaml_line(tmp_path: Path) -> None:
    root = _course(tmp_path, {"01-m/module.yml": "title: M\nsummary: [unclosed\nother: 1\n"})

    problems = _messages(validate_tree(root), root)

    assert len(problems) == 1 and problems[0].startswith("01-m/module.yml:3: invalid YAML:")


def test_validate_tree_reports_duplicate_yaml_keys(tmp_path: Path) -> None:
    root = _course(tmp_path, {"01-m/module.yml": "title: M\ntitle: N\n"})

    assert _messages(validate_tree(root), root) == ["01-m/module.yml:2: duplicate key 'title'"]


def test_validate_tree_reports_wrong_lesson_values_at_their_lines(tmp_path: Path) -> None:
    lesson = "---\ntitle: L\nestimated_minutes: 5.5\nstatus: hidden\nauthor: me\n---\nText\n"
    root = _course(tmp_path, {"01-m/01-l.md": lesson})

    assert _messages(validate_tree(root), root) == [
        "01-m/01-l.md:3: 'estimated_minutes' must be a whole number 1..240, got 5.5",
        "01-m/01-l.md:4: 'status' must be one of published, draft, got 'hidden'",
        "01-m/01-l.md:5: unknown key 'author'",
    ]


def test_validate_tree_reports_unclosed_front_matter(tmp_path: Path) -> None:
    root = _course(tmp_path, {"01-m/01-l.md": "---\ntitle: L\n"})

    assert _messages(validate_tree(root), root) == ["01-m/01-l.md:1: front matter is not closed by a '---' line"]


def test_validate_tree_reports_translation_problems(tmp_path: Path) -> None:
    extra = {
        "course.en.yml": "title: Same language\n",
        "01-m/01-l.xx.md": "---\ntitle: L\n---\n",
        "01-m/module.ru.yml": "title: М\ncolour: red\n",
    }
    root = _course(tmp_path, extra)

    assert _messages(validate_tree(root), root) == [
        "01-m/01-l.xx.md:1: unknown language code 'xx' (expected en, ru, kk)",
        "01-m/module.ru.yml:2: unknown key 'colour'",
        "course.en.yml:1: translation into the course language 'en': edit the original instead",
    ]


def test_validate_tree_checks_links_in_translations_against_translated_headings(tmp_path: Path) -> None:
    extra = {
        "01-m/02-other.md": "---\ntitle: O\nestimated_minutes: 5\n---\n[ok](01-l.md#part)\n",
        "01-m/01-l.ru.md": "---\ntitle: Л\n---\n# Часть\n",
        "01-m/02-other.ru.md": "---\ntitle: Д\n---\n[да](01-l.md#часть)\n\n[нет](01-l.md#part)\n",
    }
    root = _course(tmp_path, extra)

    assert _messages(validate_tree(root), root) == [
        "01-m/02-other.ru.md:6: broken internal link '01-l.md#part' (no such lesson or heading)"
    ]


def test_validate_tree_reports_unsafe_links(tmp_path: Path) -> None:
    root = _course(tmp_path, {"01-m/01-l.md": "---\ntitle: L\nestimated_minutes: 5\n---\n[x](javascript:alert(1))\n"})

    assert _messages(validate_tree(root), root) == [
        "01-m/01-l.md:5: unsafe link 'javascript:alert(1)' will be removed (only http, https, mailto)"
    ]


WRONG_WHEN = "'when' must be one of after_attempt, after_pass, after_close, never, got 'sometimes'"
QUIZ = "title: Q\npass_mark: 50\ndraw: 3\nreview:\n  when: sometimes\nquestions:\n  - id: a\n    kind: x\n"


def test_validate_tree_reports_quiz_settings_problems(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(quiz_files, "question_validator", lambda: None)
    root = _course(tmp_path, {"01-m/quiz-q.yml": QUIZ})

    assert _messages(validate_tree(root), root) == [
        "01-m/quiz-q.yml:3: 'draw' is 3 but the quiz has only 1 questions",
        f"01-m/quiz-q.yml:5: {WRONG_WHEN}",
    ]


def test_validate_tree_prefixes_question_checks_with_the_question_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def fake_validator(question: dict) -> list[str]:
        return [f"unknown kind {question['kind']!r}"]

    monkeypatch.setattr(quiz_files, "question_validator", lambda: fake_validator)
    root = _course(tmp_path, {"01-m/quiz-q.yml": QUIZ.replace("draw: 3\n", "")})

    assert _messages(validate_tree(root), root) == [
        f"01-m/quiz-q.yml:4: {WRONG_WHEN}",
        "01-m/quiz-q.yml:6: question 'a': unknown kind 'x'",
    ]


def test_validate_tree_checks_quiz_translations_against_the_original(tmp_path: Path) -> None:
    quiz = (
        "title: Q\npass_mark: 50\nquestions:\n  - id: a\n    kind: single_choice\n    prompt: P\n"
        "    options:\n      - text: Sure\n        correct: true\n      - text: Never\n"
    )
    translation = (
        "title: В\nquestions:\n  - id: a\n    options:\n      - text: Конечно\n"
        "  - id: zz\n    prompt: П\n  - id: a\n    kind: other\n"
    )
    root = _course(tmp_path, {"01-m/quiz-q.yml": quiz, "01-m/quiz-q.ru.yml": translation})

    assert _messages(validate_tree(root), root) == [
        "01-m/quiz-q.ru.yml:3: question 'a': 'options' must list as many items as the original",
        "01-m/quiz-q.ru.yml:6: translated question must have the 'id' of a question of the original",
        "01-m/quiz-q.ru.yml:8: question 'a': 'kind' cannot be translated "
        "(translatable: prompt, feedback, feedback_true, feedback_false, options, answers, pairs, items)",
    ]


def test_validate_tree_lets_translations_repeat_but_not_change_untranslatable_values(tmp_path: Path) -> None:
    quiz = (
        "title: Q\npass_mark: 50\nquestions:\n  - id: n\n    kind: numeric\n    prompt: P\n"
        "    answers:\n      - value: 7\n      - value: 70\n        credit: 0\n"
    )
    translation = (
        "questions:\n  - id: n\n    answers:\n      - value: 7\n        feedback: Да\n"
        "      - value: 71\n        feedback: Нет\n"
    )
    root = _course(tmp_path, {"01-m/quiz-q.yml": quiz, "01-m/quiz-q.ru.yml": translation})

    assert _messages(validate_tree(root), root) == [
        "01-m/quiz-q.ru.yml:2: question 'n': 'answers' item 2: "
        "'value' cannot be translated; repeat the original's value or leave it out"
    ]


def test_validate_tree_reports_missing_course_and_module_files(tmp_path: Path) -> None:
    root = _write(tmp_path / "courses", {"c/01-m/01-l.md": "---\ntitle: L\nestimated_minutes: 5\n---\n"})

    assert _messages(validate_tree(root), root) == [
        "c/01-m/module.yml:1: missing module.yml",
        "c/course.yml:1: missing course.yml",
    ]


def test_load_tree_raises_content_error_with_every_problem() -> None:
    with pytest.raises(ContentError) as raised:
        load_tree(FIXTURES / "broken")

    assert len(raised.value.problems) == len(BROKEN_PROBLEMS)
    assert str(raised.value.problems[0]) in str(raised.value)


def test_load_tree_reads_the_example_course() -> None:
    course = load_tree(EXAMPLE_COURSE).courses[0]
    first, second = course.modules
    quiz = first.quizzes[0]

    assert (course.slug, course.language, course.estimated_hours) == ("example-course", "en", 1)
    assert [translation.language for translation in course.translations] == ["ru"]
    assert [(lesson.position, lesson.slug, lesson.status) for lesson in first.lessons] == [
        (1, "signing-in", "published"),
        (2, "finding-a-course", "published"),
        (3, "getting-help", "draft"),
    ]
    assert first.lessons[0].translations[0].title == "Вход в систему и ваш профиль"
    assert first.lessons[0].body.startswith("# Signing in\n")
    assert second.position == 2 and second.translations == ()
    assert course.images[0].path == "images/course-page.svg" and course.images[0].mime == "image/svg+xml"
    kinds = [question.data["kind"] for question in quiz.questions]
    assert kinds == [
        "single_choice",
        "multiple_choice",
        "true_false",
        "numeric",
        "short_text",
        "matching",
        "ordering",
    ]
    assert [question.line for question in quiz.questions][:2] == [13, 24]
    assert (quiz.draw, quiz.review.show) == (6, ("score", "correctness", "feedback"))


@pytest.mark.parametrize("source", [EXAMPLE_COURSE, FIXTURES / "good"], ids=["example", "good-fixture"])
def test_write_tree_then_load_tree_is_a_fixed_point(source: Path, tmp_path: Path) -> None:
    tree = load_tree(source)

    write_tree(tree, tmp_path / "first")
    reloaded = load_tree(tmp_path / "first")
    write_tree(reloaded, tmp_path / "second")

    assert reloaded == tree
    comparison = filecmp.dircmp(tmp_path / "first", tmp_path / "second")
    assert _all_identical(comparison)


def _all_identical(comparison: filecmp.dircmp) -> bool:
    if comparison.left_only or comparison.right_only or comparison.diff_files or comparison.funny_files:
        return False
    return all(_all_identical(sub) for sub in comparison.subdirs.values())


def test_write_tree_keeps_images_byte_for_byte(tmp_path: Path) -> None:
    write_tree(load_tree(FIXTURES / "good"), tmp_path)

    original = FIXTURES / "good" / "tiny-course" / "images" / "dot.png"
    assert (tmp_path / "tiny-course" / "images" / "dot.png").read_bytes() == original.read_bytes()


def test_write_tree_refuses_to_overwrite_unless_asked(tmp_path: Path) -> None:
    tree = load_tree(FIXTURES / "good")
    write_tree(tree, tmp_path)
    (tmp_path / "tiny-course" / "stale.md").write_text("old")

    with pytest.raises(FileExistsError):
        write_tree(tree, tmp_path)
    write_tree(tree, tmp_path, replace=True)

    assert not (tmp_path / "tiny-course" / "stale.md").exists()


def test_course_files_writes_keys_in_a_fixed_order_with_multiline_text_as_blocks() -> None:
    course = CourseFile(
        slug="c",
        title="Вода: курс",
        summary="Line one\nline two\n",
        language="ru",
        trainers=("t@example.org",),
        images=(ImageFile("images/a.png", b"\x89PNG\x00", "image/png"),),
    )

    files = course_files(course)

    assert files["course.yml"].decode() == (
        "title: 'Вода: курс'\nsummary: |\n  Line one\n  line two\nlanguage: ru\nstatus: published\n"
        "trainers:\n  - t@example.org\n"
    )
    assert files["images/a.png"] == b"\x89PNG\x00"
    assert course_files(CourseFile(slug="c", title="T", summary="S", language="en")).keys() == {"course.yml"}


def test_load_tree_of_an_empty_folder_is_empty(tmp_path: Path) -> None:
    assert load_tree(tmp_path) == ContentTree()


def test_parse_yaml_records_the_line_of_keys_and_items() -> None:
    document, problems = parse_yaml("a: 1\nlist:\n  - x: 1\n  - x: 2\n    y: 3\n", "f.yml", first_line=10)

    assert problems == [] and document is not None
    assert document.line("a") == 10
    assert document.line("list", 1) == 13
    assert document.line("list", 1, "y") == 14
    assert document.line("list", 1, "missing") == 13
