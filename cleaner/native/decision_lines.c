/* Compiled twins of the article decisions' page walks (cleaner/heuristics/decisions.py:
 * meta-line), built into cleaner.native._compiled (setup.py SOURCES; _compiled.c adds
 * decision_line_methods when the module loads).
 *
 *   meta_candidates   meta_lines.meta_candidates_python: the kept lines outside the
 *                     article's paragraphs that may be a post's metadata line.
 *   body_share_start  decisions._body_share_start_python: the first kept line past a share
 *                     of the kept words or lines (contact-line's second half).
 *
 * One call reads the page's labels, word counts and the few lines at its edges, where
 * the Python original stepped through C-level map chains line by line (300-400
 * instructions a line each step). tests/test_decision_lines.py compares each with its
 * Python reference on the corpus, hostile strings and random pages. Plain CPython C API,
 * no module state.
 */
#include "_compiled.h"
#include <math.h>

/* words[j] as a C long, clamped to LONG_MIN/LONG_MAX where the int is wider (every bound
 * compared with it is small); -1 with an exception set in *failed when it is no int. */
static long
words_at(PyObject *words, Py_ssize_t j, int *failed)
{
    PyObject *count = PyList_GET_ITEM(words, j);
    if (!PyLong_Check(count)) {
        PyErr_SetString(PyExc_TypeError, "words must be a list of int");
        *failed = 1;
        return -1;
    }
    int overflow = 0;
    const long value = PyLong_AsLongAndOverflow(count, &overflow);
    if (overflow)
        return overflow > 0 ? LONG_MAX : LONG_MIN;
    if (value == -1 && PyErr_Occurred())
        *failed = 1;
    return value;
}

/* -------------------------------------------------------------- meta_candidates */

/* meta_lines._SEPARATOR's middle: "-|·•/–—". */
static inline int
is_field_break(Py_UCS4 c)
{
    return c == '-' || c == '|' || c == '/' || c == 0xB7 || c == 0x2022 || c == 0x2013 || c == 0x2014;
}

/* The scan of has_field_breaks for one str width (CHAR the code unit): the loop reads a
 * unit and tests it against the breaks inline, with no per-character switch on the width. */
#define FIELD_BREAK_SCAN(CHAR)                                                                      \
    do {                                                                                            \
        const CHAR *units = (const CHAR *)data;                                                     \
        for (Py_ssize_t m = 1; m + 1 < size; m++) {                                                 \
            const Py_UCS4 c = units[m];                                                             \
            if (!is_field_break(c) || m - 1 < free_from)                                            \
                continue;                                                                           \
            if (cleaner_is_py_space(units[m - 1]) && cleaner_is_py_space(units[m + 1])) {           \
                if (++found >= needed)                                                              \
                    return 1;                                                                       \
                free_from = m + 2;                                                                  \
            }                                                                                       \
        }                                                                                           \
    } while (0)

/* Whether `text` holds at least `needed` matches of meta_lines._SEPARATOR (white space, a
 * field break, white space) as re.findall counts them: left to right, none overlapping. */
static int
has_field_breaks(PyObject *text, long needed)
{
    if (needed <= 0)
        return 1;
    const void *data = PyUnicode_DATA(text);
    const Py_ssize_t size = PyUnicode_GET_LENGTH(text);
    Py_ssize_t free_from = 0; /* the first character no match has taken */
    long found = 0;
    switch (PyUnicode_KIND(text)) {
    case PyUnicode_1BYTE_KIND:
        FIELD_BREAK_SCAN(Py_UCS1);
        break;
    case PyUnicode_2BYTE_KIND:
        FIELD_BREAK_SCAN(Py_UCS2);
        break;
    default:
        FIELD_BREAK_SCAN(Py_UCS4);
        break;
    }
    return 0;
}

/* Whether `text` holds two decimal digits (str.isdecimal, re's \d) side by side: every
 * match of meta_lines._DATE does ("12.03.2024", "10:15", "March 12, 2024"). */
static int
has_digit_pair(PyObject *text)
{
    const int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    const Py_ssize_t size = PyUnicode_GET_LENGTH(text);
    int previous = 0;
    for (Py_ssize_t k = 0; k < size; k++) {
        const Py_UCS4 c = PyUnicode_READ(kind, data, k);
        const int digit = c < 128 ? (c >= '0' && c <= '9') : Py_UNICODE_ISDECIMAL(c);
        if (digit && previous)
            return 1;
        previous = digit;
    }
    return 0;
}

/* meta_candidates(texts, words, local, usable, paragraph_words, max_words, min_breaks):
 * meta_lines.meta_candidates_python. The kept lines above the first kept line of
 * paragraph_words words or more, or below the last (none when there is no such line), of at
 * most max_words words, holding min_breaks spaced field breaks or more and two decimal
 * digits side by side. */
static PyObject *
native_meta_candidates(PyObject *module, PyObject *const *args, Py_ssize_t nargs)
{
    (void)module;
    if (nargs != 7) {
        PyErr_SetString(PyExc_TypeError,
                        "meta_candidates(texts, words, local, usable, paragraph_words, max_words, min_breaks) "
                        "takes 7 arguments");
        return NULL;
    }
    PyObject *texts = args[0], *words = args[1], *local = args[2], *usable = args[3];
    if (!PyList_Check(texts)) {
        PyErr_SetString(PyExc_TypeError, "meta_candidates: texts must be a list of str");
        return NULL;
    }
    const Py_ssize_t n = PyList_GET_SIZE(texts);
    if (!cleaner_check_list(words, n, "meta_candidates: words") || !cleaner_check_list(local, n, "meta_candidates: local") ||
        (usable != Py_None && !cleaner_check_list(usable, n, "meta_candidates: usable")))
        return NULL;
    const long paragraph_words = PyLong_AsLong(args[4]);
    const long max_words = PyLong_AsLong(args[5]);
    const long min_breaks = PyLong_AsLong(args[6]);
    if (PyErr_Occurred())
        return NULL;
    int failed = 0;
    Py_ssize_t first = -1, last = -1;
    for (Py_ssize_t j = 0; j < n && first < 0; j++) {
        const int kept = cleaner_kept_at(local, usable, j);
        if (kept < 0)
            return NULL;
        if (kept && words_at(words, j, &failed) >= paragraph_words)
            first = j;
        if (failed)
            return NULL;
    }
    if (first < 0)
        return PyList_New(0);
    for (Py_ssize_t j = n - 1; j >= first && last < 0; j--) {
        const int kept = cleaner_kept_at(local, usable, j);
        if (kept < 0)
            return NULL;
        if (kept && words_at(words, j, &failed) >= paragraph_words)
            last = j;
        if (failed)
            return NULL;
    }
    PyObject *out = PyList_New(0);
    if (out == NULL)
        return NULL;
    for (Py_ssize_t j = 0; j < n; j++) {
        if (j == first)
            j = last + 1; /* the paragraphs and what lies between them: never read */
        if (j >= n)
            break;
        const int kept = cleaner_kept_at(local, usable, j);
        if (kept < 0)
            goto fail;
        if (!kept)
            continue;
        const long count = words_at(words, j, &failed);
        if (failed)
            goto fail;
        PyObject *text = PyList_GET_ITEM(texts, j);
        if (!PyUnicode_Check(text)) {
            PyErr_SetString(PyExc_TypeError, "meta_candidates: texts must be a list of str");
            goto fail;
        }
        if (count <= max_words && has_field_breaks(text, min_breaks) && has_digit_pair(text) &&
            cleaner_append_index(out, j) < 0)
            goto fail;
    }
    return out;
fail:
    Py_DECREF(out);
    return NULL;
}

/* ------------------------------------------------------------- body_share_start */

/* body_share_start(words, local, usable, share): decisions._body_share_start_python. The
 * index of the first kept line with `share` of the kept words above it, or past `share` of
 * the kept lines (the first of ceil(share * lines)), whichever comes first; -1 when none. */
static PyObject *
native_body_share_start(PyObject *module, PyObject *const *args, Py_ssize_t nargs)
{
    (void)module;
    if (nargs != 4) {
        PyErr_SetString(PyExc_TypeError, "body_share_start(words, local, usable, share) takes 4 arguments");
        return NULL;
    }
    PyObject *words = args[0], *local = args[1], *usable = args[2];
    if (!PyList_Check(words)) {
        PyErr_SetString(PyExc_TypeError, "body_share_start: words must be a list of int");
        return NULL;
    }
    const Py_ssize_t n = PyList_GET_SIZE(words);
    if (!cleaner_check_list(local, n, "body_share_start: local") ||
        (usable != Py_None && !cleaner_check_list(usable, n, "body_share_start: usable")))
        return NULL;
    const double share = PyFloat_AsDouble(args[3]);
    if (share == -1.0 && PyErr_Occurred())
        return NULL;
    /* the kept words and lines in all: a count past 2**53 would round in the float test */
    double total = 0.0;
    Py_ssize_t lines = 0;
    int failed = 0;
    for (Py_ssize_t j = 0; j < n; j++) {
        const int kept = cleaner_kept_at(local, usable, j);
        if (kept < 0)
            return NULL;
        if (!kept)
            continue;
        const long count = words_at(words, j, &failed);
        if (failed)
            return NULL;
        if (count < 0 || count > (1L << 30)) {
            PyErr_SetString(PyExc_ValueError, "body_share_start: a word count out of range");
            return NULL;
        }
        total += (double)count;
        lines++;
    }
    const double words_needed = share * total;
    const double lines_needed = ceil(share * (double)lines);
    double above = 0.0;
    Py_ssize_t rank = 0; /* kept lines above j */
    for (Py_ssize_t j = 0; j < n; j++) {
        if (!cleaner_kept_at(local, usable, j))
            continue;
        if (above >= words_needed || (double)rank >= lines_needed)
            return PyLong_FromSsize_t(j);
        above += (double)words_at(words, j, &failed);
        rank++;
    }
    return PyLong_FromLong(-1);
}

PyMethodDef decision_line_methods[] = {
    {"body_share_start", (PyCFunction)(void (*)(void))native_body_share_start, METH_FASTCALL,
     "body_share_start(words, local, usable, share): the first kept line past share of the kept "
     "words or lines, or -1."},
    {"meta_candidates", (PyCFunction)(void (*)(void))native_meta_candidates, METH_FASTCALL,
     "meta_candidates(texts, words, local, usable, paragraph_words, max_words, min_breaks): the kept "
     "lines outside the paragraphs that may be a metadata line."},
    {NULL, NULL, 0, NULL},
};
