#!/usr/bin/env python3
"""Generates a synthetic Obsidian-style vault for benchmarks.

Usage: generate_vault.py OUT_DIR [--notes N] [--note-bytes B] [--seed S]

Each note has YAML front matter, a primary source link, headings, list items, blockquotes,
inline quotes (curly and straight, some nested), inline/reference/bare links, wikilinks, a
text-fragment link, a fenced code block and a table, padded with prose to about B bytes.
Deterministic for a given seed.
"""
import argparse, os, random

WORDS = ("the of and to in is that for it as was with be by on not he this are or his from at "
         "which but have an they you were her she there been one all we their has would when "
         "what more if no out so said who up will about can them into time only new some could "
         "these two may then do first any like now my such over our even most made after also "
         "grid storage battery energy cost policy market utility report analysis evidence source "
         "claim data model export control research quote article essay interview minister").split()

HOSTS = [f"news{i}.example" for i in range(40)] + [f"blog{i}.example" for i in range(40)]

def sentence(r, n=None):
    n = n or r.randint(8, 22)
    s = " ".join(r.choice(WORDS) for _ in range(n))
    return s[0].upper() + s[1:] + "."

def url(r, i):
    host = r.choice(HOSTS)
    return f"https://{host}/{r.randint(2018, 2026)}/{r.randint(1, 12):02d}/story-{i}-{r.randint(1, 99999)}"

def note(r, index, target):
    parts = []
    parts.append(f"---\ntitle: Note {index}\ndate: 2026-{r.randint(1,12):02d}-{r.randint(1,28):02d}\n"
                 f"tags: [research, note{index % 50}]\nsource: {url(r, index)}\n---\n")
    parts.append(f"[Article]({url(r, index)})\n\n")
    parts.append(f"- {sentence(r)} See [[Note {r.randint(0, 9999)}]] and [[Topic {r.randint(0, 99)}|topic]].\n\n")
    k = 0
    while sum(len(p) for p in parts) < target:
        k += 1
        # Link and quote density close to the real seed note (a handful of each per 5 KB),
        # with every construct the harvester handles represented.
        choice = k % 12
        if choice == 0:
            parts.append(f"### Section {k}\n")
        elif choice == 1:
            parts.append(f"> \"{sentence(r)} {sentence(r)}\"\n\n")
        elif choice == 2:
            parts.append(f"{sentence(r)} As the author put it, “{sentence(r)}” ([source]({url(r, k)})). "
                         f"{sentence(r)}\n\n")
        elif choice == 3:
            parts.append(f"1. **Point {k}:** \"{sentence(r)} a \"nested term\" {sentence(r)}\"\n"
                         f"\t- {sentence(r)} {url(r, k)}. {sentence(r)}\n")
        elif choice == 4:
            words = sentence(r, 5).rstrip(".").replace(" ", "%20")
            parts.append(f"- \"{sentence(r)} [linked words]({url(r, k)}#:~:text={words}) {sentence(r)}\"\n\n")
        elif choice == 5:
            parts.append(f"{sentence(r)} {sentence(r)} {sentence(r)} [ref{k}][] and `code {url(r, k)}`.\n\n"
                         f"[ref{k}]: {url(r, k)} \"Title {k}\"\n\n")
        elif choice == 6:
            parts.append(f"```python\nprint('{url(r, k)}')\n```\n\n")
        elif choice == 7:
            parts.append(f"| Source | Link |\n|---|---|\n| S{k} | [PDF]({url(r, k)}) |\n| T{k} | www.{r.choice(HOSTS)}/p{k} |\n\n")
        else:
            parts.append(f"{sentence(r)} {sentence(r)} {sentence(r)} {sentence(r)} {sentence(r)}\n\n")
    return "".join(parts)

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--notes", type=int, default=10000)
    ap.add_argument("--note-bytes", type=int, default=5000)
    ap.add_argument("--seed", type=int, default=42)
    a = ap.parse_args()
    r = random.Random(a.seed)
    total = 0
    for i in range(a.notes):
        folder = os.path.join(a.out, f"folder{i % 100:02d}")
        os.makedirs(folder, exist_ok=True)
        text = note(r, i, a.note_bytes)
        with open(os.path.join(folder, f"note{i:06d}.md"), "w", encoding="utf-8") as f:
            f.write(text)
        total += len(text.encode("utf-8"))
    print(f"{a.notes} notes, {total} bytes in {a.out}")

if __name__ == "__main__":
    main()
