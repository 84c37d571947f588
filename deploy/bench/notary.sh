#!/usr/bin/env bash
# Measures the notary against a plain Go HTTPS GET of the same local source
# (a certificate a local CA logged to two local TesseraCT logs, with a CRL;
# a new TLS connection per fetch, same root), and the statement-signing rate:
#   PlainGet / Notarize     one fetch at a time: latency
#   ...Parallel             GOMAXPROCS fetches in flight: throughput
#   Notarize                path, host, CT required against the logs' list,
#                           CRL (cached), session record, JSON extraction,
#                           EIP-712 signature
#   SignStatement           EIP-712 statement signing alone
#   CTPolicy                CT policy on a real chain, log list loaded
# Prints medians of COUNT runs and the Notarize/PlainGet ratios.
set -euo pipefail
cd "$(dirname "$0")/../.."
for tool in go awk bc; do command -v "$tool" >/dev/null || { echo "notary.sh needs $tool" >&2; exit 1; }; done
COUNT=${COUNT:-5}
BENCHTIME=${BENCHTIME:-2s}
out=$(go test ./notary -run '^$' -bench 'PlainGet|Notarize|SignStatement|CTPolicy' -count "$COUNT" -benchtime "$BENCHTIME")
echo "$out" | grep '^Benchmark' >&2
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
ns() { echo "$out" | awk -v b="^$1-" '$0 ~ b {print $3}' | median; }
plain=$(ns BenchmarkPlainGet) notarize=$(ns BenchmarkNotarize)
plainp=$(ns BenchmarkPlainGetParallel) notarizep=$(ns BenchmarkNotarizeParallel)
sign=$(ns BenchmarkSignStatement) ctp=$(ns BenchmarkCTPolicy)
printf '\n%-34s %12s\n' "" "median"
printf '%-34s %9.0f us\n' "plain HTTPS GET, latency" "$(echo "$plain/1000" | bc -l)"
printf '%-34s %9.0f us\n' "notarize (hardened+signed), latency" "$(echo "$notarize/1000" | bc -l)"
printf '%-34s %9.0f /s\n' "plain HTTPS GET, throughput" "$(echo "1000000000/$plainp" | bc -l)"
printf '%-34s %9.0f /s\n' "notarize, throughput" "$(echo "1000000000/$notarizep" | bc -l)"
printf '%-34s %9.0f us\n' "CT policy (real chain)" "$(echo "$ctp/1000" | bc -l)"
printf '%-34s %9.0f /s\n' "statement signing" "$(echo "1000000000/$sign" | bc -l)"
printf '\nnotarize / plain GET: latency %.2fx, throughput cost %.2fx (goal: at most 1.2x)\n' \
  "$(echo "$notarize/$plain" | bc -l)" "$(echo "$notarizep/$plainp" | bc -l)"
echo "(medians of $COUNT runs of $BENCHTIME, $(nproc) cores, loopback)"
