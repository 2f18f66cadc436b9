# shellcheck shell=bash
#
# Small helpers shared by scripts/run and scripts/test (source this file; it is not a command).
# Like scripts/lib/postgres.sh, the functions return a failure status instead of relying on `set -e`.

# Load KEY=value lines from an env file (default .env, see .env.example). Variables that are already set win,
# so `PGPORT=5433 scripts/run` still works with a .env. The file is parsed rather than sourced: it is data,
# and no shell code in it runs.
load_dotenv() {
  local _file=${1:-.env} _line _key _value
  [[ -f $_file ]] || return 0
  while IFS= read -r _line || [[ -n $_line ]]; do
    [[ $_line =~ ^[[:space:]]*(export[[:space:]]+)?([A-Za-z_][A-Za-z0-9_]*)=(.*)$ ]] || continue
    _key=${BASH_REMATCH[2]} _value=${BASH_REMATCH[3]}
    [[ -v $_key ]] && continue
    if [[ $_value =~ ^\"(.*)\"$ || $_value =~ ^\'(.*)\'$ ]]; then _value=${BASH_REMATCH[1]}; fi
    export "$_key=$_value"
  done <"$_file"
}

# Make sure cargo can build: rustup installs into ~/.cargo/bin, which a fresh shell may not have on PATH yet;
# Rust links through the system C compiler, which a minimal Debian does not have.
require_cargo() {
  if ! command -v cargo >/dev/null 2>&1 && [[ -x $HOME/.cargo/bin/cargo ]]; then
    export PATH=$HOME/.cargo/bin:$PATH
  fi
  if ! command -v cargo >/dev/null 2>&1; then
    cat >&2 <<'EOF'
error: cargo (the Rust toolchain) is not installed. Install it with rustup (https://rustup.rs):
    curl --proto '=https' --tlsv1.2 -sSf https://sh.rustup.rs | sh -s -- -y
    . "$HOME/.cargo/env"
then run this command again.
EOF
    return 1
  fi
  if ! command -v cc >/dev/null 2>&1; then
    echo "error: Rust needs a C compiler to link (cc not found). Install it with: apt-get install -y build-essential" >&2
    return 1
  fi
}

# Install the frontend's npm packages when needed. `npm ci` deletes and reinstalls node_modules, so it only runs
# when nothing was installed yet or package-lock.json changed since; npm writes node_modules/.package-lock.json
# at the end of a successful install, so an interrupted install is retried too.
frontend_deps() {
  if ! command -v npm >/dev/null 2>&1; then
    echo "error: frontend/package.json exists but npm is missing. Install Node.js, e.g.: apt-get install -y nodejs npm" >&2
    return 1
  fi
  if [[ ! -f frontend/node_modules/.package-lock.json ||
        frontend/package-lock.json -nt frontend/node_modules/.package-lock.json ]]; then
    (cd frontend && npm ci)
  fi
}
