"""Finding people who are probably the same person: name parsing, pair scoring and blocking.

Pure functions, no database. The score is a plain sum of evidence weights clamped to 0..1, so every
number can be explained to the coordinator by the evidence strings that come with it.
"""

from __future__ import annotations

from app.events.matching.blocking import (
    DEFAULT_THRESHOLD,
    Candidate,
    PersonIndex,
    build_index,
    find_candidate_pairs,
    suggest_matches,
)
from app.events.matching.names import ParsedName, parse_name
from app.events.matching.scoring import (
    STRONG_MATCH,
    MatchScore,
    PersonRecord,
    normalise_email,
    normalise_phone,
    score_pair,
)

__all__ = [
    "DEFAULT_THRESHOLD",
    "STRONG_MATCH",
    "Candidate",
    "MatchScore",
    "ParsedName",
    "PersonIndex",
    "PersonRecord",
    "build_index",
    "find_candidate_pairs",
    "normalise_email",
    "normalise_phone",
    "parse_name",
    "score_pair",
    "suggest_matches",
]
