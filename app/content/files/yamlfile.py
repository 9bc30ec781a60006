"""YAML parsing that remembers on which line every key and list item starts."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import yaml
from yaml.constructor import SafeConstructor
from yaml.nodes import MappingNode, Node, SequenceNode

from app.content.files.model import Problem

#: a route into a document: mapping keys and list indexes, e.g. ("questions", 2, "id")
YamlPath = tuple[str | int, ...]


@dataclass(frozen=True)
class YamlDocument:
    """Parsed data plus the file line of each key or item in it."""

    data: Any
    lines: Mapping[YamlPath, int]
    first_line: int

    def line(self, *path: str | int) -> int:
        """Return the line of `path`, or of its nearest ancestor that has one."""
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return self.first_line

    def get(self, *path: str | int) -> Any:
        """Return the value at `path`, or None when any step is missing."""
        value = self.data
        for step in path:
            if isinstance(step, int) and isinstance(value, list) and step < len(value):
                value = value[step]
            elif isinstance(step, str) and isinstance(value, dict):
                value = value.get(step)
            else:
                return None
        return value


def parse_yaml(text: str, file: str, first_line: int = 1) -> tuple[YamlDocument | None, list[Problem]]:
    """Parse one YAML document; `first_line` is the file line where `text` starts."""
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        data = SafeConstructor().construct_document(node) if node is not None else None
    except yaml.YAMLError as error:
        return None, [_yaml_problem(error, file, first_line)]
    lines: dict[YamlPath, int] = {}
    problems: list[Problem] = []
    if node is not None:
        _record_lines(node, (), first_line, lines, problems, file)
    return YamlDocument(data, lines, first_line), problems


def _yaml_problem(error: yaml.YAMLError, file: str, first_line: int) -> Problem:
    mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
    line = first_line + mark.line if mark is not None else first_line
    reason = getattr(error, "problem", None) or str(error)
    return Problem(file, line, f"invalid YAML: {reason}")


def _record_lines(
    node: Node,
    path: YamlPath,
    first_line: int,
    lines: dict[YamlPath, int],
    problems: list[Problem],
    file: str,
) -> None:
    if isinstance(node, MappingNode):
        seen: set[str] = set()
        for key_node, value_node in node.value:
            key = str(key_node.value)
            line = first_line + key_node.start_mark.line
            if key in seen:
                problems.append(Problem(file, line, f"duplicate key '{key}'"))
            seen.add(key)
            lines[(*path, key)] = line
            _record_lines(value_node, (*path, key), first_line, lines, problems, file)
    elif isinstance(node, SequenceNode):
        for index, item_node in enumerate(node.value):
            lines[(*path, index)] = first_line + item_node.start_mark.line
            _record_lines(item_node, (*path, index), first_line, lines, problems, file)
