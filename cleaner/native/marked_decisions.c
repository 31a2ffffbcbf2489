/* Compiled pre-tests of four article decisions (cleaner/heuristics/decisions.py:
 * caption-credit, teaser-tag, stacked-phrases, share-bar), built into
 * cleaner.native._compiled (setup.py SOURCES; _compiled.c adds marked_decision_methods).
 *
 *   credit_candidates  decisions.credit_candidates_python: kept lines that may end with a
 *                      picture credit (ends_with_credit's shape before its lexicon scan).
 *   teaser_candidates  decisions.teaser_candidates_python: kept lines whose tag bracket
 *                      may close or open them (is_tagged_teaser's patterns' anchors).
 *   stack_candidates   decisions.stack_candidates_python: kept lines holding a phrase, of
 *                      a stack's words, no question (stack_of's tests before its scan).
 *   bar_candidates     decisions.bar_candidates_python: short kept lines naming a mark,
 *                      with no comma and no closing full stop (is_share_bar's first test).
 *
 * Each keeps only tests that are necessary for its decision's Python test, which then runs
 * on the lines returned alone: the labels stay the same, and a page's lines are read once
 * here (their ends mostly) instead of searched for each mark by str.find. Plain CPython C
 * API, no module state; tests/test_marked_decisions.py compares each with its reference.
 */
#include "_compiled.h"
#include <string.h>

/* Whether `obj` is a list of `n` items (a TypeError naming `what` when not). */
static int
list_of(PyObject *obj, Py_ssize_t n, const char *what)
{
    if (!PyList_Check(obj) || PyList_GET_SIZE(obj) != n) {
        PyErr_Format(PyExc_TypeError, "%s must be a list, one item per line", what);
        return 0;
    }
    return 1;
}

/* Whether words[j] lies in [low, high]; -1 with a TypeError when it is no int. */
static int
words_within(PyObject *words, Py_ssize_t j, long low, long high)
{
    PyObject *count = PyList_GET_ITEM(words, j);
    if (!PyLong_Check(count)) {
        PyErr_SetString(PyExc_TypeError, "words must be a list of int");
        return -1;
    }
    int overflow = 0;
    const long value = PyLong_AsLongAndOverflow(count, &overflow);
    if (overflow)
        return 0; /* wider than a long: outside every bound the callers give */
    if (value == -1 && PyErr_Occurred())
        return -1;
    return low <= value && value <= high;
}

/* texts[j], a TypeError when it is no str. */
static PyObject *
text_at(PyObject *texts, Py_ssize_t j)
{
    PyObject *text = PyList_GET_ITEM(texts, j);
    if (!PyUnicode_Check(text)) {
        PyErr_SetString(PyExc_TypeError, "texts must be a list of str");
        return NULL;
    }
    return text;
}

/* texts[j] where line j is kept (local, usable) and holds low to high words: borrowed; NULL
 * with no error when the line is not a candidate, NULL with a TypeError on a bad item. The
 * checks run in that order: the label, the word count, the text. */
static PyObject *
candidate_text(PyObject *texts, PyObject *words, PyObject *local, PyObject *usable, Py_ssize_t j, long low,
               long high)
{
    int ok = cleaner_kept_at(local, usable, j);
    if (ok > 0)
        ok = words_within(words, j, low, high);
    if (ok <= 0)
        return NULL;
    return text_at(texts, j);
}

/* The arguments every function takes first: texts, a list per line `words` (or NULL: not
 * asked), local and usable; 0 with a TypeError when they do not fit. */
static int
page_arguments(PyObject *texts, PyObject *words, PyObject *local, PyObject *usable, Py_ssize_t *n)
{
    if (!PyList_Check(texts)) {
        PyErr_SetString(PyExc_TypeError, "texts must be a list of str");
        return 0;
    }
    *n = PyList_GET_SIZE(texts);
    return (words == NULL || list_of(words, *n, "words")) && list_of(local, *n, "local") &&
           (usable == Py_None || list_of(usable, *n, "usable"));
}

/* A C long from `obj`, -1 with an exception set when it is none. */
static int
long_argument(PyObject *obj, long *value)
{
    *value = PyLong_AsLong(obj);
    return !(*value == -1 && PyErr_Occurred());
}

/* The index one past the last character of `text` not in str.rstrip()'s white space nor
 * (when `also` is not NULL) among the `count` characters of `also`. */
static Py_ssize_t
stripped_end(PyObject *text, const Py_UCS4 *also, int count)
{
    const int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    Py_ssize_t end = PyUnicode_GET_LENGTH(text);
    while (end > 0) {
        const Py_UCS4 c = PyUnicode_READ(kind, data, end - 1);
        int strip = also == NULL && cleaner_is_py_space(c);
        for (int k = 0; also != NULL && k < count && !strip; k++)
            strip = c == also[k];
        if (!strip)
            break;
        end--;
    }
    return end;
}

/* ------------------------------------------------------------------ credit_candidates */

static const Py_UCS4 CREDIT_STRIP[] = {' ', '\t', '.', ';'}; /* ends_with_credit's rstrip */
#define COPYRIGHT_SIGN 0xA9

/* How many words (str.split()'s) text[0:end] holds, counted up to `enough`. */
static long
words_before(PyObject *text, Py_ssize_t end, long enough)
{
    const int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    long count = 0;
    int in_word = 0;
    for (Py_ssize_t i = 0; i < end && count < enough; i++) {
        const int space = cleaner_is_py_space(PyUnicode_READ(kind, data, i));
        count += !space && !in_word;
        in_word = !space;
    }
    return count;
}

#define CREDIT_HEAD 3 /* ends_with_credit's head: the bracket and two characters after it */

/* Whether ends_with_credit's gate lets the bracket at `opening` through (the line ends at
 * `end`): its head text[opening:opening+3] holds a character outside ASCII, or one of the
 * slices [0:2], [1:3], [0:1], [1:2] of the head's lower case in bytes is in `openings`
 * (caption_credits.credit_openings). -1 on an error. */
static int
credit_head_open(PyObject *text, Py_ssize_t opening, Py_ssize_t end, PyObject *openings)
{
    static const Py_ssize_t starts[4] = {0, 1, 0, 1}, stops[4] = {2, 3, 1, 2};
    char head[CREDIT_HEAD];
    Py_ssize_t size = 0;
    for (Py_ssize_t i = opening; i < end && size < CREDIT_HEAD; i++) {
        const Py_UCS4 c = PyUnicode_READ_CHAR(text, i);
        if (c >= 128)
            return 1;
        head[size++] = (char)(c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c);
    }
    for (int k = 0; k < 4; k++) {
        const Py_ssize_t start = starts[k] < size ? starts[k] : size;
        const Py_ssize_t stop = stops[k] < size ? stops[k] : size;
        PyObject *slice = PyBytes_FromStringAndSize(head + start, stop > start ? stop - start : 0);
        if (slice == NULL)
            return -1;
        const int in = PySet_Contains(openings, slice);
        Py_DECREF(slice);
        if (in != 0)
            return in;
    }
    return 0;
}

/* credit_candidates(texts, words, local, usable, max_words, min_words[, openings]): the kept lines of at
 * most max_words words whose rstrip(" \t.;") (the line) ends with ")" and holds a "(" after
 * min_words words (and, `openings` given, whose bracket's head passes credit_head_open), or
 * else holds the copyright sign past its first character. */
static PyObject *
native_credit_candidates(PyObject *module, PyObject *const *args, Py_ssize_t nargs)
{
    (void)module;
    Py_ssize_t n;
    long max_words, min_words;
    if (nargs != 6 && nargs != 7) {
        PyErr_SetString(PyExc_TypeError, "credit_candidates(texts, words, local, usable, max_words, min_words"
                                         "[, openings]) takes 6 or 7 arguments");
        return NULL;
    }
    PyObject *openings = nargs == 7 && args[6] != Py_None ? args[6] : NULL;
    if (openings != NULL && !PyAnySet_Check(openings)) {
        PyErr_SetString(PyExc_TypeError, "credit_candidates: openings must be a set of bytes or None");
        return NULL;
    }
    if (!page_arguments(args[0], args[1], args[2], args[3], &n) || !long_argument(args[4], &max_words) ||
        !long_argument(args[5], &min_words))
        return NULL;
    PyObject *out = PyList_New(0);
    if (out == NULL)
        return NULL;
    for (Py_ssize_t j = 0; j < n; j++) {
        PyObject *text = candidate_text(args[0], args[1], args[2], args[3], j, LONG_MIN, max_words);
        if (text == NULL) {
            if (PyErr_Occurred())
                goto fail;
            continue;
        }
        const Py_ssize_t end = stripped_end(text, CREDIT_STRIP, 4);
        int found;
        if (end > 0 && PyUnicode_READ_CHAR(text, end - 1) == ')') { /* an opening bracket after 3 words */
            const Py_ssize_t opening = PyUnicode_FindChar(text, '(', 0, end, -1);
            found = opening >= 0 && words_before(text, opening, min_words) >= min_words;
            if (found && openings != NULL) { /* ends_with_credit's gate on the bracket's head */
                found = credit_head_open(text, opening, end, openings);
                if (found < 0)
                    goto fail;
            }
        } else { /* the last sign after 3 words */
            found = PyUnicode_MAX_CHAR_VALUE(text) >= COPYRIGHT_SIGN &&
                    PyUnicode_FindChar(text, COPYRIGHT_SIGN, 1, end, -1) > 0;
        }
        if (found && cleaner_append_index(out, j) < 0)
            goto fail;
    }
    return out;
fail:
    Py_DECREF(out);
    return NULL;
}

/* ------------------------------------------------------------------ teaser_candidates */

/* teaser_tags' brackets: a tag opens with the first pair's, closes with the second's */
#define TAG_OPEN '['
#define TAG_OPEN_WIDE 0x3010
#define TAG_CLOSE ']'
#define TAG_CLOSE_WIDE 0x3011
/* what the pattern at_end lets follow the tag: white space and these */
static const Py_UCS4 TAG_TRAIL[] = {'|', ':', '.', ',', ';', '-'};

/* Whether `c` may follow a line's closing tag (at_end's `[\s|:.,;-]`). */
static int
tag_trail(Py_UCS4 c)
{
    if (Py_UNICODE_ISSPACE(c))
        return 1;
    for (size_t k = 0; k < sizeof TAG_TRAIL / sizeof TAG_TRAIL[0]; k++)
        if (c == TAG_TRAIL[k])
            return 1;
    return 0;
}

/* Whether `text` may match at_end (its last character past the trail a closing bracket)
 * or at_start (an opening bracket before its first word character, re's \w). */
static int
may_be_tagged(PyObject *text)
{
    const int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    const Py_ssize_t size = PyUnicode_GET_LENGTH(text);
    Py_ssize_t end = size;
    while (end > 0 && tag_trail(PyUnicode_READ(kind, data, end - 1)))
        end--;
    if (end > 0) {
        const Py_UCS4 last = PyUnicode_READ(kind, data, end - 1);
        if (last == TAG_CLOSE || last == TAG_CLOSE_WIDE)
            return 1;
    }
    for (Py_ssize_t i = 0; i < size; i++) {
        const Py_UCS4 c = PyUnicode_READ(kind, data, i);
        if (c == TAG_OPEN || c == TAG_OPEN_WIDE)
            return 1;
        if (c == '_' || Py_UNICODE_ISALNUM(c))
            return 0;
    }
    return 0;
}

/* teaser_candidates(texts, words, local, usable, min_words, max_words): the kept lines of
 * min_words to max_words words that may_be_tagged. */
static PyObject *
native_teaser_candidates(PyObject *module, PyObject *const *args, Py_ssize_t nargs)
{
    (void)module;
    Py_ssize_t n;
    long min_words, max_words;
    if (nargs != 6) {
        PyErr_SetString(PyExc_TypeError,
                        "teaser_candidates(texts, words, local, usable, min_words, max_words) takes 6 arguments");
        return NULL;
    }
    if (!page_arguments(args[0], args[1], args[2], args[3], &n) || !long_argument(args[4], &min_words) ||
        !long_argument(args[5], &max_words))
        return NULL;
    PyObject *out = PyList_New(0);
    if (out == NULL)
        return NULL;
    for (Py_ssize_t j = 0; j < n; j++) {
        PyObject *text = candidate_text(args[0], args[1], args[2], args[3], j, min_words, max_words);
        if (text == NULL) {
            if (PyErr_Occurred())
                goto fail;
            continue;
        }
        if (may_be_tagged(text) && cleaner_append_index(out, j) < 0)
            goto fail;
    }
    return out;
fail:
    Py_DECREF(out);
    return NULL;
}

/* ------------------------------------------------------------------- stack_candidates */

/* stack_candidates(texts, words, categories, local, usable, min_words, max_words): the kept
 * lines with a category (not None) of min_words to max_words words whose rstrip() does not
 * end with "?". */
static PyObject *
native_stack_candidates(PyObject *module, PyObject *const *args, Py_ssize_t nargs)
{
    (void)module;
    Py_ssize_t n;
    long min_words, max_words;
    if (nargs != 7) {
        PyErr_SetString(PyExc_TypeError, "stack_candidates(texts, words, categories, local, usable, "
                                         "min_words, max_words) takes 7 arguments");
        return NULL;
    }
    if (!page_arguments(args[0], args[1], args[3], args[4], &n) || !list_of(args[2], n, "categories") ||
        !long_argument(args[5], &min_words) || !long_argument(args[6], &max_words))
        return NULL;
    PyObject *out = PyList_New(0);
    if (out == NULL)
        return NULL;
    for (Py_ssize_t j = 0; j < n; j++) {
        if (PyList_GET_ITEM(args[2], j) == Py_None)
            continue;
        PyObject *text = candidate_text(args[0], args[1], args[3], args[4], j, min_words, max_words);
        if (text == NULL) {
            if (PyErr_Occurred())
                goto fail;
            continue;
        }
        const Py_ssize_t end = stripped_end(text, NULL, 0);
        if ((end == 0 || PyUnicode_READ_CHAR(text, end - 1) != '?') && cleaner_append_index(out, j) < 0)
            goto fail;
    }
    return out;
fail:
    Py_DECREF(out);
    return NULL;
}

/* --------------------------------------------------------------------- bar_candidates */

/* Whether `mark` occurs in `text` at `at` (it may start before the line: no). */
static int
mark_at(PyObject *text, Py_ssize_t at, PyObject *mark)
{
    const Py_ssize_t length = PyUnicode_GET_LENGTH(mark);
    if (at < 0 || at + length > PyUnicode_GET_LENGTH(text))
        return 0;
    for (Py_ssize_t k = 0; k < length; k++)
        if (PyUnicode_READ_CHAR(text, at + k) != PyUnicode_READ_CHAR(mark, k))
            return 0;
    return 1;
}

/* Each lower-case letter's place in English from the most to the least frequent
 * ("etaoinshrdlcumwfgypbvkjxqz"): a mark is looked for at its rarest character (acebook's
 * "k", hatsApp's "A"), so a line's common letters are passed at once. */
static const unsigned char LETTER_RANK[26] = {2, 19, 11, 9, 0, 15, 16, 7, 4, 22, 21, 10, 13, 5, 3, 18, 24, 8, 6, 1, 12, 20, 14, 23, 17, 25};
#define RAREST_RANK 26 /* any other character: rarer than every lower-case letter */

/* How rare `c` is in text (higher: rarer). */
static int
rarity(Py_UCS4 c)
{
    return c >= 'a' && c <= 'z' ? LETTER_RANK[c - 'a'] : RAREST_RANK;
}

/* The offset in `mark` (not empty) of its rarest character. */
static Py_ssize_t
anchor_of(PyObject *mark)
{
    Py_ssize_t best = 0;
    for (Py_ssize_t k = 1; k < PyUnicode_GET_LENGTH(mark); k++)
        if (rarity(PyUnicode_READ_CHAR(mark, k)) > rarity(PyUnicode_READ_CHAR(mark, best)))
            best = k;
    return best;
}

#define BAR_MAX_MARKS 8 /* more marks than this: every character is compared with each */

/* The marks as the scan reads them: each one's rarest character and its offset; `flags`
 * marks the bytes that are an anchor or a comma (a one-byte line's other bytes are passed
 * in two instructions). */
typedef struct {
    Py_ssize_t count;
    Py_UCS4 anchor[BAR_MAX_MARKS];
    Py_ssize_t offset[BAR_MAX_MARKS];
    unsigned char flags[256];
    int anchored; /* count <= BAR_MAX_MARKS and no mark is empty */
    /* A one-byte line is searched as Horspool searches (the marks' first `window`
     * characters, `window` their shortest length): the byte closing a window tells how far
     * the next window may start at the earliest (`shift`), and whether a mark may close
     * there (`closes`). A share bar's marks are seven letters long: most windows of a line
     * are passed in one or two reads, the line's commas looked for only once a mark is found. */
    Py_ssize_t window;
    unsigned char shift[256];
    unsigned char closes[256];
    int skipping; /* anchored, every mark's first `window` characters in one byte, window < 256 */
} BarMarks;

/* Fills the Horspool tables of `out` (see BarMarks) from the marks, when they allow it. */
static void
bar_skips(PyObject *marks, BarMarks *out)
{
    out->skipping = 0;
    if (!out->anchored || out->count == 0)
        return;
    Py_ssize_t window = PY_SSIZE_T_MAX;
    for (Py_ssize_t m = 0; m < out->count; m++)
        if (PyUnicode_GET_LENGTH(PyTuple_GET_ITEM(marks, m)) < window)
            window = PyUnicode_GET_LENGTH(PyTuple_GET_ITEM(marks, m));
    if (window >= 256)
        return;
    memset(out->shift, (int)window, sizeof out->shift);
    memset(out->closes, 0, sizeof out->closes);
    for (Py_ssize_t m = 0; m < out->count; m++) {
        PyObject *mark = PyTuple_GET_ITEM(marks, m);
        for (Py_ssize_t k = 0; k < window; k++) {
            const Py_UCS4 c = PyUnicode_READ_CHAR(mark, k);
            if (c > 0xFF)
                return; /* no one-byte line holds this mark: left to the plain scan */
            if (k == window - 1)
                out->closes[c] = 1;
            else if (window - 1 - k < out->shift[c])
                out->shift[c] = (unsigned char)(window - 1 - k);
        }
    }
    out->window = window;
    out->skipping = 1;
}

/* Whether the one-byte line `text` holds one of the marks (Horspool over the marks' first
 * `window` characters, each window closed by a possible last character checked whole). */
static int
skips_to_mark(PyObject *text, PyObject *marks, const BarMarks *bar)
{
    const Py_UCS1 *units = PyUnicode_1BYTE_DATA(text);
    const Py_ssize_t size = PyUnicode_GET_LENGTH(text);
    for (Py_ssize_t end = bar->window - 1; end < size; end += bar->shift[units[end]]) {
        if (!bar->closes[units[end]])
            continue;
        for (Py_ssize_t m = 0; m < bar->count; m++)
            if (mark_at(text, end + 1 - bar->window, PyTuple_GET_ITEM(marks, m)))
                return 1;
    }
    return 0;
}

static void
bar_marks(PyObject *marks, BarMarks *out)
{
    memset(out, 0, sizeof *out);
    out->count = PyTuple_GET_SIZE(marks);
    out->anchored = out->count <= BAR_MAX_MARKS;
    out->flags[','] = 1;
    for (Py_ssize_t m = 0; out->anchored && m < out->count; m++) {
        PyObject *mark = PyTuple_GET_ITEM(marks, m);
        if (PyUnicode_GET_LENGTH(mark) == 0) {
            out->anchored = 0;
            break;
        }
        out->offset[m] = anchor_of(mark);
        out->anchor[m] = PyUnicode_READ_CHAR(mark, out->offset[m]);
        if (out->anchor[m] < 256)
            out->flags[out->anchor[m]] = 1;
    }
    bar_skips(marks, out);
}

/* Whether `text` holds one of the str of `marks` and no comma. */
static int
names_mark_without_comma(PyObject *text, PyObject *marks, const BarMarks *bar)
{
    const int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    const Py_ssize_t size = PyUnicode_GET_LENGTH(text);
    if (!bar->anchored) { /* str.find for each mark, as kept_marked_lines */
        if (PyUnicode_FindChar(text, ',', 0, size, 1) >= 0)
            return 0;
        for (Py_ssize_t m = 0; m < bar->count; m++) {
            const Py_ssize_t at = PyUnicode_Find(text, PyTuple_GET_ITEM(marks, m), 0, size, 1);
            if (at != -1)
                return at >= 0 ? 1 : -1;
        }
        return 0;
    }
    if (bar->skipping && kind == PyUnicode_1BYTE_KIND) /* the mark first, then the commas */
        return skips_to_mark(text, marks, bar) && memchr(data, ',', (size_t)size) == NULL;
    int found = 0;
    for (Py_ssize_t i = 0; i < size; i++) {
        Py_UCS4 c;
        if (kind == PyUnicode_1BYTE_KIND) {
            const Py_UCS1 *units = (const Py_UCS1 *)data;
            while (i < size && !bar->flags[units[i]])
                i++;
            if (i == size)
                break;
            c = units[i];
        } else {
            c = PyUnicode_READ(kind, data, i);
        }
        if (c == ',')
            return 0;
        for (Py_ssize_t m = 0; !found && m < bar->count; m++)
            found = c == bar->anchor[m] && mark_at(text, i - bar->offset[m], PyTuple_GET_ITEM(marks, m));
    }
    return found;
}

/* bar_candidates(texts, local, usable, marks, max_chars): the kept lines of at most
 * max_chars characters holding one of the str of the tuple `marks`, with no comma and
 * whose rstrip() does not end with ".". */
static PyObject *
native_bar_candidates(PyObject *module, PyObject *const *args, Py_ssize_t nargs)
{
    (void)module;
    Py_ssize_t n;
    long max_chars;
    if (nargs != 5) {
        PyErr_SetString(PyExc_TypeError, "bar_candidates(texts, local, usable, marks, max_chars) takes 5 arguments");
        return NULL;
    }
    PyObject *marks = args[3];
    if (!page_arguments(args[0], NULL, args[1], args[2], &n) || !long_argument(args[4], &max_chars))
        return NULL;
    if (!PyTuple_Check(marks)) {
        PyErr_SetString(PyExc_TypeError, "bar_candidates: marks must be a tuple of str");
        return NULL;
    }
    for (Py_ssize_t m = 0; m < PyTuple_GET_SIZE(marks); m++)
        if (!PyUnicode_Check(PyTuple_GET_ITEM(marks, m))) {
            PyErr_SetString(PyExc_TypeError, "bar_candidates: marks must be a tuple of str");
            return NULL;
        }
    BarMarks bar;
    bar_marks(marks, &bar);
    PyObject *out = PyList_New(0);
    if (out == NULL)
        return NULL;
    for (Py_ssize_t j = 0; j < n; j++) {
        const int ok = cleaner_kept_at(args[1], args[2], j);
        if (ok < 0)
            goto fail;
        if (!ok)
            continue;
        PyObject *text = text_at(args[0], j);
        if (text == NULL)
            goto fail;
        if (PyUnicode_GET_LENGTH(text) > max_chars)
            continue;
        const Py_ssize_t end = stripped_end(text, NULL, 0);
        if (end > 0 && PyUnicode_READ_CHAR(text, end - 1) == '.')
            continue;
        const int named = names_mark_without_comma(text, marks, &bar);
        if (named < 0 || (named && cleaner_append_index(out, j) < 0))
            goto fail;
    }
    return out;
fail:
    Py_DECREF(out);
    return NULL;
}

PyMethodDef marked_decision_methods[] = {
    {"credit_candidates", (PyCFunction)(void (*)(void))native_credit_candidates, METH_FASTCALL,
     "credit_candidates(texts, words, local, usable, max_words, min_words[, openings]): kept lines that may end with a "
     "credit."},
    {"teaser_candidates", (PyCFunction)(void (*)(void))native_teaser_candidates, METH_FASTCALL,
     "teaser_candidates(texts, words, local, usable, min_words, max_words): kept lines a tag may open or close."},
    {"stack_candidates", (PyCFunction)(void (*)(void))native_stack_candidates, METH_FASTCALL,
     "stack_candidates(texts, words, categories, local, usable, min_words, max_words): kept phrase lines "
     "of a stack's words, no question."},
    {"bar_candidates", (PyCFunction)(void (*)(void))native_bar_candidates, METH_FASTCALL,
     "bar_candidates(texts, local, usable, marks, max_chars): short kept lines naming a mark, no comma, "
     "no closing full stop."},
    {NULL, NULL, 0, NULL},
};
