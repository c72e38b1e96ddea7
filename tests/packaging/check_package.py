#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Build the Debian package with CPack into a temporary folder and check what a user gets.

The expectations come from outside the packaging code: the freedesktop specifications (icon
theme layout, desktop entry, AppStream), Debian's tools (dpkg-deb reads the control file,
dpkg-shlibdeps must have filled Depends with the libraries the binaries really link) and the
PNG specification (image headers read here byte by byte).

Exits 77 (CTest SKIP_RETURN_CODE) when a Debian tool it needs is not installed.
"""
import argparse
import gzip
import os
import shutil
import struct
import subprocess
import sys
import tempfile
import zlib

SKIP = 77
APP_ID = "io.github.concord.Concord"
ICON_SIZES = [16, 22, 24, 32, 48, 64, 128, 256]
# tool -> Debian package that provides it
TOOLS = {
    "dpkg-deb": "dpkg",
    "dpkg-shlibdeps": "dpkg-dev",
    "desktop-file-validate": "desktop-file-utils",
    "appstreamcli": "appstream",
}

failures = []


def check(condition, message):
    if not condition:
        failures.append(message)
        print(f"FAIL: {message}")
    return condition


def run(cmd, **kw):
    return subprocess.run(cmd, capture_output=True, text=True, check=False, **kw)


def png_pixels(path):
    """Decode an 8-bit RGBA, non-interlaced PNG (what Qt writes) into (width, height, rows).

    Follows the PNG specification: IHDR, concatenated IDAT zlib stream, per-row filter types
    0-4 (None, Sub, Up, Average, Paeth)."""
    with open(path, "rb") as f:
        data = f.read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError("not a PNG signature")
    pos, idat, ihdr = 8, b"", None
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            ihdr = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    width, height, depth, colour, _, _, interlace = ihdr
    if depth != 8 or colour != 6 or interlace != 0:
        return width, height, None  # valid PNG, just not the layout decoded here
    raw = zlib.decompress(idat)
    bpp, stride = 4, width * 4
    rows, prev = [], bytearray(stride)
    for y in range(height):
        ftype = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for x in range(stride):
            a = line[x - bpp] if x >= bpp else 0
            b = prev[x]
            c = prev[x - bpp] if x >= bpp else 0
            if ftype == 1:
                line[x] = (line[x] + a) & 0xFF
            elif ftype == 2:
                line[x] = (line[x] + b) & 0xFF
            elif ftype == 3:
                line[x] = (line[x] + (a + b) // 2) & 0xFF
            elif ftype == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                pred = a if pa <= pb and pa <= pc else (b if pb <= pc else c)
                line[x] = (line[x] + pred) & 0xFF
        rows.append(bytes(line))
        prev = line
    return width, height, rows


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--cpack", required=True)
    ap.add_argument("--config", required=True, help="CPackConfig.cmake of the build tree")
    ap.add_argument("--version", required=True, help="project() version")
    ap.add_argument("--gui", choices=["ON", "OFF"], required=True)
    ap.add_argument("--cli", required=True, help="the built concord-cli (to list its commands)")
    args = ap.parse_args()
    gui = args.gui == "ON"

    missing = [f"{t} (Debian package {p})" for t, p in TOOLS.items() if not shutil.which(t)]
    if missing:
        print("SKIP: the packaging test needs " + ", ".join(missing) +
              "; scripts/install-deps installs them.")
        return SKIP

    arch = run(["dpkg", "--print-architecture"]).stdout.strip()
    env = dict(os.environ, ASAN_OPTIONS="detect_leaks=0")
    with tempfile.TemporaryDirectory(prefix="concord-pkg-") as tmp:
        # 1. Build the package exactly as `cmake --build BUILD --target package` does.
        proc = run([args.cpack, "--config", args.config, "-G", "DEB", "-B", tmp], env=env)
        deb = os.path.join(tmp, f"concord_{args.version}_{arch}.deb")
        if not check(proc.returncode == 0 and os.path.isfile(deb),
                     f"cpack did not produce {os.path.basename(deb)}:\n{proc.stdout}\n{proc.stderr}"):
            return 1

        # 2. Contents, as dpkg would install them.
        listing = run(["dpkg-deb", "-c", deb]).stdout.splitlines()
        entries = {}
        for line in listing:
            fields = line.split(None, 5)
            if len(fields) == 6:
                entries[fields[5].split(" -> ")[0].removeprefix("./")] = fields[0]
        expected = ["usr/bin/concord-cli", "usr/share/man/man1/concord-cli.1.gz",
                    "usr/share/doc/concord/copyright"]
        if gui:
            expected += ["usr/bin/concord",
                         f"usr/share/applications/{APP_ID}.desktop",
                         f"usr/share/metainfo/{APP_ID}.metainfo.xml",
                         f"usr/share/mime/packages/{APP_ID}.xml",
                         f"usr/share/icons/hicolor/scalable/apps/{APP_ID}.svg"]
            expected += [f"usr/share/icons/hicolor/{s}x{s}/apps/{APP_ID}.png" for s in ICON_SIZES]
        for path in expected:
            check(path in entries, f"{path} is not in the package")
        for exe in ("usr/bin/concord-cli", "usr/bin/concord" if gui else None):
            if exe and exe in entries:
                check(entries[exe] == "-rwxr-xr-x", f"{exe} has mode {entries[exe]}")
        stray = [p for p in entries if p and not p.startswith("usr/") and p != ""]
        check(not stray, f"files outside /usr: {stray}")

        # 3. Control fields; Depends must come from dpkg-shlibdeps, i.e. name the libraries the
        # binaries link (libc, SQLite, OpenCV; Qt Widgets for the GUI), with versions.
        def field(name):
            return run(["dpkg-deb", "-f", deb, name]).stdout.strip()
        check(field("Package") == "concord", f"Package is {field('Package')!r}")
        check(field("Version") == args.version, f"Version is {field('Version')!r}")
        check(field("Architecture") == arch, f"Architecture is {field('Architecture')!r}")
        depends = field("Depends")
        print(f"Depends: {depends}")
        names = [d.strip().split()[0] for d in depends.split(",") if d.strip()]
        check(any(d.startswith("libc6 (>=") for d in depends.split(", ")),
              "Depends has no versioned libc6: dpkg-shlibdeps did not run")
        check("libsqlite3-0" in names, "Depends lacks libsqlite3-0 (concord-cli links SQLite)")
        check(any(n.startswith("libopencv-imgcodecs") for n in names),
              "Depends lacks libopencv-imgcodecs* (core decodes images with OpenCV)")
        if gui:
            check("libqt6widgets6" in names, "Depends lacks libqt6widgets6 (the GUI)")
            check("qt6-qpa-plugins" in names, "Depends lacks qt6-qpa-plugins (Qt platform plugins)")
            check("libqt6svg6" in names, "Depends lacks libqt6svg6 (the SVG icon engine plugin)")

        # 4. Unpack and validate what desktops and software centres read.
        root = os.path.join(tmp, "root")
        check(run(["dpkg-deb", "-x", deb, root]).returncode == 0, "dpkg-deb -x failed")
        cli = os.path.join(root, "usr/bin/concord-cli")
        if os.path.exists(cli):
            out = run([cli, "--version"], env=env)
            check(out.returncode == 0 and out.stdout.strip() == f"concord-cli {args.version}",
                  f"packaged concord-cli --version printed {out.stdout!r} {out.stderr!r}")
        if gui:
            desktop = os.path.join(root, f"usr/share/applications/{APP_ID}.desktop")
            metainfo = os.path.join(root, f"usr/share/metainfo/{APP_ID}.metainfo.xml")
            if os.path.exists(desktop):
                out = run(["desktop-file-validate", desktop])
                check(out.returncode == 0 and "error" not in out.stdout,
                      f"desktop-file-validate: {out.stdout}{out.stderr}")
                keys = dict(l.rstrip("\n").split("=", 1) for l in open(desktop, encoding="utf-8")
                            if "=" in l and not l.startswith("#"))
                check(keys.get("Icon") == APP_ID, f"desktop Icon= is {keys.get('Icon')!r}")
                exe = keys.get("Exec", "").split()[0] if keys.get("Exec") else ""
                check(os.path.exists(os.path.join(root, "usr/bin", exe)),
                      f"desktop Exec= names {exe!r}, which the package does not install")
            if os.path.exists(metainfo):
                out = run(["appstreamcli", "validate", "--no-net", metainfo])
                check(out.returncode == 0, f"appstreamcli validate: {out.stdout}{out.stderr}")
                text = open(metainfo, encoding="utf-8").read()
                check(f'<release version="{args.version}"' in text,
                      f"metainfo has no release {args.version}")
                check(f">{APP_ID}.desktop</launchable>" in text,
                      "metainfo launchable does not name the installed desktop file")
            for s in ICON_SIZES:
                png = os.path.join(root, f"usr/share/icons/hicolor/{s}x{s}/apps/{APP_ID}.png")
                if not os.path.exists(png):
                    continue
                width, height, rows = png_pixels(png)
                check((width, height) == (s, s), f"{s}x{s} icon is {width}x{height}")
                if rows is not None:
                    alphas = {row[x + 3] for row in rows for x in range(0, len(row), 4)}
                    check(0 in alphas and 255 in alphas,
                          f"{s}x{s} icon is not a drawing on a transparent background "
                          f"(alpha values {sorted(alphas)[:5]}...)")

        # 5. The man page: a man(7) page documenting every command the CLI offers.
        man = os.path.join(root, "usr/share/man/man1/concord-cli.1.gz")
        if os.path.exists(man):
            page = gzip.open(man, "rt", encoding="ascii").read()  # non-ASCII must be escaped
            check(page.startswith(".TH CONCORD\\-CLI 1 "), "man page has no .TH CONCORD-CLI 1")
            help_text = run([args.cli, "--help"], env=env).stdout
            listed = help_text.split("Subcommands:", 1)[-1].splitlines()
            commands = [l.split()[0] for l in listed if l.startswith("  ") and l.strip()]
            check(len(commands) >= 5, f"could not read the commands from --help: {commands}")
            for c in commands:
                check(f'.SS "concord-cli {c}"' in page, f"man page does not document '{c}'")
            if shutil.which("groff"):
                out = run(["groff", "-man", "-Tutf8", "-ww", "-z"], input=page)
                check(out.returncode == 0 and not out.stderr.strip(),
                      f"groff warns about the man page: {out.stderr}")

    if failures:
        print(f"{len(failures)} packaging check(s) failed")
        return 1
    print("package OK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
