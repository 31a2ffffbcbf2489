"""A short raw page dump's menu above the article goes when one of its lines is a site's
navigation entry ("Ana Sayfa", "Címlap"), even though no line holds a boilerplate phrase;
an article's own short opening lines stay when no such entry is among them."""

from __future__ import annotations

from cleaner import clean

MENU = ["Ana Sayfa", "Gündem", "Ekonomi", "Spor", "Dünya", "Yazarlar"]
ARTICLE = [
    "Büyükşehir belediyesi salı günü düzenlediği basın toplantısında şehrin dış mahallelerine hizmet "
    "verecek on iki yeni otobüs hattını tanıttı.",
    "Belediye başkanı, yeni hatların özellikle öğrenciler ve işçiler için ulaşım süresini yarı yarıya "
    "kısaltacağını söyledi.",
    "Muhalefet partileri ise projenin maliyetinin açıklanmadığını belirterek meclis toplantısında "
    "ayrıntılı bilgi istedi.",
]
FOOTER = ["Paylaş", "Facebook", "WhatsApp", "İletişim", "Gizlilik Politikası"]


def test_a_menu_with_a_navigation_entry_goes_from_a_short_raw_dump() -> None:
    headline = "Belediye yeni otobüs hatlarını tanıttı"
    text = "\n".join([*MENU, headline, *ARTICLE, *FOOTER]) + "\n"
    result = clean(text)
    assert result.body == "\n".join(ARTICLE)
    removed = {s.text.strip(): s.category for s in result.removed}
    assert removed[headline] == "title"
    assert removed["\n".join(MENU)] == "navigation"  # one segment: equal labels merge


def test_short_opening_lines_without_a_navigation_entry_stay() -> None:
    """A list opening an article (a line-up, a programme) is the article's."""
    lineup = ["Kadro:", "Ahmet Yılmaz", "Mehmet Demir", "Ali Kaya"]
    text = "\n".join([*lineup, *ARTICLE, *FOOTER]) + "\n"
    assert clean(text).body.startswith("Kadro:\nAhmet Yılmaz\nMehmet Demir\nAli Kaya\n")
