#!/usr/bin/env bash
# Compares devproof's CT monitor with certspotter v0.24.2 reading the same
# local static-ct-api log from its first entry:
#   - entries per second (N / wall clock, start to the whole log verified)
#   - peak RSS (GNU time's "Maximum resident set size"), and the peak of
#     private memory (RssAnon, sampled every 50 ms): RSS also counts the
#     executable's own pages, tens of MiB for devproof's large binary
#   - CPU time (user + system), less disturbed by other load than the rate
# and checks that both found the same certificates for watched names as the
# generator put in (SHA-256 of each TBSCertificate, poison removed), exiting
# 1 if the three sets differ.
#
# The log (ctloggen, next to this script) has N entries, rounded up to a
# multiple of 256 (1,000,192 by default: full tiles only, so certspotter
# waits for no partial tile), certificates and precertificates from a
# throwaway CA, one entry in EVERY for hostNNN.watched.test; the watchlist
# is ".watched.test". It is written straight into Tessera's POSIX storage
# and served by a static file server at http://LOG_HOST/ct/<name>/, the
# prefix being both submission_url and monitoring_url in the log list,
# under tiled_logs. TesseraCT refuses an origin with a port, so the server
# binds port 80 of LOG_HOST (any 127.x.y.z; binding port 80 needs root or
# CAP_NET_BIND_SERVICE).
#
# devproof runs `ctmonitor audit --from-start`, which exits after one pass
# (status 1: every watched certificate is rogue, none being attested).
# certspotter never exits: it runs with -verbose until it logs "verified
# position is now N", and is then stopped; its wall clock ends at that line.
# Both read JOBS data tiles at once (certspotter_download_jobs in the log
# list; devproof's tiled client has its own fixed number, which JOBS should
# equal). ROUNDS interleaved rounds, each with fresh state directories,
# alternate which monitor goes first; medians are printed.
#
# MEMCHECK=1 (the default) also runs both monitors once over a second log of
# N/4 entries and prints their peak RSS and private memory at both sizes
# (memory that follows the log's size would show here), and each binary's
# RSS when started to do nothing.
#
# Env: N (1000000), ROUNDS (1), JOBS (6), EVERY (10000), POOL (8192
# distinct unwatched certificates), MEMCHECK (1), LOG_HOST (127.0.0.1),
# WORK (default: a new directory under /tmp, removed at the end; a WORK
# given is kept, with its certspotter build for the next run, but not its
# logs), KEEP=1 keeps everything, DEVPROOF=path measures that devproof
# build instead of building this tree.
# Needs: go, GNU time (apt-get install time), curl, bc.
set -euo pipefail
cd "$(dirname "$0")/../.."

N=${N:-1000000}
ROUNDS=${ROUNDS:-1}
JOBS=${JOBS:-6}
EVERY=${EVERY:-10000}
POOL=${POOL:-8192}
MEMCHECK=${MEMCHECK:-1}
LOG_HOST=${LOG_HOST:-127.0.0.1}
KEEP=${KEEP:-0}
own_work=0
if [ -z "${WORK:-}" ]; then WORK=$(mktemp -d /tmp/ctbench.XXXXXX) own_work=1; fi
BASE_URL="http://$LOG_HOST/ct"

for tool in go curl awk bc; do
  command -v "$tool" >/dev/null || { echo "ctmonitor.sh: $tool is not installed" >&2; exit 1; }
done
[ -x /usr/bin/time ] || { echo "ctmonitor.sh: GNU time is not installed (apt-get install time)" >&2; exit 1; }
if [ "$N" -lt 1024 ]; then echo "ctmonitor.sh: N=$N: want at least 1024" >&2; exit 1; fi
if [ $((N % 256)) -ne 0 ]; then
  N=$(( (N + 255) / 256 * 256 ))
  echo "N rounded up to $N, a multiple of 256: full data tiles only" >&2
fi
QUARTER=$((N / 4 / 256 * 256))

pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  if [ "$KEEP" = 1 ]; then
    echo "kept $WORK" >&2
  elif [ "$own_work" = 1 ]; then
    rm -rf "$WORK"
  else
    rm -rf "$WORK/logs" "$WORK"/state.*
  fi
}
trap cleanup EXIT

# About 750 bytes per entry on disk; ask for 1.25 KiB.
need_kb=$(( (N + (MEMCHECK == 1 ? QUARTER : 0)) * 5 / 4 ))
avail_kb=$(df -Pk "$(dirname "$WORK")" | awk 'NR == 2 {print $4}')
if [ "$avail_kb" -lt $((need_kb + 1048576)) ]; then
  echo "ctmonitor.sh: $WORK has $((avail_kb / 1024)) MiB free; the logs need about $((need_kb / 1024)) MiB" >&2; exit 1
fi

echo "building ctloggen, devproof and certspotter v0.24.2 in $WORK" >&2
mkdir -p "$WORK/logs" "$WORK/certspotter"
go build -o "$WORK/ctloggen" ./deploy/bench/ctloggen
if [ -n "${DEVPROOF:-}" ]; then cp "$DEVPROOF" "$WORK/devproof"; else go build -o "$WORK/devproof" ./cmd/devproof; fi
# certspotter is a peer, never a dependency: a scratch module builds it.
if [ ! -x "$WORK/certspotter/certspotter" ]; then
  printf 'module certspotterbench\n\ngo 1.26\n\nrequire software.sslmate.com/src/certspotter v0.24.2\n' > "$WORK/certspotter/go.mod"
  printf '//go:build tools\n\npackage main\n\nimport _ "software.sslmate.com/src/certspotter/cmd/certspotter"\n' > "$WORK/certspotter/tools.go"
  (cd "$WORK/certspotter" && GOFLAGS=-mod=mod go mod tidy >/dev/null 2>&1 &&
    GOFLAGS=-mod=mod go build -o certspotter software.sslmate.com/src/certspotter/cmd/certspotter)
fi

gen() { # name entries
  echo "writing a log of $2 entries" >&2
  "$WORK/ctloggen" write -dir "$WORK/logs/$1" -out "$WORK/meta.$1" -n "$2" -every "$EVERY" -pool "$POOL" \
    -jobs "$JOBS" -url "$BASE_URL/$1/"
}
gen full "$N"
[ "$MEMCHECK" = 1 ] && gen quarter "$QUARTER"

"$WORK/ctloggen" serve -dir "$WORK/logs" -url "$BASE_URL/" &
pids+=($!)
for _ in $(seq 50); do
  curl -sf "$BASE_URL/full/checkpoint" -o "$WORK/served" 2>/dev/null && break
  sleep 0.1
done
if ! cmp -s "$WORK/served" "$WORK/logs/full/checkpoint"; then
  echo "ctmonitor.sh: $BASE_URL/full/ does not serve the log (is port 80 of $LOG_HOST taken? set LOG_HOST=127.0.0.2)" >&2
  exit 1
fi

now() { date +%s.%N; }
# peak_mib FILE: GNU time's maximum resident set size, in MiB.
peak_mib() { awk -F': ' '/Maximum resident set size/ {printf "%.1f", $2 / 1024}' "$1"; }
# cpu_s FILE: user plus system CPU seconds.
cpu_s() { awk -F': ' '/User time|System time/ {t += $2} END {printf "%.2f", t}' "$1"; }
# anon_mib FILE: the sampled peak of private memory, in MiB.
anon_mib() { awk '{printf "%.1f", $1 / 1024}' "$1"; }

# child_of PID: the process GNU time started.
child_of() {
  local c=""
  for _ in $(seq 200); do c=$(pgrep -P "$1" || true); [ -n "$c" ] && break; sleep 0.005; done
  echo "$c"
}
# sample_anon PID FILE: writes to FILE the largest RssAnon (KiB) PID had,
# sampled every 50 ms while it runs. GNU time's peak RSS also counts the
# pages of the executable itself that were touched: for a large binary
# such as devproof's that is tens of MiB of file-backed, shared memory,
# which is not what the monitor needs to hold.
sample_anon() {
  local max=0 k v rest
  while [ -r "/proc/$1/status" ]; do
    while read -r k v rest; do
      if [ "$k" = RssAnon: ] && [ "$v" -gt "$max" ]; then max=$v; fi
    done <"/proc/$1/status" 2>/dev/null || true
    sleep 0.05
  done
  echo "$max" >"$2"
}

# run_devproof log tag: one audit pass; prints its wall-clock seconds.
run_devproof() {
  local log=$1 tag=$2 t0 t1 tpid spid rc=0
  t0=$(now)
  /usr/bin/time -v -o "$WORK/time.$tag" "$WORK/devproof" ctmonitor audit --from-start \
    --watchlist "$WORK/meta.$log/watchlist.txt" --log-list "$WORK/meta.$log/loglist.json" \
    --state-dir "$WORK/state.$tag" >"$WORK/out.$tag" 2>"$WORK/err.$tag" &
  tpid=$!
  sample_anon "$(child_of "$tpid")" "$WORK/anon.$tag" &
  spid=$!
  wait "$tpid" || rc=$?
  t1=$(now)
  wait "$spid"
  # 1: rogue certificates found, as expected here; anything else but 0
  # is a failure to read the log.
  if [ "$rc" -ne 0 ] && [ "$rc" -ne 1 ]; then
    echo "ctmonitor.sh: devproof exited $rc:" >&2; tail -5 "$WORK/err.$tag" >&2; exit 1
  fi
  echo "$t1 - $t0" | bc -l
}

# run_certspotter log tag entries: runs until the log is verified to its
# end, then stops it; prints its wall-clock seconds.
run_certspotter() {
  local log=$1 tag=$2 n=$3 t0 t1 tpid spid cpid
  t0=$(now)
  CERTSPOTTER_CACHE_DIR="$WORK/cache.$tag" CERTSPOTTER_CONFIG_DIR="$WORK/config.$tag" \
    /usr/bin/time -v -o "$WORK/time.$tag" "$WORK/certspotter/certspotter" -start_at_end=false -verbose -stdout \
    -logs "$WORK/meta.$log/loglist.json" -watchlist "$WORK/meta.$log/watchlist.txt" \
    -state_dir "$WORK/state.$tag" >"$WORK/out.$tag" 2>"$WORK/err.$tag" &
  tpid=$!
  cpid=$(child_of "$tpid")
  sample_anon "$cpid" "$WORK/anon.$tag" &
  spid=$!
  while ! grep -q "verified position is now $n\$" "$WORK/err.$tag" 2>/dev/null; do
    if ! kill -0 "$tpid" 2>/dev/null; then
      echo "ctmonitor.sh: certspotter stopped early:" >&2; tail -5 "$WORK/err.$tag" >&2; exit 1
    fi
    sleep 0.05
  done
  t1=$(now)
  kill -TERM "$cpid"
  wait "$tpid" || true
  wait "$spid"
  echo "$t1 - $t0" | bc -l
}

# Distinct TBS hashes each side reported, and the generator's.
expected_set() { awk '{print $1}' "$WORK/meta.$1/expected.txt" | sort -u; }
devproof_set() { grep -o '"tbs_sha256":"[0-9a-f]*"' "$WORK/out.$1" | cut -d'"' -f4 | sort -u; }
certspotter_set() { find "$WORK/state.$1/certs" -name '.*.notified' 2>/dev/null | sed 's|.*/\.||; s|\.notified$||' | sort -u; }

check_sets() { # log dp_tag cs_tag
  local e d c
  expected_set "$1" >"$WORK/set.expected.$1"
  devproof_set "$2" >"$WORK/set.$2"
  certspotter_set "$3" >"$WORK/set.$3"
  e=$(wc -l <"$WORK/set.expected.$1") d=$(wc -l <"$WORK/set.$2") c=$(wc -l <"$WORK/set.$3")
  if cmp -s "$WORK/set.expected.$1" "$WORK/set.$2" && cmp -s "$WORK/set.expected.$1" "$WORK/set.$3"; then
    echo "  matching certificates ($1 log, $2 / $3): expected $e, devproof $d, certspotter $c: same sets" >&2
    return 0
  fi
  echo "  matching certificates ($1 log, $2 / $3): expected $e, devproof $d, certspotter $c: SETS DIFFER" >&2
  diff "$WORK/set.expected.$1" "$WORK/set.$2" | sed 's/^/    devproof: /' >&2 || true
  diff "$WORK/set.expected.$1" "$WORK/set.$3" | sed 's/^/    certspotter: /' >&2 || true
  return 1
}

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

# A round's figures, one line per monitor: wall s, peak RSS MiB, peak
# private MiB, CPU s.
figures() { # tag wall
  printf '%s %s %s %s\n' "$2" "$(peak_mib "$WORK/time.$1")" "$(anon_mib "$WORK/anon.$1")" "$(cpu_s "$WORK/time.$1")"
}
show() { # label wall rss anon cpu
  printf '%-24s %8.2f %11.0f %11.1f %11.1f %8.2f\n' "$1" "$2" "$(echo "$N / $2" | bc -l)" "$3" "$4" "$5"
}
header() { printf '%-24s %8s %11s %11s %11s %8s\n' "$1" "wall s" "entries/s" "RSS MiB" "private MiB" "CPU s"; }
col() { awk -v c="$1" '{print $c}' | median; }

differ=0
: >"$WORK/figures.dp" && : >"$WORK/figures.cs"
for r in $(seq "$ROUNDS"); do
  if [ $((r % 2)) -eq 1 ]; then order="dp cs"; else order="cs dp"; fi
  for m in $order; do
    rm -rf "$WORK/state.$m.$r"
    if [ "$m" = dp ]; then
      w=$(run_devproof full "dp.$r") label="round $r devproof"
    else
      w=$(run_certspotter full "cs.$r" "$N") label="round $r certspotter"
    fi
    figures "$m.$r" "$w" | tee -a "$WORK/figures.$m" | { read -r a b c d; show "$label" "$a" "$b" "$c" "$d"; } >&2
  done
  check_sets full "dp.$r" "cs.$r" || differ=1
done

dpw=$(col 1 <"$WORK/figures.dp") dpr=$(col 2 <"$WORK/figures.dp") dpa=$(col 3 <"$WORK/figures.dp") dpc=$(col 4 <"$WORK/figures.dp")
csw=$(col 1 <"$WORK/figures.cs") csr=$(col 2 <"$WORK/figures.cs") csa=$(col 3 <"$WORK/figures.cs") csc=$(col 4 <"$WORK/figures.cs")
echo
echo "N=$N entries, medians of $ROUNDS round(s); RSS is GNU time's peak, private the sampled peak of RssAnon"
header ""
show "devproof" "$dpw" "$dpr" "$dpa" "$dpc"
show "certspotter v0.24.2" "$csw" "$csr" "$csa" "$csc"
printf '%-24s %8s %10.2fx %10.2fx %10.2fx %7.2fx\n' "devproof / certspotter" "" \
  "$(echo "$csw / $dpw" | bc -l)" "$(echo "$dpr / $csr" | bc -l)" "$(echo "$dpa / $csa" | bc -l)" "$(echo "$dpc / $csc" | bc -l)"

if [ "$MEMCHECK" = 1 ]; then
  wd=$(run_devproof quarter dp.q) wc=$(run_certspotter quarter cs.q "$QUARTER")
  check_sets quarter dp.q cs.q || differ=1
  echo
  printf '%-24s %22s %22s\n' "memory, MiB" "N=$QUARTER" "N=$N"
  printf '%-24s %22s %22s\n' "" "RSS / private" "RSS / private"
  printf '%-24s %22s %22s\n' "devproof" "$(peak_mib "$WORK/time.dp.q") / $(anon_mib "$WORK/anon.dp.q")" "$(printf '%.1f / %.1f' "$dpr" "$dpa")"
  printf '%-24s %22s %22s\n' "certspotter v0.24.2" "$(peak_mib "$WORK/time.cs.q") / $(anon_mib "$WORK/anon.cs.q")" "$(printf '%.1f / %.1f' "$csr" "$csa")"
  # A startup baseline: the same binaries doing nothing.
  /usr/bin/time -v -o "$WORK/time.dp.idle" "$WORK/devproof" ctmonitor --help >/dev/null 2>&1 || true
  /usr/bin/time -v -o "$WORK/time.cs.idle" "$WORK/certspotter/certspotter" -version >/dev/null 2>&1 || true
  echo "startup RSS, doing nothing: devproof $(peak_mib "$WORK/time.dp.idle") MiB, certspotter $(peak_mib "$WORK/time.cs.idle") MiB"
fi
echo "($(nproc) cores, $(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo); JOBS=$JOBS; loopback HTTP)"

if [ "$differ" -ne 0 ]; then
  echo "ctmonitor.sh: the monitors did not find the same certificates as the log holds" >&2
  exit 1
fi
