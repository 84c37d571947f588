// Package cfapi is a local stand-in for the part of Cloudflare's API v4 that
// DNS automation uses (zones; DNS records: list, create, patch, delete),
// backed by the local DNS server so records written through it resolve.
// libdns/cloudflare reaches it through its HTTPClient field.
//
// It checks the bearer token (403 otherwise) but models no accounts,
// permissions or rate limits.
package cfapi
