"""Courses services: learning (learners), progress (pages, completion), authoring (trainers)."""
