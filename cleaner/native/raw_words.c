/* A raw dump's lower-cased page in UTF-8 with its white space made ASCII spaces, built
 * into cleaner.native._compiled (setup.py lists this file; _compiled.c's module adds these
 * functions when it loads).
 *
 * The raw-dump column "stop" (features._stop_shares) reads the page's words. A page whose
 * white space is all ASCII's six is read from its UTF-8 bytes (bytes.split, and the
 * compiled byte_word_occurrences hashing them); any other page (NBSP, U+2028, the ASCII
 * information separators...) took str.split() and a str object per word. respaced_utf8
 * writes such a page in UTF-8 with every character str.split() cuts at written as a
 * space: bytes.split() then cuts where str.split() cuts, each word the str word's UTF-8
 * (UTF-8 is one to one, so words repeat where they repeat), whose characters its lead bytes
 * count. tests/test_native_raw_words.py compares the words with str.split(). Plain CPython
 * C API.
 */
#include "_compiled.h"

#define MOST_UTF8_BYTES 4 /* a code point's longest UTF-8 form */

/* Each ASCII character as respaced_utf8 writes it (str.split()'s white space as ' '): a
 * table read instead of cleaner_is_py_space's branches, which the spaces between words
 * mispredict. Filled once, by respaced_utf8's first call. */
#define ASCII_LIMIT 0x80
static char ascii_respaced[ASCII_LIMIT];
static int ascii_respaced_filled = 0;

static void
fill_ascii_respaced(void)
{
    for (Py_UCS4 c = 0; c < ASCII_LIMIT; c++)
        ascii_respaced[c] = cleaner_is_py_space(c) ? ' ' : (char)c;
    ascii_respaced_filled = 1;
}

/* Writes `text` (one copy per string kind) into `out`, white space as ' '; returns the end. */
#define RESPACE(NAME, CHAR)                                                                     \
    static char *NAME(const void *data, Py_ssize_t size, char *out)                             \
    {                                                                                           \
        const CHAR *text = (const CHAR *)data;                                                  \
        for (Py_ssize_t k = 0; k < size; k++) {                                                 \
            const Py_UCS4 c = text[k];                                                          \
            if (c < ASCII_LIMIT) {                                                              \
                *out++ = ascii_respaced[c];                                                     \
            } else if (cleaner_is_py_space(c)) {                                                \
                *out++ = ' ';                                                                   \
            } else if (c < 0x800) {                                                             \
                *out++ = (char)(0xC0 | (c >> 6));                                               \
                *out++ = (char)(0x80 | (c & 0x3F));                                             \
            } else if (c < 0x10000) { /* a lone surrogate too, as "surrogatepass" writes it */  \
                *out++ = (char)(0xE0 | (c >> 12));                                              \
                *out++ = (char)(0x80 | ((c >> 6) & 0x3F));                                      \
                *out++ = (char)(0x80 | (c & 0x3F));                                             \
            } else {                                                                            \
                *out++ = (char)(0xF0 | (c >> 18));                                              \
                *out++ = (char)(0x80 | ((c >> 12) & 0x3F));                                     \
                *out++ = (char)(0x80 | ((c >> 6) & 0x3F));                                      \
                *out++ = (char)(0x80 | (c & 0x3F));                                             \
            }                                                                                   \
        }                                                                                       \
        return out;                                                                             \
    }
RESPACE(respace_ucs1, Py_UCS1)
RESPACE(respace_ucs2, Py_UCS2)
RESPACE(respace_ucs4, Py_UCS4)

/* respaced_utf8(page): page in UTF-8 (lone surrogates as "surrogatepass" writes them),
 * every character str.split() cuts at written as b" ". */
static PyObject *
native_respaced_utf8(PyObject *module, PyObject *page)
{
    (void)module;
    if (!PyUnicode_Check(page)) {
        PyErr_SetString(PyExc_TypeError, "respaced_utf8: page must be a str");
        return NULL;
    }
    const Py_ssize_t size = PyUnicode_GET_LENGTH(page);
    const int kind = PyUnicode_KIND(page);
    /* a one-byte string's characters take at most two bytes each, the others' four */
    const Py_ssize_t per_char = kind == PyUnicode_1BYTE_KIND ? 2 : MOST_UTF8_BYTES;
    if (size > PY_SSIZE_T_MAX / per_char)
        return PyErr_NoMemory();
    PyObject *out = PyBytes_FromStringAndSize(NULL, size * per_char);
    if (out == NULL)
        return NULL;
    if (!ascii_respaced_filled)
        fill_ascii_respaced();
    char *begin = PyBytes_AS_STRING(out);
    const void *data = PyUnicode_DATA(page);
    char *end = kind == PyUnicode_1BYTE_KIND   ? respace_ucs1(data, size, begin)
                : kind == PyUnicode_2BYTE_KIND ? respace_ucs2(data, size, begin)
                                               : respace_ucs4(data, size, begin);
    if (_PyBytes_Resize(&out, end - begin) < 0)
        return NULL;
    return out;
}

PyMethodDef raw_word_methods[] = {
    {"respaced_utf8", native_respaced_utf8, METH_O,
     "respaced_utf8(page): page in UTF-8, every character str.split() cuts at written as b' '."},
    {NULL, NULL, 0, NULL},
};
