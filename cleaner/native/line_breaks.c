/* Where a line ends, for blocks.split_blocks' compiled twin (split_blocks in _compiled.c),
 * built into cleaner.native._compiled (setup.py lists this file; _compiled.h declares
 * cleaner_line_end).
 *
 * The search for the next line break reads every character of every text document, and
 * one compare chain a character cost ~1.5 ns a byte. Where the compiler targets SSE2
 * (every x86-64), sixteen bytes are tested at once, as memchr does for one byte, and the
 * units of a hit are then judged one by one as before; elsewhere the plain loop runs.
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

Py_ssize_t
cleaner_line_end(int kind, const void *data, Py_ssize_t pos, Py_ssize_t size)
{
    switch (kind) {
    case PyUnicode_1BYTE_KIND:
        return line_end_ucs1((const Py_UCS1 *)data, pos, size);
    case PyUnicode_2BYTE_KIND:
        return line_end_ucs2((const Py_UCS2 *)data, pos, size);
    default:
        return line_end_ucs4_units((const Py_UCS4 *)data, pos, size);
    }
}

#define OR_CHUNK 64 /* units OR-ed between two looks at the widest kind so far */

/* source[start:end] for a str of two bytes a unit (kind 2): what PyUnicode_Substring
 * gives, built in two passes the compiler makes vector loops (the units' OR, which tells
 * the narrowest kind as their maximum does, then the copy or narrowing), where CPython's
 * maximum and narrowing read one unit at a time. Other kinds: PyUnicode_Substring. */
PyObject *
cleaner_substring(PyObject *source, Py_ssize_t start, Py_ssize_t end)
{
    const Py_ssize_t size = end - start;
    if (PyUnicode_KIND(source) != PyUnicode_2BYTE_KIND || size < 2 || start < 0 ||
        end > PyUnicode_GET_LENGTH(source) || (start == 0 && end == PyUnicode_GET_LENGTH(source)))
        return PyUnicode_Substring(source, start, end); /* its checks, one-character strs, source itself */
    const Py_UCS2 *units = PyUnicode_2BYTE_DATA(source) + start;
    unsigned bits = 0; /* past 0xFF the str is of two bytes a unit: the rest need not be read */
    for (Py_ssize_t at = 0; at < size && bits < 0x100; at += OR_CHUNK) {
        const Py_ssize_t stop = size - at < OR_CHUNK ? size : at + OR_CHUNK;
        for (Py_ssize_t i = at; i < stop; i++)
            bits |= units[i];
    }
    /* the OR is below 0x80 (0x100) exactly when every unit is: the kind PyUnicode_New picks */
    const Py_UCS4 widest = bits < 0x80 ? 0x7F : bits < 0x100 ? 0xFF : 0xFFFF;
    PyObject *text = PyUnicode_New(size, widest);
    if (text == NULL)
        return NULL;
    if (widest == 0xFFFF) {
        memcpy(PyUnicode_2BYTE_DATA(text), units, (size_t)size * sizeof(Py_UCS2));
    } else {
        Py_UCS1 *out = PyUnicode_1BYTE_DATA(text);
        for (Py_ssize_t i = 0; i < size; i++)
            out[i] = (Py_UCS1)units[i];
    }
    return text;
}
