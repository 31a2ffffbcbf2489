"""A newsletter sign-up box inside an article's text goes whole: prompt, pitch, field,
button and consent line (signup_boxes.py); the article around it stays, and so do an
article about newsletters and minutes that plan one."""

from __future__ import annotations

import pytest

from cleaner import clean
from tests.heuristics.tram_story import story

BOX = {
    "en": [
        "Newsletter",
        "Get the day's top local stories in your inbox every morning.",
        "Your email address",
        "Sign up",
        "By signing up you agree to our privacy policy. You can unsubscribe at any time.",
    ],
    "de": [
        "Newsletter",
        "Die wichtigsten Nachrichten aus der Region jeden Morgen in Ihrem Postfach.",
        "Ihre E-Mail-Adresse",
        "Jetzt anmelden",
        "Mit der Anmeldung stimmen Sie unserer Datenschutzerklärung zu. Sie können den Newsletter "
        "jederzeit abbestellen.",
    ],
    "fr": [
        "Newsletter",
        "Recevez chaque matin l'essentiel de l'actualité de votre région.",
        "Votre adresse e-mail",
        "S'inscrire",
        "En vous inscrivant, vous acceptez notre politique de confidentialité. Vous pouvez vous "
        "désinscrire à tout moment.",
    ],
}


@pytest.mark.parametrize("language", sorted(BOX))
@pytest.mark.parametrize("where", ["middle", "end"])
def test_a_signup_box_goes_whole(language: str, where: str) -> None:
    body = story(language)
    lines = [*body[:2], *BOX[language], body[2]] if where == "middle" else [*body, *BOX[language]]
    result = clean("\n".join(lines) + "\n")
    assert result.body == "\n".join(body)
    removed = "".join(s.text for s in result.removed)
    assert all(line in removed for line in BOX[language])


def test_an_article_about_newsletters_stays() -> None:
    lines = [
        "Local papers are turning to email to keep readers who no longer buy a printed copy.",
        "Newsletter",
        "The Harbour Gazette started a daily newsletter two years ago and now counts thirty thousand "
        "readers, its editor said.",
        "Readers sign up with an email address on the paper's site and get a short digest of the "
        "morning's stories before eight o'clock.",
        "Only a small share of newsletter readers go on to buy a subscription, which keeps the model "
        "fragile.",
    ]
    body = clean("\n".join(lines) + "\n").body
    # the one-word subheading may go as a newsletter line; every sentence stays
    assert [line for line in lines if line != "Newsletter"] == [
        line for line in body.split("\n") if line != "Newsletter"
    ]


def test_minutes_planning_a_newsletter_stay() -> None:
    lines = [
        "Present: the board of the cooperative, six members in all, and two guests from the town hall.",
        "Ruth Miller has offered to write the members' newsletter again every quarter, but the offer "
        "was lost after the last general meeting, which she could not attend.",
        "Tom will call Ruth this week.",
        "Topics for the next newsletter:",
        "- new members wanted for the bookkeeping",
        "- the spring market",
        "The board approved the accounts of the last year without changes and thanked the treasurer.",
    ]
    text = "\n".join(lines) + "\n"
    assert clean(text).body == text.strip()
