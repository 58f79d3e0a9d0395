#!/usr/bin/env python3
"""bench/html_shapes.py -- pathological and ordinary HTML pages of a given size

Usage: html_shapes.py SHAPE MEGABYTES [OUTFILE]     (list shapes: html_shapes.py --list)

Each shape is an input that some HTML parser handles badly (libxml2 2.9's
was quadratic on the first two), written to OUTFILE or stdout, about
MEGABYTES MB long.  Used by bench/html_bench.sh.
"""
import sys

PARA = ("<p>The minister said on Tuesday that the talks would resume next week, "
        "after a pause of almost a month, and that both sides had agreed to "
        "publish the draft text before the summit.</p>\n")


def fill(unit, size, head="", tail=""):
    n = max(1, (size - len(head) - len(tail)) // len(unit))
    return head + unit * n + tail


def attributes(size):
    # one tag with as many attributes as fit, then a paragraph
    n = size // 12
    return "<html><body><div " + " ".join("a%d=\"\"" % i for i in range(n)) + ">" + PARA + "</div></body></html>"


def attrs_many_tags(size):
    # many tags of 2,000 attributes each
    tag = "<div " + " ".join("a%d=x" % i for i in range(2000)) + ">x</div>\n"
    return fill(tag, size, "<html><body>", "</body></html>")


def stray_end(size):
    # a deep stack of open tags, then stray end tags that match none of them
    half = size // 2
    return "<html><body>" + "<b>" * (half // 3) + "</i>" * (half // 4) + PARA


def deep(size):
    return fill("<div>", size, "<html><body>", PARA)


def deep_closed(size):
    n = size // 11
    return "<html><body>" + "<div>" * n + "x" + "</div>" * n + PARA


def blocked_end(size):
    # </span> cannot close the span: 200 divs (higher end priority) are above it
    return fill("</span>", size, "<html><body><span>" + "<div>" * 200, PARA)


def unclosed(size):
    return fill("<p><b><i><a href=x>word ", size, "<html><body>", "")


def comment(size):
    return fill("x", size, "<html><body>" + PARA + "<!--", "-->" + PARA)


def comments_many(size):
    return fill("<!-- c -->  ", size, "<html><body><p>", PARA)


def unterminated_comment(size):
    return fill("x", size, "<html><body>" + PARA + "<!--", "")


def cdata(size):
    return fill("x", size, "<html><body>" + PARA + "<![CDATA[", "]]>" + PARA)


def entities(size):
    return fill("&amp;&eacute;&#233;&#x20AC; ", size, "<html><body><p>", "</p>")


def entities_unknown(size):
    n = size // 10
    return "<html><body><p>" + "".join("&e%d;" % i for i in range(n)) + "</p>"


def long_entity(size):
    return fill("a", size, "<html><body><p>&", ";</p>")


def long_attr(size):
    return fill("x", size, "<html><body><div class=\"", "\">" + PARA + "</div>")


def long_attr_unterminated(size):
    return fill("x", size, "<html><body>" + PARA + "<div class=\"", "")


def long_name(size):
    return fill("a", size, "<html><body>" + PARA + "<x", ">" + PARA)


def distinct_names(size):
    n = size // 20
    return "<html><body>" + "".join("<t%d>w</t%d>" % (i, i) for i in range(n))


def script(size):
    return fill("if (a < b) { c = '</div>'; } ", size, "<html><body>" + PARA + "<script>", "</script>" + PARA)


def script_unterminated(size):
    return fill("var a = 1; ", size, "<html><body>" + PARA + "<script>", "")


def style(size):
    return fill("p { color: red } ", size, "<html><head><style>", "</style></head><body>" + PARA)


def encoding(size):
    head = ('<html><head><meta charset="iso-8859-1">'
            '<meta http-equiv="Content-Type" content="text/html; charset=windows-1251"></head><body>')
    return fill("<p>Caf\u00e9 \u00fcber na\u00efve \u0416\u0443\u0440\u043d\u0430\u043b \u20ac</p>\n", size, head, "</body></html>")


def meta_many(size):
    return fill('<meta charset="utf-16">', size, "<html><head>", "</head><body>" + PARA)


def body_many(size):
    return fill("<body>", size, "<html>" + "<div>" * 200, PARA)


def text_only(size):
    return fill("word ", size, "<html><body>", "")


def lt_text(size):
    return fill("< 1 <= 2 <3 ", size, "<html><body><p>", "</p>")


def p_empty(size):
    return fill("<p>", size, "<html><body>", "")


def p_words(size):
    return fill("<p>a b", size, "<html><body>", "")


def table(size):
    return fill("<tr><td>cell<td>cell", size, "<html><body><table>", "</table>")


def ordinary(size):
    return fill(PARA + "<div class=\"share\"><a href=\"/x\">Share</a></div>\n", size,
                "<!DOCTYPE html><html><head><title>t</title></head><body><article>",
                "</article></body></html>")


SHAPES = {f.__name__: f for f in [
    attributes, attrs_many_tags, stray_end, deep, deep_closed, blocked_end, unclosed,
    comment, comments_many, unterminated_comment, cdata, entities,
    entities_unknown, long_entity, long_attr, long_attr_unterminated,
    long_name, distinct_names, script, script_unterminated, style, encoding,
    meta_many, body_many, text_only, lt_text, p_empty, p_words, table, ordinary]}


def main():
    if len(sys.argv) >= 2 and sys.argv[1] == "--list":
        print("\n".join(SHAPES))
        return
    if len(sys.argv) < 3 or sys.argv[1] not in SHAPES:
        sys.exit(__doc__)
    page = SHAPES[sys.argv[1]](int(float(sys.argv[2]) * 1000000))
    data = page.encode("utf-8")
    if len(sys.argv) > 3:
        with open(sys.argv[3], "wb") as f:
            f.write(data)
    else:
        sys.stdout.buffer.write(data)


if __name__ == "__main__":
    main()
