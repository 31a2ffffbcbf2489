"""A reader appeal after an article goes whole in languages beyond the first seven: its
header ("Beste lezer,", "Drodzy Czytelnicy,") opens the zone, its calls to action ("Steun
ons", "Przypomnij mi później") close it (the appeal_headers and cta of rules/lexicons);
a letter to readers with no call to action stays."""

from __future__ import annotations

import pytest

from cleaner import clean
from tests.heuristics.tram_story import PARAGRAPH, story

APPEAL = {
    "nl": [
        "Beste lezer,",
        "Onafhankelijke lokale journalistiek kost geld. Wij bieden al onze artikelen gratis aan, "
        "omdat iedereen toegang moet hebben tot betrouwbare informatie.",
        "Met een bijdrage vanaf 5 euro per maand helpt u ons om onafhankelijk te blijven berichten.",
        "Steun ons",
        "Herinner me later",
    ],
    "pl": [
        "Drodzy Czytelnicy,",
        "niezależne dziennikarstwo lokalne kosztuje. Udostępniamy wszystkie nasze artykuły za darmo, "
        "bo każdy powinien mieć dostęp do rzetelnych informacji.",
        "Wpłacając od 20 złotych miesięcznie, pomagasz nam nadal niezależnie informować.",
        "Wesprzyj nas",
        "Przypomnij mi później",
    ],
    "sv": [
        "Kära läsare,",
        "oberoende lokaljournalistik kostar pengar. Vi ger bort alla våra artiklar gratis, eftersom "
        "alla ska ha tillgång till pålitlig information.",
        "Med ett bidrag från 50 kronor i månaden hjälper du oss att fortsätta rapportera oberoende.",
        "Stöd oss",
        "Påminn mig senare",
    ],
    "tr": [
        "Değerli okurlarımız,",
        "bağımsız yerel gazetecilik bir bedel gerektiriyor. Tüm haberlerimizi ücretsiz sunuyoruz, "
        "çünkü herkesin güvenilir bilgiye erişebilmesi gerektiğine inanıyoruz.",
        "Aylık küçük bir katkıyla bağımsız habercilik yapmaya devam etmemize yardımcı olabilirsiniz.",
        "Bize destek olun",
        "Daha sonra hatırlat",
    ],
}


@pytest.mark.parametrize("language", sorted(APPEAL))
def test_an_appeal_after_the_article_goes_whole(language: str) -> None:
    body = story(language)
    result = clean("\n".join([*body, *APPEAL[language]]) + "\n")
    assert result.body == "\n".join(body)
    assert {s.category for s in result.removed} == {"donation_appeal"}


def test_a_letter_to_readers_without_a_call_to_action_stays() -> None:
    """The mayor's letter the paper prints: a header, prose, no button."""
    para = PARAGRAPH["nl"]
    letter = [
        "Beste lezers,",
        "Na twaalf jaar neem ik afscheid als burgemeester van deze stad, en ik wil u bedanken voor "
        "het vertrouwen dat u mij al die jaren hebt gegeven.",
        "De tramlijn naar het noorden was mijn laatste grote besluit, en ik hoop dat u er over "
        "tien jaar nog met plezier gebruik van maakt.",
        "Het ga u goed.",
    ]
    text = "\n".join([para, para, *letter]) + "\n"
    assert clean(text).body == text.strip()
