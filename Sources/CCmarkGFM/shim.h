#ifndef VERBATIM_CCMARKGFM_SHIM_H
#define VERBATIM_CCMARKGFM_SHIM_H
#include <cmark-gfm.h>
#include <cmark-gfm-core-extensions.h>
/* Option macros import as Int32; expose the set Verbatim uses as one int. */
static inline int ccmark_parse_options(void) {
  return CMARK_OPT_SOURCEPOS | CMARK_OPT_FOOTNOTES | CMARK_OPT_UNSAFE;
}
#endif
