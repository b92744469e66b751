"""Writing stories.json: naba's writer against `json.dump` as a user would call it, and orjson.

Reads a finished run's `stories.json` (the document a run or a `naba watch` poll writes; all of
SaudiNewsNet makes 30,660 articles and 14,568 stories) and writes it again, timed, three ways:
- `json.dump(doc, indent=1)`, what naba did until session 32 (the pure-Python encoder: `json.dump`
  and any `indent` never use the C one);
- naba (`naba.output.json_lines`): the standard library's C encoder, an article or story a line;
- orjson (`pip install orjson`, a compiled dependency naba does not take), when installed.
Each written file is read back and compared with the document. Prints seconds, MB written, MB/s
and the peak of the process's memory after each (ru_maxrss: the document itself is most of it).

Usage: python benchmarks/output.py OUT/stories.json [--repeat 2]
"""

from __future__ import annotations

import argparse
import json
import resource
import tempfile
import time
from pathlib import Path


def write_indented(doc, path: Path) -> None:
    with path.open("w", encoding="utf-8") as out:
        json.dump(doc, out, ensure_ascii=False, indent=1, default=str)


def write_naba(doc, path: Path) -> None:
    from naba.output import json_lines

    with path.open("w", encoding="utf-8") as out:
        out.writelines(json_lines(doc))


def write_orjson(doc, path: Path) -> None:
    import orjson

    path.write_bytes(orjson.dumps(doc, option=orjson.OPT_INDENT_2, default=str))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("stories_json", type=Path)
    parser.add_argument("--repeat", type=int, default=2)
    args = parser.parse_args()
    started = time.perf_counter()
    doc = json.loads(args.stories_json.read_text(encoding="utf-8"))
    print(f"read {len(doc['articles']):,} articles, {len(doc['stories']):,} stories in "
          f"{time.perf_counter() - started:.1f} s")
    writers = {"json.dump indent=1": write_indented, "naba json_lines": write_naba}
    try:
        import orjson  # noqa: F401
        writers["orjson indent 2"] = write_orjson
    except ImportError:
        print("orjson not installed: skipped")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "stories.json"
        for name, write in writers.items():
            times = []
            for _ in range(args.repeat):
                started = time.perf_counter()
                write(doc, path)
                times.append(time.perf_counter() - started)
            size = path.stat().st_size / 1e6
            same = json.loads(path.read_text(encoding="utf-8")) == doc
            peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1e3
            print(f"{name:20s} best {min(times):6.1f} s  {size:7.0f} MB  {size / min(times):6.0f} MB/s  "
                  f"the same document: {same}  peak {peak:,.0f} MB")


if __name__ == "__main__":
    main()
