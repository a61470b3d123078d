#!/usr/bin/env bash
# Regenerates the loopback server's test certificates (EC P-256, PEM) with openssl (run from
# anywhere); the output is committed, so tests never run openssl.
#
#   localhost.pem / localhost-key.pem     self-signed, CN=localhost, SAN DNS:localhost,
#                                         IP:127.0.0.1, IP:::1, valid 2025-2125. The one
#                                         certificate a client trusts (`--cacert localhost.pem`);
#                                         it also signs the two below.
#   expired.pem / expired-key.pem         for localhost and 127.0.0.1, signed by localhost.pem,
#                                         valid 2020-01-01 .. 2021-01-01 only.
#   wrong-host.pem / wrong-host-key.pem   for wrong-host.invalid only, signed by localhost.pem,
#                                         valid until 2125.
# So a client that trusts localhost.pem fails on expired.pem for the date alone, and on
# wrong-host.pem for the name alone.
set -euo pipefail
cd "$(dirname "$0")"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

key() { openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$1" 2>/dev/null; }

# `openssl ca` is the one openssl command that takes explicit start and end dates.
issue() { # name subject san startdate enddate extensions [-selfsign]
  key "$1-key.pem"
  openssl req -new -key "$1-key.pem" -subj "$2" -out "$work/$1.csr"
  : >"$work/index.txt"
  cat >"$work/ca.cnf" <<CNF
[ca]
default_ca = test
[test]
database = $work/index.txt
new_certs_dir = $work
serial = $work/serial
default_md = sha256
policy = anything
unique_subject = no
copy_extensions = none
[anything]
organizationName = optional
commonName = supplied
[root]
subjectAltName = $3
basicConstraints = critical,CA:TRUE
keyUsage = critical,digitalSignature,keyCertSign
extendedKeyUsage = serverAuth
subjectKeyIdentifier = hash
[leaf]
subjectAltName = $3
basicConstraints = critical,CA:FALSE
keyUsage = critical,digitalSignature
extendedKeyUsage = serverAuth
authorityKeyIdentifier = keyid
subjectKeyIdentifier = hash
CNF
  openssl rand -hex 8 >"$work/serial"
  openssl ca -batch -notext -config "$work/ca.cnf" -extensions "$6" \
    $([ "${7:-}" = -selfsign ] && echo -selfsign || echo -cert localhost.pem) -keyfile localhost-key.pem -startdate "$4" -enddate "$5" -in "$work/$1.csr" -out "$1.pem" \
    2>/dev/null
}
issue localhost "/O=Verbatim loopback test/CN=localhost" "DNS:localhost,IP:127.0.0.1,IP:::1" \
  20250101000000Z 21251231235959Z root -selfsign
issue expired "/O=Verbatim loopback test/CN=localhost" "DNS:localhost,IP:127.0.0.1" \
  20200101000000Z 20210101000000Z leaf
issue wrong-host "/O=Verbatim loopback test/CN=wrong-host.invalid" "DNS:wrong-host.invalid" \
  20250101000000Z 21251231235959Z leaf
openssl verify -CAfile localhost.pem localhost.pem wrong-host.pem
