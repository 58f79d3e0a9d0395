#!/usr/bin/env python3
"""test/data/boiler/make_set.py -- build boiler.tsv, a labelled set of
unrelated news items that carry their outlet's boilerplate

Usage: python3 make_set.py [b] [wikinews.jsonl]  (writes boiler.tsv, or
boiler_b.tsv with "b": four other outlets, and, when
the argument is given, wikinews_used.jsonl: the articles used, copied)

Four invented outlets each publish unrelated items (English Wikinews
articles, CC BY 2.5, Wikinews contributors) on one day, every page
carrying the outlet's own boilerplate as a scraper delivers it: plain
text for two outlets, HTML for one, both for the fourth.  A few items are
republished by another outlet (its own boilerplate, the body whole or
trimmed): those are the true pairs.  Deterministic (seeded).  Columns as
test/data/judge: id, story, time, kind, body (COPY text format).
"""
import json
import random
import re
import sys

HERE = __file__.rsplit('/', 1)[0] if '/' in __file__ else '.'
SKIP = re.compile(r'Gippsland|NASCAR|Sprint Cup|Wikinews|interview|\(\(WN\)\)|'
                  r'election results|Formula One|Grand Prix', re.I)
OVERLAP = {650, 760, 1603, 1617, 307, 308}

# Each outlet's boilerplate, written for this set in the shape real pages
# carry it (a newsletter promo, an about-us paragraph, a corrections or
# standards footer, a cookie notice, a live-blog header, a read-more block,
# a donation appeal, a copyright line).
GAZETTE_TOP = "Harbour Gazette | News | Local | Sport | Business | Opinion | Subscribe"
GAZETTE_END = [
    "Sign up for The Briefing, the Harbour Gazette's free morning newsletter. "
    "Every weekday at 6am we send the stories you need to start your day, "
    "hand-picked by our editors. You can unsubscribe at any time, and we will "
    "never share your email address with third parties.",
    "The Harbour Gazette has served the communities of the eastern seaboard "
    "since 1889. We are an independent, reader-funded newsroom, and our "
    "reporters cover the councils, courts, schools and businesses that larger "
    "outlets have long since stopped covering.",
    "Corrections: the Harbour Gazette is committed to accuracy. If you believe "
    "we have made an error in this article, please contact our standards "
    "editor through the form on our contact page and we will review it promptly.",
]
VALLEY_TOP = [
    "We use cookies to give you the best experience on our website. By "
    "continuing to browse the site you are agreeing to our use of cookies. "
    "Find out more in our privacy and cookie policy.",
    "LIVE: Follow our rolling coverage of the day's news from across the "
    "valley and beyond. This page is updated throughout the day, with the "
    "latest posts at the top, so refresh it for the newest developments.",
]
VALLEY_END = [
    "Read more:",
    "How to contact the Valley Live newsroom with a story tip",
    "Our commitment to fair, accurate and independent reporting",
    "Download the Valley Live app for breaking news alerts on your phone",
    "Copyright 2026 Valley Live Media Ltd. All rights reserved. This material "
    "may not be published, broadcast, rewritten or redistributed in any form "
    "without the prior written permission of the publisher.",
]
POST_SUB = ("Support local journalism. For less than the price of a coffee a "
            "week you get unlimited access to the Northfield Daily Post's "
            "award-winning reporting, our daily puzzles and the digital "
            "edition of the printed newspaper. Subscribe today and get your "
            "first month free.")
POST_STD = ("The Northfield Daily Post is a member of the Independent Press "
            "Standards Organisation and adheres to the Editors' Code of "
            "Practice. If you have a complaint about our editorial content, "
            "please write to the readers' editor, who will respond within "
            "seven working days.")
COURIER_EPIC = ("Before you move on, we have a small favour to ask. Millions "
                "of people turn to the Capital Courier every month for open, "
                "independent journalism. Unlike many others, we have no "
                "paywall, because we believe that everyone deserves access to "
                "factual information, whatever they can afford to pay. Our "
                "journalism is free from commercial and political influence, "
                "and it is funded by our readers. If you can, please support "
                "the Capital Courier today with a single contribution or, "
                "better still, a regular one. It takes less than a minute. "
                "Thank you.")
COURIER_ABOUT = ("About the Capital Courier: founded in 1921, the Courier is "
                 "owned by the Courier Trust, a charity whose sole purpose is "
                 "to secure the paper's editorial independence in perpetuity.")


def esc(s):
    return s.replace('&', '&amp;').replace('<', '&lt;').replace('>', '&gt;')


def paras_html(paras):
    return ''.join('<p>%s</p>\n' % esc(p) for p in paras)


def gazette(title, paras):
    return '\n\n'.join([GAZETTE_TOP, title] + paras + GAZETTE_END)


def valley(title, paras):
    return '\n\n'.join(VALLEY_TOP + [title] + paras + VALLEY_END)


def post(title, paras):
    return ('<!DOCTYPE html>\n<html><head><title>%s | Northfield Daily Post</title></head>\n'
            '<body>\n<div id="cookie-consent"><p>We use cookies to improve your '
            'experience. <a href="/privacy">Manage preferences</a></p></div>\n'
            '<nav><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a></nav>\n'
            '<article>\n<h1>%s</h1>\n<p class="byline">By Post Reporter</p>\n%s'
            '<p><strong>%s</strong></p>\n<p><em>%s</em></p>\n</article>\n'
            '<div class="newsletter"><p>Get the Post in your inbox every morning.</p></div>\n'
            '<footer><p>&copy; 2026 Northfield Daily Post</p></footer>\n</body></html>'
            % (esc(title), esc(title), paras_html(paras), esc(POST_SUB), esc(POST_STD)))


def courier_html(title, paras):
    return ('<html><body>\n<header><a href="/">Capital Courier</a></header>\n'
            '<main><div class="article-body">\n<h1>%s</h1>\n%s'
            '<div class="contributions-epic"><p>%s</p></div>\n'
            '<p class="about-outlet">%s</p>\n</div></main>\n'
            '<footer>Capital Courier</footer>\n</body></html>'
            % (esc(title), paras_html(paras), esc(COURIER_EPIC), esc(COURIER_ABOUT)))


def courier_text(title, paras):
    return '\n\n'.join(['Capital Courier', title] + paras + [COURIER_EPIC, COURIER_ABOUT])


OUTLETS = [('gazette', gazette), ('valley', valley), ('post', post), ('courier', None)]

# The second variant (boiler_b.tsv): four other outlets, written after
# clean()'s rule for publishers' notes and not used to tune it.
RECORD_END = [
    "The Lakeside Record is the town's only daily newspaper. Our team of "
    "journalists has been reporting on Lakeside and its surrounding villages "
    "since 1902, and we are proud to be owned by our readers.",
    "Got a story? Email newsdesk@lakesiderecord.example or call the newsdesk "
    "on 01632 960123.",
    "(c) Lakeside Record 2026",
]
METRO_CORP = ("Metro Wire Online is part of Metro Media Group plc. Registered in "
              "England and Wales, company number 04215367. Registered office: "
              "1 Print Street, London EC4A 1BR.")
METRO_APP = ("You can read more of our award-winning coverage of the capital by "
             "downloading the free Metro Wire app for iPhone and Android.")
SPORTS_TOP = [
    "All times are local. Fixtures and kick-off times are subject to change "
    "by the broadcasters, and the table is correct at the time of publication.",
]
RADIO_END = ("This article was produced by the Riverside Radio newsroom. Listen "
             "live on 98.4 FM, on DAB digital radio across the county and on "
             "the free Riverside Radio app, with news on the hour, every hour.")


def record(title, paras):
    return '\n\n'.join([title, 'By Record reporter'] + paras + RECORD_END)


def metro(title, paras):
    return ('<html><body><div class="site-header">Metro Wire</div>\n'
            '<div class="article-content"><h1>%s</h1>\n%s<p>%s</p>\n'
            '<p class="legal">%s</p></div>\n</body></html>'
            % (esc(title), paras_html(paras), esc(METRO_APP), esc(METRO_CORP)))


def sports(title, paras):
    return '\n\n'.join(SPORTS_TOP + [title] + paras)


def radio(title, paras):
    return ('<html><body><main><h1>%s</h1>\n%s<p><i>%s</i></p></main></body></html>'
            % (esc(title), paras_html(paras), esc(RADIO_END)))


VARIANTS = {
    'a': ('boiler.tsv', [('gazette', gazette), ('valley', valley), ('post', post), ('courier', None)]),
    'b': ('boiler_b.tsv', [('record', record), ('metro', metro), ('sports', sports), ('radio', radio)]),
}



def render(outlet, i, title, paras):
    if outlet == 'courier':
        return (courier_html if i % 2 == 0 else courier_text)(title, paras)
    return dict(OUTLETS)[outlet](title, paras)


def main():
    global OUTLETS
    variant = 'a'
    if len(sys.argv) > 1 and sys.argv[1] in VARIANTS:
        variant = sys.argv.pop(1)
    outname, OUTLETS = VARIANTS[variant]
    if len(sys.argv) > 1:
        arts = []
        for line in open(sys.argv[1], encoding='utf-8'):
            a = json.loads(line)
            words = len(a['text'].split())
            if a['id'] in OVERLAP or SKIP.search(a['text']) or not 110 <= words <= 420:
                continue
            paras = [p for p in a['text'].split('\n\n') if p.strip()]
            if len(paras) < 3:
                continue
            arts.append(a)
        random.Random(29).shuffle(arts)
        arts = arts[:230]
        with open(HERE + '/wikinews_used.jsonl', 'w', encoding='utf-8') as f:
            for a in sorted(arts, key=lambda a: a['id']):
                f.write(json.dumps({k: a[k] for k in ('id', 'title', 'source_url', 'provenance', 'text')},
                                   ensure_ascii=False) + '\n')
    arts = [json.loads(l) for l in open(HERE + '/wikinews_used.jsonl', encoding='utf-8')]
    rng = random.Random(2029 if variant == 'a' else 3029)
    rng.shuffle(arts)
    items = []          # (story, minute, kind, body)
    per = 55
    first = {}
    for o, (outlet, _) in enumerate(OUTLETS):
        for i, a in enumerate(arts[o * per:(o + 1) * per]):
            paras = [p.strip() for p in a['text'].split('\n\n') if p.strip()]
            # short items: the first two paragraphs; medium: up to six
            paras = paras[:2] if i % 3 == 0 else paras[:6]
            title = a['title'] or ' '.join(paras[0].split()[:8])
            minute = rng.randrange(6 * 60, 22 * 60)
            story = 'w%d' % a['id']
            items.append((story, minute, 'orig', render(outlet, i, title, paras), outlet))
            first[story] = (outlet, minute, title, paras, i)
    # republications: 14 items taken by another outlet 1-5 hours later,
    # whole or without their last paragraph; one story by all four
    stories = sorted(first)
    rng.shuffle(stories)
    for n, story in enumerate(stories[:14]):
        outlet, minute, title, paras, i = first[story]
        others = [x for x, _ in OUTLETS if x != outlet]
        targets = others if n == 0 else [others[n % 3]]
        for t in targets:
            p = paras if n % 2 == 0 or len(paras) < 3 else paras[:-1]
            items.append((story, min(minute + rng.randrange(60, 300), 23 * 60 + 50),
                          'republish' if p is paras else 'trimmed',
                          render(t, n, title, p), t))
    items.sort(key=lambda x: (x[1], x[0]))
    with open(HERE + '/' + outname, 'w', encoding='utf-8') as f:
        for k, (story, minute, kind, body, outlet) in enumerate(items, 1):
            body = body.replace('\\', '\\\\').replace('\t', ' ').replace('\r', '').replace('\n', '\\n')
            f.write('%d\t%s\t2026-03-10 %02d:%02d\t%s/%s\t%s\n'
                    % (k, story, minute // 60, minute % 60, kind, outlet, body))


if __name__ == '__main__':
    main()
