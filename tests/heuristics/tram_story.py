"""One short news story, told in many languages, for the tests that set boilerplate into an
article's text: a paragraph per language (written for these tests) and its variants."""

from __future__ import annotations

PARAGRAPH: dict[str, str] = {
    "en": "The council voted on Tuesday to extend the northern tram line by four stops, a project "
    "officials say will cost about 80 million pounds and take three years to finish.",
    "de": "Der Stadtrat hat am Dienstag beschlossen, die nördliche Straßenbahnlinie um vier Haltestellen "
    "zu verlängern; das Projekt soll rund 80 Millionen Euro kosten und drei Jahre dauern.",
    "fr": "Le conseil municipal a voté mardi le prolongement de la ligne nord du tramway de quatre "
    "arrêts, un projet estimé à 80 millions d'euros qui doit durer trois ans.",
    "es": "El pleno municipal aprobó el martes ampliar la línea norte del tranvía con cuatro paradas, "
    "un proyecto que costará unos 80 millones de euros y durará tres años.",
    "it": "Il consiglio comunale ha approvato martedì il prolungamento della linea nord del tram di "
    "quattro fermate, un progetto da circa 80 milioni di euro che durerà tre anni.",
    "pt": "A câmara municipal aprovou na terça-feira o prolongamento da linha norte do elétrico em "
    "quatro paragens, um projeto de cerca de 80 milhões de euros.",
    "nl": "De gemeenteraad stemde dinsdag in met het verlengen van de noordelijke tramlijn met vier "
    "haltes, een project van ongeveer 80 miljoen euro dat drie jaar gaat duren.",
    "pl": "Rada miasta zagłosowała we wtorek za przedłużeniem północnej linii tramwajowej o cztery "
    "przystanki; projekt ma kosztować około 80 milionów złotych i potrwać trzy lata.",
    "sv": "Kommunfullmäktige beslutade på tisdagen att förlänga den norra spårvägslinjen med fyra "
    "hållplatser, ett projekt som väntas kosta omkring 80 miljoner kronor.",
    "fi": "Kaupunginvaltuusto päätti tiistaina jatkaa pohjoista raitiolinjaa neljällä pysäkillä, ja "
    "hankkeen arvioidaan maksavan noin 80 miljoonaa euroa ja kestävän kolme vuotta.",
    "tr": "Belediye meclisi salı günü kuzey tramvay hattının dört durak uzatılmasına karar verdi; "
    "projenin yaklaşık 80 milyon liraya mal olması ve üç yıl sürmesi bekleniyor.",
}


def story(language: str, paragraphs: int = 3) -> list[str]:
    """``paragraphs`` paragraphs of the story in ``language``, each with its own figure (80, 81,
    ...), so that no decision takes a later one for a repeat of the first."""
    return [PARAGRAPH[language].replace("80", str(80 + k)) for k in range(paragraphs)]
