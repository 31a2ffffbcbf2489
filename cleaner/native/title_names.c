/*
 * title_names.c: the headline's and the site's own-name tests on one line, compiled
 * (title.py looks_like_title and off_slug's line words, own_name.py name_length). Page by
 * page each ran once a page, cold, in Python; here an ASCII line (most lines asked) is read
 * in one pass. A line these cannot read (past ASCII where accents would be folded) answers
 * False, and the caller asks the Python original, kept as the reference.
 */
#include "_compiled.h"

#define TITLE_MIN_WORDS 2     /* title.TITLE_MIN_WORDS */
#define TITLE_MAX_WORDS 18    /* title.TITLE_MAX_WORDS */
#define TITLE_MAX_CHARS 220   /* title.TITLE_MAX_CHARS */
#define SENTENCE_LOWER_RUN 4  /* title._SENTENCE_BREAK: [a-z]{4,}\. [A-Z] */
#define LATIN_WORD_MIN 2      /* title._LATIN_WORD: [a-z]{2,} */
#define SLUG_LINE_MIN_WORDS 3 /* title.SLUG_LINE_MIN_WORDS */
#define SLUG_SHARED_MIN_LETTERS 4 /* title.SLUG_SHARED_MIN_LETTERS */
#define SITE_NAME_MAX_WORDS 4 /* own_name.SITE_NAME_MAX_WORDS */
#define KELVIN_SIGN 0x212A    /* the one character past ASCII that str.lower() makes ASCII */

static inline int is_lower(char c) { return c >= 'a' && c <= 'z'; }
static inline int is_upper(char c) { return c >= 'A' && c <= 'Z'; }
static inline char lowered(char c) { return (char)(is_upper(c) ? c + ('a' - 'A') : c); }

/* White space as str.split() sees it in ASCII. */
static inline int
is_ascii_space(char c)
{
    return c == ' ' || (c >= '\t' && c <= '\r') || (c >= 0x1C && c <= 0x1F);
}

/* Whether `text[0:size]` holds `word` (lower case) in any case. */
static int
holds_folded(const char *text, Py_ssize_t size, const char *word)
{
    const Py_ssize_t length = (Py_ssize_t)strlen(word);
    for (Py_ssize_t at = 0; at + length <= size; at++) {
        Py_ssize_t k = 0;
        while (k < length && lowered(text[at + k]) == word[k])
            k++;
        if (k == length)
            return 1;
    }
    return 0;
}

/* title_shape(text): title.looks_like_title for an ASCII line (True or False); None for
 * another line (the caller asks the original). */
static PyObject *
native_title_shape(PyObject *module, PyObject *text)
{
    (void)module;
    if (!PyUnicode_Check(text)) {
        PyErr_SetString(PyExc_TypeError, "title_shape: text must be a str");
        return NULL;
    }
    if (!PyUnicode_IS_ASCII(text))
        Py_RETURN_NONE;
    const char *data = (const char *)PyUnicode_DATA(text);
    const Py_ssize_t size = PyUnicode_GET_LENGTH(text);
    if (size > TITLE_MAX_CHARS)
        Py_RETURN_FALSE;
    Py_ssize_t end = size; /* _CLOSING_QUOTES' ASCII ones stripped */
    while (end > 0 && (data[end - 1] == '"' || data[end - 1] == '\'' || data[end - 1] == ')'))
        end--;
    if (end == 0 || strchr(".:,;", data[end - 1]) != NULL)
        Py_RETURN_FALSE; /* "" is in _NOT_TITLE_END too */
    if ((size >= 4 && memcmp(data, "http", 4) == 0) || data[0] == '|' ||
        (size >= 2 && (data[0] == '-' || data[0] == '*') && data[1] == ' '))
        Py_RETURN_FALSE; /* _NOT_TITLE_START's ASCII ones */
    Py_ssize_t uppers = 0, lowers = 0, words = 0;
    int in_word = 0, breaks = 0;
    for (Py_ssize_t k = 0; k < size; k++) {
        const char c = data[k];
        uppers += is_upper(c);
        lowers += is_lower(c);
        const int space = is_ascii_space(c);
        words += !space && !in_word;
        in_word = !space;
        if (!breaks && c == '.' && k >= SENTENCE_LOWER_RUN && k + 2 < size && data[k + 1] == ' ' &&
            is_upper(data[k + 2])) {
            int run = 1;
            for (Py_ssize_t back = 1; back <= SENTENCE_LOWER_RUN; back++)
                run &= is_lower(data[k - back]);
            breaks = run;
        }
    }
    if (uppers > 0 && lowers == 0)
        Py_RETURN_FALSE; /* str.isupper() */
    const int shaped = words >= TITLE_MIN_WORDS && words <= TITLE_MAX_WORDS && !holds_folded(data, size, "www.") &&
                       !holds_folded(data, size, "http") && 2 * (uppers + lowers) >= size && !breaks;
    return PyBool_FromLong(shaped);
}

/* slug_line_words(text): title.slug_line_words_python for an ASCII line: None where it has
 * fewer than SLUG_LINE_MIN_WORDS Latin words (runs of two letters or more), else the list
 * of those of SLUG_SHARED_MIN_LETTERS letters or more in lower case; False for another line. */
static PyObject *
native_slug_line_words(PyObject *module, PyObject *text)
{
    (void)module;
    if (!PyUnicode_Check(text)) {
        PyErr_SetString(PyExc_TypeError, "slug_line_words: text must be a str");
        return NULL;
    }
    if (!PyUnicode_IS_ASCII(text))
        Py_RETURN_FALSE;
    const char *data = (const char *)PyUnicode_DATA(text);
    const Py_ssize_t size = PyUnicode_GET_LENGTH(text);
    Py_ssize_t words = 0;
    for (Py_ssize_t k = 0; k < size;) {
        Py_ssize_t run = 0;
        while (k < size && (is_lower(data[k]) || is_upper(data[k]))) {
            run++;
            k++;
        }
        words += run >= LATIN_WORD_MIN;
        k += run == 0;
    }
    if (words < SLUG_LINE_MIN_WORDS)
        Py_RETURN_NONE;
    PyObject *out = PyList_New(0);
    if (out == NULL)
        return NULL;
    for (Py_ssize_t k = 0; k < size;) {
        const Py_ssize_t start = k;
        while (k < size && (is_lower(data[k]) || is_upper(data[k])))
            k++;
        if (k == start) {
            k++;
            continue;
        }
        if (k - start < SLUG_SHARED_MIN_LETTERS)
            continue;
        PyObject *word = PyUnicode_New(k - start, 127);
        if (word == NULL) {
            Py_DECREF(out);
            return NULL;
        }
        char *into = (char *)PyUnicode_DATA(word);
        for (Py_ssize_t i = start; i < k; i++)
            into[i - start] = lowered(data[i]);
        const int failed = PyList_Append(out, word) < 0;
        Py_DECREF(word);
        if (failed) {
            Py_DECREF(out);
            return NULL;
        }
    }
    return out;
}

/* name_length(text, name, marks): own_name.name_length_python where the line's words it
 * reads are ASCII: where the site's `name` (lower-case letters and digits) ends in `text`
 * when the line opens with it (its first words to SITE_NAME_MAX_WORDS, each lower-cased
 * without its other characters, joined), else 0; False where a word it reads is past ASCII.
 * `marks` are own_name._OPENING_MARKS, passed over before the first letter's test. */
static PyObject *
native_name_length(PyObject *module, PyObject *const *args, Py_ssize_t nargs)
{
    (void)module;
    if (nargs != 3 || !PyUnicode_Check(args[0]) || !PyUnicode_Check(args[1]) || !PyUnicode_Check(args[2])) {
        PyErr_SetString(PyExc_TypeError, "name_length(text, name, marks) takes 3 str");
        return NULL;
    }
    PyObject *text = args[0], *name = args[1], *marks = args[2];
    if (!PyUnicode_IS_ASCII(name) || PyUnicode_GET_LENGTH(name) == 0) {
        PyErr_SetString(PyExc_ValueError, "name_length: name must be ASCII and not empty");
        return NULL;
    }
    const char *want = (const char *)PyUnicode_DATA(name);
    const Py_ssize_t want_size = PyUnicode_GET_LENGTH(name);
    const int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    const Py_ssize_t size = PyUnicode_GET_LENGTH(text);
    Py_ssize_t k = 0;
    while (k < size && PyUnicode_FindChar(marks, PyUnicode_READ(kind, data, k), 0, PyUnicode_GET_LENGTH(marks), 1) >= 0)
        k++;
    if (k == size)
        return PyLong_FromLong(0); /* "" is ASCII and no initial */
    Py_UCS4 first = PyUnicode_READ(kind, data, k);
    if (first == KELVIN_SIGN)
        first = 'k';
    if (first < 128 && (Py_UCS4)lowered((char)first) != (Py_UCS4)want[0])
        return PyLong_FromLong(0);
    Py_ssize_t matched = 0; /* how much of the name the words so far spell */
    int count = 0;
    for (k = 0; k < size;) {
        while (k < size && Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, k)))
            k++;
        if (k == size)
            break;
        count++;
        int spelled = 1;
        for (; k < size; k++) {
            const Py_UCS4 c = PyUnicode_READ(kind, data, k);
            if (Py_UNICODE_ISSPACE(c))
                break;
            if (c >= 128)
                Py_RETURN_FALSE; /* accents folded by the original */
            const char folded = lowered((char)c);
            if (!(is_lower(folded) || (folded >= '0' && folded <= '9')))
                continue;
            if (matched < want_size && spelled && want[matched] == folded)
                matched++;
            else
                spelled = 0;
        }
        if (!spelled)
            return PyLong_FromLong(0); /* the name no longer starts the joined words */
        if (matched == want_size)
            return PyLong_FromSsize_t(k);
        if (count >= SITE_NAME_MAX_WORDS)
            return PyLong_FromLong(0);
    }
    return PyLong_FromLong(0);
}

PyMethodDef title_name_methods[] = {
    {"title_shape", (PyCFunction)native_title_shape, METH_O,
     "title_shape(text): title.looks_like_title for an ASCII line; None for another."},
    {"slug_line_words", (PyCFunction)native_slug_line_words, METH_O,
     "slug_line_words(text): title.slug_line_words_python for an ASCII line; False for another."},
    {"name_length", (PyCFunction)(void (*)(void))native_name_length, METH_FASTCALL,
     "name_length(text, name, marks): own_name.name_length_python; False past ASCII."},
    {NULL, NULL, 0, NULL},
};
