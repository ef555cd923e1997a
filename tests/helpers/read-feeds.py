"""Reads feeds (RSS or Atom) with the Universal Feed Parser (Debian's
python3-feedparser) and prints what a feed reader sees, as JSON: one object
per file given.

Run it with /usr/bin/python3, the interpreter that has the Debian package.
(Not named feedparser.py: the script would shadow the module it imports.)
"""
import calendar
import json
import sys

import feedparser


def timestamp(parsed):
    """A date as feedparser normalized it (UTC struct_time), in Unix seconds."""
    return calendar.timegm(parsed) if parsed else None


def entry(e):
    return {
        "title": e.get("title"),
        "link": e.get("link"),
        "id": e.get("id"),
        "guidislink": e.get("guidislink"),
        "published": e.get("published"),
        "updated": e.get("updated"),
        "published_ts": timestamp(e.get("published_parsed")),
        "updated_ts": timestamp(e.get("updated_parsed")),
        "summary": e.get("summary"),
        "content": [c.get("value") for c in e.get("content", [])],
        "authors": [a.get("name") for a in e.get("authors", [])],
        "tags": [t.get("term") for t in e.get("tags", [])],
        "enclosures": [
            {"href": x.get("href"), "length": x.get("length"), "type": x.get("type")}
            for x in e.get("enclosures", [])
        ],
    }


def read(path):
    d = feedparser.parse(path)
    feed = d.get("feed", {})
    return {
        "bozo": bool(d.get("bozo")),
        "bozo_exception": str(d.get("bozo_exception")) if d.get("bozo") else None,
        "version": d.get("version"),
        "encoding": d.get("encoding"),
        "feed": {
            "id": feed.get("id"),
            "title": feed.get("title"),
            "subtitle": feed.get("subtitle"),
            "link": feed.get("link"),
            "language": feed.get("language"),
            "updated": feed.get("updated"),
            "links": feed.get("links", []),
            "image": (feed.get("image") or {}).get("href"),
        },
        "entries": [entry(e) for e in d.get("entries", [])],
    }


if __name__ == "__main__":
    json.dump({path: read(path) for path in sys.argv[1:]}, sys.stdout, ensure_ascii=False)
