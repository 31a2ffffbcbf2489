/* The outlet fingerprint scan, built into cleaner.native._compiled (setup.py lists this
 * file; _compiled.c's module adds these functions when it loads).
 *
 * patterns.LiteralFinder finds which of a few dozen literal strings starts first in a
 * page's text. Its RE2 program reads UTF-8 bytes, and every text was encoded for it;
 * first_literal reads the str's own code units instead (the same answer, as UTF-8 is
 * one-to-one on code points and a literal's bytes can only match where a character
 * starts), skipping along them by a table of the literals' three-unit pieces
 * (literal_skips, built once per finder): on prose it reads about one window in ten.
 * has_lone_surrogate is the check the text path makes in place of the encoding.
 * tests/test_native_first_literal.py compares first_literal with the RE2 program. Plain
 * CPython C API.
 */
#include "_compiled.h"

#include <stdint.h>
#include <string.h>

#define LITERAL_BUCKETS 256 /* literals by their first code point's low byte */
#define LONE_SURROGATE (-2) /* the text holds one: its UTF-8 does not exist (the caller's encode raises) */

/* Whether `literal` (of `size` code points) occurs in `text` at `at` (at + size <= length). */
static inline int
literal_at(int kind, const void *text, Py_ssize_t at, PyObject *literal, Py_ssize_t size)
{
    const int literal_kind = PyUnicode_KIND(literal);
    const void *units = PyUnicode_DATA(literal);
    if (literal_kind == kind)
        return memcmp((const char *)text + at * kind, units, (size_t)size * (size_t)kind) == 0;
    for (Py_ssize_t k = 0; k < size; k++)
        if (PyUnicode_READ(kind, text, at + k) != PyUnicode_READ(literal_kind, units, k))
            return 0;
    return 1;
}

/* Whether the `length` code units of `text` hold a lone surrogate (only a text of two or
 * four bytes a unit can). Chunks of SURROGATE_CHUNK units are tested without a branch a
 * unit, a loop the compiler turns into vector instructions: this check reads every unit. */
#define SURROGATE_CHUNK 256
#define ANY_SURROGATE(NAME, CHAR)                                                              \
    static int NAME(const CHAR *text, Py_ssize_t length)                                       \
    {                                                                                          \
        for (Py_ssize_t at = 0; at < length; at += SURROGATE_CHUNK) {                          \
            const Py_ssize_t stop = length - at < SURROGATE_CHUNK ? length : at + SURROGATE_CHUNK; \
            unsigned found = 0;                                                                \
            for (Py_ssize_t i = at; i < stop; i++)                                             \
                found |= (text[i] & 0xFFFFF800u) == 0xD800u;                                   \
            if (found)                                                                         \
                return 1;                                                                      \
        }                                                                                      \
        return 0;                                                                              \
    }
#if defined(__SSE2__)
#include <emmintrin.h>
#define SURROGATE_STEP 16 /* UCS2 units a step: two 16-byte loads */
/* any_surrogate_ucs2 in SSE2 lanes of 16 bits (the compiler widened each unit to 32 bits,
 * half the units a vector): a unit's top five bits against those of a surrogate, the
 * compares ORed together and tested once a chunk. */
static int
any_surrogate_ucs2(const Py_UCS2 *text, Py_ssize_t length)
{
    const __m128i top = _mm_set1_epi16((short)0xF800), surrogate = _mm_set1_epi16((short)0xD800);
    Py_ssize_t at = 0;
    while (at + SURROGATE_STEP <= length) {
        const Py_ssize_t whole = (length - at) / SURROGATE_STEP * SURROGATE_STEP; /* units in whole steps */
        const Py_ssize_t stop = at + (whole < SURROGATE_CHUNK ? whole : SURROGATE_CHUNK);
        __m128i found = _mm_setzero_si128();
        for (; at < stop; at += SURROGATE_STEP) {
            const __m128i low = _mm_loadu_si128((const __m128i *)(text + at));
            const __m128i high = _mm_loadu_si128((const __m128i *)(text + at + SURROGATE_STEP / 2));
            found = _mm_or_si128(found, _mm_cmpeq_epi16(_mm_and_si128(low, top), surrogate));
            found = _mm_or_si128(found, _mm_cmpeq_epi16(_mm_and_si128(high, top), surrogate));
        }
        if (_mm_movemask_epi8(found))
            return 1;
    }
    for (; at < length; at++)
        if ((text[at] & 0xF800u) == 0xD800u)
            return 1;
    return 0;
}
#else
ANY_SURROGATE(any_surrogate_ucs2, Py_UCS2)
#endif
ANY_SURROGATE(any_surrogate_ucs4, Py_UCS4)

static int
has_surrogate(PyObject *text)
{
    const void *data = PyUnicode_DATA(text);
    const Py_ssize_t length = PyUnicode_GET_LENGTH(text);
    switch (PyUnicode_KIND(text)) {
    case PyUnicode_1BYTE_KIND:
        return 0;
    case PyUnicode_2BYTE_KIND:
        return any_surrogate_ucs2((const Py_UCS2 *)data, length);
    default:
        return any_surrogate_ucs4((const Py_UCS4 *)data, length);
    }
}

/* The index of the literal found first in `text` (the leftmost start; of those starting
 * there, the first listed), or -1: every start tried in turn, for literals too short for
 * the skipping scan. `order` holds the literals' indexes by bucket, in list order within
 * one, from `first[bucket]` to `first[bucket + 1]`. */
static Py_ssize_t
scan(PyObject *text, PyObject *literals, const Py_ssize_t *first, const Py_ssize_t *order)
{
    const int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    const Py_ssize_t length = PyUnicode_GET_LENGTH(text);
    for (Py_ssize_t i = 0; i < length; i++) {
        const Py_UCS4 c = PyUnicode_READ(kind, data, i);
        const unsigned bucket = c & (LITERAL_BUCKETS - 1);
        for (Py_ssize_t k = first[bucket]; k < first[bucket + 1]; k++) {
            PyObject *literal = PyTuple_GET_ITEM(literals, order[k]);
            const Py_ssize_t size = PyUnicode_GET_LENGTH(literal);
            if (size <= length - i && PyUnicode_READ_CHAR(literal, 0) == c &&
                literal_at(kind, data, i, literal, size))
                return order[k];
        }
    }
    return -1;
}

/* The skipping scan (multi-literal Horspool over three units): a window as long as the
 * shortest literal (at most WINDOW_MAX) slides along the text; the three units that end
 * it say, through `shift`, how far along no literal can start, so most of an outlet-free
 * page is never read. Where the shift is 0 the literals whose window ends in those three
 * are tried at the window's start, in list order: windows start in increasing order, so
 * the first match is the leftmost start's first listed literal. */
#define TRIPLE_HASHES 32768 /* five low bits of each unit: pairs of units were too common in prose */
#define TRIPLE_HASH(a, b, c) \
    (((unsigned)((a) & 0x1F) << 10) | ((unsigned)((b) & 0x1F) << 5) | (unsigned)((c) & 0x1F))
#define WINDOW_MAX 127 /* shifts fit a byte's seven low bits (the eighth: CHAINED) */
#define SKIPPING_SHORTEST 3 /* shorter literals: every start tried (scan) */

/* A skip table, as literal_skips returns it and first_literal reads it: the window's
 * length, the shifts by the hash of the window's last three units, then each literal's
 * hash of its window's last three characters (two bytes, low first), then each literal's
 * next in list order of the same hash (1 + its index, 0 for none). Of at most CHAINED_MAX
 * literals, a hash of shift 0 holds CHAINED | the first literal of that hash, so a window
 * of shift 0 tries those alone (the scan of every literal's hash cost more than the
 * rest of the scan); of more, 0 and every literal's hash is looked at. */
#define SKIPS_WINDOW 0
#define SKIPS_SHIFT 1
#define SKIPS_END_HASH (SKIPS_SHIFT + TRIPLE_HASHES)
#define SKIPS_NEXT(count) (SKIPS_END_HASH + 2 * (size_t)(count))
#define SKIPS_SIZE(count) (SKIPS_NEXT(count) + (size_t)(count))
#define CHAINED 0x80u
#define CHAINED_MAX 127 /* literals: an index fits beside the CHAINED bit */

/* Chains the literals of each end hash (after the shifts and end hashes are filled): the
 * shift byte of a hash of shift 0 names its first literal, `next` the others in order. */
static void
chain_literals(uint8_t *shift, const uint8_t *end_hash, uint8_t *next, Py_ssize_t count)
{
    for (Py_ssize_t j = 0; j < count; j++)
        next[j] = 0;
    if (count > CHAINED_MAX)
        return;
    for (Py_ssize_t j = count - 1; j >= 0; j--) { /* backwards: each one put before the later ones */
        const unsigned h = end_hash[2 * j] | ((unsigned)end_hash[2 * j + 1] << 8);
        if (shift[h] & CHAINED)
            next[j] = (uint8_t)((shift[h] & ~CHAINED) + 1);
        shift[h] = (uint8_t)(CHAINED | (unsigned)j);
    }
}

static void
fill_skips(uint8_t *table, PyObject *literals, Py_ssize_t window)
{
    const Py_ssize_t count = PyTuple_GET_SIZE(literals);
    uint8_t *shift = table + SKIPS_SHIFT, *end_hash = table + SKIPS_END_HASH;
    table[SKIPS_WINDOW] = (uint8_t)window;
    memset(shift, (int)(window - 2), TRIPLE_HASHES);
    for (Py_ssize_t j = 0; j < count; j++) {
        PyObject *literal = PyTuple_GET_ITEM(literals, j);
        for (Py_ssize_t q = 2; q < window; q++) {
            const unsigned h = TRIPLE_HASH(PyUnicode_READ_CHAR(literal, q - 2), PyUnicode_READ_CHAR(literal, q - 1),
                                           PyUnicode_READ_CHAR(literal, q));
            const uint8_t distance = (uint8_t)(window - 1 - q);
            if (shift[h] > distance)
                shift[h] = distance;
        }
        const unsigned h = TRIPLE_HASH(PyUnicode_READ_CHAR(literal, window - 3),
                                       PyUnicode_READ_CHAR(literal, window - 2),
                                       PyUnicode_READ_CHAR(literal, window - 1));
        end_hash[2 * j] = (uint8_t)(h & 0xFF);
        end_hash[2 * j + 1] = (uint8_t)(h >> 8);
    }
    chain_literals(shift, end_hash, table + SKIPS_NEXT(count), count);
}

/* The first of the literals chained from `first` (chain_literals) that occurs at `start`, or -1. */
static inline Py_ssize_t
chained_from(int kind, const void *units, Py_ssize_t length, Py_ssize_t start, unsigned first, PyObject *literals,
             const uint8_t *next)
{
    for (Py_ssize_t j = first;;) {
        PyObject *literal = PyTuple_GET_ITEM(literals, j);
        const Py_ssize_t size = PyUnicode_GET_LENGTH(literal);
        if (size <= length - start && literal_at(kind, units, start, literal, size))
            return j;
        if (next[j] == 0)
            return -1;
        j = next[j] - 1;
    }
}

/* The first of the literals whose window ends in the three units of hash `h` that occurs
 * at `start` (list order), or -1. */
static inline Py_ssize_t
literal_from(int kind, const void *units, Py_ssize_t length, Py_ssize_t start, unsigned h, PyObject *literals,
             const uint8_t *end_hash)
{
    for (Py_ssize_t j = 0; j < PyTuple_GET_SIZE(literals); j++) {
        if ((end_hash[2 * j] | ((unsigned)end_hash[2 * j + 1] << 8)) != h)
            continue;
        PyObject *literal = PyTuple_GET_ITEM(literals, j);
        const Py_ssize_t size = PyUnicode_GET_LENGTH(literal);
        if (size <= length - start && literal_at(kind, units, start, literal, size))
            return j;
    }
    return -1;
}

/* One step of a window ending at *end (before `stop`): the literal found at its start, or
 * -1 with *end moved on (by the shift, or by one past a start that holds none). */
#define SKIP_STEP(CHAR)                                                                        \
    static inline Py_ssize_t skip_step_##CHAR(int kind, const CHAR *units, Py_ssize_t length,  \
                                              Py_ssize_t window, Py_ssize_t *end,              \
                                              PyObject *literals, const uint8_t *table)        \
    {                                                                                          \
        const Py_ssize_t at = *end;                                                            \
        const unsigned h = TRIPLE_HASH(units[at - 2], units[at - 1], units[at]);               \
        const uint8_t shift = table[SKIPS_SHIFT + h];                                          \
        if (shift != 0 && !(shift & CHAINED)) {                                                \
            *end = at + shift;                                                                 \
            return -1;                                                                         \
        }                                                                                      \
        *end = at + 1;                                                                         \
        if (shift & CHAINED)                                                                   \
            return chained_from(kind, units, length, at - window + 1, shift & ~CHAINED, literals, \
                                table + SKIPS_NEXT(PyTuple_GET_SIZE(literals)));               \
        return literal_from(kind, units, length, at - window + 1, h, literals, table + SKIPS_END_HASH); \
    }
SKIP_STEP(Py_UCS1)
SKIP_STEP(Py_UCS2)
SKIP_STEP(Py_UCS4)

/* Two windows slide at once, one over the starts of the text's first half and one over
 * the rest: each window's steps wait on each other (a load, a table read, the shift), two
 * windows' steps overlap. A match in the first half is the answer (the leftmost start);
 * else the second window's first. */
#define SKIP_SCAN(NAME, CHAR)                                                                  \
    static Py_ssize_t NAME(PyObject *text, PyObject *literals, const uint8_t *table)           \
    {                                                                                          \
        const int kind = PyUnicode_KIND(text);                                                 \
        const CHAR *units = (const CHAR *)PyUnicode_DATA(text);                                \
        const Py_ssize_t length = PyUnicode_GET_LENGTH(text), window = table[SKIPS_WINDOW];    \
        const Py_ssize_t half = length / 2;                                                    \
        /* window ends: `first` for starts below half, `second` from half on */                \
        const Py_ssize_t first_stop = half + window - 1 < length ? half + window - 1 : length; \
        Py_ssize_t first = window - 1, second = half + window - 1, second_found = -1;          \
        while (first < first_stop) {                                                           \
            if (second < length && second_found < 0)                                          \
                second_found = skip_step_##CHAR(kind, units, length, window, &second, literals, table); \
            const Py_ssize_t found = skip_step_##CHAR(kind, units, length, window, &first, literals, table); \
            if (found >= 0)                                                                    \
                return found;                                                                  \
        }                                                                                      \
        while (second < length && second_found < 0)                                            \
            second_found = skip_step_##CHAR(kind, units, length, window, &second, literals, table); \
        return second_found;                                                                   \
    }
SKIP_SCAN(skip_scan_ucs1, Py_UCS1)
SKIP_SCAN(skip_scan_ucs2, Py_UCS2)
SKIP_SCAN(skip_scan_ucs4, Py_UCS4)

/* The skipping scan of `text` with `table` (of the same literals, all SKIPPING_SHORTEST
 * characters or more). */
static Py_ssize_t
skipping_scan(PyObject *text, PyObject *literals, const uint8_t *table)
{
    switch (PyUnicode_KIND(text)) {
    case PyUnicode_1BYTE_KIND:
        return skip_scan_ucs1(text, literals, table);
    case PyUnicode_2BYTE_KIND:
        return skip_scan_ucs2(text, literals, table);
    default:
        return skip_scan_ucs4(text, literals, table);
    }
}

static Py_ssize_t
window_for(Py_ssize_t shortest)
{
    return shortest < WINDOW_MAX ? shortest : WINDOW_MAX;
}

/* The length of the shortest of `literals` (a tuple of non-empty str; PY_SSIZE_T_MAX for
 * none), or -1 with TypeError or ValueError set. */
static Py_ssize_t
shortest_literal(PyObject *literals)
{
    if (!PyTuple_Check(literals)) {
        PyErr_SetString(PyExc_TypeError, "first_literal's literals must be a tuple of str");
        return -1;
    }
    Py_ssize_t shortest = PY_SSIZE_T_MAX;
    for (Py_ssize_t j = 0; j < PyTuple_GET_SIZE(literals); j++) {
        PyObject *literal = PyTuple_GET_ITEM(literals, j);
        if (!PyUnicode_Check(literal)) {
            PyErr_SetString(PyExc_TypeError, "first_literal's literals must be str");
            return -1;
        }
        if (PyUnicode_GET_LENGTH(literal) == 0) {
            PyErr_SetString(PyExc_ValueError, "first_literal's literals must not be empty");
            return -1;
        }
        if (PyUnicode_GET_LENGTH(literal) < shortest)
            shortest = PyUnicode_GET_LENGTH(literal);
    }
    return shortest;
}

/* literal_skips(literals): the skip table of the skipping scan for these literals, bytes
 * to hand first_literal with them on every call (built once, not per text); None where
 * the scan tries every start instead (no literals, or one shorter than SKIPPING_SHORTEST). */
static PyObject *
literal_skips(PyObject *module, PyObject *literals)
{
    (void)module;
    const Py_ssize_t shortest = shortest_literal(literals);
    if (shortest < 0)
        return NULL;
    const Py_ssize_t count = PyTuple_GET_SIZE(literals);
    if (count == 0 || shortest < SKIPPING_SHORTEST)
        Py_RETURN_NONE;
    PyObject *table = PyBytes_FromStringAndSize(NULL, (Py_ssize_t)SKIPS_SIZE(count));
    if (table != NULL)
        fill_skips((uint8_t *)PyBytes_AS_STRING(table), literals, window_for(shortest));
    return table;
}

/* first_literal(text, literals[, skips[, surrogate_free]]): the index of the literal found
 * first in `text` (skipping_scan, or scan where a literal is too short for it), -1 for
 * none, or LONE_SURROGATE; `skips`: literal_skips(literals), or None to build it for this
 * call; `surrogate_free` true: the caller has checked that the text holds no lone
 * surrogate (the engine has: has_lone_surrogate), so this call does not read it all again. */
static PyObject *
first_literal(PyObject *module, PyObject *const *args, Py_ssize_t nargs)
{
    (void)module;
    if (nargs < 2 || nargs > 4) {
        PyErr_SetString(PyExc_TypeError,
                        "first_literal takes a text, a tuple of literals, their skips and surrogate_free");
        return NULL;
    }
    PyObject *text = args[0], *literals = args[1], *skips = nargs >= 3 ? args[2] : Py_None;
    const int surrogate_free = nargs == 4 ? PyObject_IsTrue(args[3]) : 0;
    if (surrogate_free < 0)
        return NULL;
    if (!PyUnicode_Check(text)) {
        PyErr_SetString(PyExc_TypeError, "first_literal takes a str and a tuple of str");
        return NULL;
    }
#if PY_VERSION_HEX < 0x030C0000
    if (PyUnicode_READY(text) < 0) /* a legacy str made by the old wchar_t API (3.11) */
        return NULL;
#endif
    const Py_ssize_t shortest = shortest_literal(literals);
    if (shortest < 0)
        return NULL;
    const Py_ssize_t count = PyTuple_GET_SIZE(literals);
    const int skipping = count > 0 && shortest >= SKIPPING_SHORTEST;
    if (skips != Py_None) { /* must be literal_skips(literals): its size and window checked */
        if (!PyBytes_Check(skips) || !skipping) {
            PyErr_SetString(PyExc_TypeError, "first_literal's skips must be literal_skips(literals)");
            return NULL;
        }
        if ((size_t)PyBytes_GET_SIZE(skips) != SKIPS_SIZE(count) ||
            ((const uint8_t *)PyBytes_AS_STRING(skips))[SKIPS_WINDOW] != window_for(shortest)) {
            PyErr_SetString(PyExc_ValueError, "first_literal's skips are not these literals' literal_skips");
            return NULL;
        }
    }
    if (!surrogate_free && has_surrogate(text))
        return PyLong_FromSsize_t(LONE_SURROGATE);
    if (count == 0)
        return PyLong_FromSsize_t(-1);
    if (skipping) {
        if (skips != Py_None)
            return PyLong_FromSsize_t(skipping_scan(text, literals, (const uint8_t *)PyBytes_AS_STRING(skips)));
        uint8_t *table = PyMem_Malloc(SKIPS_SIZE(count));
        if (table == NULL)
            return PyErr_NoMemory();
        fill_skips(table, literals, window_for(shortest));
        const Py_ssize_t found = skipping_scan(text, literals, table);
        PyMem_Free(table);
        return PyLong_FromSsize_t(found);
    }
    Py_ssize_t first[LITERAL_BUCKETS + 1] = {0};
    Py_ssize_t *order = PyMem_Malloc((size_t)count * sizeof(Py_ssize_t));
    if (order == NULL)
        return PyErr_NoMemory();
    for (Py_ssize_t j = 0; j < count; j++) /* counts, then where each bucket starts */
        first[(PyUnicode_READ_CHAR(PyTuple_GET_ITEM(literals, j), 0) & (LITERAL_BUCKETS - 1)) + 1]++;
    for (int b = 0; b < LITERAL_BUCKETS; b++)
        first[b + 1] += first[b];
    Py_ssize_t next[LITERAL_BUCKETS];
    memcpy(next, first, sizeof next);
    for (Py_ssize_t j = 0; j < count; j++)
        order[next[PyUnicode_READ_CHAR(PyTuple_GET_ITEM(literals, j), 0) & (LITERAL_BUCKETS - 1)]++] = j;
    const Py_ssize_t found = scan(text, literals, first, order);
    PyMem_Free(order);
    return PyLong_FromSsize_t(found);
}
/* has_lone_surrogate(text): whether a str holds a lone surrogate, that is has no UTF-8
 * (str.encode would raise): the engine's check before its stages, without the encoding. */
static PyObject *
has_lone_surrogate(PyObject *module, PyObject *text)
{
    (void)module;
    if (!PyUnicode_Check(text)) {
        PyErr_SetString(PyExc_TypeError, "has_lone_surrogate takes a str");
        return NULL;
    }
#if PY_VERSION_HEX < 0x030C0000
    if (PyUnicode_READY(text) < 0) /* a legacy str made by the old wchar_t API (3.11) */
        return NULL;
#endif
    return PyBool_FromLong(has_surrogate(text));
}

PyMethodDef first_literal_methods[] = {
    {"first_literal", (PyCFunction)(void (*)(void))first_literal, METH_FASTCALL,
     "The index of the literal that starts first in the text (of those starting there, the first "
     "listed), -1 for none, -2 when the text holds a lone surrogate."},
    {"literal_skips", literal_skips, METH_O,
     "The skip table of first_literal's scan for a tuple of literals (bytes), or None where it tries every start."},
    {"has_lone_surrogate", has_lone_surrogate, METH_O, "Whether the str holds a lone surrogate (has no UTF-8)."},
    {NULL, NULL, 0, NULL},
};
