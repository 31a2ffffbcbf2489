"""Reader-comment threads under a blog post or an older news page: a comments line, then
signed posts ("Posted by: Ann at September 10, 2012 11:40 AM"). The posts are prose as long
as the article's, so the thread goes by its rhythm (the opener and the signatures), in any
language; an article whose own lines hold clock times, or a comments line with no signed
posts below it, stays whole."""

from __future__ import annotations

import pytest

from cleaner import clean
from cleaner.heuristics.comment_threads import is_signature, opener_form

POST = [
    "We finally had a cool night here after three weeks of heat, and I sat on the porch with my knitting until almost eleven.",
    "The pattern for the arm warmers looks simple enough that even a beginner like me could try it over a long weekend.",
    "I have started my holiday list already: two hats, a pair of socks for my brother and a cowl that I keep putting off.",
    "Thanks for the tip about the seed stitch at the top, it makes the edge look much more finished than plain ribbing does.",
]

BLOG = [
    "The nights used to be cool here in September, no matter how hot the days were, but this year the heat has not let up.",
    "Still, the knitting goes on. These arm warmers took two evenings in a cotton yarn, on a size 8 needle, knit flat and seamed.",
    "Once the piece is as long as you like, seam up the long sides and leave a small opening for the thumb, and that is all.",
    "I have several more orders on my list for the holidays, along with a couple of slouchy hats for friends who asked.",
]

# (opener line, signature line with {name} and {n}, language): own wording of each language.
THREADS = [
    ("Comments", "Posted by: {name} at September 10, 2012 {n}:40 AM", "en"),
    ("12 Kommentare", "Geschrieben von {name} am 10.09.2012 um {n}:40 Uhr", "de"),
    ("Commentaires (4)", "Publié par {name} le 10 septembre 2012 à {n}h40", "fr"),
    ("Comentarios", "{name} | 10 de septiembre de 2012, {n}:40", "es"),
    ("Commenti (4)", "Inviato da {name} il 10 settembre 2012 alle {n}:40", "it"),
    ("Reacties", "{name} schreef op 10 september 2012 om {n}:40", "nl"),
    ("Комментарии", "{name}, 10 сентября 2012 в {n}:40", "ru"),
]
NAMES = ("Ellen", "Toni", "Gina", "Marcia")


def _thread(opener: str, signature: str) -> list[str]:
    lines = [opener]
    for k, (post, name) in enumerate(zip(POST, NAMES)):
        lines += [post, signature.format(name=name, n=k + 9)]
    return lines


@pytest.mark.parametrize(("opener", "signature", "language"), THREADS)
def test_signed_comment_thread_goes(opener: str, signature: str, language: str) -> None:
    thread = _thread(opener, signature)
    result = clean("\n\n".join(BLOG + thread) + "\n")
    assert result.body.strip() == "\n\n".join(BLOG), language
    rules = {s.rule for s in result.removed if POST[0] in s.text or POST[-1] in s.text}
    assert rules == {"heuristic:comment-thread"}, language
    assert all(s.category == "comments" for s in result.removed if POST[0] in s.text)


def test_thread_longer_than_the_post_goes() -> None:
    """A blog post of two paragraphs under a thread of twelve posts: no share of the text
    above the opener is asked for."""
    thread = ["Comments"]
    for k in range(12):
        thread += [
            POST[k % len(POST)] + f" ({k})",
            f"Posted by: Reader {k} at October 2, 2012 {k % 12 + 1}:05 PM",
        ]
    result = clean("\n\n".join(BLOG[:2] + thread) + "\n")
    assert result.body.strip() == "\n\n".join(BLOG[:2])


def test_comments_line_without_signed_posts_ends_nothing() -> None:
    """An article that names its readers' comments as a subheading and goes on in prose."""
    lines = [
        *BLOG[:2],
        "Comments",
        *BLOG[2:],
        "Updated at 10:40 and again at 12:15 with the council's reply.",
    ]
    result = clean("\n\n".join(lines) + "\n")
    assert all(line in result.body for line in BLOG)
    assert not [s for s in result.removed if s.rule == "heuristic:comment-thread"]


@pytest.mark.parametrize(
    "lines",
    [
        [  # a live blog: its entries carry clock times, and no comments line opens them
            "Polls closed at 8 pm and the first results came in from the eastern districts within the hour.",
            "21:04 Turnout in the capital is running at 61 percent, the highest in twenty years.",
            "The electoral commission said the count should be complete before midnight in most districts.",
            "21:32 The governing party concedes two seats in the north to the opposition.",
            "Both leaders are expected to speak once the last districts have reported their figures.",
            "22:10 The opposition leader arrives at her party's headquarters to loud applause.",
            "Analysts said the swing was larger than any poll had predicted in the final week of the campaign.",
        ],
        [  # a festival programme in German: times, a "Kommentare" section named, no thread
            "Das Festival beginnt am Freitag mit einem Konzert auf dem Marktplatz und endet am Sonntagabend.",
            "Kommentare",
            "Die Veranstalter bitten die Besucher, mit Bus und Bahn anzureisen, weil die Parkplätze knapp sind.",
            "Freitag, 18:00 Uhr: Eröffnung auf dem Marktplatz",
            "Samstag, 14:30 Uhr: Lesung im Stadtmuseum",
            "Sonntag, 11:00 Uhr: Familienkonzert im Park",
            "Der Eintritt ist an allen drei Tagen frei, für das Konzert am Sonntag gibt es aber nur begrenzt Plätze.",
        ],
    ],
)
def test_clock_times_in_the_article_stay(lines: list[str]) -> None:
    result = clean("\n\n".join(lines) + "\n")
    assert not [s for s in result.removed if s.rule == "heuristic:comment-thread"]
    assert all(line in result.body for line in lines if len(line.split()) > 8)


def test_two_signed_posts_are_no_thread() -> None:
    """A French report quoting two dated statements under a "Commentaires" line: two
    signatures prove nothing (a thread needs THREAD_MIN_SIGNATURES)."""
    lines = [
        "Le conseil municipal a voté jeudi soir le nouveau plan de circulation du centre-ville, après trois heures de débat.",
        "Commentaires",
        "Le maire a défendu un projet qui réduit la place de la voiture sans fermer les rues commerçantes aux livraisons.",
        "Communiqué de la mairie, 12 mars 2024 à 18h30",
        "L'opposition a dénoncé un vote précipité et demande une consultation des habitants avant l'été prochain.",
        "Déclaration du groupe d'opposition, 12 mars 2024 à 21h15",
        "Les travaux doivent commencer en septembre et durer deux ans, selon le calendrier présenté aux élus.",
    ]
    result = clean("\n\n".join(lines) + "\n")
    assert not [s for s in result.removed if s.rule == "heuristic:comment-thread"]
    assert all(line in result.body for line in lines if len(line.split()) > 12)


def test_opener_form_and_signature() -> None:
    assert opener_form("12 comments") == "comments"
    assert opener_form("| reader comments |") == "reader comments"
    assert opener_form("комментарии (3)") == "комментарии"
    assert is_signature("Posted by: Amy Gahran | Apr 6, 2007 1:21:27 PM", 10)
    assert is_signature("Publié par Anne le 3 mai à 14h30", 8)
    assert not is_signature("The score was 3-1 after ninety minutes.", 7)
    assert not is_signature("Posted by Ann at 10:14 " + "word " * 30, 35)
