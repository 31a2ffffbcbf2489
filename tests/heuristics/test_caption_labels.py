"""A picture's source and caption labels written before them, as some outlets' pages put
them into the text ("Image source, Getty Images", "Image caption, ..."), and a topics list's
heading go from the article's middle; a sentence about an image's source stays."""

from __future__ import annotations

from cleaner import clean

PARA = (
    "The council voted on Tuesday to extend the northern tram line by four stops, a project "
    "officials say will cost about 80 million pounds and take three years to finish."
)
LABELS = [
    "Image source, Getty Images",
    "Image caption, Trams on the northern line are often full at rush hour",
    "Related Topics",
]


def test_caption_labels_and_a_topics_heading_go() -> None:
    lines: list[str] = []
    for label in LABELS:
        lines += [PARA, label]
    result = clean("\n".join([*lines, PARA]) + "\n")
    removed = {s.text.strip(): s.category for s in result.removed}
    assert [removed.get(label) for label in LABELS] == ["credit", "credit", "related"]
    assert result.body.count(PARA) == len(LABELS) + 1


def test_a_sentence_on_an_image_source_stays() -> None:
    sentence = (
        "The image source, a retired engineer who photographed the line for forty years, gave "
        "his archive to the city museum last spring."
    )
    text = f"{PARA}\n{sentence}\n{PARA}\n"
    assert clean(text).body == text.strip()
