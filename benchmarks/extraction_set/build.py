"""Regenerate the extraction evaluation set: ``python -m benchmarks.extraction_set.build``.

Writes ``pages/<layout>_<nn>.html`` (the exact bytes a server would send: GBK
or UTF-8, BOM, CRLF, charset lies) and a sidecar ``.json`` with the ground
truth. The truth is the hand-written text of ``corpus.py`` plus what the
layout put on the page (date precision, origin, author); no extractor is run.
The output is committed, so the benchmark does not depend on this script.
"""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

from benchmarks.extraction_set import layouts_other, layouts_template
from benchmarks.extraction_set.corpus import FANWEN, OTHER

HERE = Path(__file__).parent
PAGES = HERE / "pages"
TEMPLATE_PAGES = 8
PAGES_OF = {"copysite": 6}  # the later layout: fewer pages, same families of articles
OTHER_PLAN = {  # layout -> indices into OTHER: own kind first, then reprints from other kinds
    "news": [0, 1, 2, 3, 10, 11],
    "blog": [4, 5, 6, 7, 8, 9],
    "forum": [7, 8, 9, 4, 5, 6],
    "gov": [10, 11, 0, 1, 3],
    "wechat": [3, 6, 8, 0, 11, 5],
}
URLS = {
    "dedecms": "/{cat}/{id}.html", "ruiwen": "/{cat}/{id}.html", "xuexila": "/{cat}/{id}.html",
    "powereasy": "/gongzuo/HTML/gongzuo_20230305101010_{id}.html", "mobile": "/{cat}/{id}.html",
    "news": "/2023/0506/{id}.shtml", "blog": "/archives/{id}", "forum": "/thread-{id}-1-1.html",
    "gov": "/tzgg/{id}.htm", "copysite": "/{cat}/{id}.html", "wechat": "/s/{id}",
}


def _encode(page: dict[str, Any], layout: str, n: int) -> tuple[bytes, str | None]:
    """Bytes as served, plus a lying Content-Type for some pages."""
    text: str = page["html"]
    if n % 4 == 1:
        cut = text.find("<body>")
        text = text[:cut].replace("\n", "\r\n") + text[cut:]  # CRLF head, LF body
    if page["encoding"] == "gbk":
        body = text.encode("gbk", errors="xmlcharrefreplace")
        lie = "text/html; charset=utf-8" if n == 5 else None
        return body, lie
    body = text.encode("utf-8")
    if layout == "mobile" and n == 3:
        body = b"\xef\xbb\xbf" + body
    return body, ("text/html; charset=iso-8859-1" if n == 6 else None)


def _write(layout: str, n: int, group: str, art: dict[str, Any], page: dict[str, Any]) -> None:
    name = f"{layout}_{n:02d}"
    body, content_type = _encode(page, layout, n)
    path = URLS[layout].format(cat="fanwen", id=1234560 + n)
    truth = {
        "layout": layout, "group": group, "url": f"http://{page['host']}{path}",
        "content_type": content_type, "encoding": page["encoding"], "title": art["title"],
        **page["truth"], "paragraphs": art["paras"], "boilerplate": page["boilerplate"],
    }
    (PAGES / f"{name}.html").write_bytes(body)
    (PAGES / f"{name}.json").write_text(json.dumps(truth, ensure_ascii=False, indent=1) + "\n",
                                        encoding="utf-8")


def build() -> int:
    PAGES.mkdir(exist_ok=True)
    for old in PAGES.iterdir():
        old.unlink()
    count = 0
    for li, (layout, render) in enumerate(layouts_template.LAYOUTS.items()):
        for n in range(PAGES_OF.get(layout, TEMPLATE_PAGES)):
            art = FANWEN[(li * 3 + n) % len(FANWEN)]
            _write(layout, n, "template", art, render(art, random.Random(f"{layout}{n}"), n))
            count += 1
    for layout, render in layouts_other.LAYOUTS.items():
        for n, index in enumerate(OTHER_PLAN[layout]):
            art = OTHER[index]
            _write(layout, n, "other", art, render(art, random.Random(f"{layout}{n}"), n))
            count += 1
    return count


if __name__ == "__main__":
    print(f"wrote {build()} pages to {PAGES}")
