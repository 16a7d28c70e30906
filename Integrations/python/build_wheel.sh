#!/usr/bin/env bash
# Builds the eigenname wheel: Integrations/python/dist/eigenname-VERSION-py3-none-linux_x86_64.whl
# (`make wheel` in the repository root runs this).
#
# Stages a copy of the package in build/wheel-src/ and adds what the wheel carries:
#   eigenname/bin/eigenname          the static release binary (Swift runtime linked in; stripped)
#   eigenname/Lexicons/*.tsv, first-names.txt, README.md   the default lexicons
#   eigenname/Lexicons/knowledge/common-nouns.txt, first-names-world.txt, ordinary-words.txt, NOTICE.md, LICENSES/
#                                    the `make knowledge` files, when they exist (else a warning:
#                                    a wheel without them finds fewer names than the CLI with them)
# then builds it with the setuptools of .venv (pip wheel --no-build-isolation; made or completed
# from PyPI when missing). No compiler is needed where the wheel is installed; the binary needs the
# system's glibc >= 2.35, ICU 72 (libicu72) and libxml2 there, as on Debian 12.
#
# Environment: EIGENNAME_BIN=path  put this binary in instead of building one;
#              WHEEL_SCRATCH=.build-wheel  the swift build's scratch path (in the repository root).
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
VENV="$HERE/.venv"
STAGE="$HERE/build/wheel-src"
SCRATCH="${WHEEL_SCRATCH:-.build-wheel}"

# --- the binary -----------------------------------------------------------------------------
if [ -n "${EIGENNAME_BIN:-}" ]; then
    BIN="$EIGENNAME_BIN"
else
    echo "building eigenname (release, static Swift stdlib, --scratch-path $SCRATCH)…" >&2
    (cd "$ROOT" && swift build -c release --static-swift-stdlib --scratch-path "$SCRATCH" --product eigenname >&2)
    BIN="$ROOT/$SCRATCH/release/eigenname"
fi
[ -x "$BIN" ] || { echo "build_wheel: $BIN is not an executable" >&2; exit 1; }
if ldd "$BIN" 2>/dev/null | grep -q libswiftCore; then
    echo "build_wheel: $BIN links the Swift runtime dynamically; build with --static-swift-stdlib" >&2
    exit 1
fi

# --- the build venv -------------------------------------------------------------------------
if ! "$VENV/bin/python" -c 'import setuptools, wheel; assert int(setuptools.__version__.split(".")[0]) >= 68' 2>/dev/null; then
    [ -x "$VENV/bin/python" ] || python3 -m venv "$VENV"
    "$VENV/bin/python" -m pip install -q --disable-pip-version-check "setuptools>=68" wheel >&2 || {
        echo "build_wheel: setuptools>=68 and wheel are needed in $VENV (pip install from PyPI failed)" >&2; exit 1; }
fi

# --- stage ----------------------------------------------------------------------------------
rm -rf "$STAGE" && mkdir -p "$STAGE"
cp "$HERE/pyproject.toml" "$HERE/setup.cfg" "$HERE/README.md" "$STAGE/"
cp -R "$HERE/src" "$STAGE/src"
find "$STAGE/src" -name __pycache__ -prune -exec rm -rf {} +
PKG="$STAGE/src/eigenname"
mkdir -p "$PKG/bin" "$PKG/Lexicons/knowledge"
if command -v strip >/dev/null 2>&1; then strip -o "$PKG/bin/eigenname" "$BIN"; else cp "$BIN" "$PKG/bin/eigenname"; fi
chmod 755 "$PKG/bin/eigenname"
cp "$ROOT"/Lexicons/*.tsv "$ROOT/Lexicons/first-names.txt" "$ROOT/Lexicons/README.md" "$PKG/Lexicons/"
knowledge=0
for f in common-nouns.txt first-names-world.txt ordinary-words.txt; do
    if [ -f "$ROOT/Lexicons/knowledge/$f" ]; then
        cp "$ROOT/Lexicons/knowledge/$f" "$PKG/Lexicons/knowledge/"
        knowledge=$((knowledge + 1))
    else
        echo "warning: Lexicons/knowledge/$f is missing (make knowledge): the wheel finds fewer names than the CLI with it" >&2
    fi
done
if [ "$knowledge" -gt 0 ]; then
    cp "$HERE/licences/knowledge-NOTICE.md" "$PKG/Lexicons/knowledge/NOTICE.md"
    mkdir -p "$PKG/Lexicons/knowledge/LICENSES"
    [ -f /usr/share/common-licenses/GFDL-1.2 ] && cp /usr/share/common-licenses/GFDL-1.2 "$PKG/Lexicons/knowledge/LICENSES/GFDL-1.2.txt"
    [ -f /usr/share/common-licenses/GPL-3 ] && cp /usr/share/common-licenses/GPL-3 "$PKG/Lexicons/knowledge/LICENSES/GPL-3.txt"
    [ -f /usr/share/common-licenses/GPL-2 ] && cp /usr/share/common-licenses/GPL-2 "$PKG/Lexicons/knowledge/LICENSES/GPL-2.txt"
fi

# --- build ----------------------------------------------------------------------------------
mkdir -p "$HERE/dist"
rm -f "$HERE"/dist/eigenname-*.whl
"$VENV/bin/python" -m pip wheel -q --disable-pip-version-check --no-build-isolation --no-deps \
    -w "$HERE/dist" "$STAGE" >&2
WHEEL=$(ls "$HERE"/dist/eigenname-*.whl)
echo "$WHEEL ($(du -h "$WHEEL" | cut -f1); knowledge files: $knowledge of 3)"
