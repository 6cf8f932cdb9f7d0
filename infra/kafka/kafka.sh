#!/usr/bin/env bash
# Single-node Apache Kafka (KRaft, no ZooKeeper) on 127.0.0.1 for tests and CI.
# Usage: infra/kafka/kafka.sh {fetch|start|stop|restart|status|reset|cli <MainClass> [args...]}
# See infra/kafka/README.md.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

# Stay on 3.x: 4.0 dropped old protocol versions (KIP-896) that older Node clients such
# as kafkajs may still send. This script also assumes the 3.x log4j/StorageTool layout.
KAFKA_VERSION="${KAFKA_VERSION:-3.9.2}"
KAFKA_PORT="${KAFKA_PORT:-9092}"
KAFKA_CONTROLLER_PORT="${KAFKA_CONTROLLER_PORT:-9093}"
KAFKA_HEAP="${KAFKA_HEAP:-512m}"
KAFKA_START_TIMEOUT="${KAFKA_START_TIMEOUT:-90}"
KAFKA_STOP_TIMEOUT="${KAFKA_STOP_TIMEOUT:-30}"
HOST=127.0.0.1
BOOTSTRAP="$HOST:$KAFKA_PORT"

LIB_DIR="$HERE/.cache/kafka-$KAFKA_VERSION"
RUN_DIR="${KAFKA_RUN_DIR:-$HERE/.run}"
DATA_DIR="$RUN_DIR/data"
PID_FILE="$RUN_DIR/kafka.pid"
LOG_FILE="$RUN_DIR/kafka.log"
SERVER_PROPS="$RUN_DIR/server.properties"
BROKER_LOG4J="$RUN_DIR/log4j-broker.properties"
TOOLS_LOG4J="$RUN_DIR/log4j-tools.properties"
ADMIN_PROPS="$RUN_DIR/admin.properties"

JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"

log() { printf '[kafka] %s\n' "$*"; }

die() {
  printf '[kafka] ERROR: %s\n' "$*" >&2
  exit 1
}

die_with_log() {
  if [[ -f "$LOG_FILE" ]]; then
    printf '[kafka] --- last 40 lines of %s ---\n' "$LOG_FILE" >&2
    tail -n 40 "$LOG_FILE" >&2
  fi
  die "$@"
}

# Serialise fetch/start/stop/reset so parallel CI jobs or test workers cannot
# race each other on the same cache/data dir.
take_lock() {
  mkdir -p "$RUN_DIR"
  exec 9>"$RUN_DIR/.lock"
  if command -v flock >/dev/null 2>&1; then
    flock 9
  fi
}

port_open() {
  timeout 2 bash -c "exec 3<>/dev/tcp/$HOST/$1" 2>/dev/null
}

is_fetched() { [[ -f "$LIB_DIR/.complete" ]]; }

# Short-lived client JVMs: C1 only + serial GC start noticeably faster on 2 cores.
# Sets TOOL_CMD (an array rather than a function so `timeout` can wrap it).
tool_cmd() {
  is_fetched || die "Kafka jars not fetched; run: $0 fetch"
  write_tools_config
  TOOL_CMD=("$JAVA" -Xmx256m -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Djava.awt.headless=true
    -Dlog4j.configuration="file:$TOOLS_LOG4J" -cp "$LIB_DIR/*" "$@")
}

# "Reachable" means a real Kafka client can list topics, not merely that the port is open.
is_reachable() {
  port_open "$KAFKA_PORT" || return 1
  is_fetched || return 1
  tool_cmd org.apache.kafka.tools.TopicCommand --bootstrap-server "$BOOTSTRAP" \
    --command-config "$ADMIN_PROPS" --list
  timeout 30 "${TOOL_CMD[@]}" >/dev/null 2>&1 9>&-
}

# Pid of our broker, or nothing. Falls back to matching our own unique server.properties
# path in case the pid file was lost; the /proc check guards against pid reuse.
broker_pid() {
  local pid=""
  if [[ -f "$PID_FILE" ]]; then
    pid="$(cat "$PID_FILE" 2>/dev/null || true)"
    if [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null &&
      tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -qF "kafka.Kafka $SERVER_PROPS"; then
      echo "$pid"
      return 0
    fi
  fi
  pid="$(pgrep -f -- "kafka\.Kafka $SERVER_PROPS" 2>/dev/null | head -n 1 || true)"
  if [[ -n "$pid" ]]; then
    echo "$pid"
  fi
}

cmd_fetch() {
  if is_fetched; then
    log "fetch: Kafka $KAFKA_VERSION already in ${LIB_DIR#"$HERE"/}"
    return 0
  fi
  command -v mvn >/dev/null 2>&1 || die "mvn not found (needed to download Kafka from Maven Central)"
  log "fetch: downloading Kafka $KAFKA_VERSION from Maven Central (mvn)"
  local tmp="$LIB_DIR.tmp.$$"
  rm -rf "$tmp"
  # Copy into a temp dir and rename, so an interrupted fetch never looks complete.
  # mvn output goes to a file: even with -q it emits ANSI noise on a CI console.
  local mvn_log="$RUN_DIR/fetch.log"
  mkdir -p "$RUN_DIR"
  if ! mvn -B -f "$HERE/pom.xml" -Dkafka.version="$KAFKA_VERSION" \
    dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory="$tmp" \
    >"$mvn_log" 2>&1 9>&-; then
    rm -rf "$tmp"
    tail -n 40 "$mvn_log" >&2
    die "mvn dependency:copy-dependencies failed (full output: ${mvn_log#"$HERE"/})"
  fi
  touch "$tmp/.complete"
  rm -rf "$LIB_DIR"
  mv "$tmp" "$LIB_DIR"
  log "fetch: $(find "$LIB_DIR" -name '*.jar' | wc -l) jars in ${LIB_DIR#"$HERE"/}"
}

# Write stdin to $1 atomically: `status`/`cli` may run while another call rewrites configs.
write_file() {
  local tmp="$1.tmp.$$"
  cat >"$tmp"
  mv -f "$tmp" "$1"
}

write_tools_config() {
  mkdir -p "$RUN_DIR"
  write_file "$TOOLS_LOG4J" <<'EOF'
log4j.rootLogger=WARN, stderr
log4j.appender.stderr=org.apache.log4j.ConsoleAppender
log4j.appender.stderr.Target=System.err
log4j.appender.stderr.layout=org.apache.log4j.PatternLayout
log4j.appender.stderr.layout.ConversionPattern=[%d] %p %m (%c)%n
EOF
  # Fail fast instead of the 60 s client default when the broker is down.
  write_file "$ADMIN_PROPS" <<'EOF'
request.timeout.ms=5000
default.api.timeout.ms=10000
reconnect.backoff.max.ms=500
EOF
}

listeners_line() {
  echo "PLAINTEXT://$HOST:$KAFKA_PORT,CONTROLLER://$HOST:$KAFKA_CONTROLLER_PORT"
}

write_broker_config() {
  mkdir -p "$DATA_DIR"
  write_file "$SERVER_PROPS" <<EOF
# Generated by infra/kafka/kafka.sh; edits are overwritten on every start.
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@$HOST:$KAFKA_CONTROLLER_PORT
controller.listener.names=CONTROLLER
listeners=$(listeners_line)
advertised.listeners=PLAINTEXT://$HOST:$KAFKA_PORT
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
log.dirs=$DATA_DIR

num.partitions=3
default.replication.factor=1
min.insync.replicas=1
auto.create.topics.enable=true
group.initial.rebalance.delay.ms=0

offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
# The default 50 partitions make the first consumer group / transaction on a
# fresh data dir take seconds; one is plenty on a single test broker.
offsets.topic.num.partitions=1
transaction.state.log.num.partitions=1
EOF
  write_file "$BROKER_LOG4J" <<'EOF'
log4j.rootLogger=INFO, stdout
log4j.appender.stdout=org.apache.log4j.ConsoleAppender
log4j.appender.stdout.layout=org.apache.log4j.PatternLayout
log4j.appender.stdout.layout.ConversionPattern=[%d] %p %m (%c)%n
log4j.logger.kafka.request.logger=WARN
log4j.logger.kafka.authorizer.logger=WARN
EOF
}

# KRaft refuses to start on an unformatted log dir. Reusing an existing
# format keeps topics and committed offsets across stop/start.
format_storage() {
  if [[ -f "$DATA_DIR/meta.properties" ]]; then
    log "start: storage already formatted ($(grep '^cluster.id=' "$DATA_DIR/meta.properties" || true))"
    return 0
  fi
  # Same shape as Kafka's Uuid.randomUuid() (16 random bytes, base64url, no padding),
  # generated here to save a JVM launch. A leading '-' would be parsed as a CLI flag.
  local cluster_id
  cluster_id="$(head -c 16 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=\n')"
  while [[ "$cluster_id" == -* ]]; do
    cluster_id="$(head -c 16 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=\n')"
  done
  log "start: formatting KRaft storage (cluster.id=$cluster_id)"
  tool_cmd kafka.tools.StorageTool format --ignore-formatted -t "$cluster_id" -c "$SERVER_PROPS"
  "${TOOL_CMD[@]}" >>"$LOG_FILE" 2>&1 9>&- || die_with_log "storage format failed"
}

launch_broker() {
  log "start: launching broker on $BOOTSTRAP (heap $KAFKA_HEAP, log ${LOG_FILE#"$HERE"/})"
  printf '\n===== kafka.sh start %s =====\n' "$(date -u +%FT%TZ)" >>"$LOG_FILE"
  # setsid: detach from the caller's process group so a test runner or CI step
  # that signals its group does not take the broker down with it.
  # The inner shell writes its own pid and then execs java, so the pid file is the JVM.
  # 9>&- so the broker does not inherit (and hold forever) our flock.
  # shellcheck disable=SC2016 # expanded by the inner shell
  setsid bash -c 'echo $$ >"$1"; shift; exec "$@"' _ "$PID_FILE" \
    "$JAVA" "-Xmx$KAFKA_HEAP" "-Xms$KAFKA_HEAP" \
    -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -XX:InitiatingHeapOccupancyPercent=35 \
    -XX:+ExplicitGCInvokesConcurrent -Djava.awt.headless=true \
    -Dlog4j.configuration="file:$BROKER_LOG4J" \
    -cp "$LIB_DIR/*" kafka.Kafka "$SERVER_PROPS" \
    </dev/null >>"$LOG_FILE" 2>&1 9>&- &
  # Give the inner shell a moment to write the pid file.
  local tries=50
  while [[ ! -s "$PID_FILE" ]] && ((tries-- > 0)); do
    sleep 0.1
  done
}

wait_ready() {
  local deadline=$((SECONDS + KAFKA_START_TIMEOUT))
  while ((SECONDS < deadline)); do
    if [[ -z "$(broker_pid)" ]]; then
      rm -f "$PID_FILE"
      die_with_log "broker process exited during startup"
    fi
    if is_reachable; then
      return 0
    fi
    sleep 0.5
  done
  die_with_log "broker not reachable on $BOOTSTRAP after ${KAFKA_START_TIMEOUT}s"
}

cmd_start() {
  take_lock
  local t0=$SECONDS pid
  pid="$(broker_pid || true)"
  if [[ -n "$pid" ]]; then
    if is_reachable; then
      log "start: already running (pid $pid) and reachable on $BOOTSTRAP"
      return 0
    fi
    if ! grep -qxF "listeners=$(listeners_line)" "$SERVER_PROPS" 2>/dev/null; then
      die "broker pid $pid was started with other ports ($(grep '^listeners=' "$SERVER_PROPS" || true)); run stop first"
    fi
    log "start: broker process $pid exists, waiting for it to become reachable"
  else
    if is_reachable; then
      log "start: a broker not started by this script is already reachable on $BOOTSTRAP"
      return 0
    fi
    command -v "$JAVA" >/dev/null 2>&1 || die "java not found (Java 11+ needed, 17 recommended)"
    cmd_fetch
    # A broker from another checkout may hold the port: with the tools fetched we can tell a broker from a stranger.
    write_tools_config
    if is_reachable; then
      log "start: a broker not started by this script is already reachable on $BOOTSTRAP"
      return 0
    fi
    local port
    for port in "$KAFKA_PORT" "$KAFKA_CONTROLLER_PORT"; do
      if port_open "$port"; then
        die "port $HOST:$port is in use by another process"
      fi
    done
    write_tools_config
    write_broker_config
    rm -f "$PID_FILE"
    format_storage
    launch_broker
  fi
  wait_ready
  log "start: ready on $BOOTSTRAP (pid $(broker_pid), $((SECONDS - t0))s)"
}

cmd_stop() {
  take_lock
  local pid
  pid="$(broker_pid || true)"
  if [[ -z "$pid" ]]; then
    rm -f "$PID_FILE"
    log "stop: not running"
    return 0
  fi
  local t0=$SECONDS
  log "stop: SIGTERM to pid $pid"
  kill -TERM "$pid" 2>/dev/null || true
  local deadline=$((SECONDS + KAFKA_STOP_TIMEOUT))
  while kill -0 "$pid" 2>/dev/null && ((SECONDS < deadline)); do
    sleep 0.2
  done
  if kill -0 "$pid" 2>/dev/null; then
    log "stop: still alive after ${KAFKA_STOP_TIMEOUT}s, SIGKILL"
    kill -KILL "$pid" 2>/dev/null || true
    while kill -0 "$pid" 2>/dev/null; do sleep 0.1; done
  fi
  rm -f "$PID_FILE"
  log "stop: stopped ($((SECONDS - t0))s)"
}

cmd_status() {
  local pid
  pid="$(broker_pid || true)"
  if is_reachable; then
    log "status: reachable on $BOOTSTRAP${pid:+ (pid $pid)}"
    return 0
  fi
  log "status: not reachable on $BOOTSTRAP${pid:+ (process $pid exists)}"
  return 1
}

cmd_reset() {
  cmd_stop
  log "reset: deleting ${DATA_DIR#"$HERE"/}"
  rm -rf "$DATA_DIR"
}

case "${1:-}" in
  fetch) take_lock; cmd_fetch ;;
  start) cmd_start ;;
  stop) cmd_stop ;;
  restart) cmd_stop; cmd_start ;;
  status) cmd_status ;;
  reset) cmd_reset ;;
  cli)
    shift
    [[ $# -ge 1 ]] || die "usage: $0 cli <MainClass> [args...]"
    tool_cmd "$@"
    exec "${TOOL_CMD[@]}"
    ;;
  *)
    echo "usage: $0 {fetch|start|stop|restart|status|reset|cli <MainClass> [args...]}" >&2
    exit 2
    ;;
esac
