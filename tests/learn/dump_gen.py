"""A made-up outlet's pages for the learn tests: varied bodies, shared boilerplate.

Every page is an article of sentences drawn at random (so bodies differ),
with an appeal, a newsletter box and a footer whose wording varies in
numbers, dates, currency and the reader's country. Each line is tagged as
body or boilerplate so a test can count what a learned rule removes.
"""

from __future__ import annotations

import json
import random
import sys
from dataclasses import dataclass
from pathlib import Path

DOMAIN = "northgate-courier.example"

COUNTRIES = [
    "France",
    "Germany",
    "Kenya",
    "Brazil",
    "Japan",
    "Canada",
    "India",
    "Norway",
    "Chile",
    "Poland",
    "the United States",
    "the United Kingdom",
    "New Zealand",
    "South Africa",
    "the Czech Republic",
    "Sri Lanka",
    "Costa Rica",
    "the Netherlands",
    "Bosnia and Herzegovina",
    "Trinidad and Tobago",
]
CURRENCIES = ["$", "€", "£", "CHF ", "A$", "R"]
MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]

SUBJECTS = [
    "The harbour authority",
    "A group of fishermen",
    "The county council",
    "Local teachers",
    "The new mayor",
    "Residents of the old quarter",
    "The ferry operator",
    "Hospital managers",
    "A retired judge",
    "The football club",
    "Volunteers from the food bank",
    "The regional water board",
    "Shop owners on the high street",
    "Two lifeboat crews",
    "The university's engineers",
    "A coalition of tenants",
    "The police commissioner",
    "Bus drivers",
    "The museum",
]
VERBS = [
    "announced plans for",
    "voted against",
    "raised concerns about",
    "quietly dropped",
    "asked for more money for",
    "published a report on",
    "began a review of",
    "criticised the delay to",
    "celebrated the opening of",
    "warned of rising costs for",
    "signed a contract for",
    "postponed a decision on",
    "protested outside",
]
OBJECTS = [
    "the northern breakwater",
    "a second bridge",
    "the closed swimming pool",
    "school meals",
    "the night bus routes",
    "the flood barrier",
    "a new cycle lane",
    "parking charges",
    "the fish market",
    "the lighthouse restoration",
    "summer festival funding",
    "the harbour dredging",
    "affordable flats near the docks",
    "the library's opening hours",
]
TAILS = [
    "after a meeting that ran late into the evening",
    "despite objections from neighbours",
    "in a statement released on the council website",
    "citing a shortfall in the budget",
    "ahead of the winter storms",
    "following complaints from parents",
    "with support from the opposition",
    "after months of negotiation",
    "in front of a small crowd",
    "although details remain unclear",
    "according to documents seen by reporters",
]
QUOTE_OPENERS = [
    "We have waited long enough for",
    "Nobody asked the people who live here about",
    "This is good news for",
    "The numbers simply do not add up on",
    "We will keep fighting for",
    "It is a first step towards",
    "I never expected to see",
    "People are tired of hearing about",
    "Our children deserve better than",
]
SPEECH = ["said", "told reporters", "wrote in a letter to the council", "said at the meeting", "added"]
NAMES = [
    "Ana Ferreira",
    "Tom Okafor",
    "Lena Brandt",
    "Sami Korhonen",
    "Rosa Delgado",
    "Ian McBride",
    "Priya Nair",
]


@dataclass
class GeneratedPage:
    lines: list[str]
    boilerplate: list[bool]

    @property
    def text(self) -> str:
        return "\n".join(self.lines) + "\n"


def _sentence(rng: random.Random) -> str:
    kind = rng.random()
    if kind < 0.2:
        quote = f"{rng.choice(QUOTE_OPENERS)} {rng.choice(OBJECTS)}"
        return f"“{quote},” {rng.choice(NAMES)} {rng.choice(SPEECH)}."
    parts = [rng.choice(SUBJECTS), rng.choice(VERBS), rng.choice(OBJECTS), rng.choice(TAILS)]
    extra = ""
    if rng.random() < 0.5:
        extra = f" The cost is put at {rng.randint(2, 900)} thousand pounds."
    return " ".join(parts) + "." + extra


def _paragraph(rng: random.Random) -> str:
    return " ".join(_sentence(rng) for _ in range(rng.randint(1, 3)))


def _appeal(rng: random.Random) -> list[str]:
    country = rng.choice(COUNTRIES)
    money = f"{rng.choice(CURRENCIES)}{rng.choice([2, 3, 5, 7, 10])}"
    return [
        "A note from the Northgate Courier",
        f"Dear reader in {country},",
        f"In {rng.randint(2019, 2026)} more than {rng.randint(1000, 90000):,} readers in {country} chose to support independent journalism like ours.",
        f"Support us from just {money} a month. It takes a minute, and you can cancel at any time.",
        "Support the Courier",
        "Maybe later",
    ]


def _newsletter(rng: random.Random) -> list[str]:
    return [
        "The Morning Courier newsletter",
        f"The day's local news in your inbox at {rng.choice([6, 7, 8])}am, every day. Join {rng.randint(2000, 50000):,} readers.",
        "Enter your email address",
        "Sign up",
        "By signing up you agree to our privacy policy. You can unsubscribe at any time.",
    ]


def _footer(rng: random.Random) -> list[str]:
    day, month, year = rng.randint(1, 28), rng.choice(MONTHS), rng.randint(2020, 2026)
    return [
        f"© {year} Northgate Courier Ltd. All rights reserved.",
        f"Registered in England and Wales, company number {rng.randint(1000000, 9999999)}.",
        "Contact us | Advertise | Privacy | Terms",
        f"Page generated on {rng.choice(WEEKDAYS)}, {day} {month} {year} at {rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}",
    ]


def make_page(rng: random.Random) -> GeneratedPage:
    """One article: dateline, paragraphs, appeal (end or middle), newsletter, footer."""
    day, month, year = rng.randint(1, 28), rng.choice(MONTHS), rng.randint(2020, 2026)
    lines: list[str] = []
    flags: list[bool] = []

    def add(block: list[str], boilerplate: bool) -> None:
        lines.extend(block)
        flags.extend([boilerplate] * len(block))

    add([f"Published {day} {month} {year}, updated {rng.randint(1, 12)} hours ago"], True)
    paragraphs = [_paragraph(rng) for _ in range(rng.randint(4, 9))]
    appeal = _appeal(rng) if rng.random() < 0.85 else []
    middle = rng.random() < 0.3
    cut = 2 if middle else len(paragraphs)
    add(paragraphs[:cut], False)
    add(appeal, True)
    add(paragraphs[cut:], False)
    if rng.random() < 0.6:
        add(_newsletter(rng), True)
    add(_footer(rng), True)
    return GeneratedPage(lines, flags)


def make_dump(pages: int, seed: int = 7) -> list[GeneratedPage]:
    rng = random.Random(seed)
    return [make_page(rng) for _ in range(pages)]


def write_demo(out: Path, train: int = 200, held_out: int = 100) -> None:
    """A JSONL dump of ``train`` pages and a corpus folder of ``held_out`` more."""
    pages = make_dump(train + held_out)
    out.mkdir(parents=True, exist_ok=True)
    with (out / "dump.jsonl").open("w", encoding="utf-8") as handle:
        for number, page in enumerate(pages[:train]):
            record = {"url": f"https://{DOMAIN}/news/{number}", "text": page.text}
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    cases = out / "corpus" / DOMAIN
    cases.mkdir(parents=True, exist_ok=True)
    for number, page in enumerate(pages[train:]):
        body = [line for line, flag in zip(page.lines, page.boilerplate) if not flag]
        (cases / f"page-{number:03d}.txt").write_text(page.text, encoding="utf-8")
        (cases / f"page-{number:03d}.body.txt").write_text("\n".join(body) + "\n", encoding="utf-8")


if __name__ == "__main__":
    # python tests/learn_dump_gen.py OUT_DIR: OUT_DIR/dump.jsonl and OUT_DIR/corpus/ (see docs/authoring.md)
    write_demo(Path(sys.argv[1]))
