/* raw_layout: the compiled twin of layout.layout_columns for one page (docs/design.md
 * section 7), part of cleaner.native._compiled.
 *
 * layout_columns makes its 21 columns with some sixty numpy calls, whose fixed cost
 * outweighs the work on a raw dump of a few hundred lines; here one pass or a few over
 * the page's arrays make them all. Every value is the one numpy gives: the sums are of
 * whole numbers (exact in any order), the quotients and products the same IEEE operations
 * on the same operands. The three columns numpy takes a log1p of (block_before,
 * block_after, run_lines) come back as the counts, for numpy's own log1p (its SIMD log1p
 * differs from the C library's in the last bit). The list markers ("1.", "12)") are read
 * from the lines' text, as layout.list_markers reads them.
 */
#include "_compiled.h"
#include <math.h>
#include <stdint.h>
#include <string.h>

/* layout.py's constants. */
#define SHORT_LINE_COST 50
#define SHAPE_RADIUS 5
#define TITLE_HEAD_LINES 15
#define TITLE_MIN_WORDS 3
#define REPEAT_MIN 3
#define MARK_RADIUS 2
#define DATE_DIGIT_SHARE 0.15
#define DATE_MAX_WORDS 7
#define REPEAT_LINE_COST 300
static const long long SHAPE_WORD_BOUNDS[] = {2, 4, 8, 12, 25};
#define SHAPE_BOUND_COUNT 5

/* The rows, in layout.LAYOUT order. */
enum {
    R_BLOCK_IN,
    R_BLOCK_BEFORE, /* a count: numpy takes its log1p */
    R_BLOCK_AFTER,  /* a count: numpy takes its log1p */
    R_CHARS_BEFORE,
    R_CHARS_AFTER,
    R_RUN_LINES, /* a count (0 on long lines): numpy takes its log1p */
    R_RUN_TERMINAL,
    R_RUN_TITLE,
    R_RUN_MARKER,
    R_RUN_MARKER_IN_BLOCK,
    R_SHORT_IN_BLOCK,
    R_SAME_SHAPE,
    R_REPEAT_FIRST,
    R_TITLE_REPEAT,
    R_PHRASE_ABOVE,
    R_PHRASE_BELOW,
    R_LONG_OUTSIDE_BLOCK,
    R_REPEAT_NEAR,
    R_DATE_NEAR,
    R_BLOCK_POS,
    R_CORE_IN,
    ROWS
};

/* The page's arrays (views of the caller's buffers, all n long). */
struct page {
    Py_ssize_t n;
    const long long *lengths, *words, *first_seen, *counts;
    const double *long_, *terminal, *title, *markers, *phrase, *digits; /* digits may be NULL */
};

/* A C-contiguous buffer of n int64 ('i') or float64 ('d') in *view, or an error. */
static int
get_array(PyObject *obj, char kind, Py_ssize_t n, const char *name, Py_buffer *view)
{
    if (PyObject_GetBuffer(obj, view, PyBUF_C_CONTIGUOUS | PyBUF_FORMAT) < 0)
        return -1;
    const char *format = view->format ? view->format : "B";
    if (format[0] == '@' || format[0] == '=')
        format++;
    int ok = view->itemsize == 8 && format[1] == '\0' &&
             (kind == 'd' ? format[0] == 'd' : (format[0] == 'q' || format[0] == 'l'));
    if (!ok || view->len != n * 8) {
        PyBuffer_Release(view);
        PyErr_Format(PyExc_TypeError, "raw_layout: %s must be %zd %s", name, n,
                     kind == 'd' ? "float64" : "int64");
        return -1;
    }
    return 0;
}

/* The lines of a page whose first array (of 8-byte items) is `first`, for `rows` rows of
 * output; -1 (an error set) when it is no buffer, empty or too long. */
static Py_ssize_t
page_length(PyObject *first, Py_ssize_t rows)
{
    Py_buffer probe;
    if (PyObject_GetBuffer(first, &probe, PyBUF_C_CONTIGUOUS) < 0)
        return -1;
    const Py_ssize_t n = probe.len / 8;
    PyBuffer_Release(&probe);
    if (n <= 0 || n > PY_SSIZE_T_MAX / (rows * 8)) {
        PyErr_SetString(PyExc_ValueError, "a page of at least one line");
        return -1;
    }
    return n;
}

/* layout.main_block: the first and last line of the stretch whose gains (a long line's
 * characters, -cost for another line, less `extra` per marked line) sum highest, the
 * latest start at the lowest prefix sum; (n, -1) without a long line. */
static void
main_block(const struct page *p, const char *marked, long long extra, Py_ssize_t *first, Py_ssize_t *last)
{
    const Py_ssize_t n = p->n;
    int any_long = 0;
    for (Py_ssize_t i = 0; i < n && !any_long; i++)
        any_long = p->long_[i] != 0.0;
    if (!any_long) {
        *first = n;
        *last = -1;
        return;
    }
    long long prefix = 0, lowest = 0, best = 0;
    Py_ssize_t best_at = -1;
    for (Py_ssize_t i = 0; i < n; i++) { /* lowest: min of the prefix sums before line i's end */
        if (prefix < lowest)
            lowest = prefix;
        long long gain = p->long_[i] > 0 ? p->lengths[i] : -SHORT_LINE_COST;
        if (marked != NULL && marked[i])
            gain -= extra;
        prefix += gain;
        if (best_at < 0 || prefix - lowest > best) {
            best = prefix - lowest;
            best_at = i;
        }
    }
    /* the latest j <= best_at whose prefix sum (before line j) is the lowest */
    long long sum = 0, low = 0;
    Py_ssize_t low_at = 0;
    for (Py_ssize_t j = 0; j <= best_at; j++) {
        if (sum <= low) {
            low = sum;
            low_at = j;
        }
        long long gain = p->long_[j] > 0 ? p->lengths[j] : -SHORT_LINE_COST;
        if (marked != NULL && marked[j])
            gain -= extra;
        sum += gain;
    }
    *first = low_at;
    *last = best_at;
}

/* window_sizes: the other lines within `radius` of line i. */
static double
window_size(Py_ssize_t n, Py_ssize_t i, Py_ssize_t radius)
{
    Py_ssize_t before = i < radius ? i : radius, after = n - 1 - i < radius ? n - 1 - i : radius;
    return (double)(before + after);
}

/* The shape bucket of line i (layout.shape_buckets). */
static int
shape_of(const struct page *p, Py_ssize_t i)
{
    int bucket = 0;
    for (int k = 0; k < SHAPE_BOUND_COUNT; k++)
        bucket += SHAPE_WORD_BOUNDS[k] <= p->words[i];
    return bucket * 2 + (p->terminal[i] > 0);
}

/* Fills the ROWS x n rows of `out` (zeroed); -1 on no memory. */
static int
fill_layout(const struct page *p, double *out)
{
    const Py_ssize_t n = p->n;
#define AT(row, i) out[(Py_ssize_t)(row) * n + (i)]
    char *marked = PyMem_Calloc((size_t)n, 3);
    long long *ends = PyMem_Malloc((size_t)n * sizeof(long long));
    Py_ssize_t *run_of = PyMem_Malloc((size_t)n * sizeof(Py_ssize_t));
    double *sums = PyMem_Calloc((size_t)n * 4, sizeof(double)); /* per run: size, terminal, title, marker */
    if (marked == NULL || ends == NULL || run_of == NULL || sums == NULL) {
        PyMem_Free(marked), PyMem_Free(ends), PyMem_Free(run_of), PyMem_Free(sums);
        PyErr_NoMemory();
        return -1;
    }
    char *dated = marked + n, *shapes = marked + 2 * n;
    Py_ssize_t first, last;
    main_block(p, NULL, 0, &first, &last);
    long long total_chars = 0;
    for (Py_ssize_t i = 0; i < n; i++) {
        total_chars += p->lengths[i];
        ends[i] = total_chars;
    }
    const double total = (double)ends[n - 1] != 0.0 ? (double)ends[n - 1] : 1.0;
    const double block_start = last >= 0 ? (double)(ends[first] - p->lengths[first]) : 0.0;
    Py_ssize_t run = 0;
    for (Py_ssize_t i = 0; i < n; i++) {
        if (i > 0 && p->long_[i] != p->long_[i - 1])
            run++;
        run_of[i] = run;
        double *s = sums + 4 * run;
        s[0] += 1.0;
        s[1] += p->terminal[i];
        s[2] += p->title[i];
        s[3] += p->markers[i];
        marked[i] = p->counts[i] >= REPEAT_MIN && p->long_[i] == 0.0;
        dated[i] = p->digits != NULL && p->digits[i] >= DATE_DIGIT_SHARE && p->words[i] <= DATE_MAX_WORDS;
        shapes[i] = (char)shape_of(p, i);
    }
    Py_ssize_t head = -1;
    for (Py_ssize_t i = 0; i < n && i < TITLE_HEAD_LINES && head < 0; i++) {
        if (p->counts[i] > 1 && p->words[i] >= TITLE_MIN_WORDS)
            head = i;
    }
    int core_differs = 0;
    for (Py_ssize_t i = first; last >= 0 && i <= last && !core_differs; i++)
        core_differs = marked[i];
    Py_ssize_t core_first = first, core_last = last;
    if (core_differs)
        main_block(p, marked, REPEAT_LINE_COST, &core_first, &core_last);
    Py_ssize_t above_at = -1; /* the latest phrase line above line i */
    for (Py_ssize_t i = 0; i < n; i++) {
        const double *s = sums + 4 * run_of[i];
        const double in_block = (i >= first && i <= last) ? 1.0 : 0.0;
        const double short_ = 1.0 - p->long_[i];
        AT(R_BLOCK_IN, i) = in_block;
        if (last >= 0) {
            AT(R_BLOCK_BEFORE, i) = (double)(first - i > 0 ? first - i : 0);
            AT(R_BLOCK_AFTER, i) = (double)(i - last > 0 ? i - last : 0);
            double before = block_start - (double)ends[i], after = (double)(ends[i] - p->lengths[i]) - (double)ends[last];
            AT(R_CHARS_BEFORE, i) = (before > 0.0 ? before : 0.0) / total;
            AT(R_CHARS_AFTER, i) = (after > 0.0 ? after : 0.0) / total;
            if (in_block != 0.0)
                AT(R_BLOCK_POS, i) = ((double)ends[i] - block_start) / ((double)ends[last] - block_start);
        }
        AT(R_RUN_LINES, i) = short_ != 0.0 ? s[0] : 0.0;
        const double run_marker = s[3] / s[0];
        AT(R_RUN_TERMINAL, i) = s[1] / s[0];
        AT(R_RUN_TITLE, i) = s[2] / s[0];
        AT(R_RUN_MARKER, i) = run_marker;
        AT(R_RUN_MARKER_IN_BLOCK, i) = run_marker * in_block * short_;
        AT(R_SHORT_IN_BLOCK, i) = short_ * in_block;
        if (n >= 2) {
            Py_ssize_t same = 0, repeats = 0, dates = 0;
            for (Py_ssize_t j = i - SHAPE_RADIUS; j <= i + SHAPE_RADIUS; j++) {
                if (j >= 0 && j < n && j != i)
                    same += shapes[j] == shapes[i];
            }
            for (Py_ssize_t j = i - MARK_RADIUS; j <= i + MARK_RADIUS; j++) {
                if (j >= 0 && j < n && j != i)
                    repeats += marked[j], dates += dated[j];
            }
            AT(R_SAME_SHAPE, i) = (double)same / window_size(n, i, SHAPE_RADIUS);
            AT(R_REPEAT_NEAR, i) = (double)repeats / window_size(n, i, MARK_RADIUS);
            AT(R_DATE_NEAR, i) = (double)dates / window_size(n, i, MARK_RADIUS);
        }
        AT(R_REPEAT_FIRST, i) = (p->counts[i] > 1 && p->first_seen[i] == i) ? 1.0 : 0.0;
        AT(R_TITLE_REPEAT, i) = (head >= 0 && p->first_seen[i] == p->first_seen[head]) ? 1.0 : 0.0;
        AT(R_PHRASE_ABOVE, i) = above_at >= 0 ? 1.0 / (1.0 + (double)(i - above_at)) : 0.0;
        if (p->phrase[i] > 0)
            above_at = i;
        AT(R_LONG_OUTSIDE_BLOCK, i) = p->long_[i] * (1.0 - in_block);
        AT(R_CORE_IN, i) = (i >= core_first && i <= core_last) ? 1.0 : 0.0;
    }
    Py_ssize_t below_at = -1; /* the nearest phrase line below line i */
    for (Py_ssize_t i = n - 1; i >= 0; i--) {
        AT(R_PHRASE_BELOW, i) = below_at >= 0 ? 1.0 / (1.0 + (double)(below_at - i)) : 0.0;
        if (p->phrase[i] > 0)
            below_at = i;
    }
#undef AT
    PyMem_Free(marked), PyMem_Free(ends), PyMem_Free(run_of), PyMem_Free(sums);
    return 0;
}

/* 1.0 where layout.list_markers finds a list marker: the line opens with an ASCII digit
 * and then "." or ")", or a digit (str.isdigit) and then "." or ")". */
static double
list_marker(PyObject *text)
{
    const Py_ssize_t size = PyUnicode_GET_LENGTH(text);
    if (size < 2)
        return 0.0;
    const Py_UCS4 open = PyUnicode_READ_CHAR(text, 0), second = PyUnicode_READ_CHAR(text, 1);
    if (open < '0' || open > '9')
        return 0.0;
    if (second == '.' || second == ')')
        return 1.0;
    if (size < 3 || !Py_UNICODE_ISDIGIT(second))
        return 0.0;
    const Py_UCS4 third = PyUnicode_READ_CHAR(text, 2);
    return (third == '.' || third == ')') ? 1.0 : 0.0;
}

/* Per line, np.maximum(list_markers(texts), bullet) into `markers`; -1 with an error. */
static int
read_markers(PyObject *texts, const double *bullet, Py_ssize_t n, double *markers)
{
    if (!PyList_CheckExact(texts) || PyList_GET_SIZE(texts) != n) {
        PyErr_SetString(PyExc_TypeError, "raw_layout: texts must be a list of str, one per line");
        return -1;
    }
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *text = PyList_GET_ITEM(texts, i);
        if (!PyUnicode_CheckExact(text)) {
            PyErr_SetString(PyExc_TypeError, "raw_layout: texts must be a list of str, one per line");
            return -1;
        }
        const double numbered = list_marker(text), b = bullet[i];
        markers[i] = b != b ? b : (numbered >= b ? numbered : b); /* np.maximum: a NaN wins */
    }
    return 0;
}

/* raw_layout(lengths, words, long, terminal, title_case, bullet, first_seen, counts,
 * phrase_line, digits, texts): layout.layout_columns of one page of n > 0 lines (texts:
 * the lines, a list of str; digits may be None), as a bytearray of
 * LAYOUT x n float64, row by row; block_before, block_after and run_lines hold counts. */
static PyObject *
native_raw_layout(PyObject *module, PyObject *const *args, Py_ssize_t nargs)
{
    (void)module;
    if (nargs != 11) {
        PyErr_SetString(PyExc_TypeError, "raw_layout(lengths, words, long, terminal, title_case, bullet, "
                                         "first_seen, counts, phrase_line, digits, texts)");
        return NULL;
    }
    static const char kinds[] = "iiddddiidd";
    static const char *const names[] = {"lengths", "words",      "long",   "terminal",    "title_case",
                                        "bullet",  "first_seen", "counts", "phrase_line", "digits"};
    Py_buffer views[10];
    int held = 0;
    PyObject *result = NULL;
    double *markers = NULL;
    Py_ssize_t n = -1;
    for (; held < 10; held++) {
        if (held == 9 && args[9] == Py_None)
            break;
        if (n < 0 && (n = page_length(args[0], ROWS)) < 0) /* the first array sets the page's length */
            goto done;
        if (get_array(args[held], kinds[held], n, names[held], &views[held]) < 0)
            goto done;
    }
    struct page p = {
        n,
        views[0].buf,
        views[1].buf,
        views[6].buf,
        views[7].buf,
        views[2].buf,
        views[3].buf,
        views[4].buf,
        NULL, /* the markers, read below */
        views[8].buf,
        held == 10 ? views[9].buf : NULL,
    };
    markers = PyMem_Malloc((size_t)n * sizeof(double));
    if (markers == NULL) {
        PyErr_NoMemory();
        goto done;
    }
    if (read_markers(args[10], views[5].buf, n, markers) < 0)
        goto done;
    p.markers = markers;
    result = PyByteArray_FromStringAndSize(NULL, (Py_ssize_t)ROWS * n * 8);
    if (result == NULL)
        goto done;
    double *out = (double *)PyByteArray_AS_STRING(result);
    memset(out, 0, (size_t)ROWS * (size_t)n * sizeof(double));
    if (fill_layout(&p, out) < 0)
        Py_CLEAR(result);
done:
    PyMem_Free(markers);
    for (int k = 0; k < held; k++)
        PyBuffer_Release(&views[k]);
    return result;
}

/* features.stage1_line_columns' per-line rows, in this order (LINE_ROWS of them). */
enum {
    L_LEN_LOG,   /* a count: numpy takes its log1p */
    L_WORDS_LOG, /* a count: numpy takes its log1p */
    L_LEN_REL,
    L_TERMINAL,
    L_COLON,
    L_FEW_WORDS,
    L_LONG,
    L_UPPER,
    L_DUP,
    L_BULLET,
    L_PREV_LONG,
    L_NEXT_LONG,
    L_CENTRE_DIST,
    L_INSIDE_SPAN,
    L_BEFORE_SPAN,
    L_MASS_POS,
    L_MASS_EDGE,
    L_FIRST_LINE,
    L_LAST_LINES,
    LINE_ROWS
};
#define LONG_WORDS 12 /* features.LONG_WORDS, FEW_WORDS */
#define FEW_WORDS 3
#define TAIL_LINES 3   /* the last lines the last_lines column marks */
#define COLON 58       /* ":" */
#define EDGE_SET_MAX 64 /* characters of a set of line-edge characters */

/* Whether `c` is one of the `size` characters of `set`. */
static int
in_set(const Py_UCS4 *set, Py_ssize_t size, Py_UCS4 c)
{
    for (Py_ssize_t k = 0; k < size; k++) {
        if (set[k] == c)
            return 1;
    }
    return 0;
}

/* A str of at most EDGE_SET_MAX characters as code points in `set`; its size, or -1. */
static Py_ssize_t
edge_set(PyObject *text, Py_UCS4 *set)
{
    if (!PyUnicode_CheckExact(text) || PyUnicode_GET_LENGTH(text) > EDGE_SET_MAX) {
        PyErr_SetString(PyExc_TypeError, "raw_lines: terminal and bullets must be str of at most 64 characters");
        return -1;
    }
    for (Py_ssize_t k = 0; k < PyUnicode_GET_LENGTH(text); k++)
        set[k] = PyUnicode_READ_CHAR(text, k);
    return PyUnicode_GET_LENGTH(text);
}

/* A C-contiguous buffer of n items of `size` bytes in *view, or an error. */
static int
get_items(PyObject *obj, Py_ssize_t size, Py_ssize_t n, const char *name, Py_buffer *view)
{
    if (PyObject_GetBuffer(obj, view, PyBUF_C_CONTIGUOUS) < 0)
        return -1;
    if (view->len != n * size) {
        PyBuffer_Release(view);
        PyErr_Format(PyExc_TypeError, "raw_lines: %s must hold %zd items of %zd bytes", name, n, size);
        return -1;
    }
    return 0;
}

/* The rows of features.stage1_line_columns that are arithmetic on the lines' shapes. */
static void
fill_lines(Py_ssize_t n, const long long *lengths, const long long *words, const uint32_t *firsts,
           const uint32_t *lasts, const unsigned char *titles, const long long *counts, const Py_UCS4 *terminal,
           Py_ssize_t terminal_size, const Py_UCS4 *bullets, Py_ssize_t bullet_size, double *out,
           long long *long_count, long long *few_count)
{
#define AT(row, i) out[(Py_ssize_t)(row) * n + (i)]
    long long longest = 0, centre_sum = 0, mass_sum = 0, longs = 0, fews = 0;
    Py_ssize_t first = n, last = -1;
    for (Py_ssize_t i = 0; i < n; i++) {
        const int long_ = words[i] >= LONG_WORDS;
        if (lengths[i] > longest || i == 0)
            longest = lengths[i];
        if (long_) {
            if (first == n)
                first = i;
            last = i;
            centre_sum += (long long)i * lengths[i];
            mass_sum += lengths[i];
            longs++;
        }
        fews += words[i] <= FEW_WORDS;
        AT(L_LEN_LOG, i) = (double)lengths[i];
        AT(L_WORDS_LOG, i) = (double)words[i];
        AT(L_TERMINAL, i) = in_set(terminal, terminal_size, lasts[i]) ? 1.0 : 0.0;
        AT(L_COLON, i) = lasts[i] == COLON ? 1.0 : 0.0;
        AT(L_FEW_WORDS, i) = words[i] <= FEW_WORDS ? 1.0 : 0.0;
        AT(L_LONG, i) = long_ ? 1.0 : 0.0;
        AT(L_UPPER, i) = titles[i] ? 1.0 : 0.0;
        AT(L_DUP, i) = counts[i] > 1 ? 1.0 : 0.0;
        AT(L_BULLET, i) = in_set(bullets, bullet_size, firsts[i]) ? 1.0 : 0.0;
    }
    const double total_mass = mass_sum != 0 ? (double)mass_sum : 1.0;
    const double centre = longs ? (double)centre_sum / total_mass : (double)n / 2.0;
    const double span = (double)(last - first > 1 ? last - first : 1);
    const double inv_n = 1.0 / (double)n;
    double running = 0.0;
    for (Py_ssize_t i = 0; i < n; i++) {
        const double mass = (double)lengths[i] * AT(L_LONG, i);
        AT(L_LEN_REL, i) = (double)lengths[i] / (double)longest;
        AT(L_PREV_LONG, i) = i > 0 ? AT(L_LONG, i - 1) : 0.0;
        AT(L_NEXT_LONG, i) = i + 1 < n ? AT(L_LONG, i + 1) : 0.0;
        AT(L_CENTRE_DIST, i) = fabs((double)i - centre) / span;
        AT(L_INSIDE_SPAN, i) = (i >= first && i <= last) ? 1.0 : 0.0;
        if (i < first) {
            const double step = (double)(first - i) * inv_n * 1.0;
            AT(L_BEFORE_SPAN, i) = step < 1.0 ? step : 1.0;
        }
        running += mass;
        const double pos = (running - mass / 2.0) / total_mass;
        AT(L_MASS_POS, i) = pos;
        AT(L_MASS_EDGE, i) = 1.0 - pos < pos ? 1.0 - pos : pos;
        AT(L_FIRST_LINE, i) = i == 0 ? 1.0 : 0.0;
        AT(L_LAST_LINES, i) = i >= n - (n < TAIL_LINES ? n : TAIL_LINES) ? 1.0 : 0.0;
    }
#undef AT
    *long_count = longs;
    *few_count = fews;
}

/* raw_lines(lengths, words, first_points, last_points, titles, counts, terminal, bullets):
 * the arithmetic rows of features.stage1_line_columns for one page of n > 0 lines
 * (lengths, words, counts: int64; first_points, last_points: uint32; titles: bool; terminal,
 * bullets: str of the characters of each set). Returns (a bytearray of LINE_ROWS x n
 * float64, row by row, len_log and words_log holding the counts; the long lines; the
 * lines of at most FEW_WORDS words). */
static PyObject *
native_raw_lines(PyObject *module, PyObject *const *args, Py_ssize_t nargs)
{
    (void)module;
    if (nargs != 8) {
        PyErr_SetString(PyExc_TypeError,
                        "raw_lines(lengths, words, first_points, last_points, titles, counts, terminal, bullets)");
        return NULL;
    }
    Py_UCS4 terminal[EDGE_SET_MAX], bullets[EDGE_SET_MAX];
    const Py_ssize_t terminal_size = edge_set(args[6], terminal);
    const Py_ssize_t bullet_size = terminal_size < 0 ? -1 : edge_set(args[7], bullets);
    if (bullet_size < 0)
        return NULL;
    static const Py_ssize_t sizes[] = {8, 8, 4, 4, 1, 8};
    static const char *const names[] = {"lengths", "words", "first_points", "last_points", "titles", "counts"};
    Py_buffer views[6];
    int held = 0;
    PyObject *rows = NULL, *result = NULL;
    const Py_ssize_t n = page_length(args[0], LINE_ROWS);
    if (n < 0)
        return NULL;
    for (; held < 6; held++) {
        if (held < 2) {
            if (get_array(args[held], 'i', n, names[held], &views[held]) < 0)
                goto done;
            continue;
        }
        if (held == 5 ? get_array(args[5], 'i', n, "counts", &views[5]) < 0
                      : get_items(args[held], sizes[held], n, names[held], &views[held]) < 0)
            goto done;
    }
    rows = PyByteArray_FromStringAndSize(NULL, (Py_ssize_t)LINE_ROWS * n * 8);
    if (rows == NULL)
        goto done;
    double *out = (double *)PyByteArray_AS_STRING(rows);
    memset(out, 0, (size_t)LINE_ROWS * (size_t)n * sizeof(double));
    long long long_count, few_count;
    fill_lines(n, views[0].buf, views[1].buf, views[2].buf, views[3].buf, views[4].buf, views[5].buf, terminal,
               terminal_size, bullets, bullet_size, out, &long_count, &few_count);
    result = Py_BuildValue("(OLL)", rows, long_count, few_count);
done:
    Py_XDECREF(rows);
    for (int k = 0; k < held; k++)
        PyBuffer_Release(&views[k]);
    return result;
}

/* window.window_mean of the n values `v` within `radius` lines into `out`: the difference
 * of two running sums made as np.cumsum makes them (left to right, the first sum the first
 * value), less the line's own value, over the lines in the window (all 0 when n < 2). */
static void
window_mean(const double *v, Py_ssize_t n, Py_ssize_t radius, double *prefix, double *out)
{
    if (n < 2) {
        memset(out, 0, (size_t)n * sizeof(double));
        return;
    }
    prefix[0] = 0.0; /* prefix[j]: the sum of the first j values */
    prefix[1] = v[0];
    for (Py_ssize_t j = 1; j < n; j++)
        prefix[j + 1] = prefix[j] + v[j];
    for (Py_ssize_t i = 0; i < n; i++) {
        const double upper = prefix[i + radius + 1 < n ? i + radius + 1 : n];
        const double lower = prefix[i - radius > 0 ? i - radius : 0];
        out[i] = (upper - lower - v[i]) / window_size(n, i, radius);
    }
}

#define RADIUS_MAX 1000000 /* a window wider than any page is refused */

/* window_means(pairs): for each (values, radius) of `pairs` (a tuple; values: n float64,
 * the same n for all; 0 <= radius <= RADIUS_MAX), windows.mean_within(values, radius), as
 * a bytearray of len(pairs) x n float64, row by row. */
static PyObject *
native_window_means(PyObject *module, PyObject *pairs)
{
    (void)module;
    if (!PyTuple_CheckExact(pairs) || PyTuple_GET_SIZE(pairs) == 0) {
        PyErr_SetString(PyExc_TypeError, "window_means: pairs must be a non-empty tuple of (values, radius)");
        return NULL;
    }
    const Py_ssize_t k = PyTuple_GET_SIZE(pairs);
    PyObject *result = NULL;
    double *prefix = NULL;
    Py_ssize_t n = -1;
    for (Py_ssize_t r = 0; r < k; r++) {
        PyObject *pair = PyTuple_GET_ITEM(pairs, r);
        if (!PyTuple_CheckExact(pair) || PyTuple_GET_SIZE(pair) != 2 || !PyLong_CheckExact(PyTuple_GET_ITEM(pair, 1))) {
            PyErr_SetString(PyExc_TypeError, "window_means: pairs must be a non-empty tuple of (values, radius)");
            goto fail;
        }
        const long radius = PyLong_AsLong(PyTuple_GET_ITEM(pair, 1));
        if (radius == -1 && PyErr_Occurred())
            goto fail;
        if (radius < 0 || radius > RADIUS_MAX) {
            PyErr_SetString(PyExc_ValueError, "window_means: a radius from 0 to 1,000,000");
            goto fail;
        }
        Py_buffer view;
        if (n < 0 && (n = page_length(PyTuple_GET_ITEM(pair, 0), k)) < 0)
            goto fail;
        if (get_array(PyTuple_GET_ITEM(pair, 0), 'd', n, "values", &view) < 0)
            goto fail;
        if (result == NULL) {
            result = PyByteArray_FromStringAndSize(NULL, k * n * 8);
            prefix = PyMem_Malloc((size_t)(n + 1) * sizeof(double));
            if (result == NULL || prefix == NULL) {
                PyBuffer_Release(&view);
                if (prefix == NULL)
                    PyErr_NoMemory();
                goto fail;
            }
        }
        window_mean(view.buf, n, radius, prefix, (double *)PyByteArray_AS_STRING(result) + r * n);
        PyBuffer_Release(&view);
    }
    PyMem_Free(prefix);
    return result;
fail:
    PyMem_Free(prefix);
    Py_XDECREF(result);
    return NULL;
}

/* features.stage2_columns' rows, in this order (after the line's own s1). */
enum {
    S_PREV,
    S_NEXT,
    S_NEAR,
    S_FAR,
    S_MAX_NEAR,
    S_MIN_NEAR,
    S_RUN_SHARE,
    S_IN_MAIN,
    S_BEFORE_MAIN,
    S_AFTER_MAIN,
    STAGE2_ROWS
};
#define NEAR 2 /* features.NEAR, FAR, RUN_GAP, RUN_KEEP */
#define FAR 5
#define RUN_GAP 2
#define RUN_KEEP 0.5
#define RAMP_SCALE 4 /* the before/after ramps reach 1.0 a quarter of the page away */

/* np.maximum and np.minimum of two floats: a NaN wins. */
static double
larger(double a, double b)
{
    return a != a ? a : (b != b ? b : (a >= b ? a : b));
}

static double
smaller(double a, double b)
{
    return a != a ? a : (b != b ? b : (a <= b ? a : b));
}

/* Python's sum() of `count` floats, as features._run_columns adds a run's len_log (the
 * builtin itself: how it adds floats depends on the Python version); -1.0 with an error. */
static int
python_sum(PyObject *sum, const double *values, const Py_ssize_t *at, Py_ssize_t count, double *found)
{
    PyObject *items = PyList_New(count);
    if (items == NULL)
        return -1;
    for (Py_ssize_t k = 0; k < count; k++) {
        PyObject *item = PyFloat_FromDouble(values[at[k]]);
        if (item == NULL) {
            Py_DECREF(items);
            return -1;
        }
        PyList_SET_ITEM(items, k, item);
    }
    PyObject *total = PyObject_CallOneArg(sum, items);
    Py_DECREF(items);
    if (total == NULL)
        return -1;
    *found = PyFloat_AsDouble(total);
    Py_DECREF(total);
    return *found == -1.0 && PyErr_Occurred() ? -1 : 0;
}

/* _run_columns' rows: runs of kept lines (s1 >= RUN_KEEP, bridging RUN_GAP lines), each
 * run's len_log summed by Python's sum(), its share of the largest run; -1 on an error. */
static int
run_rows(const double *s1, const double *len_log, Py_ssize_t n, Py_ssize_t *kept, double *out)
{
#define AT(row, i) out[(Py_ssize_t)(row) * n + (i)]
    Py_ssize_t kept_count = 0;
    for (Py_ssize_t i = 0; i < n; i++) {
        if (s1[i] >= RUN_KEEP)
            kept[kept_count++] = i;
    }
    if (kept_count == 0)
        return 0;
    PyObject *sum = PyDict_GetItemString(PyEval_GetBuiltins(), "sum"); /* borrowed */
    if (sum == NULL) {
        PyErr_SetString(PyExc_RuntimeError, "raw_stage2: no builtin sum");
        return -1;
    }
    Py_ssize_t runs = 1;
    for (Py_ssize_t k = 1; k < kept_count; k++)
        runs += kept[k] - kept[k - 1] > RUN_GAP + 1;
    Py_ssize_t *bounds = PyMem_Malloc((size_t)(runs + 1) * sizeof(Py_ssize_t));
    double *sizes = PyMem_Malloc((size_t)runs * sizeof(double));
    if (bounds == NULL || sizes == NULL) {
        PyMem_Free(bounds), PyMem_Free(sizes);
        PyErr_NoMemory();
        return -1;
    }
    Py_ssize_t r = 0;
    bounds[r++] = 0;
    for (Py_ssize_t k = 1; k < kept_count; k++) {
        if (kept[k] - kept[k - 1] > RUN_GAP + 1)
            bounds[r++] = k;
    }
    bounds[runs] = kept_count;
    Py_ssize_t biggest = 0;
    for (r = 0; r < runs; r++) {
        if (python_sum(sum, len_log, kept + bounds[r], bounds[r + 1] - bounds[r], &sizes[r]) < 0) {
            PyMem_Free(bounds), PyMem_Free(sizes);
            return -1;
        }
        if (sizes[r] > sizes[biggest]) /* max(): the first of the largest */
            biggest = r;
    }
    const double top = sizes[biggest];
    for (r = 0; r < runs; r++) {
        for (Py_ssize_t i = kept[bounds[r]]; i <= kept[bounds[r + 1] - 1]; i++)
            AT(S_RUN_SHARE, i) = (sizes[r] / top) * (s1[i] >= RUN_KEEP ? 1.0 : 0.0);
    }
    const Py_ssize_t first = kept[bounds[biggest]], last = kept[bounds[biggest + 1] - 1];
    const double inv = 1.0 / (double)n;
    for (Py_ssize_t i = 0; i < n; i++) {
        AT(S_IN_MAIN, i) = (i >= first && i <= last) ? 1.0 : 0.0;
        if (i < first) {
            const double step = (double)(first - i) * inv * (double)RAMP_SCALE;
            AT(S_BEFORE_MAIN, i) = step < 1.0 ? step : 1.0;
        }
        if (i > last) {
            const double step = (double)(i - last) * inv * (double)RAMP_SCALE;
            AT(S_AFTER_MAIN, i) = step < 1.0 ? step : 1.0;
        }
    }
#undef AT
    PyMem_Free(bounds), PyMem_Free(sizes);
    return 0;
}

/* raw_stage2(s1, len_log): features.stage2_columns' rows for one page of n > 0 lines (s1:
 * stage one's probabilities, len_log: the len_log column, both float64), as a bytearray of
 * STAGE2_ROWS x n float64, row by row: s1_prev, s1_next, s1_near, s1_far, s1_max_near,
 * s1_min_near, run_share, in_main, before_main, after_main. */
static PyObject *
native_raw_stage2(PyObject *module, PyObject *const *args, Py_ssize_t nargs)
{
    (void)module;
    if (nargs != 2) {
        PyErr_SetString(PyExc_TypeError, "raw_stage2(s1, len_log)");
        return NULL;
    }
    const Py_ssize_t n = page_length(args[0], STAGE2_ROWS);
    if (n < 0)
        return NULL;
    Py_buffer views[2];
    if (get_array(args[0], 'd', n, "s1", &views[0]) < 0)
        return NULL;
    if (get_array(args[1], 'd', n, "len_log", &views[1]) < 0) {
        PyBuffer_Release(&views[0]);
        return NULL;
    }
    const double *s1 = views[0].buf;
    PyObject *result = PyByteArray_FromStringAndSize(NULL, (Py_ssize_t)STAGE2_ROWS * n * 8);
    double *scratch = PyMem_Malloc((size_t)(n + 1) * sizeof(double));
    Py_ssize_t *kept = PyMem_Malloc((size_t)n * sizeof(Py_ssize_t));
    if (result == NULL || scratch == NULL || kept == NULL) {
        if (result != NULL)
            PyErr_NoMemory();
        Py_CLEAR(result);
        goto done;
    }
    double *out = (double *)PyByteArray_AS_STRING(result);
    memset(out, 0, (size_t)STAGE2_ROWS * (size_t)n * sizeof(double));
#define AT(row, i) out[(Py_ssize_t)(row) * n + (i)]
    for (Py_ssize_t i = 0; i < n; i++) {
        AT(S_PREV, i) = i > 0 ? s1[i - 1] : 0.0;
        AT(S_NEXT, i) = i + 1 < n ? s1[i + 1] : 0.0;
        /* at the page's edges the only neighbour stands in twice; one line: its own */
        const double before = n == 1 ? s1[0] : (i > 0 ? s1[i - 1] : s1[1]);
        const double after = n == 1 ? s1[0] : (i + 1 < n ? s1[i + 1] : s1[n - 2]);
        AT(S_MAX_NEAR, i) = larger(before, after);
        AT(S_MIN_NEAR, i) = smaller(before, after);
    }
#undef AT
    window_mean(s1, n, NEAR, scratch, out + (Py_ssize_t)S_NEAR * n);
    window_mean(s1, n, FAR, scratch, out + (Py_ssize_t)S_FAR * n);
    if (run_rows(s1, views[1].buf, n, kept, out) < 0)
        Py_CLEAR(result);
done:
    PyMem_Free(scratch);
    PyMem_Free(kept);
    PyBuffer_Release(&views[0]);
    PyBuffer_Release(&views[1]);
    return result;
}

#define STOPWORDS_PER_PAGE 15 /* features.STOPWORDS_PER_PAGE, STOPWORD_MAX_CHARS */
#define STOPWORD_MAX_CHARS 4

/* The length in characters of ranked token k: from `lengths` (a list of int, one per
 * ranked token) or from the word bounds (`bounds`: two int64 per word, into `data`);
 * -1 with an error. */
static Py_ssize_t
ranked_length(PyObject *lengths, const long long *bounds, Py_ssize_t words, const unsigned char *data,
              Py_ssize_t size, Py_ssize_t k, Py_ssize_t position)
{
    if (bounds == NULL) {
        const Py_ssize_t length = PyLong_AsSsize_t(PyList_GET_ITEM(lengths, k));
        return length == -1 && PyErr_Occurred() ? -1 : length;
    }
    if (position >= words || bounds[2 * position] < 0 || bounds[2 * position] > bounds[2 * position + 1] ||
        bounds[2 * position + 1] > size) {
        PyErr_SetString(PyExc_ValueError, "stop_shares: a word's bounds lie outside the data");
        return -1;
    }
    return cleaner_utf8_chars(data, (Py_ssize_t)bounds[2 * position], (Py_ssize_t)bounds[2 * position + 1]);
}

/* Marks in `is_stop` (one per token) the first STOPWORDS_PER_PAGE ranked tokens of at most
 * STOPWORD_MAX_CHARS characters; -1 with an error. */
static int
mark_stopwords(PyObject *ranked, PyObject *lengths, Py_ssize_t tokens, char *is_stop)
{
    Py_buffer bounds = {0}, data = {0};
    int held = 0;
    if (PyTuple_CheckExact(lengths)) {
        if (PyTuple_GET_SIZE(lengths) != 2 || !PyBytes_CheckExact(PyTuple_GET_ITEM(lengths, 0))) {
            PyErr_SetString(PyExc_TypeError, "stop_shares: lengths must be a list of int or (data, bounds)");
            return -1;
        }
        if (PyObject_GetBuffer(PyTuple_GET_ITEM(lengths, 0), &data, PyBUF_SIMPLE) < 0)
            return -1;
        held = 1;
        if (PyObject_GetBuffer(PyTuple_GET_ITEM(lengths, 1), &bounds, PyBUF_C_CONTIGUOUS) < 0)
            goto fail;
        held = 2;
    } else if (!PyList_CheckExact(lengths) || PyList_GET_SIZE(lengths) != PyList_GET_SIZE(ranked)) {
        PyErr_SetString(PyExc_TypeError, "stop_shares: lengths must be a list of int, one per ranked token");
        return -1;
    }
    Py_ssize_t found = 0;
    for (Py_ssize_t k = 0; k < PyList_GET_SIZE(ranked) && found < STOPWORDS_PER_PAGE; k++) {
        const Py_ssize_t position = PyLong_AsSsize_t(PyList_GET_ITEM(ranked, k));
        if (position == -1 && PyErr_Occurred())
            goto fail;
        if (position < 0 || position >= tokens) {
            PyErr_SetString(PyExc_ValueError, "stop_shares: a ranked position past the tokens");
            goto fail;
        }
        const Py_ssize_t length = ranked_length(lengths, held ? bounds.buf : NULL, bounds.len / 16, data.buf,
                                                data.len, k, position);
        if (length < 0)
            goto fail;
        if (length <= STOPWORD_MAX_CHARS) {
            is_stop[position] = 1;
            found++;
        }
    }
    if (held)
        PyBuffer_Release(&data);
    if (held > 1)
        PyBuffer_Release(&bounds);
    return 0;
fail:
    if (held)
        PyBuffer_Release(&data);
    if (held > 1)
        PyBuffer_Release(&bounds);
    return -1;
}

/* stop_shares(first, ranked, lengths, tokens_per_line, words): features._stop_shares' last
 * steps for one page of n lines: the first STOPWORDS_PER_PAGE of the `ranked` token
 * positions whose token has at most STOPWORD_MAX_CHARS characters are the stop words;
 * per line, its tokens (tokens_per_line, in order; `first`: each token's first position,
 * int64) that are one, over its word count (`words`, int64). `lengths`: the ranked tokens'
 * lengths in characters (a list of int), or (data, bounds) to count them in the UTF-8
 * bytes of the words. Returns a bytearray of n float64. */
static PyObject *
native_stop_shares(PyObject *module, PyObject *const *args, Py_ssize_t nargs)
{
    (void)module;
    if (nargs != 5 || !PyList_CheckExact(args[1]) || !PyList_CheckExact(args[3])) {
        PyErr_SetString(PyExc_TypeError, "stop_shares(first, ranked: list, lengths, tokens_per_line: list, words)");
        return NULL;
    }
    const Py_ssize_t n = PyList_GET_SIZE(args[3]);
    Py_buffer first, words;
    Py_ssize_t tokens = 0;
    if (PyObject_GetBuffer(args[0], &first, PyBUF_C_CONTIGUOUS) < 0)
        return NULL;
    tokens = first.len / 8;
    PyBuffer_Release(&first);
    if (get_array(args[0], 'i', tokens, "first", &first) < 0)
        return NULL;
    if (get_array(args[4], 'i', n, "words", &words) < 0) {
        PyBuffer_Release(&first);
        return NULL;
    }
    PyObject *result = NULL;
    char *is_stop = PyMem_Calloc((size_t)(tokens ? tokens : 1), 1);
    if (is_stop == NULL) {
        PyErr_NoMemory();
        goto done;
    }
    if (mark_stopwords(args[1], args[2], tokens, is_stop) < 0)
        goto done;
    result = PyByteArray_FromStringAndSize(NULL, n * 8);
    if (result == NULL)
        goto done;
    double *out = (double *)PyByteArray_AS_STRING(result);
    const long long *at = first.buf, *per_word = words.buf;
    Py_ssize_t t = 0;
    for (Py_ssize_t i = 0; i < n; i++) {
        const Py_ssize_t count = PyLong_AsSsize_t(PyList_GET_ITEM(args[3], i));
        if (count < 0 || count > tokens - t) {
            if (!PyErr_Occurred())
                PyErr_SetString(PyExc_ValueError, "stop_shares: tokens_per_line do not add up to the tokens");
            Py_CLEAR(result);
            goto done;
        }
        long long stops = 0;
        for (Py_ssize_t end = t + count; t < end; t++) {
            if (at[t] < 0 || at[t] >= tokens) {
                PyErr_SetString(PyExc_ValueError, "stop_shares: a first position past the tokens");
                Py_CLEAR(result);
                goto done;
            }
            stops += is_stop[at[t]];
        }
        out[i] = (double)stops / (double)per_word[i];
    }
    if (t != tokens) {
        PyErr_SetString(PyExc_ValueError, "stop_shares: tokens_per_line do not add up to the tokens");
        Py_CLEAR(result);
    }
done:
    PyMem_Free(is_stop);
    PyBuffer_Release(&first);
    PyBuffer_Release(&words);
    return result;
}

PyMethodDef raw_layout_methods[] = {
    {"stop_shares", (PyCFunction)(void (*)(void))native_stop_shares, METH_FASTCALL,
     "stop_shares(first, ranked, lengths, tokens_per_line, words): features._stop_shares' column."},
    {"window_means", native_window_means, METH_O,
     "window_means(pairs): windows.mean_within of each (values, radius), as float64 bytes."},
    {"raw_stage2", (PyCFunction)(void (*)(void))native_raw_stage2, METH_FASTCALL,
     "raw_stage2(s1, len_log): features.stage2_columns' rows of one page as float64 bytes."},
    {"raw_lines", (PyCFunction)(void (*)(void))native_raw_lines, METH_FASTCALL,
     "raw_lines(lengths, words, first_points, last_points, titles, counts, terminal, bullets): "
     "features.stage1_line_columns' arithmetic rows as float64 bytes, counts where it takes logs."},
    {"raw_layout", (PyCFunction)(void (*)(void))native_raw_layout, METH_FASTCALL,
     "raw_layout(lengths, words, long, terminal, title_case, bullet, first_seen, counts, phrase_line, "
     "digits, texts): layout.layout_columns of one page as float64 bytes, counts where it takes logs."},
    {NULL, NULL, 0, NULL},
};
