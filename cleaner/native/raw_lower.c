/* A page's lines lower-cased and normalised line by line, built into
 * cleaner.native._compiled (setup.py lists this file; _compiled.c's module adds these
 * functions when it loads).
 *
 * HeuristicLabeler._read_lines joined a page's lines, lower-cased the page (lexicon.lower_text)
 * and split it again at the line breaks (a str per line, each finding its widest
 * character), then stripped each line's end (lexicon.normalise_lower): four passes over
 * the text. lower_lines reads each line once: an ASCII line is lower-cased here (the line
 * itself where it holds no capital), any other is given to the lower-caser the caller
 * passes (lower_text's compiled twin, and its Python original where the twin answers None);
 * its end is stripped of `line_end`'s characters (the line itself where none ends it). A
 * line break is no cased character nor a case-ignorable one, so the final sigma reads
 * the same in a line as in the page. tests/test_native_raw_lower.py compares it with the
 * page's lower_text split and rstrip. Plain CPython C API.
 */
#include "_compiled.h"

#define MAX_LINE_END 32 /* characters the normalised form may strip */

/* An ASCII line lower-cased: the line itself (a new reference) when it holds no capital. */
static PyObject *
lower_ascii(PyObject *text, int *has_break)
{
    const Py_UCS1 *data = PyUnicode_1BYTE_DATA(text);
    const Py_ssize_t size = PyUnicode_GET_LENGTH(text);
    Py_ssize_t first_upper = -1;
    for (Py_ssize_t k = 0; k < size; k++) {
        if (data[k] == '\n')
            *has_break = 1;
        if (first_upper < 0 && data[k] >= 'A' && data[k] <= 'Z')
            first_upper = k;
    }
    if (first_upper < 0 && PyUnicode_CheckExact(text))
        return Py_NewRef(text);
    PyObject *low = PyUnicode_New(size, 127);
    if (low == NULL)
        return NULL;
    Py_UCS1 *out = PyUnicode_1BYTE_DATA(low);
    for (Py_ssize_t k = 0; k < size; k++)
        out[k] = (Py_UCS1)(data[k] >= 'A' && data[k] <= 'Z' ? data[k] + ('a' - 'A') : data[k]);
    return low;
}

/* Any other line lower-cased by `lower` (None from it: by `fallback`); NULL on an error. */
PyObject *
cleaner_lower_other(PyObject *text, PyObject *lower, PyObject *fallback, int *has_break)
{
    const Py_ssize_t at = PyUnicode_FindChar(text, '\n', 0, PyUnicode_GET_LENGTH(text), 1);
    if (at == -2)
        return NULL;
    if (at >= 0)
        *has_break = 1;
    PyObject *low = PyObject_CallOneArg(lower, text);
    if (low == Py_None) {
        Py_DECREF(low);
        low = PyObject_CallOneArg(fallback, text);
    }
    if (low != NULL && !PyUnicode_Check(low)) {
        Py_DECREF(low);
        PyErr_SetString(PyExc_TypeError, "lower_lines: the lower-caser must return str");
        return NULL;
    }
    return low;
}

/* low.rstrip(line_end): the line itself (a new reference) when none of them ends it. */
PyObject *
cleaner_stripped_end(PyObject *low, const Py_UCS4 *ends, Py_ssize_t count)
{
    const int kind = PyUnicode_KIND(low);
    const void *data = PyUnicode_DATA(low);
    const Py_ssize_t size = PyUnicode_GET_LENGTH(low);
    Py_ssize_t end = size;
    while (end > 0) {
        const Py_UCS4 c = PyUnicode_READ(kind, data, end - 1);
        Py_ssize_t j = 0;
        while (j < count && ends[j] != c)
            j++;
        if (j == count)
            break;
        end--;
    }
    if (end == size && PyUnicode_CheckExact(low))
        return Py_NewRef(low);
    return PyUnicode_Substring(low, 0, end);
}

/* lower_lines(texts, lower, fallback, line_end): (lows, norms, has_break): each line
 * lower-cased, that stripped of line_end's characters at its end, and whether a line
 * holds a line break. */
static PyObject *
native_lower_lines(PyObject *module, PyObject *const *args, Py_ssize_t nargs)
{
    (void)module;
    if (nargs != 4) {
        PyErr_SetString(PyExc_TypeError, "lower_lines takes (texts, lower, fallback, line_end)");
        return NULL;
    }
    PyObject *texts = args[0], *lower = args[1], *fallback = args[2], *line_end = args[3];
    if (!PyList_Check(texts) || !PyCallable_Check(lower) || !PyCallable_Check(fallback) ||
        !PyUnicode_Check(line_end)) {
        PyErr_SetString(PyExc_TypeError, "lower_lines: expected (list of str, callable, callable, str)");
        return NULL;
    }
    Py_UCS4 ends[MAX_LINE_END];
    const Py_ssize_t count = PyUnicode_GET_LENGTH(line_end);
    if (count > MAX_LINE_END) {
        PyErr_SetString(PyExc_ValueError, "lower_lines: line_end holds too many characters");
        return NULL;
    }
    for (Py_ssize_t j = 0; j < count; j++)
        ends[j] = PyUnicode_READ_CHAR(line_end, j);
    /* the lower-caser is Python code that may change the list: a copy of its items is read */
    PyObject *lines = PySequence_Tuple(texts);
    if (lines == NULL)
        return NULL;
    const Py_ssize_t n = PyTuple_GET_SIZE(lines);
    PyObject *lows = PyList_New(n), *norms = PyList_New(n), *result = NULL;
    int has_break = 0;
    if (lows == NULL || norms == NULL)
        goto done;
    for (Py_ssize_t j = 0; j < n; j++) {
        PyObject *text = PyTuple_GET_ITEM(lines, j);
        if (!PyUnicode_Check(text)) {
            PyErr_SetString(PyExc_TypeError, "lower_lines: texts must be a list of str");
            goto done;
        }
        PyObject *low = PyUnicode_IS_ASCII(text) ? lower_ascii(text, &has_break)
                                                 : cleaner_lower_other(text, lower, fallback, &has_break);
        if (low == NULL)
            goto done;
        PyList_SET_ITEM(lows, j, low);
        PyObject *norm = cleaner_stripped_end(low, ends, count);
        if (norm == NULL)
            goto done;
        PyList_SET_ITEM(norms, j, norm);
    }
    result = Py_BuildValue("(OOO)", lows, norms, has_break ? Py_True : Py_False);
done:
    Py_DECREF(lines);
    Py_XDECREF(lows); /* a list's unset items are NULL, which its deallocation skips */
    Py_XDECREF(norms);
    return result;
}

PyMethodDef raw_lower_methods[] = {
    {"lower_lines", (PyCFunction)(void (*)(void))native_lower_lines, METH_FASTCALL,
     "lower_lines(texts, lower, fallback, line_end): (lows, norms, whether a line holds a line break)."},
    {NULL, NULL, 0, NULL},
};
