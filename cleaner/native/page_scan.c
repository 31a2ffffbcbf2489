/* The html parse's two questions about a page's UTF-8 bytes (cleaner/html/text.py, _scan_python):
 * does it hold a control byte XML forbids, and may it hold a start tag of `long_run` bytes
 * (a '<' and an ASCII letter whose next bracket is a '>' at least `long_run` bytes further:
 * where bounded_attributes' regex must look). One pass, where bytes.translate copied the
 * page and numpy built several arrays of its size. */
#include "_compiled.h"

/* What a byte is to the scan: a forbidden control byte, a tag bracket, or neither. */
enum { PLAIN = 0, FORBIDDEN = 1, BRACKET = 2 };

/* The control bytes XML 1.0 forbids (all below 0x20 but tab, line feed and carriage return). */
static int
byte_class(unsigned char c)
{
    if (c == '<' || c == '>')
        return BRACKET;
    return c < 0x20 && c != '\t' && c != '\n' && c != '\r' ? FORBIDDEN : PLAIN;
}

/* Whether c is an ASCII letter (the first character of a tag name). */
static int
is_ascii_letter(unsigned char c)
{
    c |= 0x20; /* an ASCII capital folds into a-z; no other byte does */
    return c >= 'a' && c <= 'z';
}

/* page_scan(data, long_run): (whether data holds a forbidden control byte, whether a '<' and
 * an ASCII letter open a stretch without brackets that a '>' closes long_run or more bytes
 * after the '<'). */
static PyObject *
native_page_scan(PyObject *module, PyObject *const *args, Py_ssize_t nargs)
{
    if (nargs != 2 || !PyBytes_Check(args[0]) || !PyLong_Check(args[1])) {
        PyErr_SetString(PyExc_TypeError, "page_scan(data, long_run): bytes and an int");
        return NULL;
    }
    const Py_ssize_t long_run = PyLong_AsSsize_t(args[1]);
    if (long_run == -1 && PyErr_Occurred())
        return NULL;
    if (long_run < 1) {
        PyErr_SetString(PyExc_ValueError, "page_scan: long_run must be at least 1");
        return NULL;
    }
    unsigned char classes[256];
    for (int c = 0; c < 256; c++)
        classes[c] = (unsigned char)byte_class((unsigned char)c);
    const unsigned char *data = (const unsigned char *)PyBytes_AS_STRING(args[0]);
    const Py_ssize_t size = PyBytes_GET_SIZE(args[0]);
    int forbidden = 0, long_found = 0;
    Py_ssize_t open_at = -1; /* the last bracket's place where it is a '<' and a letter, else -1 */
    for (Py_ssize_t k = 0; k < size; k++) {
        const unsigned char kind = classes[data[k]];
        if (kind == BRACKET) {
            if (data[k] == '>') {
                if (open_at >= 0 && k - open_at - 1 >= long_run)
                    long_found = 1;
                open_at = -1;
            }
            else
                open_at = k + 1 < size && is_ascii_letter(data[k + 1]) ? k : -1;
            if (forbidden && long_found)
                break; /* both answers are yes: the rest cannot change them */
            continue;
        }
        forbidden |= kind; /* FORBIDDEN is 1, PLAIN 0 */
    }
    return Py_BuildValue("(OO)", forbidden ? Py_True : Py_False, long_found ? Py_True : Py_False);
}

PyMethodDef page_scan_methods[] = {
    {"page_scan", (PyCFunction)(void (*)(void))native_page_scan, METH_FASTCALL,
     "page_scan(data, long_run): (whether the bytes hold a control byte XML forbids, whether a '<' and "
     "an ASCII letter open a bracket-free stretch a '>' closes at least long_run bytes further)."},
    {NULL, NULL, 0, NULL},
};
