"""Newsletter and share prompts in Portuguese, Arabic, Bulgarian, Hebrew and Catalan go;
the same words in an article's own sentences stay."""

from __future__ import annotations

import pytest

from cleaner import clean

# (language, two paragraphs of an article, prompt lines that must go)
CASES = [
    (
        "pt",
        [
            "A câmara municipal aprovou na terça-feira novas tarifas de estacionamento para o centro. "
            "Uma hora vai custar três euros em vez de dois.",
            "Os comerciantes temem que menos clientes venham ao centro e pedem uma revisão do plano antes da entrada em vigor, prevista para março.",
        ],
        ["Assine a nossa newsletter gratuita", "Partilhe este artigo"],
    ),
    (
        "ar",
        [
            "أقر مجلس المدينة مساء الثلاثاء بعد نقاش طويل رسوما جديدة لمواقف السيارات في وسط المدينة.",
            "ويخشى التجار من تراجع عدد الزبائن في وسط المدينة بعد تطبيق الرسوم الجديدة، ويطالبون البلدية بمراجعة القرار قبل دخوله حيز التنفيذ في مارس.",
        ],
        ["اشترك في نشرتنا الإخبارية المجانية", "شارك هذا المقال"],
    ),
    (
        "bg",
        [
            "Общинските съветници приеха във вторник вечерта нови такси за паркиране в центъра на града.",
            "Търговците се опасяват, че по-малко клиенти ще идват в центъра след промяната, и настояват общината да преразгледа решението преди март.",
        ],
        ["Абонирайте се за нашия безплатен бюлетин", "Сподели статията"],
    ),
    (
        "he",
        [
            "מועצת העיר אישרה ביום שלישי בערב, לאחר דיון ארוך, תעריפי חניה חדשים במרכז העיר.",
            "הסוחרים חוששים שפחות לקוחות יגיעו למרכז העיר בעקבות ההחלטה, ודורשים מהעירייה לבחון אותה מחדש לפני כניסתה לתוקף בחודש מרץ.",
        ],
        ["הירשמו לניוזלטר החינמי שלנו", "שתפו את הכתבה"],
    ),
    (
        "ca",
        [
            "El ple municipal va aprovar dimarts al vespre noves tarifes d'aparcament al centre de la ciutat.",
            "Els comerciants temen que arribin menys clients al centre després del canvi i demanen a l'ajuntament que revisi la mesura abans del març.",
        ],
        ["Comparteix aquest article"],
    ),
]


HEADLINES = {
    "pt": "Câmara aprova novas tarifas de estacionamento",
    "ar": "مجلس المدينة يقر رسوما جديدة للمواقف",
    "bg": "Общинският съвет прие нови такси за паркиране",
    "he": "מועצת העיר אישרה תעריפי חניה חדשים",
    "ca": "El ple aprova noves tarifes d'aparcament",
}


@pytest.mark.parametrize(("language", "paragraphs", "prompts"), CASES, ids=[c[0] for c in CASES])
def test_prompts_go_article_stays(language: str, paragraphs: list[str], prompts: list[str]) -> None:
    text = "\n\n".join([HEADLINES[language], paragraphs[0], *prompts[:1], paragraphs[1], *prompts[1:]]) + "\n"
    result = clean(text)
    for paragraph in paragraphs:
        assert paragraph in result.body
    for prompt in prompts:
        assert prompt not in result.body
    assert "".join(s.text for s in result.segments) == result.source


# The words of a prompt inside the story: sharing as "telling" (Bulgarian), taking part (Arabic),
# the catalan verb "shares", a paper's newsletter as the subject of the news.
SENTENCES = [
    "Той сподели, че статията е написана за една нощ, и благодари на редакцията.",
    "شارك الرئيس في افتتاح المعرض وألقى كلمة عن مستقبل الصحافة المحلية.",
    "El govern comparteix la preocupació dels comerciants i estudiarà ajudes per al centre.",
    "O jornal lançou uma newsletter gratuita em março e já tem vinte mil leitores inscritos.",
]


@pytest.mark.parametrize("sentence", SENTENCES)
def test_story_sentences_with_prompt_words_stay(sentence: str) -> None:
    lead = "A paragraph that opens the story and runs long enough to read as prose, ending here."
    tail = "Another paragraph of the story closes the text with a plain sentence of its own."
    result = clean(f"{lead}\n\n{sentence}\n\n{tail}\n")
    assert sentence in result.body
