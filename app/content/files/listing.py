"""Reading a folder of a course: which files are originals, which are translations, what is stray."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from app.content.files.model import Problem
from app.content.files.names import FileName, parse_file_name, parse_folder_name


@dataclass
class Entry:
    """A file (or module folder) that the format knows, with its parsed name."""

    path: Path
    name: FileName


@dataclass
class Listing:
    """The known contents of one folder, grouped for reading."""

    originals: list[Entry] = field(default_factory=list)
    translations: dict[str, list[Entry]] = field(default_factory=dict)
    folders: list[Entry] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    def translations_of(self, entry: Entry) -> list[Entry]:
        """Return the translation files that sit beside `entry`."""
        return self.translations.get(f"{entry.name.kind}:{entry.name.stem}", [])


def list_folder(folder: Path, kinds: tuple[str, ...], with_modules: bool = False) -> Listing:
    """Sort the files of `folder` into originals and translations; report stray names."""
    listing = Listing()
    for path in sorted(folder.iterdir()):
        if path.name.startswith(".") or (with_modules and path.name == "images"):
            continue
        if path.is_dir():
            _add_folder(listing, path, with_modules)
        else:
            _add_file(listing, path, kinds)
    _report_orphans(listing)
    return listing


def read_text(path: Path) -> tuple[str | None, list[Problem]]:
    """Read a UTF-8 text file with Unix line endings (a BOM is tolerated)."""
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as error:
        return None, [Problem(str(path), 1, f"not valid UTF-8 text ({error.reason})")]
    return text.replace("\r\n", "\n").replace("\r", "\n"), []


def _add_folder(listing: Listing, path: Path, with_modules: bool) -> None:
    parsed, errors = parse_folder_name(path.name) if with_modules else (None, [])
    if parsed is None:
        listing.problems.append(Problem(str(path), 1, "unexpected folder"))
        return
    listing.problems.extend(Problem(str(path), 1, error) for error in errors)
    listing.folders.append(Entry(path, parsed))


def _add_file(listing: Listing, path: Path, kinds: tuple[str, ...]) -> None:
    parsed, errors = parse_file_name(path.name, kinds)
    if parsed is None:
        listing.problems.append(Problem(str(path), 1, f"unexpected file (expected {_expected(kinds)})"))
        return
    listing.problems.extend(Problem(str(path), 1, error) for error in errors)
    if any(error.startswith("unknown language") for error in errors):
        return
    entry = Entry(path, parsed)
    if parsed.language is None:
        listing.originals.append(entry)
    else:
        listing.translations.setdefault(f"{parsed.kind}:{parsed.stem}", []).append(entry)


def _report_orphans(listing: Listing) -> None:
    known = {f"{entry.name.kind}:{entry.name.stem}" for entry in listing.originals}
    for key, entries in listing.translations.items():
        if key in known:
            continue
        for entry in entries:
            original = entry.path.name.replace(f".{entry.name.language}.", ".")
            message = f"translation without an original (expected {original})"
            listing.problems.append(Problem(str(entry.path), 1, message))


def _expected(kinds: tuple[str, ...]) -> str:
    examples = {
        "course": "course.yml",
        "module": "module.yml",
        "lesson": "NN-slug.md",
        "quiz": "quiz-slug.yml",
    }
    return ", ".join(examples[kind] for kind in kinds)
