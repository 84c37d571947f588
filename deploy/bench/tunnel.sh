#!/usr/bin/env bash
# Compares devproof's tunnel (server and client) with stunnel4 on loopback,
# like for like: a client end taking plain TCP and a server end taking TLS,
# TLS 1.3 with TLS_AES_128_GCM_SHA256, P-256 for the certificate and the
# key exchange (CURVES), session resumption on for both, and the same plain TCP target behind both. A plain
# TCP baseline goes to the target directly.
#   - bulk MB/s through client and server, over 1 and over CONNS_BULK
#     connections (the target sends, the load tool reads)
#   - new connections per second at RATE_CONC concurrent workers, each
#     connection: connect to the client end, send a few bytes, read the
#     echo, close
#   - RSS per idle connection: the RSS of the server and of the client
#     processes before and after IDLE connections are opened through them,
#     divided by IDLE
# Each measure runs ROUNDS times per system, interleaved, each round starting
# with the next system; medians and the devproof/stunnel ratios are printed.
# PORT_BASE (default 19000) moves every port the script binds.
#
# Needs: go, stunnel4, openssl, bc (apt-get install stunnel4 openssl bc).
# The load tool is a small Go program built in a scratch module.
set -euo pipefail
cd "$(dirname "$0")/../.."

DURATION=${DURATION:-10s}
ROUNDS=${ROUNDS:-3}
CONNS_BULK=${CONNS_BULK:-16}
RATE_CONC=${RATE_CONC:-32}
IDLE=${IDLE:-1000}
WORK=${WORK:-$(mktemp -d)}
PORT_BASE=${PORT_BASE:-19000}
# The key exchange both tunnels use. Go would otherwise pick
# X25519MLKEM768, whose larger key shares stunnel 5.68 (OpenSSL 3.0) does
# not offer, and which cost each idle connection about 9 KiB more.
CURVES=${CURVES:-P-256}
TARGET_PORT=$((PORT_BASE + 1))
DP_SERVER=$((PORT_BASE + 10)) DP_CLIENT=$((PORT_BASE + 11))
ST_SERVER=$((PORT_BASE + 20)) ST_CLIENT=$((PORT_BASE + 21))
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT

for tool in go stunnel4 openssl bc; do
  command -v "$tool" >/dev/null || { echo "bench: $tool is not installed" >&2; exit 1; }
done
# Each idle connection holds descriptors in the load tool, the client and
# the server ends and the target.
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
[ "$(ulimit -n)" -gt $((IDLE * 2 + 100)) ] || { echo "bench: ulimit -n $(ulimit -n) is too low for IDLE=$IDLE" >&2; exit 1; }

echo "building devproof and the load tool in $WORK" >&2
go build -o "$WORK/devproof" ./cmd/devproof
mkdir -p "$WORK/load"
cat > "$WORK/load/main.go" <<'GO'
// load: the target and the load generator for the tunnel benchmark.
//
//	load target ADDR           first byte 's': send zeros until closed;
//	                           any other: echo everything, that byte too
//	load bulk ADDR CONNS DUR   read from CONNS 's' connections for DUR; MB/s
//	load rate ADDR CONC DUR    connect, send, read the echo, close; conns/s
//	load idle ADDR N           open N echoing connections, print "ready",
//	                           hold them until stdin closes
package main

import (
	"bufio"
	"fmt"
	"io"
	"net"
	"os"
	"strconv"
	"sync"
	"sync/atomic"
	"time"
)

func main() {
	a := os.Args[1:]
	switch a[0] {
	case "target":
		target(a[1])
	case "bulk":
		n, _ := strconv.Atoi(a[2])
		d, _ := time.ParseDuration(a[3])
		bulk(a[1], n, d)
	case "rate":
		n, _ := strconv.Atoi(a[2])
		d, _ := time.ParseDuration(a[3])
		rate(a[1], n, d)
	case "idle":
		n, _ := strconv.Atoi(a[2])
		idle(a[1], n)
	}
}

func fail(err error) { fmt.Fprintln(os.Stderr, "load:", err); os.Exit(1) }

func target(addr string) {
	l, err := net.Listen("tcp", addr)
	if err != nil {
		fail(err)
	}
	zeros := make([]byte, 64<<10)
	for {
		c, err := l.Accept()
		if err != nil {
			continue
		}
		go func() {
			defer c.Close()
			b := make([]byte, 1)
			if _, err := io.ReadFull(c, b); err != nil {
				return
			}
			if b[0] == 's' {
				for {
					if _, err := c.Write(zeros); err != nil {
						return
					}
				}
			}
			if _, err := c.Write(b); err != nil {
				return
			}
			io.Copy(c, c)
		}()
	}
}

func bulk(addr string, n int, d time.Duration) {
	var total atomic.Int64
	var wg sync.WaitGroup
	conns := make([]net.Conn, n)
	for i := range conns {
		c, err := net.Dial("tcp", addr)
		if err != nil {
			fail(err)
		}
		if _, err := c.Write([]byte{'s'}); err != nil {
			fail(err)
		}
		conns[i] = c
	}
	start := time.Now()
	deadline := start.Add(d)
	for _, c := range conns {
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer c.Close()
			c.SetReadDeadline(deadline)
			buf := make([]byte, 256<<10)
			for {
				k, err := c.Read(buf)
				total.Add(int64(k))
				if err != nil {
					return
				}
			}
		}()
	}
	wg.Wait()
	fmt.Printf("%.1f\n", float64(total.Load())/time.Since(start).Seconds()/1e6)
}

func rate(addr string, n int, d time.Duration) {
	var done, errs atomic.Int64
	var wg sync.WaitGroup
	start := time.Now()
	deadline := start.Add(d)
	msg := []byte("ping\n")
	for range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			buf := make([]byte, len(msg))
			for time.Now().Before(deadline) {
				c, err := net.Dial("tcp", addr)
				if err != nil {
					errs.Add(1)
					continue
				}
				c.SetDeadline(time.Now().Add(10 * time.Second))
				_, err = c.Write(msg)
				if err == nil {
					_, err = io.ReadFull(c, buf)
				}
				c.Close()
				if err != nil || string(buf) != string(msg) {
					errs.Add(1)
					continue
				}
				done.Add(1)
			}
		}()
	}
	wg.Wait()
	if e := errs.Load(); e > done.Load()/100 {
		fail(fmt.Errorf("%d of %d connections failed", e, e+done.Load()))
	}
	fmt.Printf("%.1f\n", float64(done.Load())/time.Since(start).Seconds())
}

func idle(addr string, n int) {
	conns := make([]net.Conn, 0, n)
	buf := make([]byte, 1)
	for range n {
		c, err := net.Dial("tcp", addr)
		if err != nil {
			fail(err)
		}
		// The echo proves the connection reaches the target end to end.
		if _, err := c.Write([]byte{'i'}); err != nil {
			fail(err)
		}
		c.SetReadDeadline(time.Now().Add(10 * time.Second))
		if _, err := io.ReadFull(c, buf); err != nil {
			fail(err)
		}
		conns = append(conns, c)
	}
	fmt.Println("ready")
	io.Copy(io.Discard, bufio.NewReader(os.Stdin))
	for _, c := range conns {
		c.Close()
	}
}
GO
printf 'module tunnelload\n\ngo 1.26\n' > "$WORK/load/go.mod"
(cd "$WORK/load" && go build -o load .)
LOAD=$WORK/load/load

# A P-256 certificate for both servers; both clients check it against
# itself as the CA, and the name.
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 2 \
  -subj "/CN=tunnel.devproof.test" -addext "subjectAltName=DNS:tunnel.devproof.test" \
  -addext "basicConstraints=critical,CA:TRUE" \
  -keyout "$WORK/key.pem" -out "$WORK/cert.pem" 2>/dev/null

"$LOAD" target "127.0.0.1:$TARGET_PORT" & pids+=($!)

# devproof: Go's TLS 1.3 picks TLS_AES_128_GCM_SHA256 first on a CPU with
# AES instructions, and issues session tickets; the client keeps them.
"$WORK/devproof" tunnel server --listen "127.0.0.1:$DP_SERVER" --cert "$WORK/cert.pem" --key "$WORK/key.pem" \
  --default "127.0.0.1:$TARGET_PORT" --curves "$CURVES" 2>"$WORK/dp-server.log" & dp_server=$!; pids+=($!)
"$WORK/devproof" tunnel client --listen "127.0.0.1:$DP_CLIENT" --connect "127.0.0.1:$DP_SERVER" \
  --sni tunnel.devproof.test --ca "$WORK/cert.pem" --curves "$CURVES" 2>"$WORK/dp-client.log" & dp_client=$!; pids+=($!)

# stunnel: the same protocol, cipher suite and certificate; a session cache
# on the server, tickets (its TLS 1.3 default) and session reuse on the
# client (its default). TCP_NODELAY as Go sets it on every connection, or
# Nagle's algorithm would hold the small messages of the rate test back.
cat > "$WORK/st-server.conf" <<CONF
foreground = yes
pid =
output = $WORK/st-server.log
[tunnel]
accept = 127.0.0.1:$ST_SERVER
connect = 127.0.0.1:$TARGET_PORT
cert = $WORK/cert.pem
key = $WORK/key.pem
sslVersionMin = TLSv1.3
sslVersionMax = TLSv1.3
ciphersuites = TLS_AES_128_GCM_SHA256
curves = $CURVES
sessionCacheSize = 20000
socket = l:TCP_NODELAY=1
socket = r:TCP_NODELAY=1
CONF
cat > "$WORK/st-client.conf" <<CONF
foreground = yes
pid =
output = $WORK/st-client.log
[tunnel]
client = yes
accept = 127.0.0.1:$ST_CLIENT
connect = 127.0.0.1:$ST_SERVER
sni = tunnel.devproof.test
checkHost = tunnel.devproof.test
verifyChain = yes
CAfile = $WORK/cert.pem
sslVersionMin = TLSv1.3
sslVersionMax = TLSv1.3
ciphersuites = TLS_AES_128_GCM_SHA256
curves = $CURVES
socket = l:TCP_NODELAY=1
socket = r:TCP_NODELAY=1
CONF
stunnel4 "$WORK/st-server.conf" 2>/dev/null & st_server=$!; pids+=($!)
stunnel4 "$WORK/st-client.conf" 2>/dev/null & st_client=$!; pids+=($!)

systems=(plain:$TARGET_PORT devproof:$DP_CLIENT stunnel:$ST_CLIENT)
declare -A procs=([plain]="" [devproof]="$dp_server $dp_client" [stunnel]="$st_server $st_client")

# Every path must carry bytes end to end before it is measured.
for s in "${systems[@]}"; do
  ok=
  for _ in $(seq 1 100); do
    if "$LOAD" rate "127.0.0.1:${s##*:}" 1 100ms >/dev/null 2>&1; then ok=1; break; fi
    sleep 0.1
  done
  [ -n "$ok" ] || { echo "bench: ${s%%:*} on port ${s##*:} does not reach the target" >&2; exit 1; }
done
# Both tunnels must have negotiated what this script says they use.
for s in devproof:$DP_SERVER stunnel:$ST_SERVER; do
  hs=$(openssl s_client -connect "127.0.0.1:${s##*:}" -servername tunnel.devproof.test </dev/null 2>/dev/null)
  grep -q 'TLSv1.3, Cipher is TLS_AES_128_GCM_SHA256' <<<"$hs" || { echo "bench: ${s%%:*} did not negotiate TLS 1.3 with AES-128-GCM" >&2; exit 1; }
  if [ "$CURVES" = P-256 ]; then
    grep -q 'Temp Key: ECDH, prime256v1' <<<"$hs" || { echo "bench: ${s%%:*} did not use P-256 for the key exchange" >&2; exit 1; }
  fi
done

rss_kb() { local t=0 p; for p in "$@"; do t=$((t + $(awk '/^VmRSS/ {print $2}' "/proc/$p/status"))); done; echo "$t"; }

# idle_kb NAME PORT: KiB of RSS per idle connection, server and client ends
# together, and the server and client ends apart ("- - -" for plain).
idle_kb() {
  local p before after coproc_pid
  if [ -z "${procs[$1]}" ]; then echo "- - -"; return; fi
  before=()
  for p in ${procs[$1]}; do before+=("$(rss_kb "$p")"); done
  coproc IDLER { "$LOAD" idle "127.0.0.1:$2" "$IDLE"; }
  coproc_pid=$IDLER_PID
  read -r line <&"${IDLER[0]}"
  [ "$line" = ready ] || { echo "bench: idle connections through $1 failed" >&2; exit 1; }
  sleep 1
  after=()
  for p in ${procs[$1]}; do after+=("$(rss_kb "$p")"); done
  exec {IDLER[1]}>&-
  wait "$coproc_pid" || true
  local s c
  s=$(echo "(${after[0]} - ${before[0]}) / $IDLE" | bc -l)
  c=$(echo "(${after[1]} - ${before[1]}) / $IDLE" | bc -l)
  printf '%.1f %.1f %.1f\n' "$(echo "$s + $c" | bc -l)" "$s" "$c"
  # Let the ends close them before the next measure.
  sleep 2
}

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

declare -A b1 bn rt idl idls idlc
n=${#systems[@]}
for r in $(seq 1 "$ROUNDS"); do
  for i in $(seq 0 $((n - 1))); do
    s=${systems[$(((i + r - 1) % n))]}
    name=${s%%:*} port=${s##*:}
    x1=$("$LOAD" bulk "127.0.0.1:$port" 1 "$DURATION")
    xn=$("$LOAD" bulk "127.0.0.1:$port" "$CONNS_BULK" "$DURATION")
    xr=$("$LOAD" rate "127.0.0.1:$port" "$RATE_CONC" "$DURATION")
    read -r xi xs xc <<<"$(idle_kb "$name" "$port")"
    b1[$name]+="$x1 " bn[$name]+="$xn " rt[$name]+="$xr " idl[$name]+="$xi " idls[$name]+="$xs " idlc[$name]+="$xc "
    printf 'round %s %-8s: bulk %s MB/s (1 conn), %s MB/s (%s conns); %s conns/s; idle %s KiB/conn (server %s, client %s)\n' \
      "$r" "$name" "$x1" "$xn" "$CONNS_BULK" "$xr" "$xi" "$xs" "$xc" >&2
  done
done

printf '\n%-9s %14s %14s %12s %16s %16s %16s\n' system "MB/s 1 conn" "MB/s $CONNS_BULK conns" "conns/s" "KiB/idle conn" "  server end" "  client end"
for s in "${systems[@]}"; do
  name=${s%%:*}
  v1=$(echo ${b1[$name]} | tr ' ' '\n' | median)
  vn=$(echo ${bn[$name]} | tr ' ' '\n' | median)
  vr=$(echo ${rt[$name]} | tr ' ' '\n' | median)
  if [ -n "${procs[$name]}" ]; then
    vi=$(echo ${idl[$name]} | tr ' ' '\n' | median)
    vs=$(echo ${idls[$name]} | tr ' ' '\n' | median)
    vc=$(echo ${idlc[$name]} | tr ' ' '\n' | median)
  else
    vi=0 vs=0 vc=0
  fi
  eval "B1_$name=$v1 BN_$name=$vn RT_$name=$vr ID_$name=$vi"
  printf '%-9s %14.0f %14.0f %12.0f %16.1f %16.1f %16.1f\n' "$name" "$v1" "$vn" "$vr" "$vi" "$vs" "$vc"
done
ratio() { echo "$1 / $2" | bc -l; }
goal() { if [ "$(echo "$1" | bc -l)" = 1 ]; then echo met; else echo missed; fi; }
r1=$(ratio "$B1_devproof" "$B1_stunnel") rn=$(ratio "$BN_devproof" "$BN_stunnel")
rr=$(ratio "$RT_devproof" "$RT_stunnel") ri=$(ratio "$ID_devproof" "$ID_stunnel")
printf '\nratio devproof/stunnel: bulk %.2fx (1 conn), %.2fx (%s conns); conns/s %.2fx; KiB per idle conn %.2fx\n' \
  "$r1" "$rn" "$CONNS_BULK" "$rr" "$ri"
printf 'goals: throughput >= 1.5x: %s (1 conn), %s (%s conns); conns/s >= 2.5x: %s; idle memory <= 0.3x: %s\n' \
  "$(goal "$r1 >= 1.5")" "$(goal "$rn >= 1.5")" "$CONNS_BULK" "$(goal "$rr >= 2.5")" "$(goal "$ri <= 0.3")"
echo "(medians of $ROUNDS rounds of $DURATION; $RATE_CONC workers for conns/s; $IDLE idle conns; $(nproc) cores, all on this machine)"
