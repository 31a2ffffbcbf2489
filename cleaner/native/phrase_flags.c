/* A page's phrase lines, built into cleaner.native._compiled (setup.py lists this file;
 * _compiled.c's module adds its function when it loads).
 *
 * labeler.HeuristicLabeler.phrase_lines marks a line holding a phrase (its category not
 * None) that a phrase or list entry fills (its covered characters at least `cover` of its
 * length, or its normalised form a listed line) and that has at most `max_words` words.
 * Python's loop over the few such lines cost a page about 60 bytecodes; here it is one
 * call. tests/test_native_phrase_flags.py compares the two. Plain CPython C API.
 */
#include "_compiled.h"

/* Whether `item` of `list` at `name` is an int, else a TypeError. */
static int
need_int(PyObject *item, const char *name)
{
    if (PyLong_Check(item))
        return 0;
    PyErr_Format(PyExc_TypeError, "phrase_line_flags: %s must hold ints", name);
    return -1;
}

/* phrase_line_flags(categories, covered, lows, norms, listed, words, cover, max_words):
 * labeler.phrase_lines' list of bools, one a line. The lists must be exact lists of the
 * same length, covered and words of ints, lows and norms of str; listed a dict. */
static PyObject *
native_phrase_line_flags(PyObject *module, PyObject *const *args, Py_ssize_t nargs)
{
    (void)module;
    if (nargs != 8) {
        PyErr_SetString(PyExc_TypeError, "phrase_line_flags takes 8 arguments");
        return NULL;
    }
    PyObject *categories = args[0], *covered = args[1], *lows = args[2], *norms = args[3];
    PyObject *listed = args[4], *words = args[5];
    if (!PyList_CheckExact(categories) || !PyList_CheckExact(covered) || !PyList_CheckExact(lows) ||
        !PyList_CheckExact(norms) || !PyList_CheckExact(words)) {
        PyErr_SetString(PyExc_TypeError, "phrase_line_flags: categories, covered, lows, norms and words must be lists");
        return NULL;
    }
    if (!PyDict_Check(listed)) {
        PyErr_SetString(PyExc_TypeError, "phrase_line_flags: listed must be a dict");
        return NULL;
    }
    const double cover = PyFloat_AsDouble(args[6]);
    if (cover == -1.0 && PyErr_Occurred())
        return NULL;
    const Py_ssize_t max_words = PyLong_AsSsize_t(args[7]);
    if (max_words == -1 && PyErr_Occurred())
        return NULL;
    const Py_ssize_t n = PyList_GET_SIZE(categories);
    if (PyList_GET_SIZE(covered) != n || PyList_GET_SIZE(lows) != n || PyList_GET_SIZE(norms) != n ||
        PyList_GET_SIZE(words) != n) {
        PyErr_SetString(PyExc_ValueError, "phrase_line_flags: the lists must have the same length");
        return NULL;
    }
    PyObject *out = PyList_New(n);
    if (out == NULL)
        return NULL;
    for (Py_ssize_t j = 0; j < n; j++) {
        int found = 0;
        if (PyList_GET_ITEM(categories, j) != Py_None) {
            PyObject *low = PyList_GET_ITEM(lows, j), *norm = PyList_GET_ITEM(norms, j);
            PyObject *chars = PyList_GET_ITEM(covered, j), *count = PyList_GET_ITEM(words, j);
            if (!PyUnicode_Check(low) || !PyUnicode_Check(norm)) {
                PyErr_SetString(PyExc_TypeError, "phrase_line_flags: lows and norms must hold str");
                goto fail;
            }
            if (need_int(chars, "covered") < 0 || need_int(count, "words") < 0)
                goto fail;
            /* covered >= cover * len(low), as Python compares an int with a float: exact
             * for any int a double holds exactly; a larger one compared by Python itself */
            int fills;
            const double length = (double)PyUnicode_GET_LENGTH(low);
            int overflow = 0;
            const long long value = PyLong_AsLongLongAndOverflow(chars, &overflow);
            if (!overflow && value > -(1LL << 53) && value < (1LL << 53)) {
                fills = (double)value >= cover * length;
            } else {
                if (overflow == 0 && PyErr_Occurred())
                    goto fail;
                PyObject *bound = PyFloat_FromDouble(cover * length);
                if (bound == NULL)
                    goto fail;
                fills = PyObject_RichCompareBool(chars, bound, Py_GE);
                Py_DECREF(bound);
                if (fills < 0)
                    goto fail;
            }
            if (!fills) {
                fills = PyDict_Contains(listed, norm);
                if (fills < 0)
                    goto fail;
            }
            if (fills) {
                overflow = 0;
                const long long many = PyLong_AsLongLongAndOverflow(count, &overflow);
                if (many == -1 && !overflow && PyErr_Occurred())
                    goto fail;
                found = overflow < 0 || (!overflow && many <= (long long)max_words);
            }
        }
        PyList_SET_ITEM(out, j, Py_NewRef(found ? Py_True : Py_False));
    }
    return out;
fail:
    /* the items not set yet are NULL, which the list's deallocation skips */
    Py_DECREF(out);
    return NULL;
}

PyMethodDef phrase_flag_methods[] = {
    {"phrase_line_flags", (PyCFunction)(void (*)(void))native_phrase_line_flags, METH_FASTCALL,
     "phrase_line_flags(categories, covered, lows, norms, listed, words, cover, max_words): "
     "labeler.phrase_lines, one bool a line."},
    {NULL, NULL, 0, NULL},
};
