"""Phrase families per language, lead-ins, and the guard that phrases stay out of article prose.

The neutral sentences below are news prose written for this test (budgets, courts,
weather, sport), full of the words boilerplate phrases are made of: the newspaper,
the subscribers of a water company, a shared prize, the photographer, comments,
advertising. No lexicon phrase may occur in them, accented or not.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from cleaner.heuristics.lexicon import (
    Lexicon,
    fold,
    lexicon_dir,
    load_lexicon,
    normalise_line,
    spelling_variants,
)
from cleaner.outlets.yamlsource import load_yaml

LANGUAGES = "ar bg bn ca cs da de el en es et fa fi fr he hi hr hu id it ja ko lt lv ms nb nl pl pt ro ru sk sl sr sv th tr uk ur vi zh".split()
# The phrase families, counted by category: reading time ("5 min read") shares
# `related` with the read-more teasers, and tags ("Tags:") share `navigation` with
# dates ("Updated:"), so eleven families make these ten categories.
FAMILIES = (
    "related",
    "newsletter",
    "subscription",
    "donation_appeal",
    "share",
    "credit",
    "navigation",
    "legal",
    "comments",
    "advertisement",
)
MIN_FAMILIES = 8  # of the ten, each with ...
MIN_PHRASES = 2  # ... at least this many phrases

NEUTRAL: dict[str, tuple[str, ...]] = {
    "en": (
        "The city council approved a budget of 4.2 million euros on Tuesday, and the newspaper reported that subscribers of the water company will pay more from January.",
        "She shared the prize with two colleagues from the university, the jury said in a statement.",
        "The photographer who took the picture told the court he had been standing near the entrance.",
        "Heavy rain is expected over the weekend, with temperatures dropping to five degrees in the north.",
        "The striker scored twice in the second half, and the club said it would appeal against the red card.",
        "Related costs rose by three percent, according to the annual report the ministry published on Monday.",
        "The minister declined to comment on the advertising campaign, and shares of the company fell sharply.",
        "More than 40 people followed the hearing, which the court adjourned until March.",
        "The party placed an advertisement in the local newspaper before the vote.",
        "The talks covered three topics: trade, energy and migration.",
        "Employees pay a monthly contribution of 50 pounds, and the video violated the platform's community guidelines.",
    ),
    "de": (
        "Der Gemeinderat hat am Dienstag einen Haushalt von 4,2 Millionen Euro beschlossen; für die Kunden der Stadtwerke steigen die Wasserpreise ab Januar.",
        "Die Polizei ermittelt, nachdem der Eigentümer Anzeige gegen Unbekannt erstattet hatte.",
        "Der Fotograf, der das Bild aufgenommen hatte, sagte am Mittwoch vor Gericht aus.",
        "Sie teilte sich den Preis mit zwei Kolleginnen der Universität, wie die Jury mitteilte.",
        "Das Institut hat seine Prognose für das Wachstum nach oben korrigiert.",
        "Am Wochenende wird Regen erwartet, die Temperaturen sinken im Norden auf fünf Grad.",
        "Der Stürmer traf in der zweiten Halbzeit zweimal, der Verein will gegen die Rote Karte Einspruch einlegen.",
        "Die Zeitung berichtete, dass die Abonnenten künftig mehr zahlen müssen.",
        "Die Kommentare des Ministers sorgten im Landtag für heftige Kritik.",
        "Die Ärzte dürfen die Daten nur mit Einwilligung der Patienten weitergeben.",
        "Der Bundestag will die Werbung für Zigaretten weiter einschränken.",
    ),
    "fr": (
        "Le conseil municipal a adopté mardi un budget de 4,2 millions d'euros, et les abonnés de la compagnie des eaux paieront davantage dès janvier, selon le journal.",
        "Elle a partagé le prix avec deux collègues de l'université, a indiqué le jury.",
        "Le photographe qui a pris la photo a témoigné devant le tribunal mercredi.",
        "De fortes pluies sont attendues ce week-end, avec des températures en baisse dans le nord.",
        "L'attaquant a marqué deux fois en seconde période et le club va faire appel du carton rouge.",
        "Le ministre a refusé de réagir aux commentaires de l'opposition sur la publicité du gouvernement.",
        "L'annonce du président a surpris les syndicats, qui réclament plus de moyens.",
        "Il était déjà inscrit sur les listes électorales de la commune.",
    ),
    "es": (
        "El ayuntamiento aprobó el martes un presupuesto de 4,2 millones de euros y los abonados de la compañía de aguas pagarán más desde enero, según el periódico.",
        "Compartió el premio con dos colegas de la universidad, informó el jurado.",
        "El fotógrafo que tomó la imagen declaró ante el tribunal el miércoles.",
        "Se esperan fuertes lluvias durante el fin de semana, con temperaturas en descenso en el norte.",
        "El delantero marcó dos goles en la segunda parte y el club recurrirá la tarjeta roja.",
        "La resolución se publicó en el Boletín Oficial del Estado y entra en vigor mañana.",
        "El ministro agradeció su apoyo a los alcaldes y evitó hacer comentarios sobre la investigación relacionada con el caso.",
        "La campaña de publicidad institucional costó dos millones de euros.",
    ),
    "it": (
        "Il consiglio comunale ha approvato martedì un bilancio di 4,2 milioni di euro e gli abbonati dell'azienda idrica pagheranno di più da gennaio, secondo il giornale.",
        "Ha condiviso il premio con due colleghi dell'università, ha comunicato la giuria.",
        "Il fotografo che ha scattato la foto ha testimoniato mercoledì in tribunale.",
        "Nel fine settimana sono attese forti piogge, con temperature in calo al nord.",
        "L'attaccante ha segnato due gol nel secondo tempo e la società farà ricorso contro il cartellino rosso.",
        "Il sindaco torna sul luogo dell'incidente e respinge i commenti dell'opposizione.",
        "La campagna di pubblicità del comune è costata due milioni di euro.",
    ),
    "pt": (
        "A câmara aprovou na terça-feira um orçamento de 4,2 milhões de euros e os assinantes da companhia de águas vão pagar mais a partir de janeiro, segundo o jornal.",
        "Ela dividiu o prêmio com dois colegas da universidade, informou o júri.",
        "O fotógrafo que tirou a foto depôs no tribunal na quarta-feira.",
        "São esperadas chuvas fortes no fim de semana, com temperaturas em queda no norte.",
        "O atacante marcou duas vezes no segundo tempo e o clube vai recorrer do cartão vermelho.",
        "O ministro agradeceu o seu apoio aos prefeitos e disse à Agência Brasil que os livros mais lidos do ano serão premiados.",
        "A campanha de publicidade do governo custou dois milhões de reais.",
    ),
    "nl": (
        "De gemeenteraad keurde dinsdag een begroting van 4,2 miljoen euro goed; abonnees van het waterbedrijf betalen vanaf januari meer, meldt de krant.",
        "Zij deelde de prijs met twee collega's van de universiteit, aldus de jury.",
        "De fotograaf die de foto maakte, getuigde woensdag voor de rechtbank.",
        "Het weekend wordt regenachtig, met temperaturen tot vijf graden in het noorden.",
        "De spits scoorde twee keer na rust en de club gaat in beroep tegen de rode kaart.",
        "De reacties op het plan waren gemengd, en de minister wilde meer over de kosten weten.",
        "Het bedrijf plaatste een advertentie in de krant om personeel te werven.",
        "Ook interessant is dat de gemeente de kosten zelf wil dragen.",
    ),
    "sv": (
        "Kommunfullmäktige antog på tisdagen en budget på 4,2 miljoner kronor, och vattenbolagets abonnenter får betala mer från januari, skriver tidningen.",
        "Hon delade priset med två kolleger från universitetet, meddelade juryn.",
        "Fotografen som tog bilden vittnade i rätten på onsdagen.",
        "Det väntas kraftigt regn i helgen och temperaturer kring fem grader i norr.",
        "Regeringen annonserade nya satsningar, men ministern ville inte kommentera kritiken.",
        "Sverige vill bli medlem i fler internationella samarbeten, sade statsministern.",
        "Ministerns kommentarer om budgeten väckte kritik i riksdagen.",
        "Tidningen har nu 80 000 digitala prenumeranter, och priset för prenumerationen höjs från nyår, meddelar koncernen.",
        "Utställningen visar fotografier från kriget, och curatorn skrev ett brev till styrelsen om galleriet som öppnar i maj.",
        "Appen laddades ner 20 000 gånger första veckan, och ministern ville inte kommentera kritiken från oppositionen.",
        "Polisen ville inte visa bilder från övervakningskameran, men åklagaren lovade att göra det i rätten.",
    ),
    "da": (
        "Byrådet vedtog tirsdag et budget på 4,2 millioner kroner, og vandværkets kunder skal betale mere fra januar, skriver avisen.",
        "Hun delte prisen med to kolleger fra universitetet, oplyser juryen.",
        "Fotografen, der tog billedet, vidnede i retten onsdag.",
        "Regeringen annoncerede i går en ny plan for sygehusene.",
        "Ministerens kommentarer til budgettet blev kritiseret i Folketinget.",
        "Avisen har nu 80.000 digitale abonnenter, og prisen for et abonnement stiger fra nyt år, oplyser koncernen.",
        "Udstillingen viser fotos fra krigen, og kuratoren skrev et brev til museets bestyrelse om galleriet, som åbner i maj.",
        "Loven blev senest ændret i 2019, og rapporten, der blev publiceret den 4. marts, er uden anbefalinger.",
    ),
    "nb": (
        "Kommunestyret vedtok tirsdag et budsjett på 4,2 millioner kroner, og abonnentene hos vannverket må betale mer fra januar, skriver avisen.",
        "Hun delte prisen med to kolleger fra universitetet, opplyser juryen.",
        "Fotografen som tok bildet, vitnet i retten onsdag.",
        "Regjeringen annonserte en ny plan, og politiet etterforsker flere saker i området.",
        "Statsrådens kommentarer om budsjettet vakte reaksjoner på Stortinget.",
        "Avisen har nå 80 000 digitale abonnenter, og prisen for abonnementet øker fra nyttår, opplyser konsernet.",
        "Utstillingen viser fotografier fra krigen, og kuratoren skrev et brev til styret om galleriet, som åpner i mai.",
        "Appen ble lastet ned 20 000 ganger den første uka, og innholdet oppdateres hver dag, ifølge departementet.",
    ),
    "fi": (
        "Kaupunginvaltuusto hyväksyi tiistaina 4,2 miljoonan euron talousarvion, ja vesilaitoksen asiakkaat maksavat tammikuusta lähtien enemmän, kertoo lehti.",
        "Hän jakoi palkinnon kahden yliopiston kollegan kanssa, tuomaristo kertoi.",
        "Kuvan ottanut valokuvaaja todisti oikeudessa keskiviikkona.",
        "Ministeri kommentoi asiaa lyhyesti, ja yhtiö aikoo mainostaa uutta palveluaan.",
        "Ministerin kommentit budjetista herättivät arvostelua eduskunnassa.",
        "Lehdellä on nyt 80 000 digitilaajaa, ja tilauksen hinta nousee vuodenvaihteessa, konserni kertoo.",
        "Näyttely esittelee sodan aikaisia valokuvia, ja kuraattori kirjoitti hallitukselle kirjeen galleriasta, joka avataan toukokuussa.",
        "Sovellus ladattiin ensimmäisellä viikolla 20 000 kertaa, ja sen sisältöä päivitetään päivittäin, ministeriö kertoo.",
    ),
    "pl": (
        "Rada miasta przyjęła we wtorek budżet w wysokości 4,2 mln zł, a odbiorcy wodociągów zapłacą więcej od stycznia, podaje gazeta.",
        "Podzieliła się nagrodą z dwójką kolegów z uniwersytetu, poinformowało jury.",
        "Fotograf, który zrobił zdjęcie, zeznawał w sądzie w środę.",
        "Minister odmówił skomentowania sprawy, a komentarze opozycji były ostre.",
        "Prognoza wzrostu została podniesiona, a regulamin konkursu zmieniono do góry nogami.",
    ),
    "cs": (
        "Zastupitelstvo v úterý schválilo rozpočet ve výši 4,2 milionu korun a odběratelé vodáren budou od ledna platit více, uvedl deník.",
        "O cenu se podělila se dvěma kolegy z univerzity, oznámila porota.",
        "Fotograf, který snímek pořídil, ve středu vypovídal u soudu.",
        "Veřejná diskuse o rozpočtu potrvá do března a ministr chce sdílet data s kraji.",
        "Novela mění další články zákona o silničním provozu.",
        "Deník má nyní 80 tisíc digitálních předplatitelů a cena předplatného od ledna vzroste, uvedl vydavatel.",
        "Výstava ukazuje fotografie z války a kurátor napsal dopis správní radě galerie, která se otevře v květnu.",
        "Aplikaci si za první týden stáhlo 20 tisíc lidí a ministerstvo ji bude aktualizovat každý den.",
        "Smlouvu může banka kdykoli zrušit, a ministerstvo může povolení zrušit kdykoliv, rozhodl soud.",
    ),
    "sk": (
        "Zastupiteľstvo v utorok schválilo rozpočet vo výške 4,2 milióna eur a odberatelia vodární budú od januára platiť viac, uviedli noviny.",
        "O cenu sa podelila s dvoma kolegami z univerzity, oznámila porota.",
        "Fotograf, ktorý snímku urobil, v stredu vypovedal na súde.",
        "Diskusia o rozpočte potrvá do marca a minister chce zdieľať údaje s krajmi.",
        "Denník má teraz 80-tisíc digitálnych predplatiteľov a cena predplatného od januára stúpne, uviedol vydavateľ.",
        "Výstava ukazuje fotografie z vojny a kurátor napísal list správnej rade galérie, ktorá sa otvorí v máji.",
        "Aplikáciu si za prvý týždeň stiahlo 20-tisíc ľudí a ministerstvo ju bude aktualizovať každý deň.",
        "Zmluvu môže banka kedykoľvek zrušiť a ministerstvo môže povolenie zrušiť kedykoľvek, rozhodol súd.",
    ),
    "hr": (
        "Gradsko vijeće u utorak je usvojilo proračun od 4,2 milijuna eura, a korisnici vodovoda od siječnja će plaćati više, javlja list.",
        "Nagradu je podijelio s dvojicom kolega sa sveučilišta, priopćio je žiri.",
        "Fotograf koji je snimio fotografiju svjedočio je u srijedu na sudu.",
        "Ministar se oglasio nakon sjednice, a komentari oporbe bili su oštri.",
        "List sada ima 80 tisuća digitalnih pretplatnika, a cijena pretplate raste od siječnja, priopćio je izdavač.",
        "Izložba prikazuje fotografije iz rata, a kustos je napisao pismo upravi galerije koja se otvara u svibnju.",
        "Aplikaciju je u prvom tjednu preuzelo 20 tisuća ljudi, a ministarstvo će je ažurirati svaki dan.",
        "Ugovor se može otkazati u bilo kojem trenutku, a lijekovi za osobnu upotrebu ne plaćaju carinu.",
        "Iz ministarstva još nema komentara o slučaju, a oporba traži hitnu sjednicu odbora.",
    ),
    "sl": (
        "Mestni svet je v torek sprejel proračun v višini 4,2 milijona evrov, uporabniki vodovoda pa bodo od januarja plačevali več, poroča časopis.",
        "Nagrado si je delila z dvema kolegoma z univerze, je sporočila žirija.",
        "Fotograf, ki je posnel fotografijo, je v sredo pričal na sodišču.",
        "Minister se je oglasil po seji, komentarji opozicije pa so bili ostri.",
        "Časopis ima zdaj 80 tisoč digitalnih naročnikov, cena naročnine pa se bo januarja zvišala, so sporočili pri založbi.",
        "Razstava prikazuje fotografije iz vojne, kustos pa je napisal pismo upravi galerije, ki se odpre maja.",
        "Aplikacijo je v prvem tednu preneslo 20 tisoč ljudi, ministrstvo pa jo bo posodabljalo vsak dan.",
        "Z ministrstva še ni komentarjev o primeru, opozicija pa zahteva nujno sejo odbora.",
    ),
    "hu": (
        "A közgyűlés kedden elfogadta a 4,2 millió eurós költségvetést, a vízművek előfizetői januártól többet fizetnek, írja a lap.",
        "A díjat két egyetemi kollégájával osztotta meg, közölte a zsűri.",
        "A fotót készítő fotós szerdán tanúvallomást tett a bíróságon.",
        "Az álláshirdetés szerint a cég ősszel új munkatársakat keres.",
        "A miniszter hozzászólásai vitát váltottak ki a parlamentben.",
        "A munkamegosztás a koalíción belül régóta vita tárgya.",
        "A lapnak már 80 ezer digitális előfizetője van, az előfizetés ára januártól emelkedik, közölte a kiadó.",
        "A kiállítás háborús fotókat mutat be, a kurátor pedig levelet írt a galéria vezetésének, amely májusban nyílik.",
        "Az alkalmazást az első héten 20 ezren töltötték le, a minisztérium naponta frissíti a tartalmát.",
    ),
    "ro": (
        "Consiliul local a aprobat marți un buget de 4,2 milioane de lei, iar abonații companiei de apă vor plăti mai mult din ianuarie, scrie ziarul.",
        "Ea a împărțit premiul cu doi colegi de la universitate, a anunțat juriul.",
        "Fotograful care a făcut fotografia a depus mărturie miercuri în instanță.",
        "Compania distribuie gaze în trei județe, iar comentariile ministrului au stârnit critici.",
        "Campania de publicitate a guvernului a costat două milioane de lei.",
        "Ziarul are acum 80.000 de abonați digitali, iar prețul abonamentului crește din ianuarie, a anunțat editorul.",
        "Expoziția prezintă fotografii din război, iar curatorul a trimis o scrisoare conducerii galeriei, care se deschide în mai.",
        "Aplicația a fost descărcată de 20.000 de ori în prima săptămână, iar ministerul o actualizează zilnic.",
        "Contractul poate fi reziliat fără nicio garanție suplimentară, iar aplicația noastră pentru fermieri va fi gratuită, a declarat ministrul.",
    ),
    "tr": (
        "Belediye meclisi salı günü 4,2 milyon liralık bütçeyi onayladı; su idaresinin aboneleri ocak ayından itibaren daha fazla ödeyecek, diye yazdı gazete.",
        "Ödülü üniversiteden iki meslektaşıyla paylaştı, jüri açıkladı.",
        "Fotoğrafı çeken fotoğrafçı çarşamba günü mahkemede ifade verdi.",
        "Bakan sosyal medyada bir mesaj paylaştı ve yorumlar hızla çoğaldı.",
        "Gazetenin artık 80 bin dijital abonesi var ve abonelik ücreti ocak ayından itibaren artacak, dedi yayıncı.",
        "Sergide savaş yıllarından fotoğraflar yer alıyor ve küratör mayısta açılacak galerinin yönetimine bir mektup yazdı.",
        "Uygulama ilk hafta 20 bin kez indirildi ve bakanlık içeriği her gün güncelleyecek.",
        "Bakanlıktan henüz yorum yok; gümrükte kişisel kullanım için getirilen ürünlere yeni bir sınır uygulanacak.",
    ),
    "ru": (
        "Городская дума во вторник утвердила бюджет в 4,2 миллиона рублей, а абоненты водоканала с января будут платить больше, пишет газета.",
        "Она разделила премию с двумя коллегами из университета, сообщило жюри.",
        "Фотограф, сделавший снимок, в среду дал показания в суде.",
        "В комментарии РИА Новости министр заявил, что реклама на улицах будет ограничена.",
        "Депутаты решили поделиться в отчете данными о расходах и обсудили проект по теме транспорта.",
        "Спасатели поднялись наверх по лестнице и вывели жильцов.",
        "Военкоматы начали рассылку повесток через портал госуслуг.",
        "После сбоя вышло последнее обновление системы, сообщили в банке.",
        "У газеты теперь 80 тысяч цифровых подписчиков, а стоимость подписки вырастет с января, сообщил издатель.",
        "На выставке показаны фотографии военных лет, а куратор написал письмо руководству галереи, которая откроется в мае.",
        "Приложение скачали 20 тысяч раз за первую неделю, министерство обещает обновлять его каждый день.",
        "Разрешение могут отменить в любой момент, а пользователи смогут загрузить контент на платформу только после проверки, расскажите нам, сказал министр журналистам.",
        "Официальных комментариев пока нет, в пресс-службе ведомства обещали ответить завтра.",
    ),
    "uk": (
        "Міська рада у вівторок ухвалила бюджет у 4,2 мільйона гривень, а абоненти водоканалу з січня платитимуть більше, пише газета.",
        "Вона розділила премію з двома колегами з університету, повідомило журі.",
        "Фотограф, який зробив знімок, у середу дав свідчення в суді.",
        "У коментарі Укрінформу міністр заявив, що дискусія на тему тарифів триватиме.",
        "Банк попередив про розсилку шахрайських повідомлень.",
        "Газета має вже 80 тисяч цифрових передплатників, а вартість передплати зросте з січня, повідомив видавець.",
        "На виставці показано фотографії воєнних років, а куратор написав листа керівництву галереї, яка відкриється у травні.",
        "Застосунок завантажили 20 тисяч разів за перший тиждень, міністерство оновлюватиме його щодня.",
        "Рішення можуть скасувати в будь-який момент, а глядачі зможуть дивитися відео засідань онлайн, повідомили в раді.",
        "Офіційних коментарів поки немає, у пресслужбі відомства обіцяли відповісти завтра.",
    ),
    "bg": (
        "Общинският съвет одобри във вторник бюджет от 4,2 милиона лева, а абонатите на водното дружество ще плащат повече от януари, пише вестникът.",
        "Тя сподели наградата с двама колеги от университета, съобщи журито.",
        "Фотографът, направил снимката, свидетелства в съда в сряда.",
        "Министърът сподели в интервю, че бюлетините ще бъдат отпечатани навреме.",
        "Вестникът вече има 80 000 дигитални абонати, а цената на абонамента се вдига от януари, съобщи издателят.",
        "Изложбата показва снимки от войната, а кураторът написа писмо до ръководството на галерията, която отваря през май.",
        "Приложението е изтеглено 20 000 пъти през първата седмица, а министерството ще го обновява всеки ден.",
        "Лекарите не могат да споделят данни без изричното съгласие на пациента, постанови съдът.",
    ),
    "el": (
        "Το δημοτικό συμβούλιο ενέκρινε την Τρίτη προϋπολογισμό 4,2 εκατ. ευρώ και οι συνδρομητές της εταιρείας ύδρευσης θα πληρώνουν περισσότερα από τον Ιανουάριο, γράφει η εφημερίδα.",
        "Μοιράστηκε το βραβείο με δύο συναδέλφους από το πανεπιστήμιο, ανακοίνωσε η επιτροπή.",
        "Ο φωτογράφος που τράβηξε τη φωτογραφία κατέθεσε την Τετάρτη στο δικαστήριο.",
        "Τα σχόλια του υπουργού για τη διαφήμιση προκάλεσαν αντιδράσεις.",
        "Η εφημερίδα έχει πλέον 80.000 ψηφιακούς συνδρομητές, και η τιμή της συνδρομής αυξάνεται από τον Ιανουάριο.",
        "Η έκθεση παρουσιάζει φωτογραφίες από τον πόλεμο, και ο επιμελητής έστειλε επιστολή στη διοίκηση της γκαλερί.",
        "Η εφαρμογή κατέβηκε 20.000 φορές την πρώτη εβδομάδα, και το υπουργείο θα την ενημερώνει καθημερινά.",
        "Η αστυνομία ανέφερε ότι οι δράστες μπήκαν στο σπίτι χωρίς την άδεια του ιδιοκτήτη.",
    ),
    "ca": (
        "El ple va aprovar dimarts un pressupost de 4,2 milions d'euros i els abonats de la companyia d'aigües pagaran més a partir de gener, segons el diari.",
        "Va compartir el premi amb dos col·legues de la universitat, va informar el jurat.",
        "El fotògraf que va fer la imatge va declarar dimecres davant el tribunal.",
        "La resolució es publica al Butlletí Oficial i el govern comparteix la preocupació dels alcaldes.",
        "La campanya de publicitat institucional va costar dos milions d'euros.",
        "El diari té ara 80.000 subscriptors digitals, i el preu de la subscripció pujarà a partir de gener, segons l'editor.",
        "L'exposició mostra fotografies de la guerra, i el comissari va enviar una carta a la direcció de la galeria, que obre al maig.",
        "L'aplicació es va descarregar 20.000 vegades la primera setmana, i el departament l'actualitzarà cada dia.",
        "Les companyies ofereixen tarifes sense permanència, i el jutge va dir que l'acord es podia signar sense cap garantia addicional.",
    ),
    "id": (
        "DPRD pada Selasa menyetujui anggaran sebesar 4,2 miliar rupiah, dan pelanggan perusahaan air minum akan membayar lebih mahal mulai Januari, tulis surat kabar itu.",
        "Ia berbagi hadiah dengan dua rekan dari universitas, kata dewan juri.",
        "Fotografer yang mengambil gambar itu bersaksi di pengadilan pada Rabu.",
        "Menteri enggan memberikan komentar terkait kasus tersebut dan membagikan data anggaran kepada wartawan.",
        "Surat kabar itu kini memiliki 80.000 pelanggan digital, dan harga langganan akan naik mulai Januari, kata penerbit.",
        "Pameran itu menampilkan foto-foto perang, dan kurator menulis surat kepada pengelola galeri yang dibuka pada Mei.",
        "Aplikasi itu diunduh 20.000 kali pada pekan pertama, dan kementerian akan memperbarui isinya setiap hari.",
        "Warga dilarang mengambil foto di lokasi, dan peserta program bisa berhenti kapan saja tanpa denda, kata pejabat itu.",
        "Hingga berita ini diturunkan, belum ada komentar dari pihak kepolisian mengenai kasus tersebut.",
    ),
    "vi": (
        "Hội đồng thành phố hôm thứ Ba đã thông qua ngân sách 4,2 tỷ đồng, và khách hàng của công ty cấp nước sẽ phải trả nhiều hơn từ tháng Giêng, tờ báo cho biết.",
        "Bà chia sẻ giải thưởng với hai đồng nghiệp của trường đại học, ban giám khảo cho biết.",
        "Nhiếp ảnh gia chụp bức ảnh đã ra làm chứng tại tòa hôm thứ Tư.",
        "Bộ trưởng từ chối bình luận về chiến dịch quảng cáo của công ty.",
        "Tờ báo hiện có 80.000 người đăng ký kỹ thuật số, và giá đăng ký sẽ tăng từ tháng Giêng, nhà xuất bản cho biết.",
        "Triển lãm trưng bày những bức ảnh thời chiến, và người phụ trách đã gửi thư cho ban quản lý phòng tranh.",
        "Ứng dụng được tải về 20.000 lần trong tuần đầu, và bộ sẽ cập nhật nội dung hằng ngày.",
        "Bệnh viện không được phép công bố thông tin khi chưa có sự đồng ý của gia đình bệnh nhân.",
        "Hiện chưa có bình luận nào từ phía công ty về vụ việc này.",
    ),
    "ja": (
        "市議会は火曜日、42億円の予算案を可決し、水道局の契約者は1月から料金が上がると新聞が報じた。",
        "彼女は大学の同僚2人と賞を分け合ったと審査員団が発表した。",
        "写真を撮影したカメラマンは水曜日、法廷で証言した。",
        "大臣は記者団にコメントを発表し、広告費の削減を検討すると述べた。",
        "同紙のデジタル版の有料読者は8万人に達し、購読料は1月から値上げされると発行元が明らかにした。",
        "展示会では戦時中の写真が公開され、学芸員は5月に開館するギャラリーの運営側に手紙を送った。",
        "アプリは最初の1週間で2万回ダウンロードされ、省は内容を毎日更新するとしている。",
        "同社は公式YouTubeチャンネルで動画を公開し、チャンネル登録者数は動画を再生した回数とともに増えたが、安全を保証するものではありませんと説明した。",
    ),
    "zh": (
        "市议会周二通过了42亿元的预算，报纸报道称，自来水公司的用户从一月起将支付更多费用。",
        "她与大学的两位同事分享了这一奖项，评审团表示。",
        "拍摄这张照片的摄影师周三在法庭上作证。",
        "新华社发表评论称，广告行业的监管将进一步加强。",
        "教育部建议，学生每日阅读时间不少于30分钟。",
        "该报目前拥有8万名数字订户，出版方表示，订阅价格将从一月起上调。",
        "展览展出了战争年代的照片，策展人曾致信将于五月开馆的美术馆管理层。",
        "这款应用在第一周被下载了2万次，教育部表示将每天更新其中的内容。",
        "相关部门暂无评论，国际社会关注我们的处境，专家呼吁促进知识共享。",
    ),
    "ko": (
        "시의회는 화요일 42억 원 규모의 예산안을 통과시켰으며, 수도 사업소 가입자들은 1월부터 요금을 더 내게 된다고 신문이 보도했다.",
        "그녀는 대학 동료 두 명과 상을 공동 수상했다고 심사위원단이 밝혔다.",
        "사진을 찍은 사진기자는 수요일 법정에서 증언했다.",
        "장관의 발언에 대한 댓글이 이어졌고 광고 업계는 반발했다.",
        "아이들이 책 읽는 시간이 줄었다는 조사 결과가 나왔다.",
        "신문의 디지털 유료 독자는 8만 명에 이르렀으며 구독료는 1월부터 인상된다고 발행사가 밝혔다.",
        "전시회에서는 전쟁 시기의 사진이 공개됐고, 큐레이터는 5월에 문을 여는 미술관 측에 편지를 보냈다.",
        "이 앱은 첫 주에 2만 번 내려받아졌으며, 부처는 내용을 매일 업데이트할 계획이다.",
        "경찰은 텔레그램 채널을 통해 유포된 영상의 재생 횟수와 유튜브 채널 구독자 수를 조사했으며, 최종 수정안은 다음 주에 제출된다.",
    ),
    "ar": (
        "وافق المجلس البلدي يوم الثلاثاء على ميزانية قدرها 4.2 مليون دينار، وسيدفع مشتركو شركة المياه أكثر اعتبارا من يناير، بحسب الصحيفة.",
        "تقاسمت الجائزة مع زميلين من الجامعة، بحسب لجنة التحكيم.",
        "أدلى المصور الذي التقط الصورة بشهادته أمام المحكمة يوم الأربعاء.",
        "أصدرت الوزارة إعلان نتائج الامتحانات، ورفض الوزير التعليق على القضايا ذات صلة بالملف.",
        "أصبح للصحيفة 80 ألف مشترك رقمي، وسترتفع قيمة الاشتراك اعتبارا من يناير، بحسب الناشر.",
        "يعرض المعرض صورا من سنوات الحرب، وبعث القيم على المعرض رسالة إلى إدارة المتحف الذي يفتتح في مايو.",
        "تم تنزيل التطبيق 20 ألف مرة في الأسبوع الأول، وقالت الوزارة إنها ستحدث محتواه يوميا.",
    ),
    "bn": (
        "সিটি করপোরেশন মঙ্গলবার ৪২০ কোটি টাকার বাজেট অনুমোদন করেছে, এবং পত্রিকাটি জানিয়েছে যে ওয়াসার গ্রাহকদের জানুয়ারি থেকে বেশি বিল দিতে হবে।",
        "তিনি বিশ্ববিদ্যালয়ের দুই সহকর্মীর সঙ্গে পুরস্কারটি ভাগ করে নেন, বিচারকমণ্ডলী জানিয়েছে।",
        "যে আলোকচিত্রী ছবিটি তুলেছিলেন তিনি বুধবার আদালতে সাক্ষ্য দেন।",
        "মন্ত্রী বিজ্ঞাপন প্রচারণা নিয়ে মন্তব্য করতে অস্বীকৃতি জানান, এবং কোম্পানির শেয়ারের দাম কমে যায়।",
        "সর্বশেষ খবর অনুযায়ী বন্যায় তিনটি জেলার পঞ্চাশ হাজার মানুষ ক্ষতিগ্রস্ত হয়েছে।",
        "শিক্ষার্থীরা জানায়, তারা গ্রন্থাগারে বই পড়তে আরও বেশি সময় কাটাতে চায়।",
    ),
    "hi": (
        "नगर निगम ने मंगलवार को 42 करोड़ रुपये का बजट पास किया, और अखबार के अनुसार जल बोर्ड के उपभोक्ताओं को जनवरी से ज्यादा भुगतान करना होगा।",
        "उन्होंने यह पुरस्कार विश्वविद्यालय के दो सहयोगियों के साथ साझा किया, निर्णायक मंडल ने बताया।",
        "तस्वीर खींचने वाले फोटोग्राफर ने बुधवार को अदालत में गवाही दी।",
        "मंत्री ने विज्ञापन अभियान पर टिप्पणी करने से इनकार किया, और कंपनी के शेयर गिर गए।",
        "अखबार के अब 80 हजार डिजिटल ग्राहक हैं, और जनवरी से सदस्यता शुल्क बढ़ेगा, प्रकाशक ने कहा।",
        "पुलिस ने बिना अनुमति के बने मकानों की जांच शुरू की और लोगों से नियमों का पालन करने को कहा।",
        "छात्रों ने कहा कि वे पढ़ने के लिए पुस्तकालय में ज्यादा समय बिताना चाहते हैं।",
    ),
    "fa": (
        "شورای شهر روز سه‌شنبه بودجه ۴۲ میلیارد تومانی را تصویب کرد و به گزارش روزنامه، مشترکان شرکت آب از دی ماه بیشتر می‌پردازند.",
        "او جایزه را با دو همکار دانشگاهی خود تقسیم کرد، هیئت داوران اعلام کرد.",
        "عکاسی که این عکس را گرفته بود روز چهارشنبه در دادگاه شهادت داد.",
        "وزیر از اظهار نظر درباره کمپین تبلیغاتی خودداری کرد و سهام شرکت کاهش یافت.",
        "کارگران خواستار پرداخت کلیه حقوق معوقه خود شدند و حریم خصوصی کاربران موضوع بحث مجلس بود.",
        "طرح ویژه مشترکان برق از ماه آینده اجرا می‌شود و زمان مطالعه دانش‌آموزان افزایش یافته است.",
        "پلیس پرونده را دنبال می‌کند و نتیجه تحقیقات هفته آینده منتشر خواهد شد.",
    ),
    "lt": (
        "Miesto taryba antradienį patvirtino 4,2 milijono eurų biudžetą, o vandens tiekėjo abonentai nuo sausio mokės daugiau, rašo laikraštis.",
        "Ji pasidalijo premiją su dviem universiteto kolegomis, pranešė komisija.",
        "Fotografas, kuris padarė nuotrauką, trečiadienį liudijo teisme.",
        "Ministras atsisakė komentuoti reklamos kampaniją, o bendrovės akcijos smuko.",
        "Daugiau naujienų apie derybas tikimasi kitą savaitę, sakė ministerijos atstovas.",
    ),
    "lv": (
        "Pilsētas dome otrdien apstiprināja budžetu 4,2 miljonu eiro apmērā, un ūdensapgādes uzņēmuma abonenti no janvāra maksās vairāk, raksta laikraksts.",
        "Viņa dalīja balvu ar diviem universitātes kolēģiem, paziņoja žūrija.",
        "Fotogrāfs, kurš uzņēma attēlu, trešdien liecināja tiesā.",
        "Ministrs atteicās komentēt reklāmas kampaņu, un uzņēmuma akcijas kritās.",
        "Tu esi pirmais, kurš to pamanīja, sacīja treneris pēc spēles.",
    ),
    "et": (
        "Linnavolikogu kiitis teisipäeval heaks 4,2 miljoni euro suuruse eelarve ning veefirma kliendid maksavad jaanuarist rohkem, kirjutab ajaleht.",
        "Ta jagas auhinda kahe ülikooli kolleegiga, teatas žürii.",
        "Fotograaf, kes pildi tegi, andis kolmapäeval kohtus tunnistusi.",
        "Minister keeldus reklaamikampaaniat kommenteerimast ja ettevõtte aktsiad langesid.",
        "See ei ole esimene kord, kui linn peab eelarvet kärpima, ütles linnapea.",
        "Ema ütles lapsele: loe kaasa, kui ma ette loen.",
    ),
    "ur": (
        "شہر کی کونسل نے منگل کو 42 کروڑ روپے کا بجٹ منظور کیا، اور اخبار کے مطابق واٹر بورڈ کے صارفین جنوری سے زیادہ ادائیگی کریں گے۔",
        "انہوں نے یہ انعام یونیورسٹی کے دو ساتھیوں کے ساتھ بانٹا، جیوری نے بتایا۔",
        "تصویر کھینچنے والے فوٹوگرافر نے بدھ کو عدالت میں گواہی دی۔",
        "وزیر نے اشتہاری مہم پر تبصرہ کرنے سے انکار کیا اور کمپنی کے حصص گر گئے۔",
        "تازہ ترین خبروں کے مطابق سیلاب سے تین اضلاع متاثر ہوئے ہیں۔",
    ),
    "ms": (
        "Majlis bandaraya meluluskan bajet sebanyak 42 juta ringgit pada hari Selasa, dan pelanggan syarikat air akan membayar lebih mulai Januari, menurut akhbar itu.",
        "Dia berkongsi hadiah itu dengan dua rakan sekerja dari universiti, kata juri.",
        "Jurugambar yang merakam gambar itu memberi keterangan di mahkamah pada hari Rabu.",
        "Menteri enggan mengulas kempen iklan kerajaan, dan saham syarikat itu jatuh.",
        "Parti paling popular di negeri itu memenangi dua puluh kerusi dalam pilihan raya.",
    ),
    "sr": (
        "Градско веће је у уторак усвојило буџет од 4,2 милиона евра, а претплатници водовода плаћаће више од јануара, пише лист.",
        "Она је награду поделила са две колегинице са универзитета, саопштио је жири.",
        "Фотограф који је снимио фотографију сведочио је у среду пред судом.",
        "Министар је одбио да коментарише рекламну кампању, а акције компаније су пале.",
        "Тесто поделите на два дела и пеците двадесет минута, саветује кувар.",
        "Gradsko veće je u utorak usvojilo budžet, a pretplatnici vodovoda plaćaće više od januara.",
        "Ministar je odbio da komentariše reklamnu kampanju, a testo podelite na dva dela.",
    ),
    "th": (
        "สภากรุงเทพมหานครอนุมัติงบประมาณสี่พันล้านบาทเมื่อวันอังคาร และหนังสือพิมพ์รายงานว่าผู้ใช้น้ำประปาจะต้องจ่ายมากขึ้นตั้งแต่เดือนมกราคม",
        "เธอได้รับรางวัลร่วมกับเพื่อนร่วมงานสองคนจากมหาวิทยาลัย คณะกรรมการระบุ",
        "ช่างภาพที่ถ่ายภาพดังกล่าวให้การต่อศาลเมื่อวันพุธ",
        "รัฐมนตรีปฏิเสธที่จะแสดงความคิดเห็นเกี่ยวกับแคมเปญโฆษณาของรัฐบาล และหุ้นของบริษัทลดลงอย่างหนัก",
        "ภาพจากกล้องวงจรปิดแสดงให้เห็นว่าคนร้ายหลบหนีไปทางทิศเหนือ",
        "ประชาชนควรติดตามข่าวสารจากหน่วยงานราชการและสมัครสมาชิกพรรคได้ที่สำนักงาน",
        "นักเรียนใช้เวลาอ่านหนังสือในห้องสมุดมากขึ้นในช่วงสอบ",
    ),
    "he": (
        "מועצת העיר אישרה ביום שלישי תקציב של 4.2 מיליון שקל, ומנויי תאגיד המים ישלמו יותר החל מינואר, כך דיווח העיתון.",
        "היא חלקה את הפרס עם שני עמיתים מהאוניברסיטה, מסרה ועדת השופטים.",
        "הצלם שצילם את התמונה העיד ביום רביעי בבית המשפט.",
        "התגובות לתוכנית היו מעורבות, והשרים שיתפו פעולה עם הרשויות.",
        "לעיתון יש כעת 80 אלף מנויים דיגיטליים, ומחיר המינוי יעלה החל מינואר, כך מסר המו״ל.",
        "התערוכה מציגה תצלומים משנות המלחמה, והאוצר שלח מכתב להנהלת הגלריה שתיפתח במאי.",
        "היישומון הורד 20 אלף פעמים בשבוע הראשון, והמשרד יעדכן את התוכן מדי יום.",
        "בעדכון אחרון נמסר כי הדוח, שפורסם לראשונה בשבוע שעבר, נשלח לוועדה, והם כתבו לנו שהאפליקציה שלנו תיבדק.",
    ),
}


@pytest.fixture(scope="module")
def lexicon() -> Lexicon:
    return load_lexicon()


def _file(language: str) -> dict[str, Any]:
    data = load_yaml((lexicon_dir() / f"{language}.yaml").read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def test_every_language_loads(lexicon: Lexicon) -> None:
    assert sorted(lexicon.languages) == sorted(LANGUAGES)
    assert sorted(p.stem for p in lexicon_dir().glob("*.yaml")) == sorted(LANGUAGES)


@pytest.mark.parametrize("language", LANGUAGES)
def test_language_has_phrase_families_and_lead_ins(language: str) -> None:
    data = _file(language)
    phrases = data.get("phrases") or {}
    covered = [f for f in FAMILIES if len(phrases.get(f) or ()) >= MIN_PHRASES]
    assert len(covered) >= MIN_FAMILIES, f"{language}: only {covered}"
    lead_ins = data.get("lead_ins") or {}
    assert lead_ins.get("related"), f"{language}: no related lead-ins"


@pytest.mark.parametrize("language", sorted(NEUTRAL))
def test_no_phrase_in_article_prose(lexicon: Lexicon, language: str) -> None:
    for sentence in NEUTRAL[language]:
        for text in (sentence.lower(), fold(sentence.lower())):
            hits = [(text[s:e], c) for s, e, c in lexicon.phrase_hits(text)]
            assert not hits, f"{language}: {hits} in {sentence!r}"


def test_neutral_prose_covers_enough_languages() -> None:
    assert len(NEUTRAL) >= 8 and set(NEUTRAL) <= set(LANGUAGES)


LEAD_INS = [
    ("READ MORE: Council split over new parking charges", "related"),
    ("READ MORE Council split over new parking charges", "related"),
    ("Read more", "related"),
    ("» Read also | Council split over new parking charges", "related"),
    ("Related: Council split over new parking charges", "related"),
    ("Watch – Flooded streets in the old town", "related"),
    ("Lesen Sie auch: Stadtrat streitet über Parkgebühren", "related"),
    ("LESEN SIE AUCH Stadtrat streitet über Parkgebühren", "related"),
    ("Mehr zum Thema - Parkgebühren in der Altstadt", "related"),
    ("LE PUEDE INTERESAR: El concejo debate las tarifas del agua", "related"),
    ("Lea también: El concejo debate las tarifas del agua", "related"),
    ("VEA TAMBIÉN: El concejo debate las tarifas del agua", "related"),
    ("Lea: El concejo debate las tarifas del agua", "related"),
    ("Mira: El concejo debate las tarifas del agua", "related"),
    ("Lire : Le conseil divisé sur le stationnement", "related"),
    ("Leggi: Il consiglio diviso sui parcheggi", "related"),
    ("À lire aussi : Le conseil divisé sur le stationnement", "related"),
    ("Читайте также: Совет разделился из-за платы за парковку", "related"),
    ("Читайте також: Рада розділилася через плату за паркування", "related"),
    ("Czytaj także: Radni podzieleni w sprawie opłat", "related"),
    ("【関連記事】市議会、駐車料金で対立", "related"),
    ("相关阅读：市议会就停车费产生分歧", "related"),
    ("ANZEIGE | Jetzt Angebote vergleichen", "advertisement"),
    ("Sponsored: Five ways to save on energy", "advertisement"),
]
NOT_LEAD_INS = [
    "Read more about it in the council's report, she said.",
    "Related to the case, the court ruled on Tuesday.",
    "MORE than 40 people attended the hearing.",
    "Related-party loans rose by four percent.",
    "READ MORE ABOUT THE BUDGET",
    "Watch out for black ice on the bridges, the police said.",
    "Lesen Sie auch den Bericht des Rechnungshofs, sagte sie.",
    "Le puede interesar saber que el plazo termina el lunes.",
    "Читайте также отчет счетной палаты, сказал депутат.",
    "Listen to the residents, the mayor told the council.",
    "Lea el informe completo en la web del ministerio.",
    "Mira, lo que pasó fue un error de cálculo, dijo el concejal.",
    "Vea usted mismo las cifras del presupuesto, insistió.",
    "Lire entre les lignes n'est pas toujours facile.",
]


@pytest.mark.parametrize(("text", "category"), LEAD_INS)
def test_lead_in_opens_a_teaser(lexicon: Lexicon, text: str, category: str) -> None:
    assert lexicon.lead_in(normalise_line(text), text) == category


@pytest.mark.parametrize("text", NOT_LEAD_INS)
def test_sentence_is_no_lead_in(lexicon: Lexicon, text: str) -> None:
    assert lexicon.lead_in(normalise_line(text), text) is None


def test_upper_case_form_needs_the_original_line(lexicon: Lexicon) -> None:
    text = "READ MORE Council split over new parking charges"
    assert lexicon.lead_in(normalise_line(text)) is None
    assert lexicon.lead_in(normalise_line(text), text) == "related"


def test_lead_in_entries_are_normalised(tmp_path: Path) -> None:
    (tmp_path / "xx.yaml").write_text(
        "language: xx\nlead_ins:\n  related:\n    - 'Also Read:'\n  advertisement:\n    - Promoted\n"
    )
    lexicon = load_lexicon(tmp_path)
    assert lexicon.lead_ins == {"also read": "related", "promoted": "advertisement"}
    assert lexicon.lead_in("also read: x") == "related"


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("a lire aussi : le conseil divise", "related"),  # à lire aussi
        ("lea tambien: el concejo", "related"),  # lea también
        ("citeşte şi: consiliul local", "related"),  # Romanian cedilla spelling
        ("citeste si: consiliul local", "related"),
        ("διαβαστε επισης: το συμβουλιο", "related"),  # Greek capitals drop the accents
        ("czytaj takze: radni", "related"),  # ż
        ("читайте еще: совет", "related"),  # ё written е
        ("jetzt abo abschliessen", "subscription"),  # Swiss ss for ß
        ("ilginizi cekebilir", "related"),  # Turkish typed without ç
    ],
)
def test_unaccented_text_matches(lexicon: Lexicon, text: str, category: str) -> None:
    assert [c for _, _, c in lexicon.phrase_hits(text)][:1] == [category]


def test_unaccented_lead_ins_and_lines(lexicon: Lexicon) -> None:
    text = "A LIRE AUSSI : Le conseil divisé sur le stationnement"
    assert lexicon.lead_in(normalise_line(text), text) == "related"
    assert lexicon.line_category.get("schliessen") == lexicon.line_category["schließen"]


def test_fold_keeps_letters_that_are_not_accented() -> None:
    assert fold("à lire aussi") == "a lire aussi"
    assert fold("читайте ещё") == "читайте еще"
    assert fold("йод ї") == "йод ї"  # Cyrillic й and ї are letters of their own
    assert fold("ブログ") == "ブログ"  # kana voicing marks make other syllables
    assert spelling_variants("réagir") == []  # a short fold is too often another word (pt "reagir")
    assert spelling_variants("citește și") == ["citeste si", "citeşte şi"]
