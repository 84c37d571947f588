package devstack

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"strconv"
	"time"

	"github.com/devproof/devproof/internal/evidence"
	"github.com/devproof/devproof/tunnel"
)

// Tunnel is the ingress's tunnel port in front of the demo TCP echo
// service, and the client command that reaches it.
type Tunnel struct {
	// Addr is the tunnel's TLS address; Echo the plain TCP service behind
	// it.
	Addr, Echo string
	// ClientListen is where Command's client accepts plain TCP.
	ClientListen string
	// Command runs `devproof tunnel client` in attested mode: it accepts
	// only a server key the app's /evidences/ attests.
	Command string
}

// startEcho runs the demo TCP service: it sends back what it reads and
// half-closes at the client's end.
func startEcho(stops *[]func()) (string, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	done := make(chan struct{})
	go func() {
		defer close(done)
		for {
			c, err := l.Accept()
			if err != nil {
				return
			}
			go func() {
				defer c.Close()
				c.SetDeadline(time.Now().Add(10 * time.Minute))
				io.Copy(c, c)
				c.(*net.TCPConn).CloseWrite()
			}()
		}
	}()
	*stops = append(*stops, func() { l.Close(); <-done })
	return l.Addr().String(), nil
}

// freeLoopbackPort is port when it is not 0, else a port nothing listened
// on a moment ago.
func freeLoopbackPort(port int) (int, error) {
	if port != 0 {
		return port, nil
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

// checkTunnel carries bytes through the ingress's tunnel port with a client
// that accepts only keys the evidence attests, as the printed command does,
// and fills in st.Tunnel.
func checkTunnel(ctx context.Context, st *Stack, step func(int, string, ...any), stops *[]func()) error {
	tn := st.Tunnel
	roots := x509.NewCertPool()
	roots.AppendCertsFromPEM(st.pebble.IssuerRootPEM)
	toIngress := &http.Transport{
		TLSClientConfig: &tls.Config{RootCAs: roots, MinVersion: tls.VersionTLS12},
		DialContext: func(ctx context.Context, network, _ string) (net.Conn, error) {
			return (&net.Dialer{}).DialContext(ctx, network, st.ingressAddr)
		},
	}
	*stops = append(*stops, toIngress.CloseIdleConnections)
	_, ingressPort, _ := net.SplitHostPort(st.ingressAddr)
	evidenceURL := "https://" + DemoDomain + ":" + ingressPort + "/evidences/"
	verify, err := tunnel.NewAttested(evidenceURL, evidence.Options{AllowSimulated: true, AppID: st.AppID, ComposeHashes: []string{st.ComposeHash}},
		&http.Client{Transport: toIngress, Timeout: 30 * time.Second})
	if err != nil {
		return err
	}
	n, err := verify.Refresh(ctx)
	if err != nil {
		return fmt.Errorf("tunnel: the evidence: %w", err)
	}
	c := &tunnel.Client{Connect: []string{tn.Addr}, ServerName: DemoDomain, Verify: verify, Logger: slog.New(slog.DiscardHandler)}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	cctx, cancel := context.WithCancel(ctx)
	done := make(chan error, 1)
	go func() { done <- c.Serve(cctx, l) }()
	defer func() { cancel(); <-done }()

	conn, err := net.DialTimeout("tcp", l.Addr().String(), 10*time.Second)
	if err != nil {
		return err
	}
	defer conn.Close()
	conn.SetDeadline(time.Now().Add(30 * time.Second))
	msg := make([]byte, 64<<10)
	rand.Read(msg)
	go func() {
		conn.Write(msg)
		conn.(*net.TCPConn).CloseWrite()
	}()
	got, err := io.ReadAll(conn)
	if err != nil {
		return fmt.Errorf("tunnel: reading the echo: %w", err)
	}
	if !bytes.Equal(got, msg) {
		return fmt.Errorf("tunnel: echo of %d bytes came back as %d different bytes", len(msg), len(got))
	}
	step(12, "tunnel: %s (TLS, the ingress's attested key, one of %d in keys.json) to the TCP echo at %s; %d bytes echoed", tn.Addr, n, tn.Echo, len(got))

	_, tunnelPort, _ := net.SplitHostPort(tn.Addr)
	tn.Command = fmt.Sprintf("go run ./cmd/devproof tunnel client --listen %s --connect 127.0.0.1:%s --sni %s "+
		"--attested %s --resolve %s:%s:127.0.0.1 --ca %s --app-id %s --compose-hash %s --allow-simulated",
		tn.ClientListen, tunnelPort, DemoDomain, evidenceURL, DemoDomain, ingressPort, shellQuote(st.RootPEM), st.AppID, st.ComposeHash)
	return nil
}

// tunnelPorts picks the tunnel's port and the printed client's: two and
// three above the ingress's, or free ones when it has none fixed.
func tunnelPorts(httpsPort int) (tunnelPort, clientPort int, err error) {
	if httpsPort != 0 && httpsPort < 65533 {
		return httpsPort + 2, httpsPort + 3, nil
	}
	if tunnelPort, err = freeLoopbackPort(0); err != nil {
		return 0, 0, err
	}
	clientPort, err = freeLoopbackPort(0)
	return tunnelPort, clientPort, err
}

func loopback(port int) string { return net.JoinHostPort("127.0.0.1", strconv.Itoa(port)) }

func portOf(addr string) string {
	_, port, _ := net.SplitHostPort(addr)
	return port
}
