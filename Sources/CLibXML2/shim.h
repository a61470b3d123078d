#ifndef VERBATIM_CLIBXML2_SHIM_H
#define VERBATIM_CLIBXML2_SHIM_H
#include <libxml/xmlversion.h>
/* Debian builds libxml2 with ICU; its UErrorCode clashes with Foundation's ICU module. */
#undef LIBXML_ICU_ENABLED
#include <libxml/HTMLparser.h>
#include <libxml/HTMLtree.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>
#include <libxml/encoding.h>

/* xmlFree is a global function-pointer variable, which Swift 6 rejects as shared mutable state. */
static inline void clibxml2_free(void *p) { xmlFree(p); }
/* Swift cannot implement a C variadic function: the silent error handler lives here. */
static void clibxml2_discard_error(void *ctx, const char *msg, ...) { (void)ctx; (void)msg; }
static inline void clibxml2_silence_generic_errors(void) {
  xmlThrDefSetGenericErrorFunc(NULL, clibxml2_discard_error);
  xmlSetGenericErrorFunc(NULL, clibxml2_discard_error);
}
#endif
