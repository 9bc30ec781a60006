"""Demo courses: every valid course of `courses/`, the demo trainer on all, the learner enrolled."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.auth import services as auth_services
from app.content.sync import sync_folder
from app.courses.models import Course, CourseTrainer
from app.courses.services import learning

COURSES_FOLDER = Path(__file__).resolve().parent.parent.parent / "courses"
DEMO_TRAINER = "trainer@example.com"
DEMO_LEARNER = "learner@example.com"
DEMO_COURSE = "example-course"


def load_demo_courses(session: Session, folder: Path = COURSES_FOLDER) -> list[str]:
    """Sync the valid courses (invalid ones are reported, not loaded) and set up the demo accounts."""
    report, invalid = sync_folder(session, folder, skip_invalid=True)
    lines = report.lines + [f"not loaded (invalid): {problem}" for problem in invalid]
    trainer = auth_services.get_user_by_email(session, DEMO_TRAINER)
    courses = list(session.scalars(select(Course)))
    if trainer is not None:
        for course in courses:
            if trainer.id not in course.trainer_ids:
                course.trainer_links.append(CourseTrainer(user_id=trainer.id))
        lines.append(f"{DEMO_TRAINER} trains every course")
    learner = auth_services.get_user_by_email(session, DEMO_LEARNER)
    example = next((course for course in courses if course.slug == DEMO_COURSE), None)
    if learner is not None and example is not None:
        learning.enrol(session, example, learner.id)
        lines.append(f"{DEMO_LEARNER} enrolled in {DEMO_COURSE}")
    return lines
