/* A page's str in UTF-8, as str.encode() gives it (strict), built into cleaner.native._compiled
 * (setup.py lists this file; _compiled.c's module adds its function when it loads).
 *
 * HeuristicLabeler._read_lines encodes the lower-cased page for the phrase scan. A batch of
 * pages holding one character past Latin-1 is a str of two or four bytes a character, and
 * CPython's encoder then reads one character at a time; here sixteen ASCII characters are
 * checked and stored as bytes in one SSE2 step (most of a page's text; eight bytes as one
 * word without SSE2), a run of others encoded a character at a time, into the bytes object
 * itself (cut to size, no copy). A str
 * holding a surrogate goes to CPython's encoder, which raises its own UnicodeEncodeError.
 * tests/test_native_page_utf8.py compares it with str.encode(). Plain CPython C API.
 */
#include "_compiled.h"
#include <stdint.h>
#include <string.h>

#define CHUNK_BYTES 8
#define ASCII_END 0x80
#define TWO_BYTES_END 0x800
#define THREE_BYTES_END 0x10000
#define SURROGATE_FIRST 0xD800
#define SURROGATE_LAST 0xDFFF
#define UCS1_WIDE 0x8080808080808080u /* a UCS1 chunk's bits of characters past ASCII */
#define UCS2_WIDE 0xFF80FF80FF80FF80u
#define UCS2_LANE_WIDE ((short)0xFF80) /* one UCS2 character's bits past ASCII */
#define UCS4_WIDE 0xFFFFFF80FFFFFF80u
#define NO_SIZE (-1)
#define UTF8_MAX_BYTES 4

/* The UTF-8 bytes of one character past ASCII (not a surrogate) written at `out`; their count. */
static inline Py_ssize_t
put_wide(Py_UCS4 c, unsigned char *out)
{
    if (c < TWO_BYTES_END) {
        out[0] = (unsigned char)(0xC0 | c >> 6);
        out[1] = (unsigned char)(0x80 | (c & 0x3F));
        return 2;
    }
    if (c < THREE_BYTES_END) {
        out[0] = (unsigned char)(0xE0 | c >> 12);
        out[1] = (unsigned char)(0x80 | (c >> 6 & 0x3F));
        out[2] = (unsigned char)(0x80 | (c & 0x3F));
        return 3;
    }
    out[0] = (unsigned char)(0xF0 | c >> 18);
    out[1] = (unsigned char)(0x80 | (c >> 12 & 0x3F));
    out[2] = (unsigned char)(0x80 | (c >> 6 & 0x3F));
    out[3] = (unsigned char)(0x80 | (c & 0x3F));
    return 4;
}

/* The chunk's characters as ASCII bytes, packed (x holds CHUNK_BYTES / width characters). */
static inline uint64_t
pack_ucs2(uint64_t x)
{
    return (x & 0xFFu) | (x >> 8 & 0xFF00u) | (x >> 16 & 0xFF0000u) | (x >> 24 & 0xFF000000u);
}

static inline uint64_t
pack_ucs4(uint64_t x)
{
    return (x & 0xFFu) | (x >> 24 & 0xFF00u);
}

/* A str's characters in UTF-8 written to `out` (room for UTF8_MAX_BYTES a character); the
 * bytes written, NO_SIZE where one is a surrogate. One copy per string width; WIDE: an
 * eight-byte word's bits of characters past ASCII, PACK: its ASCII characters as bytes
 * (little-endian: the first character in the low lane). Two words are read at a time. */
#define UTF8_OF(NAME, CHAR, WIDE, PACK)                                                         \
    static Py_ssize_t NAME(const CHAR *text, Py_ssize_t length, unsigned char *out)            \
    {                                                                                          \
        const Py_ssize_t half = CHUNK_BYTES / (Py_ssize_t)sizeof(CHAR), chunk = 2 * half;      \
        unsigned char *const first = out;                                                      \
        Py_ssize_t k = 0;                                                                      \
        while (k < length) {                                                                   \
            /* a chunk of ASCII at once, else the chunk (or the tail) a character at a time */ \
            Py_ssize_t stop = length;                                                          \
            if (PY_LITTLE_ENDIAN && k + chunk <= length) {                                     \
                uint64_t x, y;                                                                 \
                memcpy(&x, text + k, CHUNK_BYTES);                                             \
                memcpy(&y, text + k + half, CHUNK_BYTES);                                      \
                if (!((x | y) & (WIDE))) {                                                     \
                    const uint64_t low = PACK(x), high = PACK(y);                              \
                    memcpy(out, &low, (size_t)half);                                           \
                    memcpy(out + half, &high, (size_t)half);                                   \
                    out += chunk;                                                              \
                    k += chunk;                                                                \
                    continue;                                                                  \
                }                                                                              \
                stop = k + chunk;                                                              \
            }                                                                                  \
            for (; k < stop; k++) {                                                            \
                const Py_UCS4 c = text[k];                                                     \
                if (c < ASCII_END)                                                             \
                    *out++ = (unsigned char)c;                                                 \
                else if (c >= SURROGATE_FIRST && c <= SURROGATE_LAST)                          \
                    return NO_SIZE;                                                            \
                else                                                                           \
                    out += put_wide(c, out);                                                   \
            }                                                                                  \
        }                                                                                      \
        return out - first;                                                                    \
    }

#define PACK_UCS1(x) (x)
UTF8_OF(put_utf8_ucs4, Py_UCS4, UCS4_WIDE, pack_ucs4)

#if defined(__SSE2__) && PY_LITTLE_ENDIAN
#include <emmintrin.h>
#define VECTOR_CHARS 16     /* characters a vector step reads (one or two 16-byte loads) */
#define ALL_ASCII 0xFFFFu   /* a step's mask where every one of its characters is ASCII */

/* The characters from text[*k] on that are not ASCII, up to the next ASCII one or the end,
 * written at *out (both moved on); -1 at a surrogate, else 0. A step that meets one goes on
 * here, so a run of wide characters (a word of Cyrillic) costs no vector step each. */
#define WIDE_RUN(NAME, CHAR)                                                                   \
    static inline int NAME(const CHAR *text, Py_ssize_t length, Py_ssize_t *k, unsigned char **out) \
    {                                                                                          \
        for (; *k < length && text[*k] >= ASCII_END; (*k)++) {                                 \
            const Py_UCS4 c = text[*k];                                                        \
            if (c >= SURROGATE_FIRST && c <= SURROGATE_LAST)                                   \
                return -1;                                                                     \
            *out += put_wide(c, *out);                                                         \
        }                                                                                      \
        return 0;                                                                              \
    }
WIDE_RUN(wide_run_ucs1, Py_UCS1)
WIDE_RUN(wide_run_ucs2, Py_UCS2)

/* One bit a character of the VECTOR_CHARS at `text`, set where it is ASCII; their low bytes
 * (the characters themselves where ASCII) in *bytes. */
static inline unsigned
ascii_step_ucs1(const Py_UCS1 *text, __m128i *bytes)
{
    *bytes = _mm_loadu_si128((const __m128i *)text);
    return ~(unsigned)_mm_movemask_epi8(*bytes) & ALL_ASCII;
}

static inline unsigned
ascii_step_ucs2(const Py_UCS2 *text, __m128i *bytes)
{
    const __m128i low = _mm_loadu_si128((const __m128i *)text);
    const __m128i high = _mm_loadu_si128((const __m128i *)(text + VECTOR_CHARS / 2));
    const __m128i wide = _mm_set1_epi16(UCS2_LANE_WIDE), zero = _mm_setzero_si128();
    const __m128i ascii = _mm_packs_epi16(_mm_cmpeq_epi16(_mm_and_si128(low, wide), zero),
                                          _mm_cmpeq_epi16(_mm_and_si128(high, wide), zero));
    *bytes = _mm_packus_epi16(low, high);
    return (unsigned)_mm_movemask_epi8(ascii);
}

/* A str of one or two bytes a character in UTF-8, as the UTF8_OF functions: sixteen
 * characters a step, stored as bytes at once; the bytes past the step's first wide
 * character are stored too, then written over (the buffer has room: two bytes or more a
 * character still to come). */
#define UTF8_OF_VECTOR(NAME, CHAR, STEP, RUN)                                                  \
    static Py_ssize_t NAME(const CHAR *text, Py_ssize_t length, unsigned char *out)            \
    {                                                                                          \
        unsigned char *const first = out;                                                      \
        Py_ssize_t k = 0;                                                                      \
        while (k + VECTOR_CHARS <= length) {                                                   \
            __m128i bytes;                                                                     \
            const unsigned ascii = STEP(text + k, &bytes);                                     \
            _mm_storeu_si128((__m128i *)out, bytes);                                           \
            if (ascii == ALL_ASCII) {                                                          \
                out += VECTOR_CHARS;                                                           \
                k += VECTOR_CHARS;                                                             \
                continue;                                                                      \
            }                                                                                  \
            const int run = __builtin_ctz(~ascii); /* the ASCII characters before a wide one */ \
            out += run;                                                                        \
            k += run;                                                                          \
            if (RUN(text, length, &k, &out) < 0)                                               \
                return NO_SIZE;                                                                \
        }                                                                                      \
        while (k < length) {                                                                   \
            if (text[k] < ASCII_END)                                                           \
                *out++ = (unsigned char)text[k++];                                             \
            else if (RUN(text, length, &k, &out) < 0)                                          \
                return NO_SIZE;                                                                \
        }                                                                                      \
        return out - first;                                                                    \
    }
UTF8_OF_VECTOR(put_utf8_ucs1, Py_UCS1, ascii_step_ucs1, wide_run_ucs1)
UTF8_OF_VECTOR(put_utf8_ucs2, Py_UCS2, ascii_step_ucs2, wide_run_ucs2)
#else
UTF8_OF(put_utf8_ucs1, Py_UCS1, UCS1_WIDE, PACK_UCS1)
UTF8_OF(put_utf8_ucs2, Py_UCS2, UCS2_WIDE, pack_ucs2)
#endif

/* utf8_of(text): text.encode() (UTF-8, strict): the same bytes, or the same error. Written
 * into a bytes of the most bytes the str's width can need, then cut to size (shrunk in
 * place: no second copy of the page). */
static PyObject *
native_utf8_of(PyObject *module, PyObject *text)
{
    (void)module;
    if (!PyUnicode_Check(text)) {
        PyErr_SetString(PyExc_TypeError, "utf8_of: text must be a str");
        return NULL;
    }
    const Py_ssize_t length = PyUnicode_GET_LENGTH(text);
    const void *data = PyUnicode_DATA(text);
    if (PyUnicode_IS_ASCII(text))
        return PyBytes_FromStringAndSize((const char *)data, length);
    const int kind = PyUnicode_KIND(text);
    /* UCS1: 2 bytes a character at most, UCS2: 3, UCS4: 4 */
    const Py_ssize_t most = kind == PyUnicode_1BYTE_KIND ? 2 : kind == PyUnicode_2BYTE_KIND ? 3 : UTF8_MAX_BYTES;
    if (length > (PY_SSIZE_T_MAX - CHUNK_BYTES) / most)
        return PyErr_NoMemory();
    PyObject *out = PyBytes_FromStringAndSize(NULL, length * most);
    if (out == NULL)
        return NULL;
    unsigned char *buffer = (unsigned char *)PyBytes_AS_STRING(out);
    const Py_ssize_t size = kind == PyUnicode_1BYTE_KIND   ? put_utf8_ucs1(data, length, buffer)
                            : kind == PyUnicode_2BYTE_KIND ? put_utf8_ucs2(data, length, buffer)
                                                           : put_utf8_ucs4(data, length, buffer);
    if (size == NO_SIZE) {
        Py_DECREF(out);
        return PyUnicode_AsUTF8String(text); /* CPython's error */
    }
    if (_PyBytes_Resize(&out, size) < 0)
        return NULL;
    return out;
}

PyMethodDef page_utf8_methods[] = {
    {"utf8_of", (PyCFunction)native_utf8_of, METH_O,
     "utf8_of(text): text.encode(), eight bytes of ASCII characters packed at once."},
    {NULL, NULL, 0, NULL},
};
