/* Decisions' candidates picked by how a line opens. contact_marked: the contact-line
 * decision's candidates in one pass, contact_lines.contact_marked_python's twin, compiled into cleaner.native._compiled (setup.py SOURCES; _compiled.c adds
 * opening_pick_methods). A contact line opens with an opener ("Follow", "Write to") after
 * signs and holds an address's mark; the opener is tested first, at the line's first two
 * word characters only, so the mark is searched for in the few lines that may open like
 * one, not in every short kept line of the article's second half. tests/test_native.py
 * compares both on the corpus, hostile strings and random texts. machine_opened: the
 * machine-line decision's, decisions.machine_opened_python's twin (the pattern is tried on
 * a line opening with a date's four digits and dash or with "http"; test:
 * tests/test_native_contact_picks.py too).
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

/* The networks' first two letters, either case, as masks over CONTACT_NETWORKS (bit n: the
 * name CONTACT_NETWORKS[n]), and MARK_SIGN in first_letters for "@" and "/", a mark in
 * themselves: the names that may start at k are those of both masks, found with two table
 * reads (letters that open a name are common, "t", "f", "i", but few go on with one's
 * second). Filled once, by contact_marked's first call. */
#define MARK_SIGN 0x8000u
static uint16_t first_letters[256], second_letters[256];
static int contact_tables_filled = 0;

static void
fill_contact_tables(void)
{
    first_letters['@'] = first_letters['/'] = MARK_SIGN;
    for (size_t n = 0; n < CONTACT_NETWORK_COUNT; n++) {
        const uint16_t bit = (uint16_t)(1u << n);
        const unsigned char a = (unsigned char)CONTACT_NETWORKS[n][0], b = (unsigned char)CONTACT_NETWORKS[n][1];
        first_letters[a] |= bit;
        first_letters[a - ('a' - 'A')] |= bit;
        second_letters[b] |= bit;
        second_letters[b - ('a' - 'A')] |= bit;
    }
    contact_tables_filled = 1;
}

/* contact_lines._holds_address_mark: "@", "/", a folded letter (dotted and dotless I, the
 * long s, the Kelvin sign) or a network's name in ASCII letters of either case. One copy
 * per string width. */
#define HOLDS_CONTACT_MARK(NAME, CHAR, KIND)                                                     \
    static int NAME(const void *data, Py_ssize_t size)                                           \
    {                                                                                            \
        const CHAR *text = (const CHAR *)data;                                                   \
        for (Py_ssize_t k = 0; k < size; k++) {                                                  \
            const Py_UCS4 c = text[k];                                                           \
            if (c > 0xFF) {                                                                      \
                if (c == 0x0130 || c == 0x0131 || c == 0x017F || c == 0x212A)                    \
                    return 1;                                                                    \
                continue;                                                                        \
            }                                                                                    \
            unsigned mask = first_letters[c];                                                    \
            if (!mask)                                                                           \
                continue;                                                                        \
            if (mask & MARK_SIGN)                                                                \
                return 1;                                                                        \
            if (k + 1 >= size || text[k + 1] > 0xFF)                                             \
                continue;                                                                        \
            mask &= second_letters[text[k + 1]];                                                 \
            for (size_t n = 0; mask; mask >>= 1, n++)                                            \
                if ((mask & 1) && network_at(KIND, data, size, k, CONTACT_NETWORKS[n]))          \
                    return 1;                                                                    \
        }                                                                                        \
        return 0;                                                                                \
    }
HOLDS_CONTACT_MARK(holds_contact_mark_ucs1, Py_UCS1, PyUnicode_1BYTE_KIND)
HOLDS_CONTACT_MARK(holds_contact_mark_ucs2, Py_UCS2, PyUnicode_2BYTE_KIND)
HOLDS_CONTACT_MARK(holds_contact_mark_ucs4, Py_UCS4, PyUnicode_4BYTE_KIND)

static int
holds_contact_mark(PyObject *text)
{
    const int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    const Py_ssize_t size = PyUnicode_GET_LENGTH(text);
    return kind == PyUnicode_1BYTE_KIND   ? holds_contact_mark_ucs1(data, size)
           : kind == PyUnicode_2BYTE_KIND ? holds_contact_mark_ucs2(data, size)
                                          : holds_contact_mark_ucs4(data, size);
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
    if (!contact_tables_filled)
        fill_contact_tables();
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
