package evidence

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
)

// Bounds on an evidence set read from a directory or fetched. keys.json is
// the largest file: it grows by one quote with its event log (tens of
// kilobytes on real hardware) per key the app has ever used.
const (
	MaxFileBytes = 4 << 20
	MaxFiles     = 256
)

// ReadDir reads an evidence set from the regular files in dir.
// Subdirectories are ignored.
func ReadDir(dir string) (Files, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, fmt.Errorf("evidence directory %s: %w", dir, err)
	}
	files := Files{}
	for _, e := range entries {
		if e.IsDir() {
			continue
		}
		if len(files) == MaxFiles {
			return nil, fmt.Errorf("evidence directory %s holds over %d files", dir, MaxFiles)
		}
		p := filepath.Join(dir, e.Name())
		f, err := os.Open(p)
		if err != nil {
			return nil, fmt.Errorf("evidence file %s: %w", p, err)
		}
		b, err := io.ReadAll(io.LimitReader(f, MaxFileBytes+1))
		f.Close()
		if err != nil {
			return nil, fmt.Errorf("evidence file %s: %w", p, err)
		}
		if len(b) > MaxFileBytes {
			return nil, fmt.Errorf("evidence file %s is over %d bytes", p, MaxFileBytes)
		}
		files[e.Name()] = b
	}
	return files, nil
}

// Fetch downloads an evidence set: base is the /evidences/ URL, whose
// listing is text/plain with one file name per line; each listed file is
// then fetched from base. A nil client means http.DefaultClient; give one
// with a timeout.
func Fetch(ctx context.Context, client *http.Client, base string) (Files, error) {
	if client == nil {
		client = http.DefaultClient
	}
	u, err := url.Parse(base)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, fmt.Errorf("evidence URL %q is not an absolute http(s) URL", base)
	}
	if !strings.HasSuffix(u.Path, "/") {
		u.Path += "/"
		u.RawPath = ""
	}
	listing, ctype, err := get(ctx, client, u.String())
	if err != nil {
		return nil, err
	}
	if mt, _, _ := mime.ParseMediaType(ctype); mt != "text/plain" {
		return nil, fmt.Errorf("evidence listing %s is %q, want text/plain with one file name per line", u, ctype)
	}
	var names []string
	seen := map[string]bool{}
	sc := bufio.NewScanner(bytes.NewReader(listing))
	for sc.Scan() {
		name := strings.TrimSpace(sc.Text())
		if name == "" {
			continue
		}
		if !plainName(name) {
			return nil, fmt.Errorf("evidence listing %s names %q, which is not a plain file name", u, name)
		}
		if seen[name] {
			return nil, fmt.Errorf("evidence listing %s names %q twice", u, name)
		}
		seen[name] = true
		names = append(names, name)
		if len(names) > MaxFiles {
			return nil, fmt.Errorf("evidence listing %s names over %d files", u, MaxFiles)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("evidence listing %s: %w", u, err)
	}
	files := Files{}
	for _, name := range names {
		fu := u.JoinPath(name).String()
		if files[name], _, err = get(ctx, client, fu); err != nil {
			return nil, err
		}
	}
	return files, nil
}

func get(ctx context.Context, client *http.Client, u string) ([]byte, string, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return nil, "", fmt.Errorf("evidence %s: %w", u, err)
	}
	resp, err := client.Do(req)
	if err != nil {
		return nil, "", fmt.Errorf("evidence %s: %w", u, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, "", fmt.Errorf("evidence %s: HTTP status %s", u, resp.Status)
	}
	b, err := io.ReadAll(io.LimitReader(resp.Body, MaxFileBytes+1))
	if err != nil {
		return nil, "", fmt.Errorf("evidence %s: %w", u, err)
	}
	if len(b) > MaxFileBytes {
		return nil, "", fmt.Errorf("evidence %s is over %d bytes", u, MaxFileBytes)
	}
	return b, resp.Header.Get("Content-Type"), nil
}

// plainName reports whether name can only mean a file directly under
// /evidences/: no path separators, no "..", no control characters.
func plainName(name string) bool {
	if name == "" || name == "." || strings.Contains(name, "..") || strings.ContainsAny(name, `/\`) {
		return false
	}
	for _, r := range name {
		if r < 0x20 || r == 0x7f {
			return false
		}
	}
	return true
}
