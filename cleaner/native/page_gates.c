/* One pass for the comment-thread decision's openers, built into cleaner.native._compiled
 * (setup.py SOURCES; _compiled.c adds these functions).
 *
 * comment_threads.page_openers made three calls a page (thread_marked, edge_marked_lines,
 * thread_openers), each a pass over the lines and a Python wrapper, on every article page,
 * though almost none holds an opener. thread_page_openers reads each line once: its label
 * or category, else (a short line opening or closing with a count, a bracket or a bar) its
 * opener form, built only as far as the longest comments form of the lexicon (made once per
 * lexicon: comment_threads.comment_forms) and looked up in those forms alone. Its reference
 * is comment_threads.opener_lines; tests/test_native_page_gates.py compares them.
 * Plain CPython C API, no module state.
 */
#include "_compiled.h"
#include <stdint.h>
#include <string.h>

/* Whether ch is one of comment_threads.OPENER_NOISE's characters (thread_openers.c's test). */
static inline int
noise_char(Py_UCS4 ch)
{
    switch (ch) {
    case '(': case ')': case '[': case ']': case '|': case ':': case '#': case '-':
    case 0x2022: /* • */
    case 0x00B7: /* · */
        return 1;
    default:
        return ch < 128 ? (ch >= '0' && ch <= '9') : Py_UNICODE_ISDECIMAL(ch);
    }
}

/* A short str of characters as a test: its ASCII ones as bits, the others (few) searched in
 * the str itself, only up to its widest character. Made per call: a few instructions. */
typedef struct {
    uint64_t ascii[2];
    Py_UCS4 widest;
    PyObject *chars;
} CharSet;

static void
char_set_init(CharSet *set, PyObject *chars)
{
    set->ascii[0] = set->ascii[1] = 0;
    set->widest = 0;
    set->chars = chars;
    for (Py_ssize_t k = 0; k < PyUnicode_GET_LENGTH(chars); k++) {
        const Py_UCS4 c = PyUnicode_READ_CHAR(chars, k);
        if (c < 128)
            set->ascii[c >> 6] |= (uint64_t)1 << (c & 63);
        if (c > set->widest)
            set->widest = c;
    }
}

/* Whether the set holds ch. */
static inline int
holds(const CharSet *set, Py_UCS4 ch)
{
    if (ch < 128)
        return (int)((set->ascii[ch >> 6] >> (ch & 63)) & 1);
    if (ch > set->widest)
        return 0;
    return PyUnicode_FindChar(set->chars, ch, 0, PyUnicode_GET_LENGTH(set->chars), 1) >= 0;
}

/* Whether `count` (an int) is at most `bound`: 1, 0, or -1 with a TypeError. */
static int
at_most(PyObject *count, long long bound)
{
    if (!PyLong_Check(count)) {
        PyErr_SetString(PyExc_TypeError, "thread_page_openers: words must be a list of int");
        return -1;
    }
    int overflow = 0;
    const long long value = PyLong_AsLongLongAndOverflow(count, &overflow);
    if (overflow)
        return overflow < 0;
    if (value == -1 && PyErr_Occurred())
        return -1;
    return value <= bound;
}

/* Whether the opener form of `norm` (comment_threads.opener_form) is in the set `forms`,
 * none of whose items is longer than `longest`: 1, 0 or -1 with an exception. `buffer`
 * holds `longest` + 1 characters; a form that outgrows it is none of the forms. */
static int
form_in(PyObject *norm, PyObject *forms, Py_ssize_t longest, Py_UCS4 *buffer)
{
    const int kind = PyUnicode_KIND(norm);
    const void *data = PyUnicode_DATA(norm);
    const Py_ssize_t size = PyUnicode_GET_LENGTH(norm);
    Py_ssize_t out = 0;
    int in_word = 0;
    for (Py_ssize_t i = 0; i < size; i++) {
        const Py_UCS4 ch = PyUnicode_READ(kind, data, i);
        if (noise_char(ch) || Py_UNICODE_ISSPACE(ch)) {
            in_word = 0;
            continue;
        }
        if (out + (!in_word && out > 0) + 1 > longest)
            return 0;  /* longer than every form */
        if (!in_word && out > 0)
            buffer[out++] = ' ';
        buffer[out++] = ch;
        in_word = 1;
    }
    PyObject *form = PyUnicode_FromKindAndData(PyUnicode_4BYTE_KIND, buffer, out);
    if (form == NULL)
        return -1;
    const int found = PySet_Contains(forms, form);
    Py_DECREF(form);
    return found;
}

/* Whether line j is taken by its label (the object `exact`) or its category (equal to the
 * str `category`): 1, 0, or -1 with an exception. */
static inline int
marked_by_label(PyObject *local, PyObject *exact, PyObject *categories, PyObject *category, Py_ssize_t j)
{
    if (PyList_GET_ITEM(local, j) == exact)
        return 1;
    PyObject *found = PyList_GET_ITEM(categories, j);
    if (found == category)
        return 1;
    if (found == Py_None)
        return 0;
    return PyObject_RichCompareBool(found, category, Py_EQ);
}

/* Checks thread_page_openers' arguments; 0 with a TypeError if one is wrong. */
static int
check_arguments(PyObject *const *args, Py_ssize_t n)
{
    if (!cleaner_check_list(args[2], n, "thread_page_openers: categories") ||
        !cleaner_check_list(args[4], n, "thread_page_openers: norms") ||
        !cleaner_check_list(args[5], n, "thread_page_openers: words"))
        return 0;
    if (!PyUnicode_Check(args[3]) || !PyLong_Check(args[6]) || !PyUnicode_Check(args[7]) ||
        !PyUnicode_Check(args[8]) || (args[9] != Py_None && !PyFrozenSet_Check(args[9])) ||
        !PyLong_Check(args[10])) {
        PyErr_SetString(PyExc_TypeError,
                        "thread_page_openers: expected category, firsts and lasts str, max_words and "
                        "longest int, forms a frozenset or None");
        return 0;
    }
    for (Py_ssize_t j = 0; j < n; j++) {
        if (!PyUnicode_Check(PyList_GET_ITEM(args[4], j))) {
            PyErr_SetString(PyExc_TypeError, "thread_page_openers: norms must be a list of str");
            return 0;
        }
    }
    return 1;
}

/* thread_page_openers(local, exact, categories, category, norms, words, max_words, firsts,
 * lasts, forms, longest): comment_threads.opener_lines with ``exact`` the lines whose label
 * is the object `exact` and ``line_category`` the lexicon whose comments forms are the
 * frozenset `forms` (None: no such lexicon, the last test left out), `longest` the longest
 * form's length. The indexes, in order. */
static PyObject *
native_thread_page_openers(PyObject *module, PyObject *const *args, Py_ssize_t nargs)
{
    (void)module;
    if (nargs != 11) {
        PyErr_SetString(PyExc_TypeError, "thread_page_openers takes 11 arguments");
        return NULL;
    }
    if (!PyList_Check(args[0])) {
        PyErr_SetString(PyExc_TypeError, "thread_page_openers: local must be a list");
        return NULL;
    }
    const Py_ssize_t n = PyList_GET_SIZE(args[0]);
    if (!check_arguments(args, n))
        return NULL;
    PyObject *local = args[0], *exact = args[1], *categories = args[2], *category = args[3];
    PyObject *norms = args[4], *words = args[5], *firsts = args[7], *lasts = args[8], *forms = args[9];
    const long long max_words = PyLong_AsLongLong(args[6]);
    const Py_ssize_t longest = PyLong_AsSsize_t(args[10]);
    if ((max_words == -1 || longest == -1) && PyErr_Occurred())
        return NULL;
    if (longest < 0) {
        PyErr_SetString(PyExc_ValueError, "thread_page_openers: longest must not be negative");
        return NULL;
    }
    Py_UCS4 *buffer = forms == Py_None ? NULL : PyMem_Malloc((size_t)(longest + 1) * sizeof(Py_UCS4));
    if (forms != Py_None && buffer == NULL)
        return PyErr_NoMemory();
    CharSet first_set, last_set;
    char_set_init(&first_set, firsts);
    char_set_init(&last_set, lasts);
    PyObject *out = PyList_New(0);
    if (out == NULL)
        goto fail;
    for (Py_ssize_t j = 0; j < n; j++) {
        int take = marked_by_label(local, exact, categories, category, j);
        if (take == 0 && forms != Py_None) {
            PyObject *norm = PyList_GET_ITEM(norms, j);
            const Py_ssize_t size = PyUnicode_GET_LENGTH(norm);
            const int kind = PyUnicode_KIND(norm);
            const void *data = PyUnicode_DATA(norm);
            if (size > 0 && (holds(&first_set, PyUnicode_READ(kind, data, 0)) ||
                             holds(&last_set, PyUnicode_READ(kind, data, size - 1)))) {
                take = at_most(PyList_GET_ITEM(words, j), max_words);
                if (take > 0)
                    take = form_in(norm, forms, longest, buffer);
            }
        }
        if (take < 0 || (take && cleaner_append_index(out, j) < 0))
            goto fail;
    }
    PyMem_Free(buffer);
    return out;
fail:
    PyMem_Free(buffer);
    Py_XDECREF(out);
    return NULL;
}

/* ------------------------------------------------------------------ own_address_lines */

#define SCHEME_CHARS 8 /* "https://" */
#define HOST_PREFIX_CHARS 4 /* "www." */

/* Whether the ASCII bytes text[0:length] are, case-blind, the lower-case ASCII `lower`. */
static int
ascii_opens(const char *text, Py_ssize_t length, const char *lower)
{
    const Py_ssize_t size = (Py_ssize_t)strlen(lower);
    if (length < size)
        return 0;
    for (Py_ssize_t k = 0; k < size; k++) {
        char c = text[k];
        if (c >= 'A' && c <= 'Z')
            c = (char)(c - 'A' + 'a');
        if (c != lower[k])
            return 0;
    }
    return 1;
}

/* own_address.bare_address of an ASCII `url` as [*start, *end) of its bytes; 0 where it
 * gives None. */
static int
bare_span(const char *text, Py_ssize_t size, Py_ssize_t *start, Py_ssize_t *end)
{
    Py_ssize_t from = 0, to = size;
    while (from < to && cleaner_is_py_space((unsigned char)text[from]))
        from++;
    while (to > from && cleaner_is_py_space((unsigned char)text[to - 1]))
        to--;
    if (ascii_opens(text + from, to - from, "https://"))
        from += SCHEME_CHARS;
    else if (ascii_opens(text + from, to - from, "http://"))
        from += SCHEME_CHARS - 1;
    if (ascii_opens(text + from, to - from, "www."))
        from += HOST_PREFIX_CHARS;
    while (to > from && text[to - 1] == '/')
        to--;
    if (memchr(text + from, '/', (size_t)(to - from)) == NULL || memchr(text + from, ' ', (size_t)(to - from)) != NULL)
        return 0;
    *start = from;
    *end = to;
    return 1;
}

/* Whether text[at:at + length] is the ASCII `ascii` (case kept). */
static int
holds_ascii(int kind, const void *data, Py_ssize_t at, const char *ascii, Py_ssize_t length)
{
    for (Py_ssize_t k = 0; k < length; k++)
        if (PyUnicode_READ(kind, data, at + k) != (Py_UCS4)(unsigned char)ascii[k])
            return 0;
    return 1;
}

/* Whether the head text[start:start + length] is one of address_forms' heads: nothing, a
 * scheme, "www." or both. */
static int
address_head(int kind, const void *data, Py_ssize_t start, Py_ssize_t length)
{
    switch (length) {
    case 0:
        return 1;
    case HOST_PREFIX_CHARS:
        return holds_ascii(kind, data, start, "www.", length);
    case SCHEME_CHARS - 1:
        return holds_ascii(kind, data, start, "http://", length);
    case SCHEME_CHARS:
        return holds_ascii(kind, data, start, "https://", length);
    case SCHEME_CHARS - 1 + HOST_PREFIX_CHARS:
        return holds_ascii(kind, data, start, "http://www.", length);
    case SCHEME_CHARS + HOST_PREFIX_CHARS:
        return holds_ascii(kind, data, start, "https://www.", length);
    default:
        return 0;
    }
}

/* Whether the line `text` stripped is one of own_address.address_forms(bare), `bare` an
 * ASCII str (no trailing slash): its tail is the address, with or without one slash, its
 * head one of address_head's. 1, 0 or -1 with an exception. */
static int
is_own_address(PyObject *text, PyObject *bare)
{
    const Py_ssize_t bare_length = PyUnicode_GET_LENGTH(bare);
    Py_ssize_t start = 0, end = PyUnicode_GET_LENGTH(text);
    if (end < bare_length)
        return 0;
    const int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    while (end > start && cleaner_is_py_space(PyUnicode_READ(kind, data, end - 1)))
        end--;
    if (end > start && PyUnicode_READ(kind, data, end - 1) == '/')
        end--;  /* the form with a trailing slash (bare has none) */
    if (end - start < bare_length || PyUnicode_READ(kind, data, end - 1) !=
                                         (Py_UCS4)(unsigned char)PyUnicode_1BYTE_DATA(bare)[bare_length - 1])
        return 0;  /* most lines: not ending like the address */
    while (start < end && cleaner_is_py_space(PyUnicode_READ(kind, data, start)))
        start++;
    const Py_ssize_t head = end - bare_length - start;
    if (head < 0 || !address_head(kind, data, start, head))
        return 0;
    return (int)PyUnicode_Tailmatch(text, bare, start + head, end, -1);
}

/* own_address_lines(texts, local, usable, url): decisions.label_own_address's lines for
 * an ASCII `url`: the kept lines (label None in `local`, `usable` None or True) whose
 * strip() is one of own_address.address_forms(bare_address(url)), in order; [] where
 * bare_address gives None; None for a `url` past ASCII (the Python way decides). */
static PyObject *
native_own_address_lines(PyObject *module, PyObject *const *args, Py_ssize_t nargs)
{
    (void)module;
    if (nargs != 4) {
        PyErr_SetString(PyExc_TypeError, "own_address_lines(texts, local, usable, url) takes 4 arguments");
        return NULL;
    }
    PyObject *texts = args[0], *local = args[1], *usable = args[2], *url = args[3];
    if (!cleaner_check_list(texts, -1, "own_address_lines: texts") ||
        !cleaner_check_list(local, PyList_GET_SIZE(texts), "own_address_lines: local") ||
        (usable != Py_None && !cleaner_check_list(usable, PyList_GET_SIZE(texts), "own_address_lines: usable")))
        return NULL;
    if (!PyUnicode_Check(url)) {
        PyErr_SetString(PyExc_TypeError, "own_address_lines: url must be a str");
        return NULL;
    }
    if (!PyUnicode_IS_ASCII(url))
        Py_RETURN_NONE;
    Py_ssize_t from, to;
    if (!bare_span((const char *)PyUnicode_DATA(url), PyUnicode_GET_LENGTH(url), &from, &to))
        return PyList_New(0);
    PyObject *bare = PyUnicode_Substring(url, from, to);
    if (bare == NULL)
        return NULL;
    PyObject *out = PyList_New(0);
    if (out == NULL)
        goto fail;
    for (Py_ssize_t j = 0; j < PyList_GET_SIZE(texts); j++) {
        PyObject *text = PyList_GET_ITEM(texts, j);
        if (!PyUnicode_Check(text)) {
            PyErr_SetString(PyExc_TypeError, "own_address_lines: texts must be a list of str");
            goto fail;
        }
        const int form = is_own_address(text, bare);
        if (form < 0)
            goto fail;
        if (!form)
            continue;
        const int kept = cleaner_kept_at(local, usable, j);
        if (kept < 0 || (kept && cleaner_append_index(out, j) < 0))
            goto fail;
    }
    Py_DECREF(bare);
    return out;
fail:
    Py_DECREF(bare);
    Py_XDECREF(out);
    return NULL;
}

/* ------------------------------------------------------------------ zone_cued */

/* What a zone cue's whole line (a call to action, a header: zones._cue_entries) can be, so
 * that most lines are not hashed (a fresh line's hash cost ~900 instructions): the entries'
 * lengths below CUE_LENGTH_BITS (longer: long_entries), their first characters below
 * CUE_ASCII_END (past it: wide_firsts), and the header prefixes' ASCII initials. Made once
 * per lexicon by zone_cue_filter (bytes kept in Lexicon.derived); no state here. */
#define CUE_LENGTH_BITS 64
#define CUE_ASCII_END 128

struct cue_filter {
    uint64_t lengths;
    uint64_t firsts[CUE_ASCII_END / 64];
    uint64_t initials[CUE_ASCII_END / 64];
    uint64_t long_entries, wide_firsts, empty_entry;
};

/* zone_cue_filter(entries, initials): the filter of the set `entries` and the str
 * `initials` as bytes, or None where an entry is no exact str (the caller asks the reference). */
static PyObject *
native_zone_cue_filter(PyObject *module, PyObject *const *args, Py_ssize_t nargs)
{
    (void)module;
    if (nargs != 2 || !PyAnySet_Check(args[0]) || !PyUnicode_Check(args[1])) {
        PyErr_SetString(PyExc_TypeError, "zone_cue_filter(entries, initials): a set and a str");
        return NULL;
    }
    struct cue_filter made;
    memset(&made, 0, sizeof made);
    Py_ssize_t pos = 0;
    PyObject *key;
    Py_hash_t hash;
    while (_PySet_NextEntry(args[0], &pos, &key, &hash)) {
        if (!PyUnicode_CheckExact(key))
            Py_RETURN_NONE;
        const Py_ssize_t length = PyUnicode_GET_LENGTH(key);
        if (length == 0) {
            made.empty_entry = 1;
            continue;
        }
        const Py_UCS4 first = PyUnicode_READ_CHAR(key, 0);
        if (length < CUE_LENGTH_BITS)
            made.lengths |= (uint64_t)1 << length;
        else
            made.long_entries = 1;
        if (first < CUE_ASCII_END)
            made.firsts[first / 64] |= (uint64_t)1 << (first % 64);
        else
            made.wide_firsts = 1;
    }
    for (Py_ssize_t k = 0; k < PyUnicode_GET_LENGTH(args[1]); k++) {
        const Py_UCS4 c = PyUnicode_READ_CHAR(args[1], k);
        if (c < CUE_ASCII_END)
            made.initials[c / 64] |= (uint64_t)1 << (c % 64);
    }
    return PyBytes_FromStringAndSize((const char *)&made, sizeof made);
}

/* Whether `norm` (length >= 1, first character `first`) may be an entry of the filter's set. */
static inline int
may_be_cue(const struct cue_filter *filter, Py_ssize_t length, Py_UCS4 first)
{
    if (length < CUE_LENGTH_BITS ? !(filter->lengths >> length & 1) : !filter->long_entries)
        return 0;
    return first < CUE_ASCII_END ? (int)(filter->firsts[first / 64] >> (first % 64) & 1) : (int)filter->wide_firsts;
}

/* Whether `norm` opens with one of by_initial[its first character `first`]: 1, 0 or -1. */
static int
opens_with_header(const struct cue_filter *filter, PyObject *initials, PyObject *by_initial, PyObject *norm, Py_UCS4 first)
{
    if (first < CUE_ASCII_END ? !(filter->initials[first / 64] >> (first % 64) & 1)
                              : PyUnicode_FindChar(initials, first, 0, PyUnicode_GET_LENGTH(initials), 1) < 0)
        return PyErr_Occurred() ? -1 : 0;
    PyObject *initial = PyUnicode_FromOrdinal((int)first);
    if (initial == NULL)
        return -1;
    PyObject *prefixes = PyDict_GetItemWithError(by_initial, initial);  /* borrowed */
    Py_DECREF(initial);
    if (prefixes == NULL)
        return PyErr_Occurred() ? -1 : 0;
    if (!PyTuple_Check(prefixes)) {
        PyErr_SetString(PyExc_TypeError, "zone_cued: by_initial must map to tuples of str");
        return -1;
    }
    return cleaner_opens_with_any(norm, prefixes, "zone_cued: ");
}

/* zone_cued(norms, cues): zones.has_zone_cues where `cues` is (filter, entries, initials,
 * by_initial): zone_cue_filter's bytes of the set `entries` and the str `initials`, and the
 * header prefixes by their initial (a dict of tuples of str, no empty initial). Whether a line
 * is an entry (only lines the filter allows are hashed) or opens with a header prefix. */
static PyObject *
native_zone_cued(PyObject *module, PyObject *const *args, Py_ssize_t nargs)
{
    (void)module;
    if (nargs != 2 || !PyList_Check(args[0]) || !PyTuple_Check(args[1]) || PyTuple_GET_SIZE(args[1]) != 4) {
        PyErr_SetString(PyExc_TypeError, "zone_cued(norms, cues): a list and a tuple of four");
        return NULL;
    }
    PyObject *norms = args[0], *bytes = PyTuple_GET_ITEM(args[1], 0), *entries = PyTuple_GET_ITEM(args[1], 1);
    PyObject *initials = PyTuple_GET_ITEM(args[1], 2), *by_initial = PyTuple_GET_ITEM(args[1], 3);
    if (!PyBytes_CheckExact(bytes) || PyBytes_GET_SIZE(bytes) != (Py_ssize_t)sizeof(struct cue_filter) ||
        !PyAnySet_Check(entries) || !PyUnicode_Check(initials) || !PyDict_Check(by_initial)) {
        PyErr_SetString(PyExc_TypeError, "zone_cued: cues must be (zone_cue_filter's bytes, a set, a str, a dict)");
        return NULL;
    }
    struct cue_filter filter;
    memcpy(&filter, PyBytes_AS_STRING(bytes), sizeof filter);
    for (Py_ssize_t j = 0; j < PyList_GET_SIZE(norms); j++) {
        PyObject *norm = PyList_GET_ITEM(norms, j);
        if (!PyUnicode_Check(norm)) {
            PyErr_SetString(PyExc_TypeError, "zone_cued: norms must be a list of str");
            return NULL;
        }
        const Py_ssize_t length = PyUnicode_GET_LENGTH(norm);
        int found;
        if (length == 0)
            found = filter.empty_entry ? PySet_Contains(entries, norm) : 0;
        else {
            const Py_UCS4 first = PyUnicode_READ_CHAR(norm, 0);
            found = may_be_cue(&filter, length, first) ? PySet_Contains(entries, norm) : 0;
            if (found == 0)
                found = opens_with_header(&filter, initials, by_initial, norm, first);
        }
        if (found != 0)
            return found < 0 ? NULL : Py_NewRef(Py_True);
    }
    Py_RETURN_FALSE;
}

PyMethodDef page_gate_methods[] = {
    {"thread_page_openers", (PyCFunction)(void (*)(void))native_thread_page_openers, METH_FASTCALL,
     "thread_page_openers(local, exact, categories, category, norms, words, max_words, firsts, lasts, "
     "forms, longest): comment_threads.opener_lines in one pass."},
    {"own_address_lines", (PyCFunction)(void (*)(void))native_own_address_lines, METH_FASTCALL,
     "own_address_lines(texts, local, usable, url): decisions.label_own_address's lines (None: url past ASCII)."},
    {"zone_cue_filter", (PyCFunction)(void (*)(void))native_zone_cue_filter, METH_FASTCALL,
     "zone_cue_filter(entries, initials): zone_cued's filter as bytes, or None."},
    {"zone_cued", (PyCFunction)(void (*)(void))native_zone_cued, METH_FASTCALL,
     "zone_cued(norms, cues): zones.has_zone_cues, most lines not hashed."},
    {NULL, NULL, 0, NULL},
};
