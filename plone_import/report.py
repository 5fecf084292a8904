"""What an import did: counts per Plone type, then one line per skipped item and warning."""

import json
import tempfile
from collections import defaultdict

OUTCOMES = ("created", "updated", "unchanged", "mapped", "skipped")


class Report:
    """The counts are kept in memory; the lines (one or more per item of a large export)
    go to a temporary file as they come, so the import's memory does not grow with them."""

    def __init__(self):
        self.counts = defaultdict(lambda: dict.fromkeys(OUTCOMES, 0))
        self.spool = tempfile.TemporaryFile(mode="w+", encoding="utf-8")
        self.summary = {}

    def count(self, portal_type, outcome):
        self.counts[portal_type or "(no type)"][outcome] += 1

    def skip(self, uid, path, portal_type, reason):
        self.count(portal_type, "skipped")
        self.add("skipped", uid, path, portal_type, reason)

    def warn(self, uid, path, portal_type, reason):
        self.add("warning", uid, path, portal_type, reason)

    def review(self, uid, path, portal_type, reason):
        """Something the import decided that an editor should check (e.g. alt text)."""
        self.add("review", uid, path, portal_type, reason)

    def add(self, kind, uid, path, portal_type, reason):
        line = {"kind": kind, "uid": uid, "path": path, "type": portal_type, "reason": reason}
        self.spool.write(json.dumps(line, ensure_ascii=False) + "\n")

    @property
    def lines(self):
        """Each line as {"kind", "uid", "path", "type", "reason"}, read back one at a time."""
        self.spool.flush()
        self.spool.seek(0)
        for text in self.spool:
            yield json.loads(text)
        self.spool.seek(0, 2)  # further lines are appended

    def counts_by_type(self):
        return {name: dict(values) for name, values in sorted(self.counts.items())}

    def as_dict(self):
        return {"summary": self.summary, "counts": self.counts_by_type(), "lines": list(self.lines)}

    def write_json(self, path):
        """The report as JSON, the lines written one by one."""
        with open(path, "w", encoding="utf-8") as handle:
            handle.write("{")
            for key, value in (("summary", self.summary), ("counts", self.counts_by_type())):
                handle.write(f"{json.dumps(key)}: {json.dumps(value, ensure_ascii=False)}, ")
            handle.write('"lines": [')
            for number, line in enumerate(self.lines):
                handle.write((",\n  " if number else "\n  ") + json.dumps(line, ensure_ascii=False))
            handle.write("\n]}\n")

    def text_lines(self):
        width = max([len(name) for name in self.counts] + [len("Plone type")])
        yield f"{'Plone type':<{width}}  " + "  ".join(f"{o:>9}" for o in OUTCOMES)
        for name, values in sorted(self.counts.items()):
            yield f"{name:<{width}}  " + "  ".join(f"{values[o]:>9}" for o in OUTCOMES)
        for key, value in self.summary.items():
            yield f"{key}: {value}"
        for line in self.lines:
            yield (
                f"{line['kind'].upper()}\t{line['uid']}\t{line['path']}\t{line['type']}\t"
                f"{line['reason']}"
            )

    def as_text(self):
        return "\n".join(self.text_lines())
