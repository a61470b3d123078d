#ifndef VERBATIM_COPENSSL_SHIM_H
#define VERBATIM_COPENSSL_SHIM_H
#include <openssl/evp.h>
/* One-shot digests (SHA-1, SHA-256): OpenSSL uses the CPU's SHA instructions when present. */
static inline int copenssl_sha1(const void *data, size_t count, unsigned char *out) {
  unsigned int length = 0;
  return EVP_Digest(data, count, out, &length, EVP_sha1(), NULL) == 1 && length == 20;
}
static inline int copenssl_sha256(const void *data, size_t count, unsigned char *out) {
  unsigned int length = 0;
  return EVP_Digest(data, count, out, &length, EVP_sha256(), NULL) == 1 && length == 32;
}
#endif
