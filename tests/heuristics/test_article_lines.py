"""Boilerplate inside an article's text: lead-ins, prompts, credits and copyright lines
go, with their category; articles that only talk about such things stay whole.

Every document here is written for these tests, modelled on real layouts.
"""

from __future__ import annotations

import pytest

from cleaner import Cleaner

PARAGRAPHS = [
    "The city council voted on Tuesday to raise parking charges in the old town by a third, after a "
    "debate that lasted most of the afternoon and divided both main parties.",
    "Supporters said the money would pay for new bus lanes and for repairs to the pavements around the "
    "market square, which have been patched for years.",
    "Opponents warned that shop owners in the centre would lose customers to the retail park outside "
    "the town, where parking remains free of charge.",
    "The new charges take effect in March, and residents with a permit will keep paying the old rate "
    "until the end of the year, the council said.",
]

# (line, category, where it goes: in the middle of the article and at its end)
LEFTOVERS = [
    ("READ MORE: Council split over new parking charges", "related"),
    ("Related: Five things to know about the new budget", "related"),
    ("Sign up for our free weekly newsletter", "newsletter"),
    ("Thanks for signing up!", "newsletter"),
    ("Photo: Jane Doe/Reuters", "credit"),
    ("Copyright 2024 The Associated Press. All rights reserved.", "legal"),
    ("Auch lesen:", "related"),
    ("Mehr Themen:", "related"),
    ("Lesen Sie auch die folgenden Beiträge:", "related"),
    ("LE PUEDE INTERESAR: Los precios del alquiler suben otra vez en la capital", "related"),
    ("(Reporting by Anna Berg; Editing by Tom Hale)", "credit"),
    ("Additional reporting by Tom Hale in Oslo.", "credit"),
    ("Follow her on Twitter @janedoe.", "share"),
    ("Con información de EFE y AFP.", "credit"),
    ("Com informações da Agência Brasil.", "credit"),
    ("Mit Material von dpa.", "credit"),
]


@pytest.fixture(scope="module")
def cleaner() -> Cleaner:
    return Cleaner(use_env=False, builtin_rules=False)


@pytest.mark.parametrize(("line", "category"), LEFTOVERS)
@pytest.mark.parametrize("where", [2, len(PARAGRAPHS)])
def test_leftover_line_goes_with_its_category(cleaner: Cleaner, line: str, category: str, where: int) -> None:
    text = "\n".join([*PARAGRAPHS[:where], line, *PARAGRAPHS[where:]])
    result = cleaner.clean(text)
    assert result.body == "\n".join(PARAGRAPHS)
    [removed] = result.removed
    assert removed.text.strip() == line
    assert removed.category == category
    assert removed.rule is not None and removed.rule.startswith("heuristic:")


HARD_NEGATIVES = {
    "about newsletters and paywalls": [
        "Local newspapers are leaning on email newsletters and paywalls to replace the advertising money "
        "that moved to the large platforms over the past decade.",
        "At the Harbour Gazette, the editor said readers who sign up for the morning newsletter are three "
        "times as likely to pay for a subscription within a year.",
        "Subscribers now bring in more than half of the paper's revenue, up from a fifth in 2015, and the "
        "fundraising drive for its investigations desk closed above its goal.",
        "Critics say a paywall shuts out readers who cannot afford to subscribe, and several papers have "
        "opened their coverage of elections and public health to everyone.",
    ],
    "quote that says sign up": [
        "The mayor urged residents to register for the new flood warnings before the autumn storms.",
        "“Sign up today, it takes a minute and it could save your house,” she told the meeting.",
        "About four thousand households had registered by Friday, officials said, far fewer than hoped.",
        "“Subscribe to the text alerts,” the fire chief added, “even if you think your street is safe.”",
    ],
    "own sentence starting read more": [
        "The audit found that the ministry had paid twice for the same software licences in two years.",
        "Read more about it in the full report, which the ministry published on its website on Monday "
        "together with a list of the contracts involved.",
        "The minister said the money would be recovered from the supplier before the end of the year.",
    ],
    "recipe": [
        "This lentil soup takes forty minutes and feeds four people with a little left over for lunch.",
        "Ingredients:",
        "- 250 g red lentils",
        "- 1 onion, chopped",
        "- 2 carrots, diced",
        "- 1 litre vegetable stock",
        "- Salt and pepper",
        "Fry the onion and carrots in a little oil until soft, add the lentils and the stock, and simmer "
        "for twenty-five minutes before blending half of the soup.",
    ],
    "ranking": [
        "These were the best-selling cars in the country last year, according to the registration office.",
        "1. Skoda Octavia",
        "2. Volkswagen Golf",
        "3. Toyota Yaris",
        "4. Dacia Sandero",
        "5. Hyundai Tucson",
        "Sales of electric models rose by a fifth but still made up fewer than one in ten new cars sold.",
    ],
    "photo essay": [
        "Fishermen on the northern coast have spent the winter repairing boats and nets after the storms.",
        "Photographs taken by our reporter over three weeks show a village waiting for the season to open.",
        "Ana Costa mends a net on the harbour wall at dawn, as she has done every winter for thirty years.",
        "Two brothers haul a repaired hull back into the water with a tractor borrowed from a neighbour.",
        "Children watch the first boat leave the harbour on the morning the fishing season opens.",
    ],
    "sports table": [
        "Rovers stayed top of the league after a goalless draw away at United on a wet Saturday afternoon.",
        "| Team | Played | Points |",
        "| Rovers | 12 | 28 |",
        "| United | 12 | 25 |",
        "| City | 11 | 24 |",
        "The manager said a point on the road was a fair result and that the squad would rest on Monday.",
    ],
    "poll": [
        "Readers were split over the plan to close the old bridge to cars for the whole summer season.",
        "Should the bridge close to cars this summer?",
        "- Yes, for the whole season",
        "- Only at weekends",
        "- No",
        "More than two thousand readers answered, and the council said it would read every comment.",
    ],
    "subheadings": [
        "The regional hospital said waiting times for hip operations had fallen for a third month in a row.",
        "Staff shortages",
        "Eleven surgeons have been hired from abroad since the summer, and more are being trained at "
        "the university clinic, the director said on Monday.",
        "What comes next",
        "The ministry will publish new targets in the spring, after talks with the unions and the regional "
        "health boards about pay and working hours.",
    ],
    "interview": [
        "The new head of the regional hospital talked to us about waiting lists and staff shortages.",
        "Q: How long do patients wait for a hip operation today?",
        "A: About nine months on average, which is far too long, and we want to halve it by next year.",
        "Q: Where will the surgeons come from?",
        "A: We are training more of our own and have hired eleven doctors from abroad since the summer.",
    ],
}

ARTICLES_IN_LANGUAGES = {
    "de": [
        "Der Stadtrat hat am Dienstag beschlossen, die Parkgebühren in der Altstadt um ein Drittel zu erhöhen.",
        "Befürworter sagten, das Geld werde für neue Busspuren und die Sanierung der Gehwege am Markt gebraucht.",
        "Die Opposition warnte, die Geschäfte in der Innenstadt würden Kunden an das Einkaufszentrum verlieren.",
    ],
    "fr": [
        "Le conseil municipal a voté mardi une hausse d'un tiers des tarifs de stationnement dans la vieille ville.",
        "Selon ses partisans, l'argent financera de nouvelles voies de bus et la réfection des trottoirs du marché.",
        "L'opposition craint que les commerçants du centre perdent des clients au profit de la zone commerciale.",
    ],
    "es": [
        "El ayuntamiento aprobó el martes subir un tercio las tarifas de aparcamiento en el casco antiguo.",
        "Sus defensores dicen que el dinero pagará nuevos carriles bus y la reparación de las aceras del mercado.",
        "La oposición advirtió de que los comercios del centro perderán clientes frente al centro comercial.",
    ],
    "it": [
        "Il consiglio comunale ha approvato martedì un aumento di un terzo delle tariffe dei parcheggi in centro.",
        "Secondo i sostenitori il denaro servirà per nuove corsie degli autobus e per rifare i marciapiedi.",
        "L'opposizione teme che i negozi del centro perdano clienti a favore del centro commerciale in periferia.",
    ],
    "pt": [
        "A câmara municipal aprovou na terça-feira um aumento de um terço nas tarifas de estacionamento.",
        "Os defensores dizem que o dinheiro vai pagar novas faixas de autocarro e a reparação dos passeios.",
        "A oposição avisou que as lojas do centro vão perder clientes para o centro comercial fora da cidade.",
    ],
    "ru": [
        "Городской совет во вторник проголосовал за повышение платы за парковку в старом городе на треть.",
        "Сторонники решения говорят, что деньги пойдут на новые автобусные полосы и ремонт тротуаров у рынка.",
        "Оппозиция предупредила, что магазины в центре потеряют покупателей в пользу торгового центра за городом.",
    ],
    "pl": [
        "Rada miasta zdecydowała we wtorek o podniesieniu opłat za parkowanie na starówce o jedną trzecią.",
        "Zwolennicy mówią, że pieniądze pójdą na nowe buspasy i remont chodników wokół rynku.",
        "Opozycja ostrzega, że sklepy w centrum stracą klientów na rzecz galerii handlowej za miastem.",
    ],
    "nl": [
        "De gemeenteraad heeft dinsdag besloten de parkeertarieven in de oude binnenstad met een derde te verhogen.",
        "Voorstanders zeggen dat het geld nodig is voor nieuwe busbanen en het herstel van de stoepen bij de markt.",
        "De oppositie waarschuwt dat winkels in het centrum klanten verliezen aan het winkelcentrum buiten de stad.",
    ],
}


@pytest.mark.parametrize("name", sorted(HARD_NEGATIVES))
def test_hard_negative_keeps_its_whole_body(cleaner: Cleaner, name: str) -> None:
    text = "\n".join(HARD_NEGATIVES[name])
    result = cleaner.clean(text)
    assert result.body == text, [(s.text, s.rule) for s in result.removed]


@pytest.mark.parametrize("language", sorted(ARTICLES_IN_LANGUAGES))
def test_articles_in_eight_languages_stay_whole(cleaner: Cleaner, language: str) -> None:
    text = "\n".join(ARTICLES_IN_LANGUAGES[language])
    result = cleaner.clean(text)
    assert result.body == text, [(s.text, s.rule) for s in result.removed]


def test_article_lines_need_no_outlet_rules_and_stay_lossless(cleaner: Cleaner) -> None:
    lines = [*PARAGRAPHS, "READ MORE: Council split over new parking charges", "Photo: Jane Doe/Reuters"]
    text = "\n".join(lines) + "\n"
    result = cleaner.clean(text)
    assert "".join(s.text for s in result.segments) == text
    assert all(result.source[s.start : s.end] == s.text for s in result.segments)
    assert [s.category for s in result.removed] == ["related", "credit"]
    assert result.body == "\n".join(PARAGRAPHS)
