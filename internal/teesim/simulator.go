package teesim

import (
	"context"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/sha256"
	"crypto/sha512"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/hex"
	"encoding/json"
	"encoding/pem"
	"errors"
	"fmt"
	"io"
	"math/big"
	"net"
	"net/http"
	"os"
	"time"

	"github.com/ethereum/go-ethereum/crypto"

	"github.com/devproof/devproof/internal/attest"
	"github.com/devproof/devproof/internal/tee"
)

// Version is what the simulator answers to Version.
const Version = "devproof-simulator/1"

// DefaultAppCompose is the app-compose a simulator measures when given none.
const DefaultAppCompose = `{"manifest_version":2,"name":"devproof-dev","runner":"docker-compose","docker_compose_file":"services:\n  devproof:\n    image: devproof\n    volumes:\n      - /var/run/dstack.sock:/var/run/dstack.sock\n","kms_enabled":true,"gateway_enabled":true,"public_logs":true,"public_sysinfo":true,"public_tcbinfo":true,"key_provider":"kms","allowed_envs":[],"no_instance_id":false,"secure_time":false}`

// Config describes a simulated app. The zero value is not usable: set Seed
// or Keys.
type Config struct {
	// Seed makes the KMS root, app key and CA deterministic. Used when Keys
	// is nil.
	Seed []byte
	// Keys, for example from LoadAppKeys, replace the seeded keys.
	Keys *Keys
	// AppID is the 20-byte app id; nil means the first 20 bytes of the
	// compose hash, as dstack uses for apps without an on-chain id. With
	// Keys from an appkeys.json it must be the id its KMS signature names.
	AppID []byte
	// InstanceID is 20 bytes; nil derives one from the app id.
	InstanceID []byte
	// AppCompose is the app-compose.json measured as compose-hash; nil
	// means DefaultAppCompose.
	AppCompose []byte
	// EventLogVersion selects the runtime-event digest form, 1 (default)
	// or 2.
	EventLogVersion int
	// Authorize, when set, plays dstack's KMS: New asks it about the
	// instance's BootInfo and fails, with its reason, unless it allows the
	// boot; a refused instance never gets the app's keys.
	Authorize func(BootInfo attest.BootInfo) error
}

// Simulator serves the guest-agent API for one simulated app.
type Simulator struct {
	keys        *Keys
	appID       [20]byte
	instanceID  []byte
	appCompose  []byte
	composeHash []byte
	osImageHash []byte
	keyProvider []byte
	events      []attest.Event
	m           measurements
	ak          *ecdsa.PrivateKey
	name        string
}

// New builds a simulator: it measures the app into an event log and RTMR3.
func New(cfg Config) (*Simulator, error) {
	s := &Simulator{appCompose: cfg.AppCompose}
	if s.appCompose == nil {
		s.appCompose = []byte(DefaultAppCompose)
	}
	ch, err := attest.ComposeHash(s.appCompose)
	if err != nil {
		return nil, fmt.Errorf("simulator: %w", err)
	}
	s.composeHash, _ = hex.DecodeString(ch)
	var meta struct {
		Name string `json:"name"`
	}
	json.Unmarshal(s.appCompose, &meta)
	s.name = meta.Name

	switch {
	case cfg.AppID == nil && cfg.Keys != nil && cfg.Keys.KMSRoot == nil:
		// The KMS signature in an appkeys.json was issued for one app id;
		// guessing another would give chains that recover to no real root.
		return nil, errors.New("simulator: keys from an appkeys.json need the app id their KMS signature names (--app-id)")
	case cfg.AppID == nil:
		copy(s.appID[:], s.composeHash)
	case len(cfg.AppID) == 20:
		copy(s.appID[:], cfg.AppID)
	default:
		return nil, fmt.Errorf("simulator: app id is %d bytes, want 20", len(cfg.AppID))
	}
	s.keys = cfg.Keys
	if s.keys == nil {
		if s.keys, err = KeysFromSeed(cfg.Seed, s.appID); err != nil {
			return nil, err
		}
	}
	s.instanceID = cfg.InstanceID
	if s.instanceID == nil {
		h := sha256.Sum256(append([]byte("devproof-simulator instance:"), s.appID[:]...))
		s.instanceID = h[:20]
	}
	if len(s.instanceID) != 20 {
		return nil, fmt.Errorf("simulator: instance id is %d bytes, want 20", len(s.instanceID))
	}
	if cfg.EventLogVersion != 0 && cfg.EventLogVersion != 1 && cfg.EventLogVersion != 2 {
		return nil, fmt.Errorf("simulator: event log version %d is not 1 or 2", cfg.EventLogVersion)
	}
	s.osImageHash = OSImageHash[:]
	// dstack names the key provider by its CA key's SubjectPublicKeyInfo.
	spki, err := x509.MarshalPKIXPublicKey(&s.keys.CAKey.PublicKey)
	if err != nil {
		return nil, err
	}
	s.keyProvider = []byte(`{"name":"kms","id":"` + hex.EncodeToString(spki) + `"}`)

	// The RTMR3 sequence dstack's guest extends at boot.
	v := cfg.EventLogVersion
	s.events = []attest.Event{
		attest.NewRuntimeEvent("system-preparing", nil, v),
		attest.NewRuntimeEvent("app-id", s.appID[:], v),
		attest.NewRuntimeEvent("compose-hash", s.composeHash, v),
		attest.NewRuntimeEvent("instance-id", s.instanceID, v),
		attest.NewRuntimeEvent("boot-mr-done", nil, v),
		attest.NewRuntimeEvent("os-image-hash", s.osImageHash, v),
		attest.NewRuntimeEvent("key-provider", s.keyProvider, v),
		attest.NewRuntimeEvent("system-ready", nil, v),
	}
	label := func(l string) []byte {
		h := sha512.Sum384([]byte("devproof-simulator " + l))
		return h[:]
	}
	s.m.mrtd = label("mrtd")
	s.m.mrConfigID = make([]byte, 48)
	for i := 0; i < 3; i++ {
		s.m.rtmr[i] = label(fmt.Sprintf("rtmr%d", i))
	}
	if s.m.rtmr[3], err = attest.ReplayRTMR(s.events, 3); err != nil {
		return nil, err
	}
	if s.ak, err = ecdsa.GenerateKey(elliptic.P256(), rand.Reader); err != nil {
		return nil, err
	}
	if cfg.Authorize != nil {
		if err := cfg.Authorize(s.BootInfo()); err != nil {
			return nil, fmt.Errorf("simulator: the KMS refused to boot compose hash %x: %w", s.composeHash, err)
		}
	}
	return s, nil
}

// BootInfo is what the KMS is asked about this instance. Device and
// measurements are the simulator's (see Info); the TCB is reported up to
// date.
func (s *Simulator) BootInfo() attest.BootInfo {
	b := attest.BootInfo{
		AppID:        s.appID,
		DeviceID:     simDevice,
		MRAggregated: s.mrAggregated(),
		TCBStatus:    "UpToDate",
	}
	copy(b.ComposeHash[:], s.composeHash)
	copy(b.InstanceID[:], s.instanceID)
	copy(b.OSImageHash[:], s.osImageHash)
	sys := sha256.New()
	sys.Write(s.m.mrtd)
	for _, r := range s.m.rtmr[:3] {
		sys.Write(r)
	}
	copy(b.MRSystem[:], sys.Sum(nil))
	return b
}

var simDevice = sha256.Sum256([]byte("devproof-simulator device"))

// OSImageHash is the simulated guest's OS image hash, for a KMS's allowlist.
var OSImageHash = sha256.Sum256([]byte("devproof-simulator os image"))

func (s *Simulator) mrAggregated() [32]byte {
	h := sha256.New()
	h.Write(s.m.mrtd)
	for _, r := range s.m.rtmr {
		h.Write(r)
	}
	var out [32]byte
	copy(out[:], h.Sum(nil))
	return out
}

// AppID is the simulated app's id.
func (s *Simulator) AppID() [20]byte { return s.appID }

// Keys is the simulated app's key material.
func (s *Simulator) Keys() *Keys { return s.keys }

// Quote returns a GetQuote response for report data of at most 64 bytes.
func (s *Simulator) Quote(reportData []byte) (*tee.GetQuoteResponse, error) {
	if len(reportData) > 64 {
		return nil, fmt.Errorf("report data is %d bytes, at most 64 allowed", len(reportData))
	}
	var rd [64]byte
	copy(rd[:], reportData)
	q, err := makeQuote(&s.m, rd, s.ak)
	if err != nil {
		return nil, err
	}
	log, err := json.Marshal(s.events)
	if err != nil {
		return nil, err
	}
	return &tee.GetQuoteResponse{
		Quote:      hex.EncodeToString(q),
		EventLog:   string(log),
		ReportData: hex.EncodeToString(rd[:]),
		VmConfig:   s.vmConfig(),
	}, nil
}

func (s *Simulator) vmConfig() string {
	return `{"os_image_hash":"` + hex.EncodeToString(s.osImageHash) + `","cpu_count":2,"memory_size":2147483648}`
}

// Info returns the app's identity and TCB info.
func (s *Simulator) Info() (*tee.InfoResponse, error) {
	mrAgg := s.mrAggregated()
	device := simDevice
	events, err := json.Marshal(s.events)
	if err != nil {
		return nil, err
	}
	tcb, err := json.MarshalIndent(tee.TcbInfo{
		Mrtd:         hex.EncodeToString(s.m.mrtd),
		Rtmr0:        hex.EncodeToString(s.m.rtmr[0]),
		Rtmr1:        hex.EncodeToString(s.m.rtmr[1]),
		Rtmr2:        hex.EncodeToString(s.m.rtmr[2]),
		Rtmr3:        hex.EncodeToString(s.m.rtmr[3]),
		AppCompose:   string(s.appCompose),
		EventLog:     events,
		MrAggregated: hex.EncodeToString(mrAgg[:]),
		OsImageHash:  hex.EncodeToString(s.osImageHash),
		ComposeHash:  hex.EncodeToString(s.composeHash),
		DeviceID:     hex.EncodeToString(device[:]),
	}, "", "  ")
	if err != nil {
		return nil, err
	}
	return &tee.InfoResponse{
		AppID:           hex.EncodeToString(s.appID[:]),
		InstanceID:      hex.EncodeToString(s.instanceID),
		TcbInfo:         string(tcb),
		AppName:         s.name,
		DeviceID:        hex.EncodeToString(device[:]),
		MrAggregated:    hex.EncodeToString(mrAgg[:]),
		KeyProviderInfo: string(s.keyProvider),
		OsImageHash:     hex.EncodeToString(s.osImageHash),
		ComposeHash:     hex.EncodeToString(s.composeHash),
		VmConfig:        s.vmConfig(),
	}, nil
}

// derived is a GetKey result before encoding.
type derived struct {
	priv   []byte
	pubHex string
	chain  [][]byte
	k256   *ecdsa.PrivateKey
	ed     ed25519.PrivateKey
}

// GetKey derives a key as dstack's guest agent does: key =
// HKDF-SHA256(salt "RATLS", ikm = app key, info = path); chain[0] is the app
// key's signature over keccak256(purpose ":" hex(public key)), chain[1] is
// the KMS signature over the app key.
func (s *Simulator) getKey(path, purpose, algorithm string) (*derived, error) {
	d := &derived{priv: deriveKey(crypto.FromECDSA(s.keys.AppKey), []byte(path))}
	switch algorithm {
	case "", "secp256k1", "k256":
		k, err := crypto.ToECDSA(d.priv)
		if err != nil {
			return nil, fmt.Errorf("derived key for path %q is invalid: %w", path, err)
		}
		d.k256 = k
		d.pubHex = hex.EncodeToString(crypto.CompressPubkey(&k.PublicKey))
	case "ed25519":
		d.ed = ed25519.NewKeyFromSeed(d.priv)
		d.pubHex = hex.EncodeToString(d.ed.Public().(ed25519.PublicKey))
	default:
		return nil, fmt.Errorf("unsupported algorithm %q (want secp256k1 or ed25519)", algorithm)
	}
	sig, err := crypto.Sign(crypto.Keccak256([]byte(purpose+":"+d.pubHex)), s.keys.AppKey)
	if err != nil {
		return nil, err
	}
	d.chain = [][]byte{sig, s.keys.KMSSignature}
	return d, nil
}

// GetKey is the GetKey call.
func (s *Simulator) GetKey(req tee.GetKeyRequest) (*tee.GetKeyResponse, error) {
	d, err := s.getKey(req.Path, req.Purpose, req.Algorithm)
	if err != nil {
		return nil, err
	}
	return &tee.GetKeyResponse{Key: hex.EncodeToString(d.priv), SignatureChain: hexAll(d.chain)}, nil
}

func hexAll(bs [][]byte) []string {
	out := make([]string, len(bs))
	for i, b := range bs {
		out[i] = hex.EncodeToString(b)
	}
	return out
}

// Sign signs with the app's "vms"/"signing" key, as the agent does:
// secp256k1 signs sha256(data), secp256k1_prehashed signs a 32-byte digest.
func (s *Simulator) Sign(algorithm string, data []byte) (*tee.SignResponseWire, error) {
	keyAlg := algorithm
	if algorithm == "secp256k1_prehashed" {
		keyAlg = "secp256k1"
	}
	d, err := s.getKey("vms", "signing", keyAlg)
	if err != nil {
		return nil, err
	}
	var sig, pub []byte
	switch algorithm {
	case "ed25519":
		sig = ed25519.Sign(d.ed, data)
		pub = d.ed.Public().(ed25519.PublicKey)
	case "secp256k1", "secp256k1_prehashed", "":
		digest := data
		if algorithm != "secp256k1_prehashed" {
			h := sha256.Sum256(data)
			digest = h[:]
		} else if len(data) != 32 {
			return nil, fmt.Errorf("pre-hashed signing requires a 32-byte digest, got %d bytes", len(data))
		}
		full, err := crypto.Sign(digest, d.k256)
		if err != nil {
			return nil, err
		}
		sig = full[:64]
		pub = crypto.CompressPubkey(&d.k256.PublicKey)
	default:
		return nil, fmt.Errorf("unsupported algorithm %q", algorithm)
	}
	return &tee.SignResponseWire{
		Signature:      hex.EncodeToString(sig),
		SignatureChain: hexAll(append([][]byte{sig}, d.chain...)),
		PublicKey:      hex.EncodeToString(pub),
	}, nil
}

// Verify checks a signature the way Sign makes them.
func (s *Simulator) Verify(algorithm string, data, sig, pub []byte) (bool, error) {
	switch algorithm {
	case "ed25519":
		if len(pub) != ed25519.PublicKeySize {
			return false, fmt.Errorf("ed25519 public key is %d bytes, want 32", len(pub))
		}
		return ed25519.Verify(pub, data, sig), nil
	case "secp256k1", "secp256k1_prehashed":
		if len(sig) != 64 {
			return false, fmt.Errorf("secp256k1 signature is %d bytes, want 64", len(sig))
		}
		digest := data
		if algorithm == "secp256k1" {
			h := sha256.Sum256(data)
			digest = h[:]
		}
		return crypto.VerifySignature(pub, digest, sig), nil
	}
	return false, fmt.Errorf("unsupported algorithm %q", algorithm)
}

// GetTlsKey makes a fresh P-256 key and a certificate from the app CA.
// With UsageRaTls the certificate also carries dstack's RA-TLS extensions:
// a quote whose report_data is attest.RATLSReportData of the key, and the
// event log.
func (s *Simulator) GetTlsKey(req tee.GetTlsKeyRequest) (*tee.GetTlsKeyResponse, error) {
	if req.NotBefore != nil && req.NotAfter != nil && *req.NotBefore >= *req.NotAfter {
		return nil, errors.New("not_before must be earlier than not_after")
	}
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return nil, err
	}
	serial, _ := rand.Int(rand.Reader, new(big.Int).Lsh(big.NewInt(1), 127))
	tmpl := &x509.Certificate{
		SerialNumber: serial,
		Subject:      pkix.Name{CommonName: req.Subject},
		DNSNames:     req.AltNames,
		NotBefore:    time.Now().Add(-time.Minute),
		NotAfter:     time.Now().AddDate(1, 0, 0),
		KeyUsage:     x509.KeyUsageDigitalSignature,
	}
	if req.NotBefore != nil {
		tmpl.NotBefore = time.Unix(int64(*req.NotBefore), 0)
	}
	if req.NotAfter != nil {
		tmpl.NotAfter = time.Unix(int64(*req.NotAfter), 0)
	}
	if req.UsageServerAuth {
		tmpl.ExtKeyUsage = append(tmpl.ExtKeyUsage, x509.ExtKeyUsageServerAuth)
	}
	if req.UsageClientAuth {
		tmpl.ExtKeyUsage = append(tmpl.ExtKeyUsage, x509.ExtKeyUsageClientAuth)
	}
	if req.UsageRaTls {
		spki, err := x509.MarshalPKIXPublicKey(&key.PublicKey)
		if err != nil {
			return nil, err
		}
		rd := attest.RATLSReportData(spki)
		q, err := s.Quote(rd[:])
		if err != nil {
			return nil, err
		}
		raw, err := hex.DecodeString(q.Quote)
		if err != nil {
			return nil, err
		}
		exts, err := attest.RATLSExtensions(raw, []byte(q.EventLog))
		if err != nil {
			return nil, err
		}
		tmpl.ExtraExtensions = exts
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, s.keys.CACert, &key.PublicKey, s.keys.CAKey)
	if err != nil {
		return nil, fmt.Errorf("issuing TLS certificate: %w", err)
	}
	pk, err := x509.MarshalPKCS8PrivateKey(key)
	if err != nil {
		return nil, err
	}
	return &tee.GetTlsKeyResponse{
		Key: string(pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: pk})),
		CertificateChain: []string{
			string(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der})),
			string(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: s.keys.CACert.Raw})),
		},
	}, nil
}

// maxRequestBytes bounds a request body.
const maxRequestBytes = 1 << 20

// Handler serves the guest-agent HTTP API: POST /Info, /GetKey, /GetQuote,
// /GetTlsKey, /Sign, /Verify and /Version (also /GetVersion). Errors are
// HTTP 400 with the message as plain text.
func (s *Simulator) Handler() http.Handler {
	mux := http.NewServeMux()
	handle := func(name string, fn func(body []byte) (any, error)) {
		mux.HandleFunc("POST /"+name, func(w http.ResponseWriter, r *http.Request) {
			body, err := io.ReadAll(io.LimitReader(r.Body, maxRequestBytes+1))
			if err == nil && len(body) > maxRequestBytes {
				err = fmt.Errorf("request body over %d bytes", maxRequestBytes)
			}
			var resp any
			if err == nil {
				resp, err = fn(body)
			}
			if err != nil {
				http.Error(w, name+": "+err.Error(), http.StatusBadRequest)
				return
			}
			w.Header().Set("Content-Type", "application/json")
			json.NewEncoder(w).Encode(resp)
		})
	}
	decode := func(body []byte, v any) error {
		if len(body) == 0 {
			return nil
		}
		if err := json.Unmarshal(body, v); err != nil {
			return fmt.Errorf("request is not valid JSON: %w", err)
		}
		return nil
	}
	handle("Info", func([]byte) (any, error) { return s.Info() })
	handle("GetKey", func(b []byte) (any, error) {
		var req tee.GetKeyRequest
		if err := decode(b, &req); err != nil {
			return nil, err
		}
		return s.GetKey(req)
	})
	quote := func(hexRD string) (any, error) {
		rd, err := tee.DecodeHex("report_data", hexRD)
		if err != nil {
			return nil, err
		}
		return s.Quote(rd)
	}
	handle("GetQuote", func(b []byte) (any, error) {
		var req tee.GetQuoteRequest
		if err := decode(b, &req); err != nil {
			return nil, err
		}
		return quote(req.ReportData)
	})
	// The agent also answers GET /GetQuote?report_data=HEX, which
	// dstack-ingress's scripts use.
	mux.HandleFunc("GET /GetQuote", func(w http.ResponseWriter, r *http.Request) {
		resp, err := quote(r.URL.Query().Get("report_data"))
		if err != nil {
			http.Error(w, "GetQuote: "+err.Error(), http.StatusBadRequest)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		json.NewEncoder(w).Encode(resp)
	})
	handle("GetTlsKey", func(b []byte) (any, error) {
		var req tee.GetTlsKeyRequest
		if err := decode(b, &req); err != nil {
			return nil, err
		}
		return s.GetTlsKey(req)
	})
	handle("Sign", func(b []byte) (any, error) {
		var req tee.SignRequest
		if err := decode(b, &req); err != nil {
			return nil, err
		}
		data, err := tee.DecodeHex("data", req.Data)
		if err != nil {
			return nil, err
		}
		return s.Sign(req.Algorithm, data)
	})
	handle("Verify", func(b []byte) (any, error) {
		var req tee.VerifyRequest
		if err := decode(b, &req); err != nil {
			return nil, err
		}
		var f [3][]byte
		for i, kv := range [3][2]string{{"data", req.Data}, {"signature", req.Signature}, {"public_key", req.PublicKey}} {
			var err error
			if f[i], err = tee.DecodeHex(kv[0], kv[1]); err != nil {
				return nil, err
			}
		}
		ok, err := s.Verify(req.Algorithm, f[0], f[1], f[2])
		return tee.VerifyResponse{Valid: ok}, err
	})
	version := func([]byte) (any, error) { return tee.VersionResponse{Version: Version, Rev: "simulator"}, nil }
	handle("Version", version)
	handle("GetVersion", version)
	return mux
}

// ListenUnix listens on a unix socket at path, replacing a stale socket
// file but refusing to replace anything else or a socket that still answers.
func ListenUnix(path string) (net.Listener, error) {
	if fi, err := os.Lstat(path); err == nil {
		if fi.Mode()&os.ModeSocket == 0 {
			return nil, fmt.Errorf("socket path %q exists and is not a socket", path)
		}
		if c, err := net.DialTimeout("unix", path, time.Second); err == nil {
			c.Close()
			return nil, fmt.Errorf("socket path %q is in use by another process", path)
		}
		if err := os.Remove(path); err != nil {
			return nil, fmt.Errorf("removing stale socket %q: %w", path, err)
		}
	}
	l, err := net.Listen("unix", path)
	if err != nil {
		return nil, fmt.Errorf("listening on %q: %w", path, err)
	}
	return l, nil
}

// Serve answers the API on l until ctx is done, then shuts down gracefully.
func (s *Simulator) Serve(ctx context.Context, l net.Listener) error {
	srv := &http.Server{Handler: s.Handler(), ReadHeaderTimeout: 10 * time.Second}
	done := make(chan struct{})
	go func() {
		select {
		case <-ctx.Done():
			sctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
			defer cancel()
			srv.Shutdown(sctx)
		case <-done:
		}
	}()
	err := srv.Serve(l)
	close(done)
	if errors.Is(err, http.ErrServerClosed) {
		return nil
	}
	return err
}

// Start serves the simulator on a unix socket at path and returns a client
// for it and a function that stops serving and removes the socket.
func (s *Simulator) Start(path string) (*tee.Client, func(), error) {
	l, err := ListenUnix(path)
	if err != nil {
		return nil, nil, err
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { s.Serve(ctx, l); close(done) }()
	return tee.New(path), func() { cancel(); <-done; os.Remove(path) }, nil
}
