/* The html page walk's loop (cleaner/html/text.py, _Walker.walk_python), in two forms.
 * page_walk: the same steps over lxml's iterwalk events, without the interpreter's dispatch
 * per event; each element's tag, text, tail and hidden/style attributes are read as Python
 * reads them (attribute lookups, el.get). page_walk_nodes: the same steps over libxml2's
 * nodes read directly (_lxml_nodes.h), where iterwalk made a proxy object and an event tuple
 * per element: proxies are made only for the elements the outputs list. Both make each line
 * in one pass that does what str.join, str.translate, " ".join(str.split()) and str.strip
 * do there. */
#include <stdlib.h>
#include <string.h>

#include "_compiled.h"
#include "_lxml_nodes.h"

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

/* An open element: its node (page_walk_nodes) or NULL, and its proxy (page_walk: the event's
 * element; page_walk_nodes: made on first need, NULL before). Each entry owns its proxy. */
typedef struct {
    LxmlNode *node;
    PyObject *proxy;
} NodeEntry;

/* A growable stack of open elements (the path from the root, the block elements). */
typedef struct {
    NodeEntry *items;
    Py_ssize_t size, capacity;
} NodeStack;

/* Pushes (node, proxy); the stack takes a new reference to proxy (which may be NULL). */
static int
node_push(NodeStack *stack, LxmlNode *node, PyObject *proxy)
{
    if (stack->size == stack->capacity) {
        const Py_ssize_t capacity = stack->capacity ? 2 * stack->capacity : FIRST_CAPACITY;
        NodeEntry *items = PyMem_Realloc(stack->items, (size_t)capacity * sizeof(NodeEntry));
        if (items == NULL) {
            PyErr_NoMemory();
            return -1;
        }
        stack->items = items;
        stack->capacity = capacity;
    }
    Py_XINCREF(proxy);
    stack->items[stack->size].node = node;
    stack->items[stack->size].proxy = proxy;
    stack->size++;
    return 0;
}

static int
node_pop(NodeStack *stack)
{
    if (stack->size == 0) {
        PyErr_SetString(PyExc_ValueError, "page_walk: the events close more elements than they open");
        return -1;
    }
    stack->size--;
    Py_CLEAR(stack->items[stack->size].proxy);
    return 0;
}

static void
node_stack_free(NodeStack *stack)
{
    while (stack->size > 0)
        node_pop(stack);
    PyMem_Free(stack->items);
}

/* The walk's state: what _Walker.walk_python keeps in local variables. */
typedef struct {
    PyObject *out[WALK_OUTPUTS]; /* borrowed: the caller's lists */
    PyObject *parts, *block_tags, *drop_stack;
    NodeStack path, block_els;
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
    /* page_walk_nodes only: the document (borrowed) and lxml's proxy factory */
    PyObject *doc;
    LxmlElementFactory factory;
    struct TagCache *tags; /* the tag of each element name met */
} Walk;

enum { OUT_TEXTS, OUT_TAGS, OUT_LINKS, OUT_IN_BODY, OUT_DROPS, OUT_ELEMENTS, OUT_NODES, OUT_PARENTS, OUT_BLOCKS };

/* The entry's element proxy (borrowed from the entry): made by lxml on first need. */
static PyObject *
entry_proxy(Walk *w, NodeEntry *entry)
{
    if (entry->proxy == NULL) {
        if (entry->node == NULL || w->factory == NULL) {
            PyErr_SetString(PyExc_SystemError, "page_walk: an element without a node or a proxy");
            return NULL;
        }
        entry->proxy = w->factory(w->doc, entry->node);
    }
    return entry->proxy;
}

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

/* What the direct walk knows of an element name (page_walk_nodes), made once per name: lxml's
 * tag (the name, or "{namespace}name") and the sets' answers about it. page_walk fills the
 * same fields from the event's tag. */
typedef struct {
    const unsigned char *name;
    const LxmlNs *ns;
    PyObject *tag; /* borrowed from the cache */
    unsigned char skip, block, link, pre;
} TagInfo;

#define TAG_SLOTS 512      /* the cache's open-addressing table (a power of two) */
#define TAG_CACHED_MAX 384 /* names cached at most; the others are made each time */

/* The direct walk's tags by (name, namespace) pointers: libxml2 keeps one copy of each name
 * in the document's dictionary, so a page's ~800 elements share a few dozen pointers. */
struct TagCache {
    TagInfo slots[TAG_SLOTS];
    Py_ssize_t count;
    PyObject *overflow; /* owns the tags of names met past TAG_CACHED_MAX */
    PyObject *skip_tags, *block_set; /* borrowed */
};

static void
tag_cache_free(struct TagCache *cache)
{
    if (cache == NULL)
        return;
    for (Py_ssize_t k = 0; k < TAG_SLOTS; k++)
        Py_XDECREF(cache->slots[k].tag);
    Py_XDECREF(cache->overflow);
    PyMem_Free(cache);
}

/* lxml's tag of the node: its name, or "{href}name" in a namespace (lxml's _namespacedName). */
static PyObject *
node_tag(const LxmlNode *node)
{
    if (node->name == NULL) {
        PyErr_SetString(PyExc_ValueError, "page_walk_nodes: an element without a name");
        return NULL;
    }
    const char *name = (const char *)node->name;
    if (node->ns == NULL || node->ns->href == NULL)
        return PyUnicode_DecodeUTF8(name, (Py_ssize_t)strlen(name), NULL);
    const char *href = (const char *)node->ns->href;
    const size_t href_length = strlen(href), name_length = strlen(name);
    char *spelled = PyMem_Malloc(href_length + name_length + 2);
    if (spelled == NULL)
        return PyErr_NoMemory();
    spelled[0] = '{';
    memcpy(spelled + 1, href, href_length);
    spelled[href_length + 1] = '}';
    memcpy(spelled + href_length + 2, name, name_length);
    PyObject *tag = PyUnicode_DecodeUTF8(spelled, (Py_ssize_t)(href_length + name_length + 2), NULL);
    PyMem_Free(spelled);
    return tag;
}

/* Fills info for the tag (owned by the caller until stored): the sets' answers. */
static int
tag_facts(TagInfo *info, PyObject *tag, PyObject *skip_tags, PyObject *block_set)
{
    const int skip = skip_tags != NULL ? PySet_Contains(skip_tags, tag) : 0;
    const int block = PySet_Contains(block_set, tag);
    if (skip < 0 || block < 0)
        return -1;
    info->tag = tag;
    info->skip = (unsigned char)skip;
    info->block = (unsigned char)block;
    info->link = PyUnicode_CompareWithASCIIString(tag, "a") == 0;
    info->pre = !info->link && PyUnicode_CompareWithASCIIString(tag, "pre") == 0;
    return 0;
}

/* The node's TagInfo, from the cache or made (and kept) now. */
static int
tag_of(Walk *w, const LxmlNode *node, TagInfo *info)
{
    struct TagCache *cache = w->tags;
    const uintptr_t key = ((uintptr_t)node->name >> 3) ^ (((uintptr_t)node->ns >> 4) * 31u);
    TagInfo *empty = NULL;
    for (size_t probe = 0; probe < TAG_SLOTS; probe++) {
        TagInfo *slot = &cache->slots[(key + probe) & (TAG_SLOTS - 1)];
        if (slot->tag == NULL) {
            empty = slot;
            break;
        }
        if (slot->name == node->name && slot->ns == node->ns) {
            *info = *slot;
            return 0;
        }
    }
    PyObject *tag = node_tag(node);
    if (tag == NULL)
        return -1;
    if (tag_facts(info, tag, cache->skip_tags, cache->block_set) < 0) {
        Py_DECREF(tag);
        return -1;
    }
    info->name = node->name;
    info->ns = node->ns;
    if (empty != NULL && cache->count < TAG_CACHED_MAX) {
        *empty = *info; /* the slot owns the tag */
        cache->count++;
        return 0;
    }
    const int failed = PyList_Append(cache->overflow, tag);
    Py_DECREF(tag); /* the overflow list holds it */
    return failed;
}

/* The node's first attribute `name` without a namespace (libxml2's xmlGetNoNsProp's), or NULL. */
static const LxmlAttr *
find_attribute(const LxmlNode *node, const char *name)
{
    for (const LxmlAttr *attr = node->properties; attr != NULL; attr = attr->next)
        if (attr->ns == NULL && attr->name != NULL && attr->name[0] == (unsigned char)name[0] &&
            strcmp((const char *)attr->name, name) == 0)
            return attr;
    return NULL;
}

/* Reads the attribute as lxml's el.get(name) does (libxml2's xmlGetNoNsProp: its one text
 * node's content, "" for no node, None for a node without content). An attribute of another
 * shape is asked of the proxy's get. A new reference, NULL on an error. */
static PyObject *
attribute_text(Walk *w, LxmlNode *node, const LxmlAttr *attr, PyObject *name_str)
{
    const LxmlNode *child = attr->children;
    if (child == NULL)
        return Py_NewRef(w->empty);
    if (child->next == NULL && (child->type == LXML_TEXT_NODE || child->type == LXML_CDATA_SECTION_NODE)) {
        if (child->content == NULL)
            Py_RETURN_NONE;
        const char *content = (const char *)child->content;
        return PyUnicode_DecodeUTF8(content, (Py_ssize_t)strlen(content), NULL);
    }
    PyObject *proxy = w->factory(w->doc, node);
    if (proxy == NULL)
        return NULL;
    PyObject *value = PyObject_CallMethodOneArg(proxy, w->attribute_names[1], name_str);
    Py_DECREF(proxy);
    return value;
}

/* el.get(name) of the node: 1 with *value set (a new reference), 0 where it has no such
 * attribute, -1 on an error. */
static int
attribute_value(Walk *w, LxmlNode *node, const char *name, PyObject *name_str, PyObject **value)
{
    const LxmlAttr *attr = find_attribute(node, name);
    if (attr == NULL)
        return 0;
    *value = attribute_text(w, node, attr, name_str);
    return *value != NULL ? 1 : -1;
}

/* Appends (tag, class, id, role) of the node to the attributes list, read from libxml2's
 * attributes as node_attributes reads them through lxml. */
static int
append_node_attributes(Walk *w, LxmlNode *node)
{
    static const char *const names[3] = {"class", "id", "role"};
    TagInfo info;
    if (tag_of(w, node, &info) < 0)
        return -1;
    PyObject *row = PyTuple_New(4);
    if (row == NULL)
        return -1;
    Py_INCREF(info.tag);
    PyTuple_SET_ITEM(row, 0, info.tag);
    for (Py_ssize_t k = 0; k < 3; k++) {
        PyObject *value = NULL;
        const int found = attribute_value(w, node, names[k], w->attribute_names[k + 2], &value);
        if (found < 0) {
            Py_DECREF(row);
            return -1;
        }
        if (!found) {
            Py_INCREF(Py_None);
            value = Py_None;
        }
        PyTuple_SET_ITEM(row, k + 1, value);
    }
    const int failed = PyList_Append(w->attributes, row);
    Py_DECREF(row);
    return failed;
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
    if (at >= w->path.size || at >= w->path_nodes.size) {
        PyErr_SetString(PyExc_ValueError, "page_walk: a block element outside the open elements");
        return -1;
    }
    for (Py_ssize_t k = w->numbered; k <= at; k++) {
        NodeEntry *entry = &w->path.items[k];
        PyObject *proxy = entry_proxy(w, entry);
        if (proxy == NULL)
            return -1;
        w->path_nodes.items[k] = PyList_GET_SIZE(w->out[OUT_NODES]);
        if (PyList_Append(w->out[OUT_NODES], proxy) < 0)
            return -1;
        if (w->attributes != NULL &&
            (entry->node != NULL ? append_node_attributes(w, entry->node) : append_attributes(w, proxy)) < 0)
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
        PyObject *element = entry_proxy(w, &w->block_els.items[w->block_els.size - 1]);
        failed = element == NULL || PyList_Append(w->out[OUT_TEXTS], text) < 0 ||
                 PyList_Append(w->out[OUT_TAGS], list_last(w->block_tags)) < 0 ||
                 PyList_Append(w->out[OUT_ELEMENTS], element) < 0 ||
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

/* An element the walk enters (not skipped): its line break, its place on the stacks, its mark
 * (a body or drop mark, or NULL; the caller holds a reference), its link or <pre> depth.
 * `node` or `proxy` names the element. `counts` holds depth, element_count, link_depth, pre_depth. */
static int
open_element(Walk *w, LxmlNode *node, PyObject *proxy, const TagInfo *t, PyObject *mark, PyObject *body,
             Py_ssize_t *counts)
{
    if (t->block) {
        if (break_line(w) < 0 || PyList_Append(w->block_tags, t->tag) < 0 ||
            node_push(&w->block_els, node, proxy) < 0 || index_push(&w->block_at, w->path.size) < 0)
            return -1;
    }
    else if (mark != NULL && (PyList_GET_SIZE(w->parts) || w->part_links) && flush(w) < 0)
        return -1;
    if (node_push(&w->path, node, proxy) < 0 || index_push(&w->path_nodes, -1) < 0)
        return -1;
    if (mark != NULL) {
        const int is_body = is_body_mark(mark, body);
        if (is_body < 0)
            return -1;
        if (is_body)
            w->body_depth++;
        else {
            PyObject *label = PyObject_GetAttrString(mark, "label");
            const int failed = label == NULL || PyList_Append(w->drop_stack, label) < 0;
            Py_XDECREF(label);
            if (failed)
                return -1;
        }
    }
    if (t->link)
        counts[2]++;
    else if (t->pre)
        counts[3]++;
    return 0;
}

/* The end of an element the walk opened: the line break, the stacks popped, the mark undone. */
static int
close_element(Walk *w, const TagInfo *t, PyObject *mark, PyObject *body, Py_ssize_t *counts)
{
    counts[0]--;
    if (t->block) {
        if (break_line(w) < 0)
            return -1;
        if (PyList_GET_SIZE(w->block_tags) > 1) {
            if (list_pop(w->block_tags) < 0 || node_pop(&w->block_els) < 0)
                return -1;
            w->block_at.size--;
        }
    }
    else if (mark != NULL && (PyList_GET_SIZE(w->parts) || w->part_links) && flush(w) < 0)
        return -1;
    if (node_pop(&w->path) < 0)
        return -1;
    w->path_nodes.size--;
    if (w->numbered > w->path.size)
        w->numbered = w->path.size;
    if (mark != NULL) {
        const int is_body = is_body_mark(mark, body);
        if (is_body < 0)
            return -1;
        if (is_body)
            w->body_depth--;
        else if (PyList_GET_SIZE(w->drop_stack) && list_pop(w->drop_stack) < 0)
            return -1;
    }
    if (t->link)
        counts[2] = counts[2] > 0 ? counts[2] - 1 : 0;
    else if (t->pre)
        counts[3] = counts[3] > 0 ? counts[3] - 1 : 0;
    return 0;
}

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

/* The mark of the event's element (a new reference), NULL for none or on an error. */
static PyObject *
event_mark(const WalkInputs *in, PyObject *el)
{
    if (!PyDict_GET_SIZE(in->marks))
        return NULL;
    PyObject *mark = PyDict_GetItemWithError(in->marks, el);
    Py_XINCREF(mark); /* the dict's reference is borrowed: the walk's calls may run code */
    return mark;
}

/* A start event: returns the element's text to add (a new reference), Py_None for none, NULL
 * on an error. */
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
    PyObject *mark = event_mark(in, el);
    if (mark == NULL && PyErr_Occurred())
        return NULL;
    TagInfo t = {0};
    int failed = tag_facts(&t, tag, NULL, in->block_set) < 0;
    failed = failed || open_element(w, NULL, el, &t, mark, in->body, counts) < 0;
    Py_XDECREF(mark);
    return failed ? NULL : PyObject_GetAttr(el, in->text_name);
}

/* An end event of an element the walk opened (not skipped): 0, or -1 on an error. */
static int
end_element(Walk *w, const WalkInputs *in, PyObject *el, PyObject *tag, Py_ssize_t *counts)
{
    PyObject *mark = event_mark(in, el);
    if (mark == NULL && PyErr_Occurred())
        return -1;
    TagInfo t = {0};
    const int failed = tag_facts(&t, tag, NULL, in->block_set) < 0 || close_element(w, &t, mark, in->body, counts) < 0;
    Py_XDECREF(mark);
    return failed ? -1 : 0;
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

/* ---- page_walk_nodes: the same walk over libxml2's nodes ---- */

/* A marked element's node and its mark (a reference the walk holds). */
typedef struct {
    LxmlNode *node;
    PyObject *mark;
} NodeMark;

/* The direct walk's inputs besides WalkInputs': the marks by node, sorted for bsearch. */
typedef struct {
    NodeMark *marks;
    Py_ssize_t mark_count;
} NodeMarks;

#define WALK_ABORTED 1 /* the tree holds what only lxml's own walk reads (an entity reference) */

static int
compare_node_marks(const void *a, const void *b)
{
    const uintptr_t x = (uintptr_t)((const NodeMark *)a)->node, y = (uintptr_t)((const NodeMark *)b)->node;
    return (x > y) - (x < y);
}

/* The marks dict by node: a key is an element proxy, which lxml keeps one of per node while it
 * lives (the dict keeps it), so a node's mark is the one `marks.get(el)` finds. */
static int
node_marks_read(NodeMarks *found, PyObject *marks, PyTypeObject *element_type)
{
    const Py_ssize_t size = PyDict_GET_SIZE(marks);
    if (size == 0)
        return 0;
    found->marks = PyMem_Calloc((size_t)size, sizeof(NodeMark));
    if (found->marks == NULL) {
        PyErr_NoMemory();
        return -1;
    }
    PyObject *key, *value;
    Py_ssize_t pos = 0;
    while (PyDict_Next(marks, &pos, &key, &value) && found->mark_count < size) {
        if (!PyObject_TypeCheck(key, element_type) || ((LxmlElement *)key)->c_node == NULL)
            continue;
        Py_INCREF(value);
        found->marks[found->mark_count].node = ((LxmlElement *)key)->c_node;
        found->marks[found->mark_count].mark = value;
        found->mark_count++;
    }
    qsort(found->marks, (size_t)found->mark_count, sizeof(NodeMark), compare_node_marks);
    return 0;
}

static void
node_marks_free(NodeMarks *found)
{
    for (Py_ssize_t k = 0; k < found->mark_count; k++)
        Py_DECREF(found->marks[k].mark);
    PyMem_Free(found->marks);
}

/* The node's mark (borrowed: the NodeMarks hold it), or NULL. */
static PyObject *
node_mark(const NodeMarks *marks, LxmlNode *node)
{
    if (marks->mark_count == 0)
        return NULL;
    const NodeMark probe = {node, NULL};
    const NodeMark *hit = bsearch(&probe, marks->marks, (size_t)marks->mark_count, sizeof(NodeMark), compare_node_marks);
    return hit != NULL ? hit->mark : NULL;
}

/* is_hidden over the node's attributes: `hidden` (any value lxml reads as a str), or a `style`
 * the `hides` callable finds hiding. */
static int
node_hidden(Walk *w, const WalkInputs *in, LxmlNode *node)
{
    const LxmlAttr *hidden = NULL, *style = NULL;
    for (const LxmlAttr *attr = node->properties; attr != NULL; attr = attr->next) {
        if (attr->ns != NULL || attr->name == NULL)
            continue;
        const char *name = (const char *)attr->name;
        if (hidden == NULL && name[0] == 'h' && strcmp(name, "hidden") == 0)
            hidden = attr;
        else if (style == NULL && name[0] == 's' && strcmp(name, "style") == 0)
            style = attr;
    }
    if (hidden != NULL) {
        PyObject *value = attribute_text(w, node, hidden, in->hidden_name);
        if (value == NULL)
            return -1;
        const int is_hidden = value != Py_None;
        Py_DECREF(value);
        if (is_hidden)
            return 1;
    }
    if (style == NULL)
        return 0;
    PyObject *value = attribute_text(w, node, style, in->style_name);
    if (value == NULL || value == Py_None) {
        Py_XDECREF(value);
        return value == NULL ? -1 : 0;
    }
    PyObject *hit = PyObject_CallOneArg(in->hides, value);
    Py_DECREF(value);
    if (hit == NULL)
        return -1;
    const int hides = PyObject_IsTrue(hit);
    Py_DECREF(hit);
    return hides;
}

static int
is_ascii_space_only(const char *bytes, size_t length)
{
    for (size_t i = 0; i < length; i++)
        if ((unsigned char)bytes[i] >= 128 || !cleaner_is_py_space((unsigned char)bytes[i]))
            return 0;
    return 1;
}

/* The text lxml reads from the run of text nodes at `first` (el.text from the children, el.tail
 * from the next sibling: lxml's _collectText, which steps over XInclude markers), added to the
 * line. White space opening a line is counted without a str made for it. */
static int
add_node_text(Walk *w, const WalkInputs *in, const LxmlNode *first, const Py_ssize_t *counts, long long *text_depth)
{
    size_t total = 0;
    Py_ssize_t runs = 0;
    const LxmlNode *last = NULL;
    for (const LxmlNode *c = first; c != NULL; c = c->next) {
        if (c->type == LXML_TEXT_NODE || c->type == LXML_CDATA_SECTION_NODE) {
            if (c->content != NULL)
                total += strlen((const char *)c->content);
            runs++;
            last = c;
        }
        else if (c->type != LXML_XINCLUDE_START && c->type != LXML_XINCLUDE_END)
            break;
    }
    if (total == 0)
        return 0;
    char *joined = NULL;
    const char *bytes = (const char *)last->content;
    if (runs > 1) {
        joined = PyMem_Malloc(total);
        if (joined == NULL) {
            PyErr_NoMemory();
            return -1;
        }
        size_t at = 0;
        for (const LxmlNode *c = first; c != NULL && at < total; c = c->next) {
            if ((c->type == LXML_TEXT_NODE || c->type == LXML_CDATA_SECTION_NODE) && c->content != NULL) {
                const size_t length = strlen((const char *)c->content);
                memcpy(joined + at, c->content, length < total - at ? length : total - at);
                at += length;
            }
            else if (c->type != LXML_TEXT_NODE && c->type != LXML_CDATA_SECTION_NODE &&
                     c->type != LXML_XINCLUDE_START && c->type != LXML_XINCLUDE_END)
                break;
        }
        bytes = joined;
    }
    if (!PyList_GET_SIZE(w->parts) && !counts[3] && is_ascii_space_only(bytes, total)) {
        /* add_text's first test, answered on the bytes: one character a byte */
        *text_depth += (long long)total * (long long)counts[0];
        if (counts[2])
            w->part_links += (Py_ssize_t)total;
        PyMem_Free(joined);
        return 0;
    }
    PyObject *text = PyUnicode_DecodeUTF8(bytes, (Py_ssize_t)total, NULL);
    PyMem_Free(joined);
    if (text == NULL)
        return -1;
    *text_depth += (long long)PyUnicode_GET_LENGTH(text) * (long long)counts[0];
    const int failed = add_text(w, text, counts[2], counts[3], in->newline_lines);
    Py_DECREF(text);
    return failed;
}

/* The first element at or after `node` among its siblings (comments and processing
 * instructions are stepped over, as iterwalk does); WALK_ABORTED at an entity reference. */
static int
next_element(LxmlNode *node, LxmlNode **found)
{
    *found = NULL;
    for (; node != NULL; node = node->next) {
        if (node->type == LXML_ELEMENT_NODE) {
            *found = node;
            return 0;
        }
        if (node->type == LXML_ENTITY_REF_NODE)
            return WALK_ABORTED;
    }
    return 0;
}

/* The start of the node: 1 where the walk goes into it, 0 where it skips it, -1 on an error. */
static int
enter_node(Walk *w, const WalkInputs *in, const NodeMarks *marks, LxmlNode *node, Py_ssize_t *counts,
           long long *text_depth)
{
    TagInfo t;
    if (tag_of(w, node, &t) < 0)
        return -1;
    counts[0]++;
    counts[1]++;
    const int skip = t.skip ? 1 : node_hidden(w, in, node);
    if (skip)
        return skip < 0 ? -1 : 0;
    if (open_element(w, node, NULL, &t, node_mark(marks, node), in->body, counts) < 0)
        return -1;
    return add_node_text(w, in, node->children, counts, text_depth) < 0 ? -1 : 1;
}

/* The end of the node (`skipped`: its start skipped it), then its tail. */
static int
leave_node(Walk *w, const WalkInputs *in, const NodeMarks *marks, LxmlNode *node, int skipped, Py_ssize_t *counts,
           long long *text_depth)
{
    if (skipped)
        counts[0]--;
    else {
        TagInfo t;
        if (tag_of(w, node, &t) < 0 || close_element(w, &t, node_mark(marks, node), in->body, counts) < 0)
            return -1;
    }
    return add_node_text(w, in, node->next, counts, text_depth);
}

/* The walk from `root` in document order, iteratively (pages nest thousands deep): 0,
 * WALK_ABORTED, or -1 on an error. The tree does not change under it: the walk calls only
 * `hides` (a regex search), lxml's proxy factory and the marks' attribute reads. */
static int
walk_nodes(Walk *w, const WalkInputs *in, const NodeMarks *marks, LxmlNode *root, Py_ssize_t *counts,
           long long *text_depth)
{
    LxmlNode *node = root;
    for (;;) {
        const int entered = enter_node(w, in, marks, node, counts, text_depth);
        if (entered < 0)
            return -1;
        LxmlNode *child = NULL;
        if (entered && next_element(node->children, &child) == WALK_ABORTED)
            return WALK_ABORTED;
        if (child != NULL) {
            node = child;
            continue;
        }
        int skipped = !entered;
        for (;;) {
            if (leave_node(w, in, marks, node, skipped, counts, text_depth) < 0)
                return -1;
            if (node == root)
                return 0;
            LxmlNode *sibling = NULL;
            if (next_element(node->next, &sibling) == WALK_ABORTED)
                return WALK_ABORTED;
            if (sibling != NULL) {
                node = sibling;
                break;
            }
            node = node->parent;
            skipped = 0;
            if (node == NULL) {
                PyErr_SetString(PyExc_ValueError, "page_walk_nodes: a node outside the root's subtree");
                return -1;
            }
        }
    }
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
        PyErr_SetString(PyExc_TypeError, "page_walk takes 10 arguments (page_walk_nodes 12)");
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
    Py_XDECREF(w->drop_stack);
    Py_XDECREF(w->empty);
    Py_XDECREF(w->space);
    Py_XDECREF(w->newline);
    for (Py_ssize_t k = 0; k < ATTRIBUTE_NAMES; k++)
        Py_XDECREF(w->attribute_names[k]);
    node_stack_free(&w->path);
    node_stack_free(&w->block_els);
    PyMem_Free(w->path_nodes.items);
    PyMem_Free(w->block_at.items);
    tag_cache_free(w->tags);
}

/* The walk's stacks as walk_python starts them: the root line's tag "html", no element. */
static int
walk_init(Walk *w, PyObject *out)
{
    static const char *const spelled[ATTRIBUTE_NAMES] = {"tag", "get", "class", "id", "role"};
    for (Py_ssize_t k = 0; k < WALK_OUTPUTS; k++)
        w->out[k] = PyTuple_GET_ITEM(out, k);
    if (PyTuple_GET_SIZE(out) == WALK_OUTPUTS_WITH_ATTRIBUTES)
        w->attributes = PyTuple_GET_ITEM(out, WALK_OUTPUTS);
    for (Py_ssize_t k = 0; k < ATTRIBUTE_NAMES; k++)
        if ((w->attribute_names[k] = PyUnicode_InternFromString(spelled[k])) == NULL)
            return -1;
    w->parts = PyList_New(0);
    w->block_tags = Py_BuildValue("[s]", "html");
    w->drop_stack = PyList_New(0);
    w->empty = PyUnicode_FromString("");
    w->space = PyUnicode_FromString(" ");
    w->newline = PyUnicode_FromString("\n");
    if (w->parts == NULL || w->block_tags == NULL || w->drop_stack == NULL || w->empty == NULL || w->space == NULL ||
        w->newline == NULL)
        return -1;
    if (node_push(&w->block_els, NULL, Py_None) < 0)
        return -1;
    return index_push(&w->block_at, -1);
}

/* The names both walks read, made once per call. */
static int
inputs_init(WalkInputs *in)
{
    in->body = PyUnicode_FromString("body");
    in->tag_name = PyUnicode_InternFromString("tag");
    in->text_name = PyUnicode_InternFromString("text");
    in->tail_name = PyUnicode_InternFromString("tail");
    in->get_name = PyUnicode_InternFromString("get");
    in->hidden_name = PyUnicode_InternFromString("hidden");
    in->style_name = PyUnicode_InternFromString("style");
    return in->get_name == NULL || in->hidden_name == NULL || in->style_name == NULL || in->tag_name == NULL ||
                   in->text_name == NULL || in->tail_name == NULL || in->body == NULL
               ? -1
               : 0;
}

static void
inputs_clear(WalkInputs *in)
{
    Py_XDECREF(in->body);
    Py_XDECREF(in->skip_subtree);
    Py_XDECREF(in->tag_name);
    Py_XDECREF(in->text_name);
    Py_XDECREF(in->tail_name);
    Py_XDECREF(in->get_name);
    Py_XDECREF(in->hidden_name);
    Py_XDECREF(in->style_name);
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
    if (any_body < 0 || read_invisible(&w, args[6]) < 0 || walk_init(&w, args[9]) < 0 || inputs_init(&in) < 0)
        goto done;
    w.any_body = any_body;
    in.skip_subtree = PyObject_GetAttrString(args[0], "skip_subtree");
    if (in.skip_subtree == NULL || (iter = PyObject_GetIter(args[0])) == NULL)
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
    inputs_clear(&in);
    walk_clear(&w);
    return result;
}

/* The root's node where the direct walk can read it: an lxml element (TypeError otherwise)
 * whose proxy has the layout _lxml_nodes.h declares, an element node of an HTML document
 * (what parse_html makes). NULL without an error where the walk must be lxml's. */
static LxmlNode *
walkable_root(PyObject *root, PyObject *element_type)
{
    if (!PyType_Check(element_type) || strcmp(((PyTypeObject *)element_type)->tp_name, "lxml.etree._Element") != 0) {
        PyErr_SetString(PyExc_TypeError, "page_walk_nodes: element_type must be lxml.etree._Element");
        return NULL;
    }
    if (!PyObject_TypeCheck(root, (PyTypeObject *)element_type)) {
        PyErr_SetString(PyExc_TypeError, "page_walk_nodes: root must be an lxml element");
        return NULL;
    }
    const LxmlElement *element = (const LxmlElement *)root;
    if (element->doc == NULL || strcmp(Py_TYPE(element->doc)->tp_name, "lxml.etree._Document") != 0)
        return NULL;
    LxmlNode *node = element->c_node;
    if (node == NULL || node->type != LXML_ELEMENT_NODE || node->doc == NULL ||
        node->doc->type != LXML_HTML_DOCUMENT_NODE)
        return NULL;
    return node;
}

/* page_walk_nodes(root, element_type, element_factory, marks, hides, skip_tags, block_tags,
 * newline_lines, invisible, strip, any_body, out): page_walk's walk over root's libxml2 nodes
 * (element_type: lxml.etree._Element; element_factory: lxml's elementFactory capsule). Gives
 * (text_depth, element_count), or None where only lxml's own walk can read the tree (then the
 * lists hold a part of the outputs: the caller empties them and walks with page_walk). */
static PyObject *
native_page_walk_nodes(PyObject *module, PyObject *const *args, Py_ssize_t nargs)
{
    (void)module;
    if (nargs != 12 || check_arguments(args + 2, nargs - 2) < 0) {
        if (!PyErr_Occurred())
            PyErr_SetString(PyExc_TypeError, "page_walk_nodes takes 12 arguments");
        return NULL;
    }
    LxmlNode *root = walkable_root(args[0], args[1]);
    if (root == NULL) {
        if (PyErr_Occurred())
            return NULL;
        Py_RETURN_NONE;
    }
    if (!PyCapsule_IsValid(args[2], LXML_ELEMENT_FACTORY_SIGNATURE)) {
        PyErr_SetString(PyExc_TypeError, "page_walk_nodes: element_factory must be lxml's elementFactory capsule");
        return NULL;
    }
    Walk w = {0};
    NodeMarks marks = {0};
    PyObject *result = NULL;
    WalkInputs in = {args[3], args[4], args[5], args[6], args[7], NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL};
    w.strip = args[9];
    w.doc = ((LxmlElement *)args[0])->doc;
    w.factory = (LxmlElementFactory)PyCapsule_GetPointer(args[2], LXML_ELEMENT_FACTORY_SIGNATURE);
    const int any_body = PyObject_IsTrue(args[10]);
    if (w.factory == NULL || any_body < 0 || read_invisible(&w, args[8]) < 0 || walk_init(&w, args[11]) < 0 ||
        inputs_init(&in) < 0 || node_marks_read(&marks, args[3], (PyTypeObject *)args[1]) < 0)
        goto done;
    w.any_body = any_body;
    w.tags = PyMem_Calloc(1, sizeof(struct TagCache));
    if (w.tags == NULL) {
        PyErr_NoMemory();
        goto done;
    }
    w.tags->skip_tags = args[5];
    w.tags->block_set = args[6];
    if ((w.tags->overflow = PyList_New(0)) == NULL)
        goto done;
    Py_ssize_t counts[4] = {0, 0, 0, 0}; /* depth, element_count, link_depth, pre_depth */
    long long text_depth = 0;
    const int walked = walk_nodes(&w, &in, &marks, root, counts, &text_depth);
    if (walked == WALK_ABORTED) {
        result = Py_NewRef(Py_None);
        goto done;
    }
    if (walked < 0 || (PyList_GET_SIZE(w.parts) && flush(&w) < 0))
        goto done;
    result = Py_BuildValue("(Ln)", text_depth, counts[1]);
done:
    node_marks_free(&marks);
    inputs_clear(&in);
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
    {"page_walk_nodes", (PyCFunction)(void (*)(void))native_page_walk_nodes, METH_FASTCALL,
     "page_walk_nodes(root, element_type, element_factory, marks, hides, skip_tags, block_tags, newline_lines, "
     "invisible, strip, any_body, out): page_walk over root's libxml2 nodes read directly; (text_depth, "
     "element_count), or None where the tree needs lxml's own walk."},
    {"page_blocks", (PyCFunction)(void (*)(void))native_page_blocks, METH_FASTCALL,
     "page_blocks(texts, block_type): page_text's blocks, block_type(i, start, end, text) for each text."},
    {NULL, NULL, 0, NULL},
};
