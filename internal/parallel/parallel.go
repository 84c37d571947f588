// Package parallel lets a test package run its parallel tests all at once
// when they spend their time waiting on local services (a CA, DNS, a chain)
// rather than on the CPU, where go test would run only GOMAXPROCS at a time.
// Tests only.
package parallel

import (
	"flag"
	"strconv"
)

// AtLeast raises -test.parallel to n unless the command line set it. Call
// it from TestMain before m.Run.
func AtLeast(n int) {
	if !flag.Parsed() {
		flag.Parse()
	}
	set := false
	flag.Visit(func(f *flag.Flag) { set = set || f.Name == "test.parallel" })
	if f := flag.Lookup("test.parallel"); f != nil && !set {
		if cur, err := strconv.Atoi(f.Value.String()); err == nil && cur < n {
			f.Value.Set(strconv.Itoa(n))
		}
	}
}
