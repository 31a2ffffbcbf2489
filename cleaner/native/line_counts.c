/* The article matrix's two passes over every line's characters (article_lines.
 * _article_matrix_compiled): letter_counts (line_letters' counts of word initials and
 * digits) and line_shares (the pronoun shares and the title overlaps).
 *
 * Why a file of its own: both were ~2.5 ns a character. letter_counts now reads one
 * process-wide table per character (its word-space and case flags, no branch per word);
 * line_shares matches a line's words against the pronouns and the title's words in C
 * (a bucket per sieve bit, code points compared), where it made a str and asked two sets
 * per candidate word. The results are the same numbers as before, in the same lists. */

#include "_compiled.h"

#include <stdint.h>
#include <string.h>

/* ------------------------------------------------------------- letter_counts */

/* line_letters.SPACE_CHARS: the only characters words are split at, as the model was fitted. */
static inline int
is_word_space(Py_UCS4 c)
{
    switch (c) {
    case ' ': case '\t': case '\n': case '\r': case 0x0B: case 0x0C:
    case 0x00A0: case 0x2009: case 0x202F: case 0x3000:
        return 1;
    default:
        return 0;
    }
}

enum { CASE_KNOWN = 1, CASE_UPPER = 2, CASE_CASED = 4, CASE_ODD = 8, WORD_SPACE = 16 };
#define CASE_TABLE_SIZE 0x10000 /* the Basic Multilingual Plane, a byte a code point */

/* A non-ASCII initial's case as str.lower() and str.upper() see it (their full case
 * mapping: CPython's own functions up to 3.12, asked of Python from 3.13, where they are
 * internal; once per code point per process): upper when its
 * lower case is another character, cased when either case is; odd when a case has another
 * length ("ß".upper() == "SS"), whose page line_letters counts again by line. */
static int
initial_case(Py_UCS4 c)
{
#if PY_VERSION_HEX < 0x030D0000
    /* CPython's own full mappings, the ones str.lower and str.upper apply to each character
     * (a lone capital sigma has no letter before it: sigma, as here): no Python call. */
    Py_UCS4 lower[3], upper[3];
    const int lower_size = _PyUnicode_ToLowerFull(c, lower), upper_size = _PyUnicode_ToUpperFull(c, upper);
    if (lower_size != 1 || upper_size != 1)
        return CASE_KNOWN | CASE_ODD;
    const int is_upper = lower[0] != c;
    return CASE_KNOWN | (is_upper ? CASE_UPPER : 0) | (is_upper || upper[0] != c ? CASE_CASED : 0);
#else /* the mappings are internal from 3.13: asked of Python */
    PyObject *letter = PyUnicode_FromOrdinal((int)c);
    if (letter == NULL)
        return -1;
    PyObject *lower = PyObject_CallMethod(letter, "lower", NULL);
    PyObject *upper = lower == NULL ? NULL : PyObject_CallMethod(letter, "upper", NULL);
    int flags = -1;
    if (upper != NULL) {
        flags = CASE_KNOWN;
        if (PyUnicode_GET_LENGTH(lower) != 1 || PyUnicode_GET_LENGTH(upper) != 1)
            flags |= CASE_ODD;
        else {
            const int is_upper = PyUnicode_READ_CHAR(lower, 0) != c;
            flags |= (is_upper ? CASE_UPPER : 0) | (is_upper || PyUnicode_READ_CHAR(upper, 0) != c ? CASE_CASED : 0);
        }
    }
    Py_DECREF(letter);
    Py_XDECREF(lower);
    Py_XDECREF(upper);
    return flags;
#endif
}

/* Code point -> its flags: WORD_SPACE for SPACE_CHARS, the case flags of an initial (0:
 * not asked yet). Kept for the process, since a code point's case mappings never change;
 * the ASCII letters and the spaces are filled once (letter_table). */
static unsigned char case_table[CASE_TABLE_SIZE];

/* The table, its ASCII and spaces filled on the first call. */
static unsigned char *
letter_table(void)
{
    static int filled = 0;
    if (!filled) {
        for (Py_UCS4 c = 0; c < 0x80; c++) {
            const int upper = c - 'A' < 26u, cased = upper || c - 'a' < 26u;
            case_table[c] = (unsigned char)(CASE_KNOWN | (upper ? CASE_UPPER : 0) | (cased ? CASE_CASED : 0));
        }
        for (Py_UCS4 c = 0; c < CASE_TABLE_SIZE; c++)
            if (is_word_space(c))
                case_table[c] = CASE_KNOWN | WORD_SPACE;
        filled = 1;
    }
    return case_table;
}

/* One line's counts (see native_letter_counts). */
struct line_letters {
    Py_ssize_t upper, cased, digits;
};

/* Counts one line of one string width into *counted (a word's initial: a character not in
 * SPACE_CHARS at the line's start or after one that is); -1 on an error. Asks and records
 * the case of initials the table does not know yet and lists odd ones: the slow way,
 * for the few lines the table pass (LINE_LETTERS_FAST) cannot answer. */
#define LINE_LETTERS(NAME, CHAR)                                                                \
    static int NAME(const void *data, Py_ssize_t size, unsigned char *cases, PyObject *odd,    \
                    Py_ssize_t line, struct line_letters *counted)                              \
    {                                                                                          \
        const CHAR *text = (const CHAR *)data;                                                 \
        int after_space = 1;                                                                   \
        for (Py_ssize_t k = 0; k < size; k++) {                                                \
            const Py_UCS4 c = text[k];                                                         \
            counted->digits += c - '0' < 10u;                                                  \
            const int space = is_word_space(c);                                                \
            if (!space && after_space) { /* a word's initial */                                \
                if (c < 0x80) {                                                                \
                    const int upper = c - 'A' < 26u;                                           \
                    counted->upper += upper;                                                   \
                    counted->cased += upper || c - 'a' < 26u;                                  \
                } else {                                                                       \
                    int flags = c < CASE_TABLE_SIZE ? cases[c] : 0;                            \
                    if (!flags) {                                                              \
                        flags = initial_case(c);                                               \
                        if (flags < 0)                                                         \
                            return -1;                                                         \
                        if (c < CASE_TABLE_SIZE)                                               \
                            cases[c] = (unsigned char)flags;                                   \
                    }                                                                          \
                    if (flags & CASE_ODD && cleaner_append_index(odd, line) < 0)               \
                        return -1;                                                             \
                    counted->upper += (flags & CASE_UPPER) != 0;                               \
                    counted->cased += (flags & CASE_CASED) != 0;                               \
                }                                                                              \
            }                                                                                  \
            after_space = space;                                                               \
        }                                                                                      \
        return 0;                                                                              \
    }
LINE_LETTERS(letters_ucs1, Py_UCS1)
LINE_LETTERS(letters_ucs2, Py_UCS2)
LINE_LETTERS(letters_ucs4, Py_UCS4)

/* The table pass over one character (LINE_LETTERS_FAST's loop body). */
#define TABLE_STEP(C)                                                                           \
    do {                                                                                        \
        const unsigned c_ = (C), flags_ = cases[c_];                                            \
        const unsigned space_ = (flags_ / WORD_SPACE) & 1u, initial_ = after_space & ~space_;   \
        digits += c_ - '0' < 10u;                                                               \
        upper += initial_ & (flags_ / CASE_UPPER);                                              \
        cased += initial_ & (flags_ / CASE_CASED);                                              \
        unknown |= initial_ & ((flags_ & (CASE_KNOWN | CASE_ODD)) != CASE_KNOWN);               \
        after_space = space_;                                                                   \
    } while (0)

/* Eight bytes of characters read as one word: a lane per character (LANE: the lanes' ones).
 * Where every lane holds an ASCII character the flags come from ranges tested on all
 * lanes at once (bit 7 of a lane: a lane below 0x80 plus 0x80 - low reaches bit 7 when
 * it is at least low, never carrying into the next lane); other words go a character at a
 * time through the table. Little-endian only: the lane after a lane is the next character. */
#define ASCII_AT_LEAST(v, low, LANE) ((v) + (0x80u - (low)) * (LANE))
#define ASCII_IN(v, low, high, LANE) (ASCII_AT_LEAST(v, low, LANE) & ~ASCII_AT_LEAST(v, (high) + 1, LANE))
/* The number of lanes whose bit 7 is set in m: the product sums the lanes into the top
 * lane, whose low byte holds it (LANE_SHIFT: that byte's place). */
#define LANE_COUNT(m, LANE) ((Py_ssize_t)((((m) >> 7) * (LANE)) >> LANE_SHIFT) & 0xFF)

#if defined(__SSE2__) && PY_LITTLE_ENDIAN
#include <emmintrin.h>
/* Sixteen characters at a time where SSE2 is there (every x86-64): a byte lane per
 * character, flags by compares, counts summed in byte lanes (at most one a chunk: flushed
 * every LETTER_CHUNKS_MAX chunks). Half the instructions of eight bytes as one word, and a
 * quarter on a line of two-byte characters (English text with a curly quote). */
#define LETTERS_VECTOR 1
#define LETTER_CHUNK 16
#define LETTER_CHUNKS_MAX 255 /* a byte lane's count */

/* The 16 characters at p (`width` bytes each) as bytes in *out, and a bit per character
 * past ASCII (0: an ASCII chunk). An ASCII character's byte is itself; two-byte
 * characters are packed with unsigned saturation of signed words (0x80..0x7FFF become
 * 0x80..0xFF, 0x8000 and up 0), so no character past ASCII gives the byte of a digit, a letter or
 * a space (0 is NUL, in no class). */
static inline unsigned
chunk_bytes(const void *p, int width, __m128i *out)
{
    const __m128i a = _mm_loadu_si128((const __m128i *)p);
    if (width == 1) {
        *out = a;
        return (unsigned)_mm_movemask_epi8(a);
    }
    const __m128i b = _mm_loadu_si128((const __m128i *)p + 1);
    const __m128i mask = _mm_set1_epi16((short)0xFF80), zero = _mm_setzero_si128();
    const __m128i ascii = _mm_packs_epi16(_mm_cmpeq_epi16(_mm_and_si128(a, mask), zero),
                                          _mm_cmpeq_epi16(_mm_and_si128(b, mask), zero));
    *out = _mm_packus_epi16(a, b);
    return (unsigned)_mm_movemask_epi8(ascii) ^ 0xFFFFu;
}

/* The case table's flags of the 16 characters at p (`width` bytes each: every one in the
 * table), a byte lane each: for a chunk holding a character past ASCII. */
static inline __m128i
table_lanes(const void *p, int width, const unsigned char *cases)
{
    union {
        unsigned char byte[LETTER_CHUNK];
        __m128i lanes;
    } flags;
    for (int j = 0; j < LETTER_CHUNK; j++)
        flags.byte[j] = cases[width == 1 ? ((const Py_UCS1 *)p)[j] : ((const Py_UCS2 *)p)[j]];
    return flags.lanes;
}

/* Lanes of `flags` holding `bit`: 0xFF, else 0. */
static inline __m128i
lanes_with(__m128i flags, int bit)
{
    const __m128i b = _mm_set1_epi8((char)bit);
    return _mm_cmpeq_epi8(_mm_and_si128(flags, b), b);
}

/* Lanes (ASCII bytes: a signed compare is exact) from low to high: 0xFF, else 0. */
static inline __m128i
lanes_in(__m128i v, char low, char high)
{
    return _mm_and_si128(_mm_cmpgt_epi8(v, _mm_set1_epi8((char)(low - 1))),
                         _mm_cmplt_epi8(v, _mm_set1_epi8((char)(high + 1))));
}

/* The sum of a chunk counter's byte lanes. */
static inline Py_ssize_t
lane_sum(__m128i counts)
{
    const __m128i sums = _mm_sad_epu8(counts, _mm_setzero_si128());
    return (Py_ssize_t)_mm_cvtsi128_si32(sums) + (Py_ssize_t)_mm_cvtsi128_si32(_mm_srli_si128(sums, 8));
}

/* LINE_LETTERS_FAST's chunks of 16 characters from text[k] on (k, the counts and
 * after_space go on from where they stand): ASCII chunks by lanes, others by the table. */
#define LETTER_CHUNKS(CHAR)                                                                     \
    do {                                                                                        \
        __m128i digit_lanes = _mm_setzero_si128(), upper_lanes = digit_lanes, cased_lanes = digit_lanes; \
        int chunks = 0;                                                                         \
        for (; k + LETTER_CHUNK <= size; k += LETTER_CHUNK) {                                   \
            __m128i v, space, up, letter;                                                      \
            if (chunk_bytes(text + k, (int)sizeof(CHAR), &v)) { /* the table's flags, lane by lane */ \
                const __m128i flags = table_lanes(text + k, (int)sizeof(CHAR), cases);          \
                space = lanes_with(flags, WORD_SPACE);                                          \
                up = lanes_with(flags, CASE_UPPER);                                             \
                letter = lanes_with(flags, CASE_CASED);                                         \
                const __m128i known = _mm_cmpeq_epi8(_mm_and_si128(flags, _mm_set1_epi8(CASE_KNOWN | CASE_ODD)), \
                                                     _mm_set1_epi8(CASE_KNOWN));                \
                const __m128i before = _mm_or_si128(_mm_slli_si128(space, 1), _mm_cvtsi32_si128(after_space ? 0xFF : 0)); \
                unknown |= _mm_movemask_epi8(_mm_andnot_si128(known, _mm_andnot_si128(space, before))) != 0; \
            } else {                                                                            \
                space = _mm_or_si128(lanes_in(v, 9, 13), _mm_cmpeq_epi8(v, _mm_set1_epi8(' '))); \
                up = lanes_in(v, 'A', 'Z');                                                     \
                letter = lanes_in(_mm_or_si128(v, _mm_set1_epi8(0x20)), 'a', 'z');             \
            }                                                                                   \
            const __m128i before = _mm_or_si128(_mm_slli_si128(space, 1), _mm_cvtsi32_si128(after_space ? 0xFF : 0)); \
            const __m128i initial = _mm_andnot_si128(space, before);                           \
            digit_lanes = _mm_sub_epi8(digit_lanes, lanes_in(v, '0', '9'));                    \
            upper_lanes = _mm_sub_epi8(upper_lanes, _mm_and_si128(initial, up));               \
            cased_lanes = _mm_sub_epi8(cased_lanes, _mm_and_si128(initial, letter));           \
            after_space = (unsigned)(_mm_movemask_epi8(space) >> 15) & 1u;                     \
            if (++chunks == LETTER_CHUNKS_MAX) {                                                \
                digits += lane_sum(digit_lanes);                                                \
                upper += lane_sum(upper_lanes);                                                 \
                cased += lane_sum(cased_lanes);                                                 \
                digit_lanes = upper_lanes = cased_lanes = _mm_setzero_si128();                 \
                chunks = 0;                                                                     \
            }                                                                                   \
        }                                                                                       \
        if (chunks) {                                                                           \
            digits += lane_sum(digit_lanes);                                                    \
            upper += lane_sum(upper_lanes);                                                     \
            cased += lane_sum(cased_lanes);                                                     \
        }                                                                                       \
    } while (0)
#else
#define LETTER_CHUNKS(CHAR) ((void)0)
#endif

/* LINE_LETTERS's counts of a line of one or two bytes a character by the table alone,
 * no branch per word (eight bytes of ASCII at a time where the platform is
 * little-endian); returns 1 (counts unusable) when an initial's case is not in the table
 * yet or is odd: LINE_LETTERS then counts the line. */
#define LINE_LETTERS_FAST(NAME, CHAR, LANE, WIDE)                                               \
    static int NAME(const void *data, Py_ssize_t size, const unsigned char *cases,             \
                    struct line_letters *counted)                                              \
    {                                                                                          \
        const CHAR *text = (const CHAR *)data;                                                 \
        unsigned after_space = 1, unknown = 0;                                                 \
        Py_ssize_t upper = 0, cased = 0, digits = 0, k = 0;                                    \
        const Py_ssize_t lanes = (Py_ssize_t)(8 / sizeof(CHAR));                               \
        const int LANE_SHIFT = 64 - 8 * (int)sizeof(CHAR);                                     \
        const uint64_t bit7 = 0x80u * (uint64_t)(LANE), top = (uint64_t)1 << (63 - 8 * (sizeof(CHAR) - 1)); \
        LETTER_CHUNKS(CHAR);                                                                   \
        for (; PY_LITTLE_ENDIAN && k + lanes <= size; k += lanes) {                            \
            uint64_t v;                                                                        \
            memcpy(&v, text + k, 8);                                                           \
            if (v & (WIDE)) { /* a character past ASCII: the table */                          \
                for (Py_ssize_t j = 0; j < lanes; j++)                                         \
                    TABLE_STEP(text[k + j]);                                                   \
                continue;                                                                      \
            }                                                                                  \
            const uint64_t L = (uint64_t)(LANE);                                               \
            const uint64_t space = (ASCII_IN(v, 9, 13, L) | ASCII_IN(v, ' ', ' ', L)) & bit7;  \
            const uint64_t before = (space << 8 * sizeof(CHAR)) | ((uint64_t)after_space << 7); \
            const uint64_t initial = before & ~space & bit7;                                   \
            const uint64_t up = ASCII_IN(v, 'A', 'Z', L), low = ASCII_IN(v, 'a', 'z', L);      \
            digits += LANE_COUNT(ASCII_IN(v, '0', '9', L) & bit7, L);                          \
            upper += LANE_COUNT(initial & up, L);                                              \
            cased += LANE_COUNT(initial & (up | low), L);                                      \
            after_space = (space & top) != 0;                                                  \
        }                                                                                      \
        for (; k < size; k++)                                                                  \
            TABLE_STEP(text[k]);                                                               \
        counted->upper = upper;                                                                \
        counted->cased = cased;                                                                \
        counted->digits = digits;                                                              \
        return (int)unknown;                                                                   \
    }
LINE_LETTERS_FAST(letters_fast_ucs1, Py_UCS1, 0x0101010101010101u, 0x8080808080808080u)
LINE_LETTERS_FAST(letters_fast_ucs2, Py_UCS2, 0x0001000100010001u, 0xFF80FF80FF80FF80u)

/* One line's counts into *counted: the table pass, else the slow one; -1 on an error. */
static int
count_line(PyObject *text, unsigned char *cases, PyObject *odd, Py_ssize_t line, struct line_letters *counted)
{
    const int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    const Py_ssize_t size = PyUnicode_GET_LENGTH(text);
    if (kind == PyUnicode_1BYTE_KIND && !letters_fast_ucs1(data, size, cases, counted))
        return 0;
    if (kind == PyUnicode_2BYTE_KIND && !letters_fast_ucs2(data, size, cases, counted))
        return 0;
    *counted = (struct line_letters){0, 0, 0};
    return kind == PyUnicode_1BYTE_KIND   ? letters_ucs1(data, size, cases, odd, line, counted)
           : kind == PyUnicode_2BYTE_KIND ? letters_ucs2(data, size, cases, odd, line, counted)
                                          : letters_ucs4(data, size, cases, odd, line, counted);
}

/* letter_counts(texts): line_letters._letter_counts_by_numpy in one pass over the lines'
 * characters: per line the words opening with an upper-case letter, the words opening
 * with a cased letter, the ASCII digits, and the lines of each word opening with an odd
 * letter (once per such word, in order; that word counts as neither). A word opens at a
 * character not in SPACE_CHARS at a line's start or after one that is. */
static PyObject *
native_letter_counts(PyObject *module, PyObject *texts)
{
    (void)module;
    if (!PyList_Check(texts)) {
        PyErr_SetString(PyExc_TypeError, "letter_counts: texts must be a list of str");
        return NULL;
    }
    /* no lines: numpy's counts of an empty page are one line of nothing */
    const Py_ssize_t lines = PyList_GET_SIZE(texts) ? PyList_GET_SIZE(texts) : 1;
    PyObject *uppers = PyList_New(lines), *caseds = PyList_New(lines), *digits = PyList_New(lines);
    PyObject *odd = PyList_New(0), *result = NULL;
    unsigned char *cases = letter_table();
    if (uppers == NULL || caseds == NULL || digits == NULL || odd == NULL)
        goto done;
    for (Py_ssize_t line = 0; line < lines; line++) {
        struct line_letters counted = {0, 0, 0};
        if (PyList_GET_SIZE(texts)) {
            if (line >= PyList_GET_SIZE(texts)) { /* initial_case ran Python code: a list may change */
                PyErr_SetString(PyExc_RuntimeError, "letter_counts: texts changed size");
                goto done;
            }
            PyObject *text = PyList_GET_ITEM(texts, line);
            if (!PyUnicode_Check(text)) {
                PyErr_SetString(PyExc_TypeError, "letter_counts: texts must be a list of str");
                goto done;
            }
#if PY_VERSION_HEX < 0x030C0000
            if (PyUnicode_READY(text) < 0)
                goto done;
#endif
            Py_INCREF(text);
            const int failed = count_line(text, cases, odd, line, &counted);
            Py_DECREF(text);
            if (failed)
                goto done;
        }
        /* the lists made of their size (a list's unset items are NULL, which its
         * deallocation skips, should a count fail) */
        PyObject *upper = PyLong_FromSsize_t(counted.upper), *cased = PyLong_FromSsize_t(counted.cased);
        PyObject *digit = PyLong_FromSsize_t(counted.digits);
        if (upper == NULL || cased == NULL || digit == NULL) {
            Py_XDECREF(upper);
            Py_XDECREF(cased);
            Py_XDECREF(digit);
            goto done;
        }
        PyList_SET_ITEM(uppers, line, upper);
        PyList_SET_ITEM(caseds, line, cased);
        PyList_SET_ITEM(digits, line, digit);
    }
    result = PyTuple_Pack(4, uppers, caseds, digits, odd);
done:
    Py_XDECREF(uppers);
    Py_XDECREF(caseds);
    Py_XDECREF(digits);
    Py_XDECREF(odd);
    return result;
}

/* --------------------------------------------------------------- line_shares */

/* A word's length and outer characters, hashed to a bucket. Each call empties two tables'
 * buckets: at 4096 that was 32 KB set a call, half the instructions a page cleaned alone
 * spent more than one in a batch (1,301 K a page against 1,241 K at 512); the few dozen
 * pronouns and title words still leave most buckets empty. */
#define SHARE_SIEVE_BITS 512

#define LENGTH_KEYS 256 /* word_table.lengths: a first code point's low byte */
#define LENGTH_BITS 64

/* A word of `length` characters: its bit in word_table.lengths. */
static inline uint64_t
length_bit(Py_ssize_t length)
{
    return (uint64_t)1 << (length % LENGTH_BITS);
}

/* A word a line's words are matched against: a pronoun (of `we`, `you` or both) or a
 * word of the page's title; its code points are read where its str holds them. */
struct known_word {
    const void *data;
    int kind;
    Py_ssize_t length;
    int we, you;
    Py_ssize_t seen; /* the last line that counted it (pronouns: distinct words a line) */
    int32_t next;    /* the next word of its bucket, -1 at the end */
};

/* The words of one kind of matching, bucketed by their sieve bit: a line's word is
 * compared, code point by code point, only with the words of its own bucket. */
struct word_table {
    int32_t head[SHARE_SIEVE_BITS]; /* -1: an empty bucket */
    /* by a word's first code point's low byte, a bit per length (modulo LENGTH_BITS)
     * of the table's words opening so: most of a line's words (others' first
     * letters, or lengths) are passed over without their bucket (word_may_be) */
    uint64_t lengths[LENGTH_KEYS];
    struct known_word *word;
    Py_ssize_t count, room;
};

/* The bucket of a word of `length` characters opening with `first` and closing with
 * `last` (a word is never empty). */
static inline unsigned
share_bucket(Py_ssize_t length, Py_UCS4 first, Py_UCS4 last)
{
    return (unsigned)(((size_t)length * 1000003u) ^ (first * 31u) ^ (last * 7919u)) % SHARE_SIEVE_BITS;
}

/* Whether the word of `length` characters at data[start:] (its kind) is `known`. */
static int
same_word(const struct known_word *known, int kind, const void *data, Py_ssize_t start, Py_ssize_t length)
{
    if (known->length != length)
        return 0;
    if (known->kind == kind)
        return memcmp((const char *)known->data, (const char *)data + start * kind, (size_t)(length * kind)) == 0;
    for (Py_ssize_t k = 0; k < length; k++)
        if (PyUnicode_READ(known->kind, known->data, k) != PyUnicode_READ(kind, data, start + k))
            return 0;
    return 1;
}

/* The bucket of the word of `length` characters (at least one) at data[start:]. */
static inline unsigned
bucket_of(int kind, const void *data, Py_ssize_t start, Py_ssize_t length)
{
    return share_bucket(length, PyUnicode_READ(kind, data, start), PyUnicode_READ(kind, data, start + length - 1));
}

/* The entry of the word of `length` characters at data[start:] (in `bucket`) in `table`, or NULL. */
static inline struct known_word *
find_word(struct word_table *table, unsigned bucket, int kind, const void *data, Py_ssize_t start, Py_ssize_t length)
{
    for (int32_t at = table->head[bucket]; at >= 0; at = table->word[at].next)
        if (same_word(&table->word[at], kind, data, start, length))
            return &table->word[at];
    return NULL;
}

/* Adds the word data[start:start + length] (length > 0) to `table`, or marks it in
 * `we` / `you` where it is there already; -1 (an error set) when memory runs out. */
static int
add_word(struct word_table *table, int kind, const void *data, Py_ssize_t start, Py_ssize_t length, int we, int you)
{
    const unsigned bucket = bucket_of(kind, data, start, length);
    struct known_word *known = find_word(table, bucket, kind, data, start, length);
    if (known == NULL) {
        if (table->count == table->room) {
            const Py_ssize_t room = table->room ? 2 * table->room : 64;
            struct known_word *grown =
                room > INT32_MAX ? NULL : PyMem_Realloc(table->word, (size_t)room * sizeof *grown);
            if (grown == NULL) { /* table->word stays, freed by the caller */
                PyErr_NoMemory();
                return -1;
            }
            table->word = grown;
            table->room = room;
        }
        table->lengths[PyUnicode_READ(kind, data, start) % LENGTH_KEYS] |= length_bit(length);
        known = &table->word[table->count];
        *known = (struct known_word){(const char *)data + start * kind, kind, length, 0, 0, -1, table->head[bucket]};
        table->head[bucket] = (int32_t)table->count++;
    }
    known->we |= we;
    known->you |= you;
    return 0;
}

/* Empties `table` (its buckets by its words, not the whole array: a page's title has a few). */
static void
clear_words(struct word_table *table)
{
    for (Py_ssize_t k = 0; k < table->count; k++) {
        const struct known_word *known = &table->word[k];
        table->head[bucket_of(known->kind, known->data, 0, known->length)] = -1;
        table->lengths[PyUnicode_READ(known->kind, known->data, 0) % LENGTH_KEYS] = 0;
    }
    table->count = 0;
}

/* The words of `words` (a set of str: other items can equal no line's word) into `table`
 * as pronouns of `we` or `you`; -1 on an error. */
static int
add_pronouns(struct word_table *table, PyObject *words, int we, int you)
{
    PyObject *iterator = PyObject_GetIter(words), *word;
    if (iterator == NULL)
        return -1;
    while ((word = PyIter_Next(iterator)) != NULL) {
        /* the set holds the str, and no Python code runs while the table is read */
        const int failed = PyUnicode_Check(word) && PyUnicode_GET_LENGTH(word) > 0 &&
                           add_word(table, PyUnicode_KIND(word), PyUnicode_DATA(word), 0,
                                    PyUnicode_GET_LENGTH(word), we, you) < 0;
        Py_DECREF(word);
        if (failed)
            break;
    }
    Py_DECREF(iterator);
    return PyErr_Occurred() ? -1 : 0;
}

/* A new table of the pronouns of `we` and `you` (sets of str); NULL on an error. */
static struct word_table *
pronoun_table(PyObject *we, PyObject *you)
{
    struct word_table *table = PyMem_Malloc(sizeof *table);
    if (table == NULL) {
        PyErr_NoMemory();
        return NULL;
    }
    *table = (struct word_table){.word = NULL, .count = 0, .room = 0};
    memset(table->head, 0xFF, sizeof table->head); /* every bucket -1: empty */
    if (add_pronouns(table, we, 1, 0) < 0 || add_pronouns(table, you, 0, 1) < 0) {
        PyMem_Free(table->word);
        PyMem_Free(table);
        return NULL;
    }
    return table;
}

static void
free_table(struct word_table *table)
{
    if (table != NULL)
        PyMem_Free(table->word);
    PyMem_Free(table);
}

/* The pronoun table of the last frozensets `we` and `you` line_shares was given (every
 * call passes article_lines' two), kept with a reference to each so neither can be
 * another set at the same address: a call then builds no table. Read and written only
 * while a call holds the GIL, which it never releases. */
static PyObject *kept_we, *kept_you;
static struct word_table *kept_pronouns;

/* The pronoun table of `we` and `you`: the kept one (each word's `seen` reset) when they
 * are the kept frozensets, else a new one, kept when they are frozensets; *owned set
 * when the caller frees it. NULL on an error. */
static struct word_table *
pronouns_of(PyObject *we, PyObject *you, int *owned)
{
    *owned = 0;
    if (kept_pronouns != NULL && we == kept_we && you == kept_you) {
        for (Py_ssize_t k = 0; k < kept_pronouns->count; k++)
            kept_pronouns->word[k].seen = -1;
        return kept_pronouns;
    }
    struct word_table *table = pronoun_table(we, you);
    if (table == NULL || !PyFrozenSet_CheckExact(we) || !PyFrozenSet_CheckExact(you)) {
        *owned = table != NULL;
        return table;
    }
    free_table(kept_pronouns);
    Py_XDECREF(kept_we);
    Py_XDECREF(kept_you);
    Py_INCREF(we);
    Py_INCREF(you);
    kept_we = we;
    kept_you = you;
    kept_pronouns = table;
    return table;
}

/* The code points below 256 str.split() cuts at (cleaner_is_py_space's, as a table). */
static const unsigned char SPLIT_SPACE[256] = {
    ['\t'] = 1, ['\n'] = 1, [0x0B] = 1, [0x0C] = 1, ['\r'] = 1, [0x1C] = 1, [0x1D] = 1,
    [0x1E] = 1, [0x1F] = 1, [' '] = 1, [0x85] = 1, [0xA0] = 1,
};

/* One character of SHARE_BOUNDS' scan: its place stored, kept where a word starts or ends. */
#define BOUNDS_STEP(C, AT)                                                                      \
    do {                                                                                        \
        const Py_UCS4 c_ = (C);                                                                 \
        const unsigned word_ = c_ < 256 ? !SPLIT_SPACE[c_] : !cleaner_is_py_space(c_);          \
        bounds[edges] = (AT);                                                                   \
        edges += word_ != inside;                                                               \
        inside = word_;                                                                         \
    } while (0)

/* The words of str.split() in a line: (start, end) pairs into `bounds` (room for
 * size / 2 + 1 pairs: a word and a space each at least), their count returned. Each
 * character's place is stored and kept only where a word starts or ends, so the loop has
 * no branch at a word's edges. Eight bytes of ASCII are read as one word, a lane a
 * character (little-endian), their spaces (\t..\r, 0x1C..0x20) tested on all lanes at
 * once; other words a character at a time. */
#if LETTERS_VECTOR
/* SHARE_BOUNDS' chunks of 16 characters of one or two bytes from text[k] on (k, edges and
 * inside go on): the word lanes by compares, those of characters past ASCII (which no
 * compare takes for a space) tested one by one; a bit per lane where a word starts or
 * ends, each set bit's place stored. */
#define BOUND_CHUNKS(CHAR)                                                                      \
    do {                                                                                        \
        for (; sizeof(CHAR) <= 2 && k + LETTER_CHUNK <= size; k += LETTER_CHUNK) {             \
            __m128i v;                                                                          \
            unsigned wide = chunk_bytes(text + k, (int)sizeof(CHAR), &v);                       \
            unsigned space = (unsigned)_mm_movemask_epi8(                                       \
                _mm_or_si128(lanes_in(v, 9, 13), lanes_in(v, 0x1C, ' ')));                      \
            for (; wide; wide &= wide - 1) { /* a lane past ASCII (in no range above) */        \
                const Py_UCS4 c = text[k + __builtin_ctz(wide)];                                \
                space |= (c < 256 ? SPLIT_SPACE[c] : cleaner_is_py_space(c)) ? wide & -wide : 0u; \
            }                                                                                   \
            const unsigned word = ~space & 0xFFFFu;                                             \
            unsigned change = word ^ ((word << 1 | inside) & 0xFFFFu);                          \
            while (change) {                                                                    \
                bounds[edges++] = k + __builtin_ctz(change);                                    \
                change &= change - 1;                                                           \
            }                                                                                   \
            inside = word >> 15;                                                                \
        }                                                                                       \
    } while (0)
#else
#define BOUND_CHUNKS(CHAR) ((void)0)
#endif

#define SHARE_BOUNDS(NAME, CHAR, ONES, WIDE)                                                    \
    static Py_ssize_t NAME(const CHAR *text, Py_ssize_t size, Py_ssize_t *bounds)               \
    {                                                                                           \
        Py_ssize_t edges = 0, k = 0; /* words' starts and ends so far, alternating */           \
        unsigned inside = 0;         /* the last character read is in a word */                 \
        BOUND_CHUNKS(CHAR);                                                                     \
        const Py_ssize_t lanes = (Py_ssize_t)(8 / sizeof(CHAR));                                \
        const int lane_bits = 8 * (int)sizeof(CHAR);                                            \
        const uint64_t bit7 = 0x80u * (uint64_t)(ONES);                                         \
        for (; PY_LITTLE_ENDIAN && k + lanes <= size; k += lanes) {                             \
            uint64_t v;                                                                         \
            memcpy(&v, text + k, sizeof v);                                                     \
            if (v & (WIDE)) {                                                                   \
                for (Py_ssize_t j = 0; j < lanes; j++)                                          \
                    BOUNDS_STEP(text[k + j], k + j);                                            \
                continue;                                                                       \
            }                                                                                   \
            const uint64_t L = (uint64_t)(ONES);                                                \
            const uint64_t word = ~(ASCII_IN(v, 9, 13, L) | ASCII_IN(v, 0x1C, ' ', L)) & bit7;   \
            const uint64_t change = word ^ ((word << lane_bits) | ((uint64_t)inside << 7));      \
            for (Py_ssize_t j = 0; j < lanes; j++) {                                            \
                bounds[edges] = k + j;                                                          \
                edges += (Py_ssize_t)((change >> (j * lane_bits + 7)) & 1u);                    \
            }                                                                                   \
            inside = (unsigned)(word >> (63 - (lane_bits - 8))) & 1u;                           \
        }                                                                                       \
        for (; k < size; k++)                                                                   \
            BOUNDS_STEP(text[k], k);                                                            \
        bounds[edges] = size; /* the end of a word the line ends in */                          \
        edges += inside;                                                                        \
        return edges / 2;                                                                       \
    }
SHARE_BOUNDS(share_bounds_ucs1, Py_UCS1, 0x0101010101010101u, 0x8080808080808080u)
SHARE_BOUNDS(share_bounds_ucs2, Py_UCS2, 0x0001000100010001u, 0xFF80FF80FF80FF80u)
SHARE_BOUNDS(share_bounds_ucs4, Py_UCS4, 0x0000000100000001u, 0xFFFFFFFFFFFFFFFFu)

/* The words of `line` (a str) into bounds (see SHARE_BOUNDS), their count. */
static Py_ssize_t
share_bounds(PyObject *line, Py_ssize_t *bounds)
{
    const void *data = PyUnicode_DATA(line);
    const Py_ssize_t size = PyUnicode_GET_LENGTH(line);
    switch (PyUnicode_KIND(line)) {
    case PyUnicode_1BYTE_KIND:
        return share_bounds_ucs1(data, size, bounds);
    case PyUnicode_2BYTE_KIND:
        return share_bounds_ucs2(data, size, bounds);
    default:
        return share_bounds_ucs4(data, size, bounds);
    }
}

/* One line's matches: its distinct pronouns of `we` and of `you`, and its words (with
 * repeats) that are the title's (when `title` is not NULL). */
struct line_matches {
    Py_ssize_t we, you, title;
};

/* Matches the `count` words of `line` (bounds) against the pronouns and, when `title` is
 * given, the title's words; `line_index` marks the pronouns a line has counted. */
static void
match_line(PyObject *line, const Py_ssize_t *bounds, Py_ssize_t count, Py_ssize_t line_index,
           struct word_table *pronouns, struct word_table *title, struct line_matches *found)
{
    const int kind = PyUnicode_KIND(line);
    const void *data = PyUnicode_DATA(line);
    *found = (struct line_matches){0, 0, 0};
    for (Py_ssize_t w = 0; w < count; w++) {
        const Py_ssize_t start = bounds[2 * w], length = bounds[2 * w + 1] - start;
        const unsigned key = PyUnicode_READ(kind, data, start) % LENGTH_KEYS;
        const uint64_t bit = length_bit(length);
        if (!(pronouns->lengths[key] & bit) && (title == NULL || !(title->lengths[key] & bit)))
            continue; /* no word of either table opens so at this length */
        const unsigned bucket = bucket_of(kind, data, start, length);
        struct known_word *known = find_word(pronouns, bucket, kind, data, start, length);
        if (known != NULL && known->seen != line_index) {
            known->seen = line_index;
            found->we += known->we;
            found->you += known->you;
        }
        if (title != NULL)
            found->title += find_word(title, bucket, kind, data, start, length) != NULL;
    }
}

/* The title line's words (str.split()) into `table`, emptied first; -1 on an error. */
static int
title_table(struct word_table *table, PyObject *title, Py_ssize_t *bounds)
{
    clear_words(table);
    const Py_ssize_t count = share_bounds(title, bounds);
    for (Py_ssize_t w = 0; w < count; w++)
        if (add_word(table, PyUnicode_KIND(title), PyUnicode_DATA(title), bounds[2 * w],
                     bounds[2 * w + 1] - bounds[2 * w], 0, 0) < 0)
            return -1;
    return 0;
}

/* Reads starts (a list of int rising from 0 to at most n) into a new array; NULL on an error. */
static Py_ssize_t *
share_starts(PyObject *starts, Py_ssize_t n)
{
    const Py_ssize_t size = PyList_GET_SIZE(starts);
    Py_ssize_t *out = PyMem_New(Py_ssize_t, size ? size : 1);
    if (out == NULL) {
        PyErr_NoMemory();
        return NULL;
    }
    for (Py_ssize_t k = 0; k < size; k++) {
        out[k] = PyLong_AsSsize_t(PyList_GET_ITEM(starts, k));
        if (out[k] == -1 && PyErr_Occurred()) {
            PyMem_Free(out);
            return NULL;
        }
        if (out[k] < 0 || out[k] > n || (k && out[k] < out[k - 1])) {
            PyErr_SetString(PyExc_ValueError, "line_shares: starts must rise within the lines");
            PyMem_Free(out);
            return NULL;
        }
    }
    return out;
}

/* count / total as Python's int / int gives it (both exact in a double), into out[j]
 * (which holds the shared 0.0); nothing when count is 0. -1 on an error. */
static int
set_share(PyObject *out, Py_ssize_t j, Py_ssize_t count, double total)
{
    if (!count)
        return 0;
    PyObject *share = PyFloat_FromDouble((double)count / total);
    if (share == NULL)
        return -1;
    PyList_SetItem(out, j, share); /* drops the shared zero */
    return 0;
}

/* Checks lows (list of str) and words (list of int) of the same length; room for the word
 * bounds of the longest line into *longest. */
static int
share_lines(PyObject *lows, PyObject *words, Py_ssize_t *longest)
{
    if (!PyList_Check(lows) || !PyList_Check(words) || PyList_GET_SIZE(lows) != PyList_GET_SIZE(words)) {
        PyErr_SetString(PyExc_TypeError, "line_shares: lows and words must be lists of the same length");
        return -1;
    }
    *longest = 0;
    for (Py_ssize_t j = 0; j < PyList_GET_SIZE(lows); j++) {
        PyObject *line = PyList_GET_ITEM(lows, j);
        if (!PyUnicode_Check(line) || !PyLong_Check(PyList_GET_ITEM(words, j))) {
            PyErr_SetString(PyExc_TypeError, "line_shares: lows must hold str and words int");
            return -1;
        }
#if PY_VERSION_HEX < 0x030C0000
        if (PyUnicode_READY(line) < 0)
            return -1;
#endif
        if (PyUnicode_GET_LENGTH(line) > *longest)
            *longest = PyUnicode_GET_LENGTH(line);
    }
    return 0;
}

/* A new list of n references to `item`. */
static PyObject *
list_of(PyObject *item, Py_ssize_t n)
{
    PyObject *out = PyList_New(n);
    if (out != NULL)
        for (Py_ssize_t j = 0; j < n; j++) {
            Py_INCREF(item);
            PyList_SET_ITEM(out, j, item);
        }
    return out;
}

/* line_shares(lows, words, starts, we, you, max_words): article_lines.pronoun_shares_python
 * and title_overlaps_python in one pass, each line split once for both. Per line: of the
 * distinct words of str.split() in `we` and in `you`, each count divided by the line's word
 * count (words[j]), where the line holds any (a count of 0 then: ZeroDivisionError, as
 * there); in each page (lines starts[k] to starts[k + 1]) a later line of at most max_words
 * words gets the share of its words (with repeats) that are words of the page's first
 * line. 0.0 elsewhere. Returns (we shares, you shares, title overlaps). */
static PyObject *
native_line_shares(PyObject *module, PyObject *const *args, Py_ssize_t nargs)
{
    (void)module;
    if (nargs != 6 || !PyList_Check(args[2]) || !PyAnySet_Check(args[3]) || !PyAnySet_Check(args[4])) {
        PyErr_SetString(PyExc_TypeError,
                        "line_shares(lows, words, starts, we, you, max_words): starts a list, we and you sets of str");
        return NULL;
    }
    PyObject *lows = args[0], *words = args[1];
    Py_ssize_t longest;
    if (share_lines(lows, words, &longest) < 0)
        return NULL;
    const long max_words = PyLong_AsLong(args[5]);
    if (max_words == -1 && PyErr_Occurred())
        return NULL;
    const Py_ssize_t n = PyList_GET_SIZE(lows), pages = PyList_GET_SIZE(args[2]) - 1;
    Py_ssize_t *starts = share_starts(args[2], n);
    if (starts == NULL)
        return NULL;
    PyObject *zero = PyFloat_FromDouble(0.0), *result = NULL, *we_out = NULL, *you_out = NULL, *overlaps = NULL;
    int owned = 0;
    struct word_table *pronouns = NULL, *title = PyMem_Malloc(sizeof *title);
    Py_ssize_t *bounds = PyMem_New(Py_ssize_t, 2 * (longest / 2 + 1));
    if (title != NULL)
        *title = (struct word_table){.word = NULL, .count = 0, .room = 0};
    if (zero == NULL || title == NULL || bounds == NULL) {
        if (!PyErr_Occurred())
            PyErr_NoMemory();
        goto done;
    }
    memset(title->head, 0xFF, sizeof title->head); /* every bucket -1: empty */
    pronouns = pronouns_of(args[3], args[4], &owned);
    if (pronouns == NULL)
        goto done;
    we_out = list_of(zero, n);
    you_out = list_of(zero, n);
    overlaps = list_of(zero, n);
    if (we_out == NULL || you_out == NULL || overlaps == NULL)
        goto done;
    for (Py_ssize_t j = 0, k = 0; j < n; j++) {
        while (k < pages && starts[k + 1] <= j) /* the page holding line j, if any */
            k++;
        const int in_page = k < pages && starts[k] <= j;
        PyObject *line = PyList_GET_ITEM(lows, j);
        if (in_page && j == starts[k] && title_table(title, line, bounds) < 0)
            goto done;
        const long line_words = PyLong_AsLong(PyList_GET_ITEM(words, j));
        if (line_words == -1 && PyErr_Occurred())
            goto done;
        const int overlapping = in_page && j > starts[k] && line_words <= max_words;
        const Py_ssize_t count = share_bounds(line, bounds);
        struct line_matches found;
        match_line(line, bounds, count, j, pronouns, overlapping ? title : NULL, &found);
        if ((found.we || found.you) && line_words == 0) {
            PyErr_SetString(PyExc_ZeroDivisionError, "division by zero");
            goto done;
        }
        if (set_share(we_out, j, found.we, (double)line_words) < 0 ||
            set_share(you_out, j, found.you, (double)line_words) < 0 ||
            set_share(overlaps, j, found.title, (double)count) < 0)
            goto done;
    }
    result = PyTuple_Pack(3, we_out, you_out, overlaps);
done:
    Py_XDECREF(zero);
    Py_XDECREF(we_out);
    Py_XDECREF(you_out);
    Py_XDECREF(overlaps);
    if (owned)
        free_table(pronouns);
    free_table(title);
    PyMem_Free(bounds);
    PyMem_Free(starts);
    return result;
}

PyMethodDef line_count_methods[] = {
    {"letter_counts", native_letter_counts, METH_O,
     "letter_counts(texts): (upper, cased, digits, odd lines) per line, as line_letters counts them."},
    {"line_shares", (PyCFunction)(void (*)(void))native_line_shares, METH_FASTCALL,
     "line_shares(lows, words, starts, we, you, max_words): pronoun_shares and title_overlaps in one pass."},
    {NULL, NULL, 0, NULL},
};
