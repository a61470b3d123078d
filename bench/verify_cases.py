#!/usr/bin/env python3
"""Builds the quote-verification benchmark from the shared corpus (bench/verify runs it).

Sentences and two-sentence spans are sampled from each page's main text (as `verbatim extract`
gives it), then turned into three kinds of quote, each written as a JSON line
{"page": path, "quote": text, "kind": ..., "variant": ...}:
  faithful  what a careful writer produces: curly/straight quotes, dash styles, NBSP, first-letter
            case, an elision, a [bracketed] substitution, a soft hyphen, a line wrap, trailing punctuation
  material  one material change: negation added or removed, a number changed, a name swapped, a
            quantifier or modal changed
  foreign   a sentence from another page
Deterministic for a given seed.
"""
import argparse, json, os, random, re, subprocess, sys

NEGATABLE = [(" is ", " is not "), (" was ", " was not "), (" are ", " are not "), (" were ", " were not "),
             (" can ", " cannot "), (" will ", " will not "), (" has ", " has not "), (" does ", " does not "),
             (" ist ", " ist nicht "), (" hat ", " hat nicht ")]
SWAPS = {"all": "some", "every": "no", "most": "few", "many": "few", "some": "all", "always": "never",
         "will": "may", "must": "might", "should": "could", "can": "must", "may": "will", "would": "might"}


def sentences(text):
    """Sentences of 8-45 words, each with the sentence that follows it in the same block (or None)."""
    out = []
    for block in text.split("\n"):
        parts = [p.strip() for p in re.split(r"(?<=[.!?])\s+(?=[A-ZÄÖÜ])", block)]
        for i, s in enumerate(parts):
            words = s.split()
            if 8 <= len(words) <= 45 and re.search(r"[a-zA-Z]", s):
                following = parts[i + 1] if i + 1 < len(parts) and len(parts[i + 1].split()) >= 3 else None
                out.append((s, following))
    return out


def faithful(s, rnd):
    kind = rnd.choice(["quotes", "dashes", "nbsp", "case", "elision", "bracket", "softhyphen", "wrap", "punct",
                       "curly-outer"])
    words = s.split(" ")
    if kind == "quotes":
        t = s.replace("\u2019", "'").replace("\u201c", '"').replace("\u201d", '"')
        if t == s:
            t = s.replace("'", "\u2019")
        return '"' + t + '"', kind
    if kind == "dashes":
        t = s.replace(" \u2014 ", " -- ").replace("\u2014", " - ").replace(" \u2013 ", " - ")
        return (t if t != s else s.replace(" - ", " \u2014 ")), kind
    if kind == "nbsp":
        i = rnd.randrange(1, len(words))
        return " ".join(words[:i]) + "\u00a0" + " ".join(words[i:]), kind
    if kind == "case":
        return (s[0].lower() if s[0].isupper() else s[0].upper()) + s[1:], kind
    if kind == "elision" and len(words) >= 12:
        a = rnd.randrange(3, len(words) - 6)
        b = a + rnd.randrange(2, 5)
        return " ".join(words[:a]) + " \u2026 " + " ".join(words[b:]), kind
    if kind == "bracket" and len(words) >= 8:
        i = rnd.randrange(1, len(words) - 1)
        return " ".join(words[:i]) + " [" + words[i].strip(".,;:") + "]" + (" " + " ".join(words[i + 1:]) if words[i + 1:] else ""), kind
    if kind == "softhyphen":
        long = [i for i, w in enumerate(words) if len(w) >= 8 and w.isalpha()]
        if long:
            i = rnd.choice(long)
            words[i] = words[i][:4] + "\u00ad" + words[i][4:]
            return " ".join(words), kind
    if kind == "wrap":
        i = rnd.randrange(1, len(words))
        return " ".join(words[:i]) + "\n" + " ".join(words[i:]), kind
    if kind == "punct":
        return s.rstrip(".!?") + ("," if s.endswith(".") else "."), kind
    return "\u201c" + s + "\u201d", "curly-outer"


def material(s, rnd, names):
    options = []
    for a, b in NEGATABLE:
        if a in s:
            options.append(("negation-added", s.replace(a, b, 1)))
        if b in s:
            options.append(("negation-removed", s.replace(b, a, 1)))
    nums = list(re.finditer(r"\d+", s))
    if nums:
        m = rnd.choice(nums)
        n = int(m.group()) 
        options.append(("number", s[:m.start()] + str(n + rnd.randrange(1, 9)) + s[m.end():]))
    caps = [m for m in re.finditer(r"(?<=\s)[A-Z][a-z]{3,}", s)]
    if caps and names:
        m = rnd.choice(caps)
        other = rnd.choice([n for n in names if n != m.group()] or ["Smith"])
        options.append(("name", s[:m.start()] + other + s[m.end():]))
    for w, r in SWAPS.items():
        if re.search(r"\b%s\b" % w, s):
            options.append(("quantifier-modal", re.sub(r"\b%s\b" % w, r, s, count=1)))
    if not options:
        return None
    return rnd.choice(options)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("pages")
    ap.add_argument("extracted", help="verbatim extract --batch output (JSON lines)")
    ap.add_argument("--per-page", type=int, default=6)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--pages", dest="instances", type=int, default=0,
                    help="page instances to spread the quotes over (cycling through the corpus; each instance is "
                         "indexed on its own, as a distinct page would be); default: each page once")
    ap.add_argument("--quotes", type=int, default=0, help="keep this many quotes (a deterministic sample)")
    a = ap.parse_args()
    rnd = random.Random(a.seed)
    pages = {}
    for line in open(a.extracted, encoding="utf-8"):
        d = json.loads(line)
        ss = sentences(d.get("text", ""))
        if len(ss) >= 3:
            pages[d["id"]] = ss
    ids = sorted(pages)
    names = sorted({m for ss in pages.values() for s, _ in ss for m in re.findall(r"(?<=\s)[A-Z][a-z]{3,}", s)})
    out = []
    instances = a.instances or len(ids)
    for instance in range(instances):
        pid = ids[instance % len(ids)]
        path = os.path.join(a.pages, pid + ".html")
        ss = pages[pid]
        tag = {"instance": instance} if a.instances else {}
        for _ in range(a.per_page):
            s, following = rnd.choice(ss)
            if following and rnd.random() < 0.3:
                s = s + " " + following  # a two-sentence span, adjacent on the page
            q, v = faithful(s, rnd)
            out.append({"page": path, "quote": q, "kind": "faithful", "variant": v, "original": s, **tag})
            m = material(rnd.choice(ss)[0], rnd, names)
            if m:
                out.append({"page": path, "quote": m[1], "kind": "material", "variant": m[0], **tag})
            other = rnd.choice([x for x in ids if x != pid])
            out.append({"page": path, "quote": rnd.choice(pages[other])[0], "kind": "foreign", "variant": "other-page", **tag})
    if a.quotes and a.quotes < len(out):
        keep = sorted(rnd.sample(range(len(out)), a.quotes))
        out = [out[k] for k in keep]
    for case in out:
        print(json.dumps(case, ensure_ascii=False))


if __name__ == "__main__":
    main()
