"""What an import did: counts per Plone type, then one line per skipped item and warning."""

import json
from collections import defaultdict

OUTCOMES = ("created", "updated", "unchanged", "mapped", "skipped")


class Report:
    def __init__(self):
        self.counts = defaultdict(lambda: dict.fromkeys(OUTCOMES, 0))
        self.lines = []  # {"kind", "uid", "path", "type", "reason"}
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
        self.lines.append(
            {"kind": kind, "uid": uid, "path": path, "type": portal_type, "reason": reason}
        )

    def as_dict(self):
        return {
            "summary": self.summary,
            "counts": {name: dict(values) for name, values in sorted(self.counts.items())},
            "lines": self.lines,
        }

    def write_json(self, path):
        with open(path, "w", encoding="utf-8") as handle:
            json.dump(self.as_dict(), handle, ensure_ascii=False, indent=2)

    def as_text(self):
        width = max([len(name) for name in self.counts] + [len("Plone type")])
        out = [f"{'Plone type':<{width}}  " + "  ".join(f"{o:>9}" for o in OUTCOMES)]
        for name, values in sorted(self.counts.items()):
            out.append(f"{name:<{width}}  " + "  ".join(f"{values[o]:>9}" for o in OUTCOMES))
        for key, value in self.summary.items():
            out.append(f"{key}: {value}")
        for line in self.lines:
            out.append(
                f"{line['kind'].upper()}\t{line['uid']}\t{line['path']}\t{line['type']}\t"
                f"{line['reason']}"
            )
        return "\n".join(out)
