#!/usr/bin/env python3
"""Rewrites citations of the former, external domain and contract documents to HITGov's own docs.

One-shot migration helper. Before HITGov had docs/domain/ and docs/contract.md, code comments, model
descriptions and docs cited an external domain document by section number ("<domain doc> 3.4",
"<domain doc> 1.2-1.4", "<domain doc> 2.2.1 to 2.2.5") and an external contract document by section
name ("<contract doc>, \"Errors\""). This script replaces each such citation with the path (and
anchor) of the project's own document; SECTIONS below is the mapping, also shown as a table in
docs/domain/README.md (`--table` prints it).

Usage (from the repository root):

    python3 docs/domain/rewrite-citations.py [--dry-run] [--check] PATH...

PATH is a file or a folder (searched recursively; .git, target, node_modules, data, the new docs
themselves and the Flyway migrations are skipped: an applied migration must not change, or Flyway's
checksum validation fails on every existing database). Every change is printed as file:line old -> new. --dry-run prints without
writing; --check exits 1 if any citation is left (for CI). In Markdown files the citation becomes a
relative link; elsewhere (Java, YAML, SQL, BPMN, DMN, forms) a plain repository path such as
docs/domain/risk.md#score-and-bands. Running it twice changes nothing the second time.
"""
import argparse
import os
import re
import sys

# The old file names, assembled so that this script itself is not a citation of them.
OLD_DOMAIN = "domain" + r"\.md"
OLD_CONTRACT = "contract" + r"\.md"

D = "docs/domain/"

# Former section number -> new document and anchor, in the former document's order.
SECTIONS = [
    ("1", D + "lifecycle-and-gates.md", "", "Implementation lifecycle, phases and stage gates"),
    ("1.1", D + "lifecycle-and-gates.md", "source-frameworks", "Source frameworks"),
    ("1.2", D + "lifecycle-and-gates.md", "phases", "Canonical phase model"),
    ("1.3", D + "lifecycle-and-gates.md", "gates", "Gate catalogue, outcomes, SLAs"),
    ("1.4", D + "readiness.md", "scorecard", "Go-live readiness scorecard"),
    ("1.5", D + "lifecycle-and-gates.md", "safer-guides", "SAFER Guides"),
    ("1.6", D + "lifecycle-and-gates.md", "workstreams", "Workstreams that feed gates"),
    ("1.6.1", D + "interoperability-and-conversion.md", "interfaces", "Interoperability (HL7 v2, FHIR)"),
    ("1.6.2", D + "interoperability-and-conversion.md", "data-conversion", "Data migration"),
    ("1.6.3", D + "lifecycle-and-gates.md", "training-and-adoption", "Training and adoption"),
    ("1.6.4", D + "readiness.md", "downtime-contingency", "Downtime contingency"),
    ("1.6.5", D + "lifecycle-and-gates.md", "uat", "UAT with clinician groups"),
    ("1.6.6", D + "lifecycle-and-gates.md", "budget-and-fiscal-alignment", "Budget / fiscal alignment"),
    ("1.6.7", D + "lifecycle-and-gates.md", "status-communication", "Stakeholder management and status"),
    ("1.6.8", D + "lifecycle-and-gates.md", "post-implementation-feedback", "Post-implementation feedback"),
    ("2", D + "hipaa-gate.md", "", "HIPAA Security Rule and the HIPAA audit gate"),
    ("2.1", D + "hipaa-gate.md", "ground-rules", "Ground rules"),
    ("2.2", D + "hipaa-gate.md", "specification-catalogue", "Standards and specifications with gate evidence"),
    ("2.2.1", D + "hipaa-gate.md", "administrative-safeguards-45-cfr-164308", "Administrative safeguards"),
    ("2.2.2", D + "hipaa-gate.md", "physical-safeguards-45-cfr-164310", "Physical safeguards"),
    ("2.2.3", D + "hipaa-gate.md", "technical-safeguards-45-cfr-164312", "Technical safeguards"),
    ("2.2.4", D + "hipaa-gate.md", "organizational-requirements-45-cfr-164314", "Organizational requirements"),
    ("2.2.5", D + "hipaa-gate.md", "policies-procedures-and-documentation-45-cfr-164316",
     "Policies, procedures and documentation"),
    ("2.3", D + "hipaa-gate.md", "security-risk-assessment-tool", "HHS/ONC SRA Tool"),
    ("2.4", D + "hipaa-gate.md", "gate-rules", "HIPAA audit gate design, disposition, validity"),
    ("2.5", D + "breach-notification.md", "", "Breach Notification Rule"),
    ("2.6", D + "hipaa-gate.md", "business-associate-agreements", "Business Associate Agreements"),
    ("2.7", D + "hipaa-gate.md", "2025-proposed-rule", "2025 proposed Security Rule update"),
    ("3", D + "risk.md", "", "Risk management"),
    ("3.1", D + "risk.md", "risk-record", "Risk register record"),
    ("3.2", D + "risk.md", "categories", "Categories"),
    ("3.3", D + "risk.md", "scales", "Scales"),
    ("3.4", D + "risk.md", "score-and-bands", "Score and bands"),
    ("3.5", D + "risk.md", "escalation", "Escalation"),
    ("3.6", D + "risk.md", "patient-safety-fast-track", "Patient-safety fast track"),
    ("3.7", D + "risk.md", "issue-conversion", "Issue conversion"),
    ("4", D + "change-control.md", "", "Change control"),
    ("4.1", D + "change-control.md", "change-types", "Change types"),
    ("4.2", D + "change-control.md", "change-request-record", "Change request record"),
    ("4.3", D + "change-control.md", "routing", "Approval routing C1-C19, SLAs, freeze"),
    ("4.4", D + "change-control.md", "segregation-of-duties", "Segregation of duties / four eyes"),
    ("4.5", D + "change-control.md", "emergency-changes", "Emergency changes"),
    ("5", D + "roles.md", "", "Roles and groups"),
    ("6", D + "README.md", "not-carried-over", "Peer products (not carried over)"),
    ("7", D + "README.md", "models-and-their-rules", "Build notes: processes, decisions, events"),
    ("8", D + "README.md", "open-points", "Caveats and open questions"),
    ("9", D + "README.md", "sources", "Sources"),
]
BY_NUMBER = {number: (path, anchor) for number, path, anchor, _ in SECTIONS}
ORDER = [number for number, _, _, _ in SECTIONS]

CONTRACT_SECTIONS = {
    "identity": "identity", "groups": "groups", "processes": "processes", "decisions": "decisions",
    "variables": "variables", "http surface": "http-surface", "errors": "errors",
}

# Citations that the generic rules below would get wrong, as (literal, replacement).
SPECIAL = [
    ("GateOutcomeDecision (1.3)", "GateOutcomeDecision (" + D + "lifecycle-and-gates.md#gate-outcomes)"),
    ("typed from " + "domain" + ".md, independently",
     "typed from 45 CFR 164.308-164.316 (" + D + "hipaa-gate.md), independently"),
]

NUM = r"\d+(?:\.\d+)*"
DOMAIN_CITATION = re.compile(
    r"(?<![\w/.-])(?<!\]\()(?P<tick>`)?" + OLD_DOMAIN + r"(?(tick)`)(?:(?:\s*§\s*|\s+)(?P<start>" + NUM + r")"
    r"(?:\s*(?:-|–|to)\s*(?P<end>" + NUM + r"))?)?")
CONTRACT_CITATION = re.compile(
    r"(?<![\w/.-])(?<!\]\()(?P<tick>`)?" + OLD_CONTRACT + r"(?(tick)`)(?:,\s*\"(?P<section>[^\"]+)\"| (?P<groups>groups)\b)?")

SKIP_DIRS = {".git", "target", "node_modules", "data", ".mvn"}
# The new documents never cite the old ones (and may name docs/contract.md themselves).
SKIP_PATHS = {os.path.normpath(p) for p in ["docs/domain", "docs/contract.md", "docs/processes"]}
# Applied Flyway migrations must stay byte-identical (Flyway validates their checksums), so their
# comments keep the old citation; --check does not count them.
MIGRATIONS = os.path.normpath("src/main/resources/db/migration")
TEXT_SUFFIXES = (".java", ".md", ".yaml", ".yml", ".sql", ".bpmn", ".dmn", ".form", ".properties",
                 ".xml", ".mjs", ".js", ".json", ".txt", ".sh")


def target(number):
    """The (path, anchor) of a former section number, falling back to its nearest known parent."""
    while number and number not in BY_NUMBER:
        number = number.rpartition(".")[0]
    if not number:
        return D + "README.md", ""
    return BY_NUMBER[number]


def range_target(start, end):
    """One place for a range: the common parent's anchor, else the start's; several files joined."""
    if start not in ORDER or end not in ORDER or ORDER.index(end) < ORDER.index(start):
        return [target(start)]
    numbers = ORDER[ORDER.index(start):ORDER.index(end) + 1]
    files = list(dict.fromkeys(BY_NUMBER[n][0] for n in numbers))
    if len(files) > 1:
        return [(f, "") for f in files]
    parent = start.rpartition(".")[0]
    if parent and parent == end.rpartition(".")[0] and parent in BY_NUMBER and BY_NUMBER[parent][1]:
        return [BY_NUMBER[parent]]
    return [target(start)]


def render(places, file_path):
    """Plain repository paths outside Markdown; relative links in Markdown (no anchor in README.md,
    whose link test checks that each link target is a file)."""
    out = []
    for path, anchor in places:
        shown = path + ("#" + anchor if anchor else "")
        if not file_path.endswith(".md"):
            out.append(shown)
            continue
        rel = os.path.relpath(path, os.path.dirname(file_path) or ".")
        link = rel if os.path.basename(file_path) == "README.md" and os.path.dirname(file_path) in ("", ".") \
            else rel + ("#" + anchor if anchor else "")
        out.append("[" + shown + "](" + link + ")")
    return " and ".join(out)


def rewrite(text, file_path):
    for literal, replacement in SPECIAL:
        text = text.replace(literal, replacement)

    def is_link_text(match):
        # "[contract.md](contract.md)" in docs/ is a link to the project's own document: leave it.
        return match.string.startswith("](", match.end())

    def domain(match):
        if is_link_text(match):
            return match.group(0)
        start, end = match.group("start"), match.group("end")
        if start is None:
            places = [(D + "README.md", "")]
        elif end is None:
            places = [target(start)]
        else:
            places = range_target(start, end)
        return render(places, file_path)

    def contract(match):
        if is_link_text(match):
            return match.group(0)
        section = match.group("section") or match.group("groups")
        anchor = CONTRACT_SECTIONS.get(section.lower(), re.sub(r"[^a-z0-9 -]", "", section.lower())
                                       .replace(" ", "-")) if section else ""
        return render([("docs/contract.md", anchor)], file_path)

    text = DOMAIN_CITATION.sub(domain, text)
    return CONTRACT_CITATION.sub(contract, text)


def files(paths):
    for root in paths:
        if os.path.isfile(root):
            yield os.path.normpath(root)
            continue
        for folder, dirs, names in os.walk(root):
            dirs[:] = sorted(d for d in dirs if d not in SKIP_DIRS
                             and os.path.normpath(os.path.join(folder, d)) not in SKIP_PATHS)
            for name in sorted(names):
                path = os.path.normpath(os.path.join(folder, name))
                if path.endswith(TEXT_SUFFIXES) and path not in SKIP_PATHS \
                        and not path.startswith(MIGRATIONS + os.sep):
                    yield path


def table():
    print("| former section | now |")
    print("|---|---|")
    for number, path, anchor, title in SECTIONS:
        rel = os.path.relpath(path, "docs/domain")
        print(f"| {number} {title} | [{rel}{'#' + anchor if anchor else ''}]({rel}{'#' + anchor if anchor else ''}) |")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*")
    parser.add_argument("--dry-run", action="store_true", help="print the changes, write nothing")
    parser.add_argument("--check", action="store_true", help="exit 1 if a citation is left, write nothing")
    parser.add_argument("--table", action="store_true", help="print the mapping as a Markdown table")
    args = parser.parse_args()
    if args.table:
        table()
        return 0
    if not args.paths:
        parser.error("name the files or folders to rewrite")
    left = 0
    for path in files(args.paths):
        if os.path.abspath(path) == os.path.abspath(__file__):
            continue
        try:
            with open(path, encoding="utf-8", newline="") as f:
                old = f.read()
        except UnicodeDecodeError:
            continue
        new = rewrite(old, path)
        if new == old:
            continue
        left += 1
        for number, (a, b) in enumerate(zip(old.split("\n"), new.split("\n")), 1):
            if a != b:
                print(f"{path}:{number}: {a.strip()}\n{' ' * len(path)}  -> {b.strip()}")
        if not (args.dry_run or args.check):
            with open(path, "w", encoding="utf-8", newline="") as f:
                f.write(new)
    if args.check and left:
        print(f"{left} file(s) still cite the former documents", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
