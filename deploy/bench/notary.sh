#!/usr/bin/env bash
# Measures the notary against a plain Go HTTPS GET of the same local source
# (new TLS connection each, same root), and the statement-signing rate:
#   BenchmarkPlainGet       plain GET
#   BenchmarkNotarize       hardened fetch (path, host, CRL cached), session
#                           record, JSON extraction, EIP-712 signature
#   BenchmarkSignStatement  EIP-712 statement signing alone
#   BenchmarkCTPolicy       CT policy on a real chain, log list loaded
# Prints medians of COUNT runs and the Notarize/PlainGet ratio.
set -euo pipefail
cd "$(dirname "$0")/../.."
COUNT=${COUNT:-5}
BENCHTIME=${BENCHTIME:-2s}
out=$(go test ./notary -run '^$' -bench 'PlainGet|Notarize|SignStatement|CTPolicy' -count "$COUNT" -benchtime "$BENCHTIME")
echo "$out" | grep '^Benchmark' >&2
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
ns() { echo "$out" | awk -v b="^$1-" '$0 ~ b {print $3}' | median; }
plain=$(ns BenchmarkPlainGet) notarize=$(ns BenchmarkNotarize) sign=$(ns BenchmarkSignStatement) ctp=$(ns BenchmarkCTPolicy)
printf '\n%-28s %12s\n' "" "median"
printf '%-28s %9.0f us\n' "plain HTTPS GET" "$(echo "$plain/1000" | bc -l)"
printf '%-28s %9.0f us\n' "notarize (hardened+signed)" "$(echo "$notarize/1000" | bc -l)"
printf '%-28s %9.0f us\n' "CT policy (real chain)" "$(echo "$ctp/1000" | bc -l)"
printf '%-28s %9.0f /s\n' "statement signing" "$(echo "1000000000/$sign" | bc -l)"
printf '\nnotarize / plain GET: %.2fx (goal: at most 1.2x)\n' "$(echo "$notarize/$plain" | bc -l)"
echo "(medians of $COUNT runs of $BENCHTIME, $(nproc) cores, loopback)"
