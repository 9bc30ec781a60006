"""Reading answers from the attempt form: only the kinds in READ_WITH_VIEW look at the learner view."""

import pytest
from werkzeug.datastructures import MultiDict

from app.quizzes.forms import ANSWER_READERS, READ_WITH_VIEW


class UntouchableView(dict):
    def __getitem__(self, key):
        raise AssertionError(f"the reader looked at the view ({key!r})")

    get = __getitem__
    __contains__ = __getitem__
    __iter__ = __getitem__


@pytest.mark.parametrize("kind", sorted(set(ANSWER_READERS) - READ_WITH_VIEW))
def test_kinds_outside_read_with_view_never_look_at_the_view(kind):
    form = MultiDict([("q-k", "2"), ("q-k", "3"), ("q-k-0", "1")])
    ANSWER_READERS[kind]("k", UntouchableView(), form)  # submitting skips making their views


def test_kinds_read_with_view_use_it():
    form = MultiDict([("q-k-0", "2"), ("q-k-1", "1")])
    assert ANSWER_READERS["ordering"]("k", {"items": [{"index": 0}, {"index": 1}]}, form) == [1, 0]
    assert ANSWER_READERS["matching"]("k", {"left": [{"index": 0}]}, form) == {"0": 2}
