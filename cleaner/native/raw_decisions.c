/* Compiled twins of a raw dump's per-line Python in the labeler and its decisions
 * (part of cleaner.native._compiled: _compiled.c's module adds these functions when it loads).
 *
 * On a raw page dump most lines are dropped one by one, so the loops that read every line
 * in Python cost most of what is left of the decisions:
 *   button_phrase_lines  decisions.label_button_and_phrase_lines_python (labels in place);
 *   lexicon_line_columns labeler.lexicon_features_python's columns (families, lex_any, lex_line);
 *   zone_cues            lexicon.Lexicon.has_zone_cues (appeal-zone's page test, zones.has_zone_cues);
 *   header_lines         zones.header_lines_python (the lines that may open an appeal zone);
 *   chrome_entry         lexicon.Lexicon.shows_chrome (edges' cue and looks_raw, edges.shows_chrome);
 *   last_prose_run       decisions._last_prose_run_python (after-terminator's paragraphs);
 *   kept_chars           decisions.kept_chars_python (after-terminator's share of the text above);
 *   repeat_lines         decisions.repeat_lines_python (repeat's later copies);
 *   edge_lines           edges.edge_lines_python (edges' head menu and short tail);
 *   kept_marked_lines    decisions.kept_marked_lines_python (share-bar's lines, kept ones only);
 *   terminator_columns   terminators.terminator_columns_python (the line model's below_<family> columns).
 * Each reads its lines once, with the same dict lookups and comparisons as its Python
 * original, which stays beside its call site as the reference and the fallback;
 * tests/test_native_raw_decisions.py compares them on corpus pages, hostile strings and
 * random pages. Plain CPython C API, no module state.
 */
#include "_compiled.h"
#include <stdint.h>
#include <string.h>

/* The bool flag list[j]: 1 or 0, -1 (a TypeError naming `what`) when it is no bool. */
static int
bool_at(PyObject *list, Py_ssize_t j, const char *what)
{
    PyObject *flag = PyList_GET_ITEM(list, j);
    if (!PyBool_Check(flag)) {
        PyErr_Format(PyExc_TypeError, "%s must be a list of bool", what);
        return -1;
    }
    return flag == Py_True;
}

/* dict[key] as a borrowed reference: NULL with a KeyError (or the lookup's error) when absent. */
static PyObject *
item_of(PyObject *dict, PyObject *key)
{
    PyObject *value = PyDict_GetItemWithError(dict, key);
    if (value == NULL && !PyErr_Occurred())
        PyErr_SetObject(PyExc_KeyError, key);
    return value;
}

/* Whether cut > score, as float.__gt__ answers: the doubles for floats, Python's own
 * comparison for anything else (an int compares exactly). -1 on an error. */
static int
below_cut(PyObject *cut, double cut_value, PyObject *score)
{
    if (PyFloat_Check(score))
        return cut_value > PyFloat_AS_DOUBLE(score);
    return PyObject_RichCompareBool(cut, score, Py_GT);
}

/* ------------------------------------------------------------ button_phrase_lines */

/* What the whole-line entries' keys can be, so that most lines need no lookup (hashing a
 * fresh line str cost ~900 instructions, and most lines are longer than any entry): the
 * lengths of the keys (one bit each below ENTRY_LENGTH_BITS; long_keys: one at or past it)
 * and their first characters (one bit each below ASCII_END; wide_firsts: one past it).
 * Made once per lexicon by line_entry_filter (as bytes, kept in Lexicon.derived) and handed
 * to each button_phrase_lines call: no state here. */
#define ENTRY_LENGTH_BITS 64
#define ASCII_END 128

struct entry_filter {
    uint64_t lengths;
    uint64_t firsts[ASCII_END / 64];
    uint64_t long_keys, wide_firsts;
};

/* line_entry_filter(line_category): the keys' filter as bytes, or None where a key is no
 * exact, non-empty str (every line is then looked up). */
static PyObject *
native_line_entry_filter(PyObject *module, PyObject *dict)
{
    (void)module;
    if (!PyDict_Check(dict)) {
        PyErr_SetString(PyExc_TypeError, "line_entry_filter: line_category must be a dict");
        return NULL;
    }
    struct entry_filter made;
    memset(&made, 0, sizeof made);
    Py_ssize_t pos = 0;
    PyObject *key, *value;
    while (PyDict_Next(dict, &pos, &key, &value)) {
        if (!PyUnicode_CheckExact(key) || PyUnicode_READY(key) < 0 || PyUnicode_GET_LENGTH(key) == 0) {
            PyErr_Clear();
            Py_RETURN_NONE;
        }
        const Py_ssize_t length = PyUnicode_GET_LENGTH(key);
        const Py_UCS4 first = PyUnicode_READ_CHAR(key, 0);
        if (length < ENTRY_LENGTH_BITS)
            made.lengths |= (uint64_t)1 << length;
        else
            made.long_keys = 1;
        if (first < ASCII_END)
            made.firsts[first / 64] |= (uint64_t)1 << (first % 64);
        else
            made.wide_firsts = 1;
    }
    return PyBytes_FromStringAndSize((const char *)&made, sizeof made);
}

/* The filter `arg` holds (line_entry_filter's bytes), or NULL for None (every line looked
 * up); -1 in *error on another argument. */
static const struct entry_filter *
entry_filter_arg(PyObject *arg, int *error)
{
    *error = 0;
    if (arg == Py_None)
        return NULL;
    if (!PyBytes_CheckExact(arg) || PyBytes_GET_SIZE(arg) != (Py_ssize_t)sizeof(struct entry_filter)) {
        PyErr_SetString(PyExc_TypeError, "button_phrase_lines: entries_filter must be line_entry_filter's bytes or None");
        *error = -1;
        return NULL;
    }
    return (const struct entry_filter *)PyBytes_AS_STRING(arg);
}

/* Whether `norm` may be a key of the filter's dict: 0 only where no key equals it (an
 * exact str of a length or first character no key has). */
static inline int
may_be_entry(const struct entry_filter *filter, PyObject *norm)
{
    if (filter == NULL || !PyUnicode_CheckExact(norm))
        return 1;
    const Py_ssize_t length = PyUnicode_GET_LENGTH(norm);
    if (length >= ENTRY_LENGTH_BITS ? !filter->long_keys : !(filter->lengths >> length & 1))
        return 0;
    const Py_UCS4 first = PyUnicode_READ_CHAR(norm, 0); /* length > 0: a key has it */
    if (first >= ASCII_END)
        return (int)filter->wide_firsts;
    return (int)(filter->firsts[first / 64] >> (first % 64) & 1);
}

/* button_phrase_lines(norms, line_category, phrase_lines, cut, scores, local, usable,
 * categories, button_labels, phrase_labels, classifier, entries_filter): the decision button-and-phrase-lines
 * in one pass. A kept line (its label in `local` None and, unless usable is None, usable)
 * that is a whole-line entry of `line_category` (a button), a phrase line, or (cut above
 * minus infinity) scored below the cut, gets button_labels[button], else
 * phrase_labels[category], else `classifier`; written into `local`. Returns None. */
static PyObject *
native_button_phrase_lines(PyObject *module, PyObject *const *args, Py_ssize_t nargs)
{
    (void)module;
    if (nargs != 12) {
        PyErr_SetString(PyExc_TypeError, "button_phrase_lines takes 12 arguments");
        return NULL;
    }
    PyObject *norms = args[0], *line_category = args[1], *phrase_lines = args[2], *cut = args[3];
    PyObject *scores = args[4], *local = args[5], *usable = args[6], *categories = args[7];
    PyObject *button_labels = args[8], *phrase_labels = args[9], *classifier = args[10];
    int bad_filter;
    const struct entry_filter *filter = entry_filter_arg(args[11], &bad_filter);
    if (bad_filter < 0)
        return NULL;
    if (!cleaner_check_list(norms, -1, "button_phrase_lines: norms"))
        return NULL;
    const Py_ssize_t n = PyList_GET_SIZE(norms);
    if (!PyDict_Check(line_category) || !PyDict_Check(button_labels) || !PyDict_Check(phrase_labels)) {
        PyErr_SetString(PyExc_TypeError, "button_phrase_lines: line_category and the label tables must be dicts");
        return NULL;
    }
    if (!PyFloat_Check(cut)) {
        PyErr_SetString(PyExc_TypeError, "button_phrase_lines: cut must be a float");
        return NULL;
    }
    if (!cleaner_check_list(phrase_lines, n, "button_phrase_lines: phrase_lines") ||
        !cleaner_check_list(scores, n, "button_phrase_lines: scores") ||
        !cleaner_check_list(local, n, "button_phrase_lines: local") ||
        !cleaner_check_list(categories, n, "button_phrase_lines: categories") ||
        (usable != Py_None && !cleaner_check_list(usable, n, "button_phrase_lines: usable")))
        return NULL;
    const double cut_value = PyFloat_AS_DOUBLE(cut);
    const int by_score = !(Py_IS_INFINITY(cut_value) && cut_value < 0);
    for (Py_ssize_t j = 0; j < n; j++) {
        PyObject *norm = PyList_GET_ITEM(norms, j);
        if (!PyUnicode_Check(norm)) {
            PyErr_SetString(PyExc_TypeError, "button_phrase_lines: norms must be a list of str");
            return NULL;
        }
        const int phrase = bool_at(phrase_lines, j, "button_phrase_lines: phrase_lines");
        if (phrase < 0)
            return NULL;
        int kept = PyList_GET_ITEM(local, j) == Py_None;
        if (usable != Py_None) {
            const int flag = bool_at(usable, j, "button_phrase_lines: usable");
            if (flag < 0)
                return NULL;
            kept = kept && flag;
        }
        PyObject *button = may_be_entry(filter, norm) ? PyDict_GetItemWithError(line_category, norm) : NULL;
        if (button == NULL && PyErr_Occurred())
            return NULL;
        int marked = button != NULL || phrase;
        if (!marked && by_score) {
            const int below = below_cut(cut, cut_value, PyList_GET_ITEM(scores, j));
            if (below < 0)
                return NULL;
            marked = below;
        }
        if (!marked || !kept)
            continue;
        PyObject *label;
        if (button != NULL) {
            label = item_of(button_labels, button);
        }
        else {
            PyObject *category = PyList_GET_ITEM(categories, j);
            label = category == Py_None ? classifier : item_of(phrase_labels, category);
        }
        if (label == NULL)
            return NULL;
        Py_INCREF(label);
        if (PyList_SetItem(local, j, label) < 0)
            return NULL;
    }
    Py_RETURN_NONE;
}

/* ----------------------------------------------------------- lexicon_line_columns */

/* lexicon_line_columns(categories, covered, lows, norms, line_category, cover):
 * labeler.lexicon_features' three columns: the families (`categories` itself when no line
 * is a whole-line entry, else a copy with each None of an entry's line set to its
 * category), and lex_any, lex_line as float64 bytes (1.0 / 0.0): a phrase category, and
 * covered >= cover * len(low) or the norm a whole-line entry. */
static PyObject *
native_lexicon_line_columns(PyObject *module, PyObject *const *args, Py_ssize_t nargs)
{
    (void)module;
    if (nargs != 6) {
        PyErr_SetString(PyExc_TypeError, "lexicon_line_columns takes 6 arguments");
        return NULL;
    }
    PyObject *categories = args[0], *covered = args[1], *lows = args[2], *norms = args[3];
    PyObject *line_category = args[4];
    if (!cleaner_check_list(lows, -1, "lexicon_line_columns: lows"))
        return NULL;
    const Py_ssize_t n = PyList_GET_SIZE(lows);
    if (!cleaner_check_list(categories, n, "lexicon_line_columns: categories") ||
        !cleaner_check_list(covered, n, "lexicon_line_columns: covered") ||
        !cleaner_check_list(norms, n, "lexicon_line_columns: norms"))
        return NULL;
    if (!PyDict_Check(line_category)) {
        PyErr_SetString(PyExc_TypeError, "lexicon_line_columns: line_category must be a dict");
        return NULL;
    }
    const double cover = PyFloat_AsDouble(args[5]);
    if (cover == -1.0 && PyErr_Occurred())
        return NULL;
    PyObject *any_bytes = PyBytes_FromStringAndSize(NULL, n * (Py_ssize_t)sizeof(double));
    PyObject *line_bytes = PyBytes_FromStringAndSize(NULL, n * (Py_ssize_t)sizeof(double));
    PyObject *families = NULL;
    if (any_bytes == NULL || line_bytes == NULL)
        goto fail;
    double *lex_any = (double *)PyBytes_AS_STRING(any_bytes);
    double *lex_line = (double *)PyBytes_AS_STRING(line_bytes);
    for (Py_ssize_t j = 0; j < n; j++) {
        PyObject *low = PyList_GET_ITEM(lows, j), *norm = PyList_GET_ITEM(norms, j);
        PyObject *count = PyList_GET_ITEM(covered, j);
        if (!PyUnicode_Check(low) || !PyUnicode_Check(norm)) {
            PyErr_SetString(PyExc_TypeError, "lexicon_line_columns: lows and norms must be lists of str");
            goto fail;
        }
        if (!PyLong_Check(count)) {
            PyErr_SetString(PyExc_TypeError, "lexicon_line_columns: covered must be a list of int");
            goto fail;
        }
        const double chars = PyLong_AsDouble(count);
        if (chars == -1.0 && PyErr_Occurred())
            goto fail;
        PyObject *category = PyList_GET_ITEM(categories, j);
        PyObject *entry = PyDict_GetItemWithError(line_category, norm);
        if (entry == NULL && PyErr_Occurred())
            goto fail;
        lex_any[j] = category != Py_None ? 1.0 : 0.0;
        const int fills = chars >= cover * (double)PyUnicode_GET_LENGTH(low);
        lex_line[j] = fills || entry != NULL ? 1.0 : 0.0;
        if (entry != NULL && category == Py_None) {
            if (families == NULL && (families = PyList_GetSlice(categories, 0, n)) == NULL)
                goto fail;
            Py_INCREF(entry);
            PyList_SetItem(families, j, entry);
        }
    }
    if (families == NULL)
        families = Py_NewRef(categories);
    return Py_BuildValue("(NNN)", families, any_bytes, line_bytes);
fail:
    Py_XDECREF(families);
    Py_XDECREF(any_bytes);
    Py_XDECREF(line_bytes);
    return NULL;
}

/* A call's view of the header prefixes by first character: the ASCII initials as bits and
 * their tuples (borrowed from the dict, looked up once a call), the others looked up per line. */
typedef struct {
    PyObject *initials;
    PyObject *by_initial;
    uint64_t ascii[2];
    PyObject *tuples[128];
} Initials;

static void
initials_init(Initials *set, PyObject *initials, PyObject *by_initial)
{
    set->initials = initials;
    set->by_initial = by_initial;
    set->ascii[0] = set->ascii[1] = 0;
    memset(set->tuples, 0, sizeof set->tuples);
    for (Py_ssize_t k = 0; k < PyUnicode_GET_LENGTH(initials); k++) {
        const Py_UCS4 c = PyUnicode_READ_CHAR(initials, k);
        if (c < 128)
            set->ascii[c >> 6] |= (uint64_t)1 << (c & 63);
    }
}

/* The prefixes of the initial `first` (borrowed), NULL without them (an error set or not). */
static PyObject *
prefixes_of(Initials *set, PyObject *norm, Py_UCS4 first)
{
    if (first < 128) {
        if (!(set->ascii[first >> 6] >> (first & 63) & 1))
            return NULL;
        if (set->tuples[first] != NULL)
            return set->tuples[first];
    }
    else if (PyUnicode_FindChar(set->initials, first, 0, PyUnicode_GET_LENGTH(set->initials), 1) < 0)
        return NULL; /* -2 leaves its error set */
    PyObject *initial = PyUnicode_Substring(norm, 0, 1);
    if (initial == NULL)
        return NULL;
    PyObject *prefixes = item_of(set->by_initial, initial);
    Py_DECREF(initial);
    if (prefixes != NULL && !PyTuple_Check(prefixes)) {
        PyErr_SetString(PyExc_TypeError, "by_initial must map to tuples of str");
        return NULL;
    }
    if (prefixes != NULL && first < 128)
        set->tuples[first] = prefixes;
    return prefixes;
}

/* Whether `norm` opens with one of the prefixes of its first character (asked only when
 * that character is an initial): 1, 0, or -1 on an error. */
static int
opens_with_prefix(PyObject *norm, Initials *set)
{
    if (PyUnicode_GET_LENGTH(norm) == 0)
        return 0;
    PyObject *prefixes = prefixes_of(set, norm, PyUnicode_READ_CHAR(norm, 0));
    if (prefixes == NULL)
        return PyErr_Occurred() ? -1 : 0;
    return cleaner_opens_with_any(norm, prefixes, "");
}

/* ---------------------------------------------------------------------- zone_cues */

/* zone_cues(norms, entries, max_chars, initials, by_initial): Lexicon.has_zone_cues for a
 * lexicon without an empty prefix. Whether a line of at most max_chars characters is in the
 * set `entries` (the calls to action and whole-line headers, none longer than max_chars), or
 * a line opens with one of the prefixes by_initial[its first character] (only lines whose
 * first character is in the str `initials` are asked). */
static PyObject *
native_zone_cues(PyObject *module, PyObject *const *args, Py_ssize_t nargs)
{
    (void)module;
    if (nargs != 5) {
        PyErr_SetString(PyExc_TypeError, "zone_cues(norms, entries, max_chars, initials, by_initial) takes 5 arguments");
        return NULL;
    }
    PyObject *norms = args[0], *entries = args[1], *initials = args[3], *by_initial = args[4];
    if (!cleaner_check_list(norms, -1, "zone_cues: norms"))
        return NULL;
    if (!PyAnySet_Check(entries) || !PyUnicode_Check(initials) || !PyDict_Check(by_initial)) {
        PyErr_SetString(PyExc_TypeError, "zone_cues: entries must be a set, initials a str, by_initial a dict");
        return NULL;
    }
    const Py_ssize_t max_chars = PyLong_AsSsize_t(args[2]);
    if (max_chars == -1 && PyErr_Occurred())
        return NULL;
    Initials set;
    initials_init(&set, initials, by_initial);
    for (Py_ssize_t j = 0; j < PyList_GET_SIZE(norms); j++) {
        PyObject *norm = PyList_GET_ITEM(norms, j);
        if (!PyUnicode_Check(norm)) {
            PyErr_SetString(PyExc_TypeError, "zone_cues: norms must be a list of str");
            return NULL;
        }
        int found = PyUnicode_GET_LENGTH(norm) <= max_chars ? PySet_Contains(entries, norm) : 0;
        if (found == 0)
            found = opens_with_prefix(norm, &set);
        if (found != 0)
            return found < 0 ? NULL : Py_NewRef(Py_True);
    }
    Py_RETURN_FALSE;
}

/* header_lines(norms, headers, initials, by_initial): the indexes of the lines
 * zones.header_lines_python gives: in the set `headers`, or opening with a prefix (as
 * zone_cues asks). */
static PyObject *
native_header_lines(PyObject *module, PyObject *const *args, Py_ssize_t nargs)
{
    (void)module;
    if (nargs != 4) {
        PyErr_SetString(PyExc_TypeError, "header_lines(norms, headers, initials, by_initial) takes 4 arguments");
        return NULL;
    }
    PyObject *norms = args[0], *headers = args[1], *initials = args[2], *by_initial = args[3];
    if (!cleaner_check_list(norms, -1, "header_lines: norms"))
        return NULL;
    if (!PyAnySet_Check(headers) || !PyUnicode_Check(initials) || !PyDict_Check(by_initial)) {
        PyErr_SetString(PyExc_TypeError, "header_lines: headers must be a set, initials a str, by_initial a dict");
        return NULL;
    }
    Initials set;
    initials_init(&set, initials, by_initial);
    PyObject *out = PyList_New(0);
    if (out == NULL)
        return NULL;
    for (Py_ssize_t j = 0; j < PyList_GET_SIZE(norms); j++) {
        PyObject *norm = PyList_GET_ITEM(norms, j);
        if (!PyUnicode_Check(norm)) {
            PyErr_SetString(PyExc_TypeError, "header_lines: norms must be a list of str");
            goto fail;
        }
        int found = PySet_Contains(headers, norm);
        if (found == 0)
            found = opens_with_prefix(norm, &set);
        if (found < 0 || (found && cleaner_append_index(out, j) < 0))
            goto fail;
    }
    return out;
fail:
    Py_DECREF(out);
    return NULL;
}

/* ------------------------------------------------------------------- chrome_entry */

/* chrome_entry(norms, chrome, buttons, strip, max_chars, in_article): Lexicon.shows_chrome.
 * Whether a line of at most max_chars characters, once the characters of the str `strip`
 * are taken off both its ends (str.strip), is in the set `chrome`, or a key of the dict
 * `buttons` whose value is not in the set `in_article`. */
static PyObject *
native_chrome_entry(PyObject *module, PyObject *const *args, Py_ssize_t nargs)
{
    (void)module;
    if (nargs != 6) {
        PyErr_SetString(PyExc_TypeError, "chrome_entry(norms, chrome, buttons, strip, max_chars, in_article) takes 6 arguments");
        return NULL;
    }
    PyObject *norms = args[0], *chrome = args[1], *buttons = args[2], *strip = args[3], *in_article = args[5];
    if (!cleaner_check_list(norms, -1, "chrome_entry: norms"))
        return NULL;
    if (!PyAnySet_Check(chrome) || !PyDict_Check(buttons) || !PyUnicode_Check(strip) || !PyAnySet_Check(in_article)) {
        PyErr_SetString(PyExc_TypeError, "chrome_entry: chrome and in_article must be sets, buttons a dict, strip a str");
        return NULL;
    }
    const Py_ssize_t max_chars = PyLong_AsSsize_t(args[4]);
    if (max_chars == -1 && PyErr_Occurred())
        return NULL;
    const Py_ssize_t n_strip = PyUnicode_GET_LENGTH(strip);
    for (Py_ssize_t j = 0; j < PyList_GET_SIZE(norms); j++) {
        PyObject *norm = PyList_GET_ITEM(norms, j);
        if (!PyUnicode_Check(norm)) {
            PyErr_SetString(PyExc_TypeError, "chrome_entry: norms must be a list of str");
            return NULL;
        }
        const Py_ssize_t length = PyUnicode_GET_LENGTH(norm);
        if (length > max_chars)
            continue;
        const int kind = PyUnicode_KIND(norm);
        const void *data = PyUnicode_DATA(norm);
        Py_ssize_t start = 0, end = length;
        while (start < end && PyUnicode_FindChar(strip, PyUnicode_READ(kind, data, start), 0, n_strip, 1) >= 0)
            start++;
        while (end > start && PyUnicode_FindChar(strip, PyUnicode_READ(kind, data, end - 1), 0, n_strip, 1) >= 0)
            end--;
        PyObject *bare = PyUnicode_Substring(norm, start, end);
        if (bare == NULL)
            return NULL;
        int found = PySet_Contains(chrome, bare);
        if (found == 0) {
            PyObject *button = PyDict_GetItemWithError(buttons, bare);
            if (button == NULL)
                found = PyErr_Occurred() ? -1 : 0;
            else {
                found = PySet_Contains(in_article, button);
                found = found < 0 ? -1 : !found;
            }
        }
        Py_DECREF(bare);
        if (found != 0)
            return found < 0 ? NULL : Py_NewRef(Py_True);
    }
    Py_RETURN_FALSE;
}

/* ----------------------------------------------------------------- last_prose_run */

/* The number of words of `text` as len(text.split()) counts them, up to `most` (enough to
 * tell a long line): runs of characters that are not white space (str.isspace). */
static Py_ssize_t
split_words(PyObject *text, Py_ssize_t most)
{
    const int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    const Py_ssize_t length = PyUnicode_GET_LENGTH(text);
    Py_ssize_t count = 0;
    int in_word = 0;
    for (Py_ssize_t i = 0; i < length && count < most; i++) {
        const int space = Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, i));
        if (!space && !in_word)
            count++;
        in_word = !space;
    }
    return count;
}

/* last_prose_run(texts, kept, min_words, run): decisions._last_prose_run_python. Walking
 * the kept lines up from the end, where the first run of `run` lines in a row of at least
 * `min_words` words (str.split) starts; -1 without one. */
static PyObject *
native_last_prose_run(PyObject *module, PyObject *const *args, Py_ssize_t nargs)
{
    (void)module;
    if (nargs != 4) {
        PyErr_SetString(PyExc_TypeError, "last_prose_run(texts, kept, min_words, run) takes 4 arguments");
        return NULL;
    }
    PyObject *texts = args[0], *kept = args[1];
    if (!cleaner_check_list(texts, -1, "last_prose_run: texts") ||
        !cleaner_check_list(kept, PyList_GET_SIZE(texts), "last_prose_run: kept"))
        return NULL;
    const Py_ssize_t min_words = PyLong_AsSsize_t(args[2]);
    if (min_words == -1 && PyErr_Occurred())
        return NULL;
    const Py_ssize_t run = PyLong_AsSsize_t(args[3]);
    if (run == -1 && PyErr_Occurred())
        return NULL;
    Py_ssize_t in_row = 0;
    for (Py_ssize_t j = PyList_GET_SIZE(texts) - 1; j >= 0; j--) {
        const int flag = bool_at(kept, j, "last_prose_run: kept");
        if (flag < 0)
            return NULL;
        if (!flag)
            continue;
        PyObject *text = PyList_GET_ITEM(texts, j);
        if (!PyUnicode_Check(text)) {
            PyErr_SetString(PyExc_TypeError, "last_prose_run: texts must be a list of str");
            return NULL;
        }
        in_row = split_words(text, min_words) >= min_words ? in_row + 1 : 0;
        if (in_row >= run)
            return PyLong_FromSsize_t(j);
    }
    return PyLong_FromLong(-1);
}

/* ------------------------------------------------------------------- repeat_lines */

/* repeat_lines(texts, kept): decisions.repeat_lines_python. The indexes, in
 * order, of the kept lines (the list of bool `kept`) whose text (str equality) an earlier
 * kept line has. */
static PyObject *
native_repeat_lines(PyObject *module, PyObject *const *args, Py_ssize_t nargs)
{
    (void)module;
    if (nargs != 2) {
        PyErr_SetString(PyExc_TypeError, "repeat_lines(texts, kept) takes 2 arguments");
        return NULL;
    }
    PyObject *texts = args[0], *kept = args[1];
    if (!cleaner_check_list(texts, -1, "repeat_lines: texts") || !cleaner_check_list(kept, PyList_GET_SIZE(texts), "repeat_lines: kept"))
        return NULL;
    PyObject *seen = PySet_New(NULL), *out = PyList_New(0);
    if (seen == NULL || out == NULL)
        goto fail;
    for (Py_ssize_t j = 0; j < PyList_GET_SIZE(texts); j++) {
        const int flag = bool_at(kept, j, "repeat_lines: kept");
        if (flag < 0)
            goto fail;
        if (!flag)
            continue;
        PyObject *text = PyList_GET_ITEM(texts, j);
        if (!PyUnicode_Check(text)) {
            PyErr_SetString(PyExc_TypeError, "repeat_lines: texts must be a list of str");
            goto fail;
        }
        const int found = PySet_Contains(seen, text);
        if (found < 0 || (found ? cleaner_append_index(out, j) : PySet_Add(seen, text)) < 0)
            goto fail;
    }
    Py_DECREF(seen);
    return out;
fail:
    Py_XDECREF(seen);
    Py_XDECREF(out);
    return NULL;
}

/* ------------------------------------------------------------------- kept_chars */

/* kept_chars(texts, kept): list(accumulate(map(mul, map(len, texts), kept), initial=0)),
 * after-terminator's kept characters above each line (and the page's, last). */
static PyObject *
native_kept_chars(PyObject *module, PyObject *const *args, Py_ssize_t nargs)
{
    (void)module;
    if (nargs != 2) {
        PyErr_SetString(PyExc_TypeError, "kept_chars(texts, kept) takes 2 arguments");
        return NULL;
    }
    PyObject *texts = args[0], *kept = args[1];
    if (!cleaner_check_list(texts, -1, "kept_chars: texts") || !cleaner_check_list(kept, PyList_GET_SIZE(texts), "kept_chars: kept"))
        return NULL;
    const Py_ssize_t n = PyList_GET_SIZE(texts);
    PyObject *out = PyList_New(n + 1);
    if (out == NULL)
        return NULL;
    Py_ssize_t total = 0;
    for (Py_ssize_t j = 0; j <= n; j++) {
        PyObject *count = PyLong_FromSsize_t(total);
        if (count == NULL)
            goto fail;
        PyList_SET_ITEM(out, j, count);
        if (j == n)
            break;
        const int flag = bool_at(kept, j, "kept_chars: kept");
        if (flag < 0)
            goto fail;
        PyObject *text = PyList_GET_ITEM(texts, j);
        if (!PyUnicode_Check(text)) {
            PyErr_SetString(PyExc_TypeError, "kept_chars: texts must be a list of str");
            goto fail;
        }
        if (flag)
            total += PyUnicode_GET_LENGTH(text);
    }
    return out;
fail:
    Py_DECREF(out);
    return NULL;
}

/* ---------------------------------------------------------------------- edge_lines */

/* list[j] as a C long, clamped to LONG_MIN / LONG_MAX (it is compared with small limits);
 * -1 with a TypeError naming `what` when it is no int. */
static int
long_at(PyObject *list, Py_ssize_t j, long *value, const char *what)
{
    PyObject *item = PyList_GET_ITEM(list, j);
    if (!PyLong_Check(item)) {
        PyErr_Format(PyExc_TypeError, "%s must be a list of int", what);
        return -1;
    }
    int overflow = 0;
    *value = PyLong_AsLongAndOverflow(item, &overflow);
    if (overflow)
        *value = overflow > 0 ? LONG_MAX : LONG_MIN;
    else if (*value == -1 && PyErr_Occurred())
        return -1;
    return 0;
}

/* Whether a line is a core line (kept and at least `core` words): 1, 0, or -1 on an error. */
static int
is_core(PyObject *kept, PyObject *words, Py_ssize_t j, long core)
{
    const int flag = bool_at(kept, j, "edge_lines: kept");
    if (flag <= 0)
        return flag;
    long count;
    if (long_at(words, j, &count, "edge_lines: words") < 0)
        return -1;
    return count >= core;
}

/* The truth of callback(a, b) or callback(a): 1, 0, or -1 on an error. */
static int
called(PyObject *callback, Py_ssize_t a, Py_ssize_t b, int two)
{
    PyObject *result = two ? PyObject_CallFunction(callback, "nn", a, b) : PyObject_CallFunction(callback, "n", a);
    if (result == NULL)
        return -1;
    const int truth = PyObject_IsTrue(result);
    Py_DECREF(result);
    return truth;
}

/* Whether the last character of texts[j] is in `chars`: 1, 0, -1 (an IndexError on an empty
 * line, as texts[j][-1] raises). */
static int
ends_with_one_of(PyObject *text, PyObject *chars)
{
    const Py_ssize_t length = PyUnicode_GET_LENGTH(text);
    if (length == 0) {
        PyErr_SetString(PyExc_IndexError, "string index out of range");
        return -1;
    }
    const Py_UCS4 last = PyUnicode_READ_CHAR(text, length - 1);
    return PyUnicode_FindChar(chars, last, 0, PyUnicode_GET_LENGTH(chars), 1) >= 0;
}

/* edge_lines(texts, words, usable, kept, cues, phrases, raw, limits): edges.edge_lines_python
 * (see there), `limits` its constants: (CORE_MIN_WORDS, HEAD_MIN_LINES, HEAD_MIN_FEW_SHARE,
 * FEW_WORDS, TAIL_MAX_WORDS, TAIL_MIN_LINES, sentence ends, quote ends). The callbacks are
 * called as the original calls them (cues(a, b) and phrases(j), same order, same lines). */
static PyObject *
native_edge_lines(PyObject *module, PyObject *const *args, Py_ssize_t nargs)
{
    (void)module;
    if (nargs != 8) {
        PyErr_SetString(PyExc_TypeError, "edge_lines takes 8 arguments");
        return NULL;
    }
    PyObject *texts = args[0], *words = args[1], *usable = args[2], *kept = args[3];
    PyObject *cues = args[4], *phrases = args[5];
    long core, head_min, few_words, tail_max, tail_min;
    double few_share;
    PyObject *sentence_end, *quote_end;
    if (!PyTuple_Check(args[7]) ||
        !PyArg_ParseTuple(args[7], "lldlllUU", &core, &head_min, &few_share, &few_words, &tail_max, &tail_min,
                          &sentence_end, &quote_end))
        return NULL;
    const int raw = PyObject_IsTrue(args[6]);
    if (raw < 0)
        return NULL;
    if (!cleaner_check_list(texts, -1, "edge_lines: texts"))
        return NULL;
    const Py_ssize_t n = PyList_GET_SIZE(texts);
    if (!cleaner_check_list(words, n, "edge_lines: words") || !cleaner_check_list(usable, n, "edge_lines: usable") ||
        !cleaner_check_list(kept, n, "edge_lines: kept"))
        return NULL;
    if (!PyCallable_Check(cues) || !PyCallable_Check(phrases)) {
        PyErr_SetString(PyExc_TypeError, "edge_lines: cues and phrases must be callable");
        return NULL;
    }
    Py_ssize_t first = -1, last = -1;
    for (Py_ssize_t j = 0; j < n && first < 0; j++) {
        const int found = is_core(kept, words, j, core);
        if (found < 0)
            return NULL;
        if (found)
            first = j;
    }
    PyObject *head = PyList_New(0), *tail = PyList_New(0);
    if (head == NULL || tail == NULL)
        goto fail;
    if (first < 0)
        return Py_BuildValue("(NN)", head, tail);
    for (Py_ssize_t j = n - 1; j >= first && last < 0; j--) {
        const int found = is_core(kept, words, j, core);
        if (found < 0)
            goto fail;
        if (found)
            last = j;
    }
    if (raw) {
        Py_ssize_t region = 0, few = 0;
        for (Py_ssize_t j = 0; j < first; j++) {
            const int flag = bool_at(usable, j, "edge_lines: usable");
            if (flag < 0)
                goto fail;
            long count;
            if (flag && long_at(words, j, &count, "edge_lines: words") < 0)
                goto fail;
            region += flag;
            few += flag && few_words >= count;
        }
        int cued = 0;
        if (region >= head_min && (cued = called(cues, 0, first, 1)) < 0)
            goto fail;
        if (cued && (double)few >= few_share * (double)region) {
            for (Py_ssize_t j = 0; j < first; j++) {
                const int in_region = bool_at(usable, j, "edge_lines: usable");
                const int flag = in_region > 0 ? bool_at(kept, j, "edge_lines: kept") : in_region;
                if (flag < 0 || (flag && cleaner_append_index(head, j) < 0))
                    goto fail;
            }
        }
    }
    if (n - 1 - last < tail_min)
        return Py_BuildValue("(NN)", head, tail);
    Py_ssize_t region = 0, region_kept = 0;
    for (Py_ssize_t j = last + 1; j < n; j++) {
        const int flag = bool_at(usable, j, "edge_lines: usable");
        if (flag < 0)
            goto fail;
        if (!flag)
            continue;
        region++;
        const int is_kept = bool_at(kept, j, "edge_lines: kept");
        if (is_kept < 0)
            goto fail;
        if (!is_kept)
            continue;
        region_kept++;
        long count;
        if (long_at(words, j, &count, "edge_lines: words") < 0)
            goto fail;
        if (tail_max < count)
            continue;
        PyObject *text = PyList_GET_ITEM(texts, j);
        if (!PyUnicode_Check(text)) {
            PyErr_SetString(PyExc_TypeError, "edge_lines: texts must be a list of str");
            goto fail;
        }
        int take = ends_with_one_of(text, sentence_end);
        if (take < 0)
            goto fail;
        take = !take;
        if (!take) {
            take = called(phrases, j, 0, 0);
            if (take > 0)
                take = ends_with_one_of(text, quote_end) == 0;
            if (take < 0)
                goto fail;
        }
        if (take && cleaner_append_index(tail, j) < 0)
            goto fail;
    }
    if (!raw) {
        PyObject *kept_tail = PyList_New(0);
        if (kept_tail == NULL)
            goto fail;
        for (Py_ssize_t k = 0; k < PyList_GET_SIZE(tail); k++) {
            const int take = called(phrases, PyLong_AsSsize_t(PyList_GET_ITEM(tail, k)), 0, 0);
            if (take < 0 || (take && PyList_Append(kept_tail, PyList_GET_ITEM(tail, k)) < 0)) {
                Py_DECREF(kept_tail);
                goto fail;
            }
        }
        Py_SETREF(tail, kept_tail);
    }
    const Py_ssize_t short_lines = PyList_GET_SIZE(tail) + region - region_kept;
    int cued = 0;
    if (short_lines >= tail_min && (cued = called(cues, last + 1, n, 1)) < 0)
        goto fail;
    if (!cued && PyList_SetSlice(tail, 0, PyList_GET_SIZE(tail), NULL) < 0)
        goto fail;
    return Py_BuildValue("(NN)", head, tail);
fail:
    Py_XDECREF(head);
    Py_XDECREF(tail);
    return NULL;
}

/* -------------------------------------------------------------- kept_marked_lines */

/* kept_marked_lines(texts, local, usable, marks, max_chars): decisions.kept_marked_lines_python.
 * The indexes of the kept lines (label None in `local` and, unless usable is None, usable)
 * of at most max_chars characters that hold one of the str of the tuple `marks` (str.find's
 * search): share-bar's lines, where a raw dump's dropped lines are never searched. */
static PyObject *
native_kept_marked_lines(PyObject *module, PyObject *const *args, Py_ssize_t nargs)
{
    (void)module;
    if (nargs != 5) {
        PyErr_SetString(PyExc_TypeError, "kept_marked_lines(texts, local, usable, marks, max_chars) takes 5 arguments");
        return NULL;
    }
    PyObject *texts = args[0], *local = args[1], *usable = args[2], *marks = args[3];
    if (!cleaner_check_list(texts, -1, "kept_marked_lines: texts"))
        return NULL;
    const Py_ssize_t n = PyList_GET_SIZE(texts);
    if (!cleaner_check_list(local, n, "kept_marked_lines: local") ||
        (usable != Py_None && !cleaner_check_list(usable, n, "kept_marked_lines: usable")))
        return NULL;
    if (!PyTuple_Check(marks)) {
        PyErr_SetString(PyExc_TypeError, "kept_marked_lines: marks must be a tuple of str");
        return NULL;
    }
    for (Py_ssize_t m = 0; m < PyTuple_GET_SIZE(marks); m++) {
        if (!PyUnicode_Check(PyTuple_GET_ITEM(marks, m))) {
            PyErr_SetString(PyExc_TypeError, "kept_marked_lines: marks must be a tuple of str");
            return NULL;
        }
    }
    const Py_ssize_t max_chars = PyLong_AsSsize_t(args[4]);
    if (max_chars == -1 && PyErr_Occurred())
        return NULL;
    PyObject *out = PyList_New(0);
    if (out == NULL)
        return NULL;
    for (Py_ssize_t j = 0; j < n; j++) {
        if (PyList_GET_ITEM(local, j) != Py_None)
            continue;
        if (usable != Py_None) {
            const int flag = bool_at(usable, j, "kept_marked_lines: usable");
            if (flag < 0)
                goto fail;
            if (!flag)
                continue;
        }
        PyObject *text = PyList_GET_ITEM(texts, j);
        if (!PyUnicode_Check(text)) {
            PyErr_SetString(PyExc_TypeError, "kept_marked_lines: texts must be a list of str");
            goto fail;
        }
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

/* ------------------------------------------------------------- terminator_columns */

/* A C-contiguous buffer of `n` 8-byte items, int64 (kind 'q') or float64 ('d'); -1 with a
 * TypeError naming `name` when `obj` is not one. */
static int
eight_byte_array(PyObject *obj, char kind, Py_ssize_t n, const char *name, Py_buffer *view)
{
    if (PyObject_GetBuffer(obj, view, PyBUF_C_CONTIGUOUS | PyBUF_FORMAT) < 0)
        return -1;
    const char *format = view->format ? view->format : "B";
    if (format[0] == '@' || format[0] == '=')
        format++;
    const int ok = view->itemsize == 8 && format[1] == '\0' &&
                   (kind == 'd' ? format[0] == 'd' : (format[0] == 'q' || format[0] == 'l'));
    if (!ok || (n >= 0 && view->len != n * 8)) {
        PyBuffer_Release(view);
        PyErr_Format(PyExc_TypeError, "terminator_columns: %s must be one %s per line", name,
                     kind == 'd' ? "float64" : "int64");
        return -1;
    }
    return 0;
}

/* terminator_columns(lengths, words, phrase_line, families, first, last, names, max_words):
 * terminators.terminator_columns_python's columns, row k for the family names[k], as
 * float64 bytes (a bytearray). lengths and words: int64 arrays, phrase_line float64, one
 * per line; families: a list, one per line; 0 <= first. */
static PyObject *
native_terminator_columns(PyObject *module, PyObject *const *args, Py_ssize_t nargs)
{
    (void)module;
    if (nargs != 8) {
        PyErr_SetString(PyExc_TypeError, "terminator_columns takes 8 arguments");
        return NULL;
    }
    PyObject *families = args[3], *names = args[6];
    const Py_ssize_t first = PyLong_AsSsize_t(args[4]);
    if (first == -1 && PyErr_Occurred())
        return NULL;
    Py_ssize_t last = PyLong_AsSsize_t(args[5]);
    if (last == -1 && PyErr_Occurred())
        return NULL;
    const long max_words = PyLong_AsLong(args[7]);
    if (max_words == -1 && PyErr_Occurred())
        return NULL;
    if (first < 0) {
        PyErr_SetString(PyExc_ValueError, "terminator_columns: first must not be negative");
        return NULL;
    }
    if (!PyTuple_Check(names) || PyTuple_GET_SIZE(names) > 64) {
        PyErr_SetString(PyExc_TypeError, "terminator_columns: names must be a tuple of at most 64 str");
        return NULL;
    }
    const Py_ssize_t rows = PyTuple_GET_SIZE(names);
    Py_buffer lengths_view, words_view, phrase_view;
    if (eight_byte_array(args[0], 'q', -1, "lengths", &lengths_view) < 0)
        return NULL;
    const Py_ssize_t n = lengths_view.len / 8;
    PyObject *out = NULL;
    if (eight_byte_array(args[1], 'q', n, "words", &words_view) < 0) {
        PyBuffer_Release(&lengths_view);
        return NULL;
    }
    if (eight_byte_array(args[2], 'd', n, "phrase_line", &phrase_view) < 0)
        goto release_two;
    if (!cleaner_check_list(families, n, "terminator_columns: families"))
        goto release;
    if (n > 0 && rows > PY_SSIZE_T_MAX / 8 / n) {
        PyErr_NoMemory();
        goto release;
    }
    out = PyByteArray_FromStringAndSize(NULL, rows * n * 8);
    if (out == NULL)
        goto release;
    double *columns = (double *)PyByteArray_AS_STRING(out);
    memset(columns, 0, (size_t)(rows * n) * sizeof(double));
    if (last >= n)
        last = n - 1; /* the slices stop at the page's end */
    if (last < first || n == 0)
        goto release;
    const int64_t *lengths = lengths_view.buf, *words = words_view.buf;
    const double *phrase = phrase_view.buf;
    /* the main block's characters above each line j of it (up to j included), as cumsum */
    double total = 0.0;
    for (Py_ssize_t j = first; j <= last; j++)
        total += (double)lengths[j];
    const double block_total = total != 0.0 ? total : 1.0;
    uint64_t left = rows >= 64 ? ~(uint64_t)0 : (((uint64_t)1 << rows) - 1);
    double above_end = 0.0; /* the block's characters from `first` to min(j, last) */
    Py_ssize_t summed = first - 1;
    for (Py_ssize_t j = first; j < n && left; j++) {
        if (!(phrase[j] > 0.0) || !(words[j] <= max_words))
            continue;
        PyObject *family = PyList_GET_ITEM(families, j);
        Py_ssize_t row = -1;
        for (Py_ssize_t k = 0; k < rows && row < 0; k++) {
            if (!(left >> k & 1))
                continue;
            const int same = PyObject_RichCompareBool(family, PyTuple_GET_ITEM(names, k), Py_EQ);
            if (same < 0) {
                Py_CLEAR(out);
                goto release;
            }
            if (same)
                row = k;
        }
        if (row < 0)
            continue;
        left &= ~((uint64_t)1 << row);
        const Py_ssize_t upto = j < last ? j : last;
        while (summed < upto)
            above_end += (double)lengths[++summed];
        const double share = (j > first ? above_end : 0.0) / block_total;
        for (Py_ssize_t k = j + 1; k <= last; k++)
            columns[row * n + k] = share;
    }
release:
    PyBuffer_Release(&phrase_view);
release_two:
    PyBuffer_Release(&words_view);
    PyBuffer_Release(&lengths_view);
    return out;
}

PyMethodDef raw_decision_methods[] = {
    {"button_phrase_lines", (PyCFunction)(void (*)(void))native_button_phrase_lines, METH_FASTCALL,
     "button_phrase_lines(norms, line_category, phrase_lines, cut, scores, local, usable, categories, "
     "button_labels, phrase_labels, classifier, entries_filter): the decision button-and-phrase-lines, into local."},
    {"line_entry_filter", native_line_entry_filter, METH_O,
     "line_entry_filter(line_category): its keys' lengths and first characters as bytes (button_phrase_lines' "
     "entries_filter), or None where a key is no exact, non-empty str."},
    {"lexicon_line_columns", (PyCFunction)(void (*)(void))native_lexicon_line_columns, METH_FASTCALL,
     "lexicon_line_columns(categories, covered, lows, norms, line_category, cover): "
     "labeler.lexicon_features' families, and lex_any, lex_line as float64 bytes."},
    {"zone_cues", (PyCFunction)(void (*)(void))native_zone_cues, METH_FASTCALL,
     "zone_cues(norms, entries, max_chars, initials, by_initial): Lexicon.has_zone_cues without an empty prefix."},
    {"chrome_entry", (PyCFunction)(void (*)(void))native_chrome_entry, METH_FASTCALL,
     "chrome_entry(norms, chrome, buttons, strip, max_chars, in_article): Lexicon.shows_chrome."},
    {"last_prose_run", (PyCFunction)(void (*)(void))native_last_prose_run, METH_FASTCALL,
     "last_prose_run(texts, kept, min_words, run): decisions._last_prose_run."},
    {"repeat_lines", (PyCFunction)(void (*)(void))native_repeat_lines, METH_FASTCALL,
     "repeat_lines(texts, kept): the kept lines whose text an earlier kept line has (decisions.label_repeats)."},
    {"kept_chars", (PyCFunction)(void (*)(void))native_kept_chars, METH_FASTCALL,
     "kept_chars(texts, kept): the kept characters above each line, and the page's last."},
    {"edge_lines", (PyCFunction)(void (*)(void))native_edge_lines, METH_FASTCALL,
     "edge_lines(texts, words, usable, kept, cues, phrases, raw, limits): edges.edge_lines' head and tail."},
    {"header_lines", (PyCFunction)(void (*)(void))native_header_lines, METH_FASTCALL,
     "header_lines(norms, headers, initials, by_initial): the lines that may open an appeal zone."},
    {"kept_marked_lines", (PyCFunction)(void (*)(void))native_kept_marked_lines, METH_FASTCALL,
     "kept_marked_lines(texts, local, usable, marks, max_chars): the kept short lines holding a mark."},
    {"terminator_columns", (PyCFunction)(void (*)(void))native_terminator_columns, METH_FASTCALL,
     "terminator_columns(lengths, words, phrase_line, families, first, last, names, max_words): "
     "terminators.terminator_columns' rows as float64 bytes."},
    {NULL, NULL, 0, NULL},
};
