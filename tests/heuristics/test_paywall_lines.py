"""A paywall's lines left at the end of an article's text go in several languages: the notice,
the log-in line and the trial offer ("Lesen Sie jetzt weiter mit ...", "Prenumerera för 1
krona ...")."""

from __future__ import annotations

import pytest

from cleaner import clean

ARTICLE = {
    "de": "Der Stadtrat hat am Dienstag beschlossen, die nördliche Straßenbahnlinie um vier Haltestellen "
    "zu verlängern; das Projekt soll rund 80 Millionen Euro kosten und drei Jahre dauern.",
    "sv": "Kommunfullmäktige beslutade på tisdagen att förlänga den norra spårvägslinjen med fyra "
    "hållplatser, ett projekt som väntas kosta omkring 80 miljoner kronor.",
    "nl": "De gemeenteraad stemde dinsdag in met het verlengen van de noordelijke tramlijn met vier "
    "haltes, een project van ongeveer 80 miljoen euro dat drie jaar gaat duren.",
    "pt": "A câmara municipal aprovou na terça-feira o prolongamento da linha norte do elétrico em "
    "quatro paragens, um projeto de cerca de 80 milhões de euros.",
}
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
    para = ARTICLE[language]
    body = [para, para.replace("80", "81"), para.replace("80", "82")]
    result = clean("\n".join([*body, *PAYWALL[language]]) + "\n")
    assert result.body == "\n".join(body)
