/* The boosted trees' walk (trees.TreeEnsemble.logits): tree_walker packs an ensemble's
 * heap arrays once, tree_logits walks a page's rows through it.
 *
 * Why not the heap itself: the html trees are complete heaps of depth 10 (2,047 slots a
 * tree) holding 31 leaves, so a row's walk touched some ten cache lines a tree, a thousand
 * a row, spread over 3 MB an ensemble. The walk reads a compact copy instead: each tree's
 * real splits and leaves alone (the +inf fillers above a shallow leaf send every row left:
 * they are skipped), two children side by side, a leaf pointing to itself; about 1 KB a
 * tree. Rows go through a tree a block at a time (the block's steps of one level are
 * independent, so their loads overlap, and the tree stays in L1 for the whole block); each
 * tree walks only as many levels as its deepest leaf. A row holding NaN in a column the
 * heap reads is walked on the heap as before (NaN <= +inf is false: a filler sends it
 * right, the compact copy cannot say where), so the leaves, and the sums, stay the heap's. */

#include "_compiled.h"

#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

/* A C-contiguous buffer of float64 (`floats`) or of integers the size of Py_ssize_t, or
 * an error naming it: a buffer of any other items is refused, never misread. */
static int
get_buffer(PyObject *obj, Py_buffer *view, int floats, const char *name)
{
    if (PyObject_GetBuffer(obj, view, PyBUF_C_CONTIGUOUS | PyBUF_FORMAT) < 0)
        return -1;
    const char *format = view->format == NULL ? "B" : view->format;
    if (*format == '@' || *format == '=' || *format == '<')
        format++;
    const int ok = floats ? view->itemsize == sizeof(double) && strcmp(format, "d") == 0
                          : view->itemsize == sizeof(Py_ssize_t) && format[0] != '\0' && format[1] == '\0' &&
                                strchr("lqn", format[0]) != NULL;
    if (!ok) {
        PyErr_Format(PyExc_ValueError, "tree_logits: %s must hold %s, not '%s'", name,
                     floats ? "float64" : "intp", view->format == NULL ? "B" : view->format);
        PyBuffer_Release(view);
        return -1;
    }
    return 0;
}

/* The rows x columns float64 matrix x in any layout (a page's article_matrix is the
 * transpose of the array it fills, so its columns are contiguous): read through its
 * strides, never copied. */
static int
get_matrix(PyObject *obj, Py_buffer *view)
{
    if (PyObject_GetBuffer(obj, view, PyBUF_STRIDES | PyBUF_FORMAT) < 0)
        return -1;
    const char *format = view->format == NULL ? "B" : view->format;
    if (*format == '@' || *format == '=' || *format == '<')
        format++;
    if (view->ndim != 2 || view->itemsize != sizeof(double) || strcmp(format, "d") != 0) {
        PyErr_SetString(PyExc_ValueError, "tree_logits: x must be a 2-d float64 array");
        PyBuffer_Release(view);
        return -1;
    }
    return 0;
}

/* numpy's sum of n float64 in a row (DOUBLE_pairwise_sum, what ndarray.sum(axis=1) runs on
 * a C-contiguous row): fewer than 8 added in order, up to 128 in eight running sums
 * joined as a tree, and longer halves (the first a multiple of 8) summed apart. The same
 * additions in the same order, so the same bits. */
static double
pairwise_sum(const double *a, Py_ssize_t n)
{
    if (n < 8) {
        double res = -0.0;
        for (Py_ssize_t i = 0; i < n; i++)
            res += a[i];
        return res;
    }
    if (n <= 128) {
        double r[8];
        for (int k = 0; k < 8; k++)
            r[k] = a[k];
        Py_ssize_t i;
        for (i = 8; i < n - (n % 8); i += 8)
            for (int k = 0; k < 8; k++)
                r[k] += a[i + k];
        double res = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
        for (; i < n; i++)
            res += a[i];
        return res;
    }
    Py_ssize_t n2 = n / 2;
    n2 -= n2 % 8;
    return pairwise_sum(a, n2) + pairwise_sum(a + n2, n - n2);
}

/* One slot of a tree as the walk reads it (heap or compact). */
struct tree_node {
    double threshold; /* go left when the column is at most this (NaN at a compact leaf: never) */
    int32_t column;   /* the column read here */
    int32_t right;    /* the right child's slot; the left one is the slot before it */
};                    /* 16 bytes: four slots a cache line */
/* compact_leaves reads a node's column and right in one 8-byte load: right follows column. */
typedef char tree_node_pair_check[offsetof(struct tree_node, right) == offsetof(struct tree_node, column) + 4 ? 1 : -1];
#define TREE_MAX_SLOTS INT32_MAX /* slots and columns a tree_node's int32 fields index */
/* Rows walked through a tree together: their steps of a level are independent loads. Over
 * the dev pages' 400 html walks (69,332 rows, a noisy shared host) 8 rows took 60 ms, 16 rows
 * the same, 4 rows 95 and 32 rows 72; the heap walk a row at a time took 82.
 * The article-line model's trees (120 of depth 5, the dev pages' 29,945 extracted lines)
 * took 15 ms at 16 rows, 18 at 8 and at 32: 16 it is. */
#define TREE_BLOCK_ROWS 16
/* Rows gathered at a time (a panel): each tree walks the panel's blocks one after another,
 * so its nodes are read from L1 again, where the 120 trees of a block (~120 KB) were not.
 * The article-line trees over the dev pages' extracted lines: 64 rows ~10% faster than 16
 * alone, 32 and 128 between, 256 slower. */
#define TREE_PANEL_ROWS 64
/* Ensembles this shallow (the article-line model's: depth 5) are walked as complete heaps:
 * a step is then the child's slot by arithmetic (2k + 1, + 1 to the right) from a node's
 * 2-byte column and its threshold, with no child index to load and no capsule of fillers
 * to skip; a tree of depth 6 holds 63 splits, ~700 bytes. Deeper heaps (the html trees:
 * depth 10, mostly fillers) keep the compact copy. */
#define SHALLOW_MAX_DEPTH 6
/* the columns whose place in a panel's column-major block (column * TREE_PANEL_ROWS) a
 * uint16_t names */
#define SHALLOW_MAX_COLUMNS (65536 / TREE_PANEL_ROWS)
/* numpy's pairwise sum of at most this many values (a row's leaves) runs eight sums side
 * by side (pairwise_sum): the shallow walk sums the same way as it goes; an ensemble of
 * more trees takes the compact walk, its leaves stored and summed after. */
#define SUM_MAX_TREES 128
#define SUM_LANES 8
/* Rows walked through a tree side by side in the shallow walk: their steps are
 * independent, and four slots stay in registers. */
#define SHALLOW_ROWS 4

/* A tree ensemble made ready to walk (tree_walker), held by a capsule: checked once when
 * made, so each walk (a page of a few dozen lines, thousands of times) needs no test. */
struct tree_walk {
    Py_ssize_t slots, trees, depth, columns;
    struct tree_node *node; /* slots: the heap, for rows holding NaN */
    Py_ssize_t *roots;      /* trees */
    double *value;          /* slots: the heap's leaf values */
    struct tree_node *compact; /* each tree's splits and leaves, its root first */
    double *compact_value;     /* per compact slot: the leaf's value (0 at a split) */
    int32_t *compact_root;     /* trees: each tree's root slot in compact */
    int32_t *compact_depth;    /* trees: the levels to its deepest leaf */
    int32_t *read;             /* the columns the heap walk can read, ascending */
    Py_ssize_t reads;
    /* A shallow ensemble (depth <= SHALLOW_MAX_DEPTH) walked as complete heaps instead
     * (shallow_leaves): each tree's splits in heap order, its leaves after them. */
    Py_ssize_t shallow_depth;    /* the heap's depth; 0: no shallow copy, the compact walk */
    uint16_t *shallow_column;    /* trees x (2**depth - 1): the column read at each split */
    double *shallow_threshold;   /* trees x (2**depth - 1): its threshold */
    double *shallow_value;       /* trees x 2**depth: the value at each bottom slot */
};

static const char TREE_WALK_NAME[] = "cleaner.native.tree_walk";

static void
tree_walk_free(struct tree_walk *walk)
{
    if (walk == NULL)
        return;
    PyMem_Free(walk->node);
    PyMem_Free(walk->roots);
    PyMem_Free(walk->value);
    PyMem_Free(walk->compact);
    PyMem_Free(walk->compact_value);
    PyMem_Free(walk->compact_root);
    PyMem_Free(walk->compact_depth);
    PyMem_Free(walk->read);
    PyMem_Free(walk->shallow_column);
    PyMem_Free(walk->shallow_threshold);
    PyMem_Free(walk->shallow_value);
    PyMem_Free(walk);
}

static void
free_tree_walk(PyObject *capsule)
{
    tree_walk_free(PyCapsule_GetPointer(capsule, TREE_WALK_NAME));
}

/* The heap slot a row reaches from `slot` at `level` when every split it meets below is
 * a +inf filler (every row not NaN goes left): where a compact slot starts its walk. */
static Py_ssize_t
skip_fillers(const struct tree_walk *walk, Py_ssize_t slot, Py_ssize_t *level)
{
    while (*level < walk->depth && walk->node[slot].threshold == INFINITY) {
        slot = walk->node[slot].right - 1;
        (*level)++;
    }
    return slot;
}

/* Packs the heap tree rooted at `root` into walk->compact from slot `first` on: breadth
 * first, a split's two children in adjacent slots, a leaf (a slot at the last level,
 * reached past the fillers) pointing to itself. The heap's reachable slots were checked by
 * the caller, so every step stays in range; a tree has at most `room` = 2**(depth+1) - 1
 * compact slots, and `scratch` holds 3 * room. Returns the slots used; sets `*levels` to the
 * levels from the root to the deepest leaf. */
static Py_ssize_t
pack_tree(struct tree_walk *walk, Py_ssize_t root, Py_ssize_t first, Py_ssize_t room, Py_ssize_t *scratch,
          int32_t *levels)
{
    Py_ssize_t *heap_slot = scratch, *heap_level = scratch + room, *compact_level = scratch + 2 * room;
    Py_ssize_t level = 0;
    heap_slot[0] = skip_fillers(walk, root, &level);
    heap_level[0] = level;
    compact_level[0] = 0;
    Py_ssize_t end = 1, deepest = 0;
    for (Py_ssize_t k = 0; k < end; k++) {
        struct tree_node *node = walk->compact + first + k;
        const Py_ssize_t slot = heap_slot[k], at = heap_level[k];
        if (compact_level[k] > deepest)
            deepest = compact_level[k];
        if (at >= walk->depth) { /* a leaf: x <= NaN is never true, so it stays */
            node->threshold = NAN;
            node->column = walk->reads ? walk->read[0] : 0; /* a column tree_logits gathers */
            node->right = (int32_t)(first + k);
            walk->compact_value[first + k] = walk->value[slot];
            continue;
        }
        const struct tree_node *split = walk->node + slot;
        node->threshold = split->threshold;
        node->column = split->column;
        node->right = (int32_t)(first + end + 1);
        walk->compact_value[first + k] = 0.0;
        for (int side = 0; side < 2; side++) { /* left (right - 1), then right */
            Py_ssize_t child_level = at + 1;
            heap_slot[end] = skip_fillers(walk, split->right - 1 + side, &child_level);
            heap_level[end] = child_level;
            compact_level[end] = compact_level[k] + 1;
            end++;
        }
    }
    *levels = (int32_t)deepest;
    return end;
}

/* Copies each tree's heap (checked by the caller) into walk->shallow_*: the slot a row
 * reaches from the root by going left (0) or right (1) at each level, numbered as in a
 * complete heap (slot k's children at 2k + 1 and 2k + 2), whatever the heap's own
 * numbering: its right children are followed, so a row walks the same slots in both. */
static int
pack_shallow(struct tree_walk *walk)
{
    const Py_ssize_t depth = walk->depth, inner = ((Py_ssize_t)1 << depth) - 1, trees = walk->trees;
    const Py_ssize_t splits = trees ? trees * inner : 1, bottoms = trees ? trees * (inner + 1) : 1;
    walk->shallow_column = PyMem_New(uint16_t, splits);
    walk->shallow_threshold = PyMem_New(double, splits);
    walk->shallow_value = PyMem_New(double, bottoms);
    if (walk->shallow_column == NULL || walk->shallow_threshold == NULL || walk->shallow_value == NULL) {
        PyErr_NoMemory();
        return -1;
    }
    Py_ssize_t heap_slot[2 << SHALLOW_MAX_DEPTH]; /* per complete-heap slot, the heap's slot */
    for (Py_ssize_t t = 0; t < trees; t++) {
        heap_slot[0] = walk->roots[t];
        for (Py_ssize_t k = 0; k < inner; k++) {
            const struct tree_node *node = walk->node + heap_slot[k];
            walk->shallow_column[t * inner + k] = (uint16_t)(node->column * TREE_PANEL_ROWS);
            walk->shallow_threshold[t * inner + k] = node->threshold;
            heap_slot[2 * k + 1] = node->right - 1;
            heap_slot[2 * k + 2] = node->right;
        }
        for (Py_ssize_t k = 0; k <= inner; k++)
            walk->shallow_value[t * (inner + 1) + k] = walk->value[heap_slot[inner + k]];
    }
    walk->shallow_depth = depth;
    return 0;
}

/* tree_walker(feature, threshold, right, roots, value, depth, columns): trees.TreeEnsemble's
 * heap arrays (feature, right, roots: intp; threshold, value: float64) made into a walk
 * for rows of `columns` columns, in a capsule for tree_logits: the heap's slots (each
 * slot's column, threshold and right child side by side) and the compact copy. The slots
 * a walk can step from (the roots, then both children of each, depth - 1 times) are
 * checked here: an ensemble whose walk could leave its slots or the columns is a
 * ValueError, whatever rows come. */
static PyObject *
native_tree_walker(PyObject *module, PyObject *const *args, Py_ssize_t nargs)
{
    (void)module;
    if (nargs != 7) {
        PyErr_SetString(PyExc_TypeError,
                        "tree_walker(feature, threshold, right, roots, value, depth, columns) takes 7 arguments");
        return NULL;
    }
    const Py_ssize_t depth = PyLong_AsSsize_t(args[5]), columns = PyLong_AsSsize_t(args[6]);
    if ((depth == -1 || columns == -1) && PyErr_Occurred())
        return NULL;
    if (depth < 0 || columns < 0) {
        PyErr_SetString(PyExc_ValueError, "tree_walker: depth and columns must not be negative");
        return NULL;
    }
    PyObject *capsule = NULL;
    struct tree_walk *walk = NULL;
    unsigned char *reach = NULL, *column_read = NULL;
    Py_ssize_t *scratch = NULL;
    Py_buffer fb, tb, rb, ob, vb;
    if (get_buffer(args[0], &fb, 0, "feature") < 0)
        return NULL;
    if (get_buffer(args[1], &tb, 1, "threshold") < 0)
        goto release_f;
    if (get_buffer(args[2], &rb, 0, "right") < 0)
        goto release_t;
    if (get_buffer(args[3], &ob, 0, "roots") < 0)
        goto release_r;
    if (get_buffer(args[4], &vb, 1, "value") < 0)
        goto release_o;
    const double *threshold = tb.buf, *value = vb.buf;
    const Py_ssize_t *feature = fb.buf, *right = rb.buf, *roots = ob.buf;
    const Py_ssize_t slots = fb.len / (Py_ssize_t)sizeof(Py_ssize_t);
    const Py_ssize_t trees = ob.len / (Py_ssize_t)sizeof(Py_ssize_t);
    if (tb.len / (Py_ssize_t)sizeof(double) != slots || rb.len / (Py_ssize_t)sizeof(Py_ssize_t) != slots ||
        vb.len / (Py_ssize_t)sizeof(double) != slots) {
        PyErr_SetString(PyExc_ValueError, "tree_walker: array sizes do not match");
        goto release_all;
    }
    /* the compact copy holds at most 2**(depth+1) - 1 slots a tree, in int32 indices */
    if (slots > TREE_MAX_SLOTS || columns > TREE_MAX_SLOTS || depth > 30 ||
        (trees && ((Py_ssize_t)1 << (depth + 1)) > TREE_MAX_SLOTS / trees)) {
        PyErr_SetString(PyExc_ValueError, "tree_walker: too many slots or columns");
        goto release_all;
    }
    const Py_ssize_t tree_room = ((Py_ssize_t)1 << (depth + 1)) - 1, room = trees * tree_room;
    walk = PyMem_Calloc(1, sizeof(struct tree_walk));
    reach = PyMem_Calloc(2 * (size_t)(slots ? slots : 1), 1);
    column_read = PyMem_Calloc((size_t)(columns ? columns : 1), 1);
    scratch = PyMem_New(Py_ssize_t, 3 * tree_room);
    if (walk == NULL || reach == NULL || column_read == NULL || scratch == NULL) {
        PyErr_NoMemory();
        goto release_all;
    }
    walk->node = PyMem_New(struct tree_node, slots ? slots : 1);
    walk->roots = PyMem_New(Py_ssize_t, trees ? trees : 1);
    walk->value = PyMem_New(double, slots ? slots : 1);
    walk->compact = PyMem_New(struct tree_node, room ? room : 1);
    walk->compact_value = PyMem_New(double, room ? room : 1);
    walk->compact_root = PyMem_New(int32_t, trees ? trees : 1);
    walk->compact_depth = PyMem_New(int32_t, trees ? trees : 1);
    walk->read = PyMem_New(int32_t, columns ? columns : 1);
    if (walk->node == NULL || walk->roots == NULL || walk->value == NULL || walk->compact == NULL ||
        walk->compact_value == NULL || walk->compact_root == NULL || walk->compact_depth == NULL ||
        walk->read == NULL) {
        PyErr_NoMemory();
        goto release_all;
    }
    walk->slots = slots;
    walk->trees = trees;
    walk->depth = depth;
    walk->columns = columns;
    unsigned char *now = reach, *next = reach + slots;
    for (Py_ssize_t t = 0; t < trees; t++) {
        if (roots[t] < 0 || roots[t] >= slots)
            goto out_of_range;
        now[roots[t]] = 1;
        walk->roots[t] = roots[t];
    }
    for (Py_ssize_t level = 0; level < depth; level++) {
        memset(next, 0, (size_t)slots);
        for (Py_ssize_t k = 0; k < slots; k++) {
            if (!now[k])
                continue;
            if (feature[k] < 0 || feature[k] >= columns || right[k] < 1 || right[k] >= slots)
                goto out_of_range;
            column_read[feature[k]] = 1;
            next[right[k] - 1] = next[right[k]] = 1;
        }
        unsigned char *swap = now;
        now = next;
        next = swap;
    }
    for (Py_ssize_t k = 0; k < slots; k++) {
        walk->node[k].column = (int32_t)feature[k]; /* reached slots' checked above; others never read */
        walk->node[k].threshold = threshold[k];
        walk->node[k].right = (int32_t)right[k];
        walk->value[k] = value[k];
    }
    for (Py_ssize_t column = 0; column < columns; column++)
        if (column_read[column])
            walk->read[walk->reads++] = (int32_t)column;
    Py_ssize_t used = 0;
    for (Py_ssize_t t = 0; t < trees; t++) {
        walk->compact_root[t] = (int32_t)used;
        used += pack_tree(walk, walk->roots[t], used, tree_room, scratch, &walk->compact_depth[t]);
    }
    if (depth >= 1 && depth <= SHALLOW_MAX_DEPTH && columns <= SHALLOW_MAX_COLUMNS && trees <= SUM_MAX_TREES &&
        pack_shallow(walk) < 0)
        goto release_all;
    capsule = PyCapsule_New(walk, TREE_WALK_NAME, free_tree_walk);
    if (capsule != NULL)
        walk = NULL; /* the capsule's now */
    goto release_all;
out_of_range:
    PyErr_SetString(PyExc_ValueError, "tree_walker: a node or column index is out of range");
release_all:
    tree_walk_free(walk);
    PyMem_Free(reach);
    PyMem_Free(column_read);
    PyMem_Free(scratch);
    PyBuffer_Release(&vb);
release_o:
    PyBuffer_Release(&ob);
release_r:
    PyBuffer_Release(&rb);
release_t:
    PyBuffer_Release(&tb);
release_f:
    PyBuffer_Release(&fb);
    return capsule;
}

/* One row's leaves on the heap (the walk of the Python reference): for a row holding NaN. */
static void
heap_leaves(const struct tree_walk *walk, const double *row, double *leaf_value)
{
    for (Py_ssize_t t = 0; t < walk->trees; t++) {
        Py_ssize_t at = walk->roots[t];
        for (Py_ssize_t level = 0; level < walk->depth; level++) {
            const struct tree_node *node = walk->node + at;
            at = node->right - (row[node->column] <= node->threshold);
        }
        leaf_value[t] = walk->value[at];
    }
}

/* The rows' first step, from a tree's root (`count` rows, row r's columns at row + r *
 * columns) into at[]: the root's column and threshold read once for all the rows (a step
 * of a deeper level reads its node per row). A lone leaf (depth 0) keeps every row there. */
static inline void
root_step(const struct tree_node *node, int32_t root, int32_t depth, const double *row, Py_ssize_t columns,
          Py_ssize_t count, int32_t *at)
{
    if (depth == 0) {
        for (Py_ssize_t r = 0; r < count; r++)
            at[r] = root;
        return;
    }
    const double threshold = node[root].threshold;
    const int32_t column = node[root].column, right = node[root].right;
    for (Py_ssize_t r = 0; r < count; r++)
        at[r] = right - (row[r * columns + column] <= threshold);
}

/* The leaves of `count` rows (a panel; row r's columns at row + r * columns) in every tree,
 * written to leaf_value[r * trees + t]: a tree at a time, through the panel a block of
 * rows at a time, the block's steps of a level side by side. */
static void
compact_leaves(const struct tree_walk *walk, const double *row, Py_ssize_t count, double *leaf_value)
{
    const Py_ssize_t columns = walk->columns ? walk->columns : 1, trees = walk->trees;
    const struct tree_node *node = walk->compact;
    int32_t at[TREE_BLOCK_ROWS];
    for (Py_ssize_t t = 0; t < trees; t++) {
        const int32_t root = walk->compact_root[t], depth = walk->compact_depth[t];
        for (Py_ssize_t first = 0; first < count; first += TREE_BLOCK_ROWS) {
            const double *rows = row + first * columns;
            const Py_ssize_t size = count - first < TREE_BLOCK_ROWS ? count - first : TREE_BLOCK_ROWS;
            if (size == TREE_BLOCK_ROWS) { /* the usual block: a loop the compiler unrolls */
                root_step(node, root, depth, rows, columns, TREE_BLOCK_ROWS, at);
                for (int32_t level = 1; level < depth; level++)
                    for (int r = 0; r < TREE_BLOCK_ROWS; r++) {
                        const struct tree_node *here = node + at[r];
                        uint64_t pair; /* column and right (the field after it) in one load */
                        memcpy(&pair, &here->column, sizeof pair);
                        const int32_t column = (int32_t)(uint32_t)(PY_LITTLE_ENDIAN ? pair : pair >> 32);
                        const int32_t right = (int32_t)(uint32_t)(PY_LITTLE_ENDIAN ? pair >> 32 : pair);
                        at[r] = right - (rows[r * columns + column] <= here->threshold);
                    }
            } else {
                root_step(node, root, depth, rows, columns, size, at);
                for (int32_t level = 1; level < depth; level++)
                    for (Py_ssize_t r = 0; r < size; r++) {
                        const struct tree_node *here = node + at[r];
                        at[r] = here->right - (rows[r * columns + here->column] <= here->threshold);
                    }
            }
            for (Py_ssize_t r = 0; r < size; r++)
                leaf_value[(first + r) * trees + t] = walk->compact_value[at[r]];
        }
    }
}

/* One step of a shallow walk from split k (a row whose columns lie TREE_PANEL_ROWS apart
 * from x, the panel's column-major block): to its left child 2k + 1, or its right child
 * 2k + 2 where !(x <= threshold), as the heap walk goes (a NaN on either side: right). On
 * x86-64 three instructions where the compiler's compare, setb, widen and add took four:
 * comisd sets the carry exactly where the threshold is below x or either is NaN, and adc
 * adds it. */
static inline Py_ssize_t
shallow_step(Py_ssize_t k, const double *x, const uint16_t *column, const double *threshold)
{
#if defined(__GNUC__) && defined(__x86_64__)
    __asm__("comisd %[x], %[t]\n\t"
            "lea 1(%[k],%[k]), %[k]\n\t"
            "adc $0, %[k]"
            : [k] "+r"(k)
            : [x] "xm"(x[column[k]]), [t] "x"(threshold[k])
            : "cc");
    return k;
#else
    return 2 * k + 1 + !(x[column[k]] <= threshold[k]);
#endif
}

/* The first step of a shallow walk, from the root (slot 0) to slot 1 or 2 (shallow_step
 * with k = 0: the root's column and threshold read once for the rows side by side). */
static inline Py_ssize_t
shallow_root(double x, double threshold)
{
#if defined(__GNUC__) && defined(__x86_64__)
    Py_ssize_t k = 0;
    __asm__("comisd %[x], %[t]\n\t"
            "adc $1, %[k]"
            : [k] "+r"(k)
            : [x] "xm"(x), [t] "x"(threshold)
            : "cc");
    return k;
#else
    return 1 + !(x <= threshold);
#endif
}

/* Four rows (x0 and the three after it) walked `depth` levels (a constant where inlined:
 * the levels unroll, and the root's column and threshold are read once for the four)
 * through one tree; the values of the bottom slots they reach. */
static inline void
shallow_tree4(const uint16_t *column, const double *threshold, const double *value, const double *x0,
              const int depth, double *v)
{
    const double *x = x0 + column[0], root = threshold[0];
    Py_ssize_t k0 = shallow_root(x[0], root), k1 = shallow_root(x[1], root);
    Py_ssize_t k2 = shallow_root(x[2], root), k3 = shallow_root(x[3], root);
#pragma GCC unroll 8
    for (int level = 1; level < depth; level++) {
        k0 = shallow_step(k0, x0, column, threshold);
        k1 = shallow_step(k1, x0 + 1, column, threshold);
        k2 = shallow_step(k2, x0 + 2, column, threshold);
        k3 = shallow_step(k3, x0 + 3, column, threshold);
    }
    v[0] = value[k0];
    v[1] = value[k1];
    v[2] = value[k2];
    v[3] = value[k3];
}

/* One row (x) walked `depth` levels through one tree (shallow_tree4 for a row alone): the
 * value of the bottom slot it reaches. */
static inline double
shallow_tree1(const uint16_t *column, const double *threshold, const double *value, const double *x,
              const int depth)
{
    Py_ssize_t k = shallow_root(x[column[0]], threshold[0]);
#pragma GCC unroll 8
    for (int level = 1; level < depth; level++)
        k = shallow_step(k, x, column, threshold);
    return value[k];
}

/* The sums of every tree's leaf for `count` rows of a shallow walk of `depth` levels (a
 * constant where it is inlined, so the levels unroll), each as numpy's pairwise_sum adds a
 * row's leaf values in tree order (8 <= trees <= SUM_MAX_TREES: eight running sums, tree t
 * into sum t % 8, joined as a tree, then the trees past the last multiple of eight one by
 * one; fewer than 8: one by one from -0.0), into sums[r]. The leaves are summed while the
 * rows walk, never stored: SHALLOW_ROWS rows side by side, a tree after another, the
 * eight sums' trees eight at a time (each sum's place a constant); the last rows past a
 * multiple of SHALLOW_ROWS one at a time. Row r's column c lies at block[c * TREE_PANEL_ROWS + r]
 * (shallow_column holds c * TREE_PANEL_ROWS). The splits are the heap's, fillers kept: a
 * row holding NaN reaches the heap walk's leaf. */
static inline void
shallow_walk(const struct tree_walk *walk, const double *block, Py_ssize_t count, double *sums, const int depth)
{
    const Py_ssize_t inner = ((Py_ssize_t)1 << depth) - 1, trees = walk->trees;
    const Py_ssize_t laned = trees < SUM_LANES ? 0 : trees - trees % SUM_LANES; /* trees in the eight sums */
    const uint16_t *columns = walk->shallow_column;
    const double *thresholds = walk->shallow_threshold, *values = walk->shallow_value - inner;
    Py_ssize_t r = 0;
    for (; r + SHALLOW_ROWS <= count; r += SHALLOW_ROWS) {
        const double *x = block + r;
        double sum[SHALLOW_ROWS] = {-0.0, -0.0, -0.0, -0.0};
        double v[SHALLOW_ROWS];
        Py_ssize_t t = 0;
        if (laned) {
            double lane[SUM_LANES][SHALLOW_ROWS];
            for (int j = 0; j < SUM_LANES; j++, t++)
                shallow_tree4(columns + t * inner, thresholds + t * inner, values + t * (inner + 1), x, depth,
                              lane[j]);
            for (; t < laned; t += SUM_LANES)
#pragma GCC unroll 8
                for (int j = 0; j < SUM_LANES; j++) {
                    const Py_ssize_t at = t + j;
                    shallow_tree4(columns + at * inner, thresholds + at * inner, values + at * (inner + 1), x,
                                  depth, v);
                    for (int i = 0; i < SHALLOW_ROWS; i++)
                        lane[j][i] += v[i];
                }
            for (int i = 0; i < SHALLOW_ROWS; i++)
                sum[i] = ((lane[0][i] + lane[1][i]) + (lane[2][i] + lane[3][i])) +
                         ((lane[4][i] + lane[5][i]) + (lane[6][i] + lane[7][i]));
        }
        for (; t < trees; t++) {
            shallow_tree4(columns + t * inner, thresholds + t * inner, values + t * (inner + 1), x, depth, v);
            for (int i = 0; i < SHALLOW_ROWS; i++)
                sum[i] += v[i];
        }
        for (int i = 0; i < SHALLOW_ROWS; i++)
            sums[r + i] = sum[i];
    }
    for (; r < count; r++) { /* the last rows, one at a time: the same sums */
        const double *x = block + r;
        double sum = -0.0;
        Py_ssize_t t = 0;
        if (laned) {
            double lane[SUM_LANES];
            for (int j = 0; j < SUM_LANES; j++, t++)
                lane[j] = shallow_tree1(columns + t * inner, thresholds + t * inner, values + t * (inner + 1), x, depth);
            for (; t < laned; t += SUM_LANES)
#pragma GCC unroll 8
                for (int j = 0; j < SUM_LANES; j++) {
                    const Py_ssize_t at = t + j;
                    lane[j] += shallow_tree1(columns + at * inner, thresholds + at * inner, values + at * (inner + 1),
                                             x, depth);
                }
            sum = ((lane[0] + lane[1]) + (lane[2] + lane[3])) + ((lane[4] + lane[5]) + (lane[6] + lane[7]));
        }
        for (; t < trees; t++)
            sum += shallow_tree1(columns + t * inner, thresholds + t * inner, values + t * (inner + 1), x, depth);
        sums[r] = sum;
    }
}

/* shallow_walk with its depth a constant, for each depth it takes. */
static void
shallow_sums(const struct tree_walk *walk, const double *block, Py_ssize_t count, double *sums)
{
    switch (walk->shallow_depth) {
    case 1: shallow_walk(walk, block, count, sums, 1); break;
    case 2: shallow_walk(walk, block, count, sums, 2); break;
    case 3: shallow_walk(walk, block, count, sums, 3); break;
    case 4: shallow_walk(walk, block, count, sums, 4); break;
    case 5: shallow_walk(walk, block, count, sums, 5); break;
    default: shallow_walk(walk, block, count, sums, SHALLOW_MAX_DEPTH); break;
    }
}
typedef char shallow_depth_check[SHALLOW_MAX_DEPTH == 6 ? 1 : -1]; /* shallow_sums' cases */

/* The panel's rows (`count` from `line`, rows `row_step` bytes apart, columns
 * `column_step`) column-major into block (column c of row r at c * TREE_PANEL_ROWS + r):
 * only the columns the trees read. A column's values lie 8 bytes apart in a page's
 * article_matrix (the transpose of the array it fills): copied whole. No test for NaN: the
 * shallow copy keeps the heap's fillers, so a NaN row goes right where the heap walk does. */
static void
gather_columns(const struct tree_walk *walk, const char *line, Py_ssize_t row_step, Py_ssize_t column_step,
               Py_ssize_t count, double *block)
{
    for (Py_ssize_t k = 0; k < walk->reads; k++) {
        const char *from = line + walk->read[k] * column_step;
        double *to = block + (Py_ssize_t)walk->read[k] * TREE_PANEL_ROWS;
        if (row_step == (Py_ssize_t)sizeof(double))
            memcpy(to, from, (size_t)count * sizeof(double));
        else
            for (Py_ssize_t r = 0; r < count; r++)
                memcpy(to + r, from + r * row_step, sizeof(double));
    }
}

/* tree_logits(x, walker, baseline): each row's log-odds (trees.TreeEnsemble.logits): the
 * leaf each row reaches in each tree (from its root, depth times, node = right[node] -
 * (x[row, column[node]] <= threshold[node])), their values summed as numpy sums
 * value.take(leaves) along a row (0.0 plus pairwise_sum), plus baseline. x: rows x columns
 * float64 in any layout (read through its strides, never copied: a page's article_matrix
 * is the transpose of the array it fills); walker: tree_walker's capsule. Returns rows
 * float64 in a bytearray. */
static PyObject *
native_tree_logits(PyObject *module, PyObject *const *args, Py_ssize_t nargs)
{
    (void)module;
    if (nargs != 3) {
        PyErr_SetString(PyExc_TypeError, "tree_logits(x, walker, baseline) takes 3 arguments");
        return NULL;
    }
    const struct tree_walk *walk = PyCapsule_GetPointer(args[1], TREE_WALK_NAME);
    if (walk == NULL)
        return NULL;
    const double baseline = PyFloat_AsDouble(args[2]);
    if (baseline == -1.0 && PyErr_Occurred())
        return NULL;
    Py_buffer xb;
    if (get_matrix(args[0], &xb) < 0)
        return NULL;
    PyObject *out = NULL;
    double *leaf_value = NULL, *block = NULL;
    const Py_ssize_t rows = xb.shape[0], row_step = xb.strides[0], column_step = xb.strides[1];
    const Py_ssize_t trees = walk->trees, columns = walk->columns ? walk->columns : 1;
    if (xb.shape[1] < walk->columns) {
        PyErr_SetString(PyExc_ValueError, "tree_logits: x has fewer columns than the trees read");
        goto done;
    }
    if (rows > PY_SSIZE_T_MAX / (Py_ssize_t)sizeof(double)) {
        PyErr_NoMemory();
        goto done;
    }
    out = PyByteArray_FromStringAndSize(NULL, rows * (Py_ssize_t)sizeof(double));
    leaf_value = PyMem_New(double, TREE_PANEL_ROWS * (trees ? trees : 1));
    /* the panel's rows, side by side (the compact walk) or column-major (the shallow walk:
     * gather_columns); columns no tree reads are left unset, never read (zeroing them cost
     * more than the walk on a page of few lines) */
    block = PyMem_New(double, TREE_PANEL_ROWS * columns);
    if (out == NULL || leaf_value == NULL || block == NULL) {
        if (out != NULL)
            PyErr_NoMemory();
        Py_CLEAR(out);
        goto done;
    }
    double *logit = (double *)PyByteArray_AS_STRING(out);
    const char *base = xb.buf;
    const int32_t *read = walk->read;
    const Py_ssize_t reads = walk->reads;
    for (Py_ssize_t first = 0; first < rows; first += TREE_PANEL_ROWS) {
        const Py_ssize_t count = rows - first < TREE_PANEL_ROWS ? rows - first : TREE_PANEL_ROWS;
        if (walk->shallow_depth) {
            double sums[TREE_PANEL_ROWS];
            gather_columns(walk, base + first * row_step, row_step, column_step, count, block);
            shallow_sums(walk, block, count, sums);
            for (Py_ssize_t r = 0; r < count; r++) {
                double sum = 0.0;
                sum += sums[r];
                logit[first + r] = sum + baseline;
            }
            continue;
        }
        int has_nan[TREE_PANEL_ROWS] = {0};
        int any_nan = 0;
        for (Py_ssize_t r = 0; r < count; r++) {
            const char *line = base + (first + r) * row_step;
            double *row = block + r * columns;
            for (Py_ssize_t k = 0; k < reads; k++) {
                const double v = *(const double *)(line + read[k] * column_step);
                row[read[k]] = v;
                has_nan[r] |= v != v;
            }
            any_nan |= has_nan[r];
        }
        compact_leaves(walk, block, count, leaf_value);
        for (Py_ssize_t r = 0; r < count; r++) {
            if (any_nan && has_nan[r]) /* the compact copy skipped fillers NaN does not pass */
                heap_leaves(walk, block + r * columns, leaf_value + r * trees);
            double sum = 0.0;
            sum += pairwise_sum(leaf_value + r * trees, trees);
            logit[first + r] = sum + baseline;
        }
    }
done:
    PyMem_Free(leaf_value);
    PyMem_Free(block);
    PyBuffer_Release(&xb);
    return out;
}

PyMethodDef tree_walk_methods[] = {
    {"tree_walker", (PyCFunction)(void (*)(void))native_tree_walker, METH_FASTCALL,
     "tree_walker(feature, threshold, right, roots, value, depth, columns): a checked walk for tree_logits."},
    {"tree_logits", (PyCFunction)(void (*)(void))native_tree_logits, METH_FASTCALL,
     "tree_logits(x, walker, baseline): each row's log-odds."},
    {NULL, NULL, 0, NULL},
};
