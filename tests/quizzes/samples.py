"""A question of every kind, with distinctive answer and feedback texts the leak test looks for."""

from __future__ import annotations

from typing import Any

ALL_KINDS: list[dict[str, Any]] = [
    {
        "id": "basin-unit",
        "kind": "single_choice",
        "prompt": "Which unit does the **WFD** manage water by?",
        "options": [
            {"text": "The river basin", "correct": True, "feedback": "SECRET-FEEDBACK-basin-right"},
            {"text": "The administrative region", "feedback": "SECRET-FEEDBACK-basin-wrong"},
        ],
        "feedback": "SECRET-GENERAL-basin",
    },
    {
        "id": "nutrients",
        "kind": "multiple_choice",
        "prompt": "Which are nutrients?",
        "options": [
            {"text": "Nitrate", "correct": True},
            {"text": "Phosphate", "correct": True},
            {"text": "Mercury", "feedback": "SECRET-FEEDBACK-mercury"},
        ],
    },
    {
        "id": "wfd-2000",
        "kind": "true_false",
        "prompt": "The WFD was adopted in 2000.",
        "answer": True,
        "feedback_true": "SECRET-FEEDBACK-tf-true",
        "feedback_false": "SECRET-FEEDBACK-tf-false",
    },
    {
        "id": "nitrate-limit",
        "kind": "numeric",
        "prompt": "Nitrate limit in drinking water?",
        "unit": "mg/l",
        "unit_policy": "optional",
        "answers": [
            {"value": 50.125, "tolerance": 0.5, "feedback": "SECRET-FEEDBACK-numeric-right"},
            {"value": 11.3, "credit": 0, "feedback": "SECRET-FEEDBACK-numeric-as-nitrogen"},
        ],
    },
    {
        "id": "sea-name",
        "kind": "short_text",
        "prompt": "Which sea do the Amu Darya and Syr Darya feed?",
        "transliterate": True,
        "answers": [{"text": "Aralsecretsea", "feedback": "SECRET-FEEDBACK-text"}],
    },
    {
        "id": "match-units",
        "kind": "matching",
        "prompt": "Match each parameter with its unit.",
        "pairs": [
            {"left": "Conductivity", "right": "µS/cm"},
            {"left": "Temperature", "right": "°C"},
            {"left": "Turbidity", "right": "NTU"},
        ],
    },
    {
        "id": "treatment-order",
        "kind": "ordering",
        "prompt": "Put the treatment steps in order.",
        "items": ["Screening", "Primary settling", "Biological treatment", "Disinfection"],
    },
]

SECRETS = ["SECRET-", "50.125", "Aralsecretsea", "11.3"]


def right_form_answers(view_by_key: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """Grader-shaped right answers, given each question's public view (for shuffled positions)."""
    match = view_by_key["match-units"]
    rights = {item["text"]: item["index"] for item in match["right"]}
    order = view_by_key["treatment-order"]
    positions = {item["text"]: item["index"] for item in order["items"]}
    return {
        "basin-unit": 0,
        "nutrients": [0, 1],
        "wfd-2000": True,
        "nitrate-limit": "50,1 mg/l",
        "sea-name": "aralsecretsea",
        "match-units": {"0": rights["µS/cm"], "1": rights["°C"], "2": rights["NTU"]},
        "treatment-order": [
            positions[text] for text in ("Screening", "Primary settling", "Biological treatment", "Disinfection")
        ],
    }
