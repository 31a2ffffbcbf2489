"""Safe YAML loading that remembers the line of every mapping key.

Rule files come from anyone, so: only the safe constructor, no aliases
(which would allow "billion laughs" expansion), a size cap, and a line
number kept for each key so errors can point at the right place.

Two paths give the same data: a fast one that builds the located data straight
from libyaml's events (PyYAML's C parser: every ``Cleaner()`` loads some fifty
files, and the pure-Python scanner cost most of its start), and the pure-Python
composer. The fast path refuses anything unusual (an alias, a nesting past the
cap, a second document, any YAML error) by handing the file to the slow path,
which then says what is wrong, and where, exactly as it always did.
"""

from __future__ import annotations

from typing import Any

import yaml

from cleaner.outlets.located import LocatedDict, LocatedList, YamlProblem

# libyaml's parser, when PyYAML was built with it (its wheels are)
_FAST = bool(getattr(yaml, "__with_libyaml__", False))

MAX_RULE_FILE_BYTES = 1_000_000
# Rule files nest five levels (file, text, rule, block, pattern). PyYAML builds nodes
# recursively, so a file nested hundreds deep would hit Python's recursion limit: it is
# refused at this depth of lists and mappings instead.
MAX_NESTING_DEPTH = 32
_PLAIN_TAGS = {"tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"}
_STR_TAG = "tag:yaml.org,2002:str"
_MERGE_TAG = "tag:yaml.org,2002:merge"


class _Loader(yaml.SafeLoader):
    """The safe loader, refusing lists and mappings nested deeper than MAX_NESTING_DEPTH."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self._depth = 0

    def compose_node(self, parent: Any, index: Any) -> Any:
        if not self.check_event(yaml.SequenceStartEvent, yaml.MappingStartEvent):
            return super().compose_node(parent, index)
        self._depth += 1
        try:
            if self._depth > MAX_NESTING_DEPTH:
                line = self.peek_event().start_mark.line + 1
                raise YamlProblem(
                    f"lists and mappings nested more than {MAX_NESTING_DEPTH} levels deep", line
                )
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


def load_yaml(text: str) -> Any:
    """Parse ``text`` safely into plain data with line numbers attached."""
    if len(text.encode("utf-8", "replace")) > MAX_RULE_FILE_BYTES:
        raise YamlProblem(f"file larger than {MAX_RULE_FILE_BYTES} bytes")
    if _FAST:
        try:
            return _load_from_events(text)
        except (_NotFast, yaml.YAMLError):
            pass  # the slow path below finds the problem and its line
    return load_yaml_slowly(text)


def load_yaml_slowly(text: str) -> Any:
    """``load_yaml`` with the pure-Python composer: the reference for the fast path, and
    the one that reports problems."""
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        return _convert(loader, node, set())
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        raise YamlProblem(f"invalid YAML: {exc.problem or exc.context}", line) from None
    except yaml.YAMLError as exc:
        raise YamlProblem(f"invalid YAML: {exc}") from None
    finally:
        loader.dispose()


def _convert(loader: yaml.SafeLoader, node: yaml.Node, seen: set[int]) -> Any:
    if id(node) in seen:
        raise YamlProblem("aliases (*name) are not allowed in rule files", node.start_mark.line + 1)
    seen.add(id(node))
    line = node.start_mark.line + 1
    if isinstance(node, (yaml.MappingNode, yaml.SequenceNode)) and node.tag not in _PLAIN_TAGS:
        raise YamlProblem(f"unsafe or unknown YAML tag: {node.tag}", line)
    if isinstance(node, yaml.MappingNode):
        result = LocatedDict()
        result.line = line
        result.key_lines = {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                raise YamlProblem(
                    "merge keys (<<) are not allowed in rule files", key_node.start_mark.line + 1
                )
            key = _convert(loader, key_node, seen)
            if not isinstance(key, str):
                key = str(key)
            if key in result:
                raise YamlProblem(f"duplicate key '{key}'", key_node.start_mark.line + 1)
            result[key] = _convert(loader, value_node, seen)
            result.key_lines[key] = key_node.start_mark.line + 1
        return result
    if isinstance(node, yaml.SequenceNode):
        items = LocatedList()
        items.line = line
        items.item_lines = []
        for item in node.value:
            items.append(_convert(loader, item, seen))
            items.item_lines.append(item.start_mark.line + 1)
        return items
    try:
        return loader.construct_object(node, deep=True)
    except yaml.constructor.ConstructorError as exc:
        raise YamlProblem(f"unsafe or unknown YAML tag: {exc.problem}", line) from None
    except (ValueError, OverflowError) as exc:  # a timestamp such as 2024-13-45
        raise YamlProblem(f"invalid value {node.value!r}: {exc}", line) from None


class _NotFast(Exception):
    """The fast path leaves this file to the slow one (which reports any problem)."""


_EventLoader = yaml.CSafeLoader if _FAST else yaml.SafeLoader  # libyaml's events, the safe constructor


def _load_from_events(text: str) -> Any:
    """``load_yaml_slowly``'s result, built from libyaml's events without a node tree.

    The C composer cannot be used: it recurses in C and crashes on a file nested
    tens of thousands deep. Here the nesting is counted as the events arrive, so
    such a file is handed over after MAX_NESTING_DEPTH levels.
    """
    loader = _EventLoader(text)
    try:
        loader.get_event()  # stream start
        if loader.check_event(yaml.StreamEndEvent):
            return None
        loader.get_event()  # document start
        data = _value(loader, 0)
        loader.get_event()  # document end
        if not loader.check_event(yaml.StreamEndEvent):
            raise _NotFast  # a second document: the slow path words the error
        return data
    finally:
        loader.dispose()


def _value(loader: Any, depth: int) -> Any:
    event = loader.get_event()
    line = event.start_mark.line + 1
    if isinstance(event, yaml.ScalarEvent):
        tag = event.tag
        if tag is None or tag == "!":
            tag = loader.resolve(yaml.ScalarNode, event.value, event.implicit)
        if tag == _STR_TAG:
            return event.value
        node = yaml.ScalarNode(tag, event.value, style=event.style)  # problems: the slow path marks them
        try:
            return loader.construct_object(node, deep=True)
        except (yaml.YAMLError, ValueError, OverflowError) as exc:
            raise _NotFast from exc
    if isinstance(event, yaml.AliasEvent) or depth >= MAX_NESTING_DEPTH:
        raise _NotFast
    if event.tag is not None and event.tag != "!" and event.tag not in _PLAIN_TAGS:
        raise _NotFast
    if isinstance(event, yaml.SequenceStartEvent):
        items = LocatedList()
        items.line = line
        items.item_lines = []
        while not loader.check_event(yaml.SequenceEndEvent):
            items.item_lines.append(loader.peek_event().start_mark.line + 1)
            items.append(_value(loader, depth + 1))
        loader.get_event()
        return items
    if not isinstance(event, yaml.MappingStartEvent):  # pragma: no cover - libyaml's grammar
        raise _NotFast
    result = LocatedDict()
    result.line = line
    result.key_lines = {}
    while not loader.check_event(yaml.MappingEndEvent):
        key_event = loader.peek_event()
        if isinstance(key_event, yaml.ScalarEvent) and key_event.tag is None:
            tag = loader.resolve(yaml.ScalarNode, key_event.value, key_event.implicit)
            if tag == _MERGE_TAG:
                raise _NotFast
        key = _value(loader, depth + 1)
        if not isinstance(key, str):
            key = str(key)
        if key in result:
            raise _NotFast
        result[key] = _value(loader, depth + 1)
        result.key_lines[key] = key_event.start_mark.line + 1
    loader.get_event()
    return result


__all__ = [
    "MAX_NESTING_DEPTH",
    "MAX_RULE_FILE_BYTES",
    "LocatedDict",
    "LocatedList",
    "YamlProblem",
    "load_yaml",
    "load_yaml_slowly",
]
