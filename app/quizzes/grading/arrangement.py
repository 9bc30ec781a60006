"""matching and ordering: items the learner arranges, presented in a seeded order.

``public_view(question, seed)`` shows matching's right-hand items and ordering's items shuffled, each
with ``index`` = its position on screen, so nothing sent reveals the key. Responses use those
positions, and ``grade(question, response, seed=...)`` must get the same seed to map them back.

* matching: response ``{left_index: right_position}`` (keys may be digit strings, as JSON sends them);
  credit = correct pairs / pairs. A right item whose text equals the expected one counts as correct.
* ordering: response is the list of positions in the learner's order, each exactly once. Credit is
  (L - 1) / (n - 1), where L is the longest run of items in the right relative order (not necessarily
  adjacent). Unlike "fraction in the right place", one item moved from the end to the front costs
  one item, not all of them; a reversed list gets 0. Items are never presented already in order.
"""

from bisect import bisect_left
from collections.abc import Mapping
from typing import Any

from .core import (
    GradingInputError,
    Outcome,
    Question,
    list_of,
    parse_index,
    presentation_order,
    register_grader,
    register_public_view,
    register_validator,
    text_of,
    unanswered,
)
from .messages import _
from .validation import check_keys, check_text, mapping_entries

MATCHING_KEYS = frozenset({"pairs"})
PAIR_KEYS = frozenset({"left", "right"})
ORDERING_KEYS = frozenset({"items"})


def _right_texts(question: Question) -> list[str]:
    return [(text_of(pair, "right") or "").strip() for pair in list_of(question, "pairs")]


@register_grader("matching")
def grade_matching(question: Question, response: object, seed: int) -> Outcome:
    """Credit per correctly matched left item; unmatched ones score nothing."""
    if not isinstance(response, Mapping):
        raise GradingInputError(_("Match each item on the left with one on the right."))
    rights = _right_texts(question)
    if len(response) > len(rights):
        raise GradingInputError(_("Match each item on the left only once."))
    order = presentation_order(question, seed, len(rights), "right")
    matched: dict[int, int] = {}
    for left_key, right_position in response.items():
        left = parse_index(left_key, len(rights), "item on the left")
        if right_position is not None and right_position != "":
            matched[left] = order[parse_index(right_position, len(rights), "item on the right")]
    if not matched:
        return unanswered()
    correct = sum(rights[right] == rights[left] for left, right in matched.items())
    feedback = [_("%(correct)d of %(total)d pairs are correct.", correct=correct, total=len(rights))]
    return Outcome(correct / len(rights), feedback, {"answered": True, "pairs": matched, "correct_pairs": correct})


@register_grader("ordering")
def grade_ordering(question: Question, response: object, seed: int) -> Outcome:
    """Credit from the longest run of items in the right relative order (see module docstring)."""
    if not isinstance(response, list | tuple):
        raise GradingInputError(_("Put the items in order."))
    if not response:
        return unanswered()
    count = len(list_of(question, "items"))
    if len(response) != count:
        raise GradingInputError(_("Put every item in order, each one once."))
    positions = [parse_index(position, count, "item") for position in response]
    if len(set(positions)) != count:
        raise GradingInputError(_("Put every item in order, each one once."))
    order = _ordering_presentation(question, seed, count)
    sequence = [order[position] for position in positions]
    longest = _longest_increasing_run(sequence)
    credit = 1.0 if count == 1 else (longest - 1) / (count - 1)
    feedback = [
        _("%(longest)d of %(total)d items are in the right order relative to each other.", longest=longest, total=count)
    ]
    return Outcome(credit, feedback, {"answered": True, "order": sequence, "longest_ordered_run": longest})


def _longest_increasing_run(sequence: list[int]) -> int:
    """Length of the longest strictly increasing subsequence (patience sorting, O(n log n))."""
    tails: list[int] = []
    for item in sequence:
        slot = bisect_left(tails, item)
        tails[slot : slot + 1] = [item]
    return len(tails)


def _ordering_presentation(question: Question, seed: int, count: int) -> list[int]:
    """The seeded order of items on screen, rotated if it happens to be the answer itself."""
    order = presentation_order(question, seed, count, "items")
    if count > 1 and order == sorted(order):
        return order[1:] + order[:1]
    return order


@register_validator("matching", keys=MATCHING_KEYS)
def validate_matching(question: Question) -> list[str]:
    """At least two pairs, each with left and right text, no left text twice."""
    pairs, problems = mapping_entries(question, "pairs", "pair", minimum=2)
    seen: set[str] = set()
    for number, pair in enumerate(pairs, start=1):
        if not isinstance(pair, Mapping):
            continue
        where = f"pair {number}"
        problems += check_keys(pair, PAIR_KEYS, where)
        problems += check_text(pair, "left", where) + check_text(pair, "right", where)
        left = (text_of(pair, "left") or "").strip()
        if left and left in seen:
            problems.append(f"{where}: left text {left!r} appears twice")
        seen.add(left)
    return problems


@register_validator("ordering", keys=ORDERING_KEYS)
def validate_ordering(question: Question) -> list[str]:
    """At least two items, each non-empty text, none repeated."""
    items = question.get("items")
    if not isinstance(items, list) or len(items) < 2:
        return ["'items' must be a list of at least 2 texts, in the correct order"]
    problems: list[str] = []
    for number, item in enumerate(items, start=1):
        if not isinstance(item, str) or not item.strip():
            problems.append(f"item {number}: must be non-empty text")
        elif items.index(item) != number - 1:
            problems.append(f"item {number}: {item!r} appears twice, so the order would be ambiguous")
    return problems


@register_public_view("matching")
def _public_matching(question: Question, seed: int, shuffle_options: bool) -> dict[str, Any]:
    """Left items in file order, right items in the seeded order."""
    pairs = list_of(question, "pairs")
    lefts = [{"index": index, "text": text_of(pair, "left") or ""} for index, pair in enumerate(pairs)]
    order = presentation_order(question, seed, len(pairs), "right")
    rights = [{"index": position, "text": text_of(pairs[index], "right") or ""} for position, index in enumerate(order)]
    return {"left": lefts, "right": rights}


@register_public_view("ordering")
def _public_ordering(question: Question, seed: int, shuffle_options: bool) -> dict[str, Any]:
    """Items in the seeded order, never the correct one."""
    items = list_of(question, "items")
    order = _ordering_presentation(question, seed, len(items))
    return {"items": [{"index": position, "text": str(items[index])} for position, index in enumerate(order)]}
