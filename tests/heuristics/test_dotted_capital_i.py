"""Turkish dotted capital I: "İlgili Haber" reads as the lexicon's "ilgili haber".

str.lower() writes "İ" as "i" plus a combining dot, so a Turkish lead-in or button
written with a capital (as headings and all-caps labels are) matched no entry."""

from __future__ import annotations

import pytest

from cleaner import clean
from cleaner.heuristics.lexicon import lower_text, normalise_line

PARAGRAPH_1 = (
    "Belediye meclisi salı akşamı uzun bir tartışmanın ardından şehir merkezi için yeni otopark "
    "ücretlerini onayladı. Bir saatlik park artık iki lira yerine üç lira olacak."
)
PARAGRAPH_2 = (
    "Muhalefet karara sert tepki gösterdi ve imza kampanyası başlatmayı düşünüyor. Esnaf, "
    "merkeze daha az müşteri gelmesinden endişe ediyor."
)


def test_lower_text_keeps_length_and_reads_plain_i() -> None:
    assert lower_text("İLGİLİ HABER") == "ilgili haber"
    assert len(lower_text("İstanbul")) == len("İstanbul")
    assert lower_text("Straße ÉTÉ") == "straße été"  # everything else as str.lower
    assert normalise_line("İlgili Haberler:") == "ilgili haberler"


@pytest.mark.parametrize("lead_in", ["İlgili Haber", "İLGİLİ HABER", "ilgili haber"])
def test_turkish_lead_in_goes_in_any_case(lead_in: str) -> None:
    teaser = f"{lead_in}: Yeni otobüs hattı banliyöleri merkeze bağlıyor"
    text = f"Meclis kararı\n\n{PARAGRAPH_1}\n\n{teaser}\n\n{PARAGRAPH_2}\n"
    result = clean(text)
    assert teaser not in result.body
    assert PARAGRAPH_1 in result.body and PARAGRAPH_2 in result.body
    assert "".join(s.text for s in result.segments) == result.source


def test_istanbul_sentence_stays() -> None:
    sentence = "İstanbul'da da benzer bir karar geçen yıl alınmıştı ve ilgili tartışmalar sürüyor."
    text = f"Meclis kararı\n\n{PARAGRAPH_1}\n\n{sentence}\n\n{PARAGRAPH_2}\n"
    assert sentence in clean(text).body
