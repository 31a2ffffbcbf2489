/* A raw dump's word counts and its white space check in one pass, built into
 * cleaner.native._compiled (setup.py lists this file; _compiled.c's module adds these
 * functions when it loads).
 *
 * HeuristicLabeler._read_lines counted each lower-cased line's words (token_counts) and
 * then searched the page's UTF-8 bytes once more for a white space character other than
 * the six ASCII ones (features.ascii_spaced, an RE2 scan): the word count reads every
 * character's white space test already, so it answers both. tests/test_native_raw_tokens.py
 * compares it with token_counts_python and ascii_spaced. Plain CPython C API.
 */
#include "_compiled.h"

/* The words of str.split() in a line, and in *other whether it holds white space that
 * bytes.split() does not know. One copy per string width. */
#define SPACED_COUNT(NAME, CHAR)                                                               \
    static Py_ssize_t NAME(const void *data, Py_ssize_t size, int *other)                      \
    {                                                                                          \
        const CHAR *text = (const CHAR *)data;                                                 \
        Py_ssize_t count = 0;                                                                  \
        int after_space = 1;                                                                   \
        for (Py_ssize_t k = 0; k < size; k++) {                                                \
            const int space = cleaner_is_py_space(text[k]);                                    \
            count += after_space & !space;                                                     \
            after_space = space;                                                               \
            if (space && !cleaner_is_byte_space(text[k]))                                      \
                *other = 1;                                                                    \
        }                                                                                      \
        return count;                                                                          \
    }
SPACED_COUNT(spaced_count_ucs1, Py_UCS1)
SPACED_COUNT(spaced_count_ucs2, Py_UCS2)
SPACED_COUNT(spaced_count_ucs4, Py_UCS4)

/* spaced_token_counts(lines): (token_counts(lines), whether every white space character in
 * them is one of the six ASCII ones: ascii_spaced of "\n".join(lines) in UTF-8). */
static PyObject *
native_spaced_token_counts(PyObject *module, PyObject *lines)
{
    (void)module;
    if (!PyList_Check(lines)) {
        PyErr_SetString(PyExc_TypeError, "spaced_token_counts: lines must be a list of str");
        return NULL;
    }
    const Py_ssize_t n = PyList_GET_SIZE(lines);
    PyObject *counts = PyList_New(n);
    if (counts == NULL)
        return NULL;
    int other = 0;
    for (Py_ssize_t j = 0; j < n; j++) {
        PyObject *line = PyList_GET_ITEM(lines, j);
        if (!PyUnicode_Check(line)) {
            Py_DECREF(counts);
            PyErr_SetString(PyExc_TypeError, "spaced_token_counts: lines must be a list of str");
            return NULL;
        }
        const void *data = PyUnicode_DATA(line);
        const Py_ssize_t size = PyUnicode_GET_LENGTH(line);
        const int kind = PyUnicode_KIND(line);
        const Py_ssize_t count = kind == PyUnicode_1BYTE_KIND   ? spaced_count_ucs1(data, size, &other)
                                 : kind == PyUnicode_2BYTE_KIND ? spaced_count_ucs2(data, size, &other)
                                                                : spaced_count_ucs4(data, size, &other);
        PyObject *number = PyLong_FromSsize_t(count);
        if (number == NULL) {
            Py_DECREF(counts);
            return NULL;
        }
        PyList_SET_ITEM(counts, j, number);
    }
    PyObject *pair = Py_BuildValue("(NO)", counts, other ? Py_False : Py_True);
    return pair;
}

PyMethodDef raw_token_methods[] = {
    {"spaced_token_counts", native_spaced_token_counts, METH_O,
     "spaced_token_counts(lines): (len(line.split()) per line, whether all their white space is ASCII's six)."},
    {NULL, NULL, 0, NULL},
};
