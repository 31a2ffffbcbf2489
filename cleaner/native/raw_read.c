/* A page's lines lower-cased, normalised and their words counted in one pass, built into
 * cleaner.native._compiled (setup.py lists this file; _compiled.c's module adds these
 * functions when it loads).
 *
 * HeuristicLabeler._read_lines lower-cased the lines and then walked the lower-cased lines
 * again to count their words. lower_count_lines does both: an ASCII line's bytes are read
 * once through a table of their classes (white space, capital, line break, a white space
 * bytes.split() does not know), and only a line holding a capital is copied; a line past
 * ASCII is lower-cased, its words counted, in one pass written into the new str
 * (lower_count_wide), but for the few lines str.lower maps by more than each character's
 * own lower case, which go to the caller's lower-caser (raw_lower.c's shared helpers)
 * and have their words counted on the lower-cased line. tests/test_native_raw_read.py compares it
 * with the Python originals.
 * Plain CPython C API.
 */
#include "_compiled.h"

#include <stdint.h>
#include <string.h>

#define MAX_LINE_END 32 /* characters the normalised form may strip */

/* The classes of a Latin-1 character (byte_classes, made on first use). */
#define BYTE_SPACE 1u   /* str.split() cuts at it */
#define BYTE_UPPER 2u   /* A to Z */
#define BYTE_BREAK 4u   /* the line break */
#define BYTE_UNKNOWN 8u /* white space bytes.split() does not cut at (0x1C to 0x1F, NEL, NBSP) */

#define LATIN1_END 256 /* the class table's characters: Latin-1 */

static unsigned char byte_classes[LATIN1_END];
static int byte_classes_made = 0;

/* The lower case of each character from 128 to LOWER_TABLE_END (Latin, Greek, Cyrillic:
 * most of the pages' letters past ASCII), made once, so lower_count_wide reads it where
 * it called Py_UNICODE_TOLOWER a character; LOWER_REFUSED at the characters str.lower maps
 * by more than their own lower case (the lower-caser's: see WIDE_LOWER_COUNT). No white
 * space lies from 256 to LOWER_TABLE_END, and no script counted (FIRST_UNSPACED). */
#define LOWER_TABLE_END 0x500
#define LOWER_REFUSED ((Py_UCS4)-1)
#define CAPITAL_SIGMA 0x3A3
#define DOTTED_CAPITAL_I 0x130
#define COMBINING_DOT 0x307
static Py_UCS4 lower_table[LOWER_TABLE_END];

static void
make_lower_table(void)
{
    for (Py_UCS4 c = 0; c < LOWER_TABLE_END; c++)
        lower_table[c] = c == CAPITAL_SIGMA || c == DOTTED_CAPITAL_I || c == COMBINING_DOT ? LOWER_REFUSED
                                                                                           : Py_UNICODE_TOLOWER(c);
}

/* The class table of the Latin-1 characters, from the shared white space tests. */
static void
make_byte_classes(void)
{
    for (Py_UCS4 c = 0; c < LATIN1_END; c++) {
        unsigned char found = 0;
        if (cleaner_is_py_space(c))
            found |= BYTE_SPACE;
        if (cleaner_is_py_space(c) && !cleaner_is_byte_space(c))
            found |= BYTE_UNKNOWN;
        if (c >= 'A' && c <= 'Z')
            found |= BYTE_UPPER;
        if (c == '\n')
            found |= BYTE_BREAK;
        byte_classes[c] = found;
    }
    make_lower_table();
    byte_classes_made = 1;
}

/* Eight bytes of a line at a time (8 characters of UCS1, 4 of UCS2, 2 of UCS4) where all are
 * ASCII and none is white space but " ": most of a page's text. Each character is a lane
 * of LANE bits whose top bit carries a flag; a lane's value below 128 leaves room so no
 * subtraction borrows across lanes. The per-character loop cost ~12 instructions a
 * character; this ~25 a chunk. Little-endian only (a lane's predecessor is the lower one). */
#define CHUNK_BYTES 8
#define SPACE_CHAR 0x20
#define FIRST_PAST_SPACE 0x21
#define FIRST_UPPER 0x41
#define PAST_UPPER 0x5B
#define CASE_BIT_PLACE 6 /* a lane's flag shifted down by LANE - 6 lands on 32, the case bit */

struct chunk_lanes {
    uint64_t ones;  /* 1 in every lane */
    uint64_t flags; /* a lane's top bit */
    uint64_t wide;  /* the bits of a lane's value at 128 or above */
    int bits;       /* LANE */
};

/* One chunk `x` read: its lower case in *low, its word starts added to *count, *after_space
 * (BYTE_SPACE where its last character is a space) and *seen (BYTE_UPPER) updated; 0 (nothing changed)
 * where a character is past ASCII or white space other than " ". */
static inline int
ascii_chunk(uint64_t x, const struct chunk_lanes lanes, uint64_t *low, Py_ssize_t *count,
            unsigned *after_space, unsigned *seen)
{
#if PY_LITTLE_ENDIAN
    const uint64_t ones = lanes.ones, flags = lanes.flags;
    if (x & lanes.wide)
        return 0;
    const uint64_t set = x | flags;
    const uint64_t small = ~(set - FIRST_PAST_SPACE * ones) & flags;              /* c <= 0x20 */
    const uint64_t spaces = ~(((x ^ SPACE_CHAR * ones) | flags) - ones) & flags; /* c == 0x20 */
    if (small != spaces)
        return 0;
    const uint64_t lane0 = flags >> (64 - lanes.bits);
    const uint64_t before = spaces << lanes.bits | ((*after_space & BYTE_SPACE) ? lane0 : 0);
    const uint64_t starts = ~spaces & flags & before;
    *count += (Py_ssize_t)(((starts >> (lanes.bits - 1)) * ones) >> (64 - lanes.bits));
    const uint64_t upper = (set - FIRST_UPPER * ones) & ~(set - PAST_UPPER * ones) & flags;
    *low = x | upper >> (lanes.bits - CASE_BIT_PLACE);
    *after_space = (spaces >> 63) ? BYTE_SPACE : 0u;
    *seen |= upper ? BYTE_UPPER : 0u; /* (a space's class is read by no caller of *seen) */
    return 1;
#else
    (void)x, (void)lanes, (void)low, (void)count, (void)after_space, (void)seen;
    return 0;
#endif
}

static const struct chunk_lanes UCS1_LANES = {0x0101010101010101u, 0x8080808080808080u, 0x8080808080808080u, 8};
static const struct chunk_lanes UCS2_LANES = {0x0001000100010001u, 0x8000800080008000u, 0xFF80FF80FF80FF80u, 16};
static const struct chunk_lanes UCS4_LANES = {0x0000000100000001u, 0x8000000080000000u, 0xFFFFFF80FFFFFF80u, 32};

/* Sixteen bytes of a line at a time (16 characters of UCS1, 8 of UCS2) with SSE2, where
 * all are ASCII and none is white space but " ": ascii_chunk's test and work on twice its
 * bytes, in about as many instructions as its one chunk. Where the sixteen bytes hold
 * another character, ascii_chunk and the per-character loop read them as before. */
#if defined(__SSE2__) && PY_LITTLE_ENDIAN
#include <emmintrin.h>
#define VECTOR_BYTES 16
#define CASE_BIT 0x20 /* "A" | CASE_BIT == "a" */
#define BITS2(n) n, n + 1, n + 1, n + 2
#define BITS4(n) BITS2(n), BITS2(n + 1), BITS2(n + 1), BITS2(n + 2)
#define BITS6(n) BITS4(n), BITS4(n + 1), BITS4(n + 1), BITS4(n + 2)
static const unsigned char BIT_COUNT[256] = {BITS6(0), BITS6(1), BITS6(1), BITS6(2)}; /* set bits of a byte */

/* One vector of `width`-byte characters at p (width 1 or 2, a constant where inlined):
 * its lower case in *low, its word starts added to *count, *after_space (BYTE_SPACE where
 * its last character is a space) and *seen (BYTE_UPPER) updated; 0 (nothing changed) where
 * a character is past ASCII or white space other than " ". */
static inline int
ascii_vector(const void *p, const int width, __m128i *low, Py_ssize_t *count, unsigned *after_space,
             unsigned *seen)
{
    const __m128i x = _mm_loadu_si128((const __m128i *)p);
    __m128i small, spaces, upper;
    if (width == 1) {
        if (_mm_movemask_epi8(x)) /* a byte at 128 or above */
            return 0;
        small = _mm_cmplt_epi8(x, _mm_set1_epi8(FIRST_PAST_SPACE));
        spaces = _mm_cmpeq_epi8(x, _mm_set1_epi8(SPACE_CHAR));
        upper = _mm_and_si128(_mm_cmpgt_epi8(x, _mm_set1_epi8(FIRST_UPPER - 1)),
                              _mm_cmplt_epi8(x, _mm_set1_epi8(PAST_UPPER)));
    } else {
        if (_mm_movemask_epi8(_mm_cmpeq_epi16(_mm_and_si128(x, _mm_set1_epi16((short)0xFF80)), _mm_setzero_si128())) !=
            0xFFFF)
            return 0;
        small = _mm_cmplt_epi16(x, _mm_set1_epi16(FIRST_PAST_SPACE));
        spaces = _mm_cmpeq_epi16(x, _mm_set1_epi16(SPACE_CHAR));
        upper = _mm_and_si128(_mm_cmpgt_epi16(x, _mm_set1_epi16(FIRST_UPPER - 1)),
                              _mm_cmplt_epi16(x, _mm_set1_epi16(PAST_UPPER)));
    }
    if (_mm_movemask_epi8(_mm_xor_si128(small, spaces))) /* white space other than " " */
        return 0;
    const int chars = VECTOR_BYTES / width;
    /* a bit a character: UCS2's lanes packed to bytes first */
    const unsigned space_bits =
        (unsigned)_mm_movemask_epi8(width == 1 ? spaces : _mm_packs_epi16(spaces, _mm_setzero_si128()));
    const unsigned before = space_bits << 1 | (*after_space & BYTE_SPACE);
    const unsigned starts = ~space_bits & before & ((1u << chars) - 1u);
    *count += BIT_COUNT[starts & 0xFFu] + BIT_COUNT[starts >> 8];
    *after_space = (space_bits >> (chars - 1)) & BYTE_SPACE;
    const __m128i case_bit = width == 1 ? _mm_set1_epi8(CASE_BIT) : _mm_set1_epi16(CASE_BIT);
    *low = _mm_or_si128(x, _mm_and_si128(upper, case_bit));
    *seen |= _mm_movemask_epi8(upper) ? BYTE_UPPER : 0u;
    return 1;
}
#define HAS_ASCII_VECTOR 1
/* ascii_vector for WIDE_LOWER_COUNT: the lower case stored at out; UCS1 and UCS2 only */
static inline int
wide_vector(const void *p, void *out, const int width, Py_ssize_t *count, unsigned *after_space, unsigned *seen)
{
    __m128i lowered;
    if (!ascii_vector(p, width, &lowered, count, after_space, seen))
        return 0;
    _mm_storeu_si128((__m128i *)out, lowered);
    return 1;
}
#define VECTOR_WIDTH_OK(width) ((width) <= 2)
#define WIDE_VECTOR(p, out, width, count, after_space, seen) \
    wide_vector(p, out, (int)(width), count, after_space, seen)
#else
#define HAS_ASCII_VECTOR 0
#define VECTOR_BYTES 16
#define VECTOR_WIDTH_OK(width) 0
#define WIDE_VECTOR(p, out, width, count, after_space, seen) \
    ((void)(p), (void)(out), (void)(count), (void)(after_space), (void)(seen), 0)
#endif
typedef char byte_space_check[BYTE_SPACE == 1 ? 1 : -1]; /* ascii_vector's bit of the last space */

/* An ASCII line lower-cased (the line itself, a new reference, when it holds no capital),
 * its words in *words; *has_break and *unknown set where it holds such a byte. */
static PyObject *
lower_count_ascii(PyObject *text, Py_ssize_t *words, int *has_break, int *unknown)
{
    const Py_UCS1 *data = PyUnicode_1BYTE_DATA(text);
    const Py_ssize_t size = PyUnicode_GET_LENGTH(text);
    Py_ssize_t count = 0;
    unsigned int after_space = BYTE_SPACE, seen = 0;
    Py_ssize_t k = 0, vector_stop = 0; /* below vector_stop: bytes ascii_vector refused */
    while (k + CHUNK_BYTES <= size) {
#if HAS_ASCII_VECTOR
        if (k >= vector_stop && k + VECTOR_BYTES <= size) {
            __m128i lowered;
            if (ascii_vector(data + k, 1, &lowered, &count, &after_space, &seen)) {
                k += VECTOR_BYTES;
                continue;
            }
            vector_stop = k + VECTOR_BYTES; /* its two chunks go below */
        }
#endif
        uint64_t x, low;
        memcpy(&x, data + k, CHUNK_BYTES);
        if (!ascii_chunk(x, UCS1_LANES, &low, &count, &after_space, &seen))
            for (Py_ssize_t i = k; i < k + CHUNK_BYTES; i++) {
                const unsigned int found = byte_classes[data[i]];
                count += (after_space & ~found) & BYTE_SPACE;
                after_space = found;
                seen |= found;
            }
        k += CHUNK_BYTES;
    }
    for (; k < size; k++) {
        const unsigned int found = byte_classes[data[k]];
        count += (after_space & ~found) & BYTE_SPACE;
        after_space = found;
        seen |= found;
    }
    *words = count;
    if (seen & BYTE_BREAK)
        *has_break = 1;
    if (seen & BYTE_UNKNOWN)
        *unknown = 1;
    if (!(seen & BYTE_UPPER) && PyUnicode_CheckExact(text))
        return Py_NewRef(text);
    PyObject *low = PyUnicode_New(size, 127);
    if (low == NULL)
        return NULL;
    Py_UCS1 *out = PyUnicode_1BYTE_DATA(low);
    for (k = 0; k < size; k++)
        out[k] = (Py_UCS1)(data[k] >= 'A' && data[k] <= 'Z' ? data[k] + ('a' - 'A') : data[k]);
    return low;
}

/* The scripts written without spaces between words (features._CJK, features._UNSPACED),
 * whose characters word_counts counts as words: CJK_CHARS_PER_WORD Chinese and Japanese
 * characters a word, UNSPACED_CHARS_PER_WORD Thai, Lao, Burmese and Khmer ones. None is
 * cased, and no lower case lies in them: a line and its lower case hold the same. */
#define CJK_CHARS_PER_WORD 2
#define UNSPACED_CHARS_PER_WORD 5
#define FIRST_UNSPACED 0x0E00 /* no character before it is of either */

/* Per line: its characters of the two kinds (counted past ASCII only). */
struct script_counts {
    Py_ssize_t cjk, unspaced;
};

/* Counts `c` (at least FIRST_UNSPACED) in `counts` when it is of one of the two kinds. */
static inline void
count_script(Py_UCS4 c, struct script_counts *counts)
{
    if ((c >= 0x3040 && c <= 0x30FF) || (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x4E00 && c <= 0x9FFF) ||
        (c >= 0xF900 && c <= 0xFAFF))
        counts->cjk++;
    else if ((c >= 0x0E00 && c <= 0x0EFF) || (c >= 0x1000 && c <= 0x109F) || (c >= 0x1780 && c <= 0x17FF))
        counts->unspaced++;
}

/* The words of str.split() in a line, *unknown set where it holds white space bytes.split()
 * does not know. One copy per string width. */
#define WIDE_COUNT(NAME, CHAR)                                                                 \
    static Py_ssize_t NAME(const void *data, Py_ssize_t size, int *unknown,                    \
                           struct script_counts *scripts)                                      \
    {                                                                                          \
        const CHAR *text = (const CHAR *)data;                                                 \
        Py_ssize_t count = 0;                                                                  \
        unsigned after_space = BYTE_SPACE, seen = 0; /* locals: no store a character */        \
        for (Py_ssize_t k = 0; k < size; k++) {                                                \
            const Py_UCS4 c = text[k];                                                         \
            /* Latin-1 by the table; past it any white space is one bytes.split() lacks */     \
            const unsigned found = c < LATIN1_END                  ? byte_classes[c]           \
                                   : cleaner_is_py_space(c) ? BYTE_SPACE | BYTE_UNKNOWN : 0u;  \
            if (c >= FIRST_UNSPACED)                                                           \
                count_script(c, scripts);                                                      \
            count += (after_space & ~found) & BYTE_SPACE;                                      \
            after_space = found;                                                               \
            seen |= found;                                                                     \
        }                                                                                      \
        if (seen & BYTE_UNKNOWN)                                                               \
            *unknown = 1;                                                                      \
        return count;                                                                          \
    }
WIDE_COUNT(count_ucs1, Py_UCS1)
WIDE_COUNT(count_ucs2, Py_UCS2)
WIDE_COUNT(count_ucs4, Py_UCS4)

/* The words of a lower-cased line of any width (see WIDE_COUNT). */
static Py_ssize_t
count_words(PyObject *low, int *unknown, struct script_counts *scripts)
{
    const void *data = PyUnicode_DATA(low);
    const Py_ssize_t size = PyUnicode_GET_LENGTH(low);
    switch (PyUnicode_KIND(low)) {
    case PyUnicode_1BYTE_KIND:
        return count_ucs1(data, size, unknown, scripts);
    case PyUnicode_2BYTE_KIND:
        return count_ucs2(data, size, unknown, scripts);
    default:
        return count_ucs4(data, size, unknown, scripts);
    }
}

/* CAPITAL_SIGMA, DOTTED_CAPITAL_I and COMBINING_DOT (above): the characters str.lower maps
 * by more than their own simple lower case (lower_text's twin in _compiled.c reads them by
 * their neighbours): such a line goes to the lower-caser. */

/* Whether `c` lies in a block without cased characters that pages use often: General
 * Punctuation (quotes, dashes), and CJK symbols, kana and ideographs
 * (tests/test_native_raw_read.py checks both against str.lower). */
static inline int
caseless(Py_UCS4 c)
{
    return (c >= 0x2000 && c <= 0x206F) || (c >= 0x3000 && c <= 0x9FFF);
}

#define UPPER_TO_CASE_BIT 4 /* BYTE_UPPER (2) shifted to 32, the ASCII case bit */

/* One pass over a line past ASCII, for lower_count_wide: each character's lower case
 * written to `out` (the line's width), its words counted and the classes it holds in
 * *seen; the widest lower case past ASCII (0: none, the line's lower case is ASCII), or
 * (Py_UCS4)-1 where the lower-caser must make the line
 * (a character of the three above, or a lower case wider than `widest`). One copy per
 * string width. */
#define WIDE_LOWER_COUNT(NAME, CHAR, LANES)                                                    \
    static Py_UCS4 NAME(const void *data, void *out, Py_ssize_t size, Py_UCS4 widest,          \
                        Py_ssize_t *words, unsigned *seen_out, struct script_counts *scripts)  \
    {                                                                                          \
        const CHAR *text = (const CHAR *)data;                                                 \
        CHAR *low = (CHAR *)out;                                                               \
        Py_ssize_t count = 0;                                                                  \
        unsigned after_space = BYTE_SPACE, seen = 0;                                           \
        Py_UCS4 most = 0;                                                                      \
        const Py_ssize_t chunk = CHUNK_BYTES / (Py_ssize_t)sizeof(CHAR);                       \
        Py_ssize_t k = 0, vector_stop = 0; /* below vector_stop: ascii_vector refused */       \
        while (k < size) {                                                                     \
            /* a chunk of ASCII at once, else the chunk (or the tail) a character at a time */ \
            Py_ssize_t stop = size;                                                            \
            if (VECTOR_WIDTH_OK(sizeof(CHAR)) && k >= vector_stop &&                           \
                k + VECTOR_BYTES / (Py_ssize_t)sizeof(CHAR) <= size) {                         \
                if (WIDE_VECTOR(text + k, low + k, sizeof(CHAR), &count, &after_space, &seen)) { \
                    k += VECTOR_BYTES / (Py_ssize_t)sizeof(CHAR);                              \
                    continue;                                                                  \
                }                                                                              \
                vector_stop = k + VECTOR_BYTES / (Py_ssize_t)sizeof(CHAR);                     \
            }                                                                                  \
            if (k + chunk <= size) {                                                           \
                uint64_t x, lowered;                                                           \
                memcpy(&x, text + k, CHUNK_BYTES);                                             \
                if (ascii_chunk(x, LANES, &lowered, &count, &after_space, &seen)) {            \
                    memcpy(low + k, &lowered, CHUNK_BYTES);                                    \
                    k += chunk;                                                                \
                    continue;                                                                  \
                }                                                                              \
                stop = k + chunk;                                                              \
            }                                                                                  \
            for (; k < stop; k++) {                                                            \
                const Py_UCS4 c = text[k];                                                     \
                Py_UCS4 lowered;                                                               \
                unsigned found;                                                                \
                if (c < 128) { /* "A" to "Z" plus 32, without a branch; no width decided */    \
                    found = byte_classes[c];                                                   \
                    lowered = c | (found & BYTE_UPPER) << UPPER_TO_CASE_BIT;                   \
                }                                                                              \
                else if (c < LOWER_TABLE_END) { /* lower_table: no white space, no script */ \
                    lowered = lower_table[c];                                                  \
                    if (lowered == LOWER_REFUSED || lowered > widest)                          \
                        return (Py_UCS4)-1;                                                    \
                    found = lowered < LATIN1_END ? byte_classes[lowered] : 0u;                 \
                    most = lowered > most ? lowered : most;                                    \
                }                                                                              \
                else {                                                                         \
                    if (c == CAPITAL_SIGMA || c == DOTTED_CAPITAL_I || c == COMBINING_DOT)     \
                        return (Py_UCS4)-1;                                                    \
                    /* (punctuation, CJK: no case, no lookup in the case tables) */             \
                    lowered = caseless(c) ? c : Py_UNICODE_TOLOWER(c);                         \
                    if (lowered > widest)                                                      \
                        return (Py_UCS4)-1;                                                    \
                    /* white space has no other case: the line's and its lower case's agree */ \
                    found = lowered < LATIN1_END       ? byte_classes[lowered]                 \
                            : cleaner_is_py_space(lowered) ? BYTE_SPACE | BYTE_UNKNOWN : 0u;   \
                    if (lowered >= FIRST_UNSPACED)                                             \
                        count_script(lowered, scripts);                                        \
                    most = lowered > most ? lowered : most;                                    \
                }                                                                              \
                low[k] = (CHAR)lowered;                                                        \
                count += (after_space & ~found) & BYTE_SPACE;                                  \
                after_space = found;                                                           \
                seen |= found;                                                                 \
            }                                                                                  \
        }                                                                                      \
        *words = count;                                                                        \
        *seen_out = seen;                                                                      \
        return most;                                                                           \
    }
WIDE_LOWER_COUNT(lower_count_ucs1, Py_UCS1, UCS1_LANES)
WIDE_LOWER_COUNT(lower_count_ucs2, Py_UCS2, UCS2_LANES)
WIDE_LOWER_COUNT(lower_count_ucs4, Py_UCS4, UCS4_LANES)

/* The narrowest str width's largest character at or above `c`. */
static Py_UCS4
width_ceiling(Py_UCS4 c)
{
    return c < 128 ? 127 : c < 256 ? 255 : c < 65536 ? 65535 : 0x10FFFF;
}

/* A line past ASCII lower-cased (lower_text), its words in *words, *has_break and *unknown
 * set where it holds such a character, in one pass written straight into the new str:
 * lower_text's twin wrote a buffer, copied it into the narrowest width, and the words were
 * counted in another pass. NULL without an exception where the lower-caser must make it
 * (see WIDE_LOWER_COUNT, or a lower case of a narrower width than the line's). */
static PyObject *
lower_count_wide(PyObject *text, Py_ssize_t *words, int *has_break, int *unknown,
                 struct script_counts *scripts)
{
    const Py_ssize_t size = PyUnicode_GET_LENGTH(text);
    const Py_UCS4 widest = PyUnicode_MAX_CHAR_VALUE(text);
    PyObject *low = PyUnicode_New(size, widest);
    if (low == NULL)
        return NULL;
    if (PyUnicode_KIND(low) != PyUnicode_KIND(text)) { /* never for a canonical str */
        Py_DECREF(low);
        return NULL;
    }
    const void *data = PyUnicode_DATA(text);
    void *out = PyUnicode_DATA(low);
    unsigned seen = 0;
    Py_UCS4 most;
    switch (PyUnicode_KIND(text)) {
    case PyUnicode_1BYTE_KIND:
        most = lower_count_ucs1(data, out, size, widest, words, &seen, scripts);
        break;
    case PyUnicode_2BYTE_KIND:
        most = lower_count_ucs2(data, out, size, widest, words, &seen, scripts);
        break;
    default:
        most = lower_count_ucs4(data, out, size, widest, words, &seen, scripts);
    }
    if (most == (Py_UCS4)-1 || width_ceiling(most) != widest) {
        scripts->cjk = scripts->unspaced = 0; /* counted again on the lower-caser's line */
        Py_DECREF(low);
        return NULL;
    }
    if (seen & BYTE_BREAK)
        *has_break = 1;
    if (seen & BYTE_UNKNOWN)
        *unknown = 1;
    return low;
}

/* A line's word_counts from its token count and its characters of the scripts written
 * without spaces: the CJK count (rounded up), at least one word, then the other's. */
static Py_ssize_t
line_words(Py_ssize_t tokens, const struct script_counts *scripts)
{
    Py_ssize_t words = tokens;
    const Py_ssize_t cjk = (scripts->cjk + CJK_CHARS_PER_WORD - 1) / CJK_CHARS_PER_WORD;
    words = cjk > words ? cjk : words;
    if (words == 0) /* white space the block splitter keeps (an em space) */
        words = 1;
    const Py_ssize_t unspaced = (scripts->unspaced + UNSPACED_CHARS_PER_WORD - 1) / UNSPACED_CHARS_PER_WORD;
    return unspaced > words ? unspaced : words;
}

/* features.word_counts of the lines, from their tokens (a list) and script counts: the
 * tokens list itself (a new reference) where no line changes, as word_counts gives it. */
static PyObject *
word_list(PyObject *tokens, const Py_ssize_t *counts, const struct script_counts *scripts, Py_ssize_t n)
{
    Py_ssize_t j = 0;
    while (j < n && line_words(counts[j], &scripts[j]) == counts[j])
        j++;
    if (j == n)
        return Py_NewRef(tokens);
    PyObject *words = PyList_New(n);
    if (words == NULL)
        return NULL;
    for (j = 0; j < n; j++) {
        const Py_ssize_t found = line_words(counts[j], &scripts[j]);
        PyObject *number = found == counts[j] ? Py_NewRef(PyList_GET_ITEM(tokens, j)) : PyLong_FromSsize_t(found);
        if (number == NULL) {
            Py_DECREF(words);
            return NULL;
        }
        PyList_SET_ITEM(words, j, number);
    }
    return words;
}

/* lower_count_lines(texts, lower, fallback, line_end): (lows, norms, has_break, tokens,
 * ascii_spaced, words): each line lower-cased, that stripped of line_end's characters at its
 * end, whether a line holds a line break, each lower-cased line's len(str.split()), whether
 * all their white space is one of bytes.split()'s six, and each line's word_counts (the
 * tokens with Chinese, Japanese, Thai, Lao, Burmese and Khmer characters counted). */
static PyObject *
native_lower_count_lines(PyObject *module, PyObject *const *args, Py_ssize_t nargs)
{
    (void)module;
    if (nargs != 4) {
        PyErr_SetString(PyExc_TypeError, "lower_count_lines takes (texts, lower, fallback, line_end)");
        return NULL;
    }
    PyObject *texts = args[0], *lower = args[1], *fallback = args[2], *line_end = args[3];
    if (!PyList_Check(texts) || !PyCallable_Check(lower) || !PyCallable_Check(fallback) ||
        !PyUnicode_Check(line_end)) {
        PyErr_SetString(PyExc_TypeError, "lower_count_lines: expected (list of str, callable, callable, str)");
        return NULL;
    }
    Py_UCS4 ends[MAX_LINE_END];
    const Py_ssize_t count = PyUnicode_GET_LENGTH(line_end);
    if (count > MAX_LINE_END) {
        PyErr_SetString(PyExc_ValueError, "lower_count_lines: line_end holds too many characters");
        return NULL;
    }
    for (Py_ssize_t j = 0; j < count; j++)
        ends[j] = PyUnicode_READ_CHAR(line_end, j);
    if (!byte_classes_made)
        make_byte_classes();
    /* the lower-caser is Python code that may change the list: a copy of its items is read */
    PyObject *lines = PySequence_Tuple(texts);
    if (lines == NULL)
        return NULL;
    const Py_ssize_t n = PyTuple_GET_SIZE(lines);
    PyObject *lows = PyList_New(n), *norms = PyList_New(n), *tokens = PyList_New(n), *result = NULL;
    PyObject *words = NULL;
    Py_ssize_t *counts = PyMem_Malloc((size_t)(n ? n : 1) * sizeof(Py_ssize_t));
    struct script_counts *scripts = PyMem_Calloc((size_t)(n ? n : 1), sizeof(struct script_counts));
    int has_break = 0, unknown = 0;
    if (counts == NULL || scripts == NULL) {
        PyErr_NoMemory();
        goto done;
    }
    if (lows == NULL || norms == NULL || tokens == NULL)
        goto done;
    for (Py_ssize_t j = 0; j < n; j++) {
        PyObject *text = PyTuple_GET_ITEM(lines, j);
        if (!PyUnicode_Check(text)) {
            PyErr_SetString(PyExc_TypeError, "lower_count_lines: texts must be a list of str");
            goto done;
        }
        Py_ssize_t found = 0;
        PyObject *low;
        if (PyUnicode_IS_ASCII(text)) {
            low = lower_count_ascii(text, &found, &has_break, &unknown);
        } else {
            low = lower_count_wide(text, &found, &has_break, &unknown, &scripts[j]);
            if (low == NULL && !PyErr_Occurred()) { /* the lower-caser's line */
                low = cleaner_lower_other(text, lower, fallback, &has_break);
                if (low != NULL)
                    found = count_words(low, &unknown, &scripts[j]);
            }
        }
        if (low == NULL)
            goto done;
        PyList_SET_ITEM(lows, j, low);
        counts[j] = found;
        PyObject *number = PyLong_FromSsize_t(found);
        if (number == NULL)
            goto done;
        PyList_SET_ITEM(tokens, j, number);
        PyObject *norm = cleaner_stripped_end(low, ends, count);
        if (norm == NULL)
            goto done;
        PyList_SET_ITEM(norms, j, norm);
    }
    words = word_list(tokens, counts, scripts, n);
    if (words != NULL)
        result = Py_BuildValue("(OOOOOO)", lows, norms, has_break ? Py_True : Py_False, tokens,
                               unknown ? Py_False : Py_True, words);
done:
    Py_DECREF(lines);
    PyMem_Free(counts);
    PyMem_Free(scripts);
    Py_XDECREF(lows); /* a list's unset items are NULL, which its deallocation skips */
    Py_XDECREF(norms);
    Py_XDECREF(tokens);
    Py_XDECREF(words);
    return result;
}

/* ------------------------------------------------------------------ stack_columns */

/* Whether `view` holds `count` float64 values, one after the other. */
static int
is_float_run(const Py_buffer *view, Py_ssize_t count)
{
    return view->ndim == 1 && view->itemsize == (Py_ssize_t)sizeof(double) && view->format != NULL &&
           strcmp(view->format, "d") == 0 && view->len == count * (Py_ssize_t)sizeof(double);
}

/* Copies `value`'s n float64 values into `row` where it holds them in one run: 1, 0 where
 * it is of another kind (nothing copied), -1 on an error. */
static int
copy_float_run(PyObject *value, double *row, Py_ssize_t n)
{
    if (!PyObject_CheckBuffer(value))
        return 0;
    Py_INCREF(value); /* held while its buffer is read */
    Py_buffer view;
    if (PyObject_GetBuffer(value, &view, PyBUF_C_CONTIGUOUS | PyBUF_FORMAT) < 0) {
        Py_DECREF(value);
        if (!PyErr_ExceptionMatches(PyExc_BufferError) && !PyErr_ExceptionMatches(PyExc_ValueError) &&
            !PyErr_ExceptionMatches(PyExc_TypeError))
            return -1;
        PyErr_Clear(); /* a strided view */
        return 0;
    }
    const int usable = is_float_run(&view, n);
    if (usable && n > 0)
        memcpy(row, view.buf, (size_t)n * sizeof(double));
    PyBuffer_Release(&view);
    Py_DECREF(value);
    return usable;
}

/* stack_columns(cols, names, n, out): LinearStage.logits' matrix. Each of `names` is looked
 * up in the dict `cols`: a float (isinstance) is a page constant, noted by its place and
 * value; any other must be n float64 values in one run (a 1-D contiguous array), copied
 * into the next row of `out` (a writable float64 buffer of len(names) x n). Returns
 * (places, values) of the constants, or None where a column is of another kind (the
 * caller's numpy path reads it then; `out` is the caller's scratch either way). */
static PyObject *
native_stack_columns(PyObject *module, PyObject *const *args, Py_ssize_t nargs)
{
    (void)module;
    if (nargs != 4) {
        PyErr_SetString(PyExc_TypeError, "stack_columns takes (cols, names, n, out)");
        return NULL;
    }
    PyObject *cols = args[0], *names = args[1];
    if (!PyDict_Check(cols) || !PyTuple_Check(names)) {
        PyErr_SetString(PyExc_TypeError, "stack_columns: expected (dict, tuple of str, int, buffer)");
        return NULL;
    }
    const Py_ssize_t n = PyLong_AsSsize_t(args[2]);
    if (n == -1 && PyErr_Occurred())
        return NULL;
    const Py_ssize_t count = PyTuple_GET_SIZE(names);
    if (n < 0 || (count > 0 && n > PY_SSIZE_T_MAX / (Py_ssize_t)sizeof(double) / count)) {
        PyErr_SetString(PyExc_ValueError, "stack_columns: n out of range");
        return NULL;
    }
    Py_buffer out;
    if (PyObject_GetBuffer(args[3], &out, PyBUF_WRITABLE | PyBUF_C_CONTIGUOUS | PyBUF_FORMAT) < 0) {
        PyErr_SetString(PyExc_TypeError, "stack_columns: out must be a writable contiguous buffer");
        return NULL;
    }
    PyObject *places = NULL, *values = NULL, *result = NULL;
    if (out.itemsize != (Py_ssize_t)sizeof(double) || out.format == NULL || strcmp(out.format, "d") != 0 ||
        out.len != count * n * (Py_ssize_t)sizeof(double)) {
        PyErr_SetString(PyExc_ValueError, "stack_columns: out must hold len(names) x n float64 values");
        goto done;
    }
    places = PyList_New(0);
    values = PyList_New(0);
    if (places == NULL || values == NULL)
        goto done;
    double *row = (double *)out.buf;
    for (Py_ssize_t k = 0; k < count; k++) {
        PyObject *name = PyTuple_GET_ITEM(names, k);
        PyObject *value = PyDict_GetItemWithError(cols, name); /* borrowed */
        if (value == NULL) {
            if (!PyErr_Occurred())
                PyErr_SetObject(PyExc_KeyError, name);
            goto done;
        }
        if (PyFloat_Check(value)) {
            if (cleaner_append_index(places, k) < 0 || PyList_Append(values, value) < 0)
                goto done;
            continue;
        }
        const int copied = copy_float_run(value, row, n);
        if (copied < 0)
            goto done;
        if (!copied) { /* a list of floats, a strided view, another dtype: numpy's path */
            result = Py_NewRef(Py_None);
            goto done;
        }
        row += n;
    }
    PyObject *place_tuple = PyList_AsTuple(places), *value_tuple = PyList_AsTuple(values);
    if (place_tuple != NULL && value_tuple != NULL)
        result = PyTuple_Pack(2, place_tuple, value_tuple);
    Py_XDECREF(place_tuple);
    Py_XDECREF(value_tuple);
done:
    Py_XDECREF(places);
    Py_XDECREF(values);
    PyBuffer_Release(&out);
    return result;
}

PyMethodDef raw_read_methods[] = {
    {"stack_columns", (PyCFunction)(void (*)(void))native_stack_columns, METH_FASTCALL,
     "stack_columns(cols, names, n, out): the non-float columns copied into out's rows; "
     "(places, values) of the float ones, or None where a column is no float64 run."},
    {"lower_count_lines", (PyCFunction)(void (*)(void))native_lower_count_lines, METH_FASTCALL,
     "lower_count_lines(texts, lower, fallback, line_end): (lows, norms, has_break, tokens per line, "
     "whether all white space is ASCII's six, word_counts per line)."},
    {NULL, NULL, 0, NULL},
};
