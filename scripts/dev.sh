#!/usr/bin/env bash
# The developer entry point (README: "Quick start"). Works on a fresh Debian machine with Node 20.19+.
#
#   scripts/dev.sh up [--detach]   install what is missing, build, start the platform (start-prod.sh)
#   scripts/dev.sh down            stop it
#   scripts/dev.sh status          PostgreSQL, Redis, every service and nginx
#   scripts/dev.sh test            typecheck, lint, unit, integration and e2e tests (what CI runs)
#
# `up` keeps its secrets in .run/env (generated once, reused afterwards). `test` needs no running
# stack and leaves a running one alone: tests use their own databases, Redis DBs and ports.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
RUN_DIR="$ROOT/.run"
ENV_FILE_DEFAULT="$RUN_DIR/env"
RESULTS_DIR="$RUN_DIR/test-results"
TEST_STEP_TIMEOUT="${TEST_STEP_TIMEOUT:-2400}"
# The Debian PostgreSQL cluster to start and configure when DATABASE_URL is local.
PG_CLUSTER="${PG_CLUSTER:-main}"

log() { printf '\n[dev] %s\n' "$*"; }
die() {
  printf '[dev] ERROR: %s\n' "$*" >&2
  exit 1
}

usage() { sed -n '2,11p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; }

# Runs a command as root: directly when we are root, through sudo otherwise.
as_root() {
  if ((EUID == 0)); then
    "$@"
  elif command -v sudo >/dev/null; then
    sudo "$@"
  else
    die "need root for: $* (run as root or install sudo)"
  fi
}

# --- environment -----------------------------------------------------------------------------

# .run/env: the local stack's secrets, generated on first use and kept afterwards.
ensure_env_file() {
  mkdir -p "$RUN_DIR"
  if [[ ! -f $ENV_FILE_DEFAULT ]]; then
    log "generating $ENV_FILE_DEFAULT (dev secrets, kept across runs)"
    (
      umask 077
      {
        printf '# Local secrets for scripts/dev.sh and start-prod.sh, generated %s.\n' "$(date -u +%FT%TZ)"
        printf '# Add overrides here too (PUBLIC_PORT, LOG_LEVEL, ...). CONFIG_ENCRYPTION_KEY encrypts stored\n'
        printf '# provider credentials: changing it makes them unreadable. ADMIN_* seed the first admin only.\n'
      } >"$ENV_FILE_DEFAULT"
    )
  fi
  grep -q '^CONFIG_ENCRYPTION_KEY=' "$ENV_FILE_DEFAULT" ||
    printf "CONFIG_ENCRYPTION_KEY='%s'\n" "$(random_base64 32)" >>"$ENV_FILE_DEFAULT"
  grep -q '^ADMIN_EMAIL=' "$ENV_FILE_DEFAULT" ||
    printf "ADMIN_EMAIL='admin@example.com'\n" >>"$ENV_FILE_DEFAULT"
  grep -q '^ADMIN_PASSWORD=' "$ENV_FILE_DEFAULT" ||
    printf "ADMIN_PASSWORD='%s'\n" "$(random_password)" >>"$ENV_FILE_DEFAULT"
  chmod 600 "$ENV_FILE_DEFAULT"
}

random_base64() {
  if command -v openssl >/dev/null; then
    openssl rand -base64 "$1"
  else
    node -e 'process.stdout.write(require("crypto").randomBytes(Number(process.argv[1])).toString("base64"))' "$1"
  fi
}

random_password() { node -e 'process.stdout.write(require("crypto").randomBytes(18).toString("base64url"))'; }

# Loads an env file; variables already set (non-empty) in the environment win, as in start-prod.sh.
load_env_file() {
  local file=$1 entry key
  [[ -f $file ]] || return 0
  bash -n "$file" || die "env file $file has a syntax error"
  # shellcheck disable=SC2016 # $1 expands in the inner shell
  while IFS= read -r -d '' entry; do
    key=${entry%%=*}
    case $key in PWD | OLDPWD | SHLVL | _) continue ;; esac
    [[ -n ${!key:-} ]] || export "${entry?}"
  done < <(env -i bash -c 'set -a; source "$1" >/dev/null; env -0' _ "$file")
}

# Splits DATABASE_URL and REDIS_URL into DB_* and REDIS_* variables.
parse_urls() {
  : "${DATABASE_URL:=postgres://postgres@127.0.0.1:5432/llmgw}"
  : "${REDIS_URL:=redis://127.0.0.1:6379/0}"
  local parsed
  parsed="$(node -e '
    const db = new URL(process.argv[1]);
    const redis = new URL(process.argv[2]);
    const q = (s) => "\x27" + String(s).replace(/\x27/g, "\x27\\\x27\x27") + "\x27";
    const out = {
      DB_HOST: db.hostname || "127.0.0.1", DB_PORT: db.port || "5432",
      DB_USER: decodeURIComponent(db.username || "postgres"), DB_PASSWORD: decodeURIComponent(db.password),
      DB_NAME: decodeURIComponent(db.pathname.replace(/^\//, "")) || "llmgw",
      REDIS_HOST: redis.hostname || "127.0.0.1", REDIS_PORT: redis.port || "6379",
    };
    for (const [k, v] of Object.entries(out)) console.log(k + "=" + q(v));
  ' "$DATABASE_URL" "$REDIS_URL")" || die "cannot parse DATABASE_URL or REDIS_URL"
  eval "$parsed"
}

is_local_host() { [[ $1 == 127.0.0.1 || $1 == localhost || $1 == ::1 || $1 == '[::1]' ]]; }

# --- prerequisites (shared by up and test) ---------------------------------------------------

ensure_node() {
  command -v node >/dev/null || die "Node.js is not installed: install Node 20.19 or newer (https://nodejs.org or NodeSource packages)"
  node -e 'const [a,b]=process.versions.node.split(".").map(Number); process.exit(a>20||(a===20&&b>=19)?0:1)' ||
    die "Node $(node -v) is too old: 20.19 or newer is needed"
}

ensure_pnpm() {
  local want
  want="$(node -p 'require(process.argv[1]).packageManager.split("@")[1]' "$ROOT/package.json")"
  if [[ "$(pnpm --version 2>/dev/null || true)" == "$want" ]]; then return 0; fi
  log "installing pnpm@$want (npm install -g)"
  local prefix
  prefix="$(npm prefix -g)"
  local runner=()
  [[ -w $prefix/lib || -w $prefix ]] || runner=(as_root)
  # --force on a retry replaces a corepack shim that owns the pnpm binary name.
  "${runner[@]}" npm install -g "pnpm@$want" --no-fund --no-audit ||
    "${runner[@]}" npm install -g "pnpm@$want" --no-fund --no-audit --force
  hash -r
  [[ "$(pnpm --version)" == "$want" ]] || die "pnpm $want is not the pnpm on PATH ($(command -v pnpm)): $(pnpm --version)"
}

pg_answers() { pg_isready -q -h "$DB_HOST" -p "$DB_PORT" -t 2 2>/dev/null; }

redis_answers() {
  local reply=''
  reply="$(
    {
      exec 3<>"/dev/tcp/$REDIS_HOST/$REDIS_PORT" || exit 1
      printf 'PING\r\n' >&3
      IFS= read -r -t 3 reply <&3 || exit 1
      printf '%s' "$reply"
    } 2>/dev/null
  )" || return 1
  [[ $reply == +PONG* || $reply == -NOAUTH* ]]
}

port_open() { (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null; }

nginx_binary() { command -v nginx || { [[ -x /usr/sbin/nginx ]] && echo /usr/sbin/nginx; }; }

# Installs the Debian packages that are missing: nginx, and a local PostgreSQL and Redis when
# DATABASE_URL/REDIS_URL point at this machine and nothing answers there yet.
ensure_system_packages() {
  local packages=()
  nginx_binary >/dev/null || packages+=(nginx)
  # A server is needed when nothing listens on the local PostgreSQL port and no cluster exists.
  if is_local_host "$DB_HOST" && ! port_open "$DB_HOST" "$DB_PORT" && [[ -z "$(pg_version)" ]]; then
    packages+=(postgresql)
  fi
  command -v psql >/dev/null || packages+=(postgresql-client)
  if is_local_host "$REDIS_HOST" && ! redis_answers; then
    command -v redis-server >/dev/null || packages+=(redis-server)
  fi
  ((${#packages[@]})) || return 0
  command -v apt-get >/dev/null || die "missing ${packages[*]} and no apt-get: install them yourself"
  log "installing Debian packages: ${packages[*]}"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update -q
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${packages[@]}"
  hash -r
}

pg_version() { find /etc/postgresql -mindepth 1 -maxdepth 1 -printf '%f\n' 2>/dev/null | sort -V | tail -n 1; }

pg_superuser_query() { env -u PGPASSWORD psql -w -X -q -h "$DB_HOST" -p "$DB_PORT" -U postgres -d postgres -tAc "$1" 2>/dev/null; }

# Starts the local cluster if needed, and makes `postgres` reachable over loopback TCP without a
# password (what the services' defaults and the tests expect). A fresh Debian install uses
# peer/scram authentication, so two trust lines for 127.0.0.1 and ::1 go on top of pg_hba.conf.
ensure_postgres() {
  is_local_host "$DB_HOST" || return 0
  local version
  version="$(pg_version)"
  if ! pg_answers; then
    [[ -n $version ]] || die "PostgreSQL does not answer on $DB_HOST:$DB_PORT and no local cluster exists in /etc/postgresql"
    log "starting PostgreSQL $version ($PG_CLUSTER)"
    as_root pg_ctlcluster --skip-systemctl-redirect "$version" "$PG_CLUSTER" start || true
    local tries=0
    until pg_answers; do
      ((++tries > 30)) && die "PostgreSQL $version did not come up on $DB_HOST:$DB_PORT (see /var/log/postgresql/)"
      sleep 1
    done
  fi
  [[ -n $DB_PASSWORD ]] && return 0 # the URL carries its own credentials
  if [[ "$(pg_superuser_query 'select 1')" == 1 ]]; then return 0; fi

  local hba="/etc/postgresql/$version/$PG_CLUSTER/pg_hba.conf"
  [[ -n $version && -f $hba ]] ||
    die "cannot connect as postgres to $DB_HOST:$DB_PORT without a password; allow trust for loopback or put a password in DATABASE_URL"
  log "allowing passwordless loopback connections in $hba (local development)"
  as_root cp "$hba" "$hba.before-llmgw"
  as_root sed -i '1i # llmgw dev (scripts/dev.sh): trust loopback TCP connections\nhost all all 127.0.0.1/32 trust\nhost all all ::1/128 trust' "$hba"
  as_root pg_ctlcluster --skip-systemctl-redirect "$version" "$PG_CLUSTER" reload
  sleep 1
  [[ "$(pg_superuser_query 'select 1')" == 1 ]] ||
    die "still cannot connect as postgres to $DB_HOST:$DB_PORT; check $hba"
}

ensure_redis() {
  is_local_host "$REDIS_HOST" || return 0
  redis_answers && return 0
  log "starting Redis on 127.0.0.1:$REDIS_PORT"
  redis-server --daemonize yes --bind 127.0.0.1 --port "$REDIS_PORT" --save "" --appendonly no
  local tries=0
  until redis_answers; do
    ((++tries > 20)) && die "Redis did not come up on 127.0.0.1:$REDIS_PORT"
    sleep 0.5
  done
}

ensure_nginx() {
  nginx_binary >/dev/null || die "nginx is not installed"
}

# Everything `up` and `test` need on the machine, and the workspace's packages.
ensure_prerequisites() {
  ensure_node
  parse_urls
  ensure_system_packages
  ensure_pnpm
  ensure_postgres
  ensure_redis
  ensure_nginx
  log "installing packages (pnpm install --frozen-lockfile)"
  (cd "$ROOT" && pnpm install --frozen-lockfile --config.confirmModulesPurge=false)
}

build() {
  log "building (pnpm build)"
  (cd "$ROOT" && pnpm build)
}

ensure_database() {
  local exists
  export PGPASSWORD="$DB_PASSWORD"
  exists="$(psql -w -X -q -h "$DB_HOST" -p "$DB_PORT" -U "$DB_USER" -d postgres -tAc \
    "select 1 from pg_database where datname = '${DB_NAME//\'/\'\'}'")" ||
    die "cannot query PostgreSQL on $DB_HOST:$DB_PORT as $DB_USER"
  if [[ $exists != 1 ]]; then
    log "creating database $DB_NAME"
    createdb -w -h "$DB_HOST" -p "$DB_PORT" -U "$DB_USER" "$DB_NAME"
  fi
  unset PGPASSWORD
}

# --- commands --------------------------------------------------------------------------------

cmd_up() {
  local start_args=()
  while (($#)); do
    case $1 in
      --detach | -d) start_args+=(--detach) ;;
      *) die "unknown argument for up: $1" ;;
    esac
    shift
  done
  ensure_node
  if bash "$ROOT/start-prod.sh" --status >/dev/null 2>&1; then
    bash "$ROOT/start-prod.sh" --status || true
    die "already running; stop it first with: scripts/dev.sh down"
  fi
  ensure_env_file
  load_env_file "$ENV_FILE_DEFAULT"
  ensure_prerequisites
  build
  ensure_database
  export ENV_FILE="$ENV_FILE_DEFAULT" LLMGW_SHOW_ADMIN_CREDENTIALS=1
  log "starting the platform (start-prod.sh ${start_args[*]:-})"
  exec bash "$ROOT/start-prod.sh" "${start_args[@]}"
}

cmd_down() { exec bash "$ROOT/start-prod.sh" --stop; }

cmd_status() {
  load_env_file "$ENV_FILE_DEFAULT"
  parse_urls
  if command -v pg_isready >/dev/null && pg_answers; then echo "postgres   up   $DB_HOST:$DB_PORT"; else echo "postgres   DOWN $DB_HOST:$DB_PORT"; fi
  if redis_answers; then echo "redis      up   $REDIS_HOST:$REDIS_PORT"; else echo "redis      DOWN $REDIS_HOST:$REDIS_PORT"; fi
  echo
  exec bash "$ROOT/start-prod.sh" --status
}

# --- test ------------------------------------------------------------------------------------

STEP_NAMES=()
declare -A STEP_PASSED=() STEP_FAILED=() STEP_NOTE=()

# A check that is not jest (typecheck, lint) counts as one test, passed or failed.
run_check() {
  local name=$1
  shift
  log "$name: $*"
  STEP_NAMES+=("$name")
  if (cd "$ROOT" && timeout -k 30 "$TEST_STEP_TIMEOUT" "$@"); then
    STEP_PASSED[$name]=1 STEP_FAILED[$name]=0 STEP_NOTE[$name]=ok
  else
    STEP_PASSED[$name]=0 STEP_FAILED[$name]=1 STEP_NOTE[$name]="FAILED (exit $?)"
  fi
}

# One jest project; counts come from its --json results. A suite that failed to run counts as
# one failed test, and so does a jest run that failed without saying why.
run_jest() {
  local name=$1
  shift
  local out="$RESULTS_DIR/$name.json" code=0 counts
  log "jest $name: jest --selectProjects $name $*"
  STEP_NAMES+=("$name")
  rm -f "$out"
  (cd "$ROOT" && timeout -k 30 "$TEST_STEP_TIMEOUT" pnpm exec jest --ci --selectProjects "$name" "$@" \
    --passWithNoTests --forceExit --json --outputFile "$out") || code=$?
  if [[ ! -s $out ]]; then
    STEP_PASSED[$name]=0 STEP_FAILED[$name]=1 STEP_NOTE[$name]="FAILED (jest exit $code, no results)"
    return 0
  fi
  counts="$(node -e '
    const r = require(process.argv[1]);
    const runtime = r.numRuntimeErrorTestSuites || 0;
    console.log(r.numPassedTests, r.numFailedTests + runtime, r.numTotalTestSuites, r.numFailedTestSuites, r.numPendingTests || 0);
  ' "$out")"
  local passed failed suites failed_suites skipped
  read -r passed failed suites failed_suites skipped <<<"$counts"
  if ((code != 0 && failed == 0)); then failed=1; fi
  STEP_PASSED[$name]=$passed STEP_FAILED[$name]=$failed
  STEP_NOTE[$name]="$passed passed, $failed failed, $skipped skipped ($suites suites, $failed_suites failed)"
  ((code == 0)) || STEP_NOTE[$name]+=" [jest exit $code]"
}

cmd_test() {
  ensure_prerequisites
  build
  mkdir -p "$RESULTS_DIR"
  run_check typecheck pnpm exec tsc -p tsconfig.json --noEmit
  # Through nx, not plain eslint: @nx/enforce-module-boundaries needs nx's project graph.
  run_check lint env NX_DAEMON=false pnpm exec nx run-many -t lint --outputStyle=static
  run_jest unit
  run_jest integration --runInBand
  run_jest e2e --runInBand

  local name total_passed=0 total_failed=0
  printf '\n==================== summary ====================\n'
  for name in "${STEP_NAMES[@]}"; do
    printf '%-12s %s\n' "$name" "${STEP_NOTE[$name]}"
    total_passed=$((total_passed + STEP_PASSED[$name]))
    total_failed=$((total_failed + STEP_FAILED[$name]))
  done
  printf '(typecheck and lint count as one test each; jest results in %s)\n' "${RESULTS_DIR#"$ROOT"/}"
  printf 'tests: %d passed, %d failed\n' "$total_passed" "$total_failed"
  ((total_failed == 0))
}

main() {
  local command=${1:-}
  (($#)) && shift
  case $command in
    up) cmd_up "$@" ;;
    down) cmd_down ;;
    status) cmd_status ;;
    test) cmd_test ;;
    -h | --help | help | '')
      usage
      [[ -n $command ]]
      ;;
    *) die "unknown command: $command (up, down, status, test)" ;;
  esac
}

main "$@"
