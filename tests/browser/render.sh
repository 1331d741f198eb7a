#!/usr/bin/env bash
# Renders a claimtag HTML page in headless Chromium and checks that it shows something:
# the screenshot is not blank (a PNG with more than a few colours) and the highlighted
# spans (entities, the three attribution roles, hedges) are in the DOM after the page ran.
#
# Usage: tests/browser/render.sh PAGE.html [OUT_DIR]
# Installs Debian's chromium when it is missing and apt-get is usable (root).
# Exit status: 0 pass, 1 a check failed, 77 chromium unavailable (skip).
set -euo pipefail

page=${1:?usage: render.sh PAGE.html [OUT_DIR]}
out=${2:-$(mktemp -d)}
mkdir -p "$out"
page=$(cd "$(dirname "$page")" && pwd)/$(basename "$page")

chromium=/usr/bin/chromium
if [[ ! -x $chromium ]]; then
    if [[ $(id -u) == 0 ]] && command -v apt-get >/dev/null; then
        echo "render.sh: installing chromium" >&2
        apt-get update -qq >&2 && apt-get install -y -qq chromium >&2 || true
    fi
    if [[ ! -x $chromium ]]; then
        echo "render.sh: SKIP: $chromium not available" >&2
        exit 77
    fi
fi

profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
flags=(--headless --no-sandbox --disable-gpu --disable-quic --no-first-run
       --disable-background-networking --disable-component-update --disable-sync
       --user-data-dir="$profile" --hide-scrollbars)

"$chromium" "${flags[@]}" --window-size=1280,1400 --screenshot="$out/screenshot.png" \
    "file://$page" >"$out/chromium.log" 2>&1 || true
"$chromium" "${flags[@]}" --dump-dom "file://$page" >"$out/dom.html" 2>>"$out/chromium.log" || true

status=0
for class in 'class="ent ent-' 'class="attr attr-source"' 'class="attr attr-cue"' \
             'class="attr attr-content"' 'class="hedge hedge-' '<table class="summary">'; do
    if grep -q -- "$class" "$out/dom.html"; then
        echo "render.sh: found $class in the DOM"
    else
        echo "render.sh: FAIL: $class missing from the DOM" >&2
        status=1
    fi
done

# Count the colours of the screenshot with the standard library only.
python3 - "$out/screenshot.png" <<'PY' || status=1
import struct, sys, zlib

path = sys.argv[1]
data = open(path, "rb").read()
assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
pos, idat, header = 8, b"", None
while pos < len(data):
    length, kind = struct.unpack(">I4s", data[pos:pos + 8])
    body = data[pos + 8:pos + 8 + length]
    if kind == b"IHDR":
        header = struct.unpack(">IIBBBBB", body)
    elif kind == b"IDAT":
        idat += body
    pos += 12 + length
width, height, depth, colour_type = header[:4]
assert depth == 8 and colour_type in (2, 6), f"unexpected PNG type {depth}/{colour_type}"
bpp = 3 if colour_type == 2 else 4
raw = zlib.decompress(idat)
stride = width * bpp
previous = bytearray(stride)
colours = set()
for y in range(height):
    line = raw[y * (stride + 1):(y + 1) * (stride + 1)]
    kind, row = line[0], bytearray(line[1:])
    for x in range(stride):
        a = row[x - bpp] if x >= bpp else 0
        b = previous[x]
        c = previous[x - bpp] if x >= bpp else 0
        if kind == 1:
            row[x] = (row[x] + a) & 255
        elif kind == 2:
            row[x] = (row[x] + b) & 255
        elif kind == 3:
            row[x] = (row[x] + (a + b) // 2) & 255
        elif kind == 4:
            p = a + b - c
            pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
            row[x] = (row[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
    if y % 4 == 0:
        for x in range(0, stride, bpp * 2):
            colours.add(bytes(row[x:x + 3]))
    previous = row
print(f"render.sh: screenshot {width}x{height}, {len(colours)} colours sampled")
if len(colours) < 8:
    print("render.sh: FAIL: the screenshot is blank or nearly so", file=sys.stderr)
    sys.exit(1)
PY
exit $status
