#!/usr/bin/env python3
"""Builds the ATT&CK knowledge, the ThreatClassifier's CTID mapping and their evaluation data from
../shared/data.

Standard library only, deterministic (same input, same bytes out). Writes:

  shared-lib/knowledge-base/src/main/resources/ai/socagent/knowledgebase/attack/
    attack-enterprise.json.gz   compact ATT&CK extract: tactics, techniques and sub-techniques
                                (description shortened to ~1,500 characters), mitigations, groups,
                                software and campaigns (first paragraph, <= 600 characters), and
                                the INDEX part of the procedure examples
    ATTACK-NOTICE.txt           MITRE's copyright designation and licence (must accompany the copy)
  services/threat-classifier/src/main/resources/ai/socagent/services/threatclassifier/attack/
    guardduty-ctid.json         GuardDuty finding type -> ATT&CK technique ids, parsed from the
                                CTID Security Stack Mappings (AmazonGuardDuty.yaml)
    CTID-LICENSE.txt            the CTID mapping's Apache-2.0 licence
  bench/eval/data/
    procedures-heldout.jsonl    held-out procedure examples {"text", "technique", "id"}
    guardduty-types.jsonl       GuardDuty finding types the CTID mapping names, with the CTID
                                techniques {"text", "technique", "techniques", "findingType"}
    guardduty-finding-types.txt every finding type of the GuardDuty user guide's list, for coverage
    ATTACK-LICENSE.txt          MITRE's licence (the held-out texts are ATT&CK content)

Procedure examples ("uses" relationships from a group, software or campaign to a technique) are
split by the SHA-256 of the relationship id: first byte % 5 == 0 (about 20 %) is held out for
evaluation and never shipped in the resource the engine searches; the rest is the index part.

Usage: scripts/extract-attack.py [--data ../shared/data]
"""

import argparse
import csv
import gzip
import hashlib
import io
import json
import os
import re
import sys

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
RESOURCE_DIR = os.path.join(
    REPO, "shared-lib", "knowledge-base", "src", "main", "resources", "ai", "socagent", "knowledgebase", "attack"
)
CTID_DIR = os.path.join(
    REPO, "services", "threat-classifier", "src", "main", "resources", "ai", "socagent", "services",
    "threatclassifier", "attack"
)
EVAL_DIR = os.path.join(REPO, "bench", "eval", "data")

CITATION = re.compile(r"\s*\(Citation:[^)]*\)")
MD_LINK = re.compile(r"\[([^\]]+)\]\((?:https?://[^)\s]*)\)")
CODE = re.compile(r"<code>(.*?)</code>", re.S)
SPACES = re.compile(r"[ \t\r\f\v]+")
FINDING_TYPE = re.compile(r"\b[A-Z][A-Za-z]+:[A-Za-z0-9]+/[A-Za-z0-9&!_.-]*[A-Za-z0-9&!_-]")
DESCRIPTION_LIMIT = 1500
# Mitigations, groups, software and campaigns carry only a summary: the first paragraph of MITRE's
# description, at most SUMMARY_LIMIT characters (cut at a sentence end). That paragraph says what
# the object is (a group's attribution and targets, a program's purpose, a mitigation's aim) and
# holds the words a full-text search needs; the rest is history, alias lists and implementation
# bullet points that would roughly double the shipped resource for little search value, and the
# whole text is one click away on attack.mitre.org. Techniques keep their longer DESCRIPTION_LIMIT.
SUMMARY_LIMIT = 600


def clean(text):
    """Strips citation markers, turns markdown links into their text and squeezes blanks."""
    text = CITATION.sub("", text or "")
    text = MD_LINK.sub(r"\1", text)
    text = CODE.sub(r"\1", text)
    lines = [SPACES.sub(" ", line).strip() for line in text.split("\n")]
    return "\n".join(line for line in lines if line).strip()


def shorten(text, limit=DESCRIPTION_LIMIT):
    if len(text) <= limit:
        return text
    cut = text.rfind(". ", 0, limit)
    return text[: cut + 1] if cut > limit // 2 else text[:limit].rstrip() + "..."


def summary(description, limit=SUMMARY_LIMIT):
    """The first paragraph of a cleaned description, shortened to limit.

    A first paragraph that ends by introducing a list ("These factors typically include:", most
    mitigations) loses that dangling sentence when an earlier one remains.
    """
    first = clean(description).split("\n")[0]
    if first.endswith(":"):
        cut = first.rfind(". ")
        if cut > 0:
            first = first[: cut + 1]
    return shorten(first, limit)


def external_id(obj):
    for ref in obj.get("external_references", []):
        if ref.get("source_name") == "mitre-attack" and ref.get("external_id"):
            return ref["external_id"]
    return None


def is_live(obj):
    return not obj.get("revoked") and not obj.get("x_mitre_deprecated")


def held_out(relationship_id):
    return hashlib.sha256(relationship_id.encode("utf-8")).digest()[0] % 5 == 0


def build_attack(bundle_path):
    with open(bundle_path, encoding="utf-8") as handle:
        objects = [o for o in json.load(handle)["objects"] if is_live(o)]
    by_ref = {o["id"]: o for o in objects}
    ids = {o["id"]: external_id(o) for o in objects}

    tactics = sorted(
        (
            {
                "id": ids[o["id"]],
                "shortname": o["x_mitre_shortname"],
                "name": o["name"],
                "description": shorten(clean(o.get("description", "")).split("\n")[0], 400),
            }
            for o in objects
            if o["type"] == "x-mitre-tactic"
        ),
        key=lambda t: t["id"],
    )
    techniques = {}
    for o in objects:
        if o["type"] != "attack-pattern" or not ids.get(o["id"]):
            continue
        techniques[o["id"]] = {
            "id": ids[o["id"]],
            "name": o["name"],
            "tactics": [
                p["phase_name"] for p in o.get("kill_chain_phases", []) if p.get("kill_chain_name") == "mitre-attack"
            ],
            "platforms": sorted(o.get("x_mitre_platforms", [])),
            "description": shorten(clean(o.get("description", ""))),
            "mitigations": [],
            "procedures": [],
        }
    mitigations = {
        o["id"]: {"id": ids[o["id"]], "name": o["name"], "description": summary(o.get("description", ""))}
        for o in objects
        if o["type"] == "course-of-action" and ids.get(o["id"])
    }
    actors = {}
    for o in objects:
        if o["type"] in ("intrusion-set", "malware", "tool", "campaign") and ids.get(o["id"]):
            actors[o["id"]] = {
                "id": ids[o["id"]],
                "name": o["name"],
                "kind": {"intrusion-set": "group"}.get(o["type"], o["type"]),
                "aliases": sorted(set(o.get("aliases", []) + o.get("x_mitre_aliases", [])) - {o["name"]}),
                "description": summary(o.get("description", "")),
                "techniques": set(),
            }

    heldout = []
    index_count = 0
    for o in sorted((o for o in objects if o["type"] == "relationship"), key=lambda r: r["id"]):
        source, target = by_ref.get(o["source_ref"]), by_ref.get(o["target_ref"])
        if source is None or target is None or o["target_ref"] not in techniques:
            continue
        technique = techniques[o["target_ref"]]
        if o["relationship_type"] == "mitigates" and o["source_ref"] in mitigations:
            technique["mitigations"].append(mitigations[o["source_ref"]]["id"])
        elif o["relationship_type"] == "uses" and o["source_ref"] in actors:
            actors[o["source_ref"]]["techniques"].add(technique["id"])
            text = clean(o.get("description", "")).replace("\n", " ")
            if not text:
                continue
            if held_out(o["id"]):
                heldout.append({"text": text, "technique": technique["id"], "id": o["id"]})
            else:
                technique["procedures"].append({"by": actors[o["source_ref"]]["id"], "text": text})
                index_count += 1

    technique_list = sorted(techniques.values(), key=lambda t: t["id"])
    for technique in technique_list:
        technique["mitigations"] = sorted(set(technique["mitigations"]))
        technique["procedures"].sort(key=lambda p: (p["by"], p["text"]))
    actor_list = sorted(actors.values(), key=lambda a: (a["kind"], a["id"]))
    for actor in actor_list:
        actor["techniques"] = sorted(actor["techniques"])
    extract = {
        "source": "MITRE ATT&CK Enterprise v18 (mitre/cti 421deacb77191b38bdd1bf63268954e93da91365)",
        "attribution": "© 2025 The MITRE Corporation. This work is reproduced and distributed with the "
        "permission of The MITRE Corporation. See ATTACK-NOTICE.txt.",
        "split": "procedure examples: sha256(relationship id)[0] % 5 == 0 held out (not included here)",
        "tactics": tactics,
        "techniques": technique_list,
        "mitigations": sorted(mitigations.values(), key=lambda m: m["id"]),
        "groups": [a for a in actor_list if a["kind"] == "group"],
        "software": [a for a in actor_list if a["kind"] in ("malware", "tool")],
        "campaigns": [a for a in actor_list if a["kind"] == "campaign"],
    }
    heldout.sort(key=lambda h: h["id"])
    return extract, heldout, index_count


def parse_ctid(yaml_path):
    """Parses the CTID mapping's few YAML shapes line by line; returns {finding type: [technique ids]}.

    Technique entries start with '  - id:'; sub-technique groups with '- sub-techniques:' followed
    by '- id:' lines; a 'comments:' value (plain, quoted, folded or literal) runs until the next
    line indented no deeper than its key. Finding types named in a comment are mapped to the
    technique (technique-scores) or to every sub-technique of the group (sub-techniques-scores).
    """
    with open(yaml_path, encoding="utf-8") as handle:
        lines = handle.read().split("\n")
    mapping = {}
    technique = None
    group = []
    in_sub = False
    i = 0
    while i < len(lines):
        line = lines[i]
        stripped = line.strip()
        indent = len(line) - len(line.lstrip(" "))
        if indent == 2 and stripped.startswith("- id:"):
            technique = stripped.split(":", 1)[1].strip()
            in_sub, group = False, []
        elif stripped.startswith("sub-techniques-scores:"):
            in_sub = True
        elif in_sub and stripped.startswith("- sub-techniques:"):
            group = []
        elif in_sub and stripped.startswith("- id:"):
            group.append(stripped.split(":", 1)[1].strip())
        elif stripped.startswith("comments:"):
            text = [stripped.split(":", 1)[1]]
            while i + 1 < len(lines) and (
                not lines[i + 1].strip() or len(lines[i + 1]) - len(lines[i + 1].lstrip(" ")) > indent
            ):
                i += 1
                text.append(lines[i].strip())
            targets = group if in_sub else [technique]
            for finding_type in FINDING_TYPE.findall(" ".join(text)):
                for target in targets:
                    mapping.setdefault(finding_type, set()).add(target)
        i += 1
    return {k: sorted(v) for k, v in sorted(mapping.items())}


def humanize(finding_type):
    """'Recon:EC2/PortProbeUnprotectedPort' -> 'Recon EC2 Port Probe Unprotected Port'."""
    words = re.sub(r"[:/.!]", " ", finding_type)
    words = re.sub(r"(?<=[a-z])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])", " ", words)
    return SPACES.sub(" ", words).strip()


def write(path, data):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as handle:
        handle.write(data)
    print(f"wrote {os.path.relpath(path, REPO)} ({len(data)} bytes)")


def jsonl(rows):
    return "".join(json.dumps(r, ensure_ascii=False, sort_keys=True) + "\n" for r in rows).encode("utf-8")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", default=os.path.join(REPO, "..", "shared", "data"))
    args = parser.parse_args()

    extract, heldout, index_count = build_attack(os.path.join(args.data, "mitre-attack", "enterprise-attack.json"))
    known = {t["id"] for t in extract["techniques"]}
    raw = json.dumps(extract, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")
    buffer = io.BytesIO()
    with gzip.GzipFile(fileobj=buffer, mode="wb", compresslevel=9, mtime=0, filename="") as gz:
        gz.write(raw)
    write(os.path.join(RESOURCE_DIR, "attack-enterprise.json.gz"), buffer.getvalue())
    with open(os.path.join(args.data, "mitre-attack", "LICENSE.txt"), encoding="utf-8") as handle:
        licence = handle.read()
    notice = (
        "The file attack-enterprise.json.gz is a compact extract of MITRE ATT&CK(R) Enterprise v18\n"
        "(mitre/cti commit 421deacb77191b38bdd1bf63268954e93da91365), made by scripts/extract-attack.py.\n\n"
        "© 2025 The MITRE Corporation. This work is reproduced and distributed with the permission of\n"
        "The MITRE Corporation.\n\nMITRE's licence follows, verbatim.\n\n" + licence
    )
    write(os.path.join(RESOURCE_DIR, "ATTACK-NOTICE.txt"), notice.encode("utf-8"))
    write(os.path.join(EVAL_DIR, "ATTACK-LICENSE.txt"), notice.replace("attack-enterprise.json.gz", "procedures-heldout.jsonl").encode("utf-8"))

    ctid = parse_ctid(os.path.join(args.data, "ctid", "AmazonGuardDuty.yaml"))
    unknown = sorted({t for ts in ctid.values() for t in ts} - known)
    ctid_doc = {
        "source": "Center for Threat-Informed Defense, Security Stack Mappings: Amazon GuardDuty "
        "(ATT&CK v9), Apache-2.0, see CTID-LICENSE.txt",
        "techniquesNotInAttackV18": unknown,
        "findingTypes": ctid,
    }
    write(
        os.path.join(CTID_DIR, "guardduty-ctid.json"),
        (json.dumps(ctid_doc, indent=1, sort_keys=True) + "\n").encode("utf-8"),
    )
    with open(os.path.join(args.data, "ctid", "LICENSE"), "rb") as handle:
        write(os.path.join(CTID_DIR, "CTID-LICENSE.txt"), handle.read())

    write(os.path.join(EVAL_DIR, "procedures-heldout.jsonl"), jsonl(({k: h[k] for k in ("id", "technique", "text")} for h in heldout)))
    rows = []
    all_types = []
    with open(os.path.join(args.data, "guardduty", "finding-types.csv"), encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            finding_type = row["finding_type"].strip()
            all_types.append(finding_type)
            techniques = ctid.get(finding_type)
            if not techniques:
                continue
            text = f"{finding_type} {humanize(finding_type)}. Resource: {row['resource']}. Data source: {row['data_source']}."
            rows.append({"findingType": finding_type, "text": text, "technique": techniques[0], "techniques": techniques})
    write(os.path.join(EVAL_DIR, "guardduty-types.jsonl"), jsonl(rows))
    write(os.path.join(EVAL_DIR, "guardduty-finding-types.txt"), "".join(t + "\n" for t in sorted(all_types)).encode("utf-8"))
    print(
        f"techniques {len(extract['techniques'])}, tactics {len(extract['tactics'])}, "
        f"procedures index {index_count} / held out {len(heldout)}, CTID finding types {len(ctid)} "
        f"(unknown technique ids {unknown}), GuardDuty eval rows {len(rows)}",
        file=sys.stderr,
    )


if __name__ == "__main__":
    main()
