#!/usr/bin/env python3
"""Regenerates the loopback server's pre-encoded bodies (run from anywhere; needs
`pip install brotli`). Output is committed, so tests and builds never run this.

  ok.html.gz / ok.html.br / ok.html.zz   ok.html as gzip, brotli and zlib ("deflate")
  bomb.gz / bomb.br                      200 MiB of spaces, gzip (~200 KB) and brotli (tiny)
  tiny.pdf                               a one-page PDF with correct xref offsets
"""
import gzip, os, zlib
import brotli

os.chdir(os.path.dirname(os.path.abspath(__file__)))
ok = open("ok.html", "rb").read()
open("ok.html.gz", "wb").write(gzip.compress(ok, compresslevel=9, mtime=0))
open("ok.html.br", "wb").write(brotli.compress(ok, quality=11))
open("ok.html.zz", "wb").write(zlib.compress(ok, 9))

BOMB = 200 * 1024 * 1024
block = b" " * (1024 * 1024)
z = zlib.compressobj(9, zlib.DEFLATED, 31)  # 31: gzip header, mtime 0, no name
gz = b"".join(z.compress(block) for _ in range(BOMB // len(block))) + z.flush()
open("bomb.gz", "wb").write(gz)
open("bomb.br", "wb").write(brotli.compress(b" " * BOMB, quality=11))

text = b"BT /F1 18 Tf 72 720 Td (Loopback test PDF) Tj ET"
objects = [
    b"<< /Type /Catalog /Pages 2 0 R >>",
    b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R"
    b" /Resources << /Font << /F1 5 0 R >> >> >>",
    b"<< /Length %d >>\nstream\n" % len(text) + text + b"\nendstream",
    b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
]
pdf = b"%PDF-1.4\n"
offsets = []
for number, body in enumerate(objects, 1):
    offsets.append(len(pdf))
    pdf += b"%d 0 obj\n" % number + body + b"\nendobj\n"
xref = len(pdf)
pdf += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
pdf += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
pdf += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
open("tiny.pdf", "wb").write(pdf)
