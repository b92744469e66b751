"""The report's stylesheet, inlined into report.html so the file works offline and alone.

Kept as a Python string rather than a .css file so it ships with any build backend.
"""

CSS = """
:root {
  --ink: #1f1f22; --muted: #66666d; --bg: #f6f5f1; --card: #ffffff; --line: #dcd8cf;
  --accent: #0b6157; --warn: #a3360d; --soft: rgba(120, 120, 120, .09);
}
@media (prefers-color-scheme: dark) {
  :root {
    --ink: #e8e6e1; --muted: #a4a19b; --bg: #15161a; --card: #1f2126; --line: #363840;
    --accent: #62cbbb; --warn: #f29a6b; --soft: rgba(200, 200, 200, .07);
  }
}
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body {
  margin: 0; background: var(--bg); color: var(--ink);
  font-family: "Noto Naskh Arabic", "Noto Sans Arabic", "Amiri", Tahoma, sans-serif;
  font-size: 1.0625rem; line-height: 1.85;
}
main { max-width: 58rem; margin: 0 auto; padding: 1rem 1.25rem 4rem; }
h1, h2, h3, h4 { line-height: 1.45; margin: 1.2em 0 .4em; }
h1 { font-size: 1.9rem; margin-top: .4rem; }
h2 { font-size: 1.45rem; border-bottom: 2px solid var(--line); padding-bottom: .3rem; margin-top: 2.4rem; }
h3 { font-size: 1.2rem; margin-top: 0; }
.card > h2:first-child { margin-top: 0; }
h4 { font-size: 1.02rem; color: var(--accent); }
a { color: var(--accent); }
small.en { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; font-size: .7em;
  color: var(--muted); font-weight: normal; }
.muted { color: var(--muted); }
.card { background: var(--card); border: 1px solid var(--line); border-radius: .6rem;
  padding: 1rem 1.25rem; margin: 1rem 0; }
.counts { list-style: none; padding: 0; margin: 1rem 0; display: grid; gap: .6rem;
  grid-template-columns: repeat(auto-fit, minmax(7.5rem, 1fr)); }
.counts a { display: block; text-align: center; text-decoration: none; color: inherit;
  background: var(--card); border: 1px solid var(--line); border-radius: .6rem; padding: .5rem; }
.counts b { display: block; font-size: 1.8rem; line-height: 1.3; font-family: system-ui, sans-serif; }
.counts .warn b { color: var(--warn); }
.toc ol { padding-inline-start: 1.4rem; margin: .2rem 0; }
.toc li { margin: .15rem 0; }
.notice { border-inline-start: 4px solid var(--warn); background: var(--soft);
  padding: .6rem 1rem; border-radius: .3rem; }
dl.meta { display: grid; grid-template-columns: max-content minmax(0, 1fr); gap: .1rem 1rem;
  margin: .4rem 0 1rem; font-size: .92rem; }
dl.meta dt { color: var(--muted); }
dl.meta dd { margin: 0; overflow-wrap: anywhere; }
.meta-line { font-size: .92rem; margin: .2rem 0; }
.untitled { font-size: .75rem; font-weight: normal; border: 1px dashed var(--warn); color: var(--warn);
  border-radius: 1rem; padding: 0 .55rem; margin-inline-start: .4rem; white-space: nowrap; }
.untitled-title { color: var(--muted); font-style: italic; }
.tag { font-size: .78em; border: 1px solid var(--line); border-radius: 1rem; padding: 0 .5rem;
  font-family: system-ui, sans-serif; }
.text p { margin: 0 0 .8em; }
details { margin: .4rem 0; }
details > summary { cursor: pointer; color: var(--accent); }
details.boilerplate ol, details.extra dl { color: var(--muted); font-size: .92rem; }
blockquote { margin: .4rem 0; padding: .3rem .9rem; background: var(--soft);
  border-inline-start: 3px solid var(--accent); border-radius: .2rem; }
.cites { margin: .2rem 0 .6rem; }
.versus { color: var(--muted); font-weight: bold; margin: .2rem 0; }
.cite summary { font-size: .9rem; }
.cite-mark { font-size: .75rem; border: 1px solid var(--accent); border-radius: .3rem; padding: 0 .35rem; }
.goto { font-size: .85rem; }
.items > li { margin-bottom: .7rem; }
/* entities, places and dates are many short items: chips that wrap, not one line each */
ul.items.entities, ul.items.places, ul.items.dates { display: flex; flex-wrap: wrap; gap: .4rem; padding: 0; }
ul.items.entities > li, ul.items.places > li, ul.items.dates > li {
  list-style: none; margin: 0; padding: .25rem .5rem; border: 1px solid #ddd; border-radius: .4rem;
  font-size: .9rem; max-width: 100%; }
ul.items.entities .meta-line, ul.items.places .meta-line { margin: .1rem 0 0; font-size: .8rem; }
.path, .ident { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; font-size: .86em; }
.rejected li { margin-bottom: .4rem; overflow-wrap: anywhere; }
.pair .two { display: grid; grid-template-columns: 1fr 1fr; gap: .6rem; }
.missing { color: var(--warn); }
figure.map, figure.chart { margin: .4rem 0 .8rem; }
figure svg { width: 100%; height: auto; max-width: 48rem; display: block; }
.matrix { overflow-x: auto; margin: .4rem 0 .8rem; }
.matrix table { border-collapse: collapse; font-size: .9rem; }
.matrix th, .matrix td { border: 1px solid #ccc; padding: .2rem .4rem; text-align: center; }
.matrix th.fact { text-align: start; font-weight: normal; max-width: 28rem; }
.matrix details.fact { margin: 0; }
.matrix details.fact > summary { color: inherit; }
.matrix details.fact[open] .gist { display: none; }  /* the whole fact follows: its first words once */
.as-written { color: var(--muted); font-size: .9rem; }
.pager { font-size: .95rem; margin: 0 0 .6rem; }
.pager a { margin-inline-end: .3rem; }
table.pages td { white-space: nowrap; }
details.day > summary { font-size: 1.05rem; margin: .3rem 0; }
@media (max-width: 40rem) {
  body { font-size: 1rem; }
  main { padding: .6rem .7rem 3rem; }
  .card { padding: .75rem .8rem; }
  dl.meta { grid-template-columns: minmax(0, 6.5rem) minmax(0, 1fr); column-gap: .6rem; }
  .pair .two { grid-template-columns: minmax(0, 1fr); }
}
@media print {
  body { background: #fff; }
  .card { break-inside: avoid-page; border-color: #999; }
}
"""
