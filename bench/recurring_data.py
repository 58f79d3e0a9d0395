#!/usr/bin/env python3
"""bench/recurring_data.py -- write test/data/stories/recurring.tsv, a set of
recurring wire items (one series of items that differ in figures and dates)
with the same-story versions of some of them

Usage: python3 bench/recurring_data.py > test/data/stories/recurring.tsv
       python3 bench/recurring_data.py intraday > test/data/stories/recurring_intraday.tsv

Deterministic (one seed per series).  Everything is invented: every
institution, company, index, place and figure; the agency names in the
datelines give the house style only.  Each series has its own hand-written
templates (several leads, optional sentences, other orders, a quote on some
days), written for this project in the formats agencies use (terse
all-caps headlines, "dlrs", "pct", "vs" tables, datelines).  Two series
(7 and 20) share one desk's template on purpose: the monthly sales of two
carmakers written in one frame, as real desks do.

Columns (tab-separated, PostgreSQL COPY text format, no header):
id, published_at, series, truth, kind, outlet, body.
  series: S01..S30; truth: the story (series and date: S07-2026-10-02),
  one per item and its versions; kind: item (the day's item), repeat (a
  re-send, text unchanged), correction (one figure corrected: the item it
  corrects carries the wrong figure), relay (the item relayed by another
  desk or outlet under another headline), writethrough (a longer version
  with added paragraphs).  Ids follow publication order.

The development / blind split is by series number, fixed before any
result was read: series whose number is divisible by 3 are blind.
"""
import random
import re
import sys
from datetime import date, datetime, timedelta, timezone

MON = ['Jan', 'Feb', 'March', 'April', 'May', 'June', 'July', 'Aug', 'Sept',
       'Oct', 'Nov', 'Dec']
MONTH = ['January', 'February', 'March', 'April', 'May', 'June', 'July',
         'August', 'September', 'October', 'November', 'December']
WDAY = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday',
        'Sunday']


def ch(r, *opts):
    return r.choice(opts)


def comma(x, nd=0):
    return f'{x:,.{nd}f}'


def updown(v, up='up', down='down'):
    return up if v >= 0 else down


def rdate(d):           # Reuters dateline date
    return f'{MON[d.month - 1]} {d.day}'


def wd(d):
    return WDAY[d.weekday()]


def prev_wd(d):
    return WDAY[(d.weekday() - 1) % 7] if d.weekday() != 0 else 'Friday'


def frac8(x):
    """a grain price in cents with eighths: 641.25 -> 641-1/4"""
    whole = int(x)
    f = round((x - whole) * 8)
    if f == 8:
        whole, f = whole + 1, 0
    names = {0: '', 1: '-1/8', 2: '-1/4', 3: '-3/8', 4: '-1/2', 5: '-5/8',
             6: '-3/4', 7: '-7/8'}
    return f'{whole}{names[f]}'


def walk(r, x, sd, lo=None, hi=None, nd=2):
    x = x + r.gauss(0, sd)
    if lo is not None:
        x = max(lo, x)
    if hi is not None:
        x = min(hi, x)
    return round(x, nd)


# ---------------------------------------------------------------------------
# The series.  Each make(r, d, st, k) returns (headline, [paragraphs]) for
# the item of date d (k: its place in the series), updating st; alt(r, d, st)
# a relay's headline; more(r, d, st) a write-through's added paragraphs.
# ---------------------------------------------------------------------------

class S01:     # central bank's daily money-market operation (Reuters)
    name = 'Bank of Norland money-market operation'
    cadence, n, outlet = 'daily', 12, 'Reuters'

    def init(self, r):
        return {'amt': 4.2, 'rate': 3.18, 'short': 5.0}

    def make(self, r, d, st, k):
        st['amt'] = round(max(0.4, st['amt'] + r.gauss(0, 1.3)), 1)
        st['rate'] = walk(r, st['rate'], 0.02, 3.10, 3.30)
        st['short'] = round(st['amt'] + r.uniform(-0.8, 1.2), 1)
        verb = ch(r, 'ADDS', 'INJECTS', 'PROVIDES')
        h = f'NORLAND CENBANK {verb} {st["amt"]} BLN CROWNS TO MONEY MARKET'
        dl = f'OSTRAVEL, {rdate(d)} (Reuters) - '
        lead = ch(r,
                  f'The Bank of Norland said it injected {st["amt"]} billion crowns into the money market on {wd(d)} through one-day repurchase agreements at an average rate of {st["rate"]:.2f} pct.',
                  f'The Bank of Norland added {st["amt"]} billion crowns to the banking system in its regular {ch(r, "morning", "daily")} operation, allotting one-day repos at an average {st["rate"]:.2f} pct, it said.',
                  f'The Norland central bank provided {st["amt"]} billion crowns of liquidity through overnight repurchase agreements, the bank said, at a weighted average rate of {st["rate"]:.2f} pct.')
        p = [dl + lead]
        s2 = f'The bank had estimated the system\'s shortage at {st["short"]} billion crowns{ch(r, "", " for the day", " before the operation")}.'
        s3 = f'Bids totalled {round(st["amt"] * r.uniform(1.3, 2.4), 1)} billion crowns{ch(r, " from 14 banks", ", dealers said", "")}.'
        s4 = 'The bank\'s key lending rate stands at 3.25 pct.'
        extra = [s2, s3]
        r.shuffle(extra)
        p.append(' '.join(extra[:1 + r.randint(0, 1)]))
        if r.random() < 0.5:
            p.append(s4)
        if r.random() < 0.25:
            p.append(ch(r, '"Liquidity is comfortable, the tax outflows are behind us," said a dealer at a domestic bank.',
                        'Dealers said month-end demand for funds had pushed overnight rates above the repo rate.',
                        'Overnight interbank rates were quoted at ' + f'{st["rate"] + 0.05:.2f}-{st["rate"] + 0.10:.2f} pct, dealers said.'))
        return h, p

    def alt(self, r, d, st):
        return f'Norland central bank adds {st["amt"]} bln crowns via overnight repos'

    def more(self, r, d, st):
        return [f'The bank has run daily operations since it narrowed its interest rate corridor in the spring, and the amounts it adds have ranged from under one billion to more than eight billion crowns.',
                '"The bank is keeping overnight rates close to its policy rate, which is what the market wants to see before the next rate meeting," said Maja Lindqvist, an economist at Fjordbank in Ostravel.']


class S02:     # weekly bill auction (Reuters, "vs" table)
    name = 'Castellan 91-day Treasury bill auction'
    cadence, n, outlet = 'weekly0', 10, 'Reuters'

    def init(self, r):
        return {'yld': 4.91, 'btc': 2.60, 'amt': 1200}

    def make(self, r, d, st, k):
        prev = dict(st)
        st['yld'] = walk(r, st['yld'], 0.04, 4.5, 5.3, 3)
        st['btc'] = walk(r, st['btc'], 0.2, 1.6, 3.5)
        st['amt'] = ch(r, 1200, 1200, 1500, 1000)
        h = ch(r, f'CASTELLAN 91-DAY BILL AVERAGE YIELD {st["yld"]:.3f} PCT',
               f'CASTELLAN T-BILL AUCTION - 91-DAY YIELD {st["yld"]:.3f} PCT VS {prev["yld"]:.3f}')
        dl = f'PORT ALMA, {rdate(d)} (Reuters) - '
        p = [dl + ch(r, f'Results of {wd(d)}\'s auction of 91-day Treasury bills by the Castellan Finance Ministry (in pct unless stated):',
                     f'The Castellan Finance Ministry said results of its weekly 91-day bill auction were as follows (previous auction in brackets):',
                     f'Castellan Treasury 91-day bill auction results:')]
        rows = [f'Average yield {st["yld"]:.3f} vs {prev["yld"]:.3f}',
                f'Stop-out yield {st["yld"] + r.choice([0.008, 0.012, 0.015]):.3f} vs {prev["yld"] + 0.011:.3f}',
                f'Amount offered {st["amt"]:,} mln crowns vs {prev["amt"]:,} mln',
                f'Bids received {round(st["amt"] * st["btc"]):,} mln crowns',
                f'Bid-to-cover ratio {st["btc"]:.2f} vs {prev["btc"]:.2f}']
        if r.random() < 0.5:
            rows.append(f'Allotted at stop {r.randint(12, 88)} pct')
        p.append('\n'.join(rows))
        if r.random() < 0.4:
            p.append(f'The next auction of {st["amt"]:,} mln crowns of 91-day bills is scheduled for {ch(r, "Tuesday", "next Tuesday")}.')
        return h, p

    def alt(self, r, d, st):
        return f'Castellan three-month bill yield {ch(r, "edges", "moves")} to {st["yld"]:.3f} pct at weekly sale'

    def more(self, r, d, st):
        return ['Demand at the weekly sales has been steady since the central bank signalled it would keep its key rate on hold into next year, traders said.',
                '"Local pension funds are still the main buyers at the short end," one trader at a Port Alma brokerage said.']


class S03:     # commodity exchange daily closing prices (table)
    name = 'Midland Grain Exchange closing prices'
    cadence, n, outlet = 'daily', 10, 'Reuters'

    def init(self, r):
        return {'wheat': [641.25, 655.5, 668.0], 'corn': [472.5, 481.0, 489.75],
                'soy': [1312.0, 1318.5], 'oats': [388.25]}

    def make(self, r, d, st, k):
        h = ch(r, 'MIDLAND GRAIN EXCHANGE CLOSING PRICES', 'MIDLAND GRAIN CLOSE - PRICES IN CENTS PER BUSHEL',
               'GRAINS-Midland exchange closing prices')
        lines = [f'HARLOW CITY, {rdate(d)} (Reuters) - Closing prices on the Midland Grain Exchange on {wd(d)}, in cents per bushel, with net change:']
        months = {'wheat': ['Dec', 'March', 'May'], 'corn': ['Dec', 'March', 'May'],
                  'soy': ['Jan', 'March'], 'oats': ['Dec']}
        label = {'wheat': 'WHEAT', 'corn': 'CORN', 'soy': 'SOYBEANS', 'oats': 'OATS'}
        for c in ['wheat', 'corn', 'soy', 'oats']:
            move = r.gauss(0, 6 if c != 'soy' else 9)
            rows = [label[c]]
            for i, m in enumerate(months[c]):
                ch8 = round((move + r.gauss(0, 1.2)) * 4) / 4
                st[c][i] = round(st[c][i] + ch8, 2)
                chs = 'unch' if ch8 == 0 else (('up ' if ch8 > 0 else 'off ') + frac8(abs(ch8)))
                rows.append(f'{m} {frac8(st[c][i])} {chs}')
            lines.append('\n'.join(rows))
        if r.random() < 0.35:
            lines.append(ch(r, f'Estimated volume: wheat {r.randint(38, 95)},{r.randint(100, 999)} contracts, corn {r.randint(120, 260)},{r.randint(100, 999)}.',
                            'Prices are provisional and subject to the exchange\'s settlement.',
                            'NOTE: soybean oil and meal prices follow in a separate table.'))
        return h, lines

    def alt(self, r, d, st):
        return f'Grain closing prices, Midland exchange, {wd(d)}'

    def more(self, r, d, st):
        return [f'Wheat {ch(r, "firmed", "eased")} on {ch(r, "export demand", "fund position squaring", "weather worries in the southern plains")}, traders said; corn followed.']


class S04:     # weekly money supply (Reuters)
    name = 'Norland weekly money supply'
    cadence, n, outlet = 'weekly4', 8, 'Reuters'

    def init(self, r):
        return {'m1': 812.4, 'm3': 2411.7}

    def make(self, r, d, st, k):
        d1 = round(r.gauss(0.8, 3.0), 1)
        d3 = round(r.gauss(2.5, 5.0), 1)
        st['m1'] = round(st['m1'] + d1, 1)
        st['m3'] = round(st['m3'] + d3, 1)
        week = d - timedelta(days=d.weekday() + 3)
        h = f'NORLAND M-1 MONEY SUPPLY {ch(r, "RISES", "UP") if d1 >= 0 else ch(r, "FALLS", "DOWN")} {abs(d1)} BLN CROWNS'
        dl = f'OSTRAVEL, {rdate(d)} (Reuters) - '
        a = f'Norland\'s M-1 money supply {"rose" if d1 >= 0 else "fell"} {abs(d1)} billion crowns to a seasonally adjusted {st["m1"]} billion crowns in the week ended {MONTH[week.month - 1]} {week.day}, the Bank of Norland said.'
        b = f'The broader M-3 measure {"rose" if d3 >= 0 else "fell"} {abs(d3)} billion crowns to {st["m3"]} billion.'
        p = [dl + a, b]
        if r.random() < 0.5:
            p.append(f'The previous week\'s M-1 level was revised to {round(st["m1"] - d1 + r.choice([0, 0.1, -0.2]), 1)} billion crowns from {round(st["m1"] - d1, 1)} billion{ch(r, ".", ", the bank said.")}')
        if r.random() < 0.3:
            p.append(f'Economists polled by Reuters had expected M-1 to {ch(r, "rise", "be little changed", "edge up")} by about {abs(round(r.gauss(1, 1.5), 1))} billion crowns.')
        return h, p

    def alt(self, r, d, st):
        return f'Norland narrow money at {st["m1"]} bln crowns'

    def more(self, r, d, st):
        return ['The central bank watches the broad aggregate more closely than the narrow one, and its target range for M-3 growth this year is 4 to 7 pct.']


class S05:     # weekly jobless claims (AP prose)
    name = 'Castellan weekly jobless claims'
    cadence, n, outlet = 'weekly3', 10, 'AP'

    def init(self, r):
        return {'c': 228000, 'avg': [226000, 229000, 231000], 'cont': 1862000}

    def make(self, r, d, st, k):
        old = st['c']
        st['c'] = int(round((st['c'] + r.gauss(0, 7000)) / 1000) * 1000)
        st['avg'] = st['avg'][1:] + [st['c']]
        avg4 = int(round(sum(st['avg'] + [old]) / 4 / 250) * 250)
        st['cont'] = int(round((st['cont'] + r.gauss(0, 15000)) / 1000) * 1000)
        diff = st['c'] - old
        wk = d - timedelta(days=5)
        if diff == 0:
            h = 'Castellan jobless claims unchanged at ' + comma(st['c'])
            lead = f'The number of Castellans applying for unemployment benefits was unchanged last week at {comma(st["c"])}, the Labor Ministry said {wd(d)}.'
        else:
            v = 'rose' if diff > 0 else 'fell'
            h = ch(r, f'Jobless claims {v} {comma(abs(diff))} to {comma(st["c"])}',
                   f'Applications for jobless aid {ch(r, "rise", "climb") if diff > 0 else ch(r, "fall", "dip", "ease")} to {comma(st["c"])}')
            lead = ch(r,
                      f'The number of Castellans applying for unemployment benefits {v} by {comma(abs(diff))} last week to {comma(st["c"])}, the Labor Ministry said {wd(d)}.',
                      f'Fewer Castellans filed first-time claims for jobless benefits last week, a sign layoffs remain low: applications {v} {comma(abs(diff))} to {comma(st["c"])}, the Labor Ministry reported {wd(d)}.' if diff < 0 else
                      f'More Castellans filed first-time claims for jobless benefits last week: applications {v} {comma(abs(diff))} to {comma(st["c"])}, the Labor Ministry reported {wd(d)}.')
        p = [f'PORT ALMA (AP) — {lead}',
             f'The four-week average, which smooths out week-to-week swings, {ch(r, "came to", "was")} {comma(avg4)}.',
             f'The total number of people receiving benefits in the week that ended {MONTH[wk.month - 1]} {wk.day} was {comma(st["cont"])}, {ch(r, "up", "down") if r.random() < 0.5 else "little changed"} from the week before.']
        if r.random() < 0.4:
            p.insert(2, ch(r, 'Applications for jobless aid are seen as a proxy for layoffs and have stayed in a narrow range this year.',
                           'Weekly claims are a rough gauge of layoffs. Economists say anything below 250,000 points to a healthy job market.',
                           'Economists had forecast about ' + comma(st['c'] + r.choice([-6000, -3000, 2000, 4000])) + ' new applications.'))
        if r.random() < 0.25:
            p.append(ch(r, '"Employers are holding on to the workers they have," said Dana Whitcombe, chief economist at Ridgeway Capital. "Hiring has slowed, but layoffs have not picked up."',
                        'The ministry said no special factors affected the figures.'))
        return h, p

    def alt(self, r, d, st):
        return f'CASTELLAN-JOBLESS CLAIMS: {comma(st["c"])} new applications last week'

    def more(self, r, d, st):
        return ['The central bank has kept its benchmark rate unchanged for six months and has said it will watch the job market before deciding its next move.',
                'Separately, the Statistics Office said the trade deficit narrowed in September as exports of machinery rose.']


class S06:     # currency fixing (AFP brief)
    name = 'Veloria dinar official fixing'
    cadence, n, outlet = 'daily', 12, 'AFP'

    def init(self, r):
        return {'usd': 12.4525, 'eur': 13.4810}

    def make(self, r, d, st, k):
        pu, pe = st['usd'], st['eur']
        st['usd'] = round(st['usd'] * (1 + r.gauss(0, 0.0015)), 4)
        st['eur'] = round(st['eur'] * (1 + r.gauss(0, 0.0018)), 4)
        h = ch(r, f'Dinar fixed at {st["usd"]:.4f} to the dollar', 'VELORIA-FOREX-FIXING',
               f'Veloria central bank sets dinar at {st["usd"]:.4f} per dollar')
        a = f'Veloran (AFP) - The Central Bank of Veloria set the official rate of the dinar at {st["usd"]:.4f} per US dollar on {wd(d)}, against {pu:.4f} at the previous fixing.'
        b = f'The euro was fixed at {st["eur"]:.4f} dinars ({pe:.4f}).'
        c = ch(r, 'The fixing serves as the reference for customs and for banks\' retail rates.',
               'Commercial banks may trade within 1.5 percent either side of the official rate.',
               'The dinar has been managed against a basket of currencies since 2019.')
        p = [a, b] if r.random() < 0.7 else [a + ' ' + b]
        if r.random() < 0.5:
            p.append(c)
        if r.random() < 0.2:
            p.append(f'The pound was fixed at {st["eur"] * 1.15:.4f} dinars and 100 yen at {st["usd"] / 1.5:.4f} dinars.')
        return h, p

    def alt(self, r, d, st):
        return f'VELORIA: official dinar rate {st["usd"]:.4f}/USD'

    def more(self, r, d, st):
        return ['The central bank has let the dinar weaken gradually this year to help exporters, and dealers expect the fixing to drift lower into the new year.']


class AutoSales:   # monthly sales, one desk template for two carmakers
    cadence, n, outlet = 'monthly', 8, 'Bloomberg'

    def init(self, r):
        return {'units': self.base, 'share': self.share}

    def make(self, r, d, st, k):
        prev = st['units']
        yoy = round(r.gauss(2.0, 5.0), 1)
        st['units'] = int(prev * (1 + r.gauss(0, 0.06)))
        st['share'] = walk(r, st['share'], 0.3, 5, 30, 1)
        m = MONTH[(d.month - 2) % 12]
        h = ch(r, f'{self.co} {m[:3]}. Sales {"Rise" if yoy >= 0 else "Fall"} {abs(yoy)}% to {comma(st["units"])} Vehicles',
               f'{self.co.upper()} {m.upper()} SALES {comma(st["units"])} UNITS, {"UP" if yoy >= 0 else "DOWN"} {abs(yoy)}%')
        p = [f'(Bloomberg) -- {self.full}, {self.what}, said {m} sales {"rose" if yoy >= 0 else "fell"} {abs(yoy)} percent from a year earlier to {comma(st["units"])} vehicles.',
             f'Domestic deliveries were {comma(int(st["units"] * 0.62))} and exports {comma(int(st["units"] * 0.38))}, the company said in a statement {ch(r, "today", "in " + self.city)}.']
        if r.random() < 0.5:
            p.append(f'{self.short}\'s share of the home market was {st["share"]} percent, according to the company.')
        if r.random() < 0.35:
            p.append(ch(r, f'Shares of {self.short} {ch(r, "rose", "fell")} {abs(round(r.gauss(0, 1.2), 1))} percent to {round(self.px * (1 + r.gauss(0, 0.05)), 2)} {self.cur} at the close in {self.city}.',
                        f'{self.short} has forecast sales of {comma(self.target)} vehicles this year.',
                        f'"{ch(r, "Demand for our hybrid models remains strong", "The order book is healthy going into the winter", "Exports made up for a slower home market")}," {self.exec} said in the statement.'))
        return h, p

    def alt(self, r, d, st):
        return f'{self.short} monthly sales: {comma(st["units"])} vehicles'

    def more(self, r, d, st):
        return [f'Carmakers in the region have cut prices to clear stocks of older models ahead of new emissions rules that take effect in January.']


class S07(AutoSales):
    name = 'Harwell Motors monthly sales'
    co, full, short, what = 'Harwell Motors', 'Harwell Motor Co.', 'Harwell', "Castellan's second-largest carmaker"
    city, cur, px, target, exec = 'Port Alma', 'crowns', 48.2, 410000, 'Chief Executive Officer Tomas Reyel'
    base, share = 38214, 17.4


class S20(AutoSales):
    name = 'Pellam Auto monthly sales'
    co, full, short, what = 'Pellam Auto', 'Pellam Auto Works Ltd.', 'Pellam', 'the Norland truck and car maker'
    city, cur, px, target, exec = 'Ostravel', 'crowns', 112.6, 290000, 'Sales Director Ingrid Baasch'
    base, share = 24760, 11.2


class S08:     # league results (agate)
    name = 'Northern Counties Football League results'
    cadence, n, outlet = 'weekly5', 9, 'Reuters'
    teams = ['Ashby Town', 'Brindle Rovers', 'Carrow United', 'Dunmere', 'Eastgate Athletic',
             'Fenwick Park', 'Glenholt', 'Harrowby City', 'Ivel Valley', 'Kestlow Albion',
             'Lanport', 'Millbeck Wanderers']

    def init(self, r):
        return {'round': 11}

    def make(self, r, d, st, k):
        st['round'] += 1
        t = self.teams[:]
        r.shuffle(t)
        h = ch(r, 'SOCCER-NORTHERN COUNTIES LEAGUE RESULTS', f'SOCCER-NORTHERN COUNTIES LEAGUE {wd(d).upper()} RESULTS',
               'Soccer-Northern Counties League results')
        p = [f'KESTLOW, {rdate(d)} (Reuters) - Results of Northern Counties Football League matches on {wd(d)}:']
        rows = []
        for i in range(0, 12, 2):
            rows.append(f'{t[i]} {r.choice([0, 0, 1, 1, 1, 2, 2, 3, 4])} {t[i + 1]} {r.choice([0, 0, 1, 1, 1, 2, 2, 3])}')
        if r.random() < 0.2:
            rows[-1] = f'{t[10]} v {t[11]} postponed (waterlogged pitch)'
        p.append('\n'.join(rows))
        if r.random() < 0.5:
            p.append(f'Round {st["round"]}. ' + ch(r, 'Played on Saturday unless stated.', 'Attendances not available.', 'Next round on Saturday.'))
        return h, p

    def alt(self, r, d, st):
        return f'Northern Counties League: round {st["round"]} scores'

    def more(self, r, d, st):
        return [f'{ch(r, "Harrowby City", "Carrow United", "Ivel Valley")} stay top of the table on goal difference after {st["round"]} rounds.']


class S09:     # weekly crop progress (Reuters)
    name = 'Castellan weekly crop progress report'
    cadence, n, outlet = 'weekly0', 8, 'Reuters'

    def init(self, r):
        return {'ww': 52, 'plant': 61, 'emer': 38, 'corn': 41}

    def make(self, r, d, st, k):
        prev = dict(st)
        st['ww'] = max(38, min(66, st['ww'] + r.choice([-2, -1, 0, 0, 1, 2])))
        st['plant'] = min(99, st['plant'] + r.randint(5, 10))
        st['emer'] = min(96, st['emer'] + r.randint(6, 12))
        st['corn'] = min(99, st['corn'] + r.randint(6, 13))
        h = ch(r, f'CASTELLAN WINTER WHEAT {st["ww"]} PCT GOOD/EXCELLENT - AGRICULTURE MINISTRY',
               f'Castellan crop progress: winter wheat rated {st["ww"]} pct good-to-excellent',
               f'CASTELLAN CORN HARVEST {st["corn"]} PCT COMPLETE, WHEAT {st["plant"]} PCT PLANTED')
        a = f'PORT ALMA, {rdate(d)} (Reuters) - The Castellan Agriculture Ministry rated {st["ww"]} pct of the winter wheat crop in good to excellent condition in the week to {wd(d - timedelta(days=1))}, {"unchanged from" if st["ww"] == prev["ww"] else ("up from" if st["ww"] > prev["ww"] else "down from")} {prev["ww"]} pct a week earlier, it said in its weekly crop progress report.'
        b = f'Winter wheat planting was {st["plant"]} pct complete and {st["emer"]} pct of the crop had emerged, against five-year averages of {min(99, st["plant"] + r.randint(-4, 3))} pct and {min(96, st["emer"] + r.randint(-5, 4))} pct.'
        c = f'The corn harvest was {st["corn"]} pct complete, {ch(r, "ahead of", "behind", "in line with")} the average pace.'
        p = [a] + ([b, c] if r.random() < 0.6 else [c, b])
        if r.random() < 0.3:
            p.append(ch(r, 'Analysts had expected the wheat rating to hold steady.',
                        '"Dry weather in the south is the concern now; the north is in good shape," said Pieter Alvar, an analyst at Harvest Line Advisory.',
                        'Topsoil moisture was rated short to very short in 34 pct of the wheat area.'))
        return h, p

    def alt(self, r, d, st):
        return f'Winter wheat condition holds near {st["ww"]} pct good/excellent - ministry'

    def more(self, r, d, st):
        return ['Traders watch the ratings for signs of damage to the crop before it goes dormant for the winter; a poor start in the autumn has cut yields in two of the last five seasons.',
                '"The crop went in fast and most of it has come up, so the market is not worried yet," said a broker in Harlow City.']


class S10:     # crude oil settlement (AP market brief)
    name = 'Kestrel blend crude daily settlement'
    cadence, n, outlet = 'daily', 10, 'AP'

    def init(self, r):
        return {'k': 71.42, 'g': 2.214}

    def make(self, r, d, st, k):
        pk = st['k']
        st['k'] = walk(r, st['k'], 1.1, 60, 85)
        st['g'] = walk(r, st['g'], 0.03, 1.9, 2.6, 3)
        dv = round(st['k'] - pk, 2)
        h = ch(r, f'Oil {"rises" if dv >= 0 else "falls"}; Kestrel blend settles at ${st["k"]:.2f}', 'Oil prices at a glance',
               f'Kestrel crude {"gains" if dv >= 0 else "loses"} {abs(dv):.2f}')
        a = f'HARLOW CITY (AP) — Benchmark Kestrel blend crude {"rose" if dv >= 0 else "fell"} {abs(dv):.2f} to settle at ${st["k"]:.2f} a barrel on the Harlow Mercantile Exchange on {wd(d)}.'
        b = f'Heating oil {ch(r, "rose", "fell", "slipped", "added")} {abs(round(r.gauss(0, 3), 1))} cents to ${st["g"]:.3f} a gallon. Natural gas was {ch(r, "little changed", "up 4 cents", "down 6 cents")} at ${walk(r, 3.1, 0.2):.2f} per 1,000 cubic feet.'
        p = [a, b]
        if r.random() < 0.45:
            p.insert(1, ch(r, 'Traders were watching a weekly report on fuel stocks due Wednesday.',
                           'Prices moved with the stock market, which swung between gains and losses.',
                           f'Oil has {"gained" if st["k"] > 71.42 else "lost"} about {abs(round((st["k"] - 71.42) / 71.42 * 100, 1))} percent since the start of the month.',
                           '"There is a lot of supply out there and not a lot of reason to chase prices higher," said Glen Morrow, a broker at Pike Street Futures.'))
        return h, p

    def alt(self, r, d, st):
        return f'Crude settles at ${st["k"]:.2f}'

    def more(self, r, d, st):
        return ['Producers in the region pumped near record amounts last month, according to an industry survey.']


class S11:     # stock index close (AFP)
    name = 'Veloria All-Share index close'
    cadence, n, outlet = 'daily', 12, 'AFP'

    def init(self, r):
        return {'x': 4812.37, 'vol': 211}

    def make(self, r, d, st, k):
        px = st['x']
        st['x'] = round(st['x'] * (1 + r.gauss(0, 0.008)), 2)
        pct = round((st['x'] - px) / px * 100, 2)
        st['vol'] = max(90, int(st['vol'] + r.gauss(0, 30)))
        leader = ch(r, 'Banco Veloran', 'Telvera', 'Cimentos do Sul', 'Agraria Holdings', 'Verano Energia')
        h = ch(r, f'VELORIA STOCKS CLOSE {abs(pct)} PCT {"HIGHER" if pct >= 0 else "LOWER"}', f'Veloran stocks {"up" if pct >= 0 else "down"} {abs(pct)}% at close',
               'Veloria bourse closing report')
        a = f'Veloran (AFP) - The Veloria stock exchange\'s All-Share index closed {"up" if pct >= 0 else "down"} {abs(pct)} percent at {comma(st["x"], 2)} points on {wd(d)}.'
        b = f'Turnover was {st["vol"]} million dinars{ch(r, ".", ", against " + str(st["vol"] + r.randint(-40, 40)) + " million the day before.")}'
        c = f'{leader} {ch(r, "led gainers", "was the most traded stock", "weighed on the index")}, {ch(r, "closing", "ending")} {ch(r, "up", "down")} {abs(round(r.gauss(0, 2), 1))} percent.'
        p = [a, b, c] if r.random() < 0.6 else [a, c, b]
        if r.random() < 0.3:
            p.append(ch(r, f'"{ch(r, "Foreign investors were buying again", "It was a quiet session ahead of the central bank meeting", "Local funds took profits")}," a broker in Veloran told AFP.',
                        f'Of {r.randint(110, 130)} shares traded, {r.randint(30, 70)} rose and {r.randint(30, 70)} fell.'))
        return h, p

    def alt(self, r, d, st):
        return f'Veloria: All-Share index ends at {comma(st["x"], 2)}'

    def more(self, r, d, st):
        return ['The index has risen about 9 percent this year, helped by bank shares and by foreign buying after the government\'s budget deal with the IMF.']


class S12:     # gold fixing (Reuters brief, terse)
    name = 'Northport gold fixing'
    cadence, n, outlet = 'daily', 12, 'Reuters'

    def init(self, r):
        return {'am': 2041.50, 'pm': 2044.25}

    def make(self, r, d, st, k):
        pam, ppm = st['am'], st['pm']
        st['am'] = round(round((st['pm'] + r.gauss(0, 9)) * 4) / 4, 2)
        st['pm'] = round(round((st['am'] + r.gauss(0, 7)) * 4) / 4, 2)
        h = ch(r, f'NORTHPORT GOLD FIXED AT {st["pm"]:,.2f} DLRS IN AFTERNOON', f'Northport gold fix {st["pm"]:,.2f} dlrs/oz',
               'NORTHPORT GOLD AFTERNOON FIX')
        p = [f'NORTHPORT, {rdate(d)} (Reuters) - Gold was fixed in the afternoon at {st["pm"]:,.2f} dlrs an ounce, against {st["am"]:,.2f} dlrs in the morning and {ppm:,.2f} dlrs at {ch(r, "yesterday", prev_wd(d) + "")}\'s afternoon fix.']
        if r.random() < 0.5:
            p.append(f'Silver was fixed at {round(24.1 + r.gauss(0, 0.4), 3)} dlrs an ounce.')
        if r.random() < 0.35:
            p.append(ch(r, 'Dealers said the metal was trading in a narrow range with the dollar firm.',
                        'Fixing prices are set by the four members of the Northport Bullion Association.'))
        return h, p

    def alt(self, r, d, st):
        return f'Gold fix: {st["pm"]:,.2f} dlrs, Northport p.m.'

    def more(self, r, d, st):
        return ['Gold has traded between 1,980 and 2,090 dlrs an ounce since the summer, held back by high real interest rates but supported by central bank buying.']


class S13:     # interbank offered rates (table)
    name = 'Ostravel interbank offered rates'
    cadence, n, outlet = 'daily', 10, 'Reuters'

    def init(self, r):
        return {'r': [3.15, 3.21, 3.28, 3.34, 3.41, 3.52]}

    def make(self, r, d, st, k):
        prev = st['r'][:]
        shift = r.gauss(0, 0.01)
        st['r'] = [round(x + shift + r.gauss(0, 0.006), 4) for x in st['r']]
        h = ch(r, 'OSTRAVEL INTERBANK OFFERED RATES - OSIBOR', f'OSIBOR FIXINGS FOR {rdate(d).upper()}', 'Norland interbank rates (OSIBOR)')
        p = [f'OSTRAVEL, {rdate(d)} (Reuters) - The Ostravel interbank offered rates (OSIBOR) fixed on {wd(d)} by the Norland Bankers\' Association, in pct (previous day in brackets):']
        tenors = ['Overnight', '1 week', '1 month', '3 months', '6 months', '12 months']
        p.append('\n'.join(f'{t} {x:.4f} ({y:.4f})' for t, x, y in zip(tenors, st['r'], prev)))
        if r.random() < 0.3:
            p.append(ch(r, 'Rates are the average of quotes from eight panel banks, excluding the highest and the lowest.',
                        'NOTE: the 2-week rate was discontinued on July 1.'))
        return h, p

    def alt(self, r, d, st):
        return f'Norland 3-month interbank rate at {st["r"][3]:.4f} pct'

    def more(self, r, d, st):
        return []


class S14:     # central bank dollar auction (Bloomberg)
    name = 'Castellan central bank dollar auction'
    cadence, n, outlet = 'daily', 10, 'Bloomberg'

    def init(self, r):
        return {'sold': 120, 'rate': 18.412}

    def make(self, r, d, st, k):
        st['sold'] = max(20, int(round(st['sold'] + r.gauss(0, 25), -1) or 20))
        st['rate'] = round(st['rate'] * (1 + r.gauss(0.0005, 0.002)), 3)
        bids = int(st['sold'] * r.uniform(1.1, 2.8))
        h = ch(r, f'Castellan Central Bank Sells ${st["sold"]} Million at Daily Auction',
               f'CASTELLAN C.BANK SELLS ${st["sold"]}M IN FX AUCTION AT {st["rate"]:.3f} CROWNS',
               f'Castellan Sells ${st["sold"]} Million to Banks, Crown at {st["rate"]:.3f}')
        p = [f'(Bloomberg) -- Castellan\'s central bank sold ${st["sold"]} million to local banks at its daily foreign-exchange auction, at an average {st["rate"]:.3f} crowns per dollar, according to a statement on its website.',
             f'Banks bid for ${bids} million{ch(r, ".", ", the bank said.", " at rates ranging from " + format(st["rate"] - 0.02, ".3f") + " to " + format(st["rate"] + 0.015, ".3f") + " crowns.")}']
        if r.random() < 0.5:
            p.append(f'The crown {ch(r, "weakened", "strengthened", "was little changed")} {ch(r, "0.1", "0.2", "0.3", "")}{"%" if True else ""} to {round(st["rate"] + r.gauss(0, 0.03), 3)} per dollar as of {r.randint(9, 11)}:{r.choice(["05", "20", "42", "55"])} a.m. in Port Alma.'.replace(' % to', ' to'))
        if r.random() < 0.3:
            p.append(ch(r, 'The bank has sold dollars every day since October to slow the crown\'s decline, and has said the sales will continue "as long as needed."',
                        f'Reserves stood at ${round(41.2 + r.gauss(0, 0.4), 1)} billion last week.'))
        return h, p

    def alt(self, r, d, st):
        return f'CASTELLAN-FX: central bank sells {st["sold"]} mln dlrs, average {st["rate"]:.3f}'

    def more(self, r, d, st):
        return ['"The auctions are taking the edge off importers\' demand, but they are not changing the direction," said Luz Amaral, a strategist at Corredor Securities in Port Alma.',
                'The crown has lost about 6% against the dollar this year, among the worst performers in the region.']


class S15:     # weekly mortgage rates (AP)
    name = 'Homestead weekly mortgage rates'
    cadence, n, outlet = 'weekly3', 9, 'AP'

    def init(self, r):
        return {'r30': 6.84, 'r15': 6.11}

    def make(self, r, d, st, k):
        p30, p15 = st['r30'], st['r15']
        st['r30'] = walk(r, st['r30'], 0.07, 6.2, 7.4)
        st['r15'] = walk(r, st['r15'], 0.06, 5.5, 6.8)
        v = 'rose' if st['r30'] > p30 else 'fell' if st['r30'] < p30 else 'held steady'
        h = ch(r, f'Average rate on 30-year mortgage {v} to {st["r30"]:.2f}%' if v != 'held steady' else f'Average rate on 30-year mortgage holds at {st["r30"]:.2f}%',
               f'Mortgage rates {ch(r, "edge", "move")} {"up" if st["r30"] >= p30 else "down"} this week')
        a = ch(r, f'PORT ALMA (AP) — The average rate on a 30-year mortgage in Castellan {v} this week{"" if v == "held steady" else " to " + format(st["r30"], ".2f") + "%"}, mortgage buyer Homestead Lending Corp. said {wd(d)}.',
               f'PORT ALMA (AP) — Long-term mortgage rates {"climbed" if st["r30"] >= p30 else "eased"} this week, with the average on a 30-year loan at {st["r30"]:.2f}%, according to Homestead Lending Corp.')
        b = f'The rate was {p30:.2f}% last week. A year ago, it averaged {st["r30"] + 0.4:.2f}%.'
        c = f'The average rate on 15-year fixed-rate mortgages, popular with homeowners refinancing, {"rose" if st["r15"] >= p15 else "fell"} to {st["r15"]:.2f}% from {p15:.2f}% last week.'
        p = [a, b, c]
        if r.random() < 0.4:
            p.insert(2, ch(r, 'Mortgage rates follow the yield on the 10-year government bond, which lenders use as a guide to pricing home loans.',
                           'Homestead\'s survey is based on loan applications submitted by lenders, mostly from buyers with strong credit and a 20% down payment.'))
        if r.random() < 0.3:
            p.append(f'"{ch(r, "Buyers are still waiting on the sidelines", "Rates this high keep a lot of owners from selling", "Affordability is the problem for first-time buyers")}," said Ruth Abernathy, an economist at Homestead.')
        return h, p

    def alt(self, r, d, st):
        return f'Homestead: 30-year mortgage averages {st["r30"]:.2f}%'

    def more(self, r, d, st):
        return ['Sales of previously occupied homes fell last month to their lowest level in more than a decade, the Castellan Realtors Guild said.']


class S16:     # monthly CPI (Reuters)
    name = 'Norland monthly consumer prices'
    cadence, n, outlet = 'monthly', 7, 'Reuters'

    def init(self, r):
        return {'yoy': 2.8, 'core': 2.5}

    def make(self, r, d, st, k):
        mom = round(r.gauss(0.2, 0.2), 1)
        st['yoy'] = walk(r, st['yoy'], 0.2, 1.5, 4.5, 1)
        st['core'] = walk(r, st['core'], 0.1, 1.8, 3.6, 1)
        m = MONTH[(d.month - 2) % 12]
        exp = round(st['yoy'] + r.choice([-0.1, 0, 0.1]), 1)
        h = ch(r, f'NORLAND {m.upper()} CPI {"+" if mom >= 0 else "-"}{abs(mom)} PCT M/M, +{st["yoy"]} PCT Y/Y',
               f'Norland {m} inflation {"rises" if st["yoy"] > exp else "eases" if st["yoy"] < exp else "steady"} at {st["yoy"]} pct')
        a = f'OSTRAVEL, {rdate(d)} (Reuters) - Norland\'s consumer prices {"rose" if mom >= 0 else "fell"} {abs(mom)} pct in {m} from the previous month and were {st["yoy"]} pct higher than a year earlier, the Statistics Bureau said on {wd(d)}.'
        b = f'Economists polled by Reuters had forecast a year-on-year rise of {exp} pct.'
        c = f'Core inflation, which excludes food and energy, was {st["core"]} pct.'
        p = [a, b, c] if r.random() < 0.5 else [a, c, b]
        if r.random() < 0.4:
            p.append(ch(r, 'The central bank targets inflation of 2 pct.',
                        f'Prices of food and non-alcoholic drinks rose {round(st["yoy"] + r.gauss(0.5, 0.7), 1)} pct year on year, housing costs {round(st["yoy"] + r.gauss(1, 0.5), 1)} pct.',
                        '"This keeps the door open to a cut early next year," said Henrik Sollie, chief economist at Nordvik Markets.'))
        return h, p

    def alt(self, r, d, st):
        return f'Norland annual inflation at {st["yoy"]} pct'

    def more(self, r, d, st):
        return []


class S17:     # quarterly dividend (press-release wire brief)
    name = 'Brantley Foods quarterly dividend'
    cadence, n, outlet = 'quarterly', 6, 'PR wire'

    def init(self, r):
        return {'div': 21}

    def make(self, r, d, st, k):
        if k in (2, 5):
            st['div'] += 1
        pay = d + timedelta(days=r.randint(27, 34))
        rec = d + timedelta(days=r.randint(12, 16))
        h = ch(r, f'Brantley Foods declares quarterly dividend of {st["div"]} cents', 'BRANTLEY FOODS INC - DECLARES QUARTERLY DIVIDEND',
               f'Brantley Foods sets {st["div"]}-cent dividend')
        a = ch(r, f'HARLOW CITY, {MONTH[d.month - 1]} {d.day}, {d.year} -- Brantley Foods Inc. (BRFD) said its board of directors declared a quarterly cash dividend of {st["div"]} cents per share, payable {MONTH[pay.month - 1]} {pay.day} to shareholders of record on {MONTH[rec.month - 1]} {rec.day}.',
               f'HARLOW CITY, {MONTH[d.month - 1]} {d.day}, {d.year} -- The board of Brantley Foods Inc. (BRFD) today declared a regular quarterly dividend of ${st["div"] / 100:.2f} a share on its common stock. The dividend is payable on {MONTH[pay.month - 1]} {pay.day}, {pay.year} to holders of record at the close of business on {MONTH[rec.month - 1]} {rec.day}.')
        p = [a]
        if k in (2, 5):
            p.append(f'The new rate is an increase of about {round(100 / (st["div"] - 1), 1)} percent over the previous quarterly dividend of {st["div"] - 1} cents.')
        if r.random() < 0.5:
            p.append('Brantley Foods, based in Harlow City, makes frozen meals, baked goods and snacks sold under the Brantley, Hearthside and Little Acre brands.')
        return h, p

    def alt(self, r, d, st):
        return f'Brantley Foods Inc <BRFD> qtly div {st["div"]} cts'

    def more(self, r, d, st):
        return ['The company has paid a dividend every quarter since it listed in 1987. Its shares closed at $54.18 on Tuesday.']


class S18:     # dry bulk freight index (Reuters brief)
    name = 'Harbour dry bulk freight index'
    cadence, n, outlet = 'daily', 12, 'Reuters'

    def init(self, r):
        return {'x': 1412, 'cape': 14820, 'pmx': 11240}

    def make(self, r, d, st, k):
        px = st['x']
        st['x'] = max(600, int(st['x'] + r.gauss(0, 28)))
        st['cape'] = max(5000, int(st['cape'] + r.gauss(0, 600)))
        st['pmx'] = max(5000, int(st['pmx'] + r.gauss(0, 300)))
        dv = st['x'] - px
        h = ch(r, f'HARBOUR DRY BULK INDEX {"UP" if dv >= 0 else "DOWN"} {abs(dv)} POINTS AT {comma(st["x"])}',
               f'Dry bulk index {"rises" if dv >= 0 else "falls"} on {ch(r, "capesize", "panamax", "smaller vessel")} rates',
               'Harbour Exchange dry bulk index')
        a = f'NORTHPORT, {rdate(d)} (Reuters) - The Harbour Exchange\'s main dry bulk index, which tracks rates for ships carrying iron ore, coal and grain, {"rose" if dv >= 0 else "fell"} {abs(dv)} points, or {abs(round(dv / px * 100, 1))} pct, to {comma(st["x"])} on {wd(d)}.'
        b = f'The capesize index {ch(r, "rose", "fell", "was up", "was down")} {r.randint(5, 90)} points. Average daily earnings for capesize vessels were {comma(st["cape"])} dlrs.'
        c = f'Panamax earnings {ch(r, "rose", "fell")} {r.randint(50, 600)} dlrs to {comma(st["pmx"])} dlrs a day.'
        p = [a, b, c] if r.random() < 0.6 else [a, c, b]
        if r.random() < 0.25:
            p.append(ch(r, 'The index is on course for a weekly ' + ("gain" if st['x'] > 1412 else "loss") + '.',
                        '"Iron ore demand has picked up again and the Atlantic is tight," a shipbroker in Northport said.'))
        return h, p

    def alt(self, r, d, st):
        return f'Freight: dry bulk index at {comma(st["x"])}'

    def more(self, r, d, st):
        return ['Freight rates have swung widely this year as port congestion and a slower steel market pulled demand in different directions.']


class S19:     # weekly gas storage ("vs" table + prose)
    name = 'Castellan weekly natural gas storage'
    cadence, n, outlet = 'weekly3', 9, 'Reuters'

    def init(self, r):
        return {'s': 3412}

    def make(self, r, d, st, k):
        inj = int(r.gauss(38, 18)) - 6 * k
        st['s'] += inj
        est = inj + r.choice([-8, -4, -2, 0, 3, 5, 9])
        h = ch(r, f'CASTELLAN GAS STORAGE {"RISES" if inj >= 0 else "FALLS"} {abs(inj)} BCF IN WEEK - ENERGY AGENCY',
               f'Castellan natgas stocks {"up" if inj >= 0 else "down"} {abs(inj)} bcf vs {abs(est)} bcf expected')
        a = f'HARLOW CITY, {rdate(d)} (Reuters) - Castellan utilities {"added" if inj >= 0 else "drew"} {abs(inj)} billion cubic feet (bcf) of natural gas {"into" if inj >= 0 else "from"} storage in the week ended {MONTH[(d - timedelta(days=6)).month - 1]} {(d - timedelta(days=6)).day}, the Energy Information Agency said.'
        b = f'Analysts polled by Reuters had forecast a {"build" if est >= 0 else "draw"} of {abs(est)} bcf.'
        tab = '\n'.join([f'Working gas in storage {comma(st["s"])} bcf',
                         f'Change {inj:+d} bcf vs {est:+d} bcf forecast',
                         f'Year ago {comma(st["s"] - r.randint(40, 120))} bcf',
                         f'Five-year average {comma(st["s"] - r.randint(60, 180))} bcf'])
        p = [a, b, tab] if r.random() < 0.6 else [a, tab, b]
        if r.random() < 0.3:
            p.append('Front-month futures ' + ch(r, 'rose', 'fell') + f' {r.randint(2, 9)} cents after the report.')
        return h, p

    def alt(self, r, d, st):
        return f'Castellan gas inventories at {comma(st["s"])} bcf'

    def more(self, r, d, st):
        return []


class S21:     # airline monthly traffic (company release)
    name = 'Skylane Air monthly traffic'
    cadence, n, outlet = 'monthly', 7, 'company'

    def init(self, r):
        return {'pax': 2.41, 'lf': 82.1}

    def make(self, r, d, st, k):
        st['pax'] = walk(r, st['pax'], 0.12, 1.8, 3.0)
        st['lf'] = walk(r, st['lf'], 1.4, 74, 91, 1)
        yoy = round(r.gauss(4, 3), 1)
        m = MONTH[(d.month - 2) % 12]
        h = ch(r, f'Skylane Air carries {st["pax"]} million passengers in {m}', f'SKYLANE AIR {m.upper()} TRAFFIC: LOAD FACTOR {st["lf"]}%',
               f'Skylane Air {m} passengers {"up" if yoy >= 0 else "down"} {abs(yoy)}%')
        a = f'NORTHPORT, {MONTH[d.month - 1]} {d.day} -- Skylane Air carried {st["pax"]} million passengers in {m}, {"an increase" if yoy >= 0 else "a decrease"} of {abs(yoy)} per cent on the same month last year, the airline said in its monthly traffic statement.'
        b = f'The load factor, the share of seats filled, was {st["lf"]} per cent, {ch(r, "up", "down")} {abs(round(r.gauss(0, 1.1), 1))} percentage points.'
        c = f'Capacity, measured in available seat kilometres, {ch(r, "rose", "grew", "increased")} {abs(round(yoy + r.gauss(1, 1.5), 1))} per cent.'
        p = [a, b, c] if r.random() < 0.6 else [a, c, b]
        if r.random() < 0.45:
            p.append(ch(r, f'"{ch(r, "Demand on our southern routes remains strong", "Bookings for the winter season are ahead of last year", "We added capacity where demand was strongest")}," chief commercial officer Mirela Tosk said.',
                        f'Cargo volumes {ch(r, "rose", "fell")} {abs(round(r.gauss(0, 4), 1))} per cent to {comma(r.randint(9800, 12400))} tonnes.',
                        'Punctuality, measured as flights arriving within 15 minutes of schedule, was ' + str(round(r.uniform(78, 90), 1)) + ' per cent.'))
        return h, p

    def alt(self, r, d, st):
        return f'Skylane passenger numbers {st["pax"]} mln, load factor {st["lf"]} pct'

    def more(self, r, d, st):
        return ['Skylane, Norland\'s largest low-cost carrier, flies to 84 destinations from bases in Northport and Ostravel and has 61 aircraft on order.',
                'Its shares have risen 14 per cent this year.']


class S22:     # weekly rig count (AP)
    name = 'Baxter weekly rig count'
    cadence, n, outlet = 'weekly4', 10, 'AP'

    def init(self, r):
        return {'t': 612, 'oil': 488}

    def make(self, r, d, st, k):
        dt = r.choice([-6, -4, -3, -2, -1, 0, 1, 2, 3, 5])
        do = max(-5, min(5, dt + r.choice([-1, 0, 0, 1])))
        st['t'] += dt
        st['oil'] += do
        gas = st['t'] - st['oil'] - 3
        v = 'rose' if dt > 0 else 'fell' if dt < 0 else 'was unchanged'
        h = ch(r, f'Castellan rig count {"up" if dt > 0 else "down" if dt < 0 else "unchanged"}{"" if dt == 0 else " " + str(abs(dt))} this week to {st["t"]}' if dt else f'Castellan rig count unchanged at {st["t"]}',
               'Castellan rig count', f'Drilling rigs {"rise" if dt > 0 else "fall" if dt < 0 else "hold"} to {st["t"]}')
        a = f'MESA VERDE, Castellan (AP) — The number of rigs exploring for oil and natural gas in Castellan {v}{"" if dt == 0 else " by " + str(abs(dt))} this week{"" if dt == 0 else " to " + str(st["t"])}.'
        b = f'Mesa Verde-based oilfield services company Baxter Field Services said {st["oil"]} rigs drilled for oil this week and {gas} for gas. Three were listed as miscellaneous.'
        c = f'A year ago, there were {st["t"] + r.randint(40, 90)} active rigs.'
        p = [a, b, c]
        if r.random() < 0.5:
            p.append(ch(r, f'Among major oil- and gas-producing provinces, Llano Alto {ch(r, "gained", "lost")} {r.randint(1, 4)} rigs and Costa Seca {ch(r, "gained", "lost", "was unchanged with")} {r.randint(1, 3)}.',
                        'The count peaked at 1,102 in 2014 and fell to a low of 244 in 2020.',
                        'Drillers have cut back this year as oil prices slipped and companies returned cash to shareholders.'))
        return h, p

    def alt(self, r, d, st):
        return f'Weekly rig count at {st["t"]}'

    def more(self, r, d, st):
        return []


class S23:     # lottery draw (numbers brief)
    name = 'Norland Lotto draw'
    cadence, n, outlet = 'twiceweekly', 10, 'NTB'

    def init(self, r):
        return {'draw': 4511, 'jack': 12.0}

    def make(self, r, d, st, k):
        st['draw'] += 1
        nums = sorted(r.sample(range(1, 49), 6))
        bonus = r.choice([x for x in range(1, 49) if x not in nums])
        won = r.random() < 0.2
        h = ch(r, f'NORLAND LOTTO: DRAW {st["draw"]}', f'Lotto numbers for {wd(d)}', f'Norland Lotto results, {wd(d)} {d.day} {MONTH[d.month - 1]}')
        p = [f'OSTRAVEL ({ch(r, "NTB", "NTB Wire")}) - Winning numbers in {wd(d)}\'s Norland Lotto draw (number {st["draw"]}): {" ".join(str(x) for x in nums)}. Bonus number: {bonus}.']
        if won:
            p.append(f'One ticket, sold in {ch(r, "Kessel", "Verlo", "Northport", "Brekka")}, matched all six numbers and wins the jackpot of {st["jack"]:.1f} million crowns.')
            st['jack'] = 5.0
        else:
            st['jack'] = round(st['jack'] + r.uniform(1.5, 3.0), 1)
            p.append(ch(r, f'No ticket matched all six numbers. The jackpot for the next draw is estimated at {st["jack"]:.1f} million crowns.',
                        f'There was no jackpot winner; {r.randint(2, 9)} tickets matched five numbers and the bonus. Next draw\'s estimated jackpot: {st["jack"]:.1f} million crowns.'))
        if r.random() < 0.3:
            p.append('Results are unofficial until confirmed by Norsk Spill Lotteries.')
        return h, p

    def alt(self, r, d, st):
        return f'Lotto draw {st["draw"]} numbers'

    def more(self, r, d, st):
        return []


class S24:     # bond auction (AFP/Reuters)
    name = 'Veloria 10-year bond auction'
    cadence, n, outlet = 'biweekly', 6, 'AFP'

    def init(self, r):
        return {'y': 6.12, 'amt': 3.5}

    def make(self, r, d, st, k):
        py = st['y']
        st['y'] = walk(r, st['y'], 0.08, 5.5, 7.0)
        st['amt'] = ch(r, 3.0, 3.5, 3.5, 4.0)
        cover = round(r.uniform(1.4, 2.9), 2)
        h = ch(r, f'Veloria sells {st["amt"]} bln dinars of 10-year bonds at {st["y"]:.2f} pct',
               f'VELORIA-BONDS: 10-year auction yield {st["y"]:.2f}% vs {py:.2f}%')
        a = f'Veloran (AFP) - Veloria\'s Treasury sold {st["amt"]} billion dinars of 10-year government bonds at an average yield of {st["y"]:.2f} percent on {wd(d)}, {"up" if st["y"] >= py else "down"} from {py:.2f} percent at the previous sale two weeks ago.'
        b = f'Bids totalled {round(st["amt"] * cover, 2)} billion dinars, {cover} times the amount on offer, the Finance Ministry said in a statement.'
        p = [a, b]
        if r.random() < 0.5:
            p.append(ch(r, f'The ministry plans to raise {r.choice([38, 40, 42])} billion dinars through bond sales this year to finance the budget deficit.',
                        f'"{ch(r, "Foreign demand was weaker than at the last sale", "Local banks bought most of the issue", "The yield reflects the central bank staying on hold")}," said an analyst at Banco Veloran.'))
        return h, p

    def alt(self, r, d, st):
        return f'Veloria 10-year yield at {st["y"]:.2f} pct in auction - ministry'

    def more(self, r, d, st):
        return ['Veloria\'s budget deficit is expected to narrow to 3.9 percent of output this year from 4.6 percent, under the terms of its loan programme with the IMF.',
                'Yields on Veloran debt rose sharply in the spring when the dinar fell, and have eased since the government cut fuel subsidies.']


class S25:     # weekly tea auction (Reuters prose)
    name = 'Port Ellis tea auction'
    cadence, n, outlet = 'weekly1', 8, 'Reuters'

    def init(self, r):
        return {'avg': 2.31, 'kg': 6.1}

    def make(self, r, d, st, k):
        pa = st['avg']
        st['avg'] = walk(r, st['avg'], 0.06, 1.9, 2.8)
        st['kg'] = walk(r, st['kg'], 0.5, 4.2, 8.0, 1)
        sale = 40 + k
        h = ch(r, f'Port Ellis tea prices {"firm" if st["avg"] >= pa else "ease"} at weekly auction', f'PORT ELLIS TEA AUCTION AVERAGE {st["avg"]:.2f} DLRS/KG',
               'Tea prices at Port Ellis auction')
        a = f'PORT ELLIS, {rdate(d)} (Reuters) - Prices for {ch(r, "most grades of", "top quality", "")} tea {"rose" if st["avg"] >= pa else "fell"} at this week\'s auction in Port Ellis, with the average price at {st["avg"]:.2f} dlrs a kg against {pa:.2f} dlrs last week, brokers said.'.replace('for  tea', 'for tea')
        b = f'Of {st["kg"]} million kg offered at sale number {sale}, about {r.randint(72, 94)} pct was sold.'
        c = ch(r, f'Best mediums fetched {st["avg"] + 0.3:.2f}-{st["avg"] + 0.6:.2f} dlrs a kg, plainer teas {st["avg"] - 0.8:.2f}-{st["avg"] - 0.4:.2f} dlrs.',
               f'Buyers from {ch(r, "the Gulf", "Pakistan", "Egypt")} were active, brokers said, while {ch(r, "Western packers", "Russian buyers", "Sudanese buyers")} were selective.',
               f'"{ch(r, "Good liquoring teas are in short supply", "Volumes are up after the rains and prices are feeling it", "Demand is steady")}," said a broker at Ellis Tea Brokers.')
        p = [a, b, c] if r.random() < 0.5 else [a, c, b]
        return h, p

    def alt(self, r, d, st):
        return f'Tea: Port Ellis average {st["avg"]:.2f} dlrs/kg'

    def more(self, r, d, st):
        return []


class S26:     # monthly registrations by make (table)
    name = 'Norland new car registrations by make'
    cadence, n, outlet = 'monthly', 6, 'Reuters'
    makes = ['Harwell', 'Pellam', 'Volant', 'Sorrento', 'Kaimana', 'Breda', 'Other']

    def init(self, r):
        return {'u': [4210, 3580, 2930, 2110, 1670, 1240, 2380]}

    def make(self, r, d, st, k):
        prev = st['u'][:]
        st['u'] = [max(300, int(x * (1 + r.gauss(0, 0.12)))) for x in st['u']]
        m = MONTH[(d.month - 2) % 12]
        tot = sum(st['u'])
        h = ch(r, f'NORLAND {m.upper()} NEW CAR REGISTRATIONS BY MAKE', f'TABLE-Norland {m} car registrations {comma(tot)}, {"up" if tot >= sum(prev) else "down"} {abs(round((tot - sum(prev)) / sum(prev) * 100, 1))} pct')
        p = [f'OSTRAVEL, {rdate(d)} (Reuters) - New passenger car registrations in Norland in {m}, by make, according to the Norland Road Traffic Agency (units; previous month in brackets):']
        p.append('\n'.join(f'{mk} {comma(u)} ({comma(pu)})' for mk, u, pu in zip(self.makes, st['u'], prev)) + f'\nTotal {comma(tot)} ({comma(sum(prev))})')
        if r.random() < 0.5:
            p.append(f'Electric cars made up {round(r.uniform(28, 41), 1)} pct of registrations{ch(r, ".", ", the agency said.")}')
        return h, p

    def alt(self, r, d, st):
        return f'Norland car sales: {comma(sum(st["u"]))} new registrations'

    def more(self, r, d, st):
        return ['Registrations have fallen this year as buyers waited for the new purchase subsidy for electric cars, which takes effect in January.']


class S27:     # river level for shipping (terse brief)
    name = 'Aller river level at Kessel'
    cadence, n, outlet = 'daily', 10, 'Reuters'

    def init(self, r):
        return {'cm': 118}

    def make(self, r, d, st, k):
        p0 = st['cm']
        st['cm'] = max(55, int(st['cm'] + r.gauss(-4, 7)))
        fc = st['cm'] + r.randint(-12, 6)
        h = ch(r, f'ALLER RIVER LEVEL AT KESSEL {st["cm"]} CM', f'Aller river water level at Kessel {"falls" if st["cm"] < p0 else "rises"} to {st["cm"]} cm',
               'ALLER SHIPPING - KESSEL GAUGE')
        a = f'VERLO, {rdate(d)} (Reuters) - The water level on the Aller river at the Kessel gauge, a key chokepoint for barge traffic, was {st["cm"]} cm on {wd(d)} morning, against {p0} cm a day earlier, the waterways authority said.'
        b = f'The authority forecast {fc} cm for {ch(r, "Thursday", "the weekend", "the coming days", "Friday")}.'
        c = ch(r, 'Barges cannot sail fully loaded when the level falls below about 100 cm, and surcharges rise.',
               f'Shippers said vessels were loading to about {r.randint(45, 75)} pct of capacity.',
               'Low water raises freight costs for coal, grain and fuel shipped upriver.')
        p = [a, b]
        if r.random() < 0.6:
            p.append(c)
        return h, p

    def alt(self, r, d, st):
        return f'Kessel gauge reading {st["cm"]} cm'

    def more(self, r, d, st):
        return []


class S28:     # daily weather (AP brief)
    name = 'Ostravel weather forecast'
    cadence, n, outlet = 'daily', 10, 'AP'

    def init(self, r):
        return {'hi': 11, 'lo': 4}

    def make(self, r, d, st, k):
        st['hi'] = int(walk(r, st['hi'], 2, -2, 16, 0))
        st['lo'] = min(st['hi'] - 3, int(walk(r, st['lo'], 2, -8, 9, 0)))
        sky = ch(r, 'Mostly sunny', 'Cloudy with showers', 'Periods of rain', 'Partly cloudy', 'Fog in the morning, then sunshine', 'Windy with rain')
        h = ch(r, f'Ostravel weather for {wd(d)}', 'Today\'s weather: Ostravel area', f'Weather: {sky.lower()}, high {st["hi"]}')
        a = f'OSTRAVEL (AP) — Forecast for {wd(d)}: {sky}. High {st["hi"]}C ({round(st["hi"] * 9 / 5 + 32)}F). {ch(r, "Winds light and variable.", "West winds 15 to 25 km/h.", "North winds around 10 km/h.", "Gusts up to 50 km/h on the coast.")}'
        b = f'Tonight: {ch(r, "Clear", "Cloudy", "Rain likely", "A chance of showers", "Frost in low-lying areas")}. Low {st["lo"]}C ({round(st["lo"] * 9 / 5 + 32)}F).'
        c = f'Tomorrow: {ch(r, "Sunny", "Rain", "Cloudy", "Showers ending in the morning")}, high near {st["hi"] + r.randint(-3, 3)}C.'
        p = [a, b] + ([c] if r.random() < 0.6 else [])
        if r.random() < 0.2:
            p.append(ch(r, 'The National Weather Institute issued a yellow warning for strong winds along the coast.',
                        f'Sunrise {r.randint(7, 8)}:{r.randint(10, 59)} a.m., sunset 4:{r.randint(10, 40)} p.m.'))
        return h, p

    def alt(self, r, d, st):
        return f'Ostravel forecast: high {st["hi"]}C'

    def more(self, r, d, st):
        return []


class S29:     # weekly fuel prices (AFP)
    name = 'Castellan weekly pump prices'
    cadence, n, outlet = 'weekly0', 8, 'AFP'

    def init(self, r):
        return {'u': 1.634, 'd': 1.712}

    def make(self, r, d, st, k):
        pu, pd = st['u'], st['d']
        st['u'] = walk(r, st['u'], 0.012, 1.5, 1.8, 3)
        st['d'] = walk(r, st['d'], 0.012, 1.6, 1.9, 3)
        cu = round((st['u'] - pu) * 100, 1)
        h = ch(r, f'Castellan pump prices {"rise" if cu >= 0 else "fall"} for {ch(r, "second", "third", "")} week'.replace('  ', ' ').replace('for week', 'this week'),
               f'CASTELLAN-FUEL-PRICES: unleaded {st["u"]:.3f} crowns a litre')
        a = f'Port Alma (AFP) - The average price of unleaded petrol at Castellan filling stations {"rose" if cu >= 0 else "fell"} {abs(cu)} cents to {st["u"]:.3f} crowns a litre this week, the Energy Ministry said on {wd(d)}.'
        b = f'Diesel {"rose" if st["d"] >= pd else "fell"} to {st["d"]:.3f} crowns from {pd:.3f} crowns.'
        p = [a, b]
        if r.random() < 0.5:
            p.append(ch(r, 'The ministry publishes the averages every Monday from a survey of some 1,800 stations.',
                        'Prices at the pump follow crude oil and the crown\'s exchange rate against the dollar with a lag of two to three weeks.',
                        f'"{ch(r, "Motorists will see a little relief before the holidays", "The weaker crown is eating up the fall in crude", "Prices should settle around these levels")}," said Nuria Calvet of the Castellan Motorists\' Club.'))
        return h, p

    def alt(self, r, d, st):
        return f'Castellan: petrol {st["u"]:.3f}, diesel {st["d"]:.3f} crowns/litre'

    def more(self, r, d, st):
        return ['Fuel taxes make up about half of the pump price in Castellan. The government has ruled out cutting them before the budget in March.',
                'Consumer groups have called for a temporary cut in the excise on diesel, which farmers and hauliers use most.']


class S30:     # daily currency market report (prose, dealers' quotes)
    name = 'Veloria dinar market report'
    cadence, n, outlet = 'daily', 10, 'Reuters'

    def init(self, r):
        return {'x': 12.45}

    def make(self, r, d, st, k):
        px = st['x']
        st['x'] = round(st['x'] * (1 + r.gauss(0, 0.003)), 4)
        firm = st['x'] < px
        h = ch(r, f'VELORIA DINAR {"FIRMS" if firm else "EASES"} {ch(r, "IN THIN TRADE", "AGAINST DOLLAR", "AS EXPORTERS SELL DOLLARS" if firm else "ON IMPORTER DEMAND")}',
               f'Veloria dinar {"firmer" if firm else "weaker"} at {st["x"]:.4f} per dollar')
        a = f'VELORAN, {rdate(d)} (Reuters) - The Veloria dinar {"firmed" if firm else "eased"} against the dollar on {wd(d)}, ending at {st["x"]:.4f} per dollar against {px:.4f} at the previous close, dealers said.'
        reasons_f = ['Exporters sold dollars ahead of the month-end tax payments.',
                     'Foreign investors bought local bonds after the central bank held rates.',
                     'A state oil firm sold dollars in the afternoon, dealers said.']
        reasons_w = ['Importers bought dollars to pay for fuel and machinery.',
                     'Dividend payments to foreign shareholders weighed on the currency.',
                     'Demand for dollars from state companies paying down foreign debt pushed the dinar lower.']
        b = r.choice(reasons_f if firm else reasons_w)
        c = ch(r, f'"{ch(r, "The market is thin and a few big orders move it", "We expect the dinar to hold in a 12.40-12.60 range this week", "Everyone is waiting for the fixing tomorrow")}," a dealer at {ch(r, "a state bank", "a foreign bank", "Banco Veloran")} said.',
               f'Trading volume on the interbank market was about {r.randint(90, 260)} million dollars.',
               f'The central bank fixed the dinar at {round(px * (1 + r.gauss(0, 0.001)), 4):.4f} in the morning.')
        p = [a, b, c] if r.random() < 0.6 else [a, c, b]
        if r.random() < 0.3:
            p.append(f'Overnight interbank rates were {ch(r, "steady", "higher", "lower")} at {round(r.uniform(5.5, 6.5), 2)} percent.')
        return h, p

    def alt(self, r, d, st):
        return f'Dinar ends at {st["x"]:.4f}/dlr'

    def more(self, r, d, st):
        return []



# ---------------------------------------------------------------------------
# Intraday series (python3 bench/recurring_data.py intraday): items of one
# series sent more than once a day, each its own story (a morning and an
# afternoon fixing, an index's opening, midday and closing reports, a
# rate at fixed hours, two tenders a day).  Written after the 30 series
# were measured, as a check of what a time window of hours leaves; no rule
# was chosen on them.  st['slot'] is the item's slot.
# ---------------------------------------------------------------------------

class S31:     # gold fixings, morning and afternoon, two items (Reuters)
    name = 'Kestrel Bay gold fixings'
    cadence, n, outlet = 'daily', 5, 'Reuters'
    slots = [('am', 10, 31), ('pm', 15, 2)]

    def init(self, r):
        return {'px': 2036.25, 'prev': 2033.50}

    def make(self, r, d, st, k):
        prev = st['px']
        st['px'] = round(round((st['px'] + r.gauss(0, 8)) * 4) / 4, 2)
        am = st['slot'] == 'am'
        when = 'morning' if am else 'afternoon'
        h = ch(r, f'KESTREL BAY GOLD FIXED AT {st["px"]:,.2f} DLRS IN {when.upper()}',
               f'Kestrel Bay gold {"a.m." if am else "p.m."} fix {st["px"]:,.2f} dlrs/oz')
        ref = f'{prev:,.2f} dlrs at {"the previous afternoon" if am else "the morning"} fixing'
        p = [f'KESTREL BAY, {rdate(d)} (Reuters) - Gold was fixed this {when} at {st["px"]:,.2f} dlrs an ounce, against {ref}.']
        if r.random() < 0.5:
            p.append(ch(r, f'Silver was fixed at {round(23.9 + r.gauss(0, 0.3), 3)} dlrs an ounce.',
                        'The fixing is set by the five members of the Kestrel Bay Bullion Market.',
                        f'Spot gold was quoted at {st["px"] + round(r.gauss(0, 1.5), 2):,.2f}/{st["px"] + 0.6:,.2f} dlrs after the fix.'))
        return h, p

    def alt(self, r, d, st):
        return f'Gold {"morning" if st["slot"] == "am" else "afternoon"} fix in Kestrel Bay: {st["px"]:,.2f} dlrs'

    def more(self, r, d, st):
        return ['Dealers said physical demand from jewellers was thin ahead of the holiday season.']


class S32:     # stock index opening, midday and close (AFP)
    name = 'Norland OSX index opening, midday and close'
    cadence, n, outlet = 'daily', 4, 'AFP'
    slots = [('open', 8, 12), ('midday', 11, 3), ('close', 15, 41)]

    def init(self, r):
        return {'x': 1287.44, 'close': 1287.44}

    def make(self, r, d, st, k):
        if st['slot'] == 'open':
            st['base'] = st['close']
        st['x'] = round(st['x'] * (1 + r.gauss(0, 0.004)), 2)
        pct = round((st['x'] - st['base']) / st['base'] * 100, 2)
        if st['slot'] == 'close':
            st['close'] = st['x']
        verb = {'open': 'opened', 'midday': 'was trading', 'close': 'closed'}[st['slot']]
        h = ch(r, f'Norland stocks {"up" if pct >= 0 else "down"} {abs(pct)}% at {st["slot"]}'.replace('at open', 'at the open').replace('at close', 'at the close'),
               f'OSX {"HIGHER" if pct >= 0 else "LOWER"} AT {st["slot"].upper()}')
        a = f'Ostravel (AFP) - The Ostravel stock exchange\'s OSX index {verb} {"up" if pct >= 0 else "down"} {abs(pct)} percent at {comma(st["x"], 2)} points on {wd(d)}{"" if st["slot"] != "midday" else " at midday"}.'
        b = ch(r, f'{ch(r, "Fjordbank", "Nordvik Shipping", "Pellam Auto", "Skylane Air")} {ch(r, "led the gainers", "was the most traded share", "weighed on the index")}, {ch(r, "up", "down")} {abs(round(r.gauss(0, 1.8), 1))} percent.',
               f'Turnover {"was" if st["slot"] == "close" else "stood at"} {r.randint(300, 1400)} million crowns.')
        p = [a, b]
        if r.random() < 0.3:
            p.append(f'"{ch(r, "The market is waiting for the central bank", "Oil prices are driving the shipping stocks", "It is a quiet session")}," a broker in Ostravel told AFP.')
        return h, p

    def alt(self, r, d, st):
        return f'Ostravel OSX {st["slot"]}: {comma(st["x"], 2)}'

    def more(self, r, d, st):
        return ['The index has gained about 11 percent this year.']


class S33:     # interbank dinar rates at fixed hours (Reuters table)
    name = 'Veloran interbank dinar rates at 0900 and 1300 GMT'
    cadence, n, outlet = 'daily', 5, 'Reuters'
    slots = [('0900', 9, 4), ('1300', 13, 5)]

    def init(self, r):
        return {'usd': 12.4410, 'eur': 13.4920, 'gbp': 15.7230}

    def make(self, r, d, st, k):
        for c in ('usd', 'eur', 'gbp'):
            st[c] = round(st[c] * (1 + r.gauss(0, 0.0012)), 4)
        h = ch(r, f'VELORAN INTERBANK DINAR RATES AT {st["slot"]} GMT', f'Dinar interbank rates - {st["slot"]} GMT')
        p = [f'VELORAN, {rdate(d)} (Reuters) - Interbank dinar rates at {st["slot"]} GMT on {wd(d)} (bid/offer):']
        p.append('\n'.join([f'US dollar {st["usd"]:.4f}/{st["usd"] + 0.005:.4f}',
                            f'Euro {st["eur"]:.4f}/{st["eur"] + 0.006:.4f}',
                            f'Sterling {st["gbp"]:.4f}/{st["gbp"] + 0.008:.4f}',
                            f'Swiss franc {st["eur"] * 1.04:.4f}/{st["eur"] * 1.04 + 0.007:.4f}']))
        if r.random() < 0.3:
            p.append('Rates are indicative quotes of three commercial banks.')
        return h, p

    def alt(self, r, d, st):
        return f'Dinar at {st["usd"]:.4f} per dollar at {st["slot"]} GMT'

    def more(self, r, d, st):
        return []


class S34:     # crude oil at midday and at settlement (AP)
    name = 'Kestrel blend crude midday and settlement'
    cadence, n, outlet = 'daily', 5, 'AP'
    slots = [('midday', 16, 35), ('settle', 19, 52)]

    def init(self, r):
        return {'k': 68.90, 'prev': 68.90}

    def make(self, r, d, st, k):
        if st['slot'] == 'midday':
            st['prev'] = st['k']
        st['k'] = walk(r, st['k'], 0.6, 55, 85)
        dv = round(st['k'] - st['prev'], 2)
        mid = st['slot'] == 'midday'
        h = ch(r, f'Oil {"up" if dv >= 0 else "down"} {abs(dv):.2f} {"at midday" if mid else "at the close"}',
               f'Kestrel crude {"trades" if mid else "settles"} at ${st["k"]:.2f}')
        a = (f'HARLOW CITY (AP) — Benchmark Kestrel blend crude was {"up" if dv >= 0 else "down"} {abs(dv):.2f} at ${st["k"]:.2f} a barrel in midday trading on the Harlow Mercantile Exchange on {wd(d)}.' if mid else
             f'HARLOW CITY (AP) — Benchmark Kestrel blend crude {"rose" if dv >= 0 else "fell"} {abs(dv):.2f} to settle at ${st["k"]:.2f} a barrel on the Harlow Mercantile Exchange on {wd(d)}.')
        p = [a]
        if r.random() < 0.6:
            p.append(f'Heating oil {ch(r, "rose", "fell")} {abs(round(r.gauss(0, 2.5), 1))} cents to ${round(2.2 + r.gauss(0, 0.05), 3):.3f} a gallon.')
        if r.random() < 0.3:
            p.append(ch(r, 'Traders were watching a weekly report on fuel stocks.', '"Supply is ample," said Glen Morrow, a broker at Pike Street Futures.'))
        return h, p

    def alt(self, r, d, st):
        return f'Crude {"midday" if st["slot"] == "midday" else "settlement"}: ${st["k"]:.2f}'

    def more(self, r, d, st):
        return ['Producers in the region pumped near record amounts last month, according to an industry survey.']


class S35:     # two tenders a day (Bloomberg)
    name = 'Castellan central bank morning and afternoon repo tenders'
    cadence, n, outlet = 'daily', 5, 'Bloomberg'
    slots = [('morning', 8, 31), ('afternoon', 13, 32)]

    def init(self, r):
        return {'amt': 1.8, 'rate': 5.62}

    def make(self, r, d, st, k):
        st['amt'] = round(max(0.3, st['amt'] + r.gauss(0, 0.5)), 1)
        st['rate'] = walk(r, st['rate'], 0.015, 5.5, 5.8, 3)
        bids = round(st['amt'] * r.uniform(1.2, 2.5), 1)
        h = ch(r, f'Castellan Central Bank Injects {st["amt"]} Billion Crowns in {st["slot"].title()} Repo',
               f'CASTELLAN C.BANK {st["slot"].upper()} REPO: {st["amt"]} BLN CROWNS AT {st["rate"]:.3f}%')
        p = [f'(Bloomberg) -- Castellan\'s central bank lent {st["amt"]} billion crowns to banks in its {st["slot"]} one-day repurchase tender at an average rate of {st["rate"]:.3f}%, it said on its website.',
             f'Banks bid for {bids} billion crowns.']
        if r.random() < 0.4:
            p.append(ch(r, 'The bank holds two tenders a day to keep overnight rates close to its 5.50% policy rate.',
                        f'The overnight interbank rate was {st["rate"] + 0.04:.2f}% at {r.randint(8, 11)}:{r.choice(["05", "30", "45"])} a.m.'))
        return h, p

    def alt(self, r, d, st):
        return f'CASTELLAN-REPO: {st["slot"]} tender {st["amt"]} bln crowns'

    def more(self, r, d, st):
        return []


INTRADAY = [S31, S32, S33, S34, S35]
INTRADAY_VERSIONED = {31, 33, 35}

SERIES = [S01, S02, S03, S04, S05, S06, S07, S08, S09, S10, S11, S12, S13, S14,
          S15, S16, S17, S18, S19, S20, S21, S22, S23, S24, S25, S26, S27, S28,
          S29, S30]
# series with same-story versions (a third or more, both splits)
VERSIONED = {1, 3, 5, 8, 9, 12, 14, 17, 18, 21, 24, 26, 29}


def dates(cadence, n, r):
    """n dates of the series, ending by 27 November 2026"""
    end = date(2026, 11, 27)
    out = []
    if cadence == 'daily':
        d = end
        while len(out) < n:
            if d.weekday() < 5 and r.random() < 0.93:
                out.append(d)
            d -= timedelta(days=1)
    elif cadence.startswith('weekly'):
        wdn = int(cadence[6:])
        d = end - timedelta(days=(end.weekday() - wdn) % 7)
        for i in range(n):
            out.append(d - timedelta(weeks=i))
    elif cadence == 'twiceweekly':
        d = end
        while len(out) < n:
            if d.weekday() in (2, 5):
                out.append(d)
            d -= timedelta(days=1)
    elif cadence == 'biweekly':
        d = end - timedelta(days=(end.weekday() - 1) % 7)
        for i in range(n):
            out.append(d - timedelta(weeks=2 * i))
    elif cadence == 'monthly':
        y, m = 2026, 11
        for i in range(n):
            d = date(y, m, 1) + timedelta(days=r.randint(1, 9))
            while d.weekday() >= 5:
                d += timedelta(days=1)
            out.append(d)
            m -= 1
            if m == 0:
                y, m = y - 1, 12
    elif cadence == 'quarterly':
        y, m = 2026, 11
        for i in range(n):
            d = date(y, m, 1) + timedelta(days=r.randint(8, 18))
            while d.weekday() >= 5:
                d += timedelta(days=1)
            out.append(d)
            m -= 3
            if m <= 0:
                y, m = y - 1, m + 12
    return sorted(out)


NUM = re.compile(r'\d+(?:[.,]\d+)*')
OTHER = {'Reuters': 'Norland Business Daily', 'AP': 'Castellan Herald online', 'AFP': 'Veloria Economic Wire',
         'Bloomberg': 'MarketPulse', 'PR wire': 'Reuters', 'company': 'Reuters', 'NTB': 'Ostravel Evening Post'}


def wrong(num, r):
    """the same figure with one digit changed"""
    idx = [i for i, c in enumerate(num) if c.isdigit()]
    i = r.choice(idx[-3:] if len(idx) > 1 else idx)
    new = str((int(num[i]) + r.choice([1, 2, 3, 7])) % 10)
    if i == 0 and new == '0':
        new = '9'
    return num[:i] + new + num[i + 1:]


def correct_note(outlet, para, right, bad):
    if outlet == 'AP':
        return f'Eds: Corrects figure in {["1st", "2nd", "3rd", "4th", "5th"][para - 1]} paragraph to {right}, sted {bad}.'
    if outlet == 'Bloomberg':
        return f'(Corrects figure in {["first", "second", "third", "fourth", "fifth"][para - 1]} paragraph of story published earlier.)'
    return f'(Corrects figure in paragraph {para} to {right} from {bad})'


def body_of(h, paras):
    return h + '\n\n' + '\n\n'.join(paras)


def esc(s):
    return s.replace('\\', '\\\\').replace('\t', '\\t').replace('\n', '\\n').replace('\r', '\\r')


def main():
    rows = []
    intra = sys.argv[1:] == ['intraday']
    for sn, cls in enumerate(INTRADAY if intra else SERIES, 31 if intra else 1):
        s = cls()
        r = random.Random(1000 + sn)
        st = s.init(r)
        hour = r.randint(6, 15)
        minute = r.randint(0, 50)
        ds = dates(s.cadence, s.n, r)
        if intra:               # each date's slots, in order
            ds = [(d, slot) for d in ds for slot in s.slots]
        vdays = set()
        if sn in (INTRADAY_VERSIONED if intra else VERSIONED):
            vdays = set(r.sample(range(len(ds)), 3 if len(ds) >= 6 else 2))
        for k, d in enumerate(ds):
            if intra:
                d, (slot, hour, minute) = d
                st['slot'] = slot
            h, paras = s.make(r, d, st, k)
            truth = f'S{sn:02d}-{d.isoformat()}' + (f'-{slot}' if intra else '')
            t0 = datetime(d.year, d.month, d.day, hour, minute, tzinfo=timezone.utc) + timedelta(minutes=r.randint(-8, 12), seconds=r.randint(0, 59))
            if intra:
                t0 = datetime(d.year, d.month, d.day, hour, minute, tzinfo=timezone.utc) + timedelta(minutes=r.randint(0, 6), seconds=r.randint(0, 59))
            item = (t0, f'S{sn:02d}', truth, 'item', s.outlet, body_of(h, paras))
            out = []
            if k in vdays:
                kinds = r.sample(['repeat', 'correction', 'relay', 'writethrough'], r.choice([1, 2, 2]))
                kinds.sort(key=lambda x: x != 'correction')
                sent = paras            # the text as the item went out
                for kind in kinds:
                    if kind == 'repeat':
                        pre = {'Reuters': 'REPEAT-', 'AFP': 'REPEAT: ', 'AP': 'REPEAT ', 'Bloomberg': 'REPEAT: '}.get(s.outlet, '')
                        note = ch(r, '', f'(Repeats item issued at {t0.strftime("%H%M")} GMT with no changes to text)')
                        b = body_of(pre + h, ([note] if note else []) + sent)
                        out.append((t0 + timedelta(minutes=r.randint(3, 40)), kind, s.outlet, b))
                    elif kind == 'correction':
                        cand = [(i, m) for i in range(len(paras)) for m in NUM.finditer(paras[i])
                                if m.start() > (paras[i].find(' - ') + 2 if i == 0 else -1)
                                and (len(m.group(0)) >= 3 or sn == 8 or (len(m.group(0)) == 2 and not re.search(
                                    r'(%s) $' % '|'.join(MONTH + MON + ['week']), paras[i][:m.start()])))
                                and paras[i][m.end():m.end() + 1] != '/'
                                and not re.fullmatch(r'20\d\d', m.group(0))]
                        cand = [c for c in cand if c[0] > 0] or cand
                        if not cand:
                            print("no figure to correct", sn, paras, file=sys.stderr)
                        pi, m = r.choice(cand)
                        right = m.group(0)
                        bad = wrong(right, r)
                        badp = paras[:]
                        badp[pi] = paras[pi][:m.start()] + bad + paras[pi][m.end():]
                        item = (t0, f'S{sn:02d}', truth, 'item', s.outlet, body_of(h, badp))
                        sent = badp
                        pre = {'AP': 'CORRECTS ', 'Bloomberg': 'CORRECT: '}.get(s.outlet, 'CORRECTED-')
                        b = body_of(pre + h, [correct_note(s.outlet, pi + 1, right, bad)] + paras)
                        out.append((t0 + timedelta(minutes=r.randint(25, 300)), kind, s.outlet, b))
                    elif kind == 'relay':
                        ps = sent[:]
                        first = ps[0]
                        for sep in (' - ', ' — ', ' -- '):
                            j = first.find(sep)
                            if 0 <= j < 60:
                                first = first[j + len(sep):]
                                break
                        ps[0] = first
                        if len(ps) > 2 and r.random() < 0.5:
                            ps = ps[:-1]
                        other = OTHER.get(s.outlet, 'Reuters')
                        b = body_of(s.alt(r, d, st), ps + [ch(r, f'Source: {s.outlet}', f'({s.outlet})', f'-- {s.outlet}, edited by {other}')])
                        out.append((t0 + timedelta(minutes=r.randint(10, 180)), kind, other, b))
                    elif kind == 'writethrough':
                        more = s.more(r, d, st)
                        if not more:
                            more = ['Further details were not immediately available.']
                        ps = paras[:1] + more[:1] + paras[1:] + more[1:]
                        pre = {'Reuters': 'UPDATE 1-', 'AFP': '', 'AP': '', 'Bloomberg': ''}.get(s.outlet, 'UPDATE-')
                        note = {'Reuters': '(Adds background, comment)', 'AP': 'Eds: Updates with background, comment.',
                                'Bloomberg': '(Updates with comment in second paragraph.)'}.get(s.outlet, '(Adds details)')
                        b = body_of(pre + h, [note] + ps)
                        out.append((t0 + timedelta(minutes=r.randint(45, 240)), kind, s.outlet, b))
            rows.append(item)
            for t, kind, outlet, b in out:
                rows.append((t, f'S{sn:02d}', truth, kind, outlet, b))
    rows.sort(key=lambda x: (x[0], x[1]))
    for i, (t, series, truth, kind, outlet, b) in enumerate(rows, 1):
        print('\t'.join([str(i), t.strftime('%Y-%m-%d %H:%M:%S+00'), series, truth, kind, esc(outlet), esc(b)]))


if __name__ == '__main__':
    main()
