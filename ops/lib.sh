#!/usr/bin/env bash
# ops/lib.sh — sourced by ops/run, ops/test, ops/pg and ops/token; only defines things.
#
# Environment:
#   ConnectionStrings__Marten  THE override: a connection string to any PostgreSQL 15+. When it is set,
#                              nothing here touches PostgreSQL at all and that string is used as is.
#   CP_PG_PORT                 port of the private cluster (default: 55432, or the next free port
#                              when another program holds 55432). Never 5432: that is the system's.
set -euo pipefail

# runuser and useradd live in sbin, which a CI or sudo PATH may lack.
export PATH="$PATH:/usr/sbin:/sbin"
CP_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
CP_DATA="$CP_ROOT/.data"          # git-ignored
CP_PG_HOME="$CP_DATA/pg"          # the cluster (data/, postgres.log), or a symlink to it
CP_PG_USER=cppg                   # PostgreSQL refuses to run as root: as root we run it as this user
CP_PG_FALLBACK=/var/lib/cppg      # where cppg keeps clusters of repos it cannot reach (not auto-cleaned like /var/tmp)
CP_DB=childprotection
CP_TEST_DB=childprotection_tests

cp_note() { echo "ops: $*" >&2; }
cp_die() { echo "ops: error: $*" >&2; exit 1; }
cp_is_root() { [ "$(id -u)" -eq 0 ]; }

# Installs Debian packages: directly as root, else through sudo without a password prompt (CI has no stdin).
cp_apt_install() {
  local sudo=()
  if ! cp_is_root; then
    command -v sudo >/dev/null || cp_die "missing $*: install with 'apt-get install -y $*' as root"
    sudo=(sudo -n)
  fi
  cp_note "installing $* (apt-get)"
  { "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq &&
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@"; } >&2 ||
    cp_die "could not install $*: run 'apt-get update && apt-get install -y $*' as root"
}

cp_find_pg_bindir() {
  local d c=()
  command -v pg_config >/dev/null && c+=("$(pg_config --bindir)")
  c+=($(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -rV))
  command -v initdb >/dev/null && c+=("$(dirname "$(readlink -f "$(command -v initdb)")")")
  for d in "${c[@]}"; do
    [ -x "$d/initdb" ] && [ -x "$d/pg_ctl" ] && [ -x "$d/postgres" ] && [ -x "$d/psql" ] && { echo "$d"; return 0; }
  done
  return 1
}

# Sets CP_PG_BIN; installs the PostgreSQL server and openssl (ops/token) when missing.
cp_need_tools() {
  local missing=()
  CP_PG_BIN="$(cp_find_pg_bindir)" || missing+=(postgresql)
  command -v openssl >/dev/null || missing+=(openssl)
  [ ${#missing[@]} -eq 0 ] && return 0
  cp_apt_install "${missing[@]}"
  CP_PG_BIN="$(cp_find_pg_bindir)" || cp_die "PostgreSQL server binaries (initdb, pg_ctl) not found after installing"
}

cp_need_dotnet() {
  # A CI shell may lack dotnet on PATH although it is installed in a usual place.
  if ! command -v dotnet >/dev/null; then
    local d
    for d in "${DOTNET_ROOT:-}" "${HOME:-}/.dotnet" /usr/share/dotnet /usr/lib/dotnet; do
      [ -x "$d/dotnet" ] && { export PATH="$d:$PATH"; break; }
    done
  fi
  command -v dotnet >/dev/null && dotnet --list-sdks 2>/dev/null | grep '^10\.' >/dev/null && return 0
  cp_die "the .NET 10 SDK is required ('dotnet --list-sdks' must list a 10.x SDK). Install it from
  https://learn.microsoft.com/dotnet/core/install/linux-debian (apt package dotnet-sdk-10.0 from Microsoft's
  feed) or with dotnet-install.sh --channel 10.0, then put dotnet on PATH."
}
export DOTNET_NOLOGO="${DOTNET_NOLOGO:-1}"

# Runs a server tool (initdb, pg_ctl, test) as the user that owns the cluster; from / because
# cppg may not be allowed into the caller's current directory.
cp_as_pg() {
  if cp_is_root; then (cd / && runuser -u "$CP_PG_USER" -- "$@"); else "$@"; fi
}

cp_ensure_pg_user() {
  command -v runuser >/dev/null || cp_die "runuser (package util-linux) is needed to run PostgreSQL as $CP_PG_USER"
  id -u "$CP_PG_USER" >/dev/null 2>&1 && return 0
  cp_note "creating system user $CP_PG_USER to run PostgreSQL"
  useradd --system --user-group --home-dir "$CP_PG_FALLBACK" --no-create-home --shell /usr/sbin/nologin "$CP_PG_USER"
}

# Sets CP_PG_DIR, the real cluster directory. As root, when cppg cannot traverse the repo (e.g. a
# clone under /root, mode 700), the cluster lives in $CP_PG_FALLBACK/<hash of repo path> and
# .data/pg is a symlink to it, so later runs find it again.
cp_pg_locate() {
  mkdir -p "$CP_DATA"
  if [ -L "$CP_PG_HOME" ]; then
    CP_PG_DIR="$(readlink "$CP_PG_HOME")"
  elif [ -d "$CP_PG_HOME" ] || ! cp_is_root || cp_as_pg test -x "$CP_DATA"; then
    CP_PG_DIR="$CP_PG_HOME"
  else
    CP_PG_DIR="$CP_PG_FALLBACK/$(printf %s "$CP_ROOT" | sha256sum | cut -c1-16)"
    ln -sfn "$CP_PG_DIR" "$CP_PG_HOME"
    cp_note "$CP_PG_USER cannot reach $CP_ROOT: cluster kept in $CP_PG_DIR (.data/pg links to it)"
  fi
  mkdir -p "$CP_PG_DIR"   # also recreates a symlink's target that was wiped
  if cp_is_root; then
    [ "$(stat -c %U "$CP_PG_DIR")" = "$CP_PG_USER" ] || chown -R "$CP_PG_USER:" "$CP_PG_DIR"
    chmod 700 "$CP_PG_DIR"
    cp_as_pg test -w "$CP_PG_DIR" ||
      cp_die "$CP_PG_USER cannot reach $CP_PG_DIR; stop it (ops/pg stop) and remove .data/pg to recreate it elsewhere"
  fi
}

cp_pg_init() {
  local data="$CP_PG_DIR/data" loc=C
  [ -s "$data/PG_VERSION" ] && return 0
  rm -rf "$data"   # the rest of an interrupted initdb
  locale -a 2>/dev/null | grep -ix 'c\.utf-\?8' >/dev/null && loc=C.UTF-8   # C order, but Unicode-aware lower()/upper()
  cp_note "creating PostgreSQL cluster in $data"
  cp_as_pg "$CP_PG_BIN/initdb" -D "$data" -U postgres -E UTF8 --locale="$loc" --auth=trust >"$CP_PG_DIR/initdb.log" ||
    { cat "$CP_PG_DIR/initdb.log" >&2; cp_die "initdb failed"; }
  # Loopback TCP only, no unix socket (no path-length or socket-permission trouble), no password.
  cat >>"$data/postgresql.conf" <<'EOF'
# ops/lib.sh: private development cluster
listen_addresses = '127.0.0.1'
unix_socket_directories = ''
synchronous_commit = off
EOF
  echo "host all all 127.0.0.1/32 trust" >"$data/pg_hba.conf"
  CP_PG_CREATED=1
}

# Pid of this cluster's live postmaster, judged by its working directory (postgres chdirs into its
# data dir), so a pid reused by another process after a reboot is not mistaken for it.
cp_pg_pid() {
  local pid data
  data="$(readlink -f "$CP_PG_DIR/data")"
  pid="$(head -n1 "$CP_PG_DIR/data/postmaster.pid" 2>/dev/null)" || return 1
  [ -n "$pid" ] && [ "$(readlink "/proc/$pid/cwd" 2>/dev/null)" = "$data" ] && echo "$pid"
}

cp_port_busy() { (: <"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

cp_pg_start() {
  local pid p data="$CP_PG_DIR/data"
  [ "${CP_PG_PORT:-}" != 5432 ] || cp_die "CP_PG_PORT=5432 is the system PostgreSQL's port; choose another"
  if pid="$(cp_pg_pid)"; then
    p="$(sed -n 4p "$data/postmaster.pid")"
    if [ -z "${CP_PG_PORT:-}" ] || [ "$p" = "$CP_PG_PORT" ]; then CP_PG_PORT="$p"; return 0; fi
    ! cp_port_busy "$CP_PG_PORT" || cp_die "127.0.0.1:$CP_PG_PORT is taken by another program; choose another CP_PG_PORT"
    cp_note "restarting local PostgreSQL: it runs on $p but CP_PG_PORT=$CP_PG_PORT"
    cp_pg_stop
  fi
  if [ -e "$data/postmaster.pid" ]; then   # left by a killed server or a reboot
    cp_note "recovering from a stale postmaster.pid"
    # Backends of a killed postmaster still hold its shared memory until they notice and exit.
    for _ in $(seq 30); do [ -n "$(cp_pg_orphans)" ] || break; sleep 1; done
    cp_pg_orphans | xargs -r kill -9 2>/dev/null || true
    rm -f "$data/postmaster.pid"
  fi
  if [ -n "${CP_PG_PORT:-}" ]; then
    ! cp_port_busy "$CP_PG_PORT" || cp_die "127.0.0.1:$CP_PG_PORT is taken by another program; choose another CP_PG_PORT"
  else   # 55432 unless another clone's cluster (or anything else) holds it
    for CP_PG_PORT in $(seq 55432 55531); do cp_port_busy "$CP_PG_PORT" || break; done
  fi
  # pg_stat_statements (shipped with the server) lets ops/bench/run show which statements a report costs.
  # 200 connections: ops/bench/run's pgbench at 32 clients runs beside the service's own pool, grown by its 32-client intake.
  local options="-p $CP_PG_PORT -c max_connections=200"
  [ ! -e "$(dirname "$CP_PG_BIN")/lib/pg_stat_statements.so" ] || options="$options -c shared_preload_libraries=pg_stat_statements"
  # 9>&-: the server must not inherit (and so hold forever) the lock taken in cp_pg_up.
  cp_as_pg "$CP_PG_BIN/pg_ctl" start -D "$data" -l "$CP_PG_DIR/postgres.log" -w -t 120 -o "$options" >/dev/null 9>&- ||
    { tail -n 20 "$CP_PG_DIR/postgres.log" >&2; cp_die "PostgreSQL did not start (log: $CP_PG_HOME/postgres.log)"; }
  CP_PG_STARTED=1
}

cp_pg_orphans() {
  local p data
  data="$(readlink -f "$CP_PG_DIR/data")"
  for p in /proc/[0-9]*; do [ "$(readlink "$p/cwd" 2>/dev/null)" = "$data" ] && echo "${p#/proc/}"; done
  return 0
}

# SIGINT is pg_ctl's "fast" shutdown; signalling directly needs neither pg_ctl nor runuser.
cp_pg_stop() {
  local pid
  pid="$(cp_pg_pid)" || { cp_note "local PostgreSQL is not running"; return 0; }
  kill -INT "$pid"
  for _ in $(seq 120); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.5; done
  cp_die "PostgreSQL (pid $pid) did not stop within 60 s"
}

cp_psql() { "$CP_PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$CP_PG_PORT" -U postgres "$@"; }

cp_pg_create_dbs() {
  local db
  for db in "$CP_DB" "$CP_TEST_DB"; do
    [ "$(cp_psql -d postgres -Atc "select 1 from pg_database where datname = '$db'")" = 1 ] ||
      "$CP_PG_BIN/createdb" -h 127.0.0.1 -p "$CP_PG_PORT" -U postgres "$db"
  done
}

# Ensures the private cluster exists, runs, and has both databases; sets CP_PG_PORT.
cp_pg_up() {
  cp_need_tools
  cp_is_root && cp_ensure_pg_user
  mkdir -p "$CP_DATA"
  exec 9>"$CP_DATA/pg.lock"; flock 9   # ops/run and ops/test may start at the same time
  cp_pg_locate
  cp_pg_init
  cp_pg_start
  cp_pg_create_dbs
  exec 9>&-
}

cp_pg_hint() {
  local where=".data/pg"
  [ -L "$CP_PG_HOME" ] && where=".data/pg -> $CP_PG_DIR"
  echo "local PostgreSQL on 127.0.0.1:$CP_PG_PORT (data $where); stop it with: ops/pg stop" >&2
}

# cp_use_postgres DB: exports ConnectionStrings__Marten for DB on the private cluster — unless it
# is already set, in which case PostgreSQL is left entirely alone.
cp_use_postgres() {
  if [ -n "${ConnectionStrings__Marten:-}" ]; then
    cp_note "using ConnectionStrings__Marten from the environment (local PostgreSQL not used)"
    export ConnectionStrings__Marten
    return 0
  fi
  cp_pg_up
  export ConnectionStrings__Marten="Host=127.0.0.1;Port=$CP_PG_PORT;Database=$1;Username=postgres"
  cp_pg_hint
}

# Prints the path of the local HS256 key, creating it on first use: 64 random bytes, base64, one line.
cp_jwt_key() {
  local f="$CP_DATA/jwt-signing-key" tmp
  if [ ! -s "$f" ]; then
    mkdir -p "$CP_DATA"
    tmp="$f.$$"
    (umask 077 && head -c 64 /dev/urandom | base64 -w0 >"$tmp" && echo >>"$tmp")
    ln "$tmp" "$f" 2>/dev/null && cp_note "created signing key $f"   # ln, not mv: a concurrent first run keeps one key
    rm -f "$tmp"
  fi
  chmod 600 "$f"
  echo "$f"
}

# cp_verb_env VERB: the runtime settings a verb's process starts with (NAME=value, space-separated; nothing for most verbs).
# The fast rebuilds run for seconds in a fresh process, where the JIT's tiering is a large share of the CPU: without
# dynamic PGO (no instrumented tier between tier 0 and tier 1) and with hot methods promoted at once (no 100 ms delay
# before call counting) the methods are compiled fewer times and reach optimised code sooner. Process-wide settings,
# so never the service's: a long-running node gains from PGO. ops/run sets them, ops/bench/run passes them to the
# bench's verbs; DOTNET_TieredPGO / DOTNET_TC_CallCountingDelayMs set by the caller win. docs/benchmark.md has the figures.
cp_verb_env() {
  case "${1:-}" in
    rebuild-summaries|rebuild-indicators)
      echo "DOTNET_TieredPGO=${DOTNET_TieredPGO:-0} DOTNET_TC_CallCountingDelayMs=${DOTNET_TC_CallCountingDelayMs:-0}" ;;
  esac
}

# cp_service_setup: everything ops/run and ops/cluster do before starting the service — PostgreSQL
# (database childprotection), local tokens, the environment — then the Release build. Sets CP_SERVICE_DIR
# (the content root, as with `dotnet run`) and CP_SERVICE_CMD (the command that starts the service, run from it).
# With CP_RELEASE=DIR (ops/run --release DIR) nothing is built: the service runs from a folder ops/publish made.
cp_service_setup() {
  local self_contained=false
  if [ -n "${CP_RELEASE:-}" ]; then
    [ -f "$CP_RELEASE/ChildProtection.Coordination.dll" ] || cp_die "$CP_RELEASE is not a release folder (ops/publish makes one)"
    [ -f "$CP_RELEASE/libcoreclr.so" ] && [ -x "$CP_RELEASE/ChildProtection.Coordination" ] && self_contained=true
  fi
  [ "$self_contained" = true ] || cp_need_dotnet
  # The local default gets the demo directory (two provinces, an agency of every kind), so a case can
  # travel its whole path; a configured database gets nothing it did not ask for.
  # …and two demo integrator grants (docs/integrators.md, "Grants"), so the feed and webhooks can be tried at once:
  # Quảng Trị's statistics office for its province, and a national "stats-office" that may receive identity. (Agency ids
  # hold hyphens, which no shell variable may, so they reach the service through env.)
  CP_DEMO_ENV=()
  if [ -z "${ConnectionStrings__Marten:-}" ]; then
    export Directory__SeedDemo="${Directory__SeedDemo:-true}"
    CP_DEMO_ENV=("Integration__Grants__stats-quang-tri__Provinces__0=44"
      "Integration__Grants__stats-office__National=true" "Integration__Grants__stats-office__Identity=true")
  fi
  cp_use_postgres "$CP_DB"
  # Local tokens (ops/token) unless a real OpenID Connect issuer is configured.
  if [ -z "${Auth__Authority:-}" ]; then
    local key
    key="$(cp_jwt_key)"
    export Auth__SigningKeyFile="$key"
  fi
  # Anchors are signed with a key on this disk, never in the database (created on first start), and
  # published to a directory beside it (docs/auditors.md).
  export Audit__AnchorKeyFile="${Audit__AnchorKeyFile:-$CP_DATA/anchor-signing-key.pem}"
  # The match key of duplicate detection, on this disk and never in the database (created on first start; docs/matching.md).
  export Matching__KeyFile="${Matching__KeyFile:-$CP_DATA/match-key}"
  export Audit__AnchorSinkDirectory="${Audit__AnchorSinkDirectory:-$CP_DATA/anchors}"
  # Every case key and webhook secret is stored wrapped by the key ring, a file on this disk and never in the database
  # (created on first start; back it up apart from the database). docs/operations.md, "Keys".
  export Keys__KeyRingFile="${Keys__KeyRingFile:-$CP_DATA/key-ring.json}"
  export ASPNETCORE_ENVIRONMENT="${ASPNETCORE_ENVIRONMENT:-Production}"
  if [ -n "${CP_RELEASE:-}" ]; then
    # The release folder is the content root: its appsettings*.json, its compiled-in generated code.
    CP_SERVICE_DIR="$(cd "$CP_RELEASE" && pwd -P)"
    if [ "$self_contained" = true ]; then CP_SERVICE_CMD=("$CP_SERVICE_DIR/ChildProtection.Coordination")
    else CP_SERVICE_CMD=(dotnet "$CP_SERVICE_DIR/ChildProtection.Coordination.dll"); fi
    cp_note "serving the release in $CP_SERVICE_DIR ($(sed -n 's/^version=//p' "$CP_SERVICE_DIR/RELEASE" 2>/dev/null || echo 'no RELEASE file'))"
    return 0
  fi
  CP_SERVICE_DIR="$CP_ROOT/src/ChildProtection.Coordination"
  CP_SERVICE_CMD=(dotnet bin/Release/net10.0/ChildProtection.Coordination.dll)
  (cd "$CP_SERVICE_DIR" && dotnet build -c Release -nologo -v quiet >&2)   # stderr: keep stdout for the service (e.g. ops/run openapi)
}
