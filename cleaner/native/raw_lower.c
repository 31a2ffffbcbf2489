/* What the line readers share: a line past ASCII lower-cased by the lower-caser the caller
 * passes, and a lower-cased line's end stripped of the line-end characters (declared in
 * _compiled.h). raw_read.c's lower_count_lines reads each line once with them: an ASCII line
 * is lower-cased there, any other is given to the lower-caser (lower_text's compiled twin, and
 * its Python original where the twin answers None). A line break is no cased character nor a
 * case-ignorable one, so the final sigma reads the same in a line as in the page.
 * tests/test_native_raw_read.py compares the lines with the page's lower_text split and
 * rstrip. Plain CPython C API.
 */
#include "_compiled.h"

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
        PyErr_SetString(PyExc_TypeError, "lower_count_lines: the lower-caser must return str");
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
