# Sourced by the other scripts, with the extras they need ("" for none, "test" for the test
# tools):  source scripts/venv.sh test
# Creates or reuses the virtual environment and makes sure RepCast and those extras are
# installed in it. Sets ROOT and VENV.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="${REPCAST_VENV:-$ROOT/.venv}"
PYTHON="${PYTHON:-python3}"
extras="${1?usage: source venv.sh EXTRAS}"

if ! command -v "$PYTHON" >/dev/null; then
  echo "RepCast: the interpreter '$PYTHON' does not exist (set PYTHON=/path/to/python3)." >&2
  exit 1
fi
if ! "$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 10))' 2>/dev/null; then
  echo "RepCast needs Python 3.10 or newer as '$PYTHON' (set PYTHON=/path/to/python3)." >&2
  exit 1
fi
if [ ! -x "$VENV/bin/python" ]; then
  echo "Creating a virtual environment in $VENV" >&2
  "$PYTHON" -m venv "$VENV"
fi
# The stamp holds the dependencies' checksum and the checkout (line 1) and the extras
# installed (line 2). Reinstall only when the dependencies change or an extra is missing;
# an extra once installed stays, so a demo run after the tests keeps the test tools.
stamp="$VENV/.repcast-installed"
want="$(sha256sum < "$ROOT/pyproject.toml" | cut -d' ' -f1) $ROOT"
have="" installed=""
if [ -f "$stamp" ]; then
  have="$(sed -n 1p "$stamp")"
  installed="$(sed -n 2p "$stamp")"
fi
needed="$(printf '%s\n' ${installed//,/ } ${extras//,/ } | sort -u | paste -sd, -)"
if [ "$have" != "$want" ] || [ "$needed" != "$installed" ]; then
  echo "Installing RepCast${needed:+ with [$needed]} into $VENV" >&2
  "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check --upgrade pip >&2
  "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check \
    -e "$ROOT${needed:+[$needed]}" >&2
  printf '%s\n%s\n' "$want" "$needed" > "$stamp"
fi
