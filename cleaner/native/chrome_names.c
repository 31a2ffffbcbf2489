/* The chrome namer's class/id reading (cleaner/html/chrome.py, class_category_python) for
 * ASCII class and id strings: the regex scans (camelCase parts, digit runs of generated
 * hashes, separators) done by hand over the bytes, and the word lookups done in the very
 * dicts and sets chrome.py holds, passed in once as a tuple. A cold page's distinct class
 * strings cost more in the regex original than the rest of the chrome naming. */
#include "_compiled.h"


#define CLASS_TABLES 13  /* the items of the tables tuple, see class_tables() in chrome.py */
#define MAX_PART 256     /* a longer camelCase part is compared through a heap copy */

enum {
    T_WORDS,      /* dict: word -> category */
    T_VOCABULARY, /* frozenset: the words */
    T_RANKS,      /* dict: category -> rank (lower first) */
    T_PLACES,     /* frozenset: categories that name a place */
    T_VOIDS,      /* dict: category -> frozenset of words that void it in one token */
    T_STATES,     /* frozenset: a token opening with one of these says nothing */
    T_PREFIXES,   /* tuple of str: a token opening with one of these (lower case) says nothing */
    T_MAIL,       /* (category, words, result): the category becomes result where a word is there */
    T_MENU,       /* the same for the menu words */
    T_HASH_CHARS, /* int: a separated piece this long with a digit is a hash */
    T_HASH_PART,  /* float: ... as is a token whose parts are at most this long on average */
    T_HASH_PARTS, /* int: ... when it has at least this many */
    T_NONE_VOID,  /* frozenset(): what VOIDS.get gives for a category it does not name */
};

static int
is_upper(unsigned char c)
{
    return c >= 'A' && c <= 'Z';
}

static int
is_lower(unsigned char c)
{
    return c >= 'a' && c <= 'z';
}

static int
is_separator(unsigned char c)
{
    return c == '-' || c == '_' || c == ':' || c == '.' || c == '/';
}

/* The end of the camelCase part (chrome._PART, [A-Z]?[a-z]+|[A-Z]+(?![a-z])) found at `at`
 * of text[0:n], or `at` when none starts there. */
static Py_ssize_t
part_end(const unsigned char *text, Py_ssize_t n, Py_ssize_t at)
{
    if (is_upper(text[at]) && at + 1 < n && is_lower(text[at + 1])) {
        Py_ssize_t end = at + 1;
        while (end < n && is_lower(text[end]))
            end++;
        return end;
    }
    if (is_lower(text[at])) {
        Py_ssize_t end = at;
        while (end < n && is_lower(text[end]))
            end++;
        return end;
    }
    if (is_upper(text[at])) {
        Py_ssize_t end = at;
        while (end < n && is_upper(text[end]))
            end++;
        if (end < n && is_lower(text[end]))
            end--; /* the last capital opens the next part; the run is two or more here */
        return end;
    }
    return at;
}

/* The lower-case str of text[start:end]. */
static PyObject *
lower_str(const unsigned char *text, Py_ssize_t start, Py_ssize_t end)
{
    char small[MAX_PART];
    const Py_ssize_t length = end - start;
    char *buffer = length <= MAX_PART ? small : PyMem_Malloc((size_t)length);
    if (buffer == NULL)
        return PyErr_NoMemory();
    for (Py_ssize_t k = 0; k < length; k++)
        buffer[k] = (char)(is_upper(text[start + k]) ? text[start + k] + ('a' - 'A') : text[start + k]);
    PyObject *word = PyUnicode_FromStringAndSize(buffer, length);
    if (buffer != small)
        PyMem_Free(buffer);
    return word;
}

/* Whether any camelCase part of text[0:n], lower-cased, is in `vocabulary`: 1, 0, -1 on error. */
static int
any_known_part(const unsigned char *text, Py_ssize_t n, PyObject *vocabulary)
{
    for (Py_ssize_t at = 0; at < n;) {
        const Py_ssize_t end = part_end(text, n, at);
        if (end == at) {
            at++;
            continue;
        }
        PyObject *word = lower_str(text, at, end);
        if (word == NULL)
            return -1;
        const int known = PySet_Contains(vocabulary, word);
        Py_DECREF(word);
        if (known != 0)
            return known;
        at = end;
    }
    return 0;
}

static int
has_digit(const unsigned char *text, Py_ssize_t start, Py_ssize_t end)
{
    for (Py_ssize_t k = start; k < end; k++)
        if (text[k] >= '0' && text[k] <= '9')
            return 1;
    return 0;
}

/* Appends the lower-case camelCase parts of text[start:end] to `parts`; -1 on error. */
static int
append_parts(PyObject *parts, const unsigned char *text, Py_ssize_t start, Py_ssize_t end, Py_ssize_t *chars)
{
    for (Py_ssize_t at = start; at < end;) {
        const Py_ssize_t stop = part_end(text + start, end - start, at - start) + start;
        if (stop == at) {
            at++;
            continue;
        }
        PyObject *word = lower_str(text, at, stop);
        if (word == NULL)
            return -1;
        const int failed = PyList_Append(parts, word);
        Py_DECREF(word);
        if (failed)
            return -1;
        *chars += stop - at;
        at = stop;
    }
    return 0;
}

/* chrome._token_words for the ASCII token text[start:end]: a new list (empty for a hash). */
static PyObject *
token_words(PyObject *const *tables, const unsigned char *text, Py_ssize_t start, Py_ssize_t end)
{
    const Py_ssize_t hash_chars = PyLong_AsSsize_t(tables[T_HASH_CHARS]);
    const Py_ssize_t hash_parts = PyLong_AsSsize_t(tables[T_HASH_PARTS]);
    const double hash_part = PyFloat_AsDouble(tables[T_HASH_PART]);
    if (PyErr_Occurred())
        return NULL;
    PyObject *parts = PyList_New(0);
    if (parts == NULL)
        return NULL;
    Py_ssize_t chars = 0;
    const int digits = has_digit(text, start, end);
    for (Py_ssize_t at = start; at < end;) { /* the pieces between separator runs */
        Py_ssize_t stop = at;
        while (stop < end && !is_separator(text[stop]))
            stop++;
        const int hashed = digits && stop - at >= hash_chars && has_digit(text, at, stop);
        if (!hashed && append_parts(parts, text, at, stop, &chars) < 0) {
            Py_DECREF(parts);
            return NULL;
        }
        at = stop;
        while (at < end && is_separator(text[at]))
            at++;
    }
    const Py_ssize_t count = PyList_GET_SIZE(parts);
    if (count >= hash_parts && count > 0 && (double)chars / (double)count <= hash_part &&
        PyList_SetSlice(parts, 0, count, NULL) < 0) {
        Py_DECREF(parts);
        return NULL;
    }
    return parts;
}

/* Whether the lower case of text[start:end] opens with one of the str `prefixes`. */
static int
has_prefix(PyObject *prefixes, const unsigned char *text, Py_ssize_t start, Py_ssize_t end)
{
    for (Py_ssize_t k = 0; k < PyTuple_GET_SIZE(prefixes); k++) {
        PyObject *prefix = PyTuple_GET_ITEM(prefixes, k);
        const Py_ssize_t length = PyUnicode_GET_LENGTH(prefix);
        if (length > end - start)
            continue;
        Py_ssize_t i = 0;
        while (i < length) {
            const unsigned char c = text[start + i];
            const Py_UCS4 lower = is_upper(c) ? (Py_UCS4)(c + ('a' - 'A')) : c;
            if (lower != PyUnicode_READ_CHAR(prefix, i))
                break;
            i++;
        }
        if (i == length)
            return 1;
    }
    return 0;
}

/* Whether some item of the list `words` is in the set `set`: 1, 0, -1 on error. */
static int
meets(PyObject *set, PyObject *words)
{
    for (Py_ssize_t k = 0; k < PyList_GET_SIZE(words); k++) {
        const int found = PySet_Contains(set, PyList_GET_ITEM(words, k));
        if (found != 0)
            return found;
    }
    return 0;
}

/* One token's words weighed: best and place updated as class_category_python does. */
static int
weigh_token(PyObject *const *tables, PyObject *parts, PyObject **best, PyObject **place)
{
    for (Py_ssize_t k = 0; k < PyList_GET_SIZE(parts); k++) {
        PyObject *category = PyDict_GetItemWithError(tables[T_WORDS], PyList_GET_ITEM(parts, k));
        if (category == NULL) {
            if (PyErr_Occurred())
                return -1;
            continue;
        }
        PyObject *voids = PyDict_GetItemWithError(tables[T_VOIDS], category);
        if (voids == NULL && PyErr_Occurred())
            return -1;
        const int voided = meets(voids != NULL ? voids : tables[T_NONE_VOID], parts);
        if (voided != 0) {
            if (voided < 0)
                return -1;
            continue;
        }
        const int is_place = PySet_Contains(tables[T_PLACES], category);
        if (is_place < 0)
            return -1;
        if (is_place) {
            if (*place == NULL)
                *place = category;
            continue;
        }
        if (*best != NULL) {
            PyObject *rank = PyDict_GetItemWithError(tables[T_RANKS], category);
            PyObject *best_rank = PyDict_GetItemWithError(tables[T_RANKS], *best);
            if (rank == NULL || best_rank == NULL) {
                if (!PyErr_Occurred())
                    PyErr_SetString(PyExc_KeyError, "class_category: a category without a rank");
                return -1;
            }
            const int lower = PyObject_RichCompareBool(rank, best_rank, Py_LT);
            if (lower <= 0) {
                if (lower < 0)
                    return -1;
                continue;
            }
        }
        *best = category;
    }
    return 0;
}

/* A (category, words, result) rule: `result` where best is `category` and a word meets `words`. */
static int
swap_rule(PyObject *rule, PyObject *words, PyObject **best)
{
    if (*best == NULL || PyUnicode_Compare(*best, PyTuple_GET_ITEM(rule, 0)) != 0)
        return PyErr_Occurred() ? -1 : 0;
    const int met = meets(PyTuple_GET_ITEM(rule, 1), words);
    if (met > 0)
        *best = PyTuple_GET_ITEM(rule, 2);
    return met < 0 ? -1 : met;
}

static int
check_tables(PyObject *tables)
{
    if (!PyTuple_Check(tables) || PyTuple_GET_SIZE(tables) != CLASS_TABLES)
        goto bad;
    PyObject *const *t = &PyTuple_GET_ITEM(tables, 0);
    if (!PyDict_Check(t[T_WORDS]) || !PyAnySet_Check(t[T_VOCABULARY]) || !PyDict_Check(t[T_RANKS]) ||
        !PyAnySet_Check(t[T_PLACES]) || !PyDict_Check(t[T_VOIDS]) || !PyAnySet_Check(t[T_STATES]) ||
        !PyTuple_Check(t[T_PREFIXES]) || !PyAnySet_Check(t[T_NONE_VOID]) || !PyLong_Check(t[T_HASH_CHARS]) ||
        !PyFloat_Check(t[T_HASH_PART]) || !PyLong_Check(t[T_HASH_PARTS]))
        goto bad;
    for (Py_ssize_t k = 0; k < PyTuple_GET_SIZE(t[T_PREFIXES]); k++)
        if (!PyUnicode_Check(PyTuple_GET_ITEM(t[T_PREFIXES], k)))
            goto bad;
    for (int r = T_MAIL; r <= T_MENU; r++)
        if (!PyTuple_Check(t[r]) || PyTuple_GET_SIZE(t[r]) != 3 || !PyUnicode_Check(PyTuple_GET_ITEM(t[r], 0)) ||
            !PyAnySet_Check(PyTuple_GET_ITEM(t[r], 1)))
            goto bad;
    return 0;
bad:
    PyErr_SetString(PyExc_TypeError, "class_category: tables must be chrome.class_tables()");
    return -1;
}

/* class_category(names, tables): the category an ASCII class/id string names, or None. */
static PyObject *
native_class_category(PyObject *module, PyObject *const *args, Py_ssize_t nargs)
{
    (void)module;
    if (nargs != 2 || !PyUnicode_Check(args[0])) {
        PyErr_SetString(PyExc_TypeError, "class_category(names, tables): names a str");
        return NULL;
    }
    if (check_tables(args[1]) < 0)
        return NULL;
    if (!PyUnicode_IS_ASCII(args[0])) {
        PyErr_SetString(PyExc_ValueError, "class_category: names must be ASCII");
        return NULL;
    }
    PyObject *const *tables = &PyTuple_GET_ITEM(args[1], 0);
    const unsigned char *text = PyUnicode_1BYTE_DATA(args[0]);
    const Py_ssize_t n = PyUnicode_GET_LENGTH(args[0]);
    const int known = any_known_part(text, n, tables[T_VOCABULARY]);
    if (known <= 0)
        return known < 0 ? NULL : Py_NewRef(Py_None);
    PyObject *words = PyList_New(0); /* every kept token's words: the swap rules read them */
    if (words == NULL)
        return NULL;
    PyObject *best = NULL, *place = NULL; /* borrowed from the tables */
    for (Py_ssize_t at = 0; at < n;) {
        while (at < n && Py_UNICODE_ISSPACE(text[at]))
            at++;
        Py_ssize_t end = at;
        while (end < n && !Py_UNICODE_ISSPACE(text[end]))
            end++;
        if (end == at)
            break;
        const Py_ssize_t start = at;
        at = end;
        if (has_prefix(tables[T_PREFIXES], text, start, end))
            continue;
        PyObject *parts = token_words(tables, text, start, end);
        if (parts == NULL)
            goto failed;
        int state = 1;
        if (PyList_GET_SIZE(parts) > 0)
            state = PySet_Contains(tables[T_STATES], PyList_GET_ITEM(parts, 0));
        if (state == 0 && (PyList_SetSlice(words, PyList_GET_SIZE(words), PyList_GET_SIZE(words), parts) < 0 ||
                           weigh_token(tables, parts, &best, &place) < 0))
            state = -1;
        Py_DECREF(parts);
        if (state < 0)
            goto failed;
    }
    if (swap_rule(tables[T_MAIL], words, &best) < 0)
        goto failed;
    if (best == PyTuple_GET_ITEM(tables[T_MAIL], 2)) {
        Py_DECREF(words);
        return Py_NewRef(best);
    }
    if (swap_rule(tables[T_MENU], words, &best) < 0)
        goto failed;
    Py_DECREF(words);
    PyObject *found = best != NULL ? best : place;
    return Py_NewRef(found != NULL ? found : Py_None);
failed:
    Py_DECREF(words);
    return NULL;
}

PyMethodDef chrome_names_methods[] = {
    {"class_category", (PyCFunction)(void (*)(void))native_class_category, METH_FASTCALL,
     "class_category(names, tables): the chrome category an ASCII class/id string names, or None."},
    {NULL, NULL, 0, NULL},
};
