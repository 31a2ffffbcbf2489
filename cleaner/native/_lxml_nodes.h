/* The few fields of lxml's and libxml2's public structures the direct page walk reads
 * (page_walk.c, page_walk_nodes). No lxml or libxml2 headers exist on a fresh machine, so the
 * fields are declared here, by prefix: only the leading members up to the last one read.
 *
 * - LxmlElement: lxml's public C API (lxml/etree.h and lxml/lxml.etree.h, generated from the
 *   `public api class _Element` of etree.pyx): PyObject_HEAD, then _doc, _c_node, _tag.
 * - _xmlNode, _xmlAttr, _xmlNs: libxml2's include/libxml/tree.h. Every node kind (and the
 *   document) starts with _private, type, name: "type ... must be second" says tree.h.
 * - The node type numbers: tree.h's xmlElementType.
 * page_walk.c checks the layout on every call where it can (the document object's type name,
 * the root node's type and document kind) and text.py walks a probe page both ways once. */
#ifndef CLEANER_LXML_NODES_H
#define CLEANER_LXML_NODES_H

#include <Python.h>

enum {
    LXML_ELEMENT_NODE = 1,
    LXML_TEXT_NODE = 3,
    LXML_CDATA_SECTION_NODE = 4,
    LXML_ENTITY_REF_NODE = 5,
    LXML_PI_NODE = 7,
    LXML_COMMENT_NODE = 8,
    LXML_HTML_DOCUMENT_NODE = 13,
    LXML_XINCLUDE_START = 19,
    LXML_XINCLUDE_END = 20,
};

struct LxmlNs; /* libxml2's struct _xmlNs: next, type, href, ... */
typedef struct LxmlNs {
    struct LxmlNs *next;
    int type;
    const unsigned char *href;
} LxmlNs;

/* libxml2's struct _xmlNode up to `properties`; its xmlDoc shares the first two fields. */
typedef struct LxmlNode {
    void *private_data;
    int type; /* an enum in tree.h: int-sized */
    const unsigned char *name;
    struct LxmlNode *children;
    struct LxmlNode *last;
    struct LxmlNode *parent;
    struct LxmlNode *next;
    struct LxmlNode *prev;
    struct LxmlNode *doc; /* the xmlDoc: only its type is read */
    LxmlNs *ns;
    unsigned char *content;
    struct LxmlAttr *properties;
} LxmlNode;

/* libxml2's struct _xmlAttr up to `ns`. */
typedef struct LxmlAttr {
    void *private_data;
    int type;
    const unsigned char *name;
    LxmlNode *children; /* the value: text nodes (one, in a parsed HTML page) */
    LxmlNode *last;
    LxmlNode *parent;
    struct LxmlAttr *next;
    struct LxmlAttr *prev;
    LxmlNode *doc;
    LxmlNs *ns;
} LxmlAttr;

/* lxml's struct LxmlElement (the _Element proxy object). */
typedef struct {
    PyObject_HEAD
    PyObject *doc; /* struct LxmlDocument * */
    LxmlNode *c_node;
    PyObject *tag;
} LxmlElement;

/* lxml.etree.__pyx_capi__["elementFactory"]: the element's proxy (the live one where one
 * exists), a new reference. The capsule's name is this signature. */
typedef PyObject *(*LxmlElementFactory)(PyObject *doc, LxmlNode *c_node);
#define LXML_ELEMENT_FACTORY_SIGNATURE "struct LxmlElement *(struct LxmlDocument *, xmlNode *)"

#endif
