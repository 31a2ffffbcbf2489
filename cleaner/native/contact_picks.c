/* The contact-line decision's candidates in one pass: contact_lines.contact_marked_python's
 * twin, compiled into cleaner.native._compiled (setup.py SOURCES; _compiled.c adds
 * contact_pick_methods). A contact line opens with an opener ("Follow", "Write to") after
 * signs and holds an address's mark; the opener is tested first, at the line's first two
 * word characters only, so the mark is searched for in the few lines that may open like
 * one, not in every short kept line of the article's second half. tests/test_native.py
 * compares both on the corpus, hostile strings and random texts.
 */
#include "_compiled.h"
#include <stdint.h>
#include <string.h>

/* contact_lines.NETWORK_NAMES: a name, in ASCII letters of either case, marks a line. */
static const char *const CONTACT_NETWORKS[] = {
    "twitter", "facebook", "instagram", "linkedin", "tiktok", "youtube",
    "whatsapp", "telegram", "bluesky", "threads", "mastodon", "snapchat",
};
#define CONTACT_NETWORK_COUNT (sizeof(CONTACT_NETWORKS) / sizeof(CONTACT_NETWORKS[0]))
#define PAIR_TABLE_BYTES (128 * 128 / 8) /* a bit per pair of ASCII characters */

static inline Py_UCS4
contact_ascii_lower(Py_UCS4 c)
{
    return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
}

/* Whether the network name `name` starts at position k of the line. */
static int
network_at(int kind, const void *data, Py_ssize_t size, Py_ssize_t k, const char *name)
{
    for (Py_ssize_t at = 0; name[at] != '\0'; at++) {
        if (k + at >= size || contact_ascii_lower(PyUnicode_READ(kind, data, k + at)) != (Py_UCS4)name[at])
            return 0;
    }
    return 1;
}

/* contact_lines._holds_address_mark: "@", "/", a folded letter (dotted and dotless I, the
 * long s, the Kelvin sign) or a network's name in ASCII letters of either case. */
static int
holds_contact_mark(PyObject *text)
{
    const int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    const Py_ssize_t size = PyUnicode_GET_LENGTH(text);
    for (Py_ssize_t k = 0; k < size; k++) {
        const Py_UCS4 c = PyUnicode_READ(kind, data, k);
        if (c == '@' || c == '/' || c == 0x0130 || c == 0x0131 || c == 0x017F || c == 0x212A)
            return 1;
        const Py_UCS4 low = contact_ascii_lower(c);
        if (low < 'a' || low > 'z')
            continue;
        for (size_t n = 0; n < CONTACT_NETWORK_COUNT; n++)
            if ((Py_UCS4)CONTACT_NETWORKS[n][0] == low && network_at(kind, data, size, k, CONTACT_NETWORKS[n]))
                return 1;
    }
    return 0;
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
 * address's mark (holds_contact_mark). */
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
        if (!may_open(text, pairs) || !holds_contact_mark(text))
            continue;
        if (cleaner_append_index(out, j) < 0)
            goto fail;
    }
    return out;
fail:
    Py_DECREF(out);
    return NULL;
}

PyMethodDef contact_pick_methods[] = {
    {"contact_marked", (PyCFunction)(void (*)(void))native_contact_marked, METH_FASTCALL,
     "contact_marked(texts, words, local, usable, first, max_words, max_chars, pairs): kept lines from "
     "first on that may open with a contact opener and hold an address's mark."},
    {NULL, NULL, 0, NULL},
};
