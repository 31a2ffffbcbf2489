"""A paywall's lines left at the end of an article's text go in several languages: the notice,
the log-in line and the trial offer ("Lesen Sie jetzt weiter mit ...", "Prenumerera för 1
krona ...")."""

from __future__ import annotations

import pytest

from cleaner import clean
from tests.heuristics.tram_story import story

PAYWALL = {
    "de": [
        "Lesen Sie jetzt weiter mit Plus",
        "Sie sind bereits Abonnent? Hier anmelden",
        "Jetzt 4 Wochen für 1 Euro testen",
    ],
    "sv": [
        "Den här artikeln är endast för prenumeranter",
        "Redan prenumerant? Logga in",
        "Prenumerera för 1 krona första månaden",
    ],
    "nl": [
        "Dit artikel is alleen voor abonnees",
        "Al abonnee? Log in",
        "Neem een abonnement voor 1 euro per maand",
    ],
    "pt": [
        "Este conteúdo é exclusivo para assinantes",
        "Já é assinante? Faça login",
        "Assine por 1 euro no primeiro mês",
    ],
}


@pytest.mark.parametrize("language", sorted(PAYWALL))
def test_paywall_lines_go(language: str) -> None:
    body = story(language)
    result = clean("\n".join([*body, *PAYWALL[language]]) + "\n")
    assert result.body == "\n".join(body)
