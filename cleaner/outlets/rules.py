"""Outlet rule files: load, validate and compile them into an outlet table.

One YAML file per outlet (docs/design.md section 4). Every problem is reported
with the file, the line and the key, and patterns are compiled once with the
linear-time engine so a Cleaner can share them between threads.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from functools import cache, cached_property, lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from cleaner.categories import CATEGORY_SET
from cleaner.dates import read_date
from cleaner.errors import RuleFileError
from cleaner.outlets.located import LocatedDict, LocatedList, YamlProblem, from_plain, to_plain
from cleaner.outlets.patterns import (
    MAX_PATTERN_LENGTH,
    PatternError,
    check_pattern,
    compile_lines_pattern,
    compile_pattern,
    compile_pattern_set,
    program_size,
)
from cleaner.outlets.prebuilt import code_of, digest, prebuilt

RULES_ENV = "CLEANER_RULES_PATH"
DEFAULT_BLOCK_MAX_LINES = 40
RULE_KINDS = ("line", "block", "after")
# The largest shipped file has 11 text rules; more than this is a mistake or an attack, and
# loading time grows with the count (each pattern is checked and compiled twice).
MAX_TEXT_RULES = 300
# RE2 instructions of one file's text patterns together: ten times the largest shipped
# outlet (about 13,000), below the ~200,000 at which RE2's default memory cannot hold the
# outlet's pattern set, and a bound on compile time (about 1.6 us an instruction).
MAX_TEXT_RULES_PROGRAM = 150_000

_TOP_KEYS = {
    "outlet",
    "domains",
    "languages",
    "fingerprints",
    "html",
    "text",
    "examples",
    "notes",
    "updated",
    "learned",
}
LEARNED_PREFIX = "learned"  # labels of learned rules: learned:<domain>:<id>
_HTML_KEYS = {"body", "drop"}
_RULE_KEYS = {
    "id",
    "category",
    "line",
    "block",
    "after",
    "valid_from",
    "valid_until",
    "description",
    "max_chars",
}
_BLOCK_KEYS = {"start", "end", "max_lines"}
_EXAMPLE_KEYS = {"name", "input", "body", "url", "date", "html", "notes"}
_ID_RE = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
_DOMAIN_RE = re.compile(r"^[a-z0-9-]+(\.[a-z0-9-]+)+$")


@dataclass(frozen=True)
class LinePattern:
    """A checked pattern, compiled to scan a newline-joined text (``lines``); matches
    never cross a line, so one line is matched as a text of one line.

    Compiled on first use: a Cleaner loads every shipped outlet, a run meets few.
    """

    source: str

    @cached_property
    def lines(self) -> Any:
        return compile_lines_pattern(self.source)


@dataclass(frozen=True, slots=True)
class TextRule:
    """One text rule of an outlet; ``kind`` is line, block or after."""

    id: str
    category: str
    kind: str
    pattern: LinePattern
    end: LinePattern | None = None
    max_lines: int = DEFAULT_BLOCK_MAX_LINES
    max_chars: int | None = None
    valid_from: dt.date | None = None
    valid_until: dt.date | None = None
    origin: str = ""
    """Label prefix when not the outlet's key: ``learned:<domain>`` for learned rules."""

    def applies_on(self, date: dt.date | None) -> bool:
        """Date-bounded rules apply only when the record's date is inside."""
        if date is None:
            return True
        if self.valid_from is not None and date < self.valid_from:
            return False
        if self.valid_until is not None and date >= self.valid_until:
            return False
        return True


@dataclass(frozen=True, slots=True)
class DropSelector:
    """A CSS selector whose elements are removed inside the article."""

    selector: str
    category: str = "other"


@dataclass(frozen=True, slots=True)
class HtmlRules:
    body: tuple[str, ...] = ()
    drop: tuple[DropSelector, ...] = ()


@dataclass(frozen=True, slots=True)
class Example:
    """An input and its expected body, run by ``cleaner rules test``."""

    name: str
    input: str
    body: str
    is_html: bool = False
    url: str | None = None
    date: dt.date | None = None
    line: int | None = None


@dataclass(frozen=True)
class OutletRules:
    """Everything one rule file says about one outlet."""

    key: str
    name: str
    domains: tuple[str, ...]
    path: str
    languages: tuple[str, ...] = ()
    fingerprints: tuple[str, ...] = ()
    html: HtmlRules = field(default_factory=HtmlRules)
    text: tuple[TextRule, ...] = ()
    examples: tuple[Example, ...] = ()
    learned: bool = False
    """Learned from a dump (``learned: true``): adds to the outlet's other rules, never replaces them."""

    @cached_property
    def start_set(self) -> Any:
        """RE2 set of the text rules' first patterns, in rule order: which rules can fire
        (compiled on first use, as the patterns are)."""
        return compile_pattern_set(rule.pattern.source for rule in self.text)

    def with_rules_of(self, extra: OutletRules) -> OutletRules:
        """This outlet with ``extra``'s text rules after its own (a learned file on top)."""
        merged = replace(self, text=self.text + extra.text)
        merged.start_set  # noqa: B018  # compiled now: a set too large to compile fails here
        return merged


def builtin_rules_dir() -> Path:
    """The rules shipped with the package (or the checkout's ``rules/``)."""
    try:
        shipped = Path(str(resources.files("cleaner") / "builtin_rules"))
        if shipped.is_dir():
            return shipped
    except (ModuleNotFoundError, TypeError):  # pragma: no cover
        pass
    return Path(__file__).resolve().parents[2] / "rules"


def rules_paths_from_env() -> list[Path]:
    """Folders named by CLEANER_RULES_PATH (os.pathsep separated)."""
    value = os.environ.get(RULES_ENV, "")
    return [Path(p) for p in value.split(os.pathsep) if p.strip()]


def rule_files(paths: Iterable[Path]) -> list[Path]:
    """Outlet rule files under the given files or folders, sorted per folder."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(sorted(p for p in path.glob("*.yaml") if p.is_file()))
            found.extend(sorted(p for p in path.glob("*.yml") if p.is_file()))
        elif path.is_file():
            found.append(path)
        else:
            raise RuleFileError(str(path), None, None, "no such rule file or folder")
    return found


def load_rule_file(path: Path, checked: bool = True) -> OutletRules:
    """Read and validate one rule file; ``checked``: also check and compile its patterns
    now (see ``parse_rules``)."""
    name = str(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise RuleFileError(name, None, None, f"cannot read: {exc.strerror}") from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise RuleFileError(name, None, None, f"not valid UTF-8 (byte {exc.start})") from None
    return _parse_once(text, name, checked)


def parse_rules(text: str, path: str = "<rules>", checked: bool = True) -> OutletRules:
    """Validate and compile the YAML text of one rule file.

    ``checked`` false skips what costs most of loading: the safety check, the RE2
    compile and the size bounds of each pattern, which then compiles on first use.
    Only for the shipped rules, which the tests load checked
    (``tests/outlets/test_lazy_rules.py``); a rule file from anyone else is checked.
    """
    try:
        data = located_yaml(text)
    except YamlProblem as exc:
        raise RuleFileError(path, exc.line, None, str(exc)) from None
    return _Validator(path, checked).outlet(data)


def rules_from_data(data: Any, path: str = "<rules>", check_patterns: bool = True) -> OutletRules:
    """Validate and compile rule-file data built in memory (a learner's), as if read from
    YAML: the same checks, without writing and parsing the text (problems have no line).

    ``check_patterns=False``: the patterns come from a program that builds them only from
    escaped words, fixed classes and bounded repeats (the dump learner), so the parse for
    backtracking constructs is skipped (a third of compiling); the length limit and RE2's
    own compile still apply, and a written file gets every check when it is loaded."""
    return _Validator(path, check_patterns=check_patterns).outlet(_located(data))


def _located(value: Any) -> Any:
    if isinstance(value, dict):
        located = LocatedDict({str(k): _located(v) for k, v in value.items()})
        located.line, located.key_lines = 1, {}
        return located
    if isinstance(value, list):
        items = LocatedList(_located(v) for v in value)
        items.line, items.item_lines = 1, [1] * len(items)
        return items
    return str(value) if isinstance(value, str) else value


def located_yaml(text: str) -> Any:
    """``load_yaml(text)``, from the prebuilt store when it holds this text (every shipped
    rule file, unless edited since: see outlets/prebuilt.py); PyYAML loads only otherwise."""
    stored = prebuilt(_yaml_key(text))
    if stored is not None:
        return from_plain(stored)
    from cleaner.outlets.yamlsource import load_yaml

    return load_yaml(text)


def _yaml_key(text: str) -> str:
    return digest(b"located YAML", yaml_reader_code(), text.encode("utf-8", "surrogatepass"))


_YAML_READER_FILES = ("yamlsource.py", "located.py")  # beside this module


@cache
def yaml_reader_code() -> bytes:
    """The code that turns YAML text into located data (part of every prebuilt key)."""
    here = Path(__file__).resolve().parent
    return b"".join(code_of(str(here / name)) for name in _YAML_READER_FILES)


def prebuilt_rule_entries() -> dict[str, Any]:
    """The prebuilt store's entries for the shipped rule files (bench/prebuild.py)."""
    from cleaner.outlets.yamlsource import load_yaml

    entries = {}
    for path in rule_files([builtin_rules_dir()]):
        text = path.read_text(encoding="utf-8")
        entries[_yaml_key(text)] = to_plain(load_yaml(text))
    return entries


# Compiled rule files kept per process, keyed by their text and name: every Cleaner, CLI
# worker and test builds the same rule book, and compiling the patterns is most of what
# loading costs. A changed file is a new key; the bound keeps a process that loads many
# user folders from holding every version it ever read.
RULE_FILE_CACHE_SIZE = 512
_parse_once = lru_cache(maxsize=RULE_FILE_CACHE_SIZE)(parse_rules)


class _Validator:
    """Turns located YAML data into OutletRules, raising on the first problem."""

    def __init__(self, path: str, checked: bool = True, check_patterns: bool = True) -> None:
        """``checked=False``: shipped files, compiled lazily and checked by the tests;
        ``check_patterns=False``: a learner's patterns (see rules_from_data)."""
        self.path = path
        self.checked = checked
        self.check_patterns = check_patterns

    def fail(self, node: Any, key: str | None, message: str) -> RuleFileError:
        line = None
        if isinstance(node, LocatedDict):
            line = node.key_lines.get(key, node.line) if key else node.line
        elif isinstance(node, LocatedList):
            line = node.line
        return RuleFileError(self.path, line, key, message)

    def outlet(self, data: Any) -> OutletRules:
        if not isinstance(data, LocatedDict):
            raise RuleFileError(self.path, 1, None, "a rule file must be a YAML mapping")
        self.unknown_keys(data, _TOP_KEYS, "")
        name = self.string(data, "outlet", required=True)
        domains = tuple(d.lower() for d in self.strings(data, "domains", required=True))
        for domain in domains:
            if not _DOMAIN_RE.match(domain):
                raise self.fail(data, "domains", f"'{domain}' is not a domain name")
        html = self.html(data.get("html"), data)
        text_rules = self.text_rules(data.get("text"), data)
        learned = data.get("learned", False)
        if not isinstance(learned, bool):
            raise self.fail(data, "learned", "'learned' must be true or false")
        if learned:
            origin = f"{LEARNED_PREFIX}:{domains[0]}"
            text_rules = tuple(replace(rule, origin=origin) for rule in text_rules)
        examples = self.examples(data.get("examples"), data)
        if not examples:
            raise self.fail(data, "examples", "every rule file needs at least one example")
        rules = OutletRules(
            key=domains[0],
            name=name,
            domains=domains,
            path=self.path,
            languages=tuple(self.strings(data, "languages")),
            fingerprints=tuple(self.strings(data, "fingerprints")),
            html=html,
            text=text_rules,
            examples=examples,
            learned=learned,
        )
        if self.checked:
            try:
                rules.start_set  # noqa: B018  # compiled now, to report a set too large here
            except PatternError as exc:
                raise self.fail(data, "text", f"{exc}; use fewer or simpler patterns") from None
        return rules

    def unknown_keys(self, node: LocatedDict, allowed: set[str], where: str) -> None:
        for key in node:
            if key not in allowed:
                label = f"{where}.{key}" if where else key
                hint = ", ".join(sorted(allowed))
                raise self.fail(node, key, f"unknown key '{label}' (allowed: {hint})")

    def string(self, node: LocatedDict, key: str, required: bool = False) -> str:
        value = node.get(key)
        if value is None:
            if required:
                raise self.fail(node, None, f"missing required key '{key}'")
            return ""
        if not isinstance(value, str) or not value.strip():
            raise self.fail(node, key, f"'{key}' must be a non-empty string")
        return value

    def strings(self, node: LocatedDict, key: str, required: bool = False) -> list[str]:
        value = node.get(key)
        if value is None:
            if required:
                raise self.fail(node, None, f"missing required key '{key}'")
            return []
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
            raise self.fail(node, key, f"'{key}' must be a list of non-empty strings")
        if required and not value:
            raise self.fail(node, key, f"'{key}' must not be empty")
        return list(value)

    def html(self, node: Any, parent: LocatedDict) -> HtmlRules:
        if node is None:
            return HtmlRules()
        if not isinstance(node, LocatedDict):
            raise self.fail(parent, "html", "'html' must be a mapping with body/drop")
        self.unknown_keys(node, _HTML_KEYS, "html")
        body = tuple(self.strings(node, "body"))
        drops: list[DropSelector] = []
        raw = node.get("drop") or []
        if not isinstance(raw, list):
            raise self.fail(node, "drop", "'drop' must be a list")
        for item in raw:
            if isinstance(item, str) and item:
                drops.append(DropSelector(item))
            elif isinstance(item, LocatedDict) and isinstance(item.get("selector"), str):
                self.unknown_keys(item, {"selector", "category"}, "html.drop")
                category = item.get("category", "other")
                self.check_category(item, category)
                drops.append(DropSelector(item["selector"], category))
            else:
                raise self.fail(node, "drop", "a drop item is a selector or {selector, category}")
        if self.checked:  # the check imports lxml: a text run would pay for it
            for selector in body + tuple(d.selector for d in drops):
                self.check_selector(node, selector)
        return HtmlRules(body=body, drop=tuple(drops))

    def check_selector(self, node: LocatedDict, selector: str) -> None:
        try:
            # The html stage runs selectors with lxml's cssselect: check with the same engine.
            from lxml.cssselect import CSSSelector

            CSSSelector(selector, translator="html")
        except Exception as exc:
            first_line = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            raise self.fail(node, None, f"bad CSS selector '{selector}': {first_line}") from None

    def check_category(self, node: LocatedDict, category: Any) -> None:
        if category not in CATEGORY_SET:
            raise self.fail(node, "category", f"unknown category '{category}'")

    def text_rules(self, node: Any, parent: LocatedDict) -> tuple[TextRule, ...]:
        if node is None:
            return ()
        if not isinstance(node, LocatedList):
            raise self.fail(parent, "text", "'text' must be a list of rules")
        if len(node) > MAX_TEXT_RULES:
            raise self.fail(
                parent,
                "text",
                f"{len(node)} text rules; a file may hold at most {MAX_TEXT_RULES} "
                "(join similar patterns with |, or drop rules that never fire)",
            )
        rules: list[TextRule] = []
        seen: set[str] = set()
        program = 0
        for item in node:
            if not isinstance(item, LocatedDict):
                raise self.fail(node, "text", "each text rule must be a mapping")
            rule = self.text_rule(item)
            if rule.id in seen:
                raise self.fail(item, "id", f"duplicate rule id '{rule.id}'")
            seen.add(rule.id)
            rules.append(rule)
            if not self.checked:
                continue
            program += program_size(rule.pattern.lines) + (program_size(rule.end.lines) if rule.end else 0)
            if program > MAX_TEXT_RULES_PROGRAM:
                raise self.fail(
                    item,
                    None,
                    f"rule '{rule.id}': the text patterns up to here compile to {program:,} RE2 "
                    f"instructions, more than {MAX_TEXT_RULES_PROGRAM:,}; simplify wide counted "
                    "repeats such as .{0,200} or \\pL{3,40}, and (?i) on them",
                )
        return tuple(rules)

    def text_rule(self, item: LocatedDict) -> TextRule:
        self.unknown_keys(item, _RULE_KEYS, "text[]")
        rule_id = item.get("id")
        if not isinstance(rule_id, str) or not _ID_RE.match(rule_id):
            raise self.fail(
                item,
                "id" if "id" in item else None,
                "each rule needs an 'id' of lowercase letters, digits, - or _",
            )
        category = item.get("category")
        if category is None:
            raise self.fail(item, None, f"rule '{rule_id}' needs a 'category'")
        self.check_category(item, category)
        kinds = [k for k in RULE_KINDS if k in item]
        if len(kinds) != 1:
            raise self.fail(item, None, f"rule '{rule_id}' needs exactly one of line, block, after")
        kind = kinds[0]
        end: LinePattern | None = None
        max_lines = DEFAULT_BLOCK_MAX_LINES
        if kind == "block":
            spec = item["block"]
            if not isinstance(spec, LocatedDict):
                raise self.fail(item, "block", "'block' must be a mapping with start and optional end")
            self.unknown_keys(spec, _BLOCK_KEYS, "block")
            if "start" not in spec:
                raise self.fail(spec, None, "'block' needs a 'start' pattern")
            start = self.pattern(spec, "start")
            if "end" in spec:
                end = self.pattern(spec, "end")
            if "max_lines" in spec:
                max_lines = self.positive_int(spec, "max_lines")
        else:
            start = self.pattern(item, kind)
        return TextRule(
            id=rule_id,
            category=category,
            kind=kind,
            pattern=start,
            end=end,
            max_lines=max_lines,
            max_chars=self.positive_int(item, "max_chars") if "max_chars" in item else None,
            valid_from=self.date(item, "valid_from"),
            valid_until=self.date(item, "valid_until"),
        )

    def pattern(self, node: LocatedDict, key: str) -> LinePattern:
        source = node.get(key)
        if not isinstance(source, str):
            raise self.fail(node, key, f"'{key}' must be a regex string")
        pattern = LinePattern(source)
        if not self.checked:
            return pattern
        try:
            if self.check_patterns:
                check_pattern(source)
            elif len(source) > MAX_PATTERN_LENGTH:
                raise PatternError(f"pattern longer than {MAX_PATTERN_LENGTH} characters")
            try:
                pattern.lines  # noqa: B018  # compiled now, so RE2's refusal is reported here
            except Exception:
                compile_pattern(source)  # the one-line compile words RE2's refusal
                raise
        except PatternError as exc:
            raise self.fail(node, key, f"{exc}: {source!r}") from None
        return pattern

    def positive_int(self, node: LocatedDict, key: str) -> int:
        value = node.get(key)
        if not isinstance(value, int) or isinstance(value, bool) or value < 1:
            raise self.fail(node, key, f"'{key}' must be a positive whole number")
        return value

    def date(self, node: LocatedDict, key: str) -> dt.date | None:
        try:
            return read_date(node.get(key))
        except (TypeError, ValueError):
            raise self.fail(node, key, f"'{key}' must be a date like 2024-01-31") from None

    def examples(self, node: Any, parent: LocatedDict) -> tuple[Example, ...]:
        if node is None:
            return ()
        if not isinstance(node, LocatedList):
            raise self.fail(parent, "examples", "'examples' must be a list")
        examples = []
        for number, item in enumerate(node, 1):
            if not isinstance(item, LocatedDict):
                raise self.fail(node, "examples", "each example must be a mapping")
            self.unknown_keys(item, _EXAMPLE_KEYS, "examples[]")
            has_text, has_html = "input" in item, "html" in item
            if has_text == has_html:
                raise self.fail(item, None, "an example needs exactly one of 'input' or 'html'")
            content = item["input"] if has_text else item["html"]
            body = item.get("body")
            if not isinstance(content, str) or not isinstance(body, str):
                raise self.fail(item, None, "an example needs string 'input' (or 'html') and 'body'")
            url = item.get("url")
            examples.append(
                Example(
                    name=str(item.get("name") or f"example {number}"),
                    input=content,
                    body=body,
                    is_html=has_html,
                    url=url if isinstance(url, str) else None,
                    date=self.date(item, "date"),
                    line=item.line,
                )
            )
        return tuple(examples)


@dataclass
class RuleBook:
    """All loaded outlets, indexed by domain and by fingerprint."""

    outlets: dict[str, OutletRules] = field(default_factory=dict)
    by_domain: dict[str, OutletRules] = field(default_factory=dict)

    def add(self, rules: OutletRules) -> None:
        """Later files override earlier ones for the same domain; a learned file adds its
        rules after those of the outlet already loaded for its domain."""
        if rules.learned:
            old = next((self.by_domain[d] for d in rules.domains if d in self.by_domain), None)
            if old is not None:
                merged = old.with_rules_of(rules)
                for domain, owner in list(self.by_domain.items()):
                    if owner is old:
                        self.by_domain[domain] = merged
                self.outlets[old.key] = merged
                return
        for domain in rules.domains:
            old = self.by_domain.get(domain)
            if old is not None and old.key in self.outlets and old.key != rules.key:
                remaining = [d for d in old.domains if self.by_domain.get(d) is old and d != domain]
                if not remaining:
                    self.outlets.pop(old.key, None)
            self.by_domain[domain] = rules
        self.outlets[rules.key] = rules

    def get(self, name: str) -> OutletRules | None:
        """Find an outlet by its key, one of its domains, or its display name."""
        lowered = name.lower().strip()
        if lowered in self.by_domain:
            return self.by_domain[lowered]
        for rules in self.outlets.values():
            if rules.name.lower() == lowered:
                return rules
        return None


def load_rulebook(
    rules_paths: Sequence[str | os.PathLike[str]] | None = None,
    builtin_rules: bool = True,
    use_env: bool = True,
) -> RuleBook:
    """Shipped rules first, then CLEANER_RULES_PATH, then explicit folders."""
    book = RuleBook()
    shipped = builtin_rules_dir()
    for path in rule_files(rule_folders(rules_paths, builtin_rules, use_env)):
        book.add(load_rule_file(path, checked=path.parent != shipped))
    return book


def rule_folders(
    rules_paths: Sequence[str | os.PathLike[str]] | None = None,
    builtin_rules: bool = True,
    use_env: bool = True,
) -> list[Path]:
    """The rule folders and files a Cleaner with these options reads, in load order."""
    folders: list[Path] = []
    if builtin_rules:
        folders.append(builtin_rules_dir())
    if use_env:
        folders.extend(rules_paths_from_env())
    folders.extend(Path(p) for p in (rules_paths or ()))
    return folders
