/* mark_candidates: compiled pre-tests of two of article_lines' regular expressions
 * (docs/design.md section 7), part of cleaner.native._compiled.
 *
 * The "name is" opening (_NAME_IS) was matched against every line and the phone pattern
 * (_PHONE_FOUND) searched in every line with enough digits, though few lines can match
 * either, and the page searched for "http" and "www." to find the lines a link may be in.
 * One pass here names the lines that can, from each pattern's own shape; Python
 * runs the regular expression on those only, so a line passed here that does not match
 * changes nothing, and a line left out is one the pattern cannot match.
 */
#include "_compiled.h"
#include <stdint.h>
#include <string.h>

#define NAME_WORDS_MAX 4 /* _NAME_IS_OPENING: one to four capitalised words, then a copula */

/* The copulas of _NAME_IS_OPENING, in UTF-8 (each then needs a space or a tab). */
static const char *const COPULAS[] = {"is", "was", "ist", "war", "est", "es", "\xc3\xa8", "\xc3\xa9", "\xc3\xa4r",
                                      "er", "jest", "je",
                                      "\xd1\x8f\xd0\xb2\xd0\xbb\xd1\x8f\xd0\xb5\xd1\x82\xd1\x81\xd1\x8f",
                                      "\xd1\x80\xd0\xb0\xd0\xb1\xd0\xbe\xd1\x82\xd0\xb0\xd0\xb5\xd1\x82",
                                      "has been"};
#define COPULA_COUNT ((int)(sizeof(COPULAS) / sizeof(COPULAS[0])))
#define COPULA_CHARS_MAX 16
#define LINK_MARK_CHARS 4 /* "http" and "www.": the marks a line with a link (_URL_FOUND) holds */

/* A copula as code points, read once from COPULAS. */
struct copula {
    Py_UCS4 chars[COPULA_CHARS_MAX];
    Py_ssize_t size;
};
static struct copula copulas[COPULA_COUNT];
static int copulas_read;

/* Decodes COPULAS into copulas (once); -1 on an error. */
static int
read_copulas(void)
{
    for (int k = 0; !copulas_read && k < COPULA_COUNT; k++) {
        PyObject *text = PyUnicode_DecodeUTF8(COPULAS[k], (Py_ssize_t)strlen(COPULAS[k]), "strict");
        if (text == NULL)
            return -1;
        copulas[k].size = PyUnicode_GET_LENGTH(text);
        for (Py_ssize_t c = 0; c < copulas[k].size && c < COPULA_CHARS_MAX; c++)
            copulas[k].chars[c] = PyUnicode_READ_CHAR(text, c);
        Py_DECREF(text);
    }
    copulas_read = 1;
    return 0;
}

static inline int
is_blank(Py_UCS4 c)
{
    return c == ' ' || c == '\t';
}

/* _NAME_IS_OPENING's capitals: [A-ZÀ-ÞĀ-ŽА-Я]. */
static inline int
is_name_capital(Py_UCS4 c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 0xC0 && c <= 0xDE) || (c >= 0x100 && c <= 0x17D) ||
           (c >= 0x410 && c <= 0x42F);
}

/* Whether a copula and a space or tab open `line` at `at`. */
static int
copula_at(int kind, const void *data, Py_ssize_t size, Py_ssize_t at)
{
    if (at >= size)
        return 0;
    const Py_UCS4 opening = PyUnicode_READ(kind, data, at); /* most words open no copula */
    for (int k = 0; k < COPULA_COUNT; k++) {
        const struct copula *word = &copulas[k];
        if (word->chars[0] != opening || at + word->size >= size) /* the copula, then one more character */
            continue;
        Py_ssize_t c = 0;
        while (c < word->size && PyUnicode_READ(kind, data, at + c) == word->chars[c])
            c++;
        if (c == word->size && is_blank(PyUnicode_READ(kind, data, at + c)))
            return 1;
    }
    return 0;
}

/* Whether _NAME_IS can match at the start of `line`: blanks, then one to four words each
 * a capital and a run of characters up to a blank, then a copula and a blank. The
 * pattern's words hold only [\w.'’-], none a blank, so each of its words ends where a
 * word here ends: a line it matches passes (others may pass too; the regex decides). */
static int
may_open_name_is(PyObject *line)
{
    const int kind = PyUnicode_KIND(line);
    const void *data = PyUnicode_DATA(line);
    const Py_ssize_t size = PyUnicode_GET_LENGTH(line);
    Py_ssize_t at = 0;
    while (at < size && is_blank(PyUnicode_READ(kind, data, at)))
        at++;
    for (int word = 0; word < NAME_WORDS_MAX; word++) {
        if (at >= size || !is_name_capital(PyUnicode_READ(kind, data, at)))
            return 0;
        at++;
        while (at < size && !is_blank(PyUnicode_READ(kind, data, at)))
            at++;
        if (at >= size)
            return 0;
        at++; /* the blank after the word */
        if (copula_at(kind, data, size, at))
            return 1;
    }
    return 0;
}

/* A character's part in _PHONE_FOUND's run (0: not asked yet): a decimal, one of " ()/-",
 * or neither. */
enum { PHONE_OTHER = 1, PHONE_SEPARATOR = 2, PHONE_DECIMAL = 3 };
#define PHONE_TABLE_SIZE 0x10000 /* the Basic Multilingual Plane, a byte a code point */
#define PHONE_SPAN 8             /* _PHONE_FOUND's first and last decimals: at least this far apart */

/* Code point -> its PHONE_ class, filled as characters are met (str.isdecimal's answer
 * never changes), for the process. */
static unsigned char phone_table[PHONE_TABLE_SIZE];

/* The PHONE_ class of c, from the Unicode database. */
static unsigned
phone_class_asked(Py_UCS4 c)
{
    if (c < 0x80 ? c - '0' < 10u : Py_UNICODE_ISDECIMAL(c) != 0)
        return PHONE_DECIMAL;
    return c == ' ' || c == '(' || c == ')' || c == '/' || c == '-' ? PHONE_SEPARATOR : PHONE_OTHER;
}

/* The PHONE_ class of c: the table's, asked once per code point. */
static inline unsigned
phone_class(Py_UCS4 c)
{
    if (c >= PHONE_TABLE_SIZE)
        return phone_class_asked(c);
    if (!phone_table[c])
        phone_table[c] = (unsigned char)phone_class_asked(c);
    return phone_table[c];
}

#if defined(__SSE2__) && PY_LITTLE_ENDIAN
#include <emmintrin.h>
#define PHONE_CHUNK 16 /* characters a chunk */
/* Whether the PHONE_CHUNK characters at p (`width` bytes each) are all ASCII and none a
 * decimal: then none can end a phone number, and after them the run is over when one is
 * no separator (*first = -1), else it goes on. 0: the chunk is read a character at a time. */
static inline int
phone_chunk_skips(const void *p, int width, Py_ssize_t *first)
{
    __m128i v = _mm_loadu_si128((const __m128i *)p);
    if (width == 2) {
        const __m128i b = _mm_loadu_si128((const __m128i *)p + 1), high = _mm_set1_epi16((short)0xFF80);
        if (_mm_movemask_epi8(_mm_cmpeq_epi16(_mm_and_si128(_mm_or_si128(v, b), high), _mm_setzero_si128())) != 0xFFFF)
            return 0;
        v = _mm_packus_epi16(v, b);
    } else if (_mm_movemask_epi8(v))
        return 0;
    const __m128i digit = _mm_and_si128(_mm_cmpgt_epi8(v, _mm_set1_epi8('0' - 1)), _mm_cmplt_epi8(v, _mm_set1_epi8('9' + 1)));
    if (_mm_movemask_epi8(digit))
        return 0;
    const __m128i separator = _mm_or_si128(
        _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8(' ')), _mm_cmpeq_epi8(v, _mm_set1_epi8('('))),
        _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8(')')), _mm_cmpeq_epi8(v, _mm_set1_epi8('/'))),
                     _mm_cmpeq_epi8(v, _mm_set1_epi8('-'))));
    if (_mm_movemask_epi8(separator) != 0xFFFF)
        *first = -1;
    return 1;
}
#define PHONE_SKIPS(text, k, size, CHAR, first)                                                 \
    (sizeof(CHAR) <= 2 && (k) + PHONE_CHUNK <= (size) && phone_chunk_skips((text) + (k), (int)sizeof(CHAR), &(first)))
#else
#define PHONE_CHUNK 16
#define PHONE_SKIPS(text, k, size, CHAR, first) 0
#endif

/* Whether _PHONE_FOUND (\d[\d ()/-]{7,}\d) can match in a line of one string width: a run
 * of decimals and " ()/-" whose first and last decimals are at least PHONE_SPAN characters
 * apart. The run's first decimal is chosen without a branch (a branch per character cost
 * some 3.5 ns a character of the dev pages' lines with enough digits); a chunk of ASCII
 * without a decimal is passed at once (PHONE_SKIPS), its characters' classes by compares. */
#define MAY_HOLD_PHONE(NAME, CHAR)                                                              \
    static int NAME(const void *data, Py_ssize_t size)                                         \
    {                                                                                           \
        const CHAR *text = (const CHAR *)data;                                                  \
        Py_ssize_t first = -1; /* the first decimal of the current run, or -1 */                \
        for (Py_ssize_t k = 0; k < size;) {                                                     \
            if (PHONE_SKIPS(text, k, size, CHAR, first)) {                                      \
                k += PHONE_CHUNK;                                                               \
                continue;                                                                       \
            }                                                                                   \
            for (const Py_ssize_t end = k + PHONE_CHUNK < size ? k + PHONE_CHUNK : size; k < end; k++) { \
                const unsigned part = phone_class(text[k]);                                     \
                const int decimal = part == PHONE_DECIMAL;                                      \
                first = part == PHONE_OTHER ? -1 : decimal && first < 0 ? k : first;            \
                if (decimal && k - first >= PHONE_SPAN)                                         \
                    return 1;                                                                   \
            }                                                                                   \
        }                                                                                       \
        return 0;                                                                               \
    }
MAY_HOLD_PHONE(may_hold_phone_ucs1, Py_UCS1)
MAY_HOLD_PHONE(may_hold_phone_ucs2, Py_UCS2)
MAY_HOLD_PHONE(may_hold_phone_ucs4, Py_UCS4)

/* Whether _PHONE_FOUND can match in `line` (see MAY_HOLD_PHONE). */
static int
may_hold_phone(PyObject *line)
{
    const void *data = PyUnicode_DATA(line);
    const Py_ssize_t size = PyUnicode_GET_LENGTH(line);
    switch (PyUnicode_KIND(line)) {
    case PyUnicode_1BYTE_KIND:
        return may_hold_phone_ucs1(data, size);
    case PyUnicode_2BYTE_KIND:
        return may_hold_phone_ucs2(data, size);
    default:
        return may_hold_phone_ucs4(data, size);
    }
}

/* Whether a mark ("http" or "www.") ends at text[end] (end >= 3). */
#define LINK_ENDS_AT(text, end, http, www)                                                      \
    (memcmp((text) + (end)-3, http, sizeof(http)) == 0 || memcmp((text) + (end)-3, www, sizeof(www)) == 0)

/* The lanes of v (a lane a character) equal to c, at each lane's top bit: never one
 * missed (a lane after an equal one may be flagged wrongly, which the caller checks). */
#define LANES_EQUAL(v, c, ONES, HIGH) ((((v) ^ ((ONES) * (c))) - (ONES)) & ~((v) ^ ((ONES) * (c))) & (HIGH))

#if defined(__SSE2__) && PY_LITTLE_ENDIAN
#include <emmintrin.h>
#define LINK_CHUNK_BYTES 16
/* The lanes (of `width` bytes) of a and b where a holds `first` and b `second`, a bit per byte. */
static inline unsigned
lane_pairs(__m128i a, __m128i b, int width, int first, int second)
{
    const __m128i x = width == 1 ? _mm_cmpeq_epi8(a, _mm_set1_epi8((char)first)) : _mm_cmpeq_epi16(a, _mm_set1_epi16((short)first));
    const __m128i y = width == 1 ? _mm_cmpeq_epi8(b, _mm_set1_epi8((char)second)) : _mm_cmpeq_epi16(b, _mm_set1_epi16((short)second));
    return (unsigned)_mm_movemask_epi8(_mm_and_si128(x, y));
}

/* HOLDS_LINK's chunks of 16 bytes from text[k] on (k >= 1, so the character before each
 * is read too; k goes on from where it stands): the places where "tp" or "w." ends, by
 * compares of the chunk and the chunk one character before; only a chunk holding one has
 * its places compared with both marks. */
#define LINK_CHUNKS(CHAR)                                                                       \
    do {                                                                                        \
        const Py_ssize_t chunk = LINK_CHUNK_BYTES / (Py_ssize_t)sizeof(CHAR);                   \
        for (k = 1; k + chunk <= size; k += chunk) {                                            \
            const __m128i now = _mm_loadu_si128((const __m128i *)(text + k));                   \
            const __m128i before = _mm_loadu_si128((const __m128i *)(text + k - 1));            \
            if (!(lane_pairs(before, now, (int)sizeof(CHAR), 't', 'p') |                        \
                  lane_pairs(before, now, (int)sizeof(CHAR), 'w', '.')))                        \
                continue;                                                                       \
            for (Py_ssize_t end = k; end < k + chunk; end++)                                    \
                if (end >= LINK_MARK_CHARS - 1 && LINK_ENDS_AT(text, end, http, www))           \
                    return 1;                                                                   \
        }                                                                                       \
        if (k == 1) /* no chunk read: the words below from the start */                         \
            k = 0;                                                                              \
    } while (0)
#else
#define LINK_CHUNKS(CHAR) ((void)0)
#endif

/* Whether a line of one or two bytes a character holds "http" or "www.": eight bytes read
 * as one word, a lane a character, and only a word where "tp" or "w." may end (the
 * lanes equal to "t" or "w" moved one lane on, the last one's into the next word, and the
 * lanes equal to "p" or ".") has its places compared with both marks. Rare pairs: most
 * words need no compare, where a search for each place of "p" and "." (or each place
 * compared) cost some 1.5 ns a character of the dev pages. Little-endian: the lane after a
 * lane is the next character (elsewhere each place is compared). */
#define HOLDS_LINK(NAME, CHAR, ONES, HIGH)                                                      \
    static int NAME(const void *data, Py_ssize_t size)                                         \
    {                                                                                           \
        static const CHAR http[LINK_MARK_CHARS] = {'h', 't', 't', 'p'};                        \
        static const CHAR www[LINK_MARK_CHARS] = {'w', 'w', 'w', '.'};                          \
        const CHAR *text = (const CHAR *)data;                                                  \
        const Py_ssize_t lanes = (Py_ssize_t)(8 / sizeof(CHAR));                                \
        const int lane_bits = 8 * (int)sizeof(CHAR);                                            \
        uint64_t t_before = 0, w_before = 0; /* the last word's last lane: a "t", a "w" */     \
        Py_ssize_t k = 0;                                                                       \
        LINK_CHUNKS(CHAR);                                                                      \
        if (k > 0) { /* the character before the words below: a "t" or a "w" ends a pair there */ \
            t_before = text[k - 1] == 't' ? (uint64_t)1 << (lane_bits - 1) : 0;                 \
            w_before = text[k - 1] == 'w' ? (uint64_t)1 << (lane_bits - 1) : 0;                 \
        }                                                                                       \
        for (; PY_LITTLE_ENDIAN && k + lanes <= size; k += lanes) {                             \
            uint64_t v;                                                                         \
            memcpy(&v, text + k, sizeof v);                                                     \
            const uint64_t t = LANES_EQUAL(v, (uint64_t)'t', ONES, HIGH);                        \
            const uint64_t w = LANES_EQUAL(v, (uint64_t)'w', ONES, HIGH);                        \
            const uint64_t ends = (((t << lane_bits) | t_before) & LANES_EQUAL(v, (uint64_t)'p', ONES, HIGH)) | \
                                  (((w << lane_bits) | w_before) & LANES_EQUAL(v, (uint64_t)'.', ONES, HIGH)); \
            t_before = t >> (64 - lane_bits);                                                   \
            w_before = w >> (64 - lane_bits);                                                   \
            if (ends)                                                                           \
                for (Py_ssize_t end = k; end < k + lanes; end++)                                \
                    if (end >= LINK_MARK_CHARS - 1 && LINK_ENDS_AT(text, end, http, www))       \
                        return 1;                                                               \
        }                                                                                       \
        for (k = k > LINK_MARK_CHARS - 1 ? k : LINK_MARK_CHARS - 1; k < size; k++)              \
            if (LINK_ENDS_AT(text, k, http, www))                                               \
                return 1;                                                                       \
        return 0;                                                                               \
    }
HOLDS_LINK(holds_link_ucs1, Py_UCS1, (uint64_t)0x0101010101010101u, (uint64_t)0x8080808080808080u)
HOLDS_LINK(holds_link_ucs2, Py_UCS2, (uint64_t)0x0001000100010001u, (uint64_t)0x8000800080008000u)

/* Whether a line of four bytes a character holds "http" or "www.", each place compared. */
static int
holds_link_ucs4(const void *data, Py_ssize_t size)
{
    static const Py_UCS4 http[LINK_MARK_CHARS] = {'h', 't', 't', 'p'}, www[LINK_MARK_CHARS] = {'w', 'w', 'w', '.'};
    const Py_UCS4 *text = (const Py_UCS4 *)data;
    for (Py_ssize_t end = LINK_MARK_CHARS - 1; end < size; end++)
        if (LINK_ENDS_AT(text, end, http, www))
            return 1;
    return 0;
}

/* Whether `line` holds "http" or "www.", the marks of a line a link (_URL_FOUND) is in. */
static int
holds_link(PyObject *line)
{
    const void *data = PyUnicode_DATA(line);
    const Py_ssize_t size = PyUnicode_GET_LENGTH(line);
    switch (PyUnicode_KIND(line)) {
    case PyUnicode_1BYTE_KIND:
        return holds_link_ucs1(data, size);
    case PyUnicode_2BYTE_KIND:
        return holds_link_ucs2(data, size);
    default:
        return holds_link_ucs4(data, size);
    }
}

/* A list of exact str of `size` items (any size when size < 0), or a TypeError. */
static int
check_lines(PyObject *lines, Py_ssize_t size)
{
    if (!PyList_CheckExact(lines) || (size >= 0 && PyList_GET_SIZE(lines) != size)) {
        PyErr_SetString(PyExc_TypeError, "mark_candidates(stripped, lows, digits, min_digits): lists of one size");
        return -1;
    }
    for (Py_ssize_t j = 0; j < PyList_GET_SIZE(lines); j++) {
        PyObject *line = PyList_GET_ITEM(lines, j);
        if (!PyUnicode_CheckExact(line)) {
            PyErr_SetString(PyExc_TypeError, "mark_candidates: lines must be str");
            return -1;
        }
#if PY_VERSION_HEX < 0x030C0000
        if (PyUnicode_READY(line) < 0)
            return -1;
#endif
    }
    return 0;
}

/* mark_candidates(stripped, lows, digits, min_digits): (the lines of `stripped` _NAME_IS
 * can match, the lines of `lows` with at least min_digits digits _PHONE_FOUND can match
 * in, the lines of `lows` holding "http" or "www."), each a list of line numbers in
 * order. `digits`: a list of int per line. */
static PyObject *
native_mark_candidates(PyObject *module, PyObject *const *args, Py_ssize_t nargs)
{
    (void)module;
    if (nargs != 4 || !PyLong_Check(args[3])) {
        PyErr_SetString(PyExc_TypeError, "mark_candidates(stripped, lows, digits, min_digits)");
        return NULL;
    }
    PyObject *stripped = args[0], *lows = args[1], *digits = args[2];
    if (check_lines(stripped, -1) < 0 || check_lines(lows, PyList_GET_SIZE(stripped)) < 0)
        return NULL;
    const Py_ssize_t n = PyList_GET_SIZE(stripped);
    if (!PyList_CheckExact(digits) || PyList_GET_SIZE(digits) != n) {
        PyErr_SetString(PyExc_TypeError, "mark_candidates: digits must be a list of int, one per line");
        return NULL;
    }
    const Py_ssize_t min_digits = PyLong_AsSsize_t(args[3]);
    if (min_digits == -1 && PyErr_Occurred())
        return NULL;
    if (read_copulas() < 0)
        return NULL;
    PyObject *names = PyList_New(0), *phones = PyList_New(0), *links = PyList_New(0), *result = NULL;
    if (names == NULL || phones == NULL || links == NULL)
        goto done;
    for (Py_ssize_t j = 0; j < n; j++) {
        PyObject *count = PyList_GET_ITEM(digits, j);
        if (!PyLong_Check(count)) {
            PyErr_SetString(PyExc_TypeError, "mark_candidates: digits must be a list of int, one per line");
            goto done;
        }
        int overflow = 0; /* a count past long long: its sign says all */
        const long long d = PyLong_AsLongLongAndOverflow(count, &overflow);
        if (d == -1 && PyErr_Occurred())
            goto done;
        const int enough = overflow ? overflow > 0 : d >= (long long)min_digits;
        if (may_open_name_is(PyList_GET_ITEM(stripped, j)) && cleaner_append_index(names, j) < 0)
            goto done;
        if (enough && may_hold_phone(PyList_GET_ITEM(lows, j)) && cleaner_append_index(phones, j) < 0)
            goto done;
        PyObject *low = PyList_GET_ITEM(lows, j);
        if (holds_link(low) && cleaner_append_index(links, j) < 0)
            goto done;
    }
    result = PyTuple_Pack(3, names, phones, links);
done:
    Py_XDECREF(names);
    Py_XDECREF(phones);
    Py_XDECREF(links);
    return result;
}

PyMethodDef mark_candidate_methods[] = {
    {"mark_candidates", (PyCFunction)(void (*)(void))native_mark_candidates, METH_FASTCALL,
     "mark_candidates(stripped, lows, digits, min_digits): the lines _NAME_IS, _PHONE_FOUND and a link can match."},
    {NULL, NULL, 0, NULL},
};
