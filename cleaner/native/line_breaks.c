/* Where a line ends, for blocks.split_blocks' compiled twin (split_blocks in _compiled.c),
 * built into cleaner.native._compiled (setup.py lists this file; _compiled.h declares
 * cleaner_line_end).
 *
 * The search for the next line break reads every character of every text document, and
 * one compare chain a character cost ~1.5 ns a byte. Where the compiler targets SSE2
 * (every x86-64), sixteen bytes are tested at once, as memchr does for one byte, and the
 * units of a hit are then judged one by one as before (strs of four bytes a unit too, four
 * units a vector); elsewhere the plain loop runs. cleaner_substring reads and narrows a
 * line of a two-byte str in SSE2 lanes of 16 bits the same way.
 * tests/test_native.py compares split_blocks with blocks.split_blocks_python. Plain
 * CPython C API (the SSE2 intrinsics are the compiler's own header).
 */
#include "_compiled.h"

#include <string.h>

#if defined(__SSE2__)
#include <emmintrin.h>
#define LINE_BREAK_VECTORS 1
#define VECTOR_BYTES 16
#else
#define LINE_BREAK_VECTORS 0
#endif

/* A line ends at LF, a lone CR, NEL, U+2028 or U+2029 (blocks.newline_lines). A CR right
 * before an LF is not a break: newline_lines makes it a space of its line, and since CR
 * is itself in _STRIP, stripping the line takes it off just as it takes off that space. */
static inline int
is_break(Py_UCS4 c)
{
    return c == '\n' || c == '\r' || c == 0x85 || c == 0x2028 || c == 0x2029;
}

/* The end of the line that starts at pos: the first break at or after it, or size. One
 * copy per string kind (1, 2, 4 bytes a character), reading its array directly. */
#define LINE_END(NAME, CHAR)                                                                   \
    static Py_ssize_t NAME(const CHAR *text, Py_ssize_t pos, Py_ssize_t size)                  \
    {                                                                                          \
        for (; pos < size; pos++) {                                                            \
            const Py_UCS4 c = text[pos];                                                       \
            /* most characters are above CR and below NEL: one compare each */                 \
            if (c > '\r' && c != 0x85 && c < 0x2028)                                           \
                continue;                                                                      \
            if (is_break(c) && !(c == '\r' && pos + 1 < size && text[pos + 1] == '\n'))         \
                return pos;                                                                    \
        }                                                                                      \
        return size;                                                                           \
    }
LINE_END(line_end_ucs1_units, Py_UCS1)
LINE_END(line_end_ucs2_units, Py_UCS2)
LINE_END(line_end_ucs4_units, Py_UCS4)

/* Whether a break candidate at `at` ends the line: all but a CR right before an LF. */
#define ENDS_LINE(text, at, size) (!((text)[at] == '\r' && (at) + 1 < (size) && (text)[(at) + 1] == '\n'))

static Py_ssize_t
line_end_ucs1(const Py_UCS1 *text, Py_ssize_t pos, Py_ssize_t size)
{
#if LINE_BREAK_VECTORS
    const __m128i lf = _mm_set1_epi8('\n'), cr = _mm_set1_epi8('\r'), nel = _mm_set1_epi8((char)0x85);
    while (pos + VECTOR_BYTES <= size) {
        const __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(text + pos));
        const __m128i hit =
            _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, lf), _mm_cmpeq_epi8(v, cr)), _mm_cmpeq_epi8(v, nel));
        const unsigned mask = (unsigned)_mm_movemask_epi8(hit);
        if (mask == 0) {
            pos += VECTOR_BYTES;
            continue;
        }
        const Py_ssize_t at = pos + __builtin_ctz(mask);
        if (ENDS_LINE(text, at, size))
            return at;
        pos = at + 1;
    }
#endif
    return line_end_ucs1_units(text, pos, size);
}

static Py_ssize_t
line_end_ucs2(const Py_UCS2 *text, Py_ssize_t pos, Py_ssize_t size)
{
#if LINE_BREAK_VECTORS
    const Py_ssize_t units = VECTOR_BYTES / 2;
    const __m128i lf = _mm_set1_epi16('\n'), cr = _mm_set1_epi16('\r'), nel = _mm_set1_epi16(0x85);
    const __m128i even = _mm_set1_epi16((short)0xFFFE), separators = _mm_set1_epi16(0x2028);
    while (pos + units <= size) {
        const __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(text + pos));
        const __m128i ascii = _mm_or_si128(_mm_cmpeq_epi16(v, lf), _mm_cmpeq_epi16(v, cr));
        const __m128i other = _mm_or_si128(_mm_cmpeq_epi16(v, nel),
                                           _mm_cmpeq_epi16(_mm_and_si128(v, even), separators)); /* 2028, 2029 */
        const unsigned mask = (unsigned)_mm_movemask_epi8(_mm_or_si128(ascii, other));
        if (mask == 0) {
            pos += units;
            continue;
        }
        const Py_ssize_t at = pos + __builtin_ctz(mask) / 2; /* two mask bits a unit */
        if (ENDS_LINE(text, at, size))
            return at;
        pos = at + 1;
    }
#endif
    return line_end_ucs2_units(text, pos, size);
}

/* line_end_ucs2's search for a str of four bytes a unit (a page holding an emoji): four
 * units a vector, where the plain loop made every unit a compare chain. */
static Py_ssize_t
line_end_ucs4(const Py_UCS4 *text, Py_ssize_t pos, Py_ssize_t size)
{
#if LINE_BREAK_VECTORS
    const Py_ssize_t units = VECTOR_BYTES / 4;
    const __m128i lf = _mm_set1_epi32('\n'), cr = _mm_set1_epi32('\r'), nel = _mm_set1_epi32(0x85);
    const __m128i even = _mm_set1_epi32((int)0xFFFFFFFE), separators = _mm_set1_epi32(0x2028);
    while (pos + units <= size) {
        const __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(text + pos));
        const __m128i ascii = _mm_or_si128(_mm_cmpeq_epi32(v, lf), _mm_cmpeq_epi32(v, cr));
        const __m128i other = _mm_or_si128(_mm_cmpeq_epi32(v, nel),
                                           _mm_cmpeq_epi32(_mm_and_si128(v, even), separators)); /* 2028, 2029 */
        const unsigned mask = (unsigned)_mm_movemask_epi8(_mm_or_si128(ascii, other));
        if (mask == 0) {
            pos += units;
            continue;
        }
        const Py_ssize_t at = pos + __builtin_ctz(mask) / 4; /* four mask bits a unit */
        if (ENDS_LINE(text, at, size))
            return at;
        pos = at + 1;
    }
#endif
    return line_end_ucs4_units(text, pos, size);
}

Py_ssize_t
cleaner_line_end(int kind, const void *data, Py_ssize_t pos, Py_ssize_t size)
{
    switch (kind) {
    case PyUnicode_1BYTE_KIND:
        return line_end_ucs1((const Py_UCS1 *)data, pos, size);
    case PyUnicode_2BYTE_KIND:
        return line_end_ucs2((const Py_UCS2 *)data, pos, size);
    default:
        return line_end_ucs4((const Py_UCS4 *)data, pos, size);
    }
}

#define OR_CHUNK 64 /* units OR-ed between two looks at the widest kind so far */
#define NARROW_LIMIT 0x100 /* a unit's OR at or past it: the str stays of two bytes a unit */

/* The OR of the `size` units at `units`, or of a first part of them whose OR is already
 * NARROW_LIMIT or more (the rest need not be read). With SSE2 eight units a load in lanes
 * of 16 bits, where the compiler widened each unit to 32 bits. */
static unsigned
units_or(const Py_UCS2 *units, Py_ssize_t size)
{
    unsigned bits = 0;
    Py_ssize_t at = 0;
#if LINE_BREAK_VECTORS
    const Py_ssize_t lanes = VECTOR_BYTES / 2;
    while (at + lanes <= size) {
        __m128i acc = _mm_setzero_si128();
        const Py_ssize_t stop = size - at < OR_CHUNK ? at + (size - at) / lanes * lanes : at + OR_CHUNK;
        for (; at < stop; at += lanes)
            acc = _mm_or_si128(acc, _mm_loadu_si128((const __m128i *)(const void *)(units + at)));
        /* fold the eight lanes into one: the OR of them all, in the low 16 bits */
        acc = _mm_or_si128(acc, _mm_srli_si128(acc, 8));
        acc = _mm_or_si128(acc, _mm_srli_si128(acc, 4));
        acc = _mm_or_si128(acc, _mm_srli_si128(acc, 2));
        bits |= (unsigned)_mm_cvtsi128_si32(acc) & 0xFFFFu;
        if (bits >= NARROW_LIMIT)
            return bits;
    }
#endif
    for (; at < size && bits < NARROW_LIMIT; at += OR_CHUNK) {
        const Py_ssize_t stop = size - at < OR_CHUNK ? size : at + OR_CHUNK;
        for (Py_ssize_t i = at; i < stop; i++)
            bits |= units[i];
    }
    return bits;
}

/* The `size` units at `units` (each below NARROW_LIMIT) as bytes at `out`: sixteen a step
 * with SSE2 (a saturating pack that keeps such units as they are). */
static void
narrow_units(const Py_UCS2 *units, Py_ssize_t size, Py_UCS1 *out)
{
    Py_ssize_t i = 0;
#if LINE_BREAK_VECTORS
    for (; i + VECTOR_BYTES <= size; i += VECTOR_BYTES) {
        const __m128i low = _mm_loadu_si128((const __m128i *)(const void *)(units + i));
        const __m128i high = _mm_loadu_si128((const __m128i *)(const void *)(units + i + VECTOR_BYTES / 2));
        _mm_storeu_si128((__m128i *)(void *)(out + i), _mm_packus_epi16(low, high));
    }
#endif
    for (; i < size; i++)
        out[i] = (Py_UCS1)units[i];
}

/* source[start:end] for a str of two bytes a unit (kind 2): what PyUnicode_Substring
 * gives, built in two vector passes (the units' OR, which tells the narrowest kind as
 * their maximum does, then the copy or narrowing), where CPython's maximum and narrowing
 * read one unit at a time. Other kinds: PyUnicode_Substring. */
PyObject *
cleaner_substring(PyObject *source, Py_ssize_t start, Py_ssize_t end)
{
    const Py_ssize_t size = end - start;
    if (PyUnicode_KIND(source) != PyUnicode_2BYTE_KIND || size < 2 || start < 0 ||
        end > PyUnicode_GET_LENGTH(source) || (start == 0 && end == PyUnicode_GET_LENGTH(source)))
        return PyUnicode_Substring(source, start, end); /* its checks, one-character strs, source itself */
    const Py_UCS2 *units = PyUnicode_2BYTE_DATA(source) + start;
    const unsigned bits = units_or(units, size);
    /* the OR is below 0x80 (0x100) exactly when every unit is: the kind PyUnicode_New picks */
    const Py_UCS4 widest = bits < 0x80 ? 0x7F : bits < 0x100 ? 0xFF : 0xFFFF;
    PyObject *text = PyUnicode_New(size, widest);
    if (text == NULL)
        return NULL;
    if (widest == 0xFFFF) {
        memcpy(PyUnicode_2BYTE_DATA(text), units, (size_t)size * sizeof(Py_UCS2));
    } else {
        narrow_units(units, size, PyUnicode_1BYTE_DATA(text));
    }
    return text;
}
