"""explain: terminal view, HTML report, the command, and a headless Chromium render."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import zlib
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner

from cleaner import Cleaner
from cleaner.cli import main
from cleaner.cli.report import CATEGORY_COLOUR, render_html, render_terminal, summarize
from tests.paths import DATA

RULES = DATA / "rules"  # a made-up outlet's rule file, so these tests do not follow shipped rules
OPTIONS = ["--no-builtin-rules", "--rules", str(RULES), "--no-heuristics"]
OUTLET = "harbour-daily.example"
APPEAL_RULE = f"{OUTLET}:appeal"
SEED_LIKE = "\n".join(
    [
        "The harbour board approved a plan on Thursday to deepen the channel for larger ferries.",
        "Dredging will start in the autumn and is expected to take two winters, the board said.",
        "“Every delay costs the island another season of tourists,” a hotel owner told the meeting.",
        "Fishermen asked for the work to pause during the spawning months, and the board agreed to review it.",
        "A Message from The Harbour Daily:",
        "Dear readers,",
        "We are a small newsroom and we answer to nobody but you. Please support us with a monthly gift.",
        "Every contribution, however small, keeps our reporting free for everyone on the island.",
        "Remind me later.",
    ]
)
CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome")
CHROMIUM_TIMEOUT_S = 90
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
MIN_HIGHLIGHT_PIXELS = 5_000  # a few lines of highlighted text at 1280 px wide


def _cleaner() -> Cleaner:
    return Cleaner(rules_paths=[RULES], builtin_rules=False, heuristics=False, use_env=False)


@pytest.fixture
def seed_result():
    return _cleaner().clean(SEED_LIKE, url=f"https://www.{OUTLET}/2026/05/14/channel-dredging")


def test_summary_counts_visible_characters(seed_result) -> None:
    summary = summarize(seed_result)
    removed = "".join(s.text for s in seed_result.removed)
    assert summary.removed_chars == len(re.sub(r"\s", "", removed))
    assert summary.total_chars == len(re.sub(r"\s", "", seed_result.source))
    assert [t.name for t in summary.by_category] == ["donation_appeal"]
    assert summary.by_rule[0].name == APPEAL_RULE


def test_plain_terminal_view_marks_spans_and_keeps_text(seed_result) -> None:
    view = render_terminal(seed_result, color=False)
    assert "\x1b[" not in view
    assert "[- A Message from The Harbour Daily:" in view
    assert f"Remind me later. -] {{donation_appeal: {APPEAL_RULE}}}" in view
    document = view.split("\n\noutlet:")[0]
    unmarked = re.sub(r"\[- |\s-\] \{[^}]*\}", "", document)
    assert unmarked.rstrip("\n") == seed_result.source.rstrip("\n")
    assert "removed by rule:" in view


def test_colour_terminal_view_uses_escape_codes_and_hides_control_chars() -> None:
    result = _cleaner().clean(
        "Body line with a stray \x1b[2J escape.\nA Message from The Harbour Daily:\nDear readers,\nRemind me later.",
        outlet=OUTLET,
    )
    view = render_terminal(result, color=True)
    assert "\x1b[2;31mA Message from The Harbour Daily:" in view
    assert "stray ?[2J escape" in view


def test_terminal_view_shows_old_mac_line_breaks_as_lines() -> None:
    text = "Body line one.\rA Message from The Harbour Daily:\rDear readers,\rRemind me later.\rLast line."
    view = render_terminal(_cleaner().clean(text, outlet=OUTLET), color=False)
    assert "\r" not in view
    assert "Body line one.\n[- A Message from The Harbour Daily:\nDear readers," in view


def test_nothing_removed_is_said_plainly() -> None:
    result = _cleaner().clean("Just one line of body text.")
    assert "[-" not in render_terminal(result)
    assert "Nothing was removed." in render_html(result)


class _Collector(HTMLParser):
    """Collects removed segments (category, rule, text), all text and outside links."""

    def __init__(self) -> None:
        super().__init__()
        self.removed: list[dict[str, str]] = []
        self.text: list[str] = []
        self.external: list[str] = []
        self._after_removed_div = False
        self._capturing = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        self.external.extend(values[key] or "" for key in ("src", "href") if values.get(key))
        classes = (values.get("class") or "").split()
        if tag == "div" and "removed" in classes:
            self.removed.append(
                {
                    "category": values.get("data-category") or "",
                    "rule": values.get("data-rule") or "",
                    "text": "",
                }
            )
            self._after_removed_div = True
            return
        self._capturing = tag == "p" and self._after_removed_div
        self._after_removed_div = False

    def handle_data(self, data: str) -> None:
        if self._capturing:
            self.removed[-1]["text"] += data
        self.text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "p":
            self._capturing = False


def test_html_report_is_self_contained_and_escaped(seed_result) -> None:
    page = render_html(seed_result, title="<seed & co>")
    assert "<script" not in page and "http://" not in page and f"https://www.{OUTLET}" in page
    assert "&lt;seed &amp; co&gt;" in page
    parser = _Collector()
    parser.feed(page)
    assert parser.external == []
    assert [r["category"] for r in parser.removed] == ["donation_appeal"]
    assert parser.removed[0]["rule"] == APPEAL_RULE
    assert parser.removed[0]["text"].startswith("A Message from The Harbour Daily:")
    assert parser.removed[0]["text"].endswith("Remind me later.")


def test_explain_command_plain_and_html(tmp_path: Path) -> None:
    doc = tmp_path / "story.txt"
    doc.write_text(SEED_LIKE, encoding="utf-8")
    runner = CliRunner()
    plain = runner.invoke(main, ["explain", str(doc), "--outlet", OUTLET, *OPTIONS])
    assert plain.exit_code == 0, plain.output
    assert "[- A Message from The Harbour Daily:" in plain.output
    report = tmp_path / "report.html"
    out = runner.invoke(
        main, ["explain", str(doc), "--url", f"https://{OUTLET}/a", "--html", str(report), *OPTIONS]
    )
    assert out.exit_code == 0, out.output
    assert f"report: {report}" in out.output
    assert 'data-category="donation_appeal"' in report.read_text(encoding="utf-8")


def test_explain_reads_stdin_and_reports_bad_input_in_one_line(tmp_path: Path) -> None:
    runner = CliRunner()
    piped = runner.invoke(main, ["explain", "-", *OPTIONS], input="One body line.\nRemind me later.\n")
    assert piped.exit_code == 0 and "One body line." in piped.output
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"caf\xe9 au lait\n")
    result = runner.invoke(main, ["explain", str(bad), "--encoding", "utf-8"])  # auto would detect one
    assert result.exit_code == 2
    assert result.output.strip() == f"cleaner: error: {bad}: invalid UTF-8 (byte 0xe9 at line 1, column 4)"
    assert "Traceback" not in result.output


def _chromium() -> str:
    for name in CHROMIUM_NAMES:
        found = shutil.which(name)
        if found:
            return found
    pytest.fail("chromium is not installed: run `apt-get install -y chromium` (as .ci/run does)")


def _run_chromium(args: list[str], profile: Path) -> subprocess.CompletedProcess[bytes]:
    command = [
        _chromium(),
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--no-first-run",
        f"--user-data-dir={profile}",
        "--window-size=1280,1000",
        *args,
    ]
    env = dict(os.environ, HOME=str(profile))
    return subprocess.run(command, capture_output=True, timeout=CHROMIUM_TIMEOUT_S, env=env, check=False)


def test_report_renders_in_headless_chromium(tmp_path: Path) -> None:
    doc = tmp_path / "seed.txt"
    doc.write_text(SEED_LIKE, encoding="utf-8")
    report = tmp_path / "seed-report.html"
    out = CliRunner().invoke(main, ["explain", str(doc), "--outlet", OUTLET, "--html", str(report), *OPTIONS])
    assert out.exit_code == 0, out.output
    url = report.as_uri()

    dom = _run_chromium(["--dump-dom", url], tmp_path / "profile-dom")
    assert dom.returncode == 0, dom.stderr.decode(errors="replace")[-500:]
    rendered = dom.stdout.decode("utf-8")
    parser = _Collector()
    parser.feed(rendered)
    assert [r["category"] for r in parser.removed] == ["donation_appeal"]
    assert parser.removed[0]["text"].startswith("A Message from The Harbour Daily:")
    assert "The harbour board approved a plan on Thursday" in "".join(parser.text)

    shot = tmp_path / "seed-report.png"
    png = _run_chromium([f"--screenshot={shot}", url], tmp_path / "profile-shot")
    assert png.returncode == 0, png.stderr.decode(errors="replace")[-500:]
    width, height, pixels = _decode_png(shot.read_bytes())
    assert (width, height) == (1280, 1000)
    appeal = _hex_rgb(CATEGORY_COLOUR["donation_appeal"])
    highlighted = sum(1 for pixel in pixels if pixel == appeal)
    assert highlighted >= MIN_HIGHLIGHT_PIXELS, f"only {highlighted} pixels in the appeal colour"


def _hex_rgb(colour: str) -> tuple[int, int, int]:
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)


def _decode_png(data: bytes) -> tuple[int, int, list[tuple[int, int, int]]]:
    """Width, height and RGB pixels of an 8-bit, non-interlaced RGB(A) PNG."""
    assert data.startswith(PNG_MAGIC), "not a PNG"
    pos, idat, header = 8, b"", b""
    while pos < len(data):
        length = int.from_bytes(data[pos : pos + 4], "big")
        kind, body = data[pos + 4 : pos + 8], data[pos + 8 : pos + 8 + length]
        header = body if kind == b"IHDR" else header
        idat += body if kind == b"IDAT" else b""
        pos += 12 + length
    width, height = int.from_bytes(header[0:4], "big"), int.from_bytes(header[4:8], "big")
    depth, colour_type, interlace = header[8], header[9], header[12]
    assert depth == 8 and colour_type in (2, 6) and interlace == 0, "unexpected PNG layout"
    step = 3 if colour_type == 2 else 4
    raw = zlib.decompress(idat)
    stride = width * step
    previous = bytearray(stride)
    pixels: list[tuple[int, int, int]] = []
    for row in range(height):
        offset = row * (stride + 1)
        line = _unfilter(raw[offset], bytearray(raw[offset + 1 : offset + 1 + stride]), previous, step)
        pixels.extend(zip(line[0::step], line[1::step], line[2::step]))
        previous = line
    return width, height, pixels


def _unfilter(kind: int, line: bytearray, above: bytearray, step: int) -> bytearray:
    for i in range(len(line)):
        left = line[i - step] if i >= step else 0
        up = above[i]
        corner = above[i - step] if i >= step else 0
        if kind == 1:
            line[i] = (line[i] + left) & 0xFF
        elif kind == 2:
            line[i] = (line[i] + up) & 0xFF
        elif kind == 3:
            line[i] = (line[i] + (left + up) // 2) & 0xFF
        elif kind == 4:
            guess = left + up - corner
            pa, pb, pc = abs(guess - left), abs(guess - up), abs(guess - corner)
            nearest = left if pa <= pb and pa <= pc else up if pb <= pc else corner
            line[i] = (line[i] + nearest) & 0xFF
    return line


HTML_CASE = DATA / "corpus" / "riverside-herald.example" / "library-opens.html"


def test_explain_html_input_marks_page_chrome() -> None:
    result = CliRunner().invoke(main, ["explain", str(HTML_CASE), "--no-color", *OPTIONS])
    assert result.exit_code == 0, result.output
    assert "The new public library on the riverside opened its doors" in result.output
    # the <nav> menu the html stage removed, named by its markup (cleaner/html/chrome.py)
    assert re.search(r"\[- Home Local Sport -\] \{navigation: html:", result.output)


def test_explain_html_without_html_stage_is_one_line_error(monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    monkeypatch.setitem(sys.modules, "cleaner.html", None)  # import now raises ImportError
    result = CliRunner().invoke(main, ["explain", str(HTML_CASE), "--format", "html", *OPTIONS])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"cleaner: error: {HTML_CASE}: HTML input needs the html stage")
    assert len(result.stderr.strip().splitlines()) == 1


def test_explain_and_clean_agree_on_what_is_html(tmp_path: Path) -> None:
    """explain reads through the same layer as clean: a .txt holding a page is html."""
    from cleaner.io.documents import read_one_document
    from cleaner.io.formats import HTML, detect_format

    page = "<!DOCTYPE html><html><body><p>A page saved with the wrong name.</p></body></html>"
    cases = [("page.txt", page), ("page.html", "just words"), ("notes.txt", "Use the <p> tag.")]
    for name, text in cases:
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        document = read_one_document(str(path))
        assert document.is_html == (detect_format(name, text.encode()) == HTML)
    assert read_one_document(str(tmp_path / "page.txt")).is_html


def test_explain_reads_the_first_record_of_a_jsonl_file(tmp_path: Path) -> None:
    """A JSONL dump given to explain shows its first record, with the record's url."""
    dump = tmp_path / "dump.jsonl"
    first = {
        "text": "The council met on Monday to vote on the harbour budget.",
        "url": "https://example.org/a",
    }
    second = {"text": "A second record that explain does not show."}
    dump.write_text(json.dumps(first) + "\n" + json.dumps(second) + "\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["explain", str(dump), "--no-color", *OPTIONS])
    assert result.exit_code == 0, result.output
    assert "The council met on Monday" in result.output
    assert "second record" not in result.output
