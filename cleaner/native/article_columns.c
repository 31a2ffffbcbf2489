/* article_columns: the compiled twin of article_lines.article_matrix (docs/design.md
 * section 7), part of cleaner.native._compiled.
 *
 * One call computes every column of the article-line model for one page or for many
 * pages one after the other, where the Python form builds some twenty lists, a few numpy
 * arrays and neighbour copies per page (its per-call cost dominates a page of a few dozen
 * lines). What needs a regular expression, the lexicon or a case table (dates, phones,
 * links, openings, buttons, letter counts, pronoun and title shares) comes in computed by
 * Python, as lists; the rest is arithmetic on them. The result is a bytearray of float64,
 * one row per column (ARTICLE_FEATURES order, checked by article_lines at import) and one
 * value per line, which numpy wraps without a copy. The log columns' log1p is read from
 * a table of numpy's own (log_counts), as the model was fitted: numpy's SIMD log1p differs
 * from the C library's in the last bit for some whole numbers.
 *
 * Everything the arithmetic reads is copied into C arrays first, each object's type
 * checked exactly (no Python code runs while the lines are read), and the stripped lines
 * are held in a tuple of their own, so nothing a caller does to its lists can move them.
 */
#include "_compiled.h"

#include <stdint.h>
#include <stddef.h>
#include <string.h>

/* The columns, in ARTICLE_FEATURES order: X(enum name, column name). */
#define ARTICLE_COLUMNS(X)                                                                     \
    X(LOG_WORDS, "log_words") X(LOG_CHARS, "log_chars") X(SHORT, "short") X(TINY, "tiny")     \
    X(LONG, "long") X(SENTENCE_END, "sentence_end") X(COLON_END, "colon_end")                 \
    X(QUESTION_END, "question_end") X(BULLET, "bullet") X(PIPE, "pipe") X(UPPER, "upper")      \
    X(TITLE_SHARE, "title_share") X(DIGIT_SHARE, "digit_share") X(DATE_LIKE, "date_like")      \
    X(DATE_ONLY, "date_only") X(URL_LINE, "url_line") X(LINK_MARK, "link_mark")                \
    X(EMAIL, "email") X(HANDLE, "handle") X(PHONE, "phone") X(BRACKET_TAG, "bracket_tag")      \
    X(COPYRIGHT, "copyright") X(QUOTE_START, "quote_start") X(INTERVIEW, "interview")          \
    X(BYLINE, "byline") X(ABOUT_LEAD, "about_lead") X(NAME_IS, "name_is")                      \
    X(WE_SHARE, "we_share") X(YOU_SHARE, "you_share") X(FIRST, "first") X(LAST, "last")        \
    X(POSITION, "position") X(LINES_FROM_END, "lines_from_end") X(TAIL, "tail")                \
    X(HEAD, "head") X(AFTER_LAST_PAR, "after_last_par") X(WORDS_SINCE_PAR, "words_since_par")  \
    X(LINES_FROM_PREV_PAR, "lines_from_prev_par") X(LINES_TO_NEXT_PAR, "lines_to_next_par")    \
    X(LONG_AFTER, "long_after") X(SHORT_RUN, "short_run") X(PREV_WORDS, "prev_words")          \
    X(NEXT_WORDS, "next_words") X(PREV2_WORDS, "prev2_words") X(NEXT2_WORDS, "next2_words")    \
    X(PREV_END, "prev_end") X(NEXT_END, "next_end") X(PREV_COLON, "prev_colon")                \
    X(NEXT_TITLE_SHARE, "next_title_share") X(PREV_TITLE_SHARE, "prev_title_share")            \
    X(REPEATED, "repeated") X(TITLE_OVERLAP, "title_overlap") X(LEAD_IN, "lead_in")            \
    X(AFTER_LEAD_IN, "after_lead_in") X(PHRASE, "phrase") X(PHRASE_START, "phrase_start")      \
    X(PHRASE_SHARE, "phrase_share") X(BUTTON, "button") X(FAMILY_RELATED, "family_related")    \
    X(FAMILY_NEWSLETTER, "family_newsletter") X(FAMILY_SUBSCRIPTION, "family_subscription")    \
    X(FAMILY_DONATION_APPEAL, "family_donation_appeal") X(FAMILY_SHARE, "family_share")        \
    X(FAMILY_CREDIT, "family_credit") X(FAMILY_LEGAL, "family_legal")                          \
    X(FAMILY_COMMENTS, "family_comments") X(FAMILY_ADVERTISEMENT, "family_advertisement")      \
    X(FAMILY_NAVIGATION, "family_navigation") X(FAMILY_CONSENT, "family_consent")              \
    X(PAGE_LINES, "page_lines") X(PAGE_WORDS, "page_words")                                    \
    X(PAGE_LONG_SHARE, "page_long_share") X(PAGE_SHORT_SHARE, "page_short_share")

#define COLUMN_ENUM(name, text) COL_##name,
enum { ARTICLE_COLUMNS(COLUMN_ENUM) COLUMNS };
#define COLUMN_NAME(name, text) text,
static const char *const COLUMN_NAMES[COLUMNS] = {ARTICLE_COLUMNS(COLUMN_NAME)};

#define FAMILY_PREFIX "family_" /* a family column's name: this, then the phrase family */
#define FAMILIES (COL_FAMILY_CONSENT - COL_FAMILY_RELATED + 1)

/* The marks Python finds (regular expressions, the lexicon): the `marks` tuple, in order,
 * each a list of ints per line or None (all 0). */
enum {
    MARK_DATES, /* dates in the line (_DATE), a count */
    MARK_PHONE,
    MARK_URL,
    MARK_EMAIL,
    MARK_HANDLE,
    MARK_COPYRIGHT,
    MARK_PIPE,
    MARK_BRACKET,
    MARK_INTERVIEW,
    MARK_BYLINE,
    MARK_ABOUT,
    MARK_NAME_IS,
    MARK_BUTTON,
    MARK_PHRASE_START,
    MARKS
};

/* article_lines' thresholds (PARAGRAPH_WORDS, SHORT_WORDS, TINY_WORDS, FAR_LINES) and the
 * two written inline there: a link line has at most URL_LINE_MAX_WORDS words, a date-only
 * line at most DATE_ONLY_WORDS_PER_DATE words per date and DATE_ONLY_EXTRA_WORDS more. */
#define PARAGRAPH_WORDS 25
#define SHORT_WORDS 8
#define TINY_WORDS 4
#define FAR_LINES 20
#define URL_LINE_MAX_WORDS 2
#define DATE_ONLY_WORDS_PER_DATE 2
#define DATE_ONLY_EXTRA_WORDS 3
#define COUNT_MAX ((Py_ssize_t)1 << 31) /* a count past this is refused: sums stay exact */
#define EDGE_CHARS_MAX 64                /* characters of each edge set (sentence ends, ...) */

/* A set of line-edge characters (_SENTENCE_END, _BULLETS, _QUOTES) as code points. */
struct edge_set {
    Py_UCS4 chars[EDGE_CHARS_MAX]; /* those past ASCII */
    Py_ssize_t size;
    uint64_t ascii[2]; /* a bit per ASCII character held: most edges are ASCII, tested at once */
};

/* Per line, what the columns are made of (copied from the arguments). */
struct line_facts {
    Py_ssize_t words, chars, upper, cased, digits, covered;
    Py_ssize_t marks[MARKS];
    double we, you, overlap;
    int family;           /* index of the phrase family (category) among the family columns, or -1 */
    char phrase, lead;    /* a phrase category, a lead-in category (not None) */
    Py_UCS4 first, last;  /* the stripped line's first and last characters ... */
    char empty;           /* ... unless it is empty */
};

static int
edge_set_of(PyObject *text, struct edge_set *set)
{
    if (!PyUnicode_CheckExact(text) || PyUnicode_GET_LENGTH(text) > EDGE_CHARS_MAX) {
        PyErr_SetString(PyExc_TypeError, "article_columns: edges must be three str of at most 64 characters");
        return -1;
    }
    set->size = 0;
    set->ascii[0] = set->ascii[1] = 0;
    for (Py_ssize_t k = 0; k < PyUnicode_GET_LENGTH(text); k++) {
        const Py_UCS4 c = PyUnicode_READ_CHAR(text, k);
        if (c < 128)
            set->ascii[c >> 6] |= (uint64_t)1 << (c & 63);
        else
            set->chars[set->size++] = c;
    }
    return 0;
}

static inline int
in_edge_set(const struct edge_set *set, Py_UCS4 c)
{
    if (c < 128)
        return (int)((set->ascii[c >> 6] >> (c & 63)) & 1);
    for (Py_ssize_t k = 0; k < set->size; k++) {
        if (set->chars[k] == c)
            return 1;
    }
    return 0;
}

/* str.isupper(): a cased character and no lower- or title-case one (one character:
 * whether it is upper case), as CPython's unicode_isupper_impl decides. */
static int
is_upper_text(PyObject *text)
{
    const int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    const Py_ssize_t size = PyUnicode_GET_LENGTH(text);
    if (size == 1)
        return Py_UNICODE_ISUPPER(PyUnicode_READ(kind, data, 0)) != 0;
    int cased = 0;
    for (Py_ssize_t k = 0; k < size; k++) {
        const Py_UCS4 c = PyUnicode_READ(kind, data, k);
        if (Py_UNICODE_ISLOWER(c) || Py_UNICODE_ISTITLE(c))
            return 0;
        if (!cased && Py_UNICODE_ISUPPER(c))
            cased = 1;
    }
    return cased;
}

/* A list of `n` items, or an error naming `what`. */
static int
check_list(PyObject *list, Py_ssize_t n, const char *what)
{
    if (!PyList_CheckExact(list) || PyList_GET_SIZE(list) != n) {
        PyErr_Format(PyExc_TypeError, "article_columns: %s must be a list with one item per line", what);
        return -1;
    }
    return 0;
}

/* An int (or bool) item from 0 to COUNT_MAX into *value; -1 with an error naming `what`. */
static int
count_of(PyObject *item, Py_ssize_t *value, const char *what)
{
    if (!PyLong_Check(item)) {
        PyErr_Format(PyExc_TypeError, "article_columns: %s must hold int", what);
        return -1;
    }
    *value = PyLong_AsSsize_t(item);
    if (*value == -1 && PyErr_Occurred())
        return -1;
    if (*value < 0 || *value >= COUNT_MAX) {
        PyErr_Format(PyExc_ValueError, "article_columns: %s must hold counts from 0 to 2**31", what);
        return -1;
    }
    return 0;
}

/* Reads `list` (n ints) into the field at `offset` of each of `facts`. */
static int
read_counts(PyObject *list, Py_ssize_t n, struct line_facts *facts, size_t offset, const char *what)
{
    if (check_list(list, n, what) < 0)
        return -1;
    for (Py_ssize_t j = 0; j < n; j++) {
        if (count_of(PyList_GET_ITEM(list, j), (Py_ssize_t *)((char *)&facts[j] + offset), what) < 0)
            return -1;
    }
    return 0;
}

/* Reads `list` (n floats, or ints) into the field at `offset` of each of `facts`. */
static int
read_shares(PyObject *list, Py_ssize_t n, struct line_facts *facts, size_t offset)
{
    if (check_list(list, n, "shares") < 0)
        return -1;
    for (Py_ssize_t j = 0; j < n; j++) {
        PyObject *item = PyList_GET_ITEM(list, j);
        double *value = (double *)((char *)&facts[j] + offset);
        if (PyFloat_CheckExact(item))
            *value = PyFloat_AS_DOUBLE(item);
        else if (PyLong_CheckExact(item)) {
            *value = PyLong_AsDouble(item);
            if (*value == -1.0 && PyErr_Occurred())
                return -1;
        }
        else {
            PyErr_SetString(PyExc_TypeError, "article_columns: shares must hold float");
            return -1;
        }
    }
    return 0;
}

/* A tuple of exactly `size` items, or an error naming `what`. */
static int
check_tuple(PyObject *tuple, Py_ssize_t size, const char *what)
{
    if (!PyTuple_CheckExact(tuple) || PyTuple_GET_SIZE(tuple) != size) {
        PyErr_Format(PyExc_TypeError, "article_columns: %s must be a tuple of %zd", what, size);
        return -1;
    }
    return 0;
}

/* The family column a category (None or str) fills, or -1. */
static int
family_of(PyObject *category)
{
    if (!PyUnicode_Check(category))
        return -1;
    const size_t prefix = sizeof(FAMILY_PREFIX) - 1;
    for (int f = 0; f < FAMILIES; f++) {
        if (PyUnicode_CompareWithASCIIString(category, COLUMN_NAMES[COL_FAMILY_RELATED + f] + prefix) == 0)
            return f;
    }
    return -1;
}

/* Reads categories, covered and leads (the `lexical` tuple) into facts. */
static int
read_lexical(PyObject *lexical, Py_ssize_t n, struct line_facts *facts)
{
    if (check_tuple(lexical, 3, "lexical") < 0)
        return -1;
    PyObject *categories = PyTuple_GET_ITEM(lexical, 0), *leads = PyTuple_GET_ITEM(lexical, 2);
    if (check_list(categories, n, "categories") < 0 || check_list(leads, n, "leads") < 0 ||
        read_counts(PyTuple_GET_ITEM(lexical, 1), n, facts, offsetof(struct line_facts, covered), "covered") < 0)
        return -1;
    for (Py_ssize_t j = 0; j < n; j++) {
        PyObject *category = PyList_GET_ITEM(categories, j);
        facts[j].phrase = category != Py_None;
        facts[j].family = family_of(category);
        facts[j].lead = PyList_GET_ITEM(leads, j) != Py_None;
    }
    return 0;
}

/* Reads the `marks` tuple (MARKS lists of ints, or None) into facts. */
static int
read_marks(PyObject *marks, Py_ssize_t n, struct line_facts *facts)
{
    if (check_tuple(marks, MARKS, "marks") < 0)
        return -1;
    for (int m = 0; m < MARKS; m++) {
        PyObject *list = PyTuple_GET_ITEM(marks, m);
        if (list == Py_None) { /* facts are not zeroed when made: a mark not asked for is 0 here */
            for (Py_ssize_t j = 0; j < n; j++)
                facts[j].marks[m] = 0;
            continue;
        }
        if (read_counts(list, n, facts, offsetof(struct line_facts, marks) + (size_t)m * sizeof(Py_ssize_t),
                        "marks") < 0)
            return -1;
    }
    return 0;
}

/* Reads the stripped lines (a tuple of exact str) into facts: their lengths and edges. */
static int
read_lines(PyObject *lines, struct line_facts *facts)
{
    for (Py_ssize_t j = 0; j < PyTuple_GET_SIZE(lines); j++) {
        PyObject *line = PyTuple_GET_ITEM(lines, j);
        if (!PyUnicode_CheckExact(line)) {
            PyErr_SetString(PyExc_TypeError, "article_columns: stripped must be a list of str");
            return -1;
        }
#if PY_VERSION_HEX < 0x030C0000
        if (PyUnicode_READY(line) < 0)
            return -1;
#endif
        const Py_ssize_t size = PyUnicode_GET_LENGTH(line);
        facts[j].chars = size;
        facts[j].empty = size == 0;
        facts[j].first = size ? PyUnicode_READ_CHAR(line, 0) : 0;
        facts[j].last = size ? PyUnicode_READ_CHAR(line, size - 1) : 0;
    }
    return 0;
}

/* Reads words, letters (upper initials, cased initials, digits) and shares (we, you,
 * title overlap) into facts. */
static int
read_numbers(PyObject *words, PyObject *letters, PyObject *shares, Py_ssize_t n, struct line_facts *facts)
{
    if (read_counts(words, n, facts, offsetof(struct line_facts, words), "words") < 0 ||
        check_tuple(letters, 3, "letters") < 0 || check_tuple(shares, 3, "shares") < 0)
        return -1;
    static const size_t letter_fields[3] = {offsetof(struct line_facts, upper), offsetof(struct line_facts, cased),
                                            offsetof(struct line_facts, digits)};
    static const size_t share_fields[3] = {offsetof(struct line_facts, we), offsetof(struct line_facts, you),
                                           offsetof(struct line_facts, overlap)};
    for (int k = 0; k < 3; k++) {
        if (read_counts(PyTuple_GET_ITEM(letters, k), n, facts, letter_fields[k], "letters") < 0 ||
            read_shares(PyTuple_GET_ITEM(shares, k), n, facts, share_fields[k]) < 0)
            return -1;
    }
    return 0;
}

/* Reads sizes (a list of ints above 0 adding up to n) into a new array; NULL on an error. */
static Py_ssize_t *
read_sizes(PyObject *sizes, Py_ssize_t n, Py_ssize_t *pages)
{
    if (!PyList_CheckExact(sizes)) {
        PyErr_SetString(PyExc_TypeError, "article_columns: sizes must be a list of int");
        return NULL;
    }
    *pages = PyList_GET_SIZE(sizes);
    Py_ssize_t *out = PyMem_New(Py_ssize_t, *pages ? *pages : 1), total = 0;
    if (out == NULL) {
        PyErr_NoMemory();
        return NULL;
    }
    for (Py_ssize_t k = 0; k < *pages; k++) {
        if (count_of(PyList_GET_ITEM(sizes, k), &out[k], "sizes") < 0)
            goto fail;
        if (out[k] == 0 || out[k] > n - total) {
            PyErr_SetString(PyExc_ValueError, "article_columns: sizes must be above 0 and add up to the lines");
            goto fail;
        }
        total += out[k];
    }
    if (total == n)
        return out;
    PyErr_SetString(PyExc_ValueError, "article_columns: sizes must be above 0 and add up to the lines");
fail:
    PyMem_Free(out);
    return NULL;
}

/* The columns of one line that need no other line (its shape, marks, lexicon); `lines`
 * holds the stripped lines, `upper_wanted` says whether to read a line's case. */
static void
line_columns(double *out, Py_ssize_t n, Py_ssize_t j, const struct line_facts *f, PyObject *lines,
             const struct edge_set *edges, int upper_wanted)
{
#define SET(col, value) out[(Py_ssize_t)(COL_##col) * n + j] = (double)(value)
    const Py_ssize_t w = f->words, chars_or_one = f->chars > 1 ? f->chars : 1;
    const Py_ssize_t *marks = f->marks;
    SET(LOG_WORDS, w); /* counts: numpy takes their log1p */
    SET(LOG_CHARS, f->chars);
    SET(SHORT, w < SHORT_WORDS);
    SET(TINY, w < TINY_WORDS);
    SET(LONG, w >= PARAGRAPH_WORDS);
    SET(SENTENCE_END, !f->empty && in_edge_set(&edges[0], f->last));
    SET(COLON_END, !f->empty && f->last == ':');
    SET(QUESTION_END, !f->empty && f->last == '?');
    SET(BULLET, !f->empty && in_edge_set(&edges[1], f->first));
    SET(QUOTE_START, !f->empty && in_edge_set(&edges[2], f->first));
    SET(PIPE, marks[MARK_PIPE]);
    SET(UPPER, upper_wanted && w >= 2 && is_upper_text(PyTuple_GET_ITEM(lines, j)));
    SET(TITLE_SHARE, (double)f->upper / (double)(f->cased > 1 ? f->cased : 1));
    SET(DIGIT_SHARE, (double)f->digits / (double)chars_or_one);
    SET(DATE_LIKE, w < SHORT_WORDS && marks[MARK_DATES] > 0);
    SET(DATE_ONLY,
        marks[MARK_DATES] > 0 && w <= DATE_ONLY_WORDS_PER_DATE * marks[MARK_DATES] + DATE_ONLY_EXTRA_WORDS);
    SET(URL_LINE, marks[MARK_URL] ? w <= URL_LINE_MAX_WORDS : 0);
    SET(LINK_MARK, marks[MARK_URL]);
    SET(EMAIL, marks[MARK_EMAIL]);
    SET(HANDLE, marks[MARK_HANDLE]);
    SET(PHONE, marks[MARK_PHONE]);
    SET(BRACKET_TAG, marks[MARK_BRACKET]);
    SET(COPYRIGHT, marks[MARK_COPYRIGHT]);
    SET(INTERVIEW, marks[MARK_INTERVIEW]);
    SET(BYLINE, w < SHORT_WORDS && marks[MARK_BYLINE]);
    SET(ABOUT_LEAD, marks[MARK_ABOUT]);
    SET(NAME_IS, marks[MARK_NAME_IS]);
    SET(WE_SHARE, f->we);
    SET(YOU_SHARE, f->you);
    SET(TITLE_OVERLAP, f->overlap);
    SET(LEAD_IN, f->lead);
    SET(PHRASE, f->phrase);
    SET(PHRASE_START, marks[MARK_PHRASE_START]);
    const double share = (double)f->covered / (double)chars_or_one;
    SET(PHRASE_SHARE, share < 1.0 ? share : 1.0);
    SET(BUTTON, marks[MARK_BUTTON]);
    for (int family = 0; family < FAMILIES; family++)
        out[(Py_ssize_t)(COL_FAMILY_RELATED + family) * n + j] = family == f->family;
#undef SET
}

/* The columns of one page (lines a to a + m) that read its other lines: places,
 * paragraphs, runs, neighbours and the page's totals. `since` carries the running sums
 * of words across pages (see article_lines._counts_of_few): running[0] the words so far,
 * running[1] the running maximum at paragraphs. */
static void
page_columns(double *out, Py_ssize_t n, Py_ssize_t a, Py_ssize_t m, const struct line_facts *facts,
             long long *running, int *started)
{
#define AT(col, j) out[(Py_ssize_t)(COL_##col) * n + (j)]
#define CLIP(d) ((d) < FAR_LINES ? (d) : FAR_LINES)
    Py_ssize_t first_par = m, last_par = -1, longs = 0, shorts = 0;
    long long total = 0;
    const long long base = running[0];
    for (Py_ssize_t i = 0; i < m; i++) {
        const Py_ssize_t w = facts[a + i].words;
        if (w >= PARAGRAPH_WORDS) {
            first_par = first_par < m ? first_par : i;
            last_par = i;
            longs++;
        }
        shorts += w < SHORT_WORDS;
        total += w;
    }
    Py_ssize_t back = -1, run = 0;
    for (Py_ssize_t i = 0; i < m; i++) {
        const Py_ssize_t j = a + i, w = facts[j].words;
        const int is_long = w >= PARAGRAPH_WORDS;
        /* words since the page's last paragraph above the line: the running sums' difference */
        running[0] += w;
        const long long mark = is_long ? running[0] : base;
        if (!*started || mark > running[1])
            running[1] = mark;
        *started = 1;
        AT(WORDS_SINCE_PAR, j) = is_long ? 0.0 : (double)(running[0] - w - running[1]);
        if (is_long)
            back = i;
        AT(FIRST, j) = i == 0;
        AT(LAST, j) = i == m - 1;
        AT(POSITION, j) = (double)i / (double)m;
        AT(LINES_FROM_END, j) = CLIP(m - 1 - i);
        AT(TAIL, j) = i > last_par;
        AT(HEAD, j) = i < first_par;
        AT(AFTER_LAST_PAR, j) = last_par < 0 ? FAR_LINES : i <= last_par ? 0 : CLIP(i - last_par);
        AT(LINES_FROM_PREV_PAR, j) = is_long ? 0 : back < 0 ? FAR_LINES : CLIP(i - back);
        /* a run of equal "short" flags: its length is written when it ends */
        const int is_short = w < SHORT_WORDS;
        run++;
        if (i == m - 1 || (facts[j + 1].words < SHORT_WORDS) != is_short) {
            for (Py_ssize_t k = j - run + 1; k <= j; k++)
                AT(SHORT_RUN, k) = is_short ? CLIP(run) : 0;
            run = 0;
        }
        AT(PREV_WORDS, j) = i >= 1 ? (double)facts[j - 1].words : 0.0;
        AT(NEXT_WORDS, j) = i + 1 < m ? (double)facts[j + 1].words : 0.0;
        AT(PREV2_WORDS, j) = i >= 2 ? (double)facts[j - 2].words : 0.0;
        AT(NEXT2_WORDS, j) = i + 2 < m ? (double)facts[j + 2].words : 0.0;
        AT(PREV_END, j) = i >= 1 ? AT(SENTENCE_END, j - 1) : 1.0;
        AT(NEXT_END, j) = i + 1 < m ? AT(SENTENCE_END, j + 1) : 1.0;
        AT(PREV_COLON, j) = i >= 1 ? AT(COLON_END, j - 1) : 0.0;
        AT(PREV_TITLE_SHARE, j) = i >= 1 ? AT(TITLE_SHARE, j - 1) : 0.0;
        AT(NEXT_TITLE_SHARE, j) = i + 1 < m ? AT(TITLE_SHARE, j + 1) : 0.0;
        AT(AFTER_LEAD_IN, j) = i >= 1 ? AT(LEAD_IN, j - 1) : 0.0;
        AT(PAGE_LINES, j) = (double)m; /* counts: numpy takes their log1p */
        AT(PAGE_WORDS, j) = (double)total;
        AT(PAGE_LONG_SHARE, j) = (double)longs / (double)m;
        AT(PAGE_SHORT_SHARE, j) = (double)shorts / (double)m;
    }
    Py_ssize_t ahead = -1, longs_after = 0;
    for (Py_ssize_t i = m - 1; i >= 0; i--) {
        const Py_ssize_t j = a + i;
        const int is_long = facts[j].words >= PARAGRAPH_WORDS;
        if (is_long)
            ahead = i;
        AT(LINES_TO_NEXT_PAR, j) = is_long ? 0 : ahead < 0 ? FAR_LINES : CLIP(ahead - i);
        AT(LONG_AFTER, j) = CLIP(longs_after);
        longs_after += is_long;
    }
#undef AT
#undef CLIP
}

/* Fills `out` (COLUMNS rows of n) from the facts read; -1 on an error (repeats). */
static int
fill_columns(double *out, Py_ssize_t n, const struct line_facts *facts, PyObject *lines, const Py_ssize_t *sizes,
             Py_ssize_t pages, const struct edge_set *edges, const char *keep)
{
    for (Py_ssize_t j = 0; j < n; j++)
        line_columns(out, n, j, &facts[j], lines, edges, keep[COL_UPPER]);
    long long running[2] = {0, 0};
    int started = 0;
    char *again = keep[COL_REPEATED] ? PyMem_Calloc((size_t)(n ? n : 1), 1) : NULL;
    if (keep[COL_REPEATED] && again == NULL) {
        PyErr_NoMemory();
        return -1;
    }
    Py_ssize_t a = 0;
    for (Py_ssize_t k = 0; k < pages; a += sizes[k], k++) {
        page_columns(out, n, a, sizes[k], facts, running, &started);
        if (again != NULL && cleaner_repeated_in_page(PySequence_Fast_ITEMS(lines) + a, sizes[k], again + a) < 0) {
            PyMem_Free(again);
            return -1;
        }
    }
    for (Py_ssize_t j = 0; again != NULL && j < n; j++)
        out[(Py_ssize_t)COL_REPEATED * n + j] = again[j];
    PyMem_Free(again);
    for (int col = 0; col < COLUMNS; col++) { /* the columns not asked for stay 0 */
        if (!keep[col])
            memset(out + (Py_ssize_t)col * n, 0, (size_t)n * sizeof(double));
    }
    return 0;
}

/* The rows that hold counts of which the model reads log1p. */
static const int COUNT_ROWS[] = {COL_LOG_WORDS,  COL_LOG_CHARS,   COL_WORDS_SINCE_PAR, COL_PREV_WORDS, COL_NEXT_WORDS,
                                 COL_PREV2_WORDS, COL_NEXT2_WORDS, COL_PAGE_LINES,      COL_PAGE_WORDS};
#define COUNT_ROW_COUNT ((int)(sizeof(COUNT_ROWS) / sizeof(COUNT_ROWS[0])))

/* Replaces the counts of the count rows by their log1p read from `table` (numpy's log1p
 * of 0, 1, 2, ..., `size` of them), where every count is in it: 1 then, else 0 and the
 * counts stay (numpy takes their log1p). numpy's own numbers, since its SIMD log1p and
 * the C library's differ in the last bit for some whole numbers. */
static int
log_counts(double *out, Py_ssize_t n, const double *table, Py_ssize_t size)
{
    for (int r = 0; r < COUNT_ROW_COUNT; r++) {
        const double *row = out + (Py_ssize_t)COUNT_ROWS[r] * n;
        for (Py_ssize_t j = 0; j < n; j++) {
            if (!(row[j] >= 0.0 && row[j] < (double)size)) /* counts are whole; never read outside */
                return 0;
        }
    }
    for (int r = 0; r < COUNT_ROW_COUNT; r++) {
        double *row = out + (Py_ssize_t)COUNT_ROWS[r] * n;
        for (Py_ssize_t j = 0; j < n; j++)
            row[j] = table[(Py_ssize_t)row[j]];
    }
    return 1;
}

/* The log table argument: a C-contiguous buffer of float64 in *view (released by the
 * caller), or an error. */
static int
get_log_table(PyObject *logs, Py_buffer *view)
{
    if (PyObject_GetBuffer(logs, view, PyBUF_C_CONTIGUOUS | PyBUF_FORMAT) < 0)
        return -1;
    const char *format = view->format ? view->format : "B"; /* native float64 only */
    if (view->itemsize != (Py_ssize_t)sizeof(double) ||
        (strcmp(format, "d") != 0 && strcmp(format, "=d") != 0 && strcmp(format, "@d") != 0)) {
        PyBuffer_Release(view);
        PyErr_SetString(PyExc_TypeError, "article_columns: logs must be a buffer of float64");
        return -1;
    }
    return 0;
}

/* article_columns(stripped, words, letters, shares, lexical, marks, sizes, edges, keep, logs):
 * article_lines.article_matrix's columns for the lines of pages one after the other.
 *   stripped: the lines, str.strip()'d (list of str); words: their word counts;
 *   letters: (upper initials, cased initials, digits), lists of int per line;
 *   shares: (we_share, you_share, title_overlap), lists of float per line;
 *   lexical: (categories, covered, leads): per line a phrase family or None, the
 *     characters phrases cover, a lead-in category or None;
 *   marks: MARKS lists of int per line, or None for all 0 (see the MARK_ enum);
 *   sizes: the lines of each page (above 0, adding up to the lines);
 *   edges: (sentence ends, bullets, quotes), str of the characters each set holds;
 *   keep: bytes, one per column, 0 for a column left 0;
 *   logs: numpy's log1p of 0, 1, 2, ... (float64, any length).
 * Returns (a bytearray of COLUMNS x lines float64, row by row; logged): log_words,
 * log_chars, words_since_par, the four neighbours' words, page_lines and page_words hold
 * their log1p read from logs where logged is True, their counts where a count is past
 * the table (log_counts). */
PyObject *
cleaner_article_columns(PyObject *module, PyObject *const *args, Py_ssize_t nargs)
{
    (void)module;
    if (nargs != 10) {
        PyErr_SetString(PyExc_TypeError,
                        "article_columns(stripped, words, letters, shares, lexical, marks, sizes, edges, keep, logs)");
        return NULL;
    }
    if (!PyList_CheckExact(args[0])) {
        PyErr_SetString(PyExc_TypeError, "article_columns: stripped must be a list of str");
        return NULL;
    }
    PyObject *keep = args[8], *edges = args[7];
    if (!PyBytes_CheckExact(keep) || PyBytes_GET_SIZE(keep) != COLUMNS) {
        PyErr_Format(PyExc_TypeError, "article_columns: keep must be bytes, one per column (%d)", COLUMNS);
        return NULL;
    }
    struct edge_set edge_sets[3];
    if (check_tuple(edges, 3, "edges") < 0)
        return NULL;
    for (int k = 0; k < 3; k++) {
        if (edge_set_of(PyTuple_GET_ITEM(edges, k), &edge_sets[k]) < 0)
            return NULL;
    }
    PyObject *lines = PyList_AsTuple(args[0]); /* the lines held apart from the caller's list */
    if (lines == NULL)
        return NULL;
    const Py_ssize_t n = PyTuple_GET_SIZE(lines);
    PyObject *result = NULL, *pair = NULL;
    Py_ssize_t pages = 0, *sizes = NULL;
    /* not zeroed: read_lines, read_numbers, read_lexical and read_marks set every field */
    struct line_facts *facts = n <= PY_SSIZE_T_MAX / (Py_ssize_t)sizeof(struct line_facts)
                                   ? PyMem_Malloc((size_t)(n ? n : 1) * sizeof(struct line_facts))
                                   : NULL;
    if (facts == NULL) {
        PyErr_NoMemory();
        goto done;
    }
    if (read_lines(lines, facts) < 0 || read_numbers(args[1], args[2], args[3], n, facts) < 0 ||
        read_lexical(args[4], n, facts) < 0 || read_marks(args[5], n, facts) < 0)
        goto done;
    sizes = read_sizes(args[6], n, &pages);
    if (sizes == NULL)
        goto done;
    if (n > PY_SSIZE_T_MAX / COLUMNS / (Py_ssize_t)sizeof(double)) {
        PyErr_NoMemory();
        goto done;
    }
    result = PyByteArray_FromStringAndSize(NULL, (Py_ssize_t)COLUMNS * n * (Py_ssize_t)sizeof(double));
    if (result == NULL)
        goto done;
    double *out = (double *)PyByteArray_AS_STRING(result);
    /* not zeroed first: fill_columns writes every row (the columns not asked for as 0); on
     * a batch's thousand lines zeroing all 69 rows cost as much as filling them */
    Py_buffer table;
    if (fill_columns(out, n, facts, lines, sizes, pages, edge_sets, PyBytes_AS_STRING(keep)) < 0 ||
        get_log_table(args[9], &table) < 0) {
        Py_CLEAR(result);
        goto done;
    }
    const int logged = log_counts(out, n, (const double *)table.buf, table.len / (Py_ssize_t)sizeof(double));
    PyBuffer_Release(&table);
    pair = PyTuple_Pack(2, result, logged ? Py_True : Py_False);
done:
    PyMem_Free(facts);
    PyMem_Free(sizes);
    Py_DECREF(lines);
    Py_XDECREF(result);
    return pair;
}

/* article_column_names(): the rows of article_columns, in order (article_lines checks
 * them against ARTICLE_FEATURES before it uses the twin). */
PyObject *
cleaner_article_column_names(PyObject *module, PyObject *unused)
{
    (void)module;
    (void)unused;
    PyObject *names = PyTuple_New(COLUMNS);
    for (int k = 0; names != NULL && k < COLUMNS; k++) {
        PyObject *name = PyUnicode_FromString(COLUMN_NAMES[k]);
        if (name == NULL)
            Py_CLEAR(names);
        else
            PyTuple_SET_ITEM(names, k, name);
    }
    return names;
}
