# shellcheck shell=bash
#
# Make a PostgreSQL server available for 進行管理 (source this file; it is not a command).
#
#   ensure_postgres        a server answers at $PGHOST:$PGPORT and the role "postgres" can log in there
#                          without a password (trust auth, or a password libpq finds by itself)
#   ensure_database NAME   database NAME exists on that server
#
# ensure_postgres tries, in this order, and stops at the first that works:
#   1. a server already answers at PGHOST:PGPORT     -> use it as it is
#   2. no PostgreSQL server binaries are installed   -> apt-get install postgresql
#   3. a Debian cluster (pg_lsclusters) has PGPORT   -> start it with pg_ctlcluster
#   4. otherwise                                     -> a private cluster in <repo>/.pgdata (git-ignored),
#                                                       trust auth, listening on 127.0.0.1 only
#
# The functions report failure through their return status instead of relying on `set -e`: bash ignores
# `set -e` inside a function that is called as an `if` condition or before `||`, which callers do.

: "${PGHOST:=127.0.0.1}"
: "${PGPORT:=5432}"
export PGHOST PGPORT

# The repository root, found from this file's location so that the caller's current directory does not matter.
_PG_REPO_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)

# Set to 1 when ensure_postgres installed the server itself: only then may it change that server's config.
_PG_FRESH_INSTALL=0

_pg_say() { printf 'postgres: %s\n' "$*" >&2; }

# psql as the "postgres" role. -X ignores the user's ~/.psqlrc; -w never prompts for a password (a prompt would
# hang a script; without a password we want a clear failure instead).
_pg_psql() {
  psql -X -q -w -v ON_ERROR_STOP=1 -h "$PGHOST" -p "$PGPORT" -U postgres -d postgres "$@"
}

# True when a server accepts connections at PGHOST:PGPORT.
_pg_ready() {
  if command -v pg_isready >/dev/null 2>&1; then
    pg_isready -q -t 3 -h "$PGHOST" -p "$PGPORT"
  elif command -v psql >/dev/null 2>&1; then
    _pg_psql -c 'SELECT 1' </dev/null >/dev/null 2>&1
  else
    return 1   # no client tools: nothing can be running that we could use
  fi
}

_pg_can_login() { _pg_psql -tAc 'SELECT 1' </dev/null >/dev/null 2>&1; }

# We only ever start servers on this machine; for any other host we can just wait for it.
_pg_host_is_local() { [[ $PGHOST == 127.0.0.1 || $PGHOST == localhost || $PGHOST == ::1 ]]; }

# Run a command as root: directly when we are root, through sudo otherwise.
_pg_as_root() {
  if (( EUID == 0 )); then
    "$@"
  elif command -v sudo >/dev/null 2>&1; then
    sudo "$@"
  else
    _pg_say "error: this step needs root (and sudo is not installed): $*"
    return 1
  fi
}

# Run a command as the owner of the private cluster. initdb and postgres refuse to run as root, so root acts as
# the "postgres" OS user that the Debian package creates; any other user simply owns the cluster itself.
# `cd /` first: the postgres user may not be allowed into the caller's current directory.
_pg_as_owner() {
  if (( EUID != 0 )); then
    "$@"
  elif command -v runuser >/dev/null 2>&1; then
    (cd / && runuser -u postgres -- "$@")
  else
    (cd / && su postgres -s /bin/bash -c "$(printf '%q ' "$@")")
  fi
}

# The bin directory of the installed server: of major version $1 if given, else of the newest one installed.
_pg_bindir() {
  local postgres
  if [[ -n ${1:-} ]]; then
    postgres=/usr/lib/postgresql/$1/bin/postgres
  else
    postgres=$(printf '%s\n' /usr/lib/postgresql/*/bin/postgres | sort -V | tail -n 1)
  fi
  [[ -x $postgres ]] && dirname "$postgres"   # (an unmatched glob stays literal and fails this test)
}

_pg_install_server() {
  if (( EUID != 0 )) && ! command -v sudo >/dev/null 2>&1; then
    _pg_say "error: PostgreSQL is not installed, and installing it needs root. As root, run:"
    _pg_say "    apt-get update && apt-get install -y postgresql"
    _pg_say "then run this command again."
    return 1
  fi
  _pg_say "PostgreSQL is not installed; installing the Debian package 'postgresql'"
  _pg_as_root apt-get update || return 1
  # The package creates its first cluster in the locale of this environment; a container often has none, which
  # would give an SQL_ASCII cluster. Ask for UTF-8 explicitly: the product stores Japanese text.
  _pg_as_root env DEBIAN_FRONTEND=noninteractive LANG=C.UTF-8 LC_ALL=C.UTF-8 \
    apt-get install -y postgresql || return 1
  _PG_FRESH_INSTALL=1
}

# Prints "version name status logfile" of the Debian cluster configured for PGPORT; fails if there is none.
_pg_debian_cluster() {
  command -v pg_lsclusters >/dev/null 2>&1 || return 1
  pg_lsclusters --no-header 2>/dev/null |
    awk -v port="$PGPORT" '$3 == port { print $1, $2, $4, $7; found = 1; exit } END { exit !found }'
}

# Without systemd (containers) pg_ctlcluster must start the server itself instead of asking systemctl.
_pg_ctlcluster() {
  local opts=()
  [[ -d /run/systemd/system ]] || opts=(--skip-systemctl-redirect)
  _pg_as_root pg_ctlcluster "${opts[@]}" "$@"
}

# A freshly installed Debian cluster wants a password for TCP logins, but the postgres role has none. We just
# installed it, so nothing else relies on that setting: let connections from this machine in without a password.
_pg_trust_loopback() {
  local ver=$1 name=$2
  local hba=/etc/postgresql/$ver/$name/pg_hba.conf
  _pg_say "fresh install: allowing password-less logins from 127.0.0.1 and ::1 in $hba"
  _pg_as_root sed -i '1i # Added by shinko scripts/lib/postgres.sh: password-less logins from this machine (development).\nhost all all 127.0.0.1/32 trust\nhost all all ::1/128 trust' "$hba" || return 1
  _pg_ctlcluster "$ver" "$name" reload
}

_pg_show_log() {
  [[ -r ${1:-} ]] || return 0
  _pg_say "last lines of $1:"
  tail -n 20 "$1" >&2
}

# Wait (at most 30 s) until the server accepts connections; on timeout show the server log $1, if any.
_pg_wait_ready() {
  local deadline=$(( SECONDS + 30 ))   # a clock, not a count: each check of an unreachable host takes time too
  while (( SECONDS < deadline )); do
    _pg_ready && return 0
    sleep 1
  done
  _pg_say "error: no PostgreSQL server accepted connections at $PGHOST:$PGPORT within 30 s"
  _pg_show_log "${1:-}"
  return 1
}

# Create directory $1 for the private cluster, owned by the cluster owner; fails if that user cannot use it.
_pg_prepare_dir() {
  mkdir -p "$1" 2>/dev/null || return 1
  if (( EUID == 0 )); then
    chown postgres: "$1" && chmod 700 "$1" || return 1
  fi
  _pg_as_owner test -w "$1" -a -x "$1" 2>/dev/null
}

# Where the private cluster lives: <repo>/.pgdata, unless the postgres user cannot reach it (say, the repo sits
# under root's home directory); then a directory in /var/tmp, one per port so restarts find the same cluster.
_pg_private_base() {
  local base=$_PG_REPO_ROOT/.pgdata
  if ! _pg_prepare_dir "$base"; then
    rmdir "$base" 2>/dev/null || true   # (only if we just made it empty)
    base=/var/tmp/shinko-pgdata-$PGPORT
    _pg_prepare_dir "$base" || { _pg_say "error: cannot prepare a data directory in $base"; return 1; }
  fi
  echo "$base"
}

_pg_start_private_cluster() {
  local bindir base data sockdir log locale=C
  bindir=$(_pg_bindir) || { _pg_say "error: no PostgreSQL server binaries under /usr/lib/postgresql"; return 1; }
  base=$(_pg_private_base) || return 1
  data=$base/data
  log=$base/postgres.log

  if [[ -f $data/PG_VERSION ]]; then
    # A data directory only works with the major version that created it.
    bindir=$(_pg_bindir "$(<"$data/PG_VERSION")") || {
      _pg_say "error: $data was made by PostgreSQL $(<"$data/PG_VERSION"), which is not installed."
      _pg_say "Install postgresql-$(<"$data/PG_VERSION"), or delete $base to start over (its data is lost)."
      return 1
    }
  else
    # C.UTF-8: UTF-8 text with byte-order sorting that does not depend on installed locales. Plain C (still
    # with UTF8 encoding) where the C library lacks it.
    if locale -a 2>/dev/null | grep -qiE '^c\.utf-?8$'; then locale=C.UTF-8; fi
    _pg_say "creating a private cluster in $data (trust auth, reachable from 127.0.0.1 only)"
    if ! _pg_as_owner "$bindir/initdb" -D "$data" --auth=trust -U postgres --encoding=UTF8 \
         --locale="$locale" >"$base/initdb.log" 2>&1; then
      _pg_say "error: initdb failed"
      _pg_show_log "$base/initdb.log"
      return 1
    fi
  fi

  # The socket goes next to the data (the system socket directory may not exist without the Debian service).
  # A Unix socket path is limited to ~107 bytes; in a very deep checkout serve TCP only, which is all we use.
  sockdir=$base/run
  (( ${#sockdir} <= 80 )) || sockdir=''
  [[ -z $sockdir ]] || _pg_as_owner mkdir -p "$sockdir" || return 1

  _pg_say "starting the private cluster on 127.0.0.1:$PGPORT (log: $log)"
  if ! _pg_as_owner "$bindir/pg_ctl" -D "$data" -l "$log" -w -t 30 \
       -o "-p $PGPORT -k '$sockdir' -c listen_addresses=127.0.0.1" start >/dev/null; then
    _pg_say "error: the private cluster did not start"
    _pg_show_log "$log"
    return 1
  fi
  _PG_LOG=$log
}

_pg_explain_login_failure() {
  local cluster ver name hba='pg_hba.conf' reload='reload the server'
  if cluster=$(_pg_debian_cluster); then
    read -r ver name _ _ <<<"$cluster"
    hba=/etc/postgresql/$ver/$name/pg_hba.conf
    reload="run: pg_ctlcluster $ver $name reload"
  fi
  _pg_say "error: a server answers at $PGHOST:$PGPORT, but the role \"postgres\" cannot log in without a password."
  _pg_say "Fix it in one of these ways:"
  _pg_say "  - allow password-less logins from this machine: put these lines first in $hba, then $reload"
  _pg_say "        host all all 127.0.0.1/32 trust"
  _pg_say "        host all all ::1/128 trust"
  _pg_say "  - or use another port, e.g. PGPORT=5433, to get a private cluster just for this project"
  _pg_say "  - or set DATABASE_URL / TEST_DATABASE_URL with a password (see .env.example)"
}

ensure_postgres() {
  local cluster ver name status logfile
  _PG_LOG=''

  if ! _pg_ready; then
    if ! _pg_host_is_local; then
      _pg_say "waiting for the PostgreSQL server at $PGHOST:$PGPORT (another machine, so not starting one here)"
      _pg_wait_ready || return 1
    else
      if [[ -z $(_pg_bindir) ]]; then
        _pg_install_server || return 1
      fi
      if cluster=$(_pg_debian_cluster); then
        read -r ver name status logfile <<<"$cluster"
        _PG_LOG=$logfile
        if [[ $status != online* ]]; then
          _pg_say "starting the Debian cluster $ver/$name on port $PGPORT"
          _pg_ctlcluster "$ver" "$name" start || { _pg_show_log "$logfile"; return 1; }
        fi
      elif ! _pg_ready; then   # (re-check: installing the package may have started a server)
        _pg_start_private_cluster || return 1
      fi
      _pg_wait_ready "$_PG_LOG" || return 1
    fi
  fi

  if ! _pg_can_login; then
    if (( _PG_FRESH_INSTALL )) && cluster=$(_pg_debian_cluster); then
      read -r ver name _ _ <<<"$cluster"
      _pg_trust_loopback "$ver" "$name" || return 1
      sleep 1   # a reload is asynchronous: give the server a moment to read the new pg_hba.conf
    fi
    if ! _pg_can_login; then
      _pg_explain_login_failure
      return 1
    fi
  fi

  # New databases copy template1; an SQL_ASCII cluster would accept Japanese text but not treat it as text.
  if [[ $(_pg_psql -tAc "SELECT pg_encoding_to_char(encoding) FROM pg_database WHERE datname = 'template1'" </dev/null) != UTF8 ]]; then
    _pg_say "warning: the cluster at $PGHOST:$PGPORT does not use UTF8 by default; databases may mis-handle Japanese text"
  fi
  _pg_say "ready at $PGHOST:$PGPORT"
}

ensure_database() {
  local name=${1:?usage: ensure_database NAME} exists
  # The name travels as a psql variable (:'name' / :"name") so psql quotes it; psql only substitutes variables
  # in what it reads from stdin, not in -c.
  exists=$(_pg_psql -tA -v name="$name" <<<"SELECT 1 FROM pg_database WHERE datname = :'name'") || return 1
  [[ $exists == 1 ]] && return 0
  _pg_say "creating database $name"
  # template0 + UTF8: the right encoding even where the cluster default is something else.
  _pg_psql -v name="$name" <<<"CREATE DATABASE :\"name\" ENCODING 'UTF8' TEMPLATE template0" || return 1
}
