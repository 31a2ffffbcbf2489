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
    for (int k = 0; k < COPULA_COUNT; k++) {
        const struct copula *word = &copulas[k];
        if (at + word->size >= size) /* the copula, then one more character */
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

/* Whether _PHONE_FOUND (\d[\d ()/-]{7,}\d) can match in `line`: a run of decimals and
 * " ()/-" whose first and last decimals are at least eight characters apart. */
static int
may_hold_phone(PyObject *line)
{
    const int kind = PyUnicode_KIND(line);
    const void *data = PyUnicode_DATA(line);
    const Py_ssize_t size = PyUnicode_GET_LENGTH(line);
    Py_ssize_t first = -1; /* the first decimal of the current run, or -1 */
    for (Py_ssize_t k = 0; k < size; k++) {
        const Py_UCS4 c = PyUnicode_READ(kind, data, k);
        if (c < 0x80 ? c - '0' < 10u : Py_UNICODE_ISDECIMAL(c) != 0) {
            if (first < 0)
                first = k;
            else if (k - first >= 8)
                return 1;
        }
        else if (c != ' ' && c != '(' && c != ')' && c != '/' && c != '-')
            first = -1;
    }
    return 0;
}

/* Whether a line of one string width holds "http" or "www.": each place compared with
 * both marks whole (a fixed-size memcmp, a load and two compares), which the processor
 * overlaps place after place, where a search skipping by the last character read waits
 * for that read before each step (it took twice the time on the dev pages). */
#define HOLDS_LINK(NAME, CHAR)                                                                 \
    static int NAME(const void *data, Py_ssize_t size)                                        \
    {                                                                                          \
        static const CHAR http[LINK_MARK_CHARS] = {'h', 't', 't', 'p'};                       \
        static const CHAR www[LINK_MARK_CHARS] = {'w', 'w', 'w', '.'};                         \
        const CHAR *text = (const CHAR *)data;                                                 \
        for (Py_ssize_t k = 0; k + LINK_MARK_CHARS <= size; k++) {                             \
            if (memcmp(text + k, http, sizeof(http)) == 0 || memcmp(text + k, www, sizeof(www)) == 0) \
                return 1;                                                                      \
        }                                                                                      \
        return 0;                                                                              \
    }
HOLDS_LINK(holds_link_ucs2, Py_UCS2)
HOLDS_LINK(holds_link_ucs4, Py_UCS4)

/* Whether a line of one byte a character holds `mark` (LINK_MARK_CHARS long): memchr
 * (the C library's, many bytes a step) finds each place of its last character, rarer
 * in text than its first ("p", "."), and the characters before it are compared. */
static int
holds_mark_ucs1(const Py_UCS1 *text, Py_ssize_t size, const char *mark)
{
    const Py_UCS1 *end = text + size, *at = text + LINK_MARK_CHARS - 1;
    while (at < end && (at = memchr(at, mark[LINK_MARK_CHARS - 1], (size_t)(end - at))) != NULL) {
        if (memcmp(at - (LINK_MARK_CHARS - 1), mark, LINK_MARK_CHARS) == 0)
            return 1;
        at++;
    }
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
        return holds_mark_ucs1(data, size, "http") || holds_mark_ucs1(data, size, "www.");
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
