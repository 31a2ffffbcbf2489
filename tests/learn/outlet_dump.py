"""Made-up multi-outlet dumps for ``--learn-outlets``: varied bodies, each outlet's own boilerplate.

Every outlet writes in one of six languages and repeats its own boilerplate:
an appeal box, a newsletter box, a "read more" lead-in before a changing
headline, a tag line, a date line, a teaser list with changing titles and a
footer, each on a share of its pages. Bodies are sentences drawn at random,
with a quoted sentence several articles share and the stock paragraph of a
story series (body text that recurs, which learning must keep). Every line is
tagged body, boilerplate or title so the bench can count what a run removed.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass, field

BODY = "body"
BOILER = "boiler"
TITLE = "title"  # the headline: metadata, neither body nor boilerplate (docs/design.md section 3)


@dataclass(frozen=True)
class Language:
    code: str
    subjects: tuple[str, ...]
    verbs: tuple[str, ...]
    objects: tuple[str, ...]
    tails: tuple[str, ...]
    months: tuple[str, ...]
    read_more: str
    tags: str
    published: str
    more_from: str
    appeal: tuple[str, ...]
    newsletter: tuple[str, ...]
    footer: str
    tag_words: tuple[str, ...]


LANGUAGES = [
    Language(
        "en",
        (
            "The city council",
            "A local farmer",
            "The regional museum",
            "Two teachers",
            "The ferry company",
            "A group of students",
            "The health ministry",
            "The football club",
            "Local bakers",
            "The mayor",
        ),
        ("announced", "criticised", "postponed", "welcomed", "examined", "rebuilt", "questioned", "funded"),
        (
            "a new plan for the harbour",
            "the winter timetable",
            "the price of bread",
            "a bridge over the river",
            "the school budget",
            "an old railway line",
            "the night market",
            "the water supply",
        ),
        (
            "on Tuesday.",
            "after a long debate.",
            "despite the rain.",
            "for the third time this year.",
            "without saying why.",
            "in front of reporters.",
            "before the elections.",
            "at a packed meeting.",
        ),
        ("January", "March", "May", "July", "September", "November"),
        "READ MORE:",
        "Tags:",
        "Published",
        "More from {name}",
        (
            "Support independent journalism",
            "{name} is funded by readers like you. Every contribution, large or small, keeps our reporting free for everyone.",
            "Please consider a donation today.",
            "Donate now",
            "Remind me later",
        ),
        ("Get our morning newsletter", "The day's most important stories in your inbox. Sign up here."),
        "© {year} {name}. All rights reserved.",
        ("politics", "economy", "culture", "sport", "weather", "transport", "health", "schools"),
    ),
    Language(
        "de",
        (
            "Der Stadtrat",
            "Eine Landwirtin",
            "Das Heimatmuseum",
            "Zwei Lehrer",
            "Die Fährgesellschaft",
            "Eine Gruppe Studenten",
            "Das Gesundheitsamt",
            "Der Fußballverein",
            "Die Bäckerinnung",
            "Die Bürgermeisterin",
        ),
        ("kündigte", "kritisierte", "verschob", "begrüßte", "prüfte", "finanzierte", "bezweifelte", "plante"),
        (
            "einen neuen Plan für den Hafen",
            "den Winterfahrplan",
            "den Brotpreis",
            "eine Brücke über den Fluss",
            "den Schuletat",
            "eine alte Bahnstrecke",
            "den Nachtmarkt",
            "die Wasserversorgung",
        ),
        (
            "am Dienstag an.",
            "nach langer Debatte.",
            "trotz des Regens.",
            "zum dritten Mal in diesem Jahr.",
            "ohne Begründung.",
            "vor laufenden Kameras.",
            "vor der Wahl.",
            "in einer vollen Sitzung.",
        ),
        ("Januar", "März", "Mai", "Juli", "September", "November"),
        "LESEN SIE AUCH:",
        "Schlagworte:",
        "Veröffentlicht am",
        "Mehr von {name}",
        (
            "Unterstützen Sie unabhängigen Journalismus",
            "{name} wird von Leserinnen und Lesern finanziert. Jeder Beitrag hilft, unsere Berichte für alle frei zu halten.",
            "Bitte unterstützen Sie uns noch heute.",
            "Jetzt spenden",
            "Später erinnern",
        ),
        (
            "Unser Newsletter am Morgen",
            "Die wichtigsten Nachrichten des Tages in Ihrem Postfach. Jetzt anmelden.",
        ),
        "© {year} {name}. Alle Rechte vorbehalten.",
        ("Politik", "Wirtschaft", "Kultur", "Sport", "Wetter", "Verkehr", "Gesundheit", "Schule"),
    ),
    Language(
        "fr",
        (
            "Le conseil municipal",
            "Une agricultrice",
            "Le musée régional",
            "Deux enseignants",
            "La compagnie de ferry",
            "Un groupe d'étudiants",
            "Le ministère de la santé",
            "Le club de football",
            "Les boulangers",
            "La maire",
        ),
        (
            "a annoncé",
            "a critiqué",
            "a reporté",
            "a salué",
            "a examiné",
            "a financé",
            "a contesté",
            "a présenté",
        ),
        (
            "un nouveau plan pour le port",
            "les horaires d'hiver",
            "le prix du pain",
            "un pont sur la rivière",
            "le budget des écoles",
            "une ancienne ligne de train",
            "le marché de nuit",
            "l'eau potable",
        ),
        (
            "mardi.",
            "après un long débat.",
            "malgré la pluie.",
            "pour la troisième fois cette année.",
            "sans donner de raison.",
            "devant la presse.",
            "avant les élections.",
            "lors d'une réunion pleine.",
        ),
        ("janvier", "mars", "mai", "juillet", "septembre", "novembre"),
        "À LIRE AUSSI :",
        "Mots-clés :",
        "Publié le",
        "Plus de {name}",
        (
            "Soutenez un journalisme indépendant",
            "{name} est financé par ses lecteurs. Chaque don, petit ou grand, garde nos articles gratuits pour tous.",
            "Merci de faire un don aujourd'hui.",
            "Faire un don",
            "Me le rappeler plus tard",
        ),
        (
            "Recevez notre lettre du matin",
            "L'essentiel de l'actualité dans votre boîte mail. Inscrivez-vous ici.",
        ),
        "© {year} {name}. Tous droits réservés.",
        ("politique", "économie", "culture", "sport", "météo", "transports", "santé", "école"),
    ),
    Language(
        "es",
        (
            "El ayuntamiento",
            "Una agricultora",
            "El museo regional",
            "Dos profesores",
            "La naviera",
            "Un grupo de estudiantes",
            "El ministerio de sanidad",
            "El club de fútbol",
            "Los panaderos",
            "La alcaldesa",
        ),
        ("anunció", "criticó", "aplazó", "celebró", "examinó", "financió", "cuestionó", "presentó"),
        (
            "un nuevo plan para el puerto",
            "el horario de invierno",
            "el precio del pan",
            "un puente sobre el río",
            "el presupuesto escolar",
            "una vieja línea de tren",
            "el mercado nocturno",
            "el suministro de agua",
        ),
        (
            "el martes.",
            "tras un largo debate.",
            "pese a la lluvia.",
            "por tercera vez este año.",
            "sin explicar el motivo.",
            "ante la prensa.",
            "antes de las elecciones.",
            "en una sala llena.",
        ),
        ("enero", "marzo", "mayo", "julio", "septiembre", "noviembre"),
        "LEA TAMBIÉN:",
        "Etiquetas:",
        "Publicado el",
        "Más de {name}",
        (
            "Apoya el periodismo independiente",
            "{name} se financia gracias a sus lectores. Cada aportación, grande o pequeña, mantiene nuestra información gratis.",
            "Por favor, haz una donación hoy.",
            "Donar ahora",
            "Recordármelo más tarde",
        ),
        (
            "Recibe nuestro boletín de la mañana",
            "Las noticias más importantes del día en tu correo. Suscríbete aquí.",
        ),
        "© {year} {name}. Todos los derechos reservados.",
        ("política", "economía", "cultura", "deportes", "tiempo", "transporte", "salud", "educación"),
    ),
    Language(
        "it",
        (
            "Il consiglio comunale",
            "Una contadina",
            "Il museo civico",
            "Due insegnanti",
            "La compagnia dei traghetti",
            "Un gruppo di studenti",
            "Il ministero della salute",
            "La squadra di calcio",
            "I fornai",
            "La sindaca",
        ),
        (
            "ha annunciato",
            "ha criticato",
            "ha rinviato",
            "ha accolto",
            "ha esaminato",
            "ha finanziato",
            "ha contestato",
            "ha presentato",
        ),
        (
            "un nuovo piano per il porto",
            "l'orario invernale",
            "il prezzo del pane",
            "un ponte sul fiume",
            "il bilancio delle scuole",
            "una vecchia linea ferroviaria",
            "il mercato notturno",
            "l'acquedotto",
        ),
        (
            "martedì.",
            "dopo un lungo dibattito.",
            "nonostante la pioggia.",
            "per la terza volta quest'anno.",
            "senza spiegare il perché.",
            "davanti ai giornalisti.",
            "prima delle elezioni.",
            "in una sala gremita.",
        ),
        ("gennaio", "marzo", "maggio", "luglio", "settembre", "novembre"),
        "LEGGI ANCHE:",
        "Argomenti:",
        "Pubblicato il",
        "Altro da {name}",
        (
            "Sostieni il giornalismo indipendente",
            "{name} è finanziato dai lettori. Ogni contributo, grande o piccolo, mantiene le nostre notizie gratuite.",
            "Fai una donazione oggi.",
            "Dona ora",
            "Ricordamelo più tardi",
        ),
        (
            "Iscriviti alla nostra newsletter",
            "Le notizie più importanti del giorno nella tua casella. Iscriviti qui.",
        ),
        "© {year} {name}. Tutti i diritti riservati.",
        ("politica", "economia", "cultura", "sport", "meteo", "trasporti", "salute", "scuola"),
    ),
    Language(
        "pt",
        (
            "A câmara municipal",
            "Uma agricultora",
            "O museu regional",
            "Dois professores",
            "A empresa de ferries",
            "Um grupo de estudantes",
            "O ministério da saúde",
            "O clube de futebol",
            "Os padeiros",
            "A presidente da câmara",
        ),
        ("anunciou", "criticou", "adiou", "saudou", "analisou", "financiou", "questionou", "apresentou"),
        (
            "um novo plano para o porto",
            "o horário de inverno",
            "o preço do pão",
            "uma ponte sobre o rio",
            "o orçamento das escolas",
            "uma antiga linha de comboio",
            "o mercado noturno",
            "o abastecimento de água",
        ),
        (
            "na terça-feira.",
            "após um longo debate.",
            "apesar da chuva.",
            "pela terceira vez este ano.",
            "sem explicar porquê.",
            "perante os jornalistas.",
            "antes das eleições.",
            "numa sala cheia.",
        ),
        ("janeiro", "março", "maio", "julho", "setembro", "novembro"),
        "LEIA TAMBÉM:",
        "Etiquetas:",
        "Publicado em",
        "Mais de {name}",
        (
            "Apoie o jornalismo independente",
            "O {name} é financiado pelos leitores. Cada contributo, grande ou pequeno, mantém as notícias gratuitas.",
            "Faça hoje um donativo.",
            "Doar agora",
            "Lembrar-me mais tarde",
        ),
        (
            "Receba a nossa newsletter da manhã",
            "As notícias mais importantes do dia no seu email. Subscreva aqui.",
        ),
        "© {year} {name}. Todos os direitos reservados.",
        ("política", "economia", "cultura", "desporto", "tempo", "transportes", "saúde", "escola"),
    ),
]

NAME_PARTS = ("North", "Harbour", "Valley", "River", "Coast", "Lake", "Hill", "Bridge", "Forest", "Stone")
NAME_KINDS = ("Courier", "Herald", "Post", "Gazette", "Tribune", "Observer", "Chronicle", "Daily")
BOXES = ("appeal", "newsletter", "read_more", "tags", "date", "teasers", "footer")


@dataclass
class Outlet:
    name: str
    domain: str
    language: Language
    pages: int
    boxes: dict[str, float] = field(default_factory=dict)  # box -> share of pages that show it
    quote: str = ""
    series: str = ""


@dataclass
class Page:
    outlet: Outlet
    url: str
    lines: list[tuple[str, str]]  # (line, BODY | BOILER | TITLE)

    @property
    def text(self) -> str:
        return "\n\n".join(line for line, _ in self.lines) + "\n"


def sentence(rng: random.Random, lang: Language) -> str:
    return " ".join(
        (rng.choice(lang.subjects), rng.choice(lang.verbs), rng.choice(lang.objects), rng.choice(lang.tails))
    )


def paragraph(rng: random.Random, lang: Language) -> str:
    return " ".join(sentence(rng, lang) for _ in range(rng.randint(2, 5)))


PLACES = (
    "Oldbridge",
    "Marlow",
    "Kessel",
    "Durnford",
    "Aulne",
    "Vilar",
    "Castro",
    "Bergheim",
    "Linden",
    "Portela",
    "Sainte-Anne",
    "Rocca",
    "Alder",
    "Brückenau",
    "Montval",
    "Esteiro",
    "Tarn",
    "Quinto",
)


def headline(rng: random.Random, lang: Language) -> str:
    words = f"{rng.choice(lang.subjects)} {rng.choice(lang.verbs)} {rng.choice(lang.objects)}".split()
    words.insert(rng.randint(1, len(words) - 1), rng.choice(PLACES))  # headlines vary in every part
    if rng.random() < 0.3:
        words.append(str(rng.randint(2, 99)))
    return " ".join(words)


def make_outlets(count: int, seed: int, min_pages: int = 5, max_pages: int = 60) -> list[Outlet]:
    rng = random.Random(seed)
    outlets = []
    for n in range(count):
        lang = LANGUAGES[n % len(LANGUAGES)]
        name = f"{rng.choice(NAME_PARTS)} {rng.choice(NAME_KINDS)} {n}"
        domain = f"{name.lower().replace(' ', '')}-{lang.code}.example"
        # the first outlets are large, a few small ones sit below any threshold
        pages = rng.randint(20, max_pages) if n % 4 else rng.randint(min_pages, 19)
        boxes = {
            box: rng.choice((1.0, 1.0, 0.9, 0.7, 0.5))
            for box in rng.sample(BOXES, rng.randint(3, len(BOXES)))
        }
        outlet = Outlet(name, domain, lang, pages, boxes)
        outlet.quote = f"\u201c{sentence(rng, lang)}\u201d"
        outlet.series = f"{name}: {paragraph(rng, lang)}"
        outlets.append(outlet)
    return outlets


def make_page(rng: random.Random, outlet: Outlet, index: int) -> Page:
    lang = outlet.language
    lines: list[tuple[str, str]] = []
    shows = {box: rng.random() < share for box, share in outlet.boxes.items()}

    def boiler(*texts: str) -> None:
        lines.extend((t.format(name=outlet.name, year=2020 + index % 5), BOILER) for t in texts)

    lines.append((headline(rng, lang), TITLE))
    if shows.get("date"):
        boiler(
            f"{lang.published} {rng.randint(1, 28)} {rng.choice(lang.months)} {rng.randint(2019, 2024)}, "
            f"{rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}"
        )
    body = [paragraph(rng, lang) for _ in range(rng.randint(4, 10))]
    if index % 7 == 3:
        body.insert(1, outlet.quote)  # a quoted sentence several articles share: body
    if index % 11 == 5:
        body.append(outlet.series)  # a story series' stock paragraph: body
    for k, para in enumerate(body):
        lines.append((para, BODY))
        if k == 1 and shows.get("read_more"):
            boiler(f"{lang.read_more} {headline(rng, lang)}")
        if k == 2 and shows.get("newsletter"):
            boiler(*lang.newsletter)
    if shows.get("tags"):
        boiler(f"{lang.tags} " + ", ".join(rng.sample(lang.tag_words, rng.randint(1, 4))))
    if shows.get("appeal"):
        boiler(*lang.appeal)
    if shows.get("teasers"):
        boiler(lang.more_from, *(headline(rng, lang) for _ in range(3)))
    if shows.get("footer"):
        boiler(lang.footer)
    return Page(outlet, f"https://www.{outlet.domain}/{2020 + index % 5}/story-{index}", lines)


def make_pages(outlets: list[Outlet], seed: int) -> Iterator[Page]:
    """Pages of all outlets, interleaved as a crawl would deliver them."""
    rng = random.Random(seed)
    order = [(o, i) for o in outlets for i in range(o.pages)]
    rng.shuffle(order)
    for outlet, index in order:
        yield make_page(rng, outlet, index)


def dump_records(pages: Iterator[Page]) -> Iterator[dict[str, str]]:
    """JSONL records of the pages: url and text."""
    for page in pages:
        yield {"url": page.url, "text": page.text}


# The seed's outlet: the appeal that stands under every article of The Moscow Times. The
# header, the greeting and the button are the real markers; the paragraphs between are
# written here, with the amount changing as it does by the reader's country.
MT_APPEAL = (
    "A Message from The Moscow Times:",
    "Dear readers,",
    "Our newsroom works under pressure that grows every month, and independent reporting from Russia "
    "has never been harder to keep going.",
    "If you can, please support us with a monthly gift starting from just {amount}. "
    "Every contribution keeps our reporting free for all readers.",
    "Remind me later.",
)
MT_AMOUNTS = ("$2", "€2", "£2", "$5")


def moscow_times_pages(count: int, seed: int = 7) -> list[Page]:
    """Made-up Moscow-Times-like pages: English bodies of our own, the appeal at the end."""
    rng = random.Random(seed)
    outlet = Outlet("The Moscow Times", "themoscowtimes.com", LANGUAGES[0], count)
    pages = []
    for index in range(count):
        lines = [(headline(rng, outlet.language), TITLE)]
        lines += [(paragraph(rng, outlet.language), BODY) for _ in range(rng.randint(4, 9))]
        amount = rng.choice(MT_AMOUNTS)
        lines += [(line.format(amount=amount), BOILER) for line in MT_APPEAL]
        url = f"https://www.themoscowtimes.com/2024/03/{1 + index % 28:02d}/story-{index}-a{index}"
        pages.append(Page(outlet, url, lines))
    return pages
