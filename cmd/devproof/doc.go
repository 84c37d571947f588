// Command devproof is the devproof toolkit's single binary. Each subcommand
// lives in its own file and only turns flags and environment into a call
// into a package.
//
// Built with -tags tee (as the container image is), it leaves out the
// development commands and with them every local stand-in.
package main
