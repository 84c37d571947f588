// Package evidence owns what a devproof app publishes about itself under
// /evidences/: the file formats (dstack-ingress's set plus manifest.json and
// keys.json), the report_data tags that bind them to TDX quotes, how they
// are built, and how a consumer verifies them (see VERIFYING.md). Producers and consumers both import it, so a verifier
// never imports the producer it audits.
//
// It does not fetch certificates from CAs, look anything up in DNS, or judge
// on-chain policy (which compose hashes an app's AppAuth allows): callers
// bring those answers, for example as Options.ComposeHashes.
package evidence
