#!/usr/bin/env python3
# bench/fingerprint_make_eval.py -- build the fingerprint evaluation set
#
# Usage: python3 bench/fingerprint_make_eval.py   (from the repository root)
#
# Reads the hand-written stories in test/data/fingerprint/stories/ (first
# line headline, blank line, paragraphs; files sharing a letter prefix are
# different stories about the same people, places and day: hard negatives of
# one another) plus the canonical example pair, and writes
# test/data/fingerprint/eval_docs.tsv (COPY text format: id, story, cluster,
# kind, body) with the edits news copies really undergo:
#   orig      headline and story as written
#   boiler    the same under site furniture (navigation, ads, teasers of
#             other stories, share and copyright lines)
#   wrap      hard line wraps at 68 columns, hyphenated words split at the
#             line end, a pasted URL and a page number mid-story (PDF copy)
#   lead      headline and the first three paragraphs only
#   edit      one paragraph dropped, one added, two swapped
#   para      light paraphrase: synonyms, dates, contractions, quotes
#   head      a different headline, the paraphrase and the last paragraph cut
# The example pair (test/data/examples/) joins story a1 as kind "example".
# The output is deterministic (fixed seed); the file is committed, and this
# script documents how it was made.
import os
import random
import re

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SRC = os.path.join(ROOT, "test", "data", "fingerprint", "stories")
OUT = os.path.join(ROOT, "test", "data", "fingerprint", "eval_docs.tsv")

SYNONYMS = {
    "said": "stated", "told": "informed", "visit": "trip", "announced": "said",
    "expected": "anticipated", "percent": "per cent", "began": "started",
    "warned": "cautioned", "meeting": "session", "promised": "pledged",
    "largest": "biggest", "reporters": "journalists", "officials": "authorities",
    "people": "residents", "damaged": "hit", "likely": "probable",
    "capital": "city", "country": "nation", "plan": "proposal",
    "added": "said", "several": "a number of", "also": "additionally",
    "about": "around", "more than": "over", "government": "administration",
    "strong": "robust", "help": "assist", "major": "big", "hold": "have",
    "spend": "pass", "regularly": "often", "first": "initial",
}
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
EXTRA = [
    "The agency's correspondents contributed reporting from several cities, and the story was updated with further details later in the day.",
    "Officials did not immediately respond to requests for comment from news agencies on the latest developments.",
    "The announcement drew a swift reaction on social media, where thousands of users shared video clips and commentary within hours.",
    "Analysts cautioned that it was too early to judge the longer-term consequences, which would depend on decisions still to be taken.",
]
FURNITURE_TOP = ["Home | World | Business | Markets | Sport | Culture", "Subscribe", "Log in",
                 "Breaking news"]
FURNITURE_BOTTOM = ["Share this article", "Facebook Twitter Email", "Read more:",
                    "(c) 2024 News Publisher Ltd. All rights reserved.",
                    "Sign up for our daily newsletter", "Comments (0)"]


def read_story(path):
    with open(path, encoding="utf-8") as f:
        text = f.read().strip()
    head, _, body = text.partition("\n\n")
    paras = [p.strip() for p in body.split("\n\n") if p.strip()]
    return head.strip(), paras


def join(head, paras):
    return "\n\n".join(([head] if head else []) + paras) + "\n"


def wrap(text, width, rnd):
    out = []
    for para in text.split("\n\n"):
        line = ""
        lines = []
        for w in para.split():
            if line and len(line) + 1 + len(w) > width:
                if "-" in w and rnd.random() < 0.8:
                    first, rest = w.split("-", 1)
                    lines.append(line + " " + first + "-")
                    line = rest
                    continue
                lines.append(line)
                line = w
            else:
                line = (line + " " + w) if line else w
        if line:
            lines.append(line)
        out.append("\n".join(lines))
    return out


def paraphrase(paras, rnd, rate):
    res = []
    for p in paras:
        def sub(m):
            w = m.group(0)
            key = w.lower()
            if key in SYNONYMS and rnd.random() < rate * 6:
                rep = SYNONYMS[key]
                return rep.capitalize() if w[0].isupper() else rep
            return w
        p = re.sub(r"more than|[A-Za-z]+", sub, p)
        for d in DAYS:
            if rnd.random() < 0.5:
                p = p.replace("on " + d, d)
        p = p.replace("\"", "\u201c", 1).replace("\"", "\u201d", 1)
        p = p.replace("'", "\u2019")
        p = p.replace("do not", "don't").replace("did not", "didn't")
        res.append(p)
    return res


def main():
    rnd = random.Random(20240408)
    files = sorted(f for f in os.listdir(SRC) if f.endswith(".txt"))
    stories = {f[:-4]: read_story(os.path.join(SRC, f)) for f in files}
    heads = {k: v[0] for k, v in stories.items()}
    rows = []

    for name, (head, paras) in stories.items():
        cluster = name[0]
        docs = {}
        docs["orig"] = join(head, paras)
        others = rnd.sample([h for k, h in heads.items() if k != name], 3)
        body = list(paras)
        body.insert(min(3, len(body)), "Advertisement")
        docs["boiler"] = "\n".join(FURNITURE_TOP) + "\n\n" + join(head, body) + \
            "\nRelated articles\n" + "\n".join(others) + "\n\n" + "\n".join(FURNITURE_BOTTOM) + "\n"
        wrapped = wrap(join(head, paras).strip(), 68, rnd)
        k = rnd.randrange(2, len(wrapped) - 1)
        lines = wrapped[k].split("\n")
        cut = max(1, len(lines) // 2)
        wrapped[k] = "\n".join(lines[:cut]) + "\n\nhttps://www.example-news.com/author/agency\n\n12\n\n" + \
            "\n".join(lines[cut:])
        docs["wrap"] = "\n\n".join(wrapped) + "\n"
        docs["lead"] = join(head, paras[:3])
        edited = list(paras)
        del edited[rnd.randrange(1, len(edited))]
        edited.insert(rnd.randrange(1, len(edited)), rnd.choice(EXTRA))
        i = rnd.randrange(1, len(edited) - 1)
        edited[i], edited[i + 1] = edited[i + 1], edited[i]
        docs["edit"] = join(head, edited)
        docs["para"] = join(head, paraphrase(paras, rnd, 0.08))
        newhead = "UPDATE: " + " ".join(reversed(head.split()[:4])).capitalize() + " - latest"
        docs["head"] = join(newhead, paraphrase(paras[:-1], rnd, 0.06))
        for kind, text in docs.items():
            rows.append((name, cluster, kind, text))

    for fname, kind in (("kyivpost.txt", "example"), ("moscowtimes.txt", "example")):
        with open(os.path.join(ROOT, "test", "data", "examples", fname), encoding="utf-8") as f:
            rows.append(("a1_lavrov_beijing", "a", kind, f.read()))

    def esc(s):
        return s.replace("\\", "\\\\").replace("\t", "\\t").replace("\r", "\\r").replace("\n", "\\n")

    with open(OUT, "w", encoding="utf-8") as f:
        for i, (name, cluster, kind, text) in enumerate(rows, 1):
            f.write("%d\t%s\t%s\t%s\t%s\n" % (i, name, cluster, kind, esc(text)))
    print("wrote %d documents of %d stories to %s" % (len(rows), len(stories), os.path.relpath(OUT, ROOT)))


if __name__ == "__main__":
    main()
