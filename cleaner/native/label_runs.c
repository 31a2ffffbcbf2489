/* Whether two of build_segments' labels differ, without a Python call for result.Label,
 * built into cleaner.native._compiled (setup.py lists this file; _compiled.c's
 * build_segments calls cleaner_labels_differ).
 *
 * build_segments cuts a run where a block's label differs (!=) from the run's. A raw
 * dump's page alternates body and boilerplate some thirty times, and each cut asked
 * Label's dataclass __eq__ in Python (None against a Label too: __eq__ answers
 * NotImplemented, then != falls back to identity). For labels of exactly the type
 * cleaner.result.Label the answer is known in C: a Label and None differ, two Labels
 * differ unless their category and then their rule compare equal (the dataclass compares
 * the tuples of the two fields, item by item, in this order). Any other object goes to
 * PyObject_RichCompareBool as before. tests/test_native_label_runs.py compares the
 * segments with build_segments_python. Plain CPython C API.
 */
#include "_compiled.h"

/* cleaner.result.Label (a strong reference), looked up on the first need; NULL when the
 * module or the name is missing, then every label is compared by Python. */
static PyTypeObject *label_type = NULL;
static int label_type_looked_up = 0;
static PyObject *category_name = NULL, *rule_name = NULL;

static PyTypeObject *
the_label_type(void)
{
    if (label_type_looked_up)
        return label_type;
    label_type_looked_up = 1;
    category_name = PyUnicode_InternFromString("category");
    rule_name = PyUnicode_InternFromString("rule");
    PyObject *module = category_name && rule_name ? PyImport_ImportModule("cleaner.result") : NULL;
    PyObject *found = module == NULL ? NULL : PyObject_GetAttrString(module, "Label");
    Py_XDECREF(module);
    if (found != NULL && PyType_Check(found)) {
        label_type = (PyTypeObject *)found; /* kept for the module's life */
    } else {
        Py_XDECREF(found);
        Py_CLEAR(category_name);
        Py_CLEAR(rule_name);
    }
    PyErr_Clear(); /* no Label type: the fallback compares, as before */
    return label_type;
}

/* Whether the field `name` of two Labels compares equal (1), not (0), or raised (-1). */
static int
same_field(PyObject *left, PyObject *right, PyObject *name)
{
    PyObject *a = PyObject_GetAttr(left, name);
    if (a == NULL)
        return -1;
    PyObject *b = PyObject_GetAttr(right, name);
    if (b == NULL) {
        Py_DECREF(a);
        return -1;
    }
    const int same = PyObject_RichCompareBool(a, b, Py_EQ);
    Py_DECREF(a);
    Py_DECREF(b);
    return same;
}

int
cleaner_labels_differ(PyObject *label, PyObject *run_label)
{
    if (label == run_label)
        return 0;
    PyTypeObject *type = the_label_type();
    if (type != NULL) {
        const int is_label = Py_IS_TYPE(label, type), run_is_label = Py_IS_TYPE(run_label, type);
        if ((label == Py_None && run_is_label) || (run_label == Py_None && is_label))
            return 1;
        if (is_label && run_is_label) {
            const int same_category = same_field(label, run_label, category_name);
            if (same_category <= 0)
                return same_category < 0 ? -1 : 1;
            const int same_rule = same_field(label, run_label, rule_name);
            return same_rule < 0 ? -1 : !same_rule;
        }
    }
    return PyObject_RichCompareBool(label, run_label, Py_NE);
}
