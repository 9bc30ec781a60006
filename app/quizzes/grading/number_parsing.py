"""Numbers and intervals as learners and trainers type them.

Rules (they match how people in Kazakhstan and Central Asia write numbers):

* A single ``,`` or a single ``.`` is the decimal separator: ``0,05`` and ``0.05`` are equal, and
  ``1,250`` is 1.25 (the Russian/Kazakh decimal comma), never one thousand two hundred and fifty.
* Spaces, no-break and narrow no-break spaces and apostrophes group thousands: ``1 250,5``, ``12'000``.
  A mark that appears more than once (``1.250.000``) groups thousands too. When both ``,`` and ``.``
  appear, the last one is the decimal separator (``1,250.5`` and ``1.250,5``). Groups after the
  first must have three digits, so ``1 25`` is refused rather than guessed.
* Scientific notation: ``1.2e-3``, ``1,2E-3``, ``1,2·10^-3``, ``1.2×10**-3``, ``1.2 x 10⁻³``.
* A leading ``<``, ``&lt;``, ``≤``, ``<=``, ``менее``, ``меньше``, ``less than`` or ``below`` marks a
  value below the detection limit (``<0.05``).
* A trailing concentration unit (``0.05 mg/l``, ``50 мкг/л``) is recognised by ``app.units``.
* Significant figures are counted as typed: ``0.050`` has 2. Trailing zeros of a whole number
  without a decimal separator (``1200``) are ambiguous, so ``1200`` fits 2, 3 or 4 figures.
"""

import math
import re
from dataclasses import dataclass
from decimal import Decimal

from app.units import canonical_unit

from .core import GradingInputError
from .messages import _

MAX_NUMBER_LENGTH = 100

_CHARACTER_FOLDS = str.maketrans(
    {
        "\u00a0": " ",
        "\u202f": " ",
        "\u2009": " ",
        "\u2007": " ",
        "\t": " ",
        "−": "-",
        "–": "-",
        "’": "'",
        "ʼ": "'",
    }
)
_ENTITIES = (("&lt;=", "≤"), ("&le;", "≤"), ("&lt;", "<"), ("<=", "≤"))
_BELOW_DETECTION = re.compile(r"^(?:<|≤|менее|меньше|less\s+than|below)\s*", re.IGNORECASE)
_SIGN = re.compile(r"^([+-])\s*")
_MANTISSA = re.compile(r"^(?:\d+(?:[ '.,]\d+)*[.,]?|[.,]\d+)")
_SUPERSCRIPT_DIGITS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁻⁺", "0123456789-+")
_EXPONENT = re.compile(
    r"^\s*(?:[eE]\s*(?P<plain>[+-]?\d{1,3})"
    r"|[x×·⋅*]\s*10\s*(?:\^|\*\*)\s*(?P<caret>[+-]?\d{1,3})"
    r"|[x×·⋅*]\s*10(?P<superscript>[⁻⁺]?[⁰¹²³⁴⁵⁶⁷⁸⁹]{1,3}))"
)
_GROUP_MARKS = re.compile(r"[ '.,]")
_INFINITIES = {
    "inf": math.inf,
    "+inf": math.inf,
    "∞": math.inf,
    "+∞": math.inf,
    "-inf": -math.inf,
    "-∞": -math.inf,
}


@dataclass(frozen=True)
class ParsedNumber:
    """A number read from text, with how precisely it was typed."""

    value: float
    significant_figures: int
    #: trailing zeros of a whole number ("1200"): they may or may not be significant
    uncertain_zeros: int = 0
    unit: str | None = None
    below_detection: bool = False

    def fits_significant_figures(self, count: int) -> bool:
        """True if the number as typed can be read as having ``count`` significant figures."""
        return self.significant_figures <= count <= self.significant_figures + self.uncertain_zeros


@dataclass(frozen=True)
class Interval:
    """A range such as ``[5, 7)``; square brackets include the bound, round ones exclude it."""

    low: float
    high: float
    low_closed: bool
    high_closed: bool

    def contains(self, value: float) -> bool:
        """True if ``value`` lies in the interval."""
        above_low = value >= self.low if self.low_closed else value > self.low
        below_high = value <= self.high if self.high_closed else value < self.high
        return above_low and below_high


def _unreadable(text: str) -> GradingInputError:
    return GradingInputError(
        _("“%(text)s” is not a number I can read. Write it like 0,05 or 1 250,5 or 1,2e-3.", text=text)
    )


def parse_number(text: str) -> ParsedNumber:
    """Read a learner's number (decimal comma, grouping, exponent, "<" limit, unit); see module rules."""
    if not isinstance(text, str):
        raise GradingInputError(_("Type your answer as a number, for example 0,05."))
    if len(text) > MAX_NUMBER_LENGTH:
        raise GradingInputError(_("Your answer is too long: type one number, with its unit if needed."))
    cleaned = _fold(text)
    if not cleaned:
        raise GradingInputError(_("Type a number, for example 0,05."))
    below = _BELOW_DETECTION.match(cleaned)
    rest = cleaned[below.end() :] if below else cleaned
    sign = _SIGN.match(rest)
    negative = bool(sign and sign.group(1) == "-")
    rest = rest[sign.end() :] if sign else rest
    mantissa = _MANTISSA.match(rest)
    if mantissa is None:
        raise _unreadable(text)
    integer_digits, fraction_digits, has_separator = _split_mantissa(mantissa.group(0), text)
    exponent, rest = _read_exponent(rest[mantissa.end() :])
    figures, uncertain = _count_figures(integer_digits, fraction_digits, has_separator)
    magnitude = Decimal(f"{integer_digits or '0'}.{fraction_digits or '0'}E{exponent}")
    value = float(-magnitude if negative else magnitude)
    if not math.isfinite(value):
        raise GradingInputError(_("That number is too large; check the exponent."))
    return ParsedNumber(value, figures, uncertain, _read_unit(rest, text), below is not None)


def _fold(text: str) -> str:
    """Normalise spaces, dashes, apostrophes and HTML entities; strip the ends."""
    folded = text.translate(_CHARACTER_FOLDS)
    for entity, replacement in _ENTITIES:
        folded = folded.replace(entity, replacement)
    return folded.strip()


def _split_mantissa(mantissa: str, original: str) -> tuple[str, str, bool]:
    """Split "1 250,5" into ("1250", "5", True) following the module's separator rules."""
    decimal_mark = _decimal_mark(mantissa, original)
    if decimal_mark is None:
        integer_part, fraction_part = mantissa, ""
    else:
        integer_part, fraction_part = mantissa.rsplit(decimal_mark, 1)
    if not fraction_part.isdigit() and fraction_part:
        raise _unreadable(original)
    groups = _GROUP_MARKS.split(integer_part)
    if len(groups) > 1 and not _groups_of_thousands(groups):
        raise _unreadable(original)
    return "".join(groups), fraction_part, decimal_mark is not None


def _decimal_mark(mantissa: str, original: str) -> str | None:
    """Which of "," and "." separates decimals, or None when neither does."""
    points, commas = mantissa.count("."), mantissa.count(",")
    if points and commas:
        last = "." if mantissa.rfind(".") > mantissa.rfind(",") else ","
        if mantissa.count(last) > 1:
            raise _unreadable(original)
        return last
    if points == 1:
        return "."
    if commas == 1:
        return ","
    return None


def _groups_of_thousands(groups: list[str]) -> bool:
    """True for ["1", "250", "000"]: a first group of 1-3 digits, then groups of exactly 3."""
    first, *others = groups
    return 1 <= len(first) <= 3 and all(len(group) == 3 for group in others)


def _read_exponent(rest: str) -> tuple[int, str]:
    """The power of ten after the mantissa (0 if none) and the text that follows it."""
    match = _EXPONENT.match(rest)
    if match is None:
        return 0, rest
    digits = match["plain"] or match["caret"] or match["superscript"].translate(_SUPERSCRIPT_DIGITS)
    return int(digits), rest[match.end() :]


def _count_figures(integer_digits: str, fraction_digits: str, has_separator: bool) -> tuple[int, int]:
    """Significant figures as typed, and how many trailing zeros may or may not count."""
    digits = (integer_digits + fraction_digits).lstrip("0")
    if not digits:
        return max(1, len(fraction_digits)), 0
    if has_separator:
        return len(digits), 0
    core = digits.rstrip("0")
    return len(core), len(digits) - len(core)


def _read_unit(rest: str, original: str) -> str | None:
    """The canonical unit written after the number, or None when there is none."""
    unit_text = rest.strip()
    if not unit_text:
        return None
    if unit_text[0] in "0123456789.,'+-^":
        raise _unreadable(original)
    unit = canonical_unit(unit_text)
    if unit is None:
        raise GradingInputError(
            _(
                "I don't recognise the unit “%(unit)s”. Write mg/l, µg/l, ng/l or g/l, or leave the unit out.",
                unit=unit_text,
            )
        )
    return unit


def parse_interval(text: str) -> Interval:
    """Read a range like "[5, 7)" or "(0,1; 0,5]"; raises ValueError with a message for trainers."""
    if not isinstance(text, str) or len(text) > MAX_NUMBER_LENGTH:
        raise ValueError('range must be text like "[5, 7)"')
    stripped = text.strip()
    if len(stripped) < 5 or stripped[0] not in "[(" or stripped[-1] not in "])":
        raise ValueError(f'range {text!r} must look like "[5, 7)" or "(0.1, 0.5]"')
    inner = stripped[1:-1]
    bounds = inner.split(";") if ";" in inner else inner.split(",")
    if len(bounds) != 2:
        raise ValueError(f'range {text!r} needs two bounds; separate them with ";" when they use decimal commas')
    low, high = (_read_bound(bound, text) for bound in bounds)
    if low > high:
        raise ValueError(f"range {text!r} has its lower bound above its upper bound")
    return Interval(low, high, stripped[0] == "[", stripped[-1] == "]")


def _read_bound(bound: str, text: str) -> float:
    """One bound of a range: a plain number or an infinity."""
    squeezed = bound.strip().lower().replace(" ", "")
    if squeezed in _INFINITIES:
        return _INFINITIES[squeezed]
    try:
        number = parse_number(bound)
    except GradingInputError:
        raise ValueError(f"range {text!r} has a bound that is not a number: {bound.strip()!r}") from None
    if number.unit is not None or number.below_detection:
        raise ValueError(f"range {text!r}: write bounds as plain numbers in the question's unit")
    return number.value
