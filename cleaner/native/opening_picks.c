/* Decisions' candidates picked by how a line opens, compiled into cleaner.native._compiled
 * (setup.py SOURCES; _compiled.c adds opening_pick_methods).
 * contact_marked: the contact-line decision's candidates in one pass, the twin of
 * contact_lines.contact_marked_python. A contact line opens with an opener ("Follow",
 * "Write to") after signs and holds an address's mark; the opener is tested first, at the
 * line's first two word characters only, so the mark (cleaner_holds_address_mark, the test
 * address_marked in _line_marks.c runs) is searched for in the few lines that may open like
 * one, not in every short kept line of the article's second half.
 * machine_opened: the machine-line decision's, decisions.machine_opened_python's twin (the
 * pattern is tried on a line opening with a date's four digits and dash or with "http").
 * tests/test_native_contact_picks.py compares both with their references on the corpus,
 * hostile strings and random texts.
 */
#include "_compiled.h"

#define PAIR_TABLE_BYTES (128 * 128 / 8) /* a bit per pair of ASCII characters */

static inline Py_UCS4
contact_ascii_lower(Py_UCS4 c)
{
    return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
}

/* contact_lines._may_open: whether an opener may open the line. Every opener starts with
 * a word character and has two or more, and the pattern skips only signs before it, so
 * it starts at the first word character: a pair of ASCII characters there must be one of
 * `pairs` (lower case, bit a * 128 + b); any other character is left to the pattern. */
static int
may_open(PyObject *text, const unsigned char *pairs)
{
    const int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    const Py_ssize_t size = PyUnicode_GET_LENGTH(text);
    Py_ssize_t k = 0;
    while (k < size && !Py_UNICODE_ISALNUM(PyUnicode_READ(kind, data, k)))
        k++;
    if (k + 1 >= size)
        return 0; /* no word character, or only the last: no opener fits */
    const Py_UCS4 a = PyUnicode_READ(kind, data, k), b = PyUnicode_READ(kind, data, k + 1);
    if (a >= 128 || b >= 128)
        return 1;
    const unsigned bit = (unsigned)(contact_ascii_lower(a) * 128 + contact_ascii_lower(b));
    return (pairs[bit >> 3] >> (bit & 7)) & 1;
}

/* contact_marked(texts, words, local, usable, first, max_words, max_chars, pairs):
 * contact_lines.contact_marked_python. The kept lines from `first` on of at most max_words
 * words and max_chars characters that may open with an opener (may_open) and hold an
 * address's mark (cleaner_holds_address_mark, _line_marks.c's). */
static PyObject *
native_contact_marked(PyObject *module, PyObject *const *args, Py_ssize_t nargs)
{
    (void)module;
    if (nargs != 8) {
        PyErr_SetString(PyExc_TypeError,
                        "contact_marked(texts, words, local, usable, first, max_words, max_chars, pairs) takes 8 "
                        "arguments");
        return NULL;
    }
    PyObject *texts = args[0], *words = args[1], *local = args[2], *usable = args[3];
    if (!cleaner_check_list(texts, -1, "contact_marked: texts"))
        return NULL;
    const Py_ssize_t n = PyList_GET_SIZE(texts);
    if (!cleaner_check_list(words, n, "contact_marked: words") || !cleaner_check_list(local, n, "contact_marked: local"))
        return NULL;
    if (usable != Py_None && !cleaner_check_list(usable, n, "contact_marked: usable"))
        return NULL;
    const Py_ssize_t first = PyLong_AsSsize_t(args[4]);
    if (first == -1 && PyErr_Occurred())
        return NULL;
    const long max_words = PyLong_AsLong(args[5]);
    if (max_words == -1 && PyErr_Occurred())
        return NULL;
    const Py_ssize_t max_chars = PyLong_AsSsize_t(args[6]);
    if (max_chars == -1 && PyErr_Occurred())
        return NULL;
    if (first < 0) {
        PyErr_SetString(PyExc_ValueError, "contact_marked: first must not be negative");
        return NULL;
    }
    if (!PyBytes_Check(args[7]) || PyBytes_GET_SIZE(args[7]) != PAIR_TABLE_BYTES) {
        PyErr_SetString(PyExc_TypeError, "contact_marked: pairs must be bytes of 2048 (a bit per ASCII pair)");
        return NULL;
    }
    const unsigned char *pairs = (const unsigned char *)PyBytes_AS_STRING(args[7]);
    PyObject *out = PyList_New(0);
    if (out == NULL)
        return NULL;
    for (Py_ssize_t j = first; j < n; j++) {
        const int kept = cleaner_kept_at(local, usable, j);
        if (kept < 0)
            goto fail;
        PyObject *text = PyList_GET_ITEM(texts, j);
        if (!kept)
            continue;
        if (!PyUnicode_Check(text)) {
            PyErr_SetString(PyExc_TypeError, "contact_marked: texts must be a list of str");
            goto fail;
        }
        if (PyUnicode_GET_LENGTH(text) > max_chars)
            continue;
        PyObject *count = PyList_GET_ITEM(words, j);
        if (!PyLong_Check(count)) {
            PyErr_SetString(PyExc_TypeError, "contact_marked: words must be a list of int");
            goto fail;
        }
        int overflow = 0;
        const long value = PyLong_AsLongAndOverflow(count, &overflow);
        if (overflow > 0 || value > max_words)
            continue;
        if (!may_open(text, pairs) || !cleaner_holds_address_mark(text))
            continue;
        if (cleaner_append_index(out, j) < 0)
            goto fail;
    }
    return out;
fail:
    Py_DECREF(out);
    return NULL;
}

/* decisions._machine_opening: whether the line, past str.lstrip()'s white space, opens
 * with an ASCII digit, three decimal digits and "-", or with "h" and "ttp" in either case. */
static int
machine_opening(PyObject *text)
{
    const int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    const Py_ssize_t size = PyUnicode_GET_LENGTH(text);
    Py_ssize_t at = 0;
    while (at < size && cleaner_is_py_space(PyUnicode_READ(kind, data, at)))
        at++;
    if (size - at < 5) /* "dddd-" and "http:" are five characters */
        return 0;
    const Py_UCS4 first = PyUnicode_READ(kind, data, at);
    if (first >= '0' && first <= '9') {
        for (Py_ssize_t k = 1; k < 4; k++)
            if (!Py_UNICODE_ISDECIMAL(PyUnicode_READ(kind, data, at + k)))
                return 0;
        return PyUnicode_READ(kind, data, at + 4) == '-';
    }
    if (first != 'h' && first != 'H')
        return 0;
    return contact_ascii_lower(PyUnicode_READ(kind, data, at + 1)) == 't' &&
           contact_ascii_lower(PyUnicode_READ(kind, data, at + 2)) == 't' &&
           contact_ascii_lower(PyUnicode_READ(kind, data, at + 3)) == 'p';
}

/* machine_opened(texts, local, usable, max_chars): decisions.machine_opened_python. The
 * kept lines of at most max_chars characters that open as a machine line may
 * (machine_opening). */
static PyObject *
native_machine_opened(PyObject *module, PyObject *const *args, Py_ssize_t nargs)
{
    (void)module;
    if (nargs != 4) {
        PyErr_SetString(PyExc_TypeError, "machine_opened(texts, local, usable, max_chars) takes 4 arguments");
        return NULL;
    }
    PyObject *texts = args[0], *local = args[1], *usable = args[2];
    if (!cleaner_check_list(texts, -1, "machine_opened: texts"))
        return NULL;
    const Py_ssize_t n = PyList_GET_SIZE(texts);
    if (!cleaner_check_list(local, n, "machine_opened: local"))
        return NULL;
    if (usable != Py_None && !cleaner_check_list(usable, n, "machine_opened: usable"))
        return NULL;
    const Py_ssize_t max_chars = PyLong_AsSsize_t(args[3]);
    if (max_chars == -1 && PyErr_Occurred())
        return NULL;
    PyObject *out = PyList_New(0);
    if (out == NULL)
        return NULL;
    for (Py_ssize_t j = 0; j < n; j++) {
        const int kept = cleaner_kept_at(local, usable, j);
        if (kept < 0)
            goto fail;
        PyObject *text = PyList_GET_ITEM(texts, j);
        if (!kept)
            continue;
        if (!PyUnicode_Check(text)) {
            PyErr_SetString(PyExc_TypeError, "machine_opened: texts must be a list of str");
            goto fail;
        }
        if (PyUnicode_GET_LENGTH(text) > max_chars || !machine_opening(text))
            continue;
        if (cleaner_append_index(out, j) < 0)
            goto fail;
    }
    return out;
fail:
    Py_DECREF(out);
    return NULL;
}

PyMethodDef opening_pick_methods[] = {
    {"machine_opened", (PyCFunction)(void (*)(void))native_machine_opened, METH_FASTCALL,
     "machine_opened(texts, local, usable, max_chars): kept lines opening with a date's digits and dash or "
     "\"http\"."},
    {"contact_marked", (PyCFunction)(void (*)(void))native_contact_marked, METH_FASTCALL,
     "contact_marked(texts, words, local, usable, first, max_words, max_chars, pairs): kept lines from "
     "first on that may open with a contact opener and hold an address's mark."},
    {NULL, NULL, 0, NULL},
};
