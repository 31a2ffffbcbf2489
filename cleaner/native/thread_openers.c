/* Compiled twin of comment_threads.opener_lines' last test, built into
 * cleaner.native._compiled (setup.py SOURCES; _compiled.c adds these functions).
 *
 * A short line opening or closing with a count, a bracket or a bar may open a comment
 * thread ("12 Comments", "| READER COMMENTS |") when its opener_form (the line with its
 * noise characters as spaces, its words joined by one space) is a comments line of the
 * lexicons. In Python each such line cost a regex substitution, a split and a join; most
 * of them are list items and numbered lines. thread_openers builds the form in a buffer
 * and looks it up in the lexicon's dict. Its pure-Python reference is
 * comment_threads.thread_openers_python; tests/test_native_thread_openers.py compares them.
 * Plain CPython C API, no module state.
 */
#include "_compiled.h"

/* Whether ch is one of OPENER_NOISE's characters: a decimal digit as re's \d reads it
 * (Py_UNICODE_ISDECIMAL, the Nd category), or one of "()[]|•·:#-". */
static int
opener_noise(Py_UCS4 ch)
{
    switch (ch) {
    case '(': case ')': case '[': case ']': case '|': case ':': case '#': case '-':
    case 0x2022: /* • */
    case 0x00B7: /* · */
        return 1;
    default: /* an ASCII character is decimal only as '0'-'9': no Unicode table look-up */
        return ch < 128 ? (ch >= '0' && ch <= '9') : Py_UNICODE_ISDECIMAL(ch);
    }
}

/* opener_form(norm) as a new str (comment_threads.opener_form), NULL on failure. `buffer`
 * holds at least the line's length of characters. */
static PyObject *
opener_form(PyObject *norm, Py_UCS4 *buffer)
{
    const int kind = PyUnicode_KIND(norm);
    const void *data = PyUnicode_DATA(norm);
    const Py_ssize_t size = PyUnicode_GET_LENGTH(norm);
    Py_ssize_t out = 0;
    int in_word = 0;
    for (Py_ssize_t i = 0; i < size; i++) {
        const Py_UCS4 ch = PyUnicode_READ(kind, data, i);
        if (opener_noise(ch) || Py_UNICODE_ISSPACE(ch)) {
            in_word = 0;
            continue;
        }
        if (!in_word && out > 0)
            buffer[out++] = ' ';  /* never past `size`: a gap took a character of its own */
        buffer[out++] = ch;
        in_word = 1;
    }
    return PyUnicode_FromKindAndData(PyUnicode_4BYTE_KIND, buffer, out);
}

/* thread_openers(norms, indexes, line_category, category): comment_threads.thread_openers_python.
 * Those of the lines `indexes` of `norms` (a list of str) whose opener_form the dict
 * `line_category` maps to a value equal to `category`, in the order given. */
static PyObject *
native_thread_openers(PyObject *module, PyObject *const *args, Py_ssize_t nargs)
{
    (void)module;
    if (nargs != 4) {
        PyErr_SetString(PyExc_TypeError, "thread_openers(norms, indexes, line_category, category) takes 4 arguments");
        return NULL;
    }
    PyObject *norms = args[0], *indexes = args[1], *line_category = args[2], *category = args[3];
    if (!PyList_Check(norms) || !PyList_Check(indexes) || !PyDict_Check(line_category)) {
        PyErr_SetString(PyExc_TypeError, "thread_openers: expected a list of str, a list of int and a dict");
        return NULL;
    }
    const Py_ssize_t lines = PyList_GET_SIZE(norms);
    PyObject *out = PyList_New(0);
    if (out == NULL)
        return NULL;
    Py_UCS4 *buffer = NULL;
    Py_ssize_t capacity = 0;
    for (Py_ssize_t k = 0; k < PyList_GET_SIZE(indexes); k++) {
        PyObject *index = PyList_GET_ITEM(indexes, k);
        if (!PyLong_Check(index)) {
            PyErr_SetString(PyExc_TypeError, "thread_openers: indexes must be a list of int");
            goto fail;
        }
        const Py_ssize_t j = PyLong_AsSsize_t(index);
        if (j == -1 && PyErr_Occurred())
            goto fail;
        if (j < 0 || j >= lines) {
            PyErr_SetString(PyExc_ValueError, "thread_openers: an index is out of the lines' range");
            goto fail;
        }
        PyObject *norm = PyList_GET_ITEM(norms, j);
        if (!PyUnicode_Check(norm)) {
            PyErr_SetString(PyExc_TypeError, "thread_openers: norms must be a list of str");
            goto fail;
        }
        const Py_ssize_t size = PyUnicode_GET_LENGTH(norm);
        if (size >= capacity) {  /* one more than the line: never a buffer of none */
            Py_UCS4 *grown = PyMem_Realloc(buffer, (size_t)(size + 1) * sizeof(Py_UCS4));
            if (grown == NULL) {
                PyErr_NoMemory();
                goto fail;
            }
            buffer = grown;
            capacity = size + 1;
        }
        PyObject *form = opener_form(norm, buffer);
        if (form == NULL)
            goto fail;
        PyObject *found = PyDict_GetItemWithError(line_category, form);  /* borrowed */
        Py_DECREF(form);
        if (found == NULL) {
            if (PyErr_Occurred())
                goto fail;
            continue;
        }
        Py_INCREF(found);
        const int same = PyObject_RichCompareBool(found, category, Py_EQ);
        Py_DECREF(found);
        if (same < 0)
            goto fail;
        if (same && cleaner_append_index(out, j) < 0)
            goto fail;
    }
    PyMem_Free(buffer);
    return out;
fail:
    PyMem_Free(buffer);
    Py_DECREF(out);
    return NULL;
}

PyMethodDef thread_opener_methods[] = {
    {"thread_openers", (PyCFunction)(void (*)(void))native_thread_openers, METH_FASTCALL,
     "thread_openers(norms, indexes, line_category, category): comment_threads.thread_openers_python."},
    {NULL, NULL, 0, NULL},
};
