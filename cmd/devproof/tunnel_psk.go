package main

import (
	"fmt"

	"github.com/devproof/devproof/tunnel"
)

// tunnelServerPSK loads the server's PSKsecrets file, when one is set.
func tunnelServerPSK(get func(string) (string, string), s *tunnel.Server) error {
	file, from := get("psk-secrets")
	if file == "" {
		return nil
	}
	psks, err := tunnel.LoadPSKSecrets(file)
	if err != nil {
		return fmt.Errorf("tunnel: %s: %w", from, err)
	}
	s.PSKSecrets = psks
	return nil
}

// tunnelClientPSK picks identity's key from a PSKsecrets file; an empty
// identity takes the file's first, as stunnel's PSKidentity does.
func tunnelClientPSK(file, identity string) (*tunnel.PSK, error) {
	psks, err := tunnel.LoadPSKSecrets(file)
	if err != nil {
		return nil, fmt.Errorf("--psk-secrets: %w", err)
	}
	if identity == "" {
		return &psks[0], nil
	}
	for i := range psks {
		if psks[i].Identity == identity {
			return &psks[i], nil
		}
	}
	return nil, fmt.Errorf("--psk-identity %q is not in --psk-secrets %s", identity, file)
}
