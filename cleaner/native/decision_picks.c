/* Compiled pickers of the heuristic decisions (decisions.py), built into
 * cleaner.native._compiled (setup.py SOURCES; _compiled.c adds these functions).
 *
 * Several decisions read only a few lines of a page in Python: those a lexicon phrase or
 * a lead-in opens (opening-phrase), those that may open a comment thread (comment-thread),
 * the kept lines opening like a timestamp or an address (machine-line), the last kept
 * lines (own-name). In Python each pick was a chain of C-level maps, a few hundred
 * instructions a line per step; here each is one pass over the lines. The Python
 * originals (decisions._maybe_opened_python, comment_threads.opener_lines_python,
 * decisions.machine_candidates_python, decisions.tail_kept_python) are the references;
 * tests/test_native_decision_picks.py compares them. Plain CPython C API, no module state.
 */
#include "_compiled.h"
#include <stdint.h>
#include <string.h>

/* Whether every item of the list `list` is a str; else a TypeError naming `what`. */
static int
check_strs(PyObject *list, const char *what)
{
    for (Py_ssize_t j = 0; j < PyList_GET_SIZE(list); j++) {
        if (!PyUnicode_Check(PyList_GET_ITEM(list, j))) {
            PyErr_Format(PyExc_TypeError, "%s must be a list of str", what);
            return 0;
        }
    }
    return 1;
}

/* Truth of `item` as compress() reads it: 1, 0, or -1 with an exception set. */
static inline int
truth(PyObject *item)
{
    if (item == Py_True)
        return 1;
    if (item == Py_False || item == Py_None)
        return 0;
    return PyObject_IsTrue(item);
}

/* A str of characters to test lines' characters against: its ASCII ones as bits, the
 * others (few) searched in the str itself, only up to its widest character. */
typedef struct {
    uint64_t ascii[2];
    Py_UCS4 widest;
    PyObject *chars;
} CharBits;

static void
char_bits_init(CharBits *bits, PyObject *chars)
{
    bits->ascii[0] = bits->ascii[1] = 0;
    bits->widest = 0;
    bits->chars = chars;
    for (Py_ssize_t k = 0; k < PyUnicode_GET_LENGTH(chars); k++) {
        const Py_UCS4 c = PyUnicode_READ_CHAR(chars, k);
        if (c < 128)
            bits->ascii[c >> 6] |= (uint64_t)1 << (c & 63);
        if (c > bits->widest)
            bits->widest = c;
    }
}

/* Whether the set holds the code point c. */
static inline int
holds_char(const CharBits *bits, Py_UCS4 c)
{
    if (c < 128)
        return (int)((bits->ascii[c >> 6] >> (c & 63)) & 1);
    if (c > bits->widest)
        return 0;
    return PyUnicode_FindChar(bits->chars, c, 0, PyUnicode_GET_LENGTH(bits->chars), 1) >= 0;
}

/* opened_lines(texts, norms, at_start, leads, firsts, openers): decisions._maybe_opened_python
 * on an article's text. The indexes, in order, of the lines a phrase opens (at_start[j]
 * true), a lead-in opens (leads, None or a list, not None at j), whose text opens with one
 * of the characters of `firsts`, or whose norm starts with one of the str of the tuple
 * `openers`. */
static PyObject *
native_opened_lines(PyObject *module, PyObject *const *args, Py_ssize_t nargs)
{
    (void)module;
    if (nargs != 6) {
        PyErr_SetString(PyExc_TypeError, "opened_lines(texts, norms, at_start, leads, firsts, openers) takes 6 arguments");
        return NULL;
    }
    PyObject *texts = args[0], *norms = args[1], *at_start = args[2], *leads = args[3];
    PyObject *firsts = args[4], *openers = args[5];
    if (!PyList_Check(texts) || !check_strs(texts, "opened_lines: texts"))
        return NULL;
    const Py_ssize_t n = PyList_GET_SIZE(texts);
    if (!cleaner_check_list(norms, n, "opened_lines: norms") || !check_strs(norms, "opened_lines: norms") ||
        !cleaner_check_list(at_start, n, "opened_lines: at_start"))
        return NULL;
    if (leads != Py_None && !cleaner_check_list(leads, n, "opened_lines: leads"))
        return NULL;
    if (!PyUnicode_Check(firsts) || !PyTuple_Check(openers)) {
        PyErr_SetString(PyExc_TypeError, "opened_lines: firsts must be a str, openers a tuple of str");
        return NULL;
    }
    for (Py_ssize_t k = 0; k < PyTuple_GET_SIZE(openers); k++) {
        if (!PyUnicode_Check(PyTuple_GET_ITEM(openers, k))) {
            PyErr_SetString(PyExc_TypeError, "opened_lines: openers must be a tuple of str");
            return NULL;
        }
    }
    CharBits first_bits;
    char_bits_init(&first_bits, firsts);
    PyObject *out = PyList_New(0);
    if (out == NULL)
        return NULL;
    for (Py_ssize_t j = 0; j < n; j++) {
        int take = truth(PyList_GET_ITEM(at_start, j));
        if (take < 0)
            goto fail;
        if (!take && leads != Py_None)
            take = PyList_GET_ITEM(leads, j) != Py_None;
        if (!take) {
            PyObject *text = PyList_GET_ITEM(texts, j);
            take = PyUnicode_GET_LENGTH(text) > 0 && holds_char(&first_bits, PyUnicode_READ_CHAR(text, 0));
        }
        if (!take) {
            PyObject *norm = PyList_GET_ITEM(norms, j);
            const Py_ssize_t size = PyUnicode_GET_LENGTH(norm);
            for (Py_ssize_t k = 0; !take && k < PyTuple_GET_SIZE(openers); k++) {
                PyObject *opener = PyTuple_GET_ITEM(openers, k);
                const Py_ssize_t length = PyUnicode_GET_LENGTH(opener);
                /* the first character first: most norms open with none of theirs */
                if (length == 0 || (size >= length && PyUnicode_READ_CHAR(norm, 0) == PyUnicode_READ_CHAR(opener, 0))) {
                    const Py_ssize_t match = PyUnicode_Tailmatch(norm, opener, 0, size, -1);
                    if (match < 0)
                        goto fail;
                    take = match > 0;
                }
            }
        }
        if (take && cleaner_append_index(out, j) < 0)
            goto fail;
    }
    return out;
fail:
    Py_DECREF(out);
    return NULL;
}

/* thread_marked(local, exact, categories, category): comment_threads.opener_lines_python's
 * first two tests. The indexes, in order, of the lines whose label in `local` is the object
 * `exact` or whose category (a str or None) equals the str `category`. */
static PyObject *
native_thread_marked(PyObject *module, PyObject *const *args, Py_ssize_t nargs)
{
    (void)module;
    if (nargs != 4) {
        PyErr_SetString(PyExc_TypeError, "thread_marked(local, exact, categories, category) takes 4 arguments");
        return NULL;
    }
    PyObject *local = args[0], *exact = args[1], *categories = args[2], *category = args[3];
    if (!PyList_Check(local) || !cleaner_check_list(categories, PyList_GET_SIZE(local), "thread_marked: categories"))
        return NULL;
    if (!PyUnicode_Check(category)) {
        PyErr_SetString(PyExc_TypeError, "thread_marked: category must be a str");
        return NULL;
    }
    PyObject *out = PyList_New(0);
    if (out == NULL)
        return NULL;
    for (Py_ssize_t j = 0; j < PyList_GET_SIZE(local); j++) {
        int take = PyList_GET_ITEM(local, j) == exact;
        if (!take) {
            PyObject *found = PyList_GET_ITEM(categories, j);
            if (found == category)
                take = 1;
            else if (found != Py_None) {
                take = PyObject_RichCompareBool(found, category, Py_EQ);
                if (take < 0)
                    goto fail;
            }
        }
        if (take && cleaner_append_index(out, j) < 0)
            goto fail;
    }
    return out;
fail:
    Py_DECREF(out);
    return NULL;
}

/* Checks local (a list) and usable (None or a list as long); 0 with a TypeError if not. */
static int
check_kept_args(PyObject *local, PyObject *usable, const char *name)
{
    if (!PyList_Check(local)) {
        PyErr_Format(PyExc_TypeError, "%s: local must be a list", name);
        return 0;
    }
    if (usable != Py_None && (!PyList_Check(usable) || PyList_GET_SIZE(usable) != PyList_GET_SIZE(local))) {
        PyErr_Format(PyExc_TypeError, "%s: usable must be None or a list, one item per line", name);
        return 0;
    }
    return 1;
}

/* machine_candidates(texts, local, usable, max_chars, starts): decisions.machine_candidates_python.
 * The indexes, in order, of the kept lines of at most max_chars characters whose first
 * character past str.lstrip()'s white space is one of the str `starts`. */
static PyObject *
native_machine_candidates(PyObject *module, PyObject *const *args, Py_ssize_t nargs)
{
    (void)module;
    if (nargs != 5) {
        PyErr_SetString(PyExc_TypeError, "machine_candidates(texts, local, usable, max_chars, starts) takes 5 arguments");
        return NULL;
    }
    PyObject *texts = args[0], *local = args[1], *usable = args[2], *starts = args[4];
    if (!PyList_Check(texts) || !check_strs(texts, "machine_candidates: texts") ||
        !cleaner_check_list(local, PyList_GET_SIZE(texts), "machine_candidates: local") ||
        !check_kept_args(local, usable, "machine_candidates"))
        return NULL;
    if (!PyUnicode_Check(starts)) {
        PyErr_SetString(PyExc_TypeError, "machine_candidates: starts must be a str");
        return NULL;
    }
    const Py_ssize_t max_chars = PyLong_AsSsize_t(args[3]);
    if (max_chars == -1 && PyErr_Occurred())
        return NULL;
    CharBits start_bits;
    char_bits_init(&start_bits, starts);
    PyObject *out = PyList_New(0);
    if (out == NULL)
        return NULL;
    for (Py_ssize_t j = 0; j < PyList_GET_SIZE(texts); j++) {
        PyObject *text = PyList_GET_ITEM(texts, j);
        const Py_ssize_t size = PyUnicode_GET_LENGTH(text);
        if (size > max_chars)
            continue;
        const int kind = PyUnicode_KIND(text);
        const void *data = PyUnicode_DATA(text);
        Py_ssize_t at = 0;
        while (at < size && cleaner_is_py_space(PyUnicode_READ(kind, data, at)))
            at++;
        if (at == size || !holds_char(&start_bits, PyUnicode_READ(kind, data, at)))
            continue;
        const int kept = cleaner_kept_at(local, usable, j);
        if (kept < 0)
            goto fail;
        if (kept && cleaner_append_index(out, j) < 0)
            goto fail;
    }
    return out;
fail:
    Py_DECREF(out);
    return NULL;
}

/* head_kept's and tail_kept's arguments (local, usable, count) checked, count into *count;
 * 0 with a TypeError or ValueError naming `name` if they do not hold. */
static int
kept_count_args(PyObject *const *args, Py_ssize_t nargs, const char *name, Py_ssize_t *count)
{
    if (nargs != 3) {
        PyErr_Format(PyExc_TypeError, "%s(local, usable, count) takes 3 arguments", name);
        return 0;
    }
    if (!check_kept_args(args[0], args[1], name))
        return 0;
    *count = PyLong_AsSsize_t(args[2]);
    if (*count == -1 && PyErr_Occurred())
        return 0;
    if (*count < 0) {
        PyErr_Format(PyExc_ValueError, "%s: count must not be negative", name);
        return 0;
    }
    return 1;
}

/* tail_kept(local, usable, count): decisions.tail_kept_python. The indexes, in order, of
 * the last `count` kept lines (fewer where the page keeps fewer). */
static PyObject *
native_tail_kept(PyObject *module, PyObject *const *args, Py_ssize_t nargs)
{
    (void)module;
    Py_ssize_t count;
    if (!kept_count_args(args, nargs, "tail_kept", &count))
        return NULL;
    PyObject *local = args[0], *usable = args[1];
    Py_ssize_t found = 0, first = PyList_GET_SIZE(local);
    while (found < count && first > 0) {
        const int kept = cleaner_kept_at(local, usable, first - 1);
        if (kept < 0)
            return NULL;
        first--;
        found += kept;
    }
    PyObject *out = PyList_New(found);
    if (out == NULL)
        return NULL;
    Py_ssize_t k = 0;
    for (Py_ssize_t j = first; k < found; j++) {
        const int kept = cleaner_kept_at(local, usable, j);
        if (kept < 0) {
            Py_DECREF(out);
            return NULL;
        }
        if (!kept)
            continue;
        PyObject *index = PyLong_FromSsize_t(j);
        if (index == NULL) {
            Py_DECREF(out);
            return NULL;
        }
        PyList_SET_ITEM(out, k++, index);
    }
    return out;
}

/* Whether the score `item` exceeds `cut` (a float): -1 with an exception set. A float is
 * compared as a C double (what float.__gt__ does), anything else by Python's `>`. */
static inline int
above_cut(PyObject *item, PyObject *cut, double cut_value)
{
    if (PyFloat_CheckExact(item))
        return PyFloat_AS_DOUBLE(item) > cut_value;
    return PyObject_RichCompareBool(item, cut, Py_GT);
}

/* article_picks(article, cut, local, usable): decisions.article_picks_python. The kept
 * lines whose article score exceeds `cut` (a float), in order, and the last kept line whose
 * score does not (-1 where none), as a tuple; None where no line's score exceeds the cut. */
static PyObject *
native_article_picks(PyObject *module, PyObject *const *args, Py_ssize_t nargs)
{
    (void)module;
    if (nargs != 4) {
        PyErr_SetString(PyExc_TypeError, "article_picks(article, cut, local, usable) takes 4 arguments");
        return NULL;
    }
    PyObject *article = args[0], *cut = args[1], *local = args[2], *usable = args[3];
    if (!PyList_Check(article) || !cleaner_check_list(local, PyList_GET_SIZE(article), "article_picks: local") ||
        !check_kept_args(local, usable, "article_picks"))
        return NULL;
    if (!PyFloat_Check(cut)) {
        PyErr_SetString(PyExc_TypeError, "article_picks: cut must be a float");
        return NULL;
    }
    const double cut_value = PyFloat_AS_DOUBLE(cut);
    PyObject *chosen = PyList_New(0);
    if (chosen == NULL)
        return NULL;
    Py_ssize_t last_plain = -1;
    int any = 0;
    for (Py_ssize_t j = 0; j < PyList_GET_SIZE(article); j++) {
        const int candidate = above_cut(PyList_GET_ITEM(article, j), cut, cut_value);
        if (candidate < 0)
            goto fail;
        any |= candidate;
        const int kept = cleaner_kept_at(local, usable, j);
        if (kept < 0)
            goto fail;
        if (!kept)
            continue;
        if (!candidate)
            last_plain = j;
        else if (cleaner_append_index(chosen, j) < 0)
            goto fail;
    }
    if (!any) {
        Py_DECREF(chosen);
        Py_RETURN_NONE;
    }
    return Py_BuildValue("(Nn)", chosen, last_plain);
fail:
    Py_DECREF(chosen);
    return NULL;
}

/* Whether text[at:at + strlen(ascii)] is the ASCII string `ascii` (case kept). */
static int
region_is_ascii(int kind, const void *data, Py_ssize_t at, const char *ascii, Py_ssize_t length)
{
    for (Py_ssize_t k = 0; k < length; k++) {
        if (PyUnicode_READ(kind, data, at + k) != (Py_UCS4)(unsigned char)ascii[k])
            return 0;
    }
    return 1;
}

/* own_address.address_forms' schemes and host prefixes, in C. */
static const char *const ADDRESS_SCHEMES[] = {"https://", "http://", ""};
static const char *const ADDRESS_PREFIXES[] = {"www.", ""};

/* Whether text[start:end] is one of address_forms(bare): a scheme or none, "www." or
 * none, `bare`, a slash or none. -1 with an exception set. */
static int
is_address_form(PyObject *text, Py_ssize_t start, Py_ssize_t end, PyObject *bare)
{
    const int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    const Py_ssize_t bare_length = PyUnicode_GET_LENGTH(bare);
    for (size_t s = 0; s < sizeof(ADDRESS_SCHEMES) / sizeof(ADDRESS_SCHEMES[0]); s++) {
        const Py_ssize_t scheme_length = (Py_ssize_t)strlen(ADDRESS_SCHEMES[s]);
        for (size_t p = 0; p < sizeof(ADDRESS_PREFIXES) / sizeof(ADDRESS_PREFIXES[0]); p++) {
            const Py_ssize_t prefix_length = (Py_ssize_t)strlen(ADDRESS_PREFIXES[p]);
            for (Py_ssize_t slash = 0; slash <= 1; slash++) {
                if (end - start != scheme_length + prefix_length + bare_length + slash)
                    continue;
                if (slash && PyUnicode_READ(kind, data, end - 1) != '/')
                    continue;
                if (!region_is_ascii(kind, data, start, ADDRESS_SCHEMES[s], scheme_length) ||
                    !region_is_ascii(kind, data, start + scheme_length, ADDRESS_PREFIXES[p], prefix_length))
                    continue;
                const Py_ssize_t from = start + scheme_length + prefix_length;
                const Py_ssize_t match = PyUnicode_Tailmatch(text, bare, from, from + bare_length, -1);
                if (match != 0)
                    return (int)match; /* 1, or -1 on an error */
            }
        }
    }
    return 0;
}

/* address_lines(texts, local, usable, bare): decisions.address_lines_python. The indexes,
 * in order, of the kept lines whose str.strip() is one of own_address.address_forms(bare). */
static PyObject *
native_address_lines(PyObject *module, PyObject *const *args, Py_ssize_t nargs)
{
    (void)module;
    if (nargs != 4) {
        PyErr_SetString(PyExc_TypeError, "address_lines(texts, local, usable, bare) takes 4 arguments");
        return NULL;
    }
    PyObject *texts = args[0], *local = args[1], *usable = args[2], *bare = args[3];
    if (!PyList_Check(texts) || !check_strs(texts, "address_lines: texts") ||
        !cleaner_check_list(local, PyList_GET_SIZE(texts), "address_lines: local") ||
        !check_kept_args(local, usable, "address_lines"))
        return NULL;
    if (!PyUnicode_Check(bare)) {
        PyErr_SetString(PyExc_TypeError, "address_lines: bare must be a str");
        return NULL;
    }
    const Py_ssize_t bare_length = PyUnicode_GET_LENGTH(bare);
    PyObject *out = PyList_New(0);
    if (out == NULL)
        return NULL;
    for (Py_ssize_t j = 0; j < PyList_GET_SIZE(texts); j++) {
        PyObject *text = PyList_GET_ITEM(texts, j);
        Py_ssize_t start = 0, end = PyUnicode_GET_LENGTH(text);
        if (end < bare_length)
            continue; /* every form holds the address */
        const int kind = PyUnicode_KIND(text);
        const void *data = PyUnicode_DATA(text);
        while (start < end && cleaner_is_py_space(PyUnicode_READ(kind, data, start)))
            start++;
        while (end > start && cleaner_is_py_space(PyUnicode_READ(kind, data, end - 1)))
            end--;
        const int form = is_address_form(text, start, end, bare);
        if (form < 0)
            goto fail;
        if (!form)
            continue;
        const int kept = cleaner_kept_at(local, usable, j);
        if (kept < 0)
            goto fail;
        if (kept && cleaner_append_index(out, j) < 0)
            goto fail;
    }
    return out;
fail:
    Py_DECREF(out);
    return NULL;
}

/* own_name._SECOND_LEVEL: labels of second-level public suffixes. */
static const char *const SECOND_LEVEL[] = {"co", "com", "org", "net", "gov", "ac", "edu", "ne", "or", "go", "gob", "nic"};
#define SITE_NAME_MIN_CHARS 3 /* own_name.SITE_NAME_MIN_CHARS */

/* Whether the ASCII bytes text[0:length] are one of SECOND_LEVEL. */
static int
is_second_level(const char *text, Py_ssize_t length)
{
    for (size_t k = 0; k < sizeof(SECOND_LEVEL) / sizeof(SECOND_LEVEL[0]); k++) {
        if ((Py_ssize_t)strlen(SECOND_LEVEL[k]) == length && memcmp(SECOND_LEVEL[k], text, (size_t)length) == 0)
            return 1;
    }
    return 0;
}

/* White space as str.strip() sees it, in ASCII. */
static inline int
is_ascii_strip(unsigned char c)
{
    return c == ' ' || (c >= '\t' && c <= '\r') || (c >= 0x1C && c <= 0x1F);
}

#define HOST_MAX_LABELS 64 /* more labels than this: left to the Python original */

/* site_label(url): own_name.site_name_python for an ASCII address, its registered domain's
 * label in lower case or None; False where this cannot tell (an address past ASCII, a host
 * of many labels): the caller asks the original. A label holding other ASCII characters
 * is folded here as own_name._fold does ("new-york" -> "newyork"). */
static PyObject *
native_site_label(PyObject *module, PyObject *url)
{
    (void)module;
    if (!PyUnicode_Check(url)) {
        PyErr_SetString(PyExc_TypeError, "site_label: url must be a str");
        return NULL;
    }
    if (!PyUnicode_IS_ASCII(url))
        Py_RETURN_FALSE;
    const char *text = (const char *)PyUnicode_DATA(url);
    Py_ssize_t start = 0, end = PyUnicode_GET_LENGTH(url);
    while (start < end && is_ascii_strip((unsigned char)text[start]))
        start++;
    while (end > start && is_ascii_strip((unsigned char)text[end - 1]))
        end--;
    Py_ssize_t rest = -1;
    for (Py_ssize_t k = start; k + 3 <= end; k++) {
        if (text[k] == ':' && text[k + 1] == '/' && text[k + 2] == '/') {
            rest = k + 3;
            break;
        }
    }
    if (rest < 0)
        Py_RETURN_NONE; /* no scheme */
    Py_ssize_t host_end = rest;
    while (host_end < end && text[host_end] != '/' && text[host_end] != '?' && text[host_end] != '#')
        host_end++;
    Py_ssize_t host = rest;
    for (Py_ssize_t k = rest; k < host_end; k++) {
        if (text[k] == '@')
            host = k + 1;
    }
    if (host < host_end && text[host] == '[')
        Py_RETURN_NONE; /* an IPv6 address */
    Py_ssize_t name_end = host;
    while (name_end < host_end && text[name_end] != ':')
        name_end++;
    /* the labels between dots, the empty ones left out: their bounds */
    Py_ssize_t starts[HOST_MAX_LABELS], ends[HOST_MAX_LABELS];
    int labels = 0;
    Py_ssize_t at = host;
    while (at <= name_end) {
        Py_ssize_t stop = at;
        while (stop < name_end && text[stop] != '.')
            stop++;
        if (stop > at) {
            if (labels == HOST_MAX_LABELS)
                Py_RETURN_FALSE;
            starts[labels] = at;
            ends[labels] = stop;
            labels++;
        }
        at = stop + 1;
    }
    if (labels < 2)
        Py_RETURN_NONE;
    int all_digits = 1;
    for (Py_ssize_t k = starts[labels - 1]; k < ends[labels - 1]; k++)
        all_digits &= text[k] >= '0' && text[k] <= '9';
    if (all_digits)
        Py_RETURN_NONE; /* an IPv4 address */
    char lowered[256];
    int pick = labels - 2;
    for (int round = 0; round < 2; round++) {
        const Py_ssize_t length = ends[pick] - starts[pick];
        if (length > (Py_ssize_t)sizeof(lowered))
            Py_RETURN_FALSE;
        for (Py_ssize_t k = 0; k < length; k++) {
            const char c = text[starts[pick] + k];
            lowered[k] = (char)(c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c);
        }
        if (round == 0 && labels >= 3 && is_second_level(lowered, length)) {
            pick = labels - 3;
            continue;
        }
        /* own_name._fold of an ASCII label: its letters and digits alone ("new-york" -> "newyork") */
        Py_ssize_t kept = 0;
        for (Py_ssize_t k = 0; k < length; k++) {
            const char c = lowered[k];
            if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
                lowered[kept++] = c;
        }
        if (kept < SITE_NAME_MIN_CHARS)
            Py_RETURN_NONE;
        return PyUnicode_FromStringAndSize(lowered, kept);
    }
    Py_RETURN_FALSE; /* not reached */
}

#define SLUG_MIN_WORDS 3 /* title.SLUG_MIN_WORDS */

/* slug_path_words(path): title.slug_path_words_python for a path of printable ASCII without
 * a "%" (unquote leaves it as it is, accent_folded lower-cases it): the words of its longest
 * segment of SLUG_MIN_WORDS words or more (the first of the longest), a list, empty where
 * none; False for any other path (the caller asks the original). */
static PyObject *
native_slug_path_words(PyObject *module, PyObject *path)
{
    (void)module;
    if (!PyUnicode_Check(path)) {
        PyErr_SetString(PyExc_TypeError, "slug_path_words: path must be a str");
        return NULL;
    }
    if (!PyUnicode_IS_ASCII(path))
        Py_RETURN_FALSE;
    const char *text = (const char *)PyUnicode_DATA(path);
    const Py_ssize_t size = PyUnicode_GET_LENGTH(path);
    for (Py_ssize_t k = 0; k < size; k++) {
        if (text[k] < 0x20 || text[k] > 0x7E || text[k] == '%')
            Py_RETURN_FALSE;
    }
    Py_ssize_t best_start = 0, best_end = 0, best_words = 0;
    Py_ssize_t start = 0;
    while (start <= size) {
        Py_ssize_t end = start;
        while (end < size && text[end] != '/')
            end++;
        /* a segment of letters and digits alone (one word at most) is no slug */
        int alnum = end > start;
        for (Py_ssize_t k = start; alnum && k < end; k++)
            alnum = Py_ISALNUM(text[k]);
        if (!alnum) {
            /* _FILE_END: a dot and two to five letters closing the segment go */
            Py_ssize_t stop = end, letters = 0;
            while (stop - letters > start && Py_ISALPHA(text[stop - letters - 1]))
                letters++;
            if (letters >= 2 && letters <= 5 && stop - letters - 1 >= start && text[stop - letters - 1] == '.')
                stop -= letters + 1;
            /* the runs of letters and digits, those of letters alone counted as words */
            Py_ssize_t words = 0, k = start;
            while (k < stop) {
                if (!Py_ISALNUM(text[k])) {
                    k++;
                    continue;
                }
                int letters_only = 1;
                while (k < stop && Py_ISALNUM(text[k])) {
                    letters_only &= Py_ISALPHA(text[k]) != 0;
                    k++;
                }
                words += letters_only;
            }
            if (words >= SLUG_MIN_WORDS && words > best_words) {
                best_words = words;
                best_start = start;
                best_end = stop;
            }
        }
        start = end + 1;
    }
    PyObject *out = PyList_New(0);
    if (out == NULL)
        return NULL;
    Py_ssize_t k = best_start;
    while (best_words > 0 && k < best_end) {
        if (!Py_ISALNUM(text[k])) {
            k++;
            continue;
        }
        const Py_ssize_t word = k;
        int letters_only = 1;
        while (k < best_end && Py_ISALNUM(text[k])) {
            letters_only &= Py_ISALPHA(text[k]) != 0;
            k++;
        }
        if (!letters_only)
            continue;
        char lowered[256];
        PyObject *item;
        if (k - word <= (Py_ssize_t)sizeof(lowered)) {
            for (Py_ssize_t i = word; i < k; i++)
                lowered[i - word] = (char)Py_TOLOWER(text[i]);
            item = PyUnicode_FromStringAndSize(lowered, k - word);
        } else {
            PyObject *raw = PyUnicode_FromStringAndSize(text + word, k - word);
            item = raw == NULL ? NULL : PyObject_CallMethod(raw, "lower", NULL);
            Py_XDECREF(raw);
        }
        if (item == NULL || PyList_Append(out, item) < 0) {
            Py_XDECREF(item);
            Py_DECREF(out);
            return NULL;
        }
        Py_DECREF(item);
    }
    return out;
}

#define KELVIN_SIGN 0x212A

/* name_openers(texts, lines, marks, initial): own_name.name_openers_python. The positions
 * among `lines` (a list of line indexes) of the lines of `texts` whose first character past
 * str.lstrip(marks) is past ASCII or, lower-cased, the str `initial` (one ASCII character). */
static PyObject *
native_name_openers(PyObject *module, PyObject *const *args, Py_ssize_t nargs)
{
    (void)module;
    if (nargs != 4) {
        PyErr_SetString(PyExc_TypeError, "name_openers(texts, lines, marks, initial) takes 4 arguments");
        return NULL;
    }
    PyObject *texts = args[0], *lines = args[1], *marks = args[2], *initial = args[3];
    if (!PyList_Check(texts) || !check_strs(texts, "name_openers: texts") || !PyList_Check(lines)) {
        PyErr_SetString(PyExc_TypeError, "name_openers: texts must be a list of str, lines a list of int");
        return NULL;
    }
    if (!PyUnicode_Check(marks) || !PyUnicode_Check(initial) || PyUnicode_GET_LENGTH(initial) != 1 ||
        PyUnicode_READ_CHAR(initial, 0) >= 128) {
        PyErr_SetString(PyExc_ValueError, "name_openers: marks must be a str, initial one ASCII character");
        return NULL;
    }
    const Py_UCS4 first_letter = PyUnicode_READ_CHAR(initial, 0);
    CharBits mark_bits;
    char_bits_init(&mark_bits, marks);
    PyObject *out = PyList_New(0);
    if (out == NULL)
        return NULL;
    for (Py_ssize_t at = 0; at < PyList_GET_SIZE(lines); at++) {
        const Py_ssize_t j = PyLong_AsSsize_t(PyList_GET_ITEM(lines, at));
        if (j == -1 && PyErr_Occurred())
            goto fail;
        if (j < 0 || j >= PyList_GET_SIZE(texts)) {
            PyErr_SetString(PyExc_IndexError, "name_openers: a line index out of range");
            goto fail;
        }
        PyObject *text = PyList_GET_ITEM(texts, j);
        const int kind = PyUnicode_KIND(text);
        const void *data = PyUnicode_DATA(text);
        const Py_ssize_t size = PyUnicode_GET_LENGTH(text);
        Py_ssize_t k = 0;
        while (k < size && holds_char(&mark_bits, PyUnicode_READ(kind, data, k)))
            k++;
        if (k == size)
            continue; /* "" is ASCII and no initial */
        Py_UCS4 c = PyUnicode_READ(kind, data, k);
        if (c == KELVIN_SIGN)
            c = 'k'; /* the one character past ASCII that str.lower() makes ASCII */
        if (c < 128 && (c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c) != first_letter)
            continue;
        if (cleaner_append_index(out, at) < 0)
            goto fail;
    }
    return out;
fail:
    Py_DECREF(out);
    return NULL;
}

/* head_kept(local, usable, count): title.head_kept_python. The indexes, in order, of the
 * first `count` kept lines (fewer where the page keeps fewer). */
static PyObject *
native_head_kept(PyObject *module, PyObject *const *args, Py_ssize_t nargs)
{
    (void)module;
    Py_ssize_t count;
    if (!kept_count_args(args, nargs, "head_kept", &count))
        return NULL;
    PyObject *local = args[0], *usable = args[1];
    PyObject *out = PyList_New(0);
    if (out == NULL)
        return NULL;
    for (Py_ssize_t j = 0; j < PyList_GET_SIZE(local) && PyList_GET_SIZE(out) < count; j++) {
        const int kept = cleaner_kept_at(local, usable, j);
        if (kept < 0 || (kept && cleaner_append_index(out, j) < 0)) {
            Py_DECREF(out);
            return NULL;
        }
    }
    return out;
}

PyMethodDef decision_pick_methods[] = {
    {"opened_lines", (PyCFunction)(void (*)(void))native_opened_lines, METH_FASTCALL,
     "opened_lines(texts, norms, at_start, leads, firsts, openers): decisions._maybe_opened_python."},
    {"thread_marked", (PyCFunction)(void (*)(void))native_thread_marked, METH_FASTCALL,
     "thread_marked(local, exact, categories, category): comment_threads.opener_lines_python's first tests."},
    {"machine_candidates", (PyCFunction)(void (*)(void))native_machine_candidates, METH_FASTCALL,
     "machine_candidates(texts, local, usable, max_chars, starts): decisions.machine_candidates_python."},
    {"article_picks", (PyCFunction)(void (*)(void))native_article_picks, METH_FASTCALL,
     "article_picks(article, cut, local, usable): decisions.article_picks_python."},
    {"address_lines", (PyCFunction)(void (*)(void))native_address_lines, METH_FASTCALL,
     "address_lines(texts, local, usable, bare): decisions.address_lines_python."},
    {"site_label", (PyCFunction)native_site_label, METH_O,
     "site_label(url): own_name.site_name_python for an ASCII address; False where it cannot tell."},
    {"slug_path_words", (PyCFunction)native_slug_path_words, METH_O,
     "slug_path_words(path): title.slug_path_words_python for a printable ASCII path; False otherwise."},
    {"name_openers", (PyCFunction)(void (*)(void))native_name_openers, METH_FASTCALL,
     "name_openers(texts, lines, marks, initial): own_name.name_openers_python."},
    {"head_kept", (PyCFunction)(void (*)(void))native_head_kept, METH_FASTCALL,
     "head_kept(local, usable, count): title.head_kept_python."},
    {"tail_kept", (PyCFunction)(void (*)(void))native_tail_kept, METH_FASTCALL,
     "tail_kept(local, usable, count): decisions.tail_kept_python."},
    {NULL, NULL, 0, NULL},
};
