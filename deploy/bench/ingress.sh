#!/usr/bin/env bash
# Compares devproof's ingress with Caddy v2.11.9 and nginx terminating TLS in
# front of the same backend on this machine, on loopback only:
#   - HTTPS requests per second over keep-alive (wrk, HTTP/1.1)
#   - new TLS handshakes per second (wrk, "Connection: close": one request
#     per connection)
# Each measure runs ROUNDS times per server, interleaved, each round
# starting with the next server; the medians and the ratios devproof/caddy
# and devproof/nginx are printed, with the CPU time per request that the
# server and the shared backend spent (less disturbed by other load on the
# machine than the rates are).
#
# BASELINE=path/to/an/older/devproof adds that build as a fourth server,
# measured in the same interleaved rounds, and prints devproof/baseline:
# on a shared, noisy machine this compares two builds more fairly than two
# separate runs. PORT_BASE (default 18000) moves every port the script
# binds (PORT_BASE+80 and +443 to +446), so that two runs can share a
# machine.
#
# Needs: go, wrk, nginx, openssl (apt-get install wrk nginx-light openssl).
# Caddy is built from its Go module in a scratch directory.
set -euo pipefail
cd "$(dirname "$0")/../.."

DURATION=${DURATION:-10s}
ROUNDS=${ROUNDS:-3}
CONNS=${CONNS:-64}
THREADS=${THREADS:-2}
WORK=${WORK:-$(mktemp -d)}
BASELINE=${BASELINE:-}
PORT_BASE=${PORT_BASE:-18000}
BACKEND_PORT=$((PORT_BASE + 80)) DEVPROOF_PORT=$((PORT_BASE + 443)) CADDY_PORT=$((PORT_BASE + 444))
NGINX_PORT=$((PORT_BASE + 445)) BASELINE_PORT=$((PORT_BASE + 446))
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT

for tool in go wrk nginx openssl bc; do
  command -v "$tool" >/dev/null || { echo "bench: $tool is not installed" >&2; exit 1; }
done

echo "building devproof and caddy v2.11.9 in $WORK" >&2
go build -o "$WORK/devproof" ./cmd/devproof
mkdir -p "$WORK/caddy"
# A WORK directory from an earlier run keeps its Caddy build.
if [ ! -x "$WORK/caddy/caddy" ]; then
cat > "$WORK/caddy/main.go" <<'GO'
package main

import (
	caddycmd "github.com/caddyserver/caddy/v2/cmd"
	_ "github.com/caddyserver/caddy/v2/modules/standard"
)

func main() { caddycmd.Main() }
GO
printf 'module caddybench\n\ngo 1.26\n\nrequire github.com/caddyserver/caddy/v2 v2.11.9\n' > "$WORK/caddy/go.mod"
(cd "$WORK/caddy" && GOFLAGS=-mod=mod go mod tidy >/dev/null 2>&1 && GOFLAGS=-mod=mod go build -o caddy .)
fi

# The shared backend: nginx serving a small page on plain HTTP. Its
# workers drop root, so the page must be world-readable (mktemp -d is 0700).
mkdir -p "$WORK/www" "$WORK/nginx"
chmod 755 "$WORK" "$WORK/www"
printf 'hello from the shared backend\n' > "$WORK/www/index.html"
chmod 644 "$WORK/www/index.html"
# A P-256 certificate for Caddy and nginx, as the ingress gets from ACME.
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 2 \
  -subj "/CN=app.devproof.test" -addext "subjectAltName=DNS:app.devproof.test" \
  -keyout "$WORK/key.pem" -out "$WORK/cert.pem" 2>/dev/null
cat > "$WORK/nginx/nginx.conf" <<CONF
worker_processes 2;
pid $WORK/nginx/nginx.pid;
error_log $WORK/nginx/error.log;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path $WORK/nginx; proxy_temp_path $WORK/nginx; fastcgi_temp_path $WORK/nginx;
  uwsgi_temp_path $WORK/nginx; scgi_temp_path $WORK/nginx;
  upstream backend { server 127.0.0.1:$BACKEND_PORT; keepalive 128; }
  server { listen 127.0.0.1:$BACKEND_PORT; root $WORK/www; }
  server {
    listen 127.0.0.1:$NGINX_PORT ssl http2;
    ssl_certificate $WORK/cert.pem; ssl_certificate_key $WORK/key.pem;
    location / { proxy_pass http://backend; proxy_http_version 1.1; proxy_set_header Connection ""; }
  }
}
CONF
nginx -c "$WORK/nginx/nginx.conf" -g 'daemon off;' & pids+=($!)

cat > "$WORK/Caddyfile" <<CONF
{
  admin off
  skip_install_trust
  auto_https off
  default_sni app.devproof.test
  fallback_sni app.devproof.test
  log {
    output discard
  }
}
https://app.devproof.test:$CADDY_PORT {
  tls $WORK/cert.pem $WORK/key.pem
  reverse_proxy 127.0.0.1:$BACKEND_PORT
}
CONF
"$WORK/caddy/caddy" run --config "$WORK/Caddyfile" --adapter caddyfile >"$WORK/caddy.log" 2>&1 & pids+=($!)

# devproof: the whole dev stack (simulator, DNS, Pebble) with the ingress in
# front of the shared backend; its certificate comes from Pebble over ACME.
"$WORK/devproof" dev --dir "$WORK/dev" --https-port "$DEVPROOF_PORT" --target "127.0.0.1:$BACKEND_PORT" >"$WORK/dev.log" 2>&1 & pids+=($!)

servers=(devproof:$DEVPROOF_PORT caddy:$CADDY_PORT nginx:$NGINX_PORT)
if [ -n "$BASELINE" ]; then
  "$BASELINE" dev --dir "$WORK/dev-baseline" --https-port "$BASELINE_PORT" --target "127.0.0.1:$BACKEND_PORT" >"$WORK/dev-baseline.log" 2>&1 & pids+=($!)
  servers+=(baseline:$BASELINE_PORT)
fi

wait_up() { for _ in $(seq 1 300); do curl -skf "$1" >/dev/null 2>&1 && return 0; sleep 0.2; done; echo "bench: $1 did not come up" >&2; exit 1; }
for s in "${servers[@]}"; do wait_up "https://127.0.0.1:${s##*:}/"; done

# Every server must really proxy to the backend before it is measured.
for s in "${servers[@]}"; do
  port=${s##*:}
  curl -skf -H 'Host: app.devproof.test' "https://127.0.0.1:$port/" | grep -q 'hello from the shared backend' ||
    { echo "bench: port $port does not serve the backend's page" >&2; exit 1; }
done

# The processes whose CPU time a server's requests cost: its own, and the
# shared backend's (nginx's workers, which are also nginx's front end).
backend_pids=$(pgrep -P "${pids[0]}" | tr '\n' ' ')
declare -A cpu_pids=([devproof]="${pids[2]} $backend_pids" [caddy]="${pids[1]} $backend_pids" [nginx]="$backend_pids")
[ -z "$BASELINE" ] || cpu_pids[baseline]="${pids[3]} $backend_pids"
# cpu_ticks PID...: user and system clock ticks the processes have used.
cpu_ticks() {
  local t=0 p f
  for p in "$@"; do read -r -a f <"/proc/$p/stat"; t=$((t + f[13] + f[14])); done
  echo "$t"
}

# rps NAME URL [extra wrk args]: requests per second from one wrk run, and
# the CPU time in microseconds per request that NAME and the backend
# spent, which the machine's other load disturbs far less than the rate.
# A run with any non-2xx answer or socket error is refused.
rps() {
  local out t0 t1 n
  t0=$(cpu_ticks ${cpu_pids[$1]})
  out=$(wrk -t"$THREADS" -c"$CONNS" -d"$DURATION" -H 'Host: app.devproof.test' "${@:3}" "$2")
  t1=$(cpu_ticks ${cpu_pids[$1]})
  if grep -qE 'Non-2xx|Socket errors: connect [1-9]' <<<"$out"; then echo "bench: errors from $2: $out" >&2; exit 1; fi
  n=$(awk '/requests in/ {print $1}' <<<"$out")
  echo "$(awk '/^Requests\/sec/ {print $2}' <<<"$out") $(echo "($t1 - $t0) * 1000000 / $(getconf CLK_TCK) / $n" | bc -l)"
}
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

declare -A keep close keepcpu closecpu
n=${#servers[@]}
for r in $(seq 1 "$ROUNDS"); do
  # Each round starts with the next server, so that none is always first
  # (or always after the same neighbour) when the machine's load shifts.
  for i in $(seq 0 $((n - 1))); do
    s=${servers[$(((i + r - 1) % n))]}
    name=${s%%:*} port=${s##*:}
    read -r k kc <<<"$(rps "$name" "https://127.0.0.1:$port/")"
    read -r c cc <<<"$(rps "$name" "https://127.0.0.1:$port/" -H 'Connection: close')"
    keep[$name]+="$k " close[$name]+="$c " keepcpu[$name]+="$kc " closecpu[$name]+="$cc "
    printf 'round %s %s: keep-alive %.0f rps (%.1f CPU us/req), handshakes %.0f/s (%.1f CPU us each)\n' "$r" "$name" "$k" "$kc" "$c" "$cc" >&2
  done
done

printf '\n%-10s %16s %16s %22s %22s\n' server "keep-alive rps" "handshakes/s" "CPU us/req keep-alive" "CPU us/handshake"
for s in "${servers[@]}"; do
  name=${s%%:*}
  k=$(echo ${keep[$name]} | tr ' ' '\n' | median)
  c=$(echo ${close[$name]} | tr ' ' '\n' | median)
  kc=$(echo ${keepcpu[$name]} | tr ' ' '\n' | median)
  cc=$(echo ${closecpu[$name]} | tr ' ' '\n' | median)
  eval "K_$name=$k C_$name=$c"
  printf '%-10s %16.0f %16.0f %22.1f %22.1f\n' "$name" "$k" "$c" "$kc" "$cc"
done
echo "(CPU: the server's process and the shared nginx backend's workers, per request)" 
printf '\nratio devproof/caddy: keep-alive %.2fx, handshakes %.2fx\n' \
  "$(echo "$K_devproof / $K_caddy" | bc -l)" "$(echo "$C_devproof / $C_caddy" | bc -l)"
printf 'ratio devproof/nginx: keep-alive %.2fx, handshakes %.2fx\n' \
  "$(echo "$K_devproof / $K_nginx" | bc -l)" "$(echo "$C_devproof / $C_nginx" | bc -l)"
if [ -n "$BASELINE" ]; then
  printf 'ratio devproof/baseline: keep-alive %.2fx, handshakes %.2fx\n' \
    "$(echo "$K_devproof / $K_baseline" | bc -l)" "$(echo "$C_devproof / $C_baseline" | bc -l)"
fi
echo "(medians of $ROUNDS rounds of $DURATION, $CONNS connections, $(nproc) cores, all on this machine)"
