/* The html page walk's loop (cleaner/html/text.py, _Walker.walk_python): the same steps over
 * lxml's iterwalk events, without the interpreter's dispatch per event. lxml's tree stays
 * behind its Python objects: each element's tag, text, tail and hidden/style attributes are
 * read as Python reads them (attribute lookups, el.get), and each line is made in one pass
 * that does what str.join, str.translate, " ".join(str.split()) and str.strip do there. */
#include "_compiled.h"

#define WALK_OUTPUTS 9     /* texts, tags, link_chars, in_body, drops, elements, nodes, node_parents, block_nodes */
#define WALK_OUTPUTS_WITH_ATTRIBUTES 10 /* ... and each numbered element's (tag, class, id, role) */
#define ATTRIBUTE_NAMES 5  /* "tag", "get", "class", "id", "role" */
#define MAX_INVISIBLE 64   /* code points the invisible table may name */
#define FIRST_CAPACITY 64  /* first size of the walk's index stacks */

/* A growable stack of indexes (each open element's node number, each block element's place). */
typedef struct {
    Py_ssize_t *items;
    Py_ssize_t size, capacity;
} IndexStack;

static int
index_push(IndexStack *stack, Py_ssize_t value)
{
    if (stack->size == stack->capacity) {
        const Py_ssize_t capacity = stack->capacity ? 2 * stack->capacity : FIRST_CAPACITY;
        Py_ssize_t *items = PyMem_Realloc(stack->items, (size_t)capacity * sizeof(Py_ssize_t));
        if (items == NULL) {
            PyErr_NoMemory();
            return -1;
        }
        stack->items = items;
        stack->capacity = capacity;
    }
    stack->items[stack->size++] = value;
    return 0;
}

/* The walk's state: what _Walker.walk_python keeps in local variables. */
typedef struct {
    PyObject *out[WALK_OUTPUTS]; /* borrowed: the caller's lists */
    PyObject *parts, *block_tags, *block_els, *path, *drop_stack;
    IndexStack path_nodes, block_at;
    Py_ssize_t numbered, part_links, body_depth;
    int any_body;
    Py_UCS4 invisible_codes[MAX_INVISIBLE]; /* the characters lines lose (the translate table's keys) */
    Py_ssize_t invisible_count;
    Py_UCS4 invisible_min; /* the least of them: a smaller character is none */
    PyObject *strip; /* borrowed: the characters a line is stripped of */
    PyObject *empty, *space, *newline;
    PyObject *attributes; /* borrowed: the caller's list of (tag, class, id, role), or NULL */
    PyObject *attribute_names[ATTRIBUTE_NAMES]; /* "tag", "get", "class", "id", "role" */
} Walk;

enum { OUT_TEXTS, OUT_TAGS, OUT_LINKS, OUT_IN_BODY, OUT_DROPS, OUT_ELEMENTS, OUT_NODES, OUT_PARENTS, OUT_BLOCKS };

static int
list_pop(PyObject *list)
{
    const Py_ssize_t n = PyList_GET_SIZE(list);
    if (n == 0) {
        PyErr_SetString(PyExc_ValueError, "page_walk: the events close more elements than they open");
        return -1;
    }
    return PyList_SetSlice(list, n - 1, n, NULL);
}

static PyObject *
list_last(PyObject *list)
{
    return PyList_GET_ITEM(list, PyList_GET_SIZE(list) - 1);
}

static int
strips(const Walk *w, Py_UCS4 c)
{
    return PyUnicode_FindChar(w->strip, c, 0, PyUnicode_GET_LENGTH(w->strip), 1) >= 0;
}

static int
is_invisible(const Walk *w, Py_UCS4 c)
{
    if (c < w->invisible_min)
        return 0;
    for (Py_ssize_t k = 0; k < w->invisible_count; k++)
        if (c == w->invisible_codes[k])
            return 1;
    return 0;
}

/* The line's text as flush makes it: the parts joined, the invisible characters deleted
 * (str.translate with the table), white space runs folded to one space and the ends trimmed
 * (" ".join(text.split()): the same Py_UNICODE_ISSPACE), then str.strip(strip) where an end
 * holds one of its characters. One pass into one buffer, where Python builds four strings. */
static PyObject *
line_text(const Walk *w)
{
    const Py_ssize_t count = PyList_GET_SIZE(w->parts);
    Py_ssize_t total = 0;
    for (Py_ssize_t k = 0; k < count; k++) {
        PyObject *part = PyList_GET_ITEM(w->parts, k);
        if (!PyUnicode_Check(part)) {
            PyErr_SetString(PyExc_TypeError, "page_walk: an element's text must be a str or None");
            return NULL;
        }
        total += PyUnicode_GET_LENGTH(part);
    }
    Py_UCS4 *buffer = PyMem_Malloc((size_t)(total > 0 ? total : 1) * sizeof(Py_UCS4));
    if (buffer == NULL)
        return PyErr_NoMemory();
    Py_ssize_t n = 0;
    int space = 0;
    for (Py_ssize_t k = 0; k < count; k++) {
        PyObject *part = PyList_GET_ITEM(w->parts, k);
        const int kind = PyUnicode_KIND(part);
        const void *data = PyUnicode_DATA(part);
        const Py_ssize_t length = PyUnicode_GET_LENGTH(part);
        for (Py_ssize_t i = 0; i < length; i++) {
            const Py_UCS4 c = PyUnicode_READ(kind, data, i);
            if (is_invisible(w, c))
                continue;
            if (Py_UNICODE_ISSPACE(c)) {
                space = n > 0;
                continue;
            }
            if (space) {
                buffer[n++] = ' ';
                space = 0;
            }
            buffer[n++] = c;
        }
    }
    PyObject *text = PyUnicode_FromKindAndData(PyUnicode_4BYTE_KIND, buffer, n);
    PyMem_Free(buffer);
    if (text != NULL && n > 0 && (strips(w, PyUnicode_READ_CHAR(text, 0)) || strips(w, PyUnicode_READ_CHAR(text, n - 1))))
        Py_SETREF(text, PyObject_CallMethod(text, "strip", "O", w->strip));
    return text;
}

/* Appends (el.tag, el.get("class"), el.get("id"), el.get("role")) to the attributes list,
 * as node_attributes reads them: read here, while the walk numbers the element. */
static int
append_attributes(Walk *w, PyObject *el)
{
    PyObject *const *names = w->attribute_names;
    PyObject *row = PyTuple_New(4);
    if (row == NULL)
        return -1;
    PyObject *tag = PyObject_GetAttr(el, names[0]);
    if (tag == NULL) {
        Py_DECREF(row);
        return -1;
    }
    PyTuple_SET_ITEM(row, 0, tag);
    for (Py_ssize_t k = 1; k < 4; k++) {
        PyObject *value = PyObject_CallMethodOneArg(el, names[1], names[k + 1]);
        if (value == NULL) {
            Py_DECREF(row);
            return -1;
        }
        PyTuple_SET_ITEM(row, k, value);
    }
    const int failed = PyList_Append(w->attributes, row);
    Py_DECREF(row);
    return failed;
}

/* Numbers the block's element and its unnumbered ancestors, as flush does. */
static int
number_path(Walk *w, Py_ssize_t at)
{
    if (at >= PyList_GET_SIZE(w->path) || at >= w->path_nodes.size) {
        PyErr_SetString(PyExc_ValueError, "page_walk: a block element outside the open elements");
        return -1;
    }
    for (Py_ssize_t k = w->numbered; k <= at; k++) {
        w->path_nodes.items[k] = PyList_GET_SIZE(w->out[OUT_NODES]);
        if (PyList_Append(w->out[OUT_NODES], PyList_GET_ITEM(w->path, k)) < 0)
            return -1;
        if (w->attributes != NULL && append_attributes(w, PyList_GET_ITEM(w->path, k)) < 0)
            return -1;
        if (cleaner_append_index(w->out[OUT_PARENTS], k ? w->path_nodes.items[k - 1] : -1) < 0)
            return -1;
    }
    w->numbered = at + 1;
    return 0;
}

/* _Walker.walk_python's flush: the parts become a block (unless only white space). */
static int
flush(Walk *w)
{
    PyObject *text = line_text(w);
    if (text == NULL)
        return -1;
    int failed = 0;
    const Py_ssize_t n = PyUnicode_GET_LENGTH(text);
    if (n > 0) {
        const Py_ssize_t at = w->block_at.items[w->block_at.size - 1];
        PyObject *drop = PyList_GET_SIZE(w->drop_stack) ? list_last(w->drop_stack) : Py_None;
        failed = PyList_Append(w->out[OUT_TEXTS], text) < 0 ||
                 PyList_Append(w->out[OUT_TAGS], list_last(w->block_tags)) < 0 ||
                 PyList_Append(w->out[OUT_ELEMENTS], list_last(w->block_els)) < 0 ||
                 (at >= w->numbered && number_path(w, at) < 0) ||
                 cleaner_append_index(w->out[OUT_BLOCKS], at >= 0 ? w->path_nodes.items[at] : -1) < 0 ||
                 cleaner_append_index(w->out[OUT_LINKS], w->part_links < n ? w->part_links : n) < 0 ||
                 PyList_Append(w->out[OUT_IN_BODY], (w->body_depth > 0 || !w->any_body) ? Py_True : Py_False) < 0 ||
                 PyList_Append(w->out[OUT_DROPS], drop) < 0;
    }
    Py_DECREF(text);
    w->part_links = 0;
    if (failed)
        return -1;
    return PyList_SetSlice(w->parts, 0, PyList_GET_SIZE(w->parts), NULL);
}

/* What a block-level element's start or end does to the line being collected. */
static int
break_line(Walk *w)
{
    if (PyList_GET_SIZE(w->parts))
        return flush(w);
    w->part_links = 0; /* what a flush of white space alone would leave */
    return 0;
}

static int
is_space_only(PyObject *text)
{
    const int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    const Py_ssize_t n = PyUnicode_GET_LENGTH(text);
    for (Py_ssize_t i = 0; i < n; i++)
        if (!Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, i)))
            return 0;
    return n > 0;
}

/* The mark's kind is "body" (1), another (0), or an error (-1). */
static int
is_body_mark(PyObject *mark, PyObject *body)
{
    PyObject *kind = PyObject_GetAttrString(mark, "kind");
    if (kind == NULL)
        return -1;
    const int same = PyObject_RichCompareBool(kind, body, Py_EQ);
    Py_DECREF(kind);
    return same;
}

/* A text or tail of the walk: added to the line (a <pre>'s own line breaks end lines). */
static int
add_text(Walk *w, PyObject *text, Py_ssize_t link_depth, Py_ssize_t pre_depth, PyObject *newline_lines)
{
    if (!PyList_GET_SIZE(w->parts) && !pre_depth && is_space_only(text)) {
        if (link_depth)
            w->part_links += PyUnicode_GET_LENGTH(text);
        return 0;
    }
    PyObject *kept = NULL;
    int failed = -1;
    Py_INCREF(text);
    if (pre_depth) {
        Py_SETREF(text, PyObject_CallOneArg(newline_lines, text));
        if (text == NULL)
            return -1;
        if (!PyUnicode_Check(text)) {
            PyErr_SetString(PyExc_TypeError, "page_walk: newline_lines must return a str");
            goto done;
        }
        if (PyUnicode_FindChar(text, '\n', 0, PyUnicode_GET_LENGTH(text), 1) >= 0) {
            PyObject *lines = PyUnicode_Split(text, w->newline, -1);
            if (lines == NULL)
                goto done;
            const Py_ssize_t count = PyList_GET_SIZE(lines);
            for (Py_ssize_t i = 0; i + 1 < count; i++) {
                PyObject *line = PyList_GET_ITEM(lines, i);
                if (PyList_Append(w->parts, line) < 0) {
                    Py_DECREF(lines);
                    goto done;
                }
                if (link_depth)
                    w->part_links += PyUnicode_GET_LENGTH(line);
                if (flush(w) < 0) {
                    Py_DECREF(lines);
                    goto done;
                }
            }
            kept = PyList_GET_ITEM(lines, count - 1);
            Py_INCREF(kept);
            Py_DECREF(lines);
            Py_SETREF(text, kept);
        }
    }
    if (PyList_Append(w->parts, text) < 0)
        goto done;
    if (link_depth)
        w->part_links += PyUnicode_GET_LENGTH(text);
    failed = 0;
done:
    Py_XDECREF(text);
    return failed;
}

/* What the walk needs of an element, read once per event. */
typedef struct {
    PyObject *marks, *hides, *skip_tags, *block_set, *newline_lines, *skip_subtree, *body;
    PyObject *tag_name, *text_name, *tail_name; /* the attribute names, made once per call */
    PyObject *get_name, *hidden_name, *style_name;
} WalkInputs;

/* Whether a browser hides the element (text.py's hidden_elements, asked of the element itself:
 * a `hidden` attribute, or a `style` the `hides` callable finds hiding); -1 on an error.
 * Two attribute reads per element the walk enters cost a sixth of the XPath query that
 * collects the same elements over the whole tree. */
static int
is_hidden(const WalkInputs *in, PyObject *el)
{
    PyObject *value = PyObject_CallMethodOneArg(el, in->get_name, in->hidden_name);
    if (value == NULL)
        return -1;
    const int hidden = value != Py_None;
    Py_DECREF(value);
    if (hidden)
        return 1;
    PyObject *style = PyObject_CallMethodOneArg(el, in->get_name, in->style_name);
    if (style == NULL)
        return -1;
    if (style == Py_None) {
        Py_DECREF(style);
        return 0;
    }
    PyObject *found = PyObject_CallOneArg(in->hides, style);
    Py_DECREF(style);
    if (found == NULL)
        return -1;
    const int hides = PyObject_IsTrue(found);
    Py_DECREF(found);
    return hides;
}

/* A start event: returns the element's text to add (a new reference), Py_None for none, NULL
 * on an error. `counts` holds depth, element_count, link_depth, pre_depth. */
static PyObject *
start_element(Walk *w, const WalkInputs *in, PyObject *el, PyObject *tag, Py_ssize_t *counts,
              PyObject **skipping)
{
    counts[0]++;
    counts[1]++;
    int skip = PySet_Contains(in->skip_tags, tag);
    if (skip == 0)
        skip = is_hidden(in, el);
    if (skip < 0)
        return NULL;
    if (skip) {
        PyObject *done = PyObject_CallNoArgs(in->skip_subtree);
        if (done == NULL)
            return NULL;
        Py_DECREF(done);
        Py_INCREF(el);
        Py_XSETREF(*skipping, el);
        Py_RETURN_NONE;
    }
    PyObject *mark = NULL;
    if (PyDict_GET_SIZE(in->marks)) {
        mark = PyDict_GetItemWithError(in->marks, el);
        if (mark == NULL && PyErr_Occurred())
            return NULL;
    }
    const int block = PySet_Contains(in->block_set, tag);
    if (block < 0)
        return NULL;
    if (block) {
        if (break_line(w) < 0 || PyList_Append(w->block_tags, tag) < 0 || PyList_Append(w->block_els, el) < 0 ||
            index_push(&w->block_at, PyList_GET_SIZE(w->path)) < 0)
            return NULL;
    }
    else if (mark != NULL && (PyList_GET_SIZE(w->parts) || w->part_links) && flush(w) < 0)
        return NULL;
    if (PyList_Append(w->path, el) < 0 || index_push(&w->path_nodes, -1) < 0)
        return NULL;
    if (mark != NULL) {
        Py_INCREF(mark); /* the dict's reference is borrowed: the attribute reads below may run code */
        const int body = is_body_mark(mark, in->body);
        int failed = body < 0;
        if (body == 1)
            w->body_depth++;
        else if (body == 0) {
            PyObject *label = PyObject_GetAttrString(mark, "label");
            failed = label == NULL || PyList_Append(w->drop_stack, label) < 0;
            Py_XDECREF(label);
        }
        Py_DECREF(mark);
        if (failed)
            return NULL;
    }
    if (PyUnicode_CompareWithASCIIString(tag, "a") == 0)
        counts[2]++;
    else if (PyUnicode_CompareWithASCIIString(tag, "pre") == 0)
        counts[3]++;
    return PyObject_GetAttr(el, in->text_name);
}

/* An end event of an element the walk opened (not skipped): 0, or -1 on an error. */
static int
end_element(Walk *w, const WalkInputs *in, PyObject *el, PyObject *tag, Py_ssize_t *counts)
{
    counts[0]--;
    PyObject *mark = NULL;
    if (PyDict_GET_SIZE(in->marks)) {
        mark = PyDict_GetItemWithError(in->marks, el);
        if (mark == NULL && PyErr_Occurred())
            return -1;
    }
    Py_XINCREF(mark);
    int failed = 0;
    const int block = PySet_Contains(in->block_set, tag);
    if (block < 0)
        failed = 1;
    else if (block) {
        failed = break_line(w) < 0;
        if (!failed && PyList_GET_SIZE(w->block_tags) > 1) {
            failed = list_pop(w->block_tags) < 0 || list_pop(w->block_els) < 0;
            w->block_at.size--;
        }
    }
    else if (mark != NULL && (PyList_GET_SIZE(w->parts) || w->part_links))
        failed = flush(w) < 0;
    if (!failed) {
        failed = list_pop(w->path) < 0;
        if (!failed) {
            w->path_nodes.size--;
            if (w->numbered > PyList_GET_SIZE(w->path))
                w->numbered = PyList_GET_SIZE(w->path);
        }
    }
    if (!failed && mark != NULL) {
        const int body = is_body_mark(mark, in->body);
        if (body < 0)
            failed = 1;
        else if (body)
            w->body_depth--;
        else if (PyList_GET_SIZE(w->drop_stack))
            failed = list_pop(w->drop_stack) < 0;
    }
    Py_XDECREF(mark);
    if (failed)
        return -1;
    if (PyUnicode_CompareWithASCIIString(tag, "a") == 0)
        counts[2] = counts[2] > 0 ? counts[2] - 1 : 0;
    else if (PyUnicode_CompareWithASCIIString(tag, "pre") == 0)
        counts[3] = counts[3] > 0 ? counts[3] - 1 : 0;
    return 0;
}

/* One event: 0, or -1 on an error. */
static int
walk_event(Walk *w, const WalkInputs *in, PyObject *item, Py_ssize_t *counts, long long *text_depth,
           PyObject **skipping)
{
    if (!PyTuple_Check(item) || PyTuple_GET_SIZE(item) != 2 || !PyUnicode_Check(PyTuple_GET_ITEM(item, 0))) {
        PyErr_SetString(PyExc_TypeError, "page_walk: events must be (str, element) pairs");
        return -1;
    }
    PyObject *el = PyTuple_GET_ITEM(item, 1);
    PyObject *tag = PyObject_GetAttr(el, in->tag_name);
    if (tag == NULL)
        return -1;
    PyObject *text = NULL;
    int failed = 0;
    if (PyUnicode_CompareWithASCIIString(PyTuple_GET_ITEM(item, 0), "start") == 0) {
        if (PyUnicode_CheckExact(tag)) {
            text = start_element(w, in, el, tag, counts, skipping);
            failed = text == NULL;
        }
    }
    else {
        if (*skipping == el) {
            Py_CLEAR(*skipping);
            counts[0]--;
        }
        else if (PyUnicode_CheckExact(tag))
            failed = end_element(w, in, el, tag, counts) < 0;
        if (!failed) {
            text = PyObject_GetAttr(el, in->tail_name);
            failed = text == NULL;
        }
    }
    Py_DECREF(tag);
    if (failed)
        return -1;
    if (text == NULL || text == Py_None) {
        Py_XDECREF(text);
        return 0;
    }
    if (!PyUnicode_Check(text)) {
        Py_DECREF(text);
        PyErr_SetString(PyExc_TypeError, "page_walk: an element's text must be a str or None");
        return -1;
    }
    if (PyUnicode_GET_LENGTH(text) > 0) {
        *text_depth += (long long)PyUnicode_GET_LENGTH(text) * (long long)counts[0];
        failed = add_text(w, text, counts[2], counts[3], in->newline_lines) < 0;
    }
    Py_DECREF(text);
    return failed ? -1 : 0;
}

/* Reads the invisible table (code point -> None: str.translate deletes them) into the walk;
 * -1 on another table. */
static int
read_invisible(Walk *w, PyObject *table)
{
    if (!PyDict_Check(table) || PyDict_GET_SIZE(table) > MAX_INVISIBLE) {
        PyErr_SetString(PyExc_TypeError, "page_walk: invisible must be a dict of at most 64 code points");
        return -1;
    }
    PyObject *key, *value;
    Py_ssize_t pos = 0;
    w->invisible_min = 0x110000; /* past every code point: an empty table deletes none */
    while (PyDict_Next(table, &pos, &key, &value)) {
        const long code = PyLong_Check(key) ? PyLong_AsLong(key) : -1;
        if (code < 0 || code > 0x10FFFF || value != Py_None) {
            PyErr_Clear();
            PyErr_SetString(PyExc_ValueError, "page_walk: invisible must map code points to None");
            return -1;
        }
        w->invisible_codes[w->invisible_count++] = (Py_UCS4)code;
        if ((Py_UCS4)code < w->invisible_min)
            w->invisible_min = (Py_UCS4)code;
    }
    return 0;
}

static int
check_arguments(PyObject *const *args, Py_ssize_t nargs)
{
    if (nargs != 10) {
        PyErr_SetString(PyExc_TypeError, "page_walk takes 10 arguments");
        return -1;
    }
    if (!PyDict_Check(args[1]) || !PyCallable_Check(args[2]) || !PyAnySet_Check(args[3]) || !PyAnySet_Check(args[4])) {
        PyErr_SetString(PyExc_TypeError, "page_walk: marks must be a dict, hides callable, skip_tags and block_tags sets");
        return -1;
    }
    if (!PyCallable_Check(args[5]) || !PyUnicode_Check(args[7])) {
        PyErr_SetString(PyExc_TypeError, "page_walk: newline_lines must be callable, strip a str");
        return -1;
    }
    PyObject *out = args[9];
    if (!PyTuple_Check(out) || (PyTuple_GET_SIZE(out) != WALK_OUTPUTS && PyTuple_GET_SIZE(out) != WALK_OUTPUTS_WITH_ATTRIBUTES)) {
        PyErr_SetString(PyExc_TypeError, "page_walk: out must be a tuple of 9 or 10 lists");
        return -1;
    }
    for (Py_ssize_t k = 0; k < PyTuple_GET_SIZE(out); k++)
        if (!PyList_CheckExact(PyTuple_GET_ITEM(out, k))) {
            PyErr_SetString(PyExc_TypeError, "page_walk: out must be a tuple of 9 or 10 lists");
            return -1;
        }
    return 0;
}

static void
walk_clear(Walk *w)
{
    Py_XDECREF(w->parts);
    Py_XDECREF(w->block_tags);
    Py_XDECREF(w->block_els);
    Py_XDECREF(w->path);
    Py_XDECREF(w->drop_stack);
    Py_XDECREF(w->empty);
    Py_XDECREF(w->space);
    Py_XDECREF(w->newline);
    for (Py_ssize_t k = 0; k < ATTRIBUTE_NAMES; k++)
        Py_XDECREF(w->attribute_names[k]);
    PyMem_Free(w->path_nodes.items);
    PyMem_Free(w->block_at.items);
}

/* The walk's stacks as walk_python starts them: the root line's tag "html", no element. */
static int
walk_init(Walk *w, PyObject *out)
{
    for (Py_ssize_t k = 0; k < WALK_OUTPUTS; k++)
        w->out[k] = PyTuple_GET_ITEM(out, k);
    if (PyTuple_GET_SIZE(out) == WALK_OUTPUTS_WITH_ATTRIBUTES) {
        static const char *const spelled[ATTRIBUTE_NAMES] = {"tag", "get", "class", "id", "role"};
        w->attributes = PyTuple_GET_ITEM(out, WALK_OUTPUTS);
        for (Py_ssize_t k = 0; k < ATTRIBUTE_NAMES; k++)
            if ((w->attribute_names[k] = PyUnicode_InternFromString(spelled[k])) == NULL)
                return -1;
    }
    w->parts = PyList_New(0);
    w->block_tags = Py_BuildValue("[s]", "html");
    w->block_els = Py_BuildValue("[O]", Py_None);
    w->path = PyList_New(0);
    w->drop_stack = PyList_New(0);
    w->empty = PyUnicode_FromString("");
    w->space = PyUnicode_FromString(" ");
    w->newline = PyUnicode_FromString("\n");
    if (w->parts == NULL || w->block_tags == NULL || w->block_els == NULL || w->path == NULL ||
        w->drop_stack == NULL || w->empty == NULL || w->space == NULL || w->newline == NULL)
        return -1;
    return index_push(&w->block_at, -1);
}

/* page_walk(events, marks, hides, skip_tags, block_tags, newline_lines, invisible, strip, any_body, out):
 * _Walker.walk_python over lxml's iterwalk `events`, appending to out's lists (a tenth list
 * gets each numbered element's (tag, class, id, role), node_attributes' rows); gives
 * (text_depth, element_count). `hides(style)`: whether a style attribute hides its element. */
static PyObject *
native_page_walk(PyObject *module, PyObject *const *args, Py_ssize_t nargs)
{
    (void)module;
    if (check_arguments(args, nargs) < 0)
        return NULL;
    Walk w = {0};
    PyObject *result = NULL, *iter = NULL, *skipping = NULL, *item = NULL;
    WalkInputs in = {args[1], args[2], args[3], args[4], args[5], NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL};
    w.strip = args[7];
    const int any_body = PyObject_IsTrue(args[8]);
    if (any_body < 0 || read_invisible(&w, args[6]) < 0 || walk_init(&w, args[9]) < 0)
        goto done;
    w.any_body = any_body;
    in.body = PyUnicode_FromString("body");
    in.skip_subtree = PyObject_GetAttrString(args[0], "skip_subtree");
    in.tag_name = PyUnicode_InternFromString("tag");
    in.text_name = PyUnicode_InternFromString("text");
    in.tail_name = PyUnicode_InternFromString("tail");
    in.get_name = PyUnicode_InternFromString("get");
    in.hidden_name = PyUnicode_InternFromString("hidden");
    in.style_name = PyUnicode_InternFromString("style");
    if (in.get_name == NULL || in.hidden_name == NULL || in.style_name == NULL || in.tag_name == NULL || in.text_name == NULL || in.tail_name == NULL || in.body == NULL || in.skip_subtree == NULL || (iter = PyObject_GetIter(args[0])) == NULL)
        goto done;
    Py_ssize_t counts[4] = {0, 0, 0, 0}; /* depth, element_count, link_depth, pre_depth */
    long long text_depth = 0;
    while ((item = PyIter_Next(iter)) != NULL) {
        const int failed = walk_event(&w, &in, item, counts, &text_depth, &skipping);
        Py_CLEAR(item);
        if (failed < 0)
            goto done;
    }
    if (PyErr_Occurred() || (PyList_GET_SIZE(w.parts) && flush(&w) < 0))
        goto done;
    result = Py_BuildValue("(Ln)", text_depth, counts[1]);
done:
    Py_XDECREF(iter);
    Py_XDECREF(skipping);
    Py_XDECREF(in.body);
    Py_XDECREF(in.skip_subtree);
    Py_XDECREF(in.tag_name);
    Py_XDECREF(in.text_name);
    Py_XDECREF(in.tail_name);
    Py_XDECREF(in.get_name);
    Py_XDECREF(in.hidden_name);
    Py_XDECREF(in.style_name);
    walk_clear(&w);
    return result;
}

/* page_blocks(texts, block_type): page_text's loop, [Block(i, pos, pos + len(text), text)] with
 * pos past each text and its line break, built as tuple.__new__ builds a named tuple, without
 * the named tuple's Python __new__ per block. */
static PyObject *
native_page_blocks(PyObject *module, PyObject *const *args, Py_ssize_t nargs)
{
    (void)module;
    if (nargs != 2 || !PyList_Check(args[0]) || !PyType_Check(args[1]) ||
        !PyType_IsSubtype((PyTypeObject *)args[1], &PyTuple_Type)) {
        PyErr_SetString(PyExc_TypeError, "page_blocks(texts, block_type): a list of str and a tuple subclass");
        return NULL;
    }
    PyObject *texts = args[0];
    PyTypeObject *block_type = (PyTypeObject *)args[1];
    const Py_ssize_t n = PyList_GET_SIZE(texts);
    PyObject *blocks = PyList_New(n);
    if (blocks == NULL)
        return NULL;
    Py_ssize_t pos = 0;
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *text = i < PyList_GET_SIZE(texts) ? PyList_GET_ITEM(texts, i) : NULL; /* a finalizer may shrink it */
        if (text == NULL || !PyUnicode_Check(text)) {
            PyErr_SetString(PyExc_TypeError, "page_blocks: texts must be a list of str");
            Py_DECREF(blocks);
            return NULL;
        }
        PyObject *block = cleaner_new_block(block_type, i, pos, text);
        if (block == NULL) {
            Py_DECREF(blocks);
            return NULL;
        }
        PyList_SET_ITEM(blocks, i, block);
        pos += PyUnicode_GET_LENGTH(text) + 1;
    }
    return blocks;
}

PyMethodDef page_walk_methods[] = {
    {"page_walk", (PyCFunction)(void (*)(void))native_page_walk, METH_FASTCALL,
     "page_walk(events, marks, hides, skip_tags, block_tags, newline_lines, invisible, strip, any_body, out): "
     "cleaner/html/text.py's walk loop over lxml's iterwalk events; gives (text_depth, element_count)."},
    {"page_blocks", (PyCFunction)(void (*)(void))native_page_blocks, METH_FASTCALL,
     "page_blocks(texts, block_type): page_text's blocks, block_type(i, start, end, text) for each text."},
    {NULL, NULL, 0, NULL},
};
