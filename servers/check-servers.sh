#!/usr/bin/env bash
# Deploys the unchanged rfm-web/target/rfm.war on existing Jakarta EE 10 servers against a real PostgreSQL and checks
# it over HTTP (servers/ServerCheck.java): readiness, login page, imports, a scoring run, REST reads and their JSON.
# The Payara Micro bundle runs first as the reference: the other servers' JSON must be byte for byte the same.
#
#   servers/check-servers.sh                          # Payara Micro bundle, Payara Server 6 (full), WildFly
#   RFM_SERVERS="payara wildfly" servers/check-servers.sh   # a selection
#
# Server distributions come from Maven Central through Maven (dependency:copy, so the local repository caches them);
# PostgreSQL is Debian's package (apt-get install postgresql). Everything runs on 127.0.0.1 on free high ports, under
# target/servers/, and is stopped at the end, also on failure. Exits non-zero when any check fails; the last line is
# "servers: N passed, N failed".
#
# Settings: MVN_ARGS (extra Maven arguments, e.g. -Dmaven.repo.local=...), RFM_SERVERS, RFM_ADMIN_PASSWORD,
# RFM_CDNOW_CSV (default ../shared/data/cdnow/cdnow_orders.csv; skipped when absent), RFM_SERVERS_WORK.
set -uo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
SERVERS_DIR=$ROOT/servers
WAR=$ROOT/rfm-web/target/rfm.war
MICRO=$ROOT/rfm-web/target/rfm-microbundle.jar
WORK=${RFM_SERVERS_WORK:-$ROOT/target/servers}
if [ "$(id -u)" = 0 ]; then
  PG_DIR=${TMPDIR:-/tmp}/rfm-check-servers-$(echo "$ROOT" | cksum | cut -d' ' -f1)-pg
else
  PG_DIR=$WORK/pg
fi
PAYARA_VERSION=6.2025.9
WILDFLY_VERSION=39.0.1.Final
SERVERS=${RFM_SERVERS:-micro payara wildfly}
PAYARA_HOME=$ROOT/target/server-dists/payara-$PAYARA_VERSION # set again when unpacked
CDNOW=${RFM_CDNOW_CSV:-$ROOT/../shared/data/cdnow/cdnow_orders.csv}
export RFM_ADMIN_PASSWORD=${RFM_ADMIN_PASSWORD:-check-servers-$(date +%s)}
DB_PASSWORD=rfm-check-$RANDOM$RANDOM
# shellcheck disable=SC2206
MVN=("$ROOT/mvnw" -B -ntp -q ${MVN_ARGS:-})

passed=0
failed=0
results=()
START=$(date +%s)

log() { printf '%s [servers] %s\n' "$(date +%T)" "$*"; }
die() {
  log "ERROR: $*"
  failed=$((failed + 1))
  finish
}

# --- processes we start, and how to stop them (also after an earlier run that was killed)

stop_pid_file() {
  local file=$1
  [ -f "$file" ] || return 0
  local pid
  pid=$(cat "$file")
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
    kill "$pid" 2>/dev/null
    for _ in $(seq 1 30); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
    kill -9 "$pid" 2>/dev/null
  fi
  rm -f "$file"
}

stop_postgres() {
  if [ -f "$PG_DIR/data/postmaster.pid" ]; then
    as_postgres "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m fast -w stop >/dev/null 2>&1 || stop_pid_file "$PG_DIR/pg.pid"
  fi
}

stop_payara() {
  if [ -x "$PAYARA_HOME/bin/asadmin" ] && [ -d "$WORK/payara-domains/rfm" ]; then
    "$PAYARA_HOME/bin/asadmin" stop-domain --domaindir "$WORK/payara-domains" rfm >/dev/null 2>&1 || true
  fi
  stop_pid_file "$WORK/payara-domains/rfm/config/pid"
}

stop_all() {
  stop_pid_file "$WORK/micro.pid"
  stop_payara
  stop_pid_file "$WORK/wildfly.pid"
  stop_postgres
}

finish() {
  trap - EXIT INT TERM
  log "stopping everything"
  stop_all
  log "took $(($(date +%s) - START)) s"
  for r in "${results[@]}"; do echo "  $r"; done
  echo "servers: $passed passed, $failed failed"
  [ "$failed" -eq 0 ] && exit 0 || exit 1
}
trap 'die "interrupted"' INT TERM
trap 'finish' EXIT

record() { # name rc
  if [ "$2" -eq 0 ]; then
    passed=$((passed + 1)); results+=("$1: passed")
  else
    failed=$((failed + 1)); results+=("$1: FAILED (log: $3)")
  fi
}

# --- helpers

port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# first base in [from, 60000) where base+each offset is free
free_base() {
  local base=$1; shift
  while [ "$base" -lt 60000 ]; do
    local ok=1
    for o in "$@"; do port_free $((base + o)) || { ok=0; break; }; done
    [ $ok -eq 1 ] && { echo "$base"; return 0; }
    base=$((base + 100 + RANDOM % 50))
  done
  return 1
}

# PostgreSQL refuses to run as root: as root, run it as the package's postgres user, from / (the checkout may be
# unreadable for that user) and with its files outside the checkout.
as_postgres() {
  if [ "$(id -u)" = 0 ]; then (cd / && runuser -u postgres -- "$@"); else "$@"; fi
}

# The unpacked distribution of groupId:artifactId:version:zip under target/server-dists/, fetched through Maven once
# (dependency:copy, so the local repository caches the zip) and then reused untouched: each run keeps its own domain /
# server directory under $WORK.
unpacked() {
  local gav=$1 name=$2 dists=$ROOT/target/server-dists
  if [ ! -f "$dists/$name/.unpacked" ]; then
    rm -rf "${dists:?}/$name" "$dists/tmp"
    mkdir -p "$dists/tmp"
    (cd "$ROOT" && "${MVN[@]}" -N org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy \
      -Dartifact="$gav" -DoutputDirectory="$dists/tmp") >&2 || return 1
    unzip -q "$dists"/tmp/*.zip -d "$dists/tmp/x" || return 1
    mv "$dists"/tmp/x/* "$dists/$name" && touch "$dists/$name/.unpacked" || return 1
    rm -rf "$dists/tmp"
  fi
  echo "$dists/$name"
}

wait_for() { # seconds description command...
  local seconds=$1 what=$2; shift 2
  local until=$(($(date +%s) + seconds))
  while [ "$(date +%s)" -lt "$until" ]; do
    "$@" >/dev/null 2>&1 && return 0
    sleep 2
  done
  log "timed out after ${seconds}s waiting for $what"
  return 1
}

health_up() { curl -sf --max-time 5 "$1" | grep -q '"UP"'; }

run_checks() { # name baseUrl healthUrl
  log "$1: checks against $2"
  local cdnow=""
  [ -f "$CDNOW" ] && cdnow=$CDNOW
  wait_for 180 "$1 readiness at $3" health_up "$3" || log "$1: readiness not UP; the checks will say why"
  RFM_CHECK_OUT=$WORK/json java "$SERVERS_DIR/ServerCheck.java" "$1" "$2" "$3" "$cdnow"
}

create_database() {
  PGPASSWORD=$DB_PASSWORD "$PG_BIN/psql" -q -h 127.0.0.1 -p "$PG_PORT" -U rfm -d postgres \
    -c "create database $1" >/dev/null
}

db_env() { # database name -> exports the product's settings
  export RFM_DB_URL="jdbc:postgresql://127.0.0.1:$PG_PORT/$1"
  export RFM_DB_USER=rfm
  export RFM_DB_PASSWORD=$DB_PASSWORD
  export RFM_DEMO_DATA=false
  export RFM_DATA_DIR=$WORK/data-$1
}

# --- prerequisites

command -v java >/dev/null || die "java (JDK 17+) not found"
command -v unzip >/dev/null || die "unzip not found (apt-get install unzip)"
command -v curl >/dev/null || die "curl not found (apt-get install curl)"
PG_BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
[ -n "$PG_BIN" ] && [ -x "$PG_BIN/initdb" ] || die "PostgreSQL not found (apt-get install postgresql)"
[ -f "$WAR" ] || die "$WAR not found: build first (./mvnw -DskipTests package)"

log "cleaning $WORK"
stop_all
rm -rf "$WORK" "$PG_DIR"
mkdir -p "$WORK"

# --- PostgreSQL (Debian's package), its own cluster with password authentication

PG_PORT=$(free_base 45432 0) || die "no free port for PostgreSQL"
mkdir -p "$PG_DIR"
echo "$DB_PASSWORD" >"$PG_DIR/pw"
[ "$(id -u)" = 0 ] && chown -R postgres "$PG_DIR"
log "PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') on port $PG_PORT"
as_postgres "$PG_BIN/initdb" -D "$PG_DIR/data" -U rfm --pwfile="$PG_DIR/pw" --auth=scram-sha-256 -E UTF8 \
  --no-locale >"$WORK/pg-initdb.log" 2>&1 || die "initdb failed: $WORK/pg-initdb.log"
as_postgres "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/postgres.log" -w \
  -o "-p $PG_PORT -k $PG_DIR -c listen_addresses=127.0.0.1 -c fsync=off" start >/dev/null \
  || die "PostgreSQL did not start: $PG_DIR/postgres.log"
head -1 "$PG_DIR/data/postmaster.pid" >"$PG_DIR/pg.pid"

# --- the servers

check_micro() {
  local port
  [ -f "$MICRO" ] || { log "micro: $MICRO not found: build first (./mvnw -DskipTests package)"; return 1; }
  port=$(free_base 48080 0) || return 1
  create_database rfm_micro || return 1
  db_env rfm_micro
  log "micro: Payara Micro bundle on port $port"
  java -jar "$MICRO" --port "$port" --rootDir "$WORK/micro-root" >"$WORK/micro.log" 2>&1 &
  echo $! >"$WORK/micro.pid"
  wait_for 240 "Payara Micro" health_up "http://127.0.0.1:$port/health/ready" \
    || { log "micro: not ready, see $WORK/micro.log"; tail -20 "$WORK/micro.log"; }
  run_checks micro "http://127.0.0.1:$port" "http://127.0.0.1:$port/health/ready"
  local rc=$?
  stop_pid_file "$WORK/micro.pid"
  return $rc
}

check_payara() {
  local home base as
  home=$(unpacked "fish.payara.distributions:payara:$PAYARA_VERSION:zip" "payara-$PAYARA_VERSION") \
    || { log "payara: download failed"; return 1; }
  as=$home/bin/asadmin
  PAYARA_HOME=$home
  # --portbase: admin = base+48, HTTP = base+80, Hazelcast base+49/59, and the others below
  base=$(free_base 42000 9 37 38 39 48 49 59 66 76 80 81 86) || return 1
  "$as" --interactive=false create-domain --nopassword=true --portbase "$base" \
    --domaindir "$WORK/payara-domains" rfm >"$WORK/payara-create-domain.log" 2>&1 \
    || { log "payara: create-domain failed, see $WORK/payara-create-domain.log"; return 1; }
  create_database rfm_payara || return 1
  db_env rfm_payara # the server process inherits these; MicroProfile Config reads them
  log "payara: Payara Server $PAYARA_VERSION, admin port $((base + 48)), HTTP port $((base + 80))"
  "$as" start-domain --domaindir "$WORK/payara-domains" rfm >"$WORK/payara-start.log" 2>&1 \
    || { log "payara: start-domain failed"; cat "$WORK/payara-start.log"; return 1; }
  local t0=$SECONDS
  "$as" --port $((base + 48)) deploy --contextroot / --name rfm "$WAR" >"$WORK/payara-deploy.log" 2>&1 \
    || { log "payara: deploy failed"; cat "$WORK/payara-deploy.log"; return 1; }
  log "payara: deployed in $((SECONDS - t0)) s"
  run_checks payara "http://127.0.0.1:$((base + 80))" "http://127.0.0.1:$((base + 80))/health/ready"
  local rc=$?
  stop_payara
  return $rc
}

check_wildfly() {
  local offset home base=$WORK/wildfly
  home=$(unpacked "org.wildfly:wildfly-dist:$WILDFLY_VERSION:zip" "wildfly-$WILDFLY_VERSION") \
    || { log "wildfly: download failed"; return 1; }
  # this run's server directory (configuration, data, log), copied from the untouched distribution
  cp -r "$home/standalone" "$base"
  # port offset: HTTP 8080+offset, management 9990+offset
  offset=$(free_base 30000 3528 3529 4712 4713 8009 8080 8443 9990 9993) || return 1
  JAVA_OPTS="-Djboss.server.base.dir=$base" "$home/bin/jboss-cli.sh" --file="$SERVERS_DIR/wildfly/configure.cli" \
    >"$WORK/wildfly-configure.log" 2>&1 \
    || { log "wildfly: configuration failed"; cat "$WORK/wildfly-configure.log"; return 1; }
  create_database rfm_wildfly || return 1
  db_env rfm_wildfly
  local http=$((8080 + offset)) mgmt=$((9990 + offset))
  log "wildfly: WildFly $WILDFLY_VERSION (standalone-full.xml), HTTP port $http, management port $mgmt"
  JBOSS_PIDFILE=$WORK/wildfly.pid LAUNCH_JBOSS_IN_BACKGROUND=1 "$home/bin/standalone.sh" -c standalone-full.xml \
    -Djboss.server.base.dir="$base" -Djboss.socket.binding.port-offset="$offset" >"$WORK/wildfly.log" 2>&1 &
  local cli=("$home/bin/jboss-cli.sh" --connect --controller="127.0.0.1:$mgmt")
  wait_for 120 "WildFly to start" sh -c "'$home/bin/jboss-cli.sh' --connect --controller=127.0.0.1:$mgmt \
    --command=':read-attribute(name=server-state)' | grep -q running" \
    || { log "wildfly: did not start"; tail -30 "$WORK/wildfly.log"; return 1; }
  local t0=$SECONDS
  "${cli[@]}" --command="deploy $WAR --name=rfm.war --runtime-name=ROOT.war" >"$WORK/wildfly-deploy.log" 2>&1 \
    || { log "wildfly: deploy failed"; cat "$WORK/wildfly-deploy.log"; return 1; }
  log "wildfly: deployed in $((SECONDS - t0)) s"
  run_checks wildfly "http://127.0.0.1:$http" "http://127.0.0.1:$mgmt/health/ready"
  local rc=$?
  "${cli[@]}" --command=":shutdown" >/dev/null 2>&1
  stop_pid_file "$WORK/wildfly.pid"
  return $rc
}

# Same data, same run: the JSON of these reads must be byte for byte the same on every server as on the first one
# (Payara Micro, the reference, by default).
reference=""
same_json() { # server -> 0 when its JSON equals the reference's (or it is the reference)
  [ -f "$WORK/json/$1-model.json" ] || return 0
  if [ -z "$reference" ]; then reference=$1; return 0; fi
  local rc=0
  for read in segments customer model; do
    if cmp -s "$WORK/json/$reference-$read.json" "$WORK/json/$1-$read.json"; then
      log "$1: JSON of $read identical to $reference's"
    else
      log "$1: JSON of $read differs from $reference's:"
      diff <(tr ',' '\n' <"$WORK/json/$reference-$read.json") <(tr ',' '\n' <"$WORK/json/$1-$read.json") | head -20
      rc=1
    fi
  done
  return $rc
}

for server in $SERVERS; do
  case $server in
    micro) check_micro && same_json micro; record "micro (Payara Micro bundle)" $? "$WORK/micro.log" ;;
    payara) check_payara && same_json payara; record "payara (Payara Server $PAYARA_VERSION)" $? \
      "$WORK/payara-domains/rfm/logs/server.log" ;;
    wildfly) check_wildfly && same_json wildfly; record "wildfly (WildFly $WILDFLY_VERSION)" $? \
      "$WORK/wildfly/log/server.log" ;;
    *) log "unknown server '$server' (micro, payara, wildfly)"; record "$server" 1 "-" ;;
  esac
done
