#ifndef VERBATIM_CCURL_SHIM_H
#define VERBATIM_CCURL_SHIM_H
#include <curl/curl.h>

/* libcurl's setopt/getinfo are variadic, which Swift cannot call: typed wrappers. */
static inline CURLcode ccurl_easy_setopt_long(CURL *h, CURLoption o, long v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode ccurl_easy_setopt_string(CURL *h, CURLoption o, const char *v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode ccurl_easy_setopt_pointer(CURL *h, CURLoption o, void *v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode ccurl_easy_setopt_off_t(CURL *h, CURLoption o, curl_off_t v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode ccurl_easy_setopt_slist(CURL *h, CURLoption o, struct curl_slist *v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode ccurl_easy_setopt_write_function(CURL *h, CURLoption o, curl_write_callback f) { return curl_easy_setopt(h, o, f); }
static inline CURLcode ccurl_easy_getinfo_long(CURL *h, CURLINFO i, long *v) { return curl_easy_getinfo(h, i, v); }
static inline CURLcode ccurl_easy_getinfo_string(CURL *h, CURLINFO i, char **v) { return curl_easy_getinfo(h, i, v); }
static inline CURLcode ccurl_easy_getinfo_off_t(CURL *h, CURLINFO i, curl_off_t *v) { return curl_easy_getinfo(h, i, v); }
static inline CURLcode ccurl_easy_setopt_opensocket_function(CURL *h, curl_opensocket_callback f) { return curl_easy_setopt(h, CURLOPT_OPENSOCKETFUNCTION, f); }
static inline CURLMcode ccurl_multi_setopt_long(CURLM *m, CURLMoption o, long v) { return curl_multi_setopt(m, o, v); }
static inline curl_version_info_data *ccurl_version_info(void) { return curl_version_info(CURLVERSION_NOW); }
/* glibc's memmem (two-way search) is a GNU extension Swift's Glibc module does not show. */
extern void *memmem(const void *haystack, size_t haystacklen, const void *needle, size_t needlelen);
static inline long ccurl_find_bytes(const void *h, size_t hn, const void *n, size_t nn) {
  const char *found = memmem(h, hn, n, nn);
  return found ? (long)(found - (const char *)h) : -1;
}
/* CURL_SOCKET_BAD is a macro. */
static inline curl_socket_t ccurl_socket_bad(void) { return CURL_SOCKET_BAD; }
/* The address curl is about to connect to, as text ("127.0.0.1", "::1"); empty if unknown. */
#include <arpa/inet.h>
static inline void ccurl_format_address(const struct curl_sockaddr *a, char *out, size_t size) {
  out[0] = 0;
  if (a->family == AF_INET) {
    const struct sockaddr_in *in = (const struct sockaddr_in *)&a->addr;
    inet_ntop(AF_INET, &in->sin_addr, out, (socklen_t)size);
  } else if (a->family == AF_INET6) {
    const struct sockaddr_in6 *in6 = (const struct sockaddr_in6 *)&a->addr;
    inet_ntop(AF_INET6, &in6->sin6_addr, out, (socklen_t)size);
  }
}
#endif
