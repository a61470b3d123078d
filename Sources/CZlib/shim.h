#ifndef VERBATIM_CZLIB_SHIM_H
#define VERBATIM_CZLIB_SHIM_H
#include <zlib.h>
/* deflateInit2/inflateInit2 are macros over the *_ functions: Swift cannot call macros. */
static inline int czlib_deflate_init_gzip(z_stream *s, int level) {
  return deflateInit2(s, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);
}
/* 15 + 32: accept gzip and zlib headers. */
static inline int czlib_inflate_init_auto(z_stream *s) { return inflateInit2(s, 15 + 32); }
#endif
