"""The phrase families extractors leave inside articles, in 23 languages: comment-login
prompts, image and video controls, subscription pitches, the outlet's app and channels,
embedded-content consent, letters and tips, disclaimers and licences, photo credits.

For each language, a short boilerplate line set between two article paragraphs goes with
its category, and article sentences that use the same words (an app launch, a letter, a
photograph, subscribers, a gallery) stay; typed without accents, the lines go as well.
Every text here is written for this test, modelled on the layout of an extractor's output
of a news page.
"""

from __future__ import annotations

from typing import NamedTuple

import pytest

from cleaner import clean

MIN_FAMILIES = 5  # per language, of the nine families below


class Case(NamedTuple):
    paragraphs: tuple[str, str]  # the article around the line
    lines: tuple[tuple[str, str, str], ...]  # (family, boilerplate line, its category)
    sentences: tuple[str, ...]  # article prose with the families' words, which stays


FAMILIES = {"login", "media", "dated", "paywall", "app", "embed", "letters", "disclaim", "photo"}

CASES: dict[str, Case] = {
    "da": Case(
        (
            "Byrådet i Aarhus vedtog torsdag en plan for nye cykelstier langs åen, og arbejdet "
            "begynder allerede til foråret, oplyser kommunen i en pressemeddelelse.",
            "Borgerne har længe klaget over trafikken i midtbyen, og flere foreninger har "
            "samlet underskrifter for at få lukket gaden for biler i weekenderne.",
        ),
        (
            ("login", "Log ind for at kommentere", "comments"),
            ("media", "Forstør billede", "navigation"),
            ("paywall", "Opsig når som helst. Første måned gratis.", "subscription"),
            ("app", "Download vores app til iOS og Android", "share"),
            ("embed", "Vis eksternt indhold", "consent"),
            ("disclaim", "Eftertryk forbudt.", "legal"),
            ("letters", "Tip redaktionen", "comments"),
            ("dated", "Sidst opdateret 12.03.2024", "navigation"),
            ("photo", "Arkivfoto: Mads Jensen/Ritzau Scanpix", "credit"),
        ),
        (
            "Kommunen lancerede mandag en ny app, som borgerne gratis kan hente i butikkerne, "
            "og den viser ventetiden på alle byens lægevagter.",
            "Fotografen bag billedet skrev i et brev til redaktionen, at hun aldrig havde givet "
            "tilladelse til, at fotoet blev brugt i kampagnen.",
        ),
    ),
    "nb": Case(
        (
            "Kommunestyret i Tromsø vedtok torsdag en plan for nye sykkelveier langs sjøen, og "
            "arbeidet starter allerede til våren, opplyser kommunen.",
            "Innbyggerne har lenge klaget over trafikken i sentrum, og flere foreninger har "
            "samlet underskrifter for å stenge gata for biler i helgene.",
        ),
        (
            ("login", "Logg inn for å kommentere", "comments"),
            ("media", "Forstørr bilde", "navigation"),
            ("paywall", "Ubegrenset tilgang – første måned gratis", "subscription"),
            ("app", "Last ned appen vår", "share"),
            ("embed", "Vis eksternt innhold", "consent"),
            ("disclaim", "Ettertrykk forbudt.", "legal"),
            ("letters", "Send oss et tips", "comments"),
            ("dated", "Sist oppdatert 12.03.2024", "navigation"),
            ("photo", "Foto/NTB: Ola Nordmann", "credit"),
        ),
        (
            "Kommunen lanserte mandag en ny app som innbyggerne kan laste ned gratis, og den "
            "viser ventetiden ved alle legevaktene i fylket.",
            "Fotografen bak bildet skrev i et leserinnlegg at hun aldri hadde gitt tillatelse "
            "til at fotografiet ble brukt i kampanjen.",
        ),
    ),
    "sv": Case(
        (
            "Kommunfullmäktige i Umeå beslutade på torsdagen om nya cykelbanor längs älven, och "
            "arbetet börjar redan i vår, meddelar kommunen.",
            "Invånarna har länge klagat på trafiken i centrum, och flera föreningar har samlat "
            "namnunderskrifter för att stänga gatan för bilar på helgerna.",
        ),
        (
            ("login", "Logga in för att kommentera", "comments"),
            ("media", "Förstora bilden", "navigation"),
            ("paywall", "Ingen bindningstid – säg upp när du vill", "subscription"),
            ("app", "Ladda ner vår app för iOS och Android", "share"),
            ("embed", "Visa externt innehåll", "consent"),
            ("disclaim", "Eftertryck förbjudet.", "legal"),
            ("letters", "Skicka ett tips", "comments"),
            ("dated", "Senast uppdaterad 12.03.2024", "navigation"),
            ("photo", "Arkivbild: Anna Svensson/TT", "credit"),
        ),
        (
            "Kommunen lanserade på måndagen en ny app som invånarna kan ladda ner gratis, och "
            "den visar väntetiden på alla vårdcentraler i länet.",
            "Fotografen bakom bilden skrev i ett brev till tidningen att hon aldrig hade gett "
            "tillstånd till att fotografiet användes i kampanjen.",
        ),
    ),
    "fi": Case(
        (
            "Tampereen kaupunginvaltuusto päätti torstaina uusista pyöräteistä järven rantaan, "
            "ja työt alkavat jo ensi keväänä, kaupunki kertoo tiedotteessaan.",
            "Asukkaat ovat pitkään valittaneet keskustan liikenteestä, ja useat yhdistykset "
            "ovat keränneet nimiä kadun sulkemiseksi autoilta viikonloppuisin.",
        ),
        (
            ("login", "Kirjaudu sisään kommentoidaksesi", "comments"),
            ("media", "Suurenna kuva", "navigation"),
            ("paywall", "Voit perua milloin tahansa.", "subscription"),
            ("app", "Lataa sovelluksemme iOS- ja Android-laitteille", "share"),
            ("embed", "Näytä ulkoinen sisältö", "consent"),
            ("disclaim", "Kopioiminen kielletty.", "legal"),
            ("letters", "Lähetä vinkki", "comments"),
            ("dated", "Viimeksi päivitetty 12.3.2024", "navigation"),
            ("photo", "Arkistokuva: Lehtikuva / Matti Virtanen", "credit"),
        ),
        (
            "Kaupunki julkaisi maanantaina uuden sovelluksen, jonka asukkaat voivat ladata "
            "maksutta, ja se näyttää jonotusajat kaikilla terveysasemilla.",
            "Valokuvaaja kirjoitti lehdelle lähettämässään kirjeessä, ettei hän ollut koskaan "
            "antanut lupaa kuvan käyttämiseen kampanjassa.",
        ),
    ),
    "cs": Case(
        (
            "Brněnští zastupitelé ve čtvrtek schválili plán nových cyklostezek podél řeky a "
            "práce začnou už na jaře, uvedl magistrát v tiskové zprávě.",
            "Obyvatelé si dlouho stěžovali na dopravu v centru a několik spolků sbíralo podpisy "
            "za uzavření ulice pro auta o víkendech.",
        ),
        (
            ("login", "Zatím žádné komentáře", "comments"),
            ("media", "Zvětšit obrázek", "navigation"),
            ("paywall", "Neomezený přístup, první měsíc zdarma", "subscription"),
            ("app", "Stáhněte si naši aplikaci pro iOS a Android", "share"),
            ("embed", "Zobrazit externí obsah", "consent"),
            ("disclaim", "Jakékoliv užití obsahu bez souhlasu vydavatele je zakázáno.", "legal"),
            ("letters", "Pošlete nám tip", "comments"),
            ("dated", "Poslední aktualizace 12. 3. 2024", "navigation"),
            ("photo", "Autor foto: Jan Novák, ČTK", "credit"),
        ),
        (
            "Město v pondělí spustilo novou aplikaci, kterou si obyvatelé mohou zdarma "
            "stáhnout, a ukazuje čekací doby ve všech nemocnicích v kraji.",
            "Fotograf v dopise adresovaném redakci napsal, že nikdy nedal souhlas s použitím "
            "svého snímku v předvolební kampani.",
        ),
    ),
    "sk": Case(
        (
            "Košickí poslanci vo štvrtok schválili plán nových cyklotrás pozdĺž rieky a práce "
            "sa začnú už na jar, uviedol magistrát v tlačovej správe.",
            "Obyvatelia sa dlho sťažovali na dopravu v centre a niekoľko združení zbieralo "
            "podpisy za uzavretie ulice pre autá cez víkendy.",
        ),
        (
            ("login", "Zatiaľ žiadne komentáre", "comments"),
            ("media", "Zväčšiť obrázok", "navigation"),
            ("paywall", "Neobmedzený prístup, prvý mesiac zadarmo", "subscription"),
            ("app", "Stiahnite si našu aplikáciu pre iOS a Android", "share"),
            ("embed", "Zobraziť externý obsah", "consent"),
            ("disclaim", "Akékoľvek použitie obsahu bez súhlasu vydavateľa je zakázané.", "legal"),
            ("letters", "Pošlite nám tip", "comments"),
            ("dated", "Posledná aktualizácia 12. 3. 2024", "navigation"),
            ("photo", "Autor foto: Ján Kováč, TASR", "credit"),
        ),
        (
            "Mesto v pondelok spustilo novú aplikáciu, ktorú si obyvatelia môžu bezplatne "
            "stiahnuť, a ukazuje čakacie doby vo všetkých nemocniciach v kraji.",
            "Fotograf v liste adresovanom redakcii napísal, že nikdy nedal súhlas s použitím "
            "svojej snímky v predvolebnej kampani.",
        ),
    ),
    "hr": Case(
        (
            "Gradsko vijeće Splita u četvrtak je usvojilo plan novih biciklističkih staza uz "
            "more, a radovi počinju već na proljeće, priopćio je grad.",
            "Stanovnici se dugo žale na promet u središtu grada, a nekoliko udruga skupljalo "
            "je potpise za zatvaranje ulice za automobile vikendom.",
        ),
        (
            ("login", "Budite prvi koji će komentirati", "comments"),
            ("media", "Pogledajte galeriju", "navigation"),
            ("paywall", "Neograničen pristup, prvi mjesec besplatno", "subscription"),
            ("app", "Preuzmite našu aplikaciju za iOS i Android", "share"),
            ("embed", "Prikaži vanjski sadržaj", "consent"),
            ("disclaim", "Zabranjeno kopiranje sadržaja bez dopuštenja.", "legal"),
            ("letters", "Recite nam što mislite", "comments"),
            ("dated", "Posljednje ažuriranje 12.3.2024.", "navigation"),
            ("photo", "Autor fotografije: Ivan Horvat/Pixsell", "credit"),
        ),
        (
            "Grad je u ponedjeljak predstavio novu aplikaciju koju građani mogu besplatno "
            "preuzeti, a ona prikazuje vrijeme čekanja u svim bolnicama.",
            "Fotograf je u pismu uredništvu napisao da nikada nije dao dopuštenje za korištenje "
            "svoje fotografije u predizbornoj kampanji.",
        ),
    ),
    "sl": Case(
        (
            "Mestni svet Maribora je v četrtek sprejel načrt novih kolesarskih poti ob reki, "
            "dela pa se bodo začela že spomladi, so sporočili z občine.",
            "Prebivalci se že dolgo pritožujejo nad prometom v središču mesta, več društev pa "
            "je zbiralo podpise za zaprtje ulice za avtomobile ob koncih tedna.",
        ),
        (
            ("login", "Bodite prvi, ki bo komentiral", "comments"),
            ("media", "Povečaj sliko", "navigation"),
            ("paywall", "Neomejen dostop, prvi mesec brezplačno", "subscription"),
            ("app", "Prenesite našo aplikacijo za iOS in Android", "share"),
            ("embed", "Prikaži zunanjo vsebino", "consent"),
            ("disclaim", "Vsakršno kopiranje vsebin brez dovoljenja je prepovedano.", "legal"),
            ("letters", "Pošljite nam namig", "comments"),
            ("dated", "Zadnja posodobitev 12. 3. 2024", "navigation"),
            ("photo", "Vir fotografije: STA", "credit"),
        ),
        (
            "Občina je v ponedeljek predstavila novo aplikacijo, ki si jo prebivalci lahko "
            "brezplačno naložijo, prikazuje pa čakalne dobe v vseh zdravstvenih domovih.",
            "Fotograf je v pismu uredništvu zapisal, da nikoli ni dal dovoljenja za uporabo "
            "svoje fotografije v predvolilni kampanji.",
        ),
    ),
    "hu": Case(
        (
            "A debreceni közgyűlés csütörtökön elfogadta az új kerékpárutak tervét a folyó "
            "mentén, a munkálatok már tavasszal elkezdődnek, közölte a város.",
            "A lakók régóta panaszkodnak a belvárosi forgalomra, és több egyesület is "
            "aláírásokat gyűjtött az utca hétvégi lezárásáért.",
        ),
        (
            ("login", "Még nincs hozzászólás", "comments"),
            ("media", "Kép nagyítása", "navigation"),
            ("paywall", "Korlátlan hozzáférés, bármikor lemondható", "subscription"),
            ("app", "Töltse le az alkalmazásunkat iOS-re és Androidra", "share"),
            ("embed", "Külső tartalom betöltése", "consent"),
            ("disclaim", "A tartalom másolása engedély nélkül tilos.", "legal"),
            ("letters", "Írjon nekünk", "comments"),
            ("dated", "Utolsó frissítés: 2024.03.12.", "navigation"),
            ("photo", "Fotók: MTI / Kovács Péter", "credit"),
        ),
        (
            "A város hétfőn új alkalmazást mutatott be, amelyet a lakók ingyen tölthetnek le, "
            "és amely minden rendelőben megmutatja a várakozási időt.",
            "A fotós a szerkesztőségnek írt levelében azt írta, hogy soha nem adott engedélyt "
            "a fényképe felhasználására a kampányban.",
        ),
    ),
    "ro": Case(
        (
            "Consiliul local din Cluj a aprobat joi planul noilor piste de biciclete de-a lungul "
            "râului, iar lucrările încep deja în primăvară, a anunțat primăria.",
            "Locuitorii se plâng de mult timp de traficul din centru, iar mai multe asociații au "
            "strâns semnături pentru închiderea străzii pentru mașini în weekend.",
        ),
        (
            ("login", "Fii primul care comentează", "comments"),
            ("media", "Mărește imaginea", "navigation"),
            ("paywall", "Acces nelimitat, prima lună gratuit", "subscription"),
            ("app", "Descarcă aplicația noastră pentru iOS și Android", "share"),
            ("embed", "Conținut extern", "consent"),
            ("disclaim", "Reproducerea integrală sau parțială este interzisă.", "legal"),
            ("letters", "Trimite-ne un pont", "comments"),
            ("dated", "Ultima actualizare: 12.03.2024", "navigation"),
            ("photo", "Captură foto: Digi24", "credit"),
        ),
        (
            "Primăria a lansat luni o aplicație nouă pe care locuitorii o pot descărca gratuit, "
            "iar aceasta arată timpul de așteptare la toate spitalele din județ.",
            "Fotograful a scris într-o scrisoare trimisă redacției că nu și-a dat niciodată "
            "acordul pentru folosirea fotografiei sale în campanie.",
        ),
    ),
    "bg": Case(
        (
            "Общинският съвет на Пловдив прие в четвъртък план за нови велоалеи покрай реката, "
            "а работата започва още през пролетта, съобщиха от общината.",
            "Жителите отдавна се оплакват от движението в центъра, а няколко сдружения събраха "
            "подписи за затваряне на улицата за коли през уикендите.",
        ),
        (
            ("login", "Все още няма коментари", "comments"),
            ("media", "Уголеми снимката", "navigation"),
            ("paywall", "Неограничен достъп, първият месец безплатно", "subscription"),
            ("app", "Изтеглете нашето приложение за iOS и Android", "share"),
            ("embed", "Външно съдържание", "consent"),
            ("disclaim", "Препечатването е забранено без разрешение.", "legal"),
            ("letters", "Изпратете ни сигнал", "comments"),
            ("dated", "Последна актуализация: 12.03.2024", "navigation"),
            ("photo", "Архивна снимка: БТА", "credit"),
        ),
        (
            "Общината представи в понеделник ново приложение, което жителите могат да изтеглят "
            "безплатно, и то показва времето за чакане във всички болници.",
            "Фотографът написа в писмо до вестника, че никога не е давал съгласие снимката му "
            "да бъде използвана в предизборната кампания.",
        ),
    ),
    "ru": Case(
        (
            "Городская дума Казани в четверг утвердила план новых велодорожек вдоль реки, а "
            "работы начнутся уже весной, сообщили в мэрии.",
            "Жители давно жалуются на пробки в центре, и несколько общественных организаций "
            "собирали подписи за закрытие улицы для машин по выходным.",
        ),
        (
            ("login", "Вы не авторизованы", "comments"),
            ("media", "Увеличить фото", "navigation"),
            ("paywall", "Безлимитный доступ, первый месяц бесплатно", "subscription"),
            ("app", "Скачайте наше приложение для iOS и Android", "share"),
            ("embed", "Внешний контент", "consent"),
            ("disclaim", "Мнение редакции может не совпадать с мнением автора.", "legal"),
            ("letters", "Предложить новость", "comments"),
            ("dated", "Дата обновления: 12.03.2024", "navigation"),
            ("photo", "Автор фото: Иван Петров / ТАСС", "credit"),
        ),
        (
            "Мэрия в понедельник запустила новое приложение, которое жители могут скачать "
            "бесплатно, и оно показывает очереди во всех поликлиниках города.",
            "Фотограф написал в письме, которое получила редакция, что никогда не давал "
            "согласия на использование своего снимка в предвыборной кампании.",
        ),
    ),
    "uk": Case(
        (
            "Львівська міська рада у четвер затвердила план нових велодоріжок уздовж річки, а "
            "роботи почнуться вже навесні, повідомили в мерії.",
            "Мешканці давно скаржаться на затори в центрі, і кілька громадських організацій "
            "збирали підписи за закриття вулиці для автомобілів у вихідні.",
        ),
        (
            ("login", "Ви не авторизовані", "comments"),
            ("media", "Збільшити фото", "navigation"),
            ("paywall", "Необмежений доступ, перший місяць безкоштовно", "subscription"),
            ("app", "Завантажте наш додаток для iOS та Android", "share"),
            ("embed", "Зовнішній контент", "consent"),
            ("disclaim", "Думка редакції може не збігатися з думкою автора.", "legal"),
            ("letters", "Лист до редакції", "comments"),
            ("dated", "Дата оновлення: 12.03.2024", "navigation"),
            ("photo", "Автор фото: Олена Коваленко", "credit"),
        ),
        (
            "Мерія у понеділок запустила новий застосунок, який мешканці можуть завантажити "
            "безкоштовно, і він показує черги в усіх поліклініках міста.",
            "Фотограф написав у листі, який отримала редакція, що ніколи не давав згоди на "
            "використання свого знімка в передвиборчій кампанії.",
        ),
    ),
    "el": Case(
        (
            "Το δημοτικό συμβούλιο της Θεσσαλονίκης ενέκρινε την Πέμπτη σχέδιο για νέους "
            "ποδηλατόδρομους στην παραλία, και τα έργα ξεκινούν ήδη την άνοιξη.",
            "Οι κάτοικοι διαμαρτύρονται εδώ και καιρό για την κίνηση στο κέντρο, και αρκετοί "
            "σύλλογοι μάζεψαν υπογραφές για να κλείσει ο δρόμος τα Σαββατοκύριακα.",
        ),
        (
            ("login", "Δεν υπάρχουν ακόμη σχόλια", "comments"),
            ("media", "Μεγέθυνση εικόνας", "navigation"),
            ("paywall", "Απεριόριστη πρόσβαση, ο πρώτος μήνας δωρεάν", "subscription"),
            ("app", "Κατεβάστε την εφαρμογή μας για iOS και Android", "share"),
            ("embed", "Εξωτερικό περιεχόμενο", "consent"),
            ("disclaim", "Οι απόψεις του αρθρογράφου δεν εκφράζουν απαραίτητα το μέσο.", "legal"),
            ("letters", "Επιστολή αναγνώστη", "comments"),
            ("dated", "Ημερομηνία δημοσίευσης: 12/03/2024", "navigation"),
            ("photo", "Φωτογραφία αρχείου: Eurokinissi", "credit"),
        ),
        (
            "Ο δήμος παρουσίασε τη Δευτέρα μια νέα εφαρμογή που οι πολίτες μπορούν να "
            "κατεβάσουν δωρεάν, και δείχνει τον χρόνο αναμονής σε όλα τα νοσοκομεία.",
            "Ο φωτογράφος έγραψε σε επιστολή προς την εφημερίδα ότι δεν έδωσε ποτέ άδεια να "
            "χρησιμοποιηθεί η φωτογραφία του στην προεκλογική εκστρατεία.",
        ),
    ),
    "ca": Case(
        (
            "El ple de Girona va aprovar dijous el pla de nous carrils bici al llarg del riu, i "
            "les obres començaran ja a la primavera, segons l'ajuntament.",
            "Els veïns fa temps que es queixen del trànsit al centre, i diverses entitats han "
            "recollit signatures per tancar el carrer als cotxes els caps de setmana.",
        ),
        (
            ("login", "Inicia sessió per comentar", "comments"),
            ("media", "Amplia la imatge", "navigation"),
            ("paywall", "Accés il·limitat, primer mes gratis", "subscription"),
            ("app", "Descarrega't la nostra app per a iOS i Android", "share"),
            ("embed", "Contingut extern", "consent"),
            ("disclaim", "Queda prohibida la reproducció total o parcial.", "legal"),
            ("letters", "Cartes al director", "comments"),
            ("dated", "Última actualització: 12/03/2024", "navigation"),
            ("photo", "Fotografies: ACN / Marta Puig", "credit"),
        ),
        (
            "L'ajuntament va presentar dilluns una nova aplicació que els veïns poden "
            "descarregar gratis, i mostra el temps d'espera a tots els hospitals de la ciutat.",
            "El fotògraf va escriure en una carta adreçada al diari que mai no havia donat "
            "permís per fer servir la seva fotografia a la campanya.",
        ),
    ),
    "tr": Case(
        (
            "İzmir belediye meclisi perşembe günü sahil boyunca yeni bisiklet yollarının "
            "planını onayladı ve çalışmalar ilkbaharda başlayacak, dedi belediye.",
            "Sakinler uzun süredir şehir merkezindeki trafikten şikayet ediyor ve birkaç "
            "dernek caddenin hafta sonları araçlara kapatılması için imza topladı.",
        ),
        (
            ("login", "Henüz yorum yapılmamış", "comments"),
            ("media", "Fotoğrafı büyüt", "navigation"),
            ("paywall", "Sınırsız erişim, ilk ay ücretsiz", "subscription"),
            ("app", "Uygulamamızı indirin: iOS ve Android", "share"),
            ("embed", "Harici içerik", "consent"),
            ("disclaim", "Yatırım tavsiyesi değildir.", "legal"),
            ("letters", "Okur mektubu", "comments"),
            ("dated", "Son güncelleme: 12.03.2024", "navigation"),
            ("photo", "Temsili görsel", "credit"),
        ),
        (
            "Belediye pazartesi günü vatandaşların ücretsiz indirebileceği yeni bir uygulama "
            "tanıttı ve uygulama tüm hastanelerdeki bekleme sürelerini gösteriyor.",
            "Fotoğrafçı gazeteye gönderdiği mektupta fotoğrafının seçim kampanyasında "
            "kullanılmasına hiçbir zaman izin vermediğini yazdı.",
        ),
    ),
    "id": Case(
        (
            "DPRD Kota Bandung pada Kamis menyetujui rencana jalur sepeda baru di sepanjang "
            "sungai, dan pembangunannya akan dimulai pada awal tahun depan.",
            "Warga sudah lama mengeluhkan kemacetan di pusat kota, dan beberapa komunitas "
            "mengumpulkan tanda tangan agar jalan itu ditutup bagi mobil pada akhir pekan.",
        ),
        (
            ("login", "Jadilah yang pertama berkomentar", "comments"),
            ("media", "Perbesar gambar", "navigation"),
            ("paywall", "Akses tanpa batas, bulan pertama gratis", "subscription"),
            ("app", "Unduh aplikasi kami di App Store dan Google Play", "share"),
            ("embed", "Konten pihak ketiga", "consent"),
            ("disclaim", "Dilarang mengambil konten tanpa izin tertulis.", "legal"),
            ("letters", "Surat pembaca", "comments"),
            ("dated", "Terakhir diperbarui 12/03/2024", "navigation"),
            ("photo", "Foto ilustrasi: Istimewa", "credit"),
        ),
        (
            "Pemerintah kota pada Senin meluncurkan aplikasi baru yang dapat diunduh warga "
            "secara gratis untuk melihat waktu tunggu di semua rumah sakit.",
            "Fotografer itu menulis dalam surat kepada redaksi bahwa ia tidak pernah memberi "
            "izin agar fotonya dipakai dalam kampanye pemilu.",
        ),
    ),
    "vi": Case(
        (
            "Hội đồng nhân dân thành phố Đà Nẵng hôm thứ Năm đã thông qua kế hoạch làm đường "
            "dành cho xe đạp dọc bờ sông, và công trình sẽ khởi công vào mùa xuân.",
            "Người dân từ lâu đã phàn nàn về tình trạng kẹt xe ở trung tâm, và nhiều hội đoàn "
            "đã thu thập chữ ký để đề nghị cấm ô tô vào cuối tuần.",
        ),
        (
            ("login", "Đăng nhập để bình luận", "comments"),
            ("media", "Phóng to ảnh", "navigation"),
            ("paywall", "Truy cập không giới hạn, tháng đầu miễn phí", "subscription"),
            ("app", "Đăng ký kênh YouTube của chúng tôi", "share"),
            ("embed", "Nội dung của bên thứ ba", "consent"),
            ("disclaim", "Nghiêm cấm sao chép dưới mọi hình thức.", "legal"),
            ("letters", "Thư bạn đọc", "comments"),
            ("dated", "Cập nhật lần cuối: 12/03/2024", "navigation"),
            ("photo", "Ảnh tư liệu", "credit"),
        ),
        (
            "Thành phố hôm thứ Hai đã ra mắt một ứng dụng mới mà người dân có thể tải về "
            "miễn phí, cho biết thời gian chờ tại tất cả các bệnh viện.",
            "Nhiếp ảnh gia viết trong thư gửi tòa soạn rằng ông chưa bao giờ cho phép sử dụng "
            "bức ảnh của mình trong chiến dịch tranh cử.",
        ),
    ),
    "ja": Case(
        (
            "福岡市議会は木曜日、川沿いに新しい自転車道を整備する計画を可決し、工事は来年の春にも始まる見通しだと市が発表した。",
            "住民は以前から中心部の渋滞に不満を訴えており、複数の団体が週末に車の通行を止めるよう求める署名を集めていた。",
        ),
        (
            ("login", "まだコメントはありません", "comments"),
            ("media", "画像を拡大", "navigation"),
            ("paywall", "初月無料・いつでも解約できます", "subscription"),
            ("app", "公式アプリをダウンロード", "share"),
            ("embed", "外部コンテンツ", "consent"),
            ("disclaim", "転載・複製を禁じます", "legal"),
            ("letters", "情報提供はこちら", "comments"),
            ("photo", "写真＝共同", "credit"),
        ),
        (
            "市は月曜日、住民が無料でダウンロードできる新しいアプリを公開し、市内すべての病院の待ち時間を確認できるようにした。",
            "写真家は新聞社に宛てた手紙の中で、選挙運動で自分の写真を使うことを許可したことは一度もないと書いた。",
        ),
    ),
    "zh": Case(
        (
            "杭州市议会周四通过了沿江修建新自行车道的计划，市政府表示，工程最早将于明年春天开工，总投资约为三亿元。",
            "居民长期抱怨市中心交通拥堵，多个社区团体此前曾收集签名，要求在周末禁止汽车驶入这条街道。",
        ),
        (
            ("login", "还没有评论，快来抢沙发", "comments"),
            ("media", "点击查看大图", "navigation"),
            ("paywall", "首月免费，随时取消", "subscription"),
            ("app", "扫码关注我们的公众号", "share"),
            ("embed", "第三方内容", "consent"),
            ("disclaim", "本文仅代表作者观点", "legal"),
            ("letters", "欢迎投稿", "comments"),
            ("photo", "图/视觉中国", "credit"),
        ),
        (
            "市政府周一推出了一款居民可以免费下载的新应用程序，可以查看全市所有医院的候诊时间。",
            "这位摄影师在写给报社的信中表示，他从未允许任何人在竞选活动中使用自己的照片。",
        ),
    ),
    "ko": Case(
        (
            "부산시의회는 목요일 강변을 따라 새 자전거 도로를 조성하는 계획을 통과시켰으며, 공사는 내년 봄에 시작될 예정이라고 시가 밝혔다.",
            "주민들은 오래전부터 도심의 교통 체증에 불만을 제기해 왔으며, 여러 단체가 주말 차량 통행 금지를 요구하는 서명을 모았다.",
        ),
        (
            ("login", "아직 댓글이 없습니다", "comments"),
            ("media", "사진 확대", "navigation"),
            ("paywall", "첫 달 무료, 언제든지 해지 가능", "subscription"),
            ("app", "카카오톡 채널 추가하기", "share"),
            ("embed", "외부 콘텐츠", "consent"),
            ("disclaim", "AI 학습 및 활용 금지", "legal"),
            ("letters", "기사 제보", "comments"),
            ("photo", "자료사진", "credit"),
        ),
        (
            "시는 월요일 주민들이 무료로 내려받을 수 있는 새 앱을 공개했으며, 이 앱으로 모든 병원의 대기 시간을 확인할 수 있다.",
            "사진작가는 신문사에 보낸 편지에서 선거 운동에 자신의 사진을 쓰도록 허락한 적이 없다고 밝혔다.",
        ),
    ),
    "ar": Case(
        (
            "وافق المجلس البلدي في الإسكندرية يوم الخميس على خطة لإنشاء مسارات جديدة للدراجات على طول الكورنيش، "
            "على أن تبدأ الأعمال في الربيع المقبل، بحسب بيان للمحافظة.",
            "ويشكو السكان منذ فترة طويلة من الازدحام في وسط المدينة، وجمعت عدة جمعيات توقيعات للمطالبة "
            "بإغلاق الشارع أمام السيارات في عطلات نهاية الأسبوع.",
        ),
        (
            ("login", "كن أول من يعلق", "comments"),
            ("media", "انقر لتكبير الصورة", "navigation"),
            ("paywall", "وصول غير محدود، الشهر الأول مجانا", "subscription"),
            ("app", "حمل تطبيقنا على أندرويد وآيفون", "share"),
            ("embed", "محتوى خارجي", "consent"),
            ("disclaim", "يمنع إعادة النشر دون إذن.", "legal"),
            ("letters", "رسائل القراء", "comments"),
            ("dated", "تاريخ التحديث: 12/3/2024", "navigation"),
            ("photo", "صورة: رويترز", "credit"),
        ),
        (
            "وأطلقت البلدية يوم الاثنين تطبيقا جديدا يمكن للسكان تنزيله مجانا، ويعرض أوقات الانتظار في جميع "
            "مستشفيات المدينة.",
            "وكتب المصور في رسالة بعث بها إلى الصحيفة أنه لم يأذن قط باستخدام صورته في الحملة الانتخابية.",
        ),
    ),
    "he": Case(
        (
            "מועצת העיר חיפה אישרה ביום חמישי תוכנית לשבילי אופניים חדשים לאורך החוף, והעבודות "
            "יתחילו כבר באביב, כך נמסר מהעירייה.",
            "התושבים מתלוננים זה זמן רב על העומס במרכז העיר, וכמה עמותות אספו חתימות כדי לסגור "
            "את הרחוב לרכבים בסופי שבוע.",
        ),
        (
            ("login", "היו הראשונים להגיב", "comments"),
            ("media", "הגדלת תמונה", "navigation"),
            ("paywall", "גישה בלתי מוגבלת, ניתן לבטל בכל עת", "subscription"),
            ("app", "הורידו את האפליקציה שלנו", "share"),
            ("embed", "תוכן חיצוני", "consent"),
            ("disclaim", "אין להעתיק ללא אישור בכתב.", "legal"),
            ("letters", "מכתבים למערכת", "comments"),
            ("dated", "עדכון אחרון: 12.03.24", "navigation"),
            ("photo", "צילום ארכיון: רויטרס", "credit"),
        ),
        (
            "העירייה השיקה ביום שני יישומון חדש שהתושבים יכולים להוריד בחינם, והוא מציג את זמני "
            "ההמתנה בכל בתי החולים בעיר.",
            "הצלם כתב במכתב ששלח לעיתון כי מעולם לא נתן רשות להשתמש בתמונה שלו בקמפיין הבחירות.",
        ),
    ),
}


def _page(*lines: str) -> str:
    return "\n\n".join(lines) + "\n"


def test_every_language_has_enough_families() -> None:
    for language, case in CASES.items():
        families = {family for family, _, _ in case.lines}
        assert families <= FAMILIES, language
        assert len(families) >= MIN_FAMILIES, f"{language}: only {sorted(families)}"


LINES = [
    pytest.param(case.paragraphs, line, category, id=f"{language}-{family}")
    for language, case in CASES.items()
    for family, line, category in case.lines
]
SENTENCES = [
    pytest.param(case.paragraphs, sentence, id=f"{language}-{n}")
    for language, case in CASES.items()
    for n, sentence in enumerate(case.sentences)
]


@pytest.mark.parametrize(("paragraphs", "line", "category"), LINES)
def test_boilerplate_line_between_paragraphs_goes(
    paragraphs: tuple[str, str], line: str, category: str
) -> None:
    result = clean(_page(paragraphs[0], line, paragraphs[1]))
    assert line not in result.body and all(p in result.body for p in paragraphs)
    removed = [s for s in result.removed if line in s.text]
    assert removed and removed[0].category == category


@pytest.mark.parametrize(("paragraphs", "sentence"), SENTENCES)
def test_article_sentence_with_the_same_words_stays(paragraphs: tuple[str, str], sentence: str) -> None:
    text = _page(paragraphs[0], sentence, paragraphs[1])
    assert clean(text).body.strip() == text.strip()


# The same lines typed without their accents (or in capitals, where Greek drops them) go too:
# the lexicon registers every phrase's unaccented form.
UNACCENTED = [
    ("cs", "Zvetsit obrazek", "navigation"),
    ("sk", "Zatial ziadne komentare", "comments"),
    ("hr", "Budite prvi koji ce komentirati", "comments"),
    ("hu", "Kep nagyitasa", "navigation"),
    ("ro", "Mareste imaginea", "navigation"),
    ("tr", "Fotografi buyut", "navigation"),
    ("vi", "Dang nhap de binh luan", "comments"),
    ("el", "ΜΕΓΕΘΥΝΣΗ ΕΙΚΟΝΑΣ", "navigation"),
    ("ca", "Ultima actualitzacio: 12/03/2024", "navigation"),
]


@pytest.mark.parametrize(("language", "line", "category"), UNACCENTED)
def test_unaccented_line_goes(language: str, line: str, category: str) -> None:
    paragraphs = CASES[language].paragraphs
    result = clean(_page(paragraphs[0], line, paragraphs[1]))
    assert line not in result.body
    assert [s.category for s in result.removed if line in s.text] == [category]
