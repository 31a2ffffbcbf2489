/* Compiled twins of the heuristic decisions' per-line pre-tests (cleaner/heuristics/decisions.py),
 * built into cleaner.native._compiled (setup.py lists this file beside _compiled.c, whose
 * module adds these functions when it loads).
 *
 * Each pre-test picks the few lines of a page a decision then reads in Python: the lines
 * holding a mark (marked_lines), opening or closing with one of a set of characters
 * (edge_marked_lines), or holding what a contact line's address needs (address_marked);
 * kept_lines gives the lines no one has labelled yet, which most decisions read;
 * lead_in_candidates the lines Lexicon.lead_in may find a lead-in in (the labeler's lead-ins).
 * Their pure-Python references, which give the same lists, are
 * line_marks.marked_lines_python, line_marks.edge_marked_lines_python,
 * contact_lines.address_marked_python and line_marks.kept_lines_python; tests/test_native.py compares them on every corpus
 * case and on hostile strings. Plain CPython C API, no module state.
 */
#include "_compiled.h"
#include <stdint.h>
#include <string.h>

/* Whether `list` is a list of str (a TypeError named after `name` when not). */
static int
check_str_list(PyObject *list, const char *name)
{
    if (!PyList_Check(list)) {
        PyErr_Format(PyExc_TypeError, "%s: expected a list of str", name);
        return 0;
    }
    for (Py_ssize_t j = 0; j < PyList_GET_SIZE(list); j++) {
        if (!PyUnicode_Check(PyList_GET_ITEM(list, j))) {
            PyErr_Format(PyExc_TypeError, "%s: expected a list of str", name);
            return 0;
        }
    }
    return 1;
}

/* Whether words[j] (a Python int) is at most `most`: an int too large for a C long is not,
 * one too small is. -1 with an exception set when it is no int. */
static int
at_most(PyObject *words, Py_ssize_t j, long most, const char *name)
{
    PyObject *count = PyList_GET_ITEM(words, j);
    if (!PyLong_Check(count)) {
        PyErr_Format(PyExc_TypeError, "%s: words must be a list of int", name);
        return -1;
    }
    int overflow = 0;
    const long value = PyLong_AsLongAndOverflow(count, &overflow);
    if (overflow)
        return overflow < 0;
    if (value == -1 && PyErr_Occurred())
        return -1;
    return value <= most;
}

/* Appends j to the list `out`; -1 on failure (an exception set). Shared with
 * mark_candidates.c (_compiled.h). */
int
cleaner_append_index(PyObject *out, Py_ssize_t j)
{
    PyObject *index = PyLong_FromSsize_t(j);
    if (index == NULL)
        return -1;
    const int failed = PyList_Append(out, index);
    Py_DECREF(index);
    return failed;
}

/* ---------------------------------------------------------------- marked_lines */

/* marked_lines(texts, marks, max_chars): decisions.marked_lines_python. The indexes of
 * the lines of at most max_chars characters that hold one of the str of the tuple `marks`
 * (str.find's search; a mark of one character by PyUnicode_FindChar). */
static PyObject *
native_marked_lines(PyObject *module, PyObject *const *args, Py_ssize_t nargs)
{
    (void)module;
    if (nargs != 3) {
        PyErr_SetString(PyExc_TypeError, "marked_lines(texts, marks, max_chars) takes 3 arguments");
        return NULL;
    }
    PyObject *texts = args[0], *marks = args[1];
    if (!check_str_list(texts, "marked_lines"))
        return NULL;
    if (!PyTuple_Check(marks)) {
        PyErr_SetString(PyExc_TypeError, "marked_lines: marks must be a tuple of str");
        return NULL;
    }
    for (Py_ssize_t m = 0; m < PyTuple_GET_SIZE(marks); m++) {
        if (!PyUnicode_Check(PyTuple_GET_ITEM(marks, m))) {
            PyErr_SetString(PyExc_TypeError, "marked_lines: marks must be a tuple of str");
            return NULL;
        }
    }
    const Py_ssize_t max_chars = PyLong_AsSsize_t(args[2]);
    if (max_chars == -1 && PyErr_Occurred())
        return NULL;
    PyObject *out = PyList_New(0);
    if (out == NULL)
        return NULL;
    for (Py_ssize_t j = 0; j < PyList_GET_SIZE(texts); j++) {
        PyObject *text = PyList_GET_ITEM(texts, j);
        const Py_ssize_t size = PyUnicode_GET_LENGTH(text);
        if (size > max_chars)
            continue;
        for (Py_ssize_t m = 0; m < PyTuple_GET_SIZE(marks); m++) {
            PyObject *mark = PyTuple_GET_ITEM(marks, m);
            /* a character above the line's widest bound (a "©" or "–" on an ASCII line) is
             * not in it: no search */
            if (PyUnicode_GET_LENGTH(mark) == 1 && PyUnicode_READ_CHAR(mark, 0) > PyUnicode_MAX_CHAR_VALUE(text))
                continue;
            /* a mark of one character: its search copies no mark into the line's width */
            const Py_ssize_t at = PyUnicode_GET_LENGTH(mark) == 1
                                      ? PyUnicode_FindChar(text, PyUnicode_READ_CHAR(mark, 0), 0, size, 1)
                                      : PyUnicode_Find(text, mark, 0, size, 1);
            if (at == -2)
                goto fail;
            if (at >= 0) {
                if (cleaner_append_index(out, j) < 0)
                    goto fail;
                break;
            }
        }
    }
    return out;
fail:
    Py_DECREF(out);
    return NULL;
}

/* ----------------------------------------------------------- edge_marked_lines */

#define WIDE_FILTER_BITS 1024 /* the filter of a set's characters past ASCII: their low ten bits */
#define WIDE_FILTER_MASK (WIDE_FILTER_BITS - 1)

/* A set of characters: the ASCII ones as bits, the others (few) read from the str itself
 * once their low bits pass a filter (a line opening with a letter past ASCII, most lines
 * of many languages, then costs a lookup, not a walk of the set's characters). */
typedef struct {
    uint64_t ascii[2];
    uint64_t wide[WIDE_FILTER_BITS / 64];
    PyObject *chars;
} CharSet;

static void
char_set_init(CharSet *set, PyObject *chars)
{
    memset(set, 0, sizeof(*set));
    set->chars = chars;
    for (Py_ssize_t k = 0; k < PyUnicode_GET_LENGTH(chars); k++) {
        const Py_UCS4 c = PyUnicode_READ_CHAR(chars, k);
        if (c < 128)
            set->ascii[c >> 6] |= (uint64_t)1 << (c & 63);
        else {
            const Py_UCS4 low = c & WIDE_FILTER_MASK;
            set->wide[low >> 6] |= (uint64_t)1 << (low & 63);
        }
    }
}

/* Whether the set holds the code point c. */
static inline int
char_set_holds(const CharSet *set, Py_UCS4 c)
{
    if (c < 128)
        return (int)((set->ascii[c >> 6] >> (c & 63)) & 1);
    const Py_UCS4 low = c & WIDE_FILTER_MASK;
    if (!((set->wide[low >> 6] >> (low & 63)) & 1))
        return 0;
    const int kind = PyUnicode_KIND(set->chars);
    const void *data = PyUnicode_DATA(set->chars);
    for (Py_ssize_t k = 0; k < PyUnicode_GET_LENGTH(set->chars); k++) {
        if (PyUnicode_READ(kind, data, k) == c)
            return 1;
    }
    return 0;
}

/* edge_marked_lines(texts, words, max_words, firsts, lasts):
 * comment_threads.edge_marked_lines_python. The indexes of the lines whose first character
 * is one of the str `firsts` or whose last is one of `lasts`, and (unless words is None)
 * whose word count words[j] is at most max_words. */
static PyObject *
native_edge_marked_lines(PyObject *module, PyObject *const *args, Py_ssize_t nargs)
{
    (void)module;
    if (nargs != 5) {
        PyErr_SetString(PyExc_TypeError,
                        "edge_marked_lines(texts, words, max_words, firsts, lasts) takes 5 arguments");
        return NULL;
    }
    PyObject *texts = args[0], *words = args[1], *firsts = args[3], *lasts = args[4];
    if (!check_str_list(texts, "edge_marked_lines"))
        return NULL;
    if (words != Py_None && (!PyList_Check(words) || PyList_GET_SIZE(words) != PyList_GET_SIZE(texts))) {
        PyErr_SetString(PyExc_TypeError, "edge_marked_lines: words must be None or a list of int, one per line");
        return NULL;
    }
    if (!PyUnicode_Check(firsts) || !PyUnicode_Check(lasts)) {
        PyErr_SetString(PyExc_TypeError, "edge_marked_lines: firsts and lasts must be str");
        return NULL;
    }
    const long max_words = PyLong_AsLong(args[2]);
    if (max_words == -1 && PyErr_Occurred())
        return NULL;
    CharSet first_set, last_set;
    char_set_init(&first_set, firsts);
    char_set_init(&last_set, lasts);
    PyObject *out = PyList_New(0);
    if (out == NULL)
        return NULL;
    for (Py_ssize_t j = 0; j < PyList_GET_SIZE(texts); j++) {
        PyObject *text = PyList_GET_ITEM(texts, j);
        const Py_ssize_t size = PyUnicode_GET_LENGTH(text);
        if (size == 0)
            continue; /* "" is in no set of characters */
        if (!char_set_holds(&first_set, PyUnicode_READ_CHAR(text, 0)) &&
            !char_set_holds(&last_set, PyUnicode_READ_CHAR(text, size - 1)))
            continue;
        if (words != Py_None) {
            const int short_line = at_most(words, j, max_words, "edge_marked_lines");
            if (short_line < 0)
                goto fail;
            if (!short_line)
                continue;
        }
        if (cleaner_append_index(out, j) < 0)
            goto fail;
    }
    return out;
fail:
    Py_DECREF(out);
    return NULL;
}

/* -------------------------------------------------------------- address_marked */

/* The networks contact_lines._NETWORK names, as contact_lines.NETWORK_NAMES lists them. */
static const char *const NETWORK_NAMES[] = {
    "twitter", "facebook", "instagram", "linkedin", "tiktok", "youtube",
    "whatsapp", "telegram", "bluesky", "threads", "mastodon", "snapchat",
};
#define NETWORK_COUNT (sizeof(NETWORK_NAMES) / sizeof(NETWORK_NAMES[0]))

/* The letters outside ASCII that a case-blind pattern matches to an ASCII one (contact_lines.
 * FOLDED_LETTERS): dotted and dotless I, the long s, the Kelvin sign. */
static inline int
is_folded_letter(Py_UCS4 c)
{
    return c == 0x0130 || c == 0x0131 || c == 0x017F || c == 0x212A;
}

static inline Py_UCS4
ascii_lower(Py_UCS4 c)
{
    return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
}

/* A name's first letters, either case, as masks over NETWORK_NAMES (bit n: the name
 * NETWORK_NAMES[n]): name_letters[i][c] holds the names whose letter i is the character c,
 * and name_letters[0] also ADDRESS_SIGN for "@" and "/", a mark in themselves. The
 * intersection of the masks at positions k .. k + NAME_PREFIX - 1 is the set of names that
 * may start at k, found with table reads and no branch: letters that open a name are common
 * ("t", "i", "f"), but few go on with the next three letters of one. Every name is longer
 * than NAME_PREFIX. Filled once, by address_marked's first call. */
#define ADDRESS_SIGN 0x8000u
#define NAME_PREFIX 4
static uint16_t name_letters[NAME_PREFIX][256];
static int address_look_filled = 0;

static void
fill_address_look(void)
{
    name_letters[0]['@'] = name_letters[0]['/'] = ADDRESS_SIGN;
    for (size_t n = 0; n < NETWORK_COUNT; n++) {
        const uint16_t bit = (uint16_t)(1u << n);
        for (int i = 0; i < NAME_PREFIX; i++) {
            const unsigned char letter = (unsigned char)NETWORK_NAMES[n][i];
            name_letters[i][letter] |= bit;
            name_letters[i][letter - ('a' - 'A')] |= bit;
        }
    }
    address_look_filled = 1;
}

/* name_letters[I]'s mask for the character CH (none past Latin-1: no name's letter). */
#define LETTER_MASK(I, CH) ((CH) > 0xFF ? 0u : (unsigned)name_letters[I][CH])

/* Whether one of the names in `mask` (whose first two letters match at k and k + 1) goes on
 * to its end from position k + 2 of the line, in ASCII letters of either case. */
static int
network_rest_at(int kind, const void *data, Py_ssize_t size, Py_ssize_t k, unsigned mask)
{
    for (unsigned n = 0; mask; mask >>= 1, n++) {
        if (!(mask & 1))
            continue;
        const char *name = NETWORK_NAMES[n];
        Py_ssize_t at = 2;
        while (name[at] != '\0' && k + at < size &&
               ascii_lower(PyUnicode_READ(kind, data, k + at)) == (Py_UCS4)name[at])
            at++;
        if (name[at] == '\0')
            return 1;
    }
    return 0;
}

/* Whether a line holds "@", "/", a folded letter or a network's name in ASCII letters of
 * either case (contact_lines._holds_address_mark). One copy per string width. */
#define HOLDS_ADDRESS_MARK(NAME, CHAR, KIND)                                                   \
    static int NAME(const void *data, Py_ssize_t size)                                         \
    {                                                                                          \
        const CHAR *text = (const CHAR *)data;                                                 \
        for (Py_ssize_t k = 0; k < size; k++) {                                                \
            const Py_UCS4 c = text[k];                                                         \
            if (c > 0xFF) {                                                                    \
                if (is_folded_letter(c))                                                       \
                    return 1;                                                                  \
                continue;                                                                      \
            }                                                                                  \
            const unsigned opens = name_letters[0][c];                                         \
            if (opens & ADDRESS_SIGN)                                                          \
                return 1;                                                                      \
            if (!opens) /* most characters open no name: the next three are not read */       \
                continue;                                                                      \
            if (k + NAME_PREFIX > size) /* no name fits from here on: only signs are left */ \
                continue;                                                                      \
            const Py_UCS4 second = text[k + 1], third = text[k + 2], fourth = text[k + 3];     \
            const unsigned mask = opens & LETTER_MASK(1, second) & LETTER_MASK(2, third) &     \
                                  LETTER_MASK(3, fourth);                                      \
            if (mask && network_rest_at(KIND, data, size, k, mask))                            \
                return 1;                                                                      \
        }                                                                                      \
        return 0;                                                                              \
    }
HOLDS_ADDRESS_MARK(holds_address_mark_ucs1, Py_UCS1, PyUnicode_1BYTE_KIND)
HOLDS_ADDRESS_MARK(holds_address_mark_ucs2, Py_UCS2, PyUnicode_2BYTE_KIND)
HOLDS_ADDRESS_MARK(holds_address_mark_ucs4, Py_UCS4, PyUnicode_4BYTE_KIND)

/* Whether `text` holds an address's mark (see HOLDS_ADDRESS_MARK): the test address_marked
 * and opening_picks.c's contact_marked share (_compiled.h). */
int
cleaner_holds_address_mark(PyObject *text)
{
    if (!address_look_filled)
        fill_address_look();
    const int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    const Py_ssize_t size = PyUnicode_GET_LENGTH(text);
    return kind == PyUnicode_1BYTE_KIND   ? holds_address_mark_ucs1(data, size)
           : kind == PyUnicode_2BYTE_KIND ? holds_address_mark_ucs2(data, size)
                                          : holds_address_mark_ucs4(data, size);
}

/* address_marked(texts, words, max_words, max_chars): contact_lines.address_marked_python.
 * The indexes of the lines of at most max_words words and max_chars characters that hold
 * an address mark (cleaner_holds_address_mark). */
static PyObject *
native_address_marked(PyObject *module, PyObject *const *args, Py_ssize_t nargs)
{
    (void)module;
    if (nargs != 4) {
        PyErr_SetString(PyExc_TypeError, "address_marked(texts, words, max_words, max_chars) takes 4 arguments");
        return NULL;
    }
    PyObject *texts = args[0], *words = args[1];
    if (!check_str_list(texts, "address_marked"))
        return NULL;
    if (!PyList_Check(words) || PyList_GET_SIZE(words) != PyList_GET_SIZE(texts)) {
        PyErr_SetString(PyExc_TypeError, "address_marked: words must be a list of int, one per line");
        return NULL;
    }
    const long max_words = PyLong_AsLong(args[2]);
    if (max_words == -1 && PyErr_Occurred())
        return NULL;
    const Py_ssize_t max_chars = PyLong_AsSsize_t(args[3]);
    if (max_chars == -1 && PyErr_Occurred())
        return NULL;
    PyObject *out = PyList_New(0);
    if (out == NULL)
        return NULL;
    for (Py_ssize_t j = 0; j < PyList_GET_SIZE(texts); j++) {
        PyObject *text = PyList_GET_ITEM(texts, j);
        const int short_line = at_most(words, j, max_words, "address_marked");
        if (short_line < 0)
            goto fail;
        if (!short_line || PyUnicode_GET_LENGTH(text) > max_chars || !cleaner_holds_address_mark(text))
            continue;
        if (cleaner_append_index(out, j) < 0)
            goto fail;
    }
    return out;
fail:
    Py_DECREF(out);
    return NULL;
}

/* ------------------------------------------------------------------ kept_lines */

/* kept_lines(local, usable): decisions.kept_lines_python. Per line, whether it is still in
 * the body: its label in the list `local` is None and (unless usable is None) its flag in
 * the list of bool `usable` is True. */
static PyObject *
native_kept_lines(PyObject *module, PyObject *const *args, Py_ssize_t nargs)
{
    (void)module;
    if (nargs != 2) {
        PyErr_SetString(PyExc_TypeError, "kept_lines(local, usable) takes 2 arguments");
        return NULL;
    }
    PyObject *local = args[0], *usable = args[1];
    if (!PyList_Check(local)) {
        PyErr_SetString(PyExc_TypeError, "kept_lines: local must be a list");
        return NULL;
    }
    const Py_ssize_t n = PyList_GET_SIZE(local);
    if (usable != Py_None && (!PyList_Check(usable) || PyList_GET_SIZE(usable) != n)) {
        PyErr_SetString(PyExc_TypeError, "kept_lines: usable must be None or a list of bool, one per line");
        return NULL;
    }
    PyObject *out = PyList_New(n);
    if (out == NULL)
        return NULL;
    for (Py_ssize_t j = 0; j < n; j++) {
        int kept = PyList_GET_ITEM(local, j) == Py_None;
        if (usable != Py_None) {
            PyObject *flag = PyList_GET_ITEM(usable, j);
            if (!PyBool_Check(flag)) {
                Py_DECREF(out);
                PyErr_SetString(PyExc_TypeError, "kept_lines: usable must be None or a list of bool, one per line");
                return NULL;
            }
            kept = kept && flag == Py_True;
        }
        PyList_SET_ITEM(out, j, Py_NewRef(kept ? Py_True : Py_False));
    }
    return out;
}

/* ---------------------------------------------------------- lead_in_candidates */

/* The filter of a lead-in index's keys: a code point's bit (ASCII) or its low ten bits'
 * (past ASCII) set when a key of one character may be it. 1 when every key is a str
 * of one character (Lexicon._lead_index's), else 0: each initial then goes to the dict. */
static int
index_initials(PyObject *index, CharSet *initials)
{
    memset(initials, 0, sizeof(*initials));
    PyObject *key, *value;
    Py_ssize_t at = 0;
    while (PyDict_Next(index, &at, &key, &value)) {
        if (!PyUnicode_CheckExact(key) || PyUnicode_GET_LENGTH(key) != 1)
            return 0;
        const Py_UCS4 c = PyUnicode_READ_CHAR(key, 0);
        const Py_UCS4 bit = c < 128 ? c : c & WIDE_FILTER_MASK;
        uint64_t *words = c < 128 ? initials->ascii : initials->wide;
        words[bit >> 6] |= (uint64_t)1 << (bit & 63);
    }
    return 1;
}

/* Whether an initial may be a key (see index_initials): a miss is no key for certain. */
static inline int
may_be_initial(const CharSet *initials, Py_UCS4 c)
{
    const Py_UCS4 bit = c < 128 ? c : c & WIDE_FILTER_MASK;
    const uint64_t *words = c < 128 ? initials->ascii : initials->wide;
    return (int)((words[bit >> 6] >> (bit & 63)) & 1);
}

/* lead_in_candidates(norms, strip, index): the indexes of the lines that Lexicon.lead_in
 * may find a lead-in in, in order: after the characters of `strip` at the line's start (as
 * str.lstrip(strip) takes them off), the line's first character is a key of the dict
 * `index` and the line goes on with one of the str of the tuple its entry opens with
 * (entry[0]; Lexicon._lead_index). Every other line's lead_in is None, read or not. */
static PyObject *
native_lead_in_candidates(PyObject *Py_UNUSED(module), PyObject *const *args, Py_ssize_t nargs)
{
    if (nargs != 3) {
        PyErr_SetString(PyExc_TypeError, "lead_in_candidates() takes 3 arguments");
        return NULL;
    }
    PyObject *norms = args[0], *strip = args[1], *index = args[2];
    if (!check_str_list(norms, "lead_in_candidates") || !PyUnicode_Check(strip) || !PyDict_Check(index)) {
        if (!PyErr_Occurred())
            PyErr_SetString(PyExc_TypeError, "lead_in_candidates: expected (list of str, str, dict)");
        return NULL;
    }
    CharSet strip_set, initials;
    char_set_init(&strip_set, strip);
    const int filtered = index_initials(index, &initials);
    PyObject *out = PyList_New(0);
    if (out == NULL)
        return NULL;
    for (Py_ssize_t j = 0; j < PyList_GET_SIZE(norms); j++) {
        PyObject *norm = PyList_GET_ITEM(norms, j);
        const Py_ssize_t size = PyUnicode_GET_LENGTH(norm);
        const int kind = PyUnicode_KIND(norm);
        const void *data = PyUnicode_DATA(norm);
        Py_ssize_t at = 0; /* the first character lstrip(strip) leaves */
        while (at < size && char_set_holds(&strip_set, PyUnicode_READ(kind, data, at)))
            at++;
        if (at == size || (filtered && !may_be_initial(&initials, PyUnicode_READ(kind, data, at))))
            continue;
        PyObject *initial = PyUnicode_FromOrdinal(PyUnicode_READ(kind, data, at));
        if (initial == NULL)
            goto fail;
        PyObject *entry = PyDict_GetItemWithError(index, initial); /* borrowed */
        Py_DECREF(initial);
        if (entry == NULL) {
            if (PyErr_Occurred())
                goto fail;
            continue;
        }
        if (!PyTuple_Check(entry) || PyTuple_GET_SIZE(entry) < 1 || !PyTuple_Check(PyTuple_GET_ITEM(entry, 0))) {
            PyErr_SetString(PyExc_TypeError, "lead_in_candidates: an index entry must open with a tuple of str");
            goto fail;
        }
        PyObject *leads = PyTuple_GET_ITEM(entry, 0);
        for (Py_ssize_t k = 0; k < PyTuple_GET_SIZE(leads); k++) {
            PyObject *lead = PyTuple_GET_ITEM(leads, k);
            if (!PyUnicode_Check(lead)) {
                PyErr_SetString(PyExc_TypeError, "lead_in_candidates: a lead-in must be a str");
                goto fail;
            }
            const Py_ssize_t found = PyUnicode_Tailmatch(norm, lead, at, PY_SSIZE_T_MAX, -1);
            if (found < 0)
                goto fail;
            if (found) {
                if (cleaner_append_index(out, j) < 0)
                    goto fail;
                break;
            }
        }
    }
    return out;
fail:
    Py_DECREF(out);
    return NULL;
}

/* ------------------------------------------------------------------ the table */

PyMethodDef line_mark_methods[] = {
    {"marked_lines", (PyCFunction)(void (*)(void))native_marked_lines, METH_FASTCALL,
     "marked_lines(texts, marks, max_chars): the lines of at most max_chars characters holding a mark."},
    {"edge_marked_lines", (PyCFunction)(void (*)(void))native_edge_marked_lines, METH_FASTCALL,
     "edge_marked_lines(texts, words, max_words, firsts, lasts): the short lines opening with one of "
     "firsts or closing with one of lasts."},
    {"address_marked", (PyCFunction)(void (*)(void))native_address_marked, METH_FASTCALL,
     "address_marked(texts, words, max_words, max_chars): the short lines holding a contact address's mark."},
    {"lead_in_candidates", (PyCFunction)(void (*)(void))native_lead_in_candidates, METH_FASTCALL,
     "lead_in_candidates(norms, strip, index): the lines Lexicon.lead_in may find a lead-in in."},
    {"kept_lines", (PyCFunction)(void (*)(void))native_kept_lines, METH_FASTCALL,
     "kept_lines(local, usable): per line whether its label is None and its usable flag True."},
    {NULL, NULL, 0, NULL},
};
