"""Hindi, Urdu, Bengali, Persian, Thai, Malay, Serbian, Lithuanian, Latvian and Estonian: the
boilerplate an extractor leaves in their articles goes, and Thai (with Lao, Burmese and
Khmer, written without spaces between words) is counted in words, not in space-separated
runs.

The articles below were written for these tests (a new tram line, told in each language),
with the boilerplate lines news sites in these languages print: a read-more lead-in, a
photo credit, a follow prompt, a newsletter prompt, a related heading.
"""

from __future__ import annotations

import pytest

from cleaner import clean
from cleaner.heuristics.features import word_counts
from cleaner.heuristics.title import looks_like_title

ARTICLES: dict[str, tuple[list[str], list[str]]] = {
    # language: (the article's paragraphs, the boilerplate lines set into and after them)
    "hi": (
        [
            "दिल्ली नगर निगम ने सोमवार को नई ट्राम लाइन की शुरुआत की, जो मेट्रो स्टेशन को पुराने बाजार से "
            "जोड़ती है। महापौर ने कहा कि इससे व्यस्त समय में यातायात का दबाव कम होगा।",
            "परिवहन विभाग के अनुसार हर ट्राम में लगभग दो सौ यात्री सफर कर सकते हैं और यह सुबह छह बजे से "
            "रात दस बजे तक हर दस मिनट पर चलेगी।",
            "शहरी योजना के जानकारों का मानना है कि सार्वजनिक परिवहन में निवेश सही कदम है, क्योंकि इससे "
            "निजी वाहनों का इस्तेमाल और वायु प्रदूषण घटता है।",
        ],
        [
            "यह भी पढ़ें: मेट्रो किराए में बढ़ोतरी से यात्री परेशान",
            "फोटो: पीटीआई",
            "हमें फेसबुक और ट्विटर पर फॉलो करें",
            "हमारे न्यूज़लेटर की सदस्यता लें",
            "संबंधित खबरें",
        ],
    ),
    "fa": (
        [
            "شهرداری تهران روز دوشنبه خط جدید تراموا را که ایستگاه مترو را به بازار قدیمی شهر وصل می‌کند "
            "افتتاح کرد. به گفته شهردار، این طرح ترافیک ساعات اوج را کاهش خواهد داد.",
            "بر اساس اعلام سازمان حمل و نقل، هر قطار تراموا گنجایش حدود دویست مسافر را دارد و از ساعت شش "
            "صبح تا ده شب هر ده دقیقه یک بار حرکت می‌کند.",
            "کارشناسان شهرسازی معتقدند سرمایه‌گذاری در حمل و نقل عمومی انتخاب درستی است، زیرا استفاده از "
            "خودروی شخصی و آلودگی هوا را کاهش می‌دهد.",
        ],
        [
            "بیشتر بخوانید: نگرانی شهروندان از افزایش قیمت بلیت مترو",
            "عکس: خبرگزاری ایرنا",
            "ما را در تلگرام و اینستاگرام دنبال کنید",
            "عضویت در خبرنامه",
            "اخبار مرتبط",
        ],
    ),
    "sr": (
        [
            "Градско веће усвојило је у уторак план за продужење трамвајске линије за четири станице, "
            "пројекат који ће коштати око 80 милиона евра и трајати три године.",
            "Према подацима секретаријата за саобраћај, сваки трамвај моћи ће да превезе око двеста "
            "путника, а возиће на сваких десет минута од шест ујутру до поноћи.",
            "Стручњаци за урбанизам сматрају да је улагање у јавни превоз прави избор, јер смањује "
            "употребу аутомобила и загађење ваздуха.",
        ],
        [
            "Прочитајте још: Грађани незадовољни новим ценама паркирања",
            "Фото: Танјуг",
            "Пратите нас на Фејсбуку и Инстаграму",
            "Пријавите се на билтен",
            "Повезане вести",
        ],
    ),
    "bn": (
        [
            "ঢাকা সিটি করপোরেশন সোমবার নতুন একটি ট্রাম লাইন চালু করেছে, যা মেট্রো স্টেশনকে পুরান ঢাকার "
            "বাজারের সঙ্গে যুক্ত করবে। মেয়র বলেছেন, এতে ব্যস্ত সময়ে যানজট কমবে।",
            "পরিবহন বিভাগের তথ্য অনুযায়ী প্রতিটি ট্রামে প্রায় দুইশ যাত্রী চলাচল করতে পারবেন এবং সকাল "
            "ছয়টা থেকে রাত দশটা পর্যন্ত প্রতি দশ মিনিট পরপর ট্রাম চলবে।",
            "নগর পরিকল্পনাবিদরা মনে করেন, গণপরিবহনে বিনিয়োগ সঠিক সিদ্ধান্ত, কারণ এতে ব্যক্তিগত গাড়ির "
            "ব্যবহার ও বায়ুদূষণ কমে।",
        ],
        [
            "আরও পড়ুন: মেট্রোর ভাড়া বাড়ায় যাত্রীদের ক্ষোভ",
            "ছবি: সংগৃহীত",
            "আমাদের ফেসবুক পেজে ফলো করুন",
            "নিউজলেটার সাবস্ক্রাইব করুন",
            "সম্পর্কিত খবর",
        ],
    ),
    "lt": (
        [
            "Miesto taryba antradienį nusprendė pratęsti šiaurinę tramvajaus liniją keturiomis stotelėmis, o projektas kainuos apie 80 milijonų eurų ir truks trejus metus.",
            "Pasak susisiekimo departamento, kiekvienas tramvajus galės vežti apie du šimtus keleivių ir važiuos kas dešimt minučių nuo šešių ryto iki vidurnakčio.",
            "Urbanistikos ekspertai mano, kad investicijos į viešąjį transportą yra teisingas pasirinkimas, nes mažina automobilių naudojimą ir oro taršą.",
        ],
        [
            "Taip pat skaitykite: Gyventojai nepatenkinti naujomis stovėjimo kainomis",
            "Nuotrauka: BNS",
            "Sekite mus „Facebook“ ir „Instagram“",
            "Užsiprenumeruokite mūsų naujienlaiškį",
            "Susiję straipsniai",
        ],
    ),
    "lv": (
        [
            "Pilsētas dome otrdien nolēma pagarināt ziemeļu tramvaja līniju par četrām pieturām, un projekts izmaksās aptuveni 80 miljonus eiro un ilgs trīs gadus.",
            "Saskaņā ar satiksmes departamenta datiem katrs tramvajs varēs pārvadāt ap divsimt pasažieru un kursēs ik pēc desmit minūtēm no sešiem rītā līdz pusnaktij.",
            "Pilsētplānošanas eksperti uzskata, ka ieguldījumi sabiedriskajā transportā ir pareiza izvēle, jo tie samazina automašīnu lietošanu un gaisa piesārņojumu.",
        ],
        [
            "Lasi arī: Iedzīvotāji neapmierināti ar jaunajām stāvvietu cenām",
            "Foto: LETA",
            "Seko mums Facebook un Instagram",
            "Piesakies mūsu jaunumu vēstulei",
            "Saistītie raksti",
        ],
    ),
    "et": (
        [
            "Linnavolikogu otsustas teisipäeval pikendada põhjapoolset trammiliini nelja peatuse võrra ning projekt maksab umbes 80 miljonit eurot ja kestab kolm aastat.",
            "Transpordiameti andmetel mahutab iga tramm umbes kakssada reisijat ning see sõidab iga kümne minuti järel kella kuuest hommikul kuni keskööni.",
            "Linnaplaneerimise eksperdid leiavad, et investeerimine ühistransporti on õige valik, sest see vähendab autode kasutamist ja õhusaastet.",
        ],
        [
            "Loe ka: Elanikud on uute parkimishindadega rahulolematud",
            "Foto: Scanpix",
            "Jälgi meid Facebookis ja Instagramis",
            "Telli meie uudiskiri",
            "Seotud artiklid",
        ],
    ),
    "ur": (
        [
            "لاہور کی میونسپل کارپوریشن نے پیر کے روز نئی ٹرام لائن کا افتتاح کیا جو میٹرو اسٹیشن کو پرانے بازار سے ملاتی ہے۔ میئر کے مطابق اس سے رش کے اوقات میں ٹریفک کا دباؤ کم ہوگا۔",
            "محکمہ ٹرانسپورٹ کے مطابق ہر ٹرام میں تقریباً دو سو مسافر سفر کر سکیں گے اور یہ صبح چھ بجے سے رات دس بجے تک ہر دس منٹ بعد چلے گی۔",
            "شہری منصوبہ بندی کے ماہرین کا کہنا ہے کہ پبلک ٹرانسپورٹ میں سرمایہ کاری درست فیصلہ ہے کیونکہ اس سے نجی گاڑیوں کا استعمال اور فضائی آلودگی کم ہوتی ہے۔",
        ],
        [
            "یہ بھی پڑھیں: میٹرو کے کرایوں میں اضافے پر مسافر پریشان",
            "فائل فوٹو",
            "ہمیں فیس بک اور ٹوئٹر پر فالو کریں",
            "ہمارا نیوز لیٹر سبسکرائب کریں",
            "متعلقہ خبریں",
        ],
    ),
    "ms": (
        [
            "Dewan Bandaraya Kuala Lumpur membuka laluan trem baharu pada hari Isnin yang menghubungkan stesen MRT dengan kawasan bandar lama, dan datuk bandar berkata ia akan mengurangkan kesesakan lalu lintas pada waktu puncak.",
            "Menurut jabatan pengangkutan, setiap trem boleh membawa kira-kira dua ratus penumpang dan akan bergerak setiap sepuluh minit dari pukul enam pagi hingga sepuluh malam.",
            "Pakar perancangan bandar berpendapat pelaburan dalam pengangkutan awam adalah pilihan yang tepat kerana ia mengurangkan penggunaan kereta persendirian dan pencemaran udara.",
        ],
        [
            "Berita berkaitan: Penumpang bimbang tambang MRT naik lagi",
            "Gambar: Bernama",
            "Ikuti kami di Facebook dan Instagram",
            "Langgan surat berita kami",
            "Artikel berkaitan",
        ],
    ),
    "th": (
        [
            "กรุงเทพมหานครประกาศเปิดให้บริการรถรางสายใหม่ซึ่งเชื่อมระหว่างสถานีรถไฟฟ้ากับย่านเมืองเก่า"
            "เมื่อวันจันทร์ที่ผ่านมา โดยผู้ว่าราชการระบุว่าโครงการนี้จะช่วยลดปัญหาการจราจรติดขัดในช่วงเวลาเร่งด่วน",
            "ตามข้อมูลของสำนักการจราจรและขนส่ง รถรางแต่ละขบวนสามารถรองรับผู้โดยสารได้ประมาณสองร้อยคน "
            "และจะวิ่งทุกสิบนาทีตั้งแต่เวลาหกโมงเช้าจนถึงสี่ทุ่ม",
            "นักวิชาการด้านผังเมืองมองว่าการลงทุนในระบบขนส่งสาธารณะเป็นทางเลือกที่เหมาะสม "
            "เพราะช่วยลดการใช้รถยนต์ส่วนตัวและมลพิษทางอากาศในเขตเมืองชั้นใน",
        ],
        [
            "อ่านเพิ่มเติม: ชาวกรุงเทพฯ กังวลค่าโดยสารรถไฟฟ้าที่สูงขึ้น",
            "ภาพ: สำนักข่าวไทย",
            "ติดตามข่าวสารล่าสุดได้ที่ Facebook และ LINE ของเรา",
            "สมัครรับจดหมายข่าวของเรา",
            "ข่าวที่เกี่ยวข้อง",
        ],
    ),
}

# Sentences of the article that share words with the boilerplate: the outlet's readers
# ("follow", "subscribers", "comment", "photo"), kept whole in the body.
HARD_NEGATIVES: dict[str, list[str]] = {
    "hi": [
        "मंत्री ने विज्ञापन अभियान पर टिप्पणी करने से इनकार किया, और कंपनी के शेयर गिर गए।",
        "पुलिस ने बिना अनुमति के बने मकानों की जांच शुरू की और लोगों से नियमों का पालन करने को कहा।",
    ],
    "fa": [
        "کارگران خواستار پرداخت کلیه حقوق معوقه خود شدند و حریم خصوصی کاربران موضوع بحث مجلس بود.",
        "پلیس پرونده را دنبال می‌کند و نتیجه تحقیقات هفته آینده منتشر خواهد شد.",
    ],
    "sr": [
        "Министар је одбио да коментарише рекламну кампању, а акције компаније су пале.",
        "Тесто поделите на два дела и пеците двадесет минута, саветује кувар.",
    ],
    "bn": [
        "মন্ত্রী বিজ্ঞাপন প্রচারণা নিয়ে মন্তব্য করতে অস্বীকৃতি জানান, এবং কোম্পানির শেয়ারের দাম কমে যায়।",
        "সর্বশেষ খবর অনুযায়ী বন্যায় তিনটি জেলার পঞ্চাশ হাজার মানুষ ক্ষতিগ্রস্ত হয়েছে।",
    ],
    "lt": ["Ministras atsisakė komentuoti reklamos kampaniją, o bendrovės akcijos smuko."],
    "lv": [
        "Tu esi pirmais, kurš to pamanīja, sacīja treneris pēc spēles, un komanda uzvarēja ar trīs vārtiem."
    ],
    "et": [
        "See ei ole esimene kord, kui linn peab eelarvet kärpima, ütles linnapea volikogu istungil.",
        "Ema ütles lapsele: loe kaasa, kui ma ette loen, ja hiljem räägime raamatust.",
    ],
    "ur": ["تازہ ترین خبروں کے مطابق سیلاب سے تین اضلاع متاثر ہوئے ہیں اور امدادی کارروائیاں جاری ہیں۔"],
    "ms": ["Parti paling popular di negeri itu memenangi dua puluh kerusi dalam pilihan raya minggu lalu."],
    "th": [
        "รัฐมนตรีปฏิเสธที่จะแสดงความคิดเห็นเกี่ยวกับแคมเปญโฆษณาของรัฐบาล และหุ้นของบริษัทลดลงอย่างหนัก",
        "ภาพจากกล้องวงจรปิดแสดงให้เห็นว่าคนร้ายหลบหนีไปทางทิศเหนือ และตำรวจกำลังติดตามตัวผู้ต้องสงสัยอยู่",
    ],
}


def _removed(text: str) -> list[str]:
    """The removed lines of ``text``, after checking that the segments rebuild it."""
    result = clean(text)
    assert "".join(text[s.start : s.end] for s in result.segments) == text
    return [text[s.start : s.end].strip() for s in result.removed]


@pytest.mark.parametrize("language", sorted(ARTICLES))
def test_boilerplate_in_the_article_goes(language: str) -> None:
    paragraphs, boilerplate = ARTICLES[language]
    lead_in, *after = boilerplate
    text = "\n".join([paragraphs[0], lead_in, *paragraphs[1:], *after]) + "\n"
    removed = " ".join(_removed(text))
    for line in boilerplate:
        assert line in removed, f"{language}: kept {line!r}"
    body = clean(text).body
    for paragraph in paragraphs:
        assert paragraph in body


@pytest.mark.parametrize("language", sorted(HARD_NEGATIVES))
def test_sentences_that_share_the_words_stay(language: str) -> None:
    paragraphs, _ = ARTICLES[language]
    text = "\n".join([paragraphs[0], *HARD_NEGATIVES[language], *paragraphs[1:]]) + "\n"
    assert _removed(text) == []


def test_thai_follow_prompt_goes() -> None:
    paragraphs, boilerplate = ARTICLES["th"]
    text = "\n".join([*paragraphs, boilerplate[2]]) + "\n"
    assert _removed(text) == [boilerplate[2]]


def test_thai_paragraph_counts_its_words() -> None:
    """A Thai paragraph of ~120 code points and two spaces is about two dozen words, not three."""
    paragraph = ARTICLES["th"][0][0]
    assert len(paragraph.split()) <= 3
    assert word_counts([paragraph], [paragraph])[0] >= 20


def test_other_scripts_keep_their_counts() -> None:
    lines = ["The council met on Tuesday.", "市政府公布新的公共交通计划", "Совет собрался во вторник."]
    assert word_counts(lines, lines) == [5, 7, 4]


def test_thai_headline_is_headline_shaped() -> None:
    assert looks_like_title("กรุงเทพมหานครเปิดเส้นทางรถรางสายใหม่ในย่านเมืองเก่า")
    assert not looks_like_title(ARTICLES["th"][0][0])  # a paragraph is too long for one


@pytest.mark.parametrize("language", sorted(ARTICLES))
def test_headline_above_the_article_is_its_title(language: str) -> None:
    headline = {
        "hi": "दिल्ली में नई ट्राम लाइन शुरू, पुराने शहर तक पहुंचना होगा आसान",
        "fa": "شهرداری تهران خط جدید تراموا را در مرکز شهر افتتاح کرد",
        "th": "กรุงเทพมหานครเปิดเส้นทางรถรางสายใหม่ในย่านเมืองเก่า",
        "sr": "Нова трамвајска линија повезаће центар са Новим Београдом",
        "bn": "ঢাকায় নতুন ট্রাম লাইন চালু, পুরান ঢাকায় যাতায়াত সহজ হবে",
        "ur": "لاہور میں نئی ٹرام لائن کا افتتاح، پرانے شہر تک رسائی آسان",
        "ms": "Laluan trem baharu dibuka di pusat bandar Kuala Lumpur",
        "lt": "Vilniuje atidaryta nauja tramvajaus linija",
        "lv": "Rīgā atklāta jauna tramvaja līnija",
        "et": "Tallinnas avati uus trammiliin",
    }[language]
    text = "\n".join([headline, *ARTICLES[language][0]]) + "\n"
    result = clean(text)
    assert [(s.category, text[s.start : s.end].strip()) for s in result.removed] == [("title", headline)]


THAI_PAGE_MENU = ["หน้าแรก", "ข่าว", "การเมือง", "เศรษฐกิจ", "กีฬา", "ค้นหา", "เข้าสู่ระบบ"]
THAI_PAGE_FOOT = [
    "แชร์",
    "คัดลอกลิงก์",
    "ข่าวที่เกี่ยวข้อง",
    "ตำรวจจราจรเตรียมปิดถนนช่วงสงกรานต์",
    "รถไฟฟ้าสายสีม่วงเพิ่มเที่ยววิ่งช่วงเช้า",
    "เกี่ยวกับเรา",
    "ติดต่อเรา",
    "สงวนลิขสิทธิ์ 2568 สำนักข่าวตัวอย่าง",
]


def test_thai_page_dump_keeps_its_paragraphs() -> None:
    """A whole Thai page's text (menu, headline, paragraphs, share bar, related list, footer):
    the paragraphs, counted in words, read as the article and the rest goes."""
    paragraphs = ARTICLES["th"][0]
    headline = "กรุงเทพมหานครเปิดเส้นทางรถรางสายใหม่ในย่านเมืองเก่า"
    text = "\n".join([*THAI_PAGE_MENU, headline, *paragraphs, *THAI_PAGE_FOOT]) + "\n"
    removed = _removed(text)
    kept = clean(text).body
    for paragraph in paragraphs:
        assert paragraph in kept
    for line in [*THAI_PAGE_MENU, headline, *THAI_PAGE_FOOT]:
        assert line not in kept.splitlines(), f"kept {line!r}"
    assert removed
