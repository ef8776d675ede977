#!/usr/bin/env bash
# Runs the whole platform on one host from the built dist/: the seven services and nginx in
# front of them, on one public origin.
#
#   ./start-prod.sh             start, wait until every service is ready, stay up; Ctrl-C stops all
#   ./start-prod.sh --detach    start, wait until ready, return (stop later with --stop)
#   ./start-prod.sh --stop      stop everything a previous start left running
#   ./start-prod.sh --status    show what runs and whether it is ready (exit 3 when not all are)
#
# Environment: ENV_FILE (default .run/env if present; variables already set in the environment
# win over the file), every variable the services read (README.md, "Configuration"), plus
#   PUBLIC_HOST / PUBLIC_PORT    nginx listen address (127.0.0.1:8080)
#   <SERVICE>_PORT               e.g. MODEL_GATEWAY_PORT=4000 (defaults in scripts/services.list)
#   READY_TIMEOUT                seconds to wait for every /health/ready (90)
#   RUN_DIR                      state directory (.run): logs/, pids/, nginx/
#   NGINX_BIN                    nginx binary (nginx on PATH, else /usr/sbin/nginx)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
RUN_DIR="${RUN_DIR:-$ROOT/.run}"
LOG_DIR="$RUN_DIR/logs"
PID_DIR="$RUN_DIR/pids"
NGINX_PREFIX="$RUN_DIR/nginx"
NGINX_CONF="$NGINX_PREFIX/conf/nginx.conf"
DIST_DIR="${DIST_DIR:-$ROOT/dist}"
SUPERVISOR_PIDFILE="$PID_DIR/start-prod.pid"
# The ports and addresses of the running stack, so --status and --stop find it without the
# environment it was started with.
STATE_FILE="$RUN_DIR/state.env"
READY_TIMEOUT="${READY_TIMEOUT:-90}"
STOP_TIMEOUT="${STOP_TIMEOUT:-20}"
RESTART_LIMIT="${RESTART_LIMIT:-5}"

SERVICES=()
declare -A PORT_OF=() RESTARTS=()

log() { printf '[start-prod] %s\n' "$*"; }
warn() { printf '[start-prod] WARNING: %s\n' "$*" >&2; }
die() {
  printf '[start-prod] ERROR: %s\n' "$*" >&2
  exit 1
}

usage() { sed -n '2,20p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; }

# --- configuration ---------------------------------------------------------------------------

# Loads KEY=VALUE assignments from a shell-syntax env file; variables already set (non-empty)
# in the environment are kept, so `PUBLIC_PORT=9090 ./start-prod.sh` beats the file.
load_env_file() {
  local file=$1 entry key
  [[ -f $file ]] || die "env file $file not found"
  bash -n "$file" || die "env file $file has a syntax error"
  # shellcheck disable=SC2016 # $1 expands in the inner shell
  while IFS= read -r -d '' entry; do
    key=${entry%%=*}
    case $key in PWD | OLDPWD | SHLVL | _) continue ;; esac
    [[ -n ${!key:-} ]] || export "${entry?}"
  done < <(env -i bash -c 'set -a; source "$1" >/dev/null; env -0' _ "$file")
}

load_config() {
  local env_file="${ENV_FILE:-}"
  if [[ -z $env_file && -f $RUN_DIR/env ]]; then env_file="$RUN_DIR/env"; fi
  if [[ -n $env_file ]]; then load_env_file "$env_file"; fi

  local name port key
  while read -r name port _; do
    [[ -z $name || $name == \#* ]] && continue
    key="$(port_var_of "$name")"
    SERVICES+=("$name")
    PORT_OF[$name]="${!key:-$port}"
  done <"$ROOT/scripts/services.list"

  export NODE_ENV="${NODE_ENV:-production}"
  export AUTH_JWKS_URL="${AUTH_JWKS_URL:-http://127.0.0.1:${PORT_OF[auth-service]}/auth/.well-known/jwks.json}"
  PUBLIC_HOST="${PUBLIC_HOST:-127.0.0.1}"
  PUBLIC_PORT="${PUBLIC_PORT:-8080}"
  # Where to probe the services and nginx from this host.
  PROBE_HOST="${HOST:-127.0.0.1}"
  case $PROBE_HOST in 0.0.0.0 | :: | '[::]') PROBE_HOST=127.0.0.1 ;; esac
  PUBLIC_PROBE_HOST="$PUBLIC_HOST"
  case $PUBLIC_PROBE_HOST in 0.0.0.0 | :: | '[::]') PUBLIC_PROBE_HOST=127.0.0.1 ;; esac
  PUBLIC_URL="http://$PUBLIC_PROBE_HOST:$PUBLIC_PORT"

  if [[ -z ${NGINX_BIN:-} ]]; then
    NGINX_BIN="$(command -v nginx || true)"
    [[ -n $NGINX_BIN ]] || NGINX_BIN=/usr/sbin/nginx
  fi
}

# --- processes -------------------------------------------------------------------------------

pidfile_of() { printf '%s/%s.pid' "$PID_DIR" "$1"; }

# Prints the pid recorded for $1 if that process is alive and still is what we started
# (its command line contains $2), so a recycled pid is never signalled.
live_pid() {
  local pidfile=$1 expect=$2 pid
  [[ -f $pidfile ]] || return 1
  pid="$(<"$pidfile")"
  [[ $pid =~ ^[0-9]+$ ]] || return 1
  kill -0 "$pid" 2>/dev/null || return 1
  if [[ -r /proc/$pid/cmdline ]]; then
    tr '\0' ' ' <"/proc/$pid/cmdline" | grep -qF -- "$expect" || return 1
  fi
  printf '%s' "$pid"
}

service_pid() { live_pid "$(pidfile_of "$1")" "dist/apps/$1/src/main.js"; }
nginx_pid() { live_pid "$NGINX_PREFIX/nginx.pid" nginx; }
supervisor_pid() { live_pid "$SUPERVISOR_PIDFILE" start-prod.sh; }

# HTTP status of GET http://$1:$2$3 ("000" when nothing answers), with bash's /dev/tcp so the
# probe needs neither curl nor a node start-up per poll.
http_status() {
  local host=$1 port=$2 path=$3 line=''
  (
    exec 3<>"/dev/tcp/$host/$port" || exit 1
    printf 'GET %s HTTP/1.1\r\nHost: %s:%s\r\nConnection: close\r\n\r\n' "$path" "$host" "$port" >&3
    IFS= read -r -t 5 line <&3 || exit 1
    line=${line#HTTP/1.? }
    printf '%s' "${line:0:3}"
  ) 2>/dev/null || printf '000'
}

port_in_use() { (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null; }

# MODEL_GATEWAY_PORT for model-gateway.
port_var_of() {
  local key="${1^^}"
  printf '%s_PORT' "${key//-/_}"
}

start_service() {
  local svc=$1 port=${PORT_OF[$1]}
  printf '\n===== %s start (PORT=%s) =====\n' "$(date -u +%FT%TZ)" "$port" >>"$LOG_DIR/$svc.log"
  # setsid: the service gets its own session, so a Ctrl-C reaches only this script, which then
  # stops everything in order.
  PORT="$port" setsid node "$DIST_DIR/apps/$svc/src/main.js" </dev/null >>"$LOG_DIR/$svc.log" 2>&1 &
  printf '%s' "$!" >"$(pidfile_of "$svc")"
}

start_nginx() {
  node "$ROOT/scripts/render-nginx.mjs" --target dev --prefix "$NGINX_PREFIX" --out "$NGINX_CONF"
  local out
  if ! out="$("$NGINX_BIN" -t -q -e "$NGINX_PREFIX/logs/error.log" -p "$NGINX_PREFIX/" -c "$NGINX_CONF" 2>&1)"; then
    printf '%s\n' "$out" >&2
    die "nginx rejected $NGINX_CONF"
  fi
  "$NGINX_BIN" -e "$NGINX_PREFIX/logs/error.log" -p "$NGINX_PREFIX/" -c "$NGINX_CONF" ||
    die "nginx did not start; see $NGINX_PREFIX/logs/error.log"
}

# Sends SIGTERM, waits up to STOP_TIMEOUT seconds, then SIGKILL.
stop_pids() {
  local pids=("$@") pid deadline=$((SECONDS + STOP_TIMEOUT)) alive
  ((${#pids[@]})) || return 0
  kill -TERM "${pids[@]}" 2>/dev/null || true
  while :; do
    alive=()
    for pid in "${pids[@]}"; do kill -0 "$pid" 2>/dev/null && alive+=("$pid"); done
    ((${#alive[@]})) || return 0
    if ((SECONDS >= deadline)); then
      warn "still running after ${STOP_TIMEOUT}s, killing: ${alive[*]}"
      kill -KILL "${alive[@]}" 2>/dev/null || true
      return 0
    fi
    sleep 0.2
  done
}

stop_nginx() {
  local pid
  pid="$(nginx_pid)" || return 0
  log "stopping nginx (pid $pid)"
  kill -QUIT "$pid" 2>/dev/null || true # graceful: finish in-flight requests
  local deadline=$((SECONDS + STOP_TIMEOUT))
  while kill -0 "$pid" 2>/dev/null && ((SECONDS < deadline)); do sleep 0.2; done
  kill -0 "$pid" 2>/dev/null && stop_pids "$pid"
  rm -f "$NGINX_PREFIX/nginx.pid"
}

stop_services() {
  local svc pid pids=()
  for svc in "${SERVICES[@]}"; do
    if pid="$(service_pid "$svc")"; then
      log "stopping $svc (pid $pid)"
      pids+=("$pid")
    fi
  done
  stop_pids "${pids[@]}"
  for svc in "${SERVICES[@]}"; do rm -f "$(pidfile_of "$svc")"; done
}

stop_all() {
  stop_nginx
  stop_services
}

# --stop: a foreground start-prod.sh is asked first (it stops everything itself and would
# otherwise restart what we kill); anything left over is stopped here.
cmd_stop() {
  local pid
  if pid="$(supervisor_pid)" && [[ $pid != "$$" ]]; then
    log "asking start-prod.sh (pid $pid) to stop"
    kill -TERM "$pid" 2>/dev/null || true
    local deadline=$((SECONDS + STOP_TIMEOUT + 10))
    while kill -0 "$pid" 2>/dev/null && ((SECONDS < deadline)); do sleep 0.2; done
  fi
  rm -f "$SUPERVISOR_PIDFILE"
  stop_all
  log "stopped"
}

cmd_status() {
  local svc pid state ready all_ok=0
  printf '%-24s %-6s %-8s %-8s %s\n' SERVICE PORT PID STATE READY
  for svc in "${SERVICES[@]}"; do
    if pid="$(service_pid "$svc")"; then
      state=running
      ready="$(http_status "$PROBE_HOST" "${PORT_OF[$svc]}" /health/ready)"
    else
      pid=- state=stopped ready=-
    fi
    [[ $ready == 200 ]] || all_ok=3
    printf '%-24s %-6s %-8s %-8s %s\n' "$svc" "${PORT_OF[$svc]}" "$pid" "$state" "$ready"
  done
  if pid="$(nginx_pid)"; then
    ready="$(http_status "$PUBLIC_PROBE_HOST" "$PUBLIC_PORT" /health)"
    printf '%-24s %-6s %-8s %-8s %s\n' nginx "$PUBLIC_PORT" "$pid" running "$ready"
    [[ $ready == 200 ]] || all_ok=3
  else
    printf '%-24s %-6s %-8s %-8s %s\n' nginx "$PUBLIC_PORT" - stopped -
    all_ok=3
  fi
  if pid="$(supervisor_pid)"; then log "supervised by start-prod.sh (pid $pid)"; fi
  ((all_ok == 0)) && log "all up: $PUBLIC_URL/"
  return "$all_ok"
}

# --- start -----------------------------------------------------------------------------------

preflight() {
  command -v node >/dev/null || die "node is not installed"
  node -e 'const [a,b]=process.versions.node.split(".").map(Number); process.exit(a>20||(a===20&&b>=19)?0:1)' ||
    die "Node $(node -v) is too old: 20.19 or newer is needed"
  [[ -x $NGINX_BIN ]] || die "nginx not found (set NGINX_BIN, or install it: apt-get install nginx)"
  command -v setsid >/dev/null || die "setsid (util-linux) not found"
  local svc missing=()
  for svc in "${SERVICES[@]}"; do
    [[ -f $DIST_DIR/apps/$svc/src/main.js ]] || missing+=("$svc")
  done
  ((${#missing[@]} == 0)) || die "not built: ${missing[*]} (no $DIST_DIR/apps/<service>/src/main.js); run: pnpm build"
  if [[ -z ${CONFIG_ENCRYPTION_KEY:-} ]]; then
    die "CONFIG_ENCRYPTION_KEY is not set (32 random bytes, base64: openssl rand -base64 32); put it in .run/env or ENV_FILE, or use scripts/dev.sh up, which generates one"
  fi
  [[ -n ${ADMIN_PASSWORD:-} ]] || warn "ADMIN_PASSWORD is not set: auth-service will not seed an admin user"

  local pid
  if pid="$(supervisor_pid)"; then die "already running under start-prod.sh (pid $pid); stop it with: $0 --stop"; fi
  for svc in "${SERVICES[@]}"; do
    if pid="$(service_pid "$svc")"; then die "$svc is already running (pid $pid); stop it with: $0 --stop"; fi
  done
  if pid="$(nginx_pid)"; then die "nginx is already running (pid $pid); stop it with: $0 --stop"; fi
  for svc in "${SERVICES[@]}"; do
    if port_in_use "$PROBE_HOST" "${PORT_OF[$svc]}"; then
      die "port ${PORT_OF[$svc]} ($svc) is already in use; set $(port_var_of "$svc") to move it"
    fi
  done
  if port_in_use "$PUBLIC_PROBE_HOST" "$PUBLIC_PORT"; then die "public port $PUBLIC_PORT is already in use; set PUBLIC_PORT"; fi
}

write_state() {
  local svc
  {
    printf '# Written by start-prod.sh at start; read by --status and --stop.\n'
    printf 'HOST=%q\nPUBLIC_HOST=%q\nPUBLIC_PORT=%q\n' "${HOST:-127.0.0.1}" "$PUBLIC_HOST" "$PUBLIC_PORT"
    for svc in "${SERVICES[@]}"; do printf '%s=%q\n' "$(port_var_of "$svc")" "${PORT_OF[$svc]}"; done
  } >"$STATE_FILE"
}

print_log_tail() {
  local file=$1 lines=${2:-40}
  [[ -f $file ]] || return 0
  printf -- '----- last %s lines of %s -----\n' "$lines" "$file" >&2
  tail -n "$lines" "$file" >&2
  printf -- '-----\n' >&2
}

# Waits until every service answers 200 on /health/ready and nginx answers on the public port.
wait_ready() {
  local deadline=$((SECONDS + READY_TIMEOUT)) svc status pending next
  declare -A last_status=()
  pending=("${SERVICES[@]}")
  log "waiting up to ${READY_TIMEOUT}s for ${#pending[@]} services to be ready"
  while :; do
    next=()
    for svc in "${pending[@]}"; do
      if ! service_pid "$svc" >/dev/null; then
        printf '[start-prod] ERROR: %s exited during start-up\n' "$svc" >&2
        print_log_tail "$LOG_DIR/$svc.log"
        return 1
      fi
      status="$(http_status "$PROBE_HOST" "${PORT_OF[$svc]}" /health/ready)"
      last_status[$svc]=$status
      if [[ $status == 200 ]]; then log "$svc ready on :${PORT_OF[$svc]}"; else next+=("$svc"); fi
    done
    pending=("${next[@]}")
    ((${#pending[@]})) || break
    if ((SECONDS >= deadline)); then
      for svc in "${pending[@]}"; do
        printf '[start-prod] ERROR: %s not ready after %ss (GET /health/ready on :%s -> %s)\n' \
          "$svc" "$READY_TIMEOUT" "${PORT_OF[$svc]}" "${last_status[$svc]}" >&2
        print_log_tail "$LOG_DIR/$svc.log" 30
      done
      return 1
    fi
    sleep 1
  done
  status="$(http_status "$PUBLIC_PROBE_HOST" "$PUBLIC_PORT" /health)"
  if [[ $status != 200 ]]; then
    printf '[start-prod] ERROR: nginx does not answer on %s (GET /health -> %s)\n' "$PUBLIC_URL" "$status" >&2
    print_log_tail "$NGINX_PREFIX/logs/error.log" 20
    return 1
  fi
}

print_ready_banner() {
  log "platform is up: $PUBLIC_URL/"
  log "  OpenAI API   $PUBLIC_URL/v1      admin API $PUBLIC_URL/admin/api"
  log "  health       $PUBLIC_URL/health  logs      $LOG_DIR/"
  if [[ ${LLMGW_SHOW_ADMIN_CREDENTIALS:-} == 1 && -n ${ADMIN_PASSWORD:-} ]]; then
    log "  admin login  ${ADMIN_EMAIL:-(ADMIN_EMAIL unset)} / $ADMIN_PASSWORD"
  fi
}

# Foreground: restart a service that dies (up to RESTART_LIMIT times each), stop all on a signal.
supervise() {
  local svc pid code
  log "running in the foreground; Ctrl-C stops everything"
  while :; do
    for svc in "${SERVICES[@]}"; do
      service_pid "$svc" >/dev/null && continue
      pid="$(<"$(pidfile_of "$svc")")"
      code=0
      wait "$pid" 2>/dev/null || code=$?
      RESTARTS[$svc]=$((${RESTARTS[$svc]:-0} + 1))
      printf '[start-prod] ERROR: %s exited (status %s)\n' "$svc" "$code" >&2
      print_log_tail "$LOG_DIR/$svc.log" 20
      if ((RESTARTS[$svc] > RESTART_LIMIT)); then
        printf '[start-prod] ERROR: %s crashed %s times, giving up\n' "$svc" "${RESTARTS[$svc]}" >&2
        return 1
      fi
      log "restarting $svc (restart ${RESTARTS[$svc]} of $RESTART_LIMIT)"
      start_service "$svc"
    done
    if ! nginx_pid >/dev/null; then
      warn "nginx is gone; starting it again"
      start_nginx
    fi
    sleep 2 &
    wait $! || true
  done
}

on_signal() {
  trap '' INT TERM HUP
  log "signal received, stopping"
  stop_all
  rm -f "$SUPERVISOR_PIDFILE"
  exit 0
}

cmd_start() {
  local detach=$1
  preflight
  mkdir -p "$LOG_DIR" "$PID_DIR" "$NGINX_PREFIX"
  # Anything that goes wrong before we are up stops what was started.
  trap on_signal INT TERM HUP
  trap 'code=$?; if ((code != 0)); then stop_all; rm -f "$SUPERVISOR_PIDFILE"; fi' EXIT
  printf '%s' "$$" >"$SUPERVISOR_PIDFILE"
  write_state

  local svc
  for svc in "${SERVICES[@]}"; do
    start_service "$svc"
    log "started $svc (pid $(<"$(pidfile_of "$svc")"), port ${PORT_OF[$svc]}, log $LOG_DIR/$svc.log)"
  done
  start_nginx
  log "started nginx on $PUBLIC_URL (config $NGINX_CONF)"

  if ! wait_ready; then
    log "start-up failed; stopping everything"
    exit 1
  fi
  print_ready_banner

  if [[ $detach == 1 ]]; then
    rm -f "$SUPERVISOR_PIDFILE"
    trap - EXIT INT TERM HUP
    log "detached; stop with: $0 --stop (or scripts/dev.sh down)"
    return 0
  fi
  supervise || {
    stop_all
    exit 1
  }
}

main() {
  local action=start detach=0
  while (($#)); do
    case $1 in
      --detach | -d) detach=1 ;;
      --stop) action=stop ;;
      --status) action=status ;;
      -h | --help)
        usage
        return 0
        ;;
      *) die "unknown argument: $1 (see --help)" ;;
    esac
    shift
  done
  cd "$ROOT"
  if [[ $action != start && -f $STATE_FILE ]]; then
    set -a
    # shellcheck source=/dev/null
    source "$STATE_FILE"
    set +a
  fi
  load_config
  case $action in
    start) cmd_start "$detach" ;;
    stop) cmd_stop ;;
    status) cmd_status ;;
  esac
}

main "$@"
