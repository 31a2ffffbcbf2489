"""Type stub of the compiled accelerator (cleaner/native/_compiled.c); see cleaner/native/__init__.py."""

from collections.abc import Callable, Sequence
from typing import Any, TypeVar

_T = TypeVar("_T", bound=tuple[Any, ...])
_S = TypeVar("_S")

def split_blocks(block_type: type[_T], source: str, /) -> list[_T]: ...
def first_occurrences(tokens: Sequence[object], /) -> bytearray: ...
def byte_word_occurrences(data: bytes, /) -> tuple[bytearray, bytearray] | None: ...
def letter_counts(texts: list[str], /) -> tuple[list[int], list[int], list[int], list[int]]: ...
def build_segments(
    segment_type: type[_S],
    source: str,
    blocks: Sequence[Any],
    labels: Sequence[Any],
    body: str,
    boilerplate: str,
    /,
) -> list[_S]: ...
def line_shapes(texts: list[str], /) -> tuple[bytearray, bytearray, bytearray, bytearray, bytearray]: ...
def most_common_positions(first: Any, k: int, /) -> list[int] | None: ...
def tree_walker(
    feature: Any, threshold: Any, right: Any, roots: Any, value: Any, depth: int, columns: int, /
) -> Any: ...
def tree_logits(x: Any, walker: Any, baseline: float, /) -> bytearray: ...
def lower_text(text: str, /) -> str | None: ...
def pronoun_shares(
    lows: list[str], words: list[int], we: frozenset[str], you: frozenset[str], /
) -> tuple[list[float], list[float]]: ...
def title_overlaps(
    lows: list[str], words: list[int], starts: list[int], max_words: int, /
) -> list[float]: ...
def line_shares(
    lows: list[str],
    words: list[int],
    starts: list[int],
    we: frozenset[str],
    you: frozenset[str],
    max_words: int,
    /,
) -> tuple[list[float], list[float], list[float]]: ...
def repeated_lines(stripped: list[str], starts: list[int], /) -> list[bool]: ...
def edge_points(texts: list[str], /) -> tuple[bytearray, bytearray]: ...
def token_counts(lines: list[str], /) -> list[int]: ...
def article_columns(
    stripped: list[str],
    words: list[int],
    letters: tuple[list[int], list[int], list[int]],
    shares: tuple[list[float], list[float], list[float]],
    lexical: tuple[list[str | None], list[int], list[str | None]],
    marks: tuple[list[int] | list[bool] | None, ...],
    sizes: list[int],
    edges: tuple[str, str, str],
    keep: bytes,
    logs: Any,
    /,
) -> tuple[bytearray, bool]: ...
def article_column_names() -> tuple[str, ...]: ...

# The decisions' line pre-tests (_line_marks.c, built into the same module)
def marked_lines(texts: list[str], marks: tuple[str, ...], max_chars: int, /) -> list[int]: ...
def edge_marked_lines(
    texts: list[str], words: list[int] | None, max_words: int, firsts: str, lasts: str, /
) -> list[int]: ...
def address_marked(texts: list[str], words: list[int], max_words: int, max_chars: int, /) -> list[int]: ...
def lead_in_candidates(norms: list[str], strip: str, index: dict[str, Any], /) -> list[int]: ...
def kept_lines(local: list[Any], usable: list[bool] | None, /) -> list[bool]: ...
def phrase_trie(phrases: list[bytes], categories: list[int], lengths: list[int], /) -> Any: ...
def phrase_hits(trie: Any, data: bytes, /) -> list[int]: ...
def phrase_lines(
    trie: Any, data: bytes, lines: int, categories: tuple[str, ...], slack: int, /
) -> tuple[list[str | None], list[int], list[bool]]: ...
def mark_candidates(
    stripped: list[str], lows: list[str], digits: list[int], min_digits: int, /
) -> tuple[list[int], list[int], list[int]]: ...
def page_walk(
    events: Any,
    marks: dict[Any, Any],
    hides: Any,
    skip_tags: frozenset[str],
    block_tags: frozenset[str],
    newline_lines: Any,
    invisible: dict[int, None],
    strip: str,
    any_body: bool,
    out: tuple[list[Any], ...],  # 9 lists, or 10: the last gets node_attributes' rows
    /,
) -> tuple[int, int]: ...
def block_words(
    texts: list[str], title_words: set[str] | None, description_words: set[str] | None, /
) -> tuple[bytearray, bytearray, bytearray]: ...
def layout_bits(
    attributes: list[Any], parents: list[int], place_bits: dict[str, int], name_bits: Any, classed: int, /
) -> tuple[bytearray, bytearray, bytearray]: ...
def name_matcher(alternatives: tuple[tuple[int, tuple[bytes, ...], bool, bool], ...], /) -> Any: ...
def name_scan(matcher: Any, names: str, /) -> int: ...

# The raw-dump layout columns (raw_layout.c, built into the same module)
def raw_layout(
    lengths: Any,
    words: Any,
    long: Any,
    terminal: Any,
    title_case: Any,
    bullet: Any,
    first_seen: Any,
    counts: Any,
    phrase_line: Any,
    digits: Any,
    texts: list[str],
    /,
) -> bytearray: ...
def raw_lines(
    lengths: Any,
    words: Any,
    first_points: Any,
    last_points: Any,
    titles: Any,
    counts: Any,
    terminal: str,
    bullets: str,
    /,
) -> tuple[bytearray, int, int]: ...
def window_means(pairs: tuple[tuple[Any, int], ...], /) -> bytearray: ...
def raw_stage2(s1: Any, len_log: Any, /) -> bytearray: ...
def stop_shares(
    first: Any,
    ranked: list[int],
    lengths: list[int] | tuple[bytes, Any],
    tokens_per_line: list[int],
    words: Any,
    /,
) -> bytearray: ...
def class_category(names: str, tables: tuple[Any, ...], /) -> str | None: ...
def thread_openers(
    norms: list[str], indexes: list[int], line_category: dict[str, str], category: str, /
) -> list[int]: ...
def button_phrase_lines(
    norms: list[str],
    line_category: dict[str, str],
    phrase_lines: list[bool],
    cut: float,
    scores: list[float],
    local: list[Any],
    usable: list[bool] | None,
    categories: list[str | None],
    button_labels: dict[str, Any],
    phrase_labels: dict[str, Any],
    classifier: Any,
    entries_filter: bytes | None,
    /,
) -> None: ...
def line_entry_filter(line_category: dict[str, str], /) -> bytes | None: ...
def lexicon_line_columns(
    categories: list[str | None],
    covered: list[int],
    lows: list[str],
    norms: list[str],
    line_category: dict[str, str],
    cover: float,
    /,
) -> tuple[list[str | None], bytes, bytes]: ...
def zone_cues(
    norms: list[str],
    entries: set[str] | frozenset[str],
    max_chars: int,
    initials: str,
    by_initial: dict[str, tuple[str, ...]],
    /,
) -> bool: ...
def chrome_entry(
    norms: list[str],
    chrome: set[str] | frozenset[str],
    buttons: dict[str, str],
    strip: str,
    max_chars: int,
    in_article: set[str] | frozenset[str],
    /,
) -> bool: ...
def last_prose_run(texts: list[str], kept: list[bool], min_words: int, run: int, /) -> int: ...
def kept_chars(texts: list[str], kept: list[bool], /) -> list[int]: ...
def repeat_lines(texts: list[str], kept: list[bool], /) -> list[int]: ...
def edge_lines(
    texts: list[str],
    words: list[int],
    usable: list[bool],
    kept: list[bool],
    cues: Any,
    phrases: Any,
    raw: bool,
    limits: tuple[int, int, float, int, int, int, str, str],
    /,
) -> tuple[list[int], list[int]]: ...
def header_lines(
    norms: list[str],
    headers: set[str] | frozenset[str],
    initials: str,
    by_initial: dict[str, tuple[str, ...]],
    /,
) -> list[int]: ...
def kept_marked_lines(
    texts: list[str], local: list[Any], usable: list[bool] | None, marks: tuple[str, ...], max_chars: int, /
) -> list[int]: ...
def terminator_columns(
    lengths: Any,
    words: Any,
    phrase_line: Any,
    families: list[str | None],
    first: int,
    last: int,
    names: tuple[str, ...],
    max_words: int,
    /,
) -> bytearray: ...
def page_blocks(texts: list[str], block_type: type, /) -> list[Any]: ...
def subtree_sums(values: Any, levels: list[Any], out: Any, kinds: int, size: int, /) -> None: ...
def lines_holding(lines: list[str], groups: tuple[tuple[str, ...], ...], /) -> bytearray: ...
def respaced_utf8(page: str, /) -> bytes: ...
def block_characters(
    source: str, blocks: list[Any], sentence_ends: str, /
) -> tuple[bytearray, bytearray, bytearray]: ...
def page_scan(data: bytes, long_run: int, /) -> tuple[bool, bool]: ...
def page_stop_column(spaced: bytes, tokens_per_line: list[int], words: Any, /) -> bytearray | None: ...
def line_repeats(texts: list[str], /) -> tuple[bytearray, bytearray] | None: ...
def chrome_contexts(
    rows: list[tuple[Any, str | None, str | None, str | None]],
    parents: list[int],
    silent: list[bool],
    root: Any,
    tables: tuple[Any, ...],
    /,
) -> list[Any]: ...

# The page walk over libxml2's nodes (page_walk.c; None: a tree only page_walk reads)
def page_walk_nodes(
    root: Any,
    element_type: type,
    element_factory: Any,
    marks: dict[Any, Any],
    hides: Any,
    skip_tags: frozenset[str],
    block_tags: frozenset[str],
    newline_lines: Any,
    invisible: dict[int, None],
    strip: str,
    any_body: bool,
    out: tuple[list[Any], ...],
    /,
) -> tuple[int, int] | None: ...
def lower_count_lines(
    texts: list[str], lower: Callable[[str], str | None], fallback: Callable[[str], str], line_end: str, /
) -> tuple[list[str], list[str], bool, list[int], bool, list[int]]: ...
def stack_columns(
    cols: dict[str, Any], names: tuple[str, ...], n: int, out: Any, /
) -> tuple[tuple[int, ...], tuple[float, ...]] | None: ...
def lead_in_filter(index: dict[str, Any], /) -> Any: ...
def lead_in_lines(filter: Any, norms: list[str], strip: str, index: dict[str, Any], /) -> list[int]: ...
def lead_in_found(
    filter: Any, norms: list[str], strip: str, index: dict[str, Any], separators: str, dashes: str, /
) -> tuple[list[str | None], list[int]]: ...
def first_literal(
    text: str, literals: tuple[str, ...], skips: bytes | None = None, surrogate_free: bool = False, /
) -> int: ...
def literal_skips(literals: tuple[str, ...], /) -> bytes | None: ...
def has_lone_surrogate(text: str, /) -> bool: ...
def meta_candidates(
    texts: list[str],
    words: list[int],
    local: list[Any],
    usable: list[bool] | None,
    paragraph_words: int,
    max_words: int,
    min_breaks: int,
    /,
) -> list[int]: ...
def body_share_start(
    words: list[int], local: list[Any], usable: list[bool] | None, share: float, /
) -> int: ...
def utf8_of(text: str, /) -> bytes: ...
def opened_lines(
    texts: list[str],
    norms: list[str],
    at_start: list[bool],
    leads: list[str | None] | None,
    firsts: str,
    openers: tuple[str, ...],
    /,
) -> list[int]: ...
def thread_marked(
    local: list[Any], exact: object, categories: list[str | None], category: str, /
) -> list[int]: ...
def machine_candidates(
    texts: list[str], local: list[Any], usable: list[bool] | None, max_chars: int, starts: str, /
) -> list[int]: ...
def article_picks(
    article: list[float], cut: float, local: list[Any], usable: list[bool] | None, /
) -> tuple[list[int], int] | None: ...
def address_lines(
    texts: list[str], local: list[Any], usable: list[bool] | None, bare: str, /
) -> list[int]: ...
def tail_kept(local: list[Any], usable: list[bool] | None, count: int, /) -> list[int]: ...
def site_label(url: str, /) -> str | None | bool: ...
def slug_path_words(path: str, /) -> list[str] | bool: ...
def name_openers(texts: list[str], lines: list[int], marks: str, initial: str, /) -> list[int]: ...
def head_kept(local: list[Any], usable: list[bool] | None, count: int, /) -> list[int]: ...
def credit_candidates(
    texts: list[str],
    words: list[int],
    local: list[Any],
    usable: list[bool] | None,
    max_words: int,
    min_words: int,
    openings: frozenset[bytes] | None = None,
    /,
) -> list[int]: ...
def teaser_candidates(
    texts: list[str],
    words: list[int],
    local: list[Any],
    usable: list[bool] | None,
    min_words: int,
    max_words: int,
    /,
) -> list[int]: ...
def stack_candidates(
    texts: list[str],
    words: list[int],
    categories: list[str | None],
    local: list[Any],
    usable: list[bool] | None,
    min_words: int,
    max_words: int,
    /,
) -> list[int]: ...
def bar_candidates(
    texts: list[str], local: list[Any], usable: list[bool] | None, marks: tuple[str, ...], max_chars: int, /
) -> list[int]: ...
def phrase_line_flags(
    categories: list[str | None],
    covered: list[int],
    lows: list[str],
    norms: list[str],
    listed: dict[str, str],
    words: list[int],
    cover: float,
    max_words: int,
    /,
) -> list[bool]: ...
def contact_marked(
    texts: list[str],
    words: list[int],
    local: list[Any],
    usable: list[bool] | None,
    first: int,
    max_words: int,
    max_chars: int,
    pairs: bytes,
    /,
) -> list[int]: ...
def machine_opened(
    texts: list[str], local: list[Any], usable: list[bool] | None, max_chars: int, /
) -> list[int]: ...
def title_shape(text: str, /) -> bool | None: ...
def slug_line_words(text: str, /) -> list[str] | None | bool: ...
def name_length(text: str, name: str, marks: str, /) -> int | bool: ...
def thread_page_openers(
    local: list[Any],
    exact: object,
    categories: list[str | None],
    category: str,
    norms: list[str],
    words: list[int],
    max_words: int,
    firsts: str,
    lasts: str,
    forms: frozenset[str] | None,
    longest: int,
    /,
) -> list[int]: ...
def own_address_lines(
    texts: list[str], local: list[Any], usable: list[bool] | None, url: str, /
) -> list[int] | None: ...
def zone_cue_filter(entries: frozenset[str] | set[str], initials: str, /) -> bytes | None: ...
def zone_cued(
    norms: list[str], cues: tuple[bytes | None, frozenset[str], str, dict[str, tuple[str, ...]]], /
) -> bool: ...
