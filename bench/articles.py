#!/usr/bin/env python3
"""bench/articles.py -- generate 1,000 realistic news articles for benchmarks

Deterministic (seeded) synthetic news, shared by every benchmark in bench/:
the same command always prints the same articles.  Each article is one
outlet's copy of one of about 350 underlying stories, so the set has
near-duplicates (the same story in 2-4 outlets, with wording changed,
sentences dropped or reordered, and each outlet's page furniture) as real
news does.  Story sentences come from the sentence frames of the realistic
bench corpus (data/corpus_model.txt: English Wikinews sentences, CC BY 2.5,
with their content words, names and numbers refilled for each story; see
bench/corpus_gen.c), so that unrelated stories share only the phrases real
news shares, not whole template sentences; each story has its own people,
places and organisations, so entity extraction has something to find.

Outlet shapes (the "outlet" column; "format" is text or html):
  portal   web page scraped as text: headline, byline, "N minutes ago",
           an "Advertisement" line, related teasers, comment widget (text)
  wire     wire copy: dateline, body, "(Reporting by ...; Editing by ...)" (text)
  pdf      PDF extraction: caption with credit, hard wraps at 80-95 columns,
           hyphenation across lines, a pasted URL, a "Related article:" line (text)
  news     full HTML page: head/scripts, nav, header, article, figure, aside,
           footer (html)
  blog     WordPress-like HTML with share buttons and comments (html)

Output: CSV with a header (id, story, outlet, format, body), ready for
  \\copy articles FROM 'articles.csv' WITH (FORMAT csv, HEADER true)

Usage:
  bench/articles.py [--n 1000] [--seed 42] [--out FILE]
  bench/articles.py --dir DIR      # one file per article: 0001_portal.txt ...
                                   # plus 0001_portal.expected, the true body
Sizes: about 2.5 MB in total for 1,000 articles.  Needs data/corpus_model.txt.
"""
import argparse
import bisect
import csv
import os
import random
import re
import sys
import textwrap

ROLES = ["foreign minister", "finance minister", "prime minister", "president", "central bank governor",
         "defence minister", "health minister", "mayor", "chief executive", "spokesperson",
         "opposition leader", "energy minister", "trade commissioner", "union leader"]
COUNTRIES = ["France", "Germany", "Poland", "Ukraine", "Russia", "China", "Japan", "India", "Brazil",
             "Kenya", "Nigeria", "Turkey", "Spain", "Italy", "Canada", "Mexico", "Indonesia",
             "South Africa", "Egypt", "Norway", "Chile", "Vietnam", "Georgia", "Kazakhstan"]
CITIES = ["Paris", "Berlin", "Warsaw", "Kyiv", "Moscow", "Beijing", "Tokyo", "New Delhi", "Brasilia",
          "Nairobi", "Lagos", "Ankara", "Madrid", "Rome", "Ottawa", "Mexico City", "Jakarta",
          "Pretoria", "Cairo", "Oslo", "Santiago", "Hanoi", "Tbilisi", "Astana", "Brussels", "Geneva"]
ORGS = ["the European Union", "the United Nations", "NATO", "the World Bank", "the International Monetary Fund",
        "the World Health Organization", "the African Union", "OPEC", "the Red Cross",
        "the European Central Bank", "Amnesty International", "the World Trade Organization"]
COMPANIES = ["Nordwind Energy", "Atlas Motors", "Meridian Bank", "Helix Pharma", "Orion Telecom",
             "Baltic Shipping", "Sunrise Foods", "Vertex Mining", "Kestrel Airlines", "Quanta Systems"]
TOPICS = ["trade", "energy security", "climate finance", "migration", "food prices", "the war in Ukraine",
          "regional security", "debt relief", "vaccine supplies", "fishing rights", "rail links",
          "grain exports", "cyber attacks", "water shortages", "nuclear safety"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]
AGENCIES = ["AFP", "Reuters", "AP", "dpa", "EFE", "ANSA"]
SYNONYMS = [("said", "stated"), ("talks", "negotiations"), ("Monday", "Tuesday"), ("officials", "authorities"),
            ("increase", "rise"), ("reporters", "journalists"), ("plan", "proposal"), ("agreed", "pledged"),
            ("strengthen", "deepen"), ("meeting", "summit")]

TOP = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
MODEL = os.path.join(TOP, 'data', 'corpus_model.txt')
_model = None


def model():
    """Word pools {name: (words, cumulative weights)} and frames [(mark, text)]."""
    global _model
    if _model is None:
        pools, frames, cur = {}, [], None
        with open(MODEL, encoding='utf-8') as f:
            for line in f:
                line = line.rstrip('\n')
                if line.startswith('#') or not line:
                    continue
                if line.startswith('%pool '):
                    cur = line.split()[1]
                    pools[cur] = ([], [])
                elif line.startswith('%frames '):
                    cur = None
                elif cur is not None:
                    w, c = line.split('\t')
                    words, cum = pools[cur]
                    words.append(w)
                    cum.append((cum[-1] if cum else 0) + float(c) ** 0.85)
                else:
                    frames.append((line[0], line[3:]))
        starts = [i for i, (m, _) in enumerate(frames) if m == 'A']
        _model = (pools, frames, starts)
    return _model


def draw(rng, pool):
    words, cum = model()[0][pool]
    return words[min(bisect.bisect_right(cum, rng.random() * cum[-1]), len(words) - 1)]


def fill(rng, frame, story):
    """Fill the slots of a sentence frame for this story."""
    def slot(m):
        k = m.group(1)
        if k == 'PER':
            return rng.choice([story["person"], story["person2"]]) if rng.random() < 0.6 else person(rng)
        if k == 'LOC':
            return rng.choice([story["city"], story["country"]]) if rng.random() < 0.5 else draw(rng, 'LOC')
        if k == 'ORG':
            return story["org"] if rng.random() < 0.4 else draw(rng, 'ORG')
        if k == 'NAM':
            return story["company"] if rng.random() < 0.2 else draw(rng, 'NAM')
        if k == 'DAY':
            return story["weekday"]
        if k == 'MON':
            return rng.choice(MONTHS)
        if k == 'DN':
            return str(rng.randint(1, 28))
        if k == 'Y':
            return str(rng.choice([2023, 2024, 2024, rng.randint(1970, 2022)]))
        if k == 'TIME':
            return "%d:%02d" % (rng.randint(0, 23), rng.randint(0, 59))
        if k.startswith('D:'):
            out, first = [], True
            for ch in k[2:]:
                if ch == '9':
                    out.append(str(rng.randint(1 if first else 0, 9)))
                    first = False
                else:
                    out.append(ch)
                    first = ch not in '.,:/'
            return ''.join(out)
        if rng.random() < 0.3:      # the story's own topic words
            return draw(random.Random(hash_seed(story["sid"], k, rng.randrange(3))), k)
        return draw(rng, k)
    s = re.sub(r'\{([^{}]+)\}', slot, frame)
    s = re.sub(r'\b([Aa]) (?=[aeiou])', r'\1n ', s)
    s = re.sub(r'\b([Aa])n (?=[b-df-hj-np-tv-z])', r'\1 ', s)
    return s[0].upper() + s[1:]


def hash_seed(*parts):
    h = 1469598103934665603
    for ch in repr(parts).encode():
        h = ((h ^ ch) * 1099511628211) & 0xFFFFFFFFFFFFFFFF
    return h


def person(rng):
    return "%s %s" % (draw(rng, 'GIVEN'), draw(rng, 'SUR'))


def make_story(rng, sid):
    srng = random.Random(sid * 7919 + 17)
    story = dict(sid=sid, person=person(srng), person2=person(srng), role=srng.choice(ROLES),
                 country=srng.choice(COUNTRIES), city=srng.choice(CITIES), org=srng.choice(ORGS),
                 company=srng.choice(COMPANIES), topic=srng.choice(TOPICS), weekday=srng.choice(WEEKDAYS))
    _, frames, starts = model()
    n = srng.randint(8, 16)
    sents = []
    i = srng.choice(starts)
    while len(sents) < n:
        sents.append(fill(srng, frames[i][1], story))
        i += 1
        if i >= len(frames) or frames[i][0] == 'A':
            i = srng.choice(starts)
    story["sentences"] = sents
    # the headline: the lead's first words
    words = re.sub(r'[^\w\s\'-]', '', sents[0]).split()
    story["headline"] = " ".join(words[:8])
    return story


def variant(rng, story):
    """One outlet's wording: some sentences dropped, swapped or reworded."""
    sents = list(story["sentences"])
    if len(sents) > 8 and rng.random() < 0.6:
        del sents[rng.randrange(3, len(sents))]
    if rng.random() < 0.4:
        i = rng.randrange(1, len(sents) - 1)
        sents[i], sents[i + 1] = sents[i + 1], sents[i]
    out = []
    for s in sents:
        if rng.random() < 0.25:
            a, b = rng.choice(SYNONYMS)
            s = s.replace(a, b, 1)
        out.append(s)
    # paragraphs of one or two sentences
    paras, i = [], 0
    while i < len(out):
        k = 2 if rng.random() < 0.35 and i + 1 < len(out) else 1
        paras.append(" ".join(out[i:i + k]))
        i += k
    return paras


def teasers(rng, n):
    return [rng.choice(["%s warns of %s" % (rng.choice(ORGS), rng.choice(TOPICS)),
                        "%s and %s sign deal on %s" % (rng.choice(COUNTRIES), rng.choice(COUNTRIES), rng.choice(TOPICS)),
                        "%s shares jump after results" % rng.choice(COMPANIES)]).capitalize()
            for _ in range(n)]


def out_portal(rng, story, paras):
    lines = [story["headline"], "World", "By %s" % person(rng), "%d minutes ago" % rng.randint(2, 59), ""]
    mid = len(paras) // 2
    for i, p in enumerate(paras):
        lines += [p, ""]
        if i == mid:
            lines += ["Advertisement", ""]
    lines += ["To suggest a correction or clarification, write to us here", "Share this article",
              "Facebook", "Twitter", "Telegram", "RELATED ARTICLES"]
    for t in teasers(rng, 3):
        lines += [t, "By %s" % rng.choice(AGENCIES), "%d hours ago" % rng.randint(1, 12)]
    lines += ["Sponsored content", "", "Comments (%d)" % rng.randint(0, 40), "Best Oldest Newest",
              "Write the first comment for this!", "« Previous %s" % teasers(rng, 1)[0],
              "Next » %s" % teasers(rng, 1)[0]]
    return "\n".join(lines)


def out_wire(rng, story, paras):
    agency = rng.choice(AGENCIES)
    first = "%s, %s %d (%s) - %s" % (story["city"].upper(), rng.choice(MONTHS), rng.randint(1, 28), agency, paras[0])
    body = [first] + paras[1:]
    return "\n\n".join(body) + "\n\n(Reporting by %s; Editing by %s)" % (person(rng), person(rng))


def out_pdf(rng, story, paras):
    width = rng.randint(80, 95)
    out = [" %s speaking in %s on %s. %s / %s" % (story["person"], story["city"], story["weekday"],
                                                  rng.choice(["Press Service", "Ministry of Foreign Affairs", "Pool"]),
                                                  rng.choice(AGENCIES + ["Telegram"])), ""]
    url_at = rng.randrange(1, len(paras))
    for i, p in enumerate(paras):
        wrapped = textwrap.wrap(p, width, break_on_hyphens=False)
        # hyphenate one long word across a line break now and then
        if len(wrapped) > 1 and rng.random() < 0.3:
            words = wrapped[0].split()
            w = words[-1]
            if len(w) > 7 and w.isalpha():
                cut = len(w) // 2
                wrapped[0] = " ".join(words[:-1] + [w[:cut] + "-"])
                wrapped[1] = w[cut:] + " " + wrapped[1]
        out += wrapped + [""]
        if i == url_at:
            out += ["https://www.example-times.com/author/%s" % rng.choice(AGENCIES).lower(), "", ""]
        if i == len(paras) // 2:
            out += ["Related article: %s" % teasers(rng, 1)[0], ""]
    return "\n".join(out)


def esc(s):
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def out_news(rng, story, paras):
    ps = "\n".join("        <p>%s</p>" % esc(p) for p in paras)
    rel = "\n".join('          <li><a href="/story/%d">%s</a></li>' % (rng.randint(1000, 9999), esc(t)) for t in teasers(rng, 4))
    return """<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>%(h)s | The Example Herald</title>
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <link rel="stylesheet" href="/static/main.css">
  <script>window.dataLayer = window.dataLayer || []; function gtag(){dataLayer.push(arguments);} gtag('js', new Date());</script>
  <style>.article-body p { margin: 0 0 1em; } .ad { min-height: 250px; }</style>
</head>
<body>
  <div class="cookie-banner"><p>We use cookies to improve your experience. By using this site you accept our use of cookies.</p><button>OK</button></div>
  <header class="site-header">
    <a class="logo" href="/">The Example Herald</a>
    <nav><ul><li><a href="/world">World</a></li><li><a href="/politics">Politics</a></li><li><a href="/business">Business</a></li><li><a href="/opinion">Opinion</a></li></ul></nav>
  </header>
  <main>
    <article>
      <header>
        <h1>%(h)s</h1>
        <p class="byline">By <a href="/by/x">%(by)s</a></p>
        <time datetime="2024-04-08T09:00:00Z">April 8, 2024</time>
      </header>
      <figure><img src="/img/%(id)d.jpg" alt=""><figcaption>%(p)s in %(c)s. Photo: %(ag)s</figcaption></figure>
      <div class="article-body">
%(ps)s
      </div>
      <div class="share-tools"><a href="#">Share on Facebook</a> <a href="#">Share on X</a> <a href="#">Email</a></div>
    </article>
    <aside class="related">
      <h2>Related stories</h2>
      <ul>
%(rel)s
      </ul>
    </aside>
  </main>
  <div class="ad" id="ad-bottom"><script>loadAd('bottom');</script></div>
  <footer><p>&copy; 2024 The Example Herald. All rights reserved.</p><a href="/privacy">Privacy</a> <a href="/terms">Terms</a></footer>
</body>
</html>
""" % dict(h=esc(story["headline"]), by=person(rng), id=rng.randint(1, 99999), p=story["person"], c=story["city"],
           ag=rng.choice(AGENCIES), ps=ps, rel=rel)


def out_blog(rng, story, paras):
    ps = "\n".join("<p>%s</p>" % esc(p) for p in paras)
    comments = "\n".join('<li class="comment"><div class="comment-author">%s</div><div class="comment-content"><p>%s</p></div></li>'
                         % (person(rng), esc(rng.choice(["Thanks for the report, very informative as always.",
                                                         "I do not think this agreement will change anything at all for ordinary people.",
                                                         "Another meeting, another set of promises that will be forgotten next month."])))
                         for _ in range(rng.randint(1, 4)))
    return """<html><head><title>%(h)s &#8211; Daily Dispatch</title></head>
<body class="single-post">
<div id="masthead"><p class="site-title"><a href="/">Daily Dispatch</a></p><ul class="menu"><li><a href="/news">News</a></li><li><a href="/world">World</a></li></ul></div>
<div id="primary" class="content-area">
<h1 class="entry-title">%(h)s</h1>
<div class="entry-meta">Posted on <time>%(d)s</time> by %(by)s</div>
<div class="entry-content">
%(ps)s
<div class="sharedaddy"><h3>Share this:</h3><a href="#">Facebook</a> <a href="#">X</a></div>
</div>
<div id="comments" class="comments-area"><h2>%(nc)d thoughts on &ldquo;%(h)s&rdquo;</h2><ol class="comment-list">
%(comments)s
</ol></div>
</div>
<div id="secondary" class="widget-area"><section class="widget"><h2>Recent Posts</h2><ul><li><a href="/1">%(t)s</a></li></ul></section></div>
</body></html>
""" % dict(h=esc(story["headline"]), d="%s %d, 2024" % (rng.choice(MONTHS), rng.randint(1, 28)), by=person(rng),
           ps=ps, nc=rng.randint(1, 4), comments=comments, t=esc(teasers(rng, 1)[0]))


OUTLETS = [("portal", "text", out_portal), ("wire", "text", out_wire), ("pdf", "text", out_pdf),
           ("news", "html", out_news), ("blog", "html", out_blog)]


def generate(n, seed):
    rng = random.Random(seed)
    nstories = max(1, (n * 35) // 100)
    rows = []
    for i in range(n):
        sid = rng.randrange(nstories)
        story = make_story(rng, sid)
        outlet, fmt, fn = OUTLETS[rng.randrange(len(OUTLETS))]
        paras = variant(rng, story)
        body = fn(rng, story, paras)
        if outlet == "wire":
            paras = [body.split("\n\n")[0]] + paras[1:]
        rows.append((i + 1, sid + 1, outlet, fmt, body, "\n\n".join(paras)))
    return rows


def main():
    ap = argparse.ArgumentParser(description="generate realistic synthetic news articles")
    ap.add_argument("--n", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument("--out", help="CSV file (default: standard output)")
    ap.add_argument("--dir", help="write one file per article into DIR instead")
    args = ap.parse_args()
    rows = generate(args.n, args.seed)
    if args.dir:
        os.makedirs(args.dir, exist_ok=True)
        for (i, sid, outlet, fmt, body, expected) in rows:
            ext = "html" if fmt == "html" else "txt"
            with open(os.path.join(args.dir, "%04d_%s.%s" % (i, outlet, ext)), "w", encoding="utf-8") as f:
                f.write(body)
            with open(os.path.join(args.dir, "%04d_%s.expected" % (i, outlet)), "w", encoding="utf-8") as f:
                f.write(expected + "\n")
        return 0
    f = open(args.out, "w", encoding="utf-8", newline="") if args.out else sys.stdout
    w = csv.writer(f)
    w.writerow(["id", "story", "outlet", "format", "body"])
    for r in rows:
        w.writerow(r[:5])
    if args.out:
        f.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
