#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Generate concord-cli's reference from its own --help texts.

The help text is the one place where every command and option is described, so the man page
(packaging, installed as concord-cli.1.gz) and docs/CLI.md (committed) are both generated from
it instead of being written twice and drifting apart.

    cli_docs.py --cli PATH/concord-cli --man OUT.1[.gz]
    cli_docs.py --cli PATH/concord-cli --markdown docs/CLI.md

The command tree is discovered by reading the "Subcommands:" section of each help text
(CLI11's format), recursively. Only the standard library is used (Debian's python3).
"""
import argparse
import gzip
import os
import re
import subprocess
import sys

PROG = "concord-cli"


def run_help(cli, path):
    """Return the --help text of `concord-cli PATH... --help`."""
    env = dict(os.environ)
    # The CLI may be an ASan build (dev preset); leak reports at exit would pollute the text.
    env.setdefault("ASAN_OPTIONS", "detect_leaks=0")
    env["COLUMNS"] = "100"
    proc = subprocess.run([cli, *path, "--help"], capture_output=True, text=True, env=env,
                          check=False)
    if proc.returncode != 0:
        sys.exit(f"cli_docs.py: '{PROG} {' '.join(path)} --help' exited with "
                 f"{proc.returncode}:\n{proc.stderr}")
    return proc.stdout.rstrip() + "\n"


def run_version(cli):
    env = dict(os.environ)
    env.setdefault("ASAN_OPTIONS", "detect_leaks=0")
    proc = subprocess.run([cli, "--version"], capture_output=True, text=True, env=env,
                          check=False)
    words = proc.stdout.split()
    return words[-1] if proc.returncode == 0 and words else ""


def split_help(text):
    """Split a CLI11 help text into (description, rest starting at 'Usage:', subcommands)."""
    lines = text.splitlines()
    usage = next((i for i, l in enumerate(lines) if l.startswith("Usage:")), 0)
    description = "\n".join(lines[:usage]).strip()
    rest = "\n".join(lines[usage:]).rstrip() + "\n"
    subs = []
    in_subs = False
    for line in lines[usage:]:
        if line.startswith("Subcommands:"):
            in_subs = True
            continue
        if in_subs:
            if not line.strip():
                if subs:
                    break
                continue
            m = re.match(r"^  (\S+)\s+(.*)$", line)
            if m:
                subs.append((m.group(1), m.group(2).strip()))
            elif not line.startswith("  "):
                break
    return description, rest, subs


def collect(cli, path=()):
    """Depth-first list of (path, description, help-after-description, subcommands)."""
    text = run_help(cli, list(path))
    description, rest, subs = split_help(text)
    nodes = [(path, description, rest, subs)]
    for name, _ in subs:
        nodes.extend(collect(cli, path + (name,)))
    return nodes


# ---------------------------------------------------------------- man page (roff, man macros)

def roff_text(s):
    """Escape running text for roff."""
    s = s.replace("\\", "\\e").replace("-", "\\-")
    # groff reads Latin-1 unless preconv runs; name every other character by its code point.
    s = "".join(c if ord(c) < 128 else f"\\[u{ord(c):04X}]" for c in s)
    return "\n".join(("\\&" + l) if l.startswith((".", "'")) else l for l in s.splitlines())


def roff_verbatim(s):
    return ".nf\n" + roff_text(s) + "\n.fi\n"


def man_page(nodes, version):
    root = nodes[0]
    summary = root[1].splitlines()[0] if root[1] else "Concord command-line tool"
    summary = summary.rstrip(".")
    if summary.lower().startswith("concord: "):
        summary = summary[len("concord: "):]
    out = []
    out.append(f'.TH CONCORD\\-CLI 1 "" "{PROG} {version}" "User Commands"')
    out.append(".SH NAME")
    out.append(f"{PROG} \\- {roff_text(summary)}")
    out.append(".SH SYNOPSIS")
    out.append(f".B {PROG}\n.I COMMAND\n[\\fIOPTIONS\\fR] [\\fIARGUMENTS\\fR]")
    out.append(f".br\n.B {PROG}\n.I COMMAND\n.B \\-\\-help")
    out.append(".SH DESCRIPTION")
    out.append(roff_text(root[1]))
    out.append(".PP\nEvery non\\-interactive step of Concord runs headless through one of the "
               "commands below; the desktop application \\fBconcord\\fR(1) is the interactive "
               "front end over the same project file.")
    out.append(".SH OPTIONS")
    out.append(roff_verbatim(root[2]))
    out.append(".SH COMMANDS")
    for path, description, rest, _ in nodes[1:]:
        out.append(f'.SS "{PROG} {" ".join(path)}"')
        if description:
            out.append(roff_text(description))
            out.append(".PP")
        out.append(roff_verbatim(rest).rstrip("\n"))
    out.append(".SH \"EXIT STATUS\"")
    out.append(".TP\n.B 0\nSuccess.")
    out.append(".TP\n.B 1\nThe command failed; the message on standard error names the file, "
               "line or field concerned. A failed command leaves the project unchanged.")
    out.append(".TP\n.B 2\nThe command line could not be parsed.")
    out.append(".SH FILES")
    out.append(".TP\n.I NAME.concord\nA project: one SQLite database holding images (by path), "
               "labelers, labels, standards, decisions and the audit log.")
    out.append(".SH \"SEE ALSO\"")
    out.append("\\fBconcord\\fR(1). The reference documents docs/CLI.md, docs/RULES.md, "
               "docs/FORMATS.md and docs/AGREEMENT.md in the Concord sources.")
    return "\n".join(out) + "\n"


# ---------------------------------------------------------------- Markdown (docs/CLI.md)

def anchor(path):
    return "-".join([PROG, *path]).lower()


def markdown(nodes, version):
    out = ["# concord-cli reference", "",
           "<!-- Generated by packaging/cli_docs.py from `concord-cli --help`; do not edit. -->",
           "<!-- Regenerate with: cmake --build BUILD --target cli-docs -->", "",
           f"This page is the `--help` text of every command of `concord-cli` {version}, "
           "collected by `packaging/cli_docs.py`. The same text is installed as the "
           "`concord-cli(1)` man page by the Debian package.", "",
           "## Commands", ""]
    for path, _, _, _ in nodes[1:]:
        depth = len(path) - 1
        desc = next((d for n, d in parent_subs(nodes, path) if n == path[-1]), "")
        out.append(f"{'  ' * depth}- [`{' '.join(path)}`](#{anchor(path)}) — {desc}")
    out.append("")
    for path, description, rest, _ in nodes:
        title = " ".join([PROG, *path])
        out.append(f"{'#' * min(2 + len(path), 4)} {title}" if path else f"## {title}")
        out.append("")
        if description:
            out.append(description)
            out.append("")
        out.append("```text")
        out.append(rest.rstrip("\n"))
        out.append("```")
        out.append("")
    return "\n".join(out)


def parent_subs(nodes, path):
    for p, _, _, subs in nodes:
        if p == path[:-1]:
            return subs
    return []


def write(path, data):
    """Write atomically; .gz outputs are compressed reproducibly (no name, mtime 0)."""
    tmp = path + ".tmp"
    raw = data.encode("utf-8")
    with open(tmp, "wb") as f:
        if path.endswith(".gz"):
            with gzip.GzipFile(filename="", mode="wb", fileobj=f, compresslevel=9,
                               mtime=0) as gz:
                gz.write(raw)
        else:
            f.write(raw)
    os.replace(tmp, path)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cli", required=True, help="the built concord-cli executable")
    ap.add_argument("--man", help="write the man page here (.gz compresses)")
    ap.add_argument("--markdown", help="write the Markdown reference here")
    args = ap.parse_args()
    if not args.man and not args.markdown:
        ap.error("nothing to do: give --man and/or --markdown")
    nodes = collect(args.cli)
    if len(nodes) < 2:
        sys.exit("cli_docs.py: no subcommands found in the --help text")
    version = run_version(args.cli)
    if args.man:
        write(args.man, man_page(nodes, version))
    if args.markdown:
        write(args.markdown, markdown(nodes, version))


if __name__ == "__main__":
    main()
