#!/usr/bin/env bash
# Builds the benchmarks and runs every one of them once, UltraCache beside its peers, then writes
# the results report.
#
#   bash benchmarks/run.sh [quick|full] [suite options...]
#
#   quick (default)  a smoke run, ~15 minutes: checks that everything runs; its figures mean little.
#                    Report: benchmarks/target/bench-results/RESULTS-quick.md
#   full             the run to quote, ~45 minutes. Report: benchmarks/RESULTS.md
#   suite options    passed on, e.g. --subjects ULTRACACHE,REDIS or --sections operations,visibility
#                    (see io.ultracache.benchmarks.BenchmarkSuite)
#
# Uses the java on JAVA_HOME (else PATH). Starts a private redis-server on 127.0.0.1 (installing it
# with apt-get if it is missing and we may), without persistence, and stops it at the end. Shared
# segments go to a fresh /dev/shm/ultracache-bench-<random> directory, removed at the end, even on
# failure or Ctrl-C.
set -euo pipefail

mode="${1:-quick}"
case "$mode" in
  quick|full) shift || true ;;
  -*) mode=quick ;;
  *) echo "usage: bash benchmarks/run.sh [quick|full] [suite options...]" >&2; exit 2 ;;
esac

repo="$(cd "$(dirname "$0")/.." && pwd)"
cd "$repo"
raw="$repo/benchmarks/target/bench-results"
if [ "$mode" = full ]; then report="$repo/benchmarks/RESULTS.md"; else report="$raw/RESULTS-quick.md"; fi
java_bin="${JAVA_HOME:+$JAVA_HOME/bin/}java"

run_dir="/dev/shm/ultracache-bench-$(head -c 6 /dev/urandom | od -An -tx1 | tr -d ' \n')"
redis_pid=""
cleanup() {
  if [ -n "$redis_pid" ] && kill -0 "$redis_pid" 2>/dev/null; then
    kill "$redis_pid" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$redis_pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$redis_pid" 2>/dev/null || true
  fi
  rm -rf "$run_dir"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

echo "== building (mvn -B -q -pl benchmarks -am package -DskipTests)"
mvn -B -q -pl benchmarks -am package -DskipTests
jar="$repo/benchmarks/target/benchmarks.jar"
mkdir -p "$raw" "$run_dir"
chmod 700 "$run_dir"

# ---- a private redis-server on loopback
if ! command -v redis-server >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "== installing redis-server with apt-get"
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server) >/dev/null \
      || echo "!! could not install redis-server; the Redis measurements will fail"
  else
    echo "!! redis-server is missing and cannot be installed here; the Redis measurements will fail"
  fi
fi
redis_port=0
redis_version=""
if command -v redis-server >/dev/null 2>&1; then
  for _ in $(seq 1 20); do # a free non-default port
    candidate=$((20000 + RANDOM % 20000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$candidate") 2>/dev/null; then redis_port=$candidate; break; fi
  done
  redis-server --bind 127.0.0.1 --port "$redis_port" --protected-mode yes --save "" --appendonly no \
    --dir "$run_dir" --daemonize no --logfile "$raw/redis.log" &
  redis_pid=$!
  for _ in $(seq 1 100); do
    if [ "$(redis-cli -h 127.0.0.1 -p "$redis_port" ping 2>/dev/null)" = PONG ]; then break; fi
    sleep 0.1
  done
  [ "$(redis-cli -h 127.0.0.1 -p "$redis_port" ping 2>/dev/null)" = PONG ] || echo "!! redis-server did not answer on port $redis_port"
  redis_version="$(redis-server --version | sed -n 's/.*v=\([^ ]*\).*/\1/p')"
  echo "== redis-server $redis_version on 127.0.0.1:$redis_port (pid $redis_pid, no persistence)"
fi

echo "== load before: $(cut -d' ' -f1-3 /proc/loadavg); segments under $run_dir"
"$java_bin" -Xmx1g \
  -D"ultracache.bench.dir=$run_dir" -D"ultracache.bench.redisPort=$redis_port" \
  -D"ultracache.bench.redisVersion=$redis_version" \
  -cp "$jar" io.ultracache.benchmarks.BenchmarkSuite \
  --mode "$mode" --output "$report" --raw "$raw" \
  --command "bash benchmarks/run.sh $mode${*:+ $*}" "$@" 2>&1 | tee "$raw/run.log"
exit "${PIPESTATUS[0]}"
