package ctlog

import (
	"bytes"
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/sha256"
	"crypto/x509"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"sync"
	"time"

	ct "github.com/google/certificate-transparency-go"
	"github.com/google/certificate-transparency-go/trillian/ctfe"
	"github.com/google/certificate-transparency-go/trillian/ctfe/configpb"
	"github.com/google/trillian"
	"github.com/google/trillian/crypto/keys"
	"github.com/google/trillian/crypto/keys/der"
	"github.com/google/trillian/crypto/keyspb"
	"github.com/google/trillian/extension"
	tlog "github.com/google/trillian/log"
	"github.com/google/trillian/monitoring"
	"github.com/google/trillian/quota"
	"github.com/google/trillian/server"
	"github.com/google/trillian/storage"
	"github.com/google/trillian/storage/memory"
	"github.com/google/trillian/util/clock"
	"golang.org/x/sync/errgroup"
	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/protobuf/types/known/anypb"
	"google.golang.org/protobuf/types/known/durationpb"
	"k8s.io/klog/v2"
)

// RFC6962Log is a running local RFC 6962 log: Trillian's log server and
// sequencer on its memory storage, behind CTFE's HTTP handlers. Its entries
// live only as long as the process.
type RFC6962Log struct {
	Description string
	Operator    string
	// URL is the log's prefix, ending in "/": its endpoints are
	// URL+"ct/v1/get-sth" and so on.
	URL string
	// KeyDER is the log's public key (SubjectPublicKeyInfo); ID is its
	// sha256, the log id in SCTs.
	KeyDER []byte
	ID     [32]byte

	dir     string
	cancel  context.CancelFunc
	group   *errgroup.Group
	grpcSrv *grpc.Server
	conn    *grpc.ClientConn
	httpSrv *http.Server
	once    sync.Once
}

// sequencerInterval is how often new submissions are merged into the tree:
// short, so that tests see their entries within a fraction of a second.
const sequencerInterval = 150 * time.Millisecond

var registerDERKeys sync.Once

// StartRFC6962 runs an RFC 6962 log on 127.0.0.1, accepting chains that end
// at a root in rootsPEM.
func StartRFC6962(description, operator string, rootsPEM []byte) (l *RFC6962Log, err error) {
	// Trillian and CTFE log through klog; the stand-in keeps quiet.
	klog.LogToStderr(false)
	klog.SetOutput(io.Discard)
	registerDERKeys.Do(func() {
		keys.RegisterHandler(&keyspb.PrivateKey{}, der.FromProto)
	})

	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return nil, err
	}
	pubDER, err := x509.MarshalPKIXPublicKey(&key.PublicKey)
	if err != nil {
		return nil, err
	}
	privDER, err := x509.MarshalPKCS8PrivateKey(key)
	if err != nil {
		return nil, err
	}

	ctx, cancel := context.WithCancel(context.Background())
	group, gctx := errgroup.WithContext(ctx)
	l = &RFC6962Log{Description: description, Operator: operator, KeyDER: pubDER, ID: sha256.Sum256(pubDER), cancel: cancel, group: group}
	defer func() {
		if err != nil {
			l.Close()
			l = nil
		}
	}()

	// CTFE reads its roots from a file.
	if l.dir, err = os.MkdirTemp("", "rfc6962-log-"); err != nil {
		return l, err
	}
	roots := filepath.Join(l.dir, "roots.pem")
	if err := os.WriteFile(roots, rootsPEM, 0o600); err != nil {
		return l, err
	}

	ts := memory.NewTreeStorage()
	registry := extension.Registry{
		AdminStorage:  memory.NewAdminStorage(ts),
		LogStorage:    memory.NewLogStorage(ts, monitoring.InertMetricFactory{}),
		QuotaManager:  quota.Noop(),
		MetricFactory: monitoring.InertMetricFactory{},
	}
	tree, err := storage.CreateTree(ctx, registry.AdminStorage, &trillian.Tree{
		TreeState:       trillian.TreeState_ACTIVE,
		TreeType:        trillian.TreeType_LOG,
		DisplayName:     description,
		MaxRootDuration: durationpb.New(time.Hour),
	})
	if err != nil {
		return l, fmt.Errorf("trillian: create tree: %w", err)
	}

	// Trillian's log server, in process on loopback.
	lis, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return l, err
	}
	// Trillian's memory storage lets read-only transactions run together,
	// but each one clones the shared tree and stores it back on commit, so
	// two at once race: the log server takes one request at a time.
	var serial sync.Mutex
	l.grpcSrv = grpc.NewServer(grpc.UnaryInterceptor(func(ctx context.Context, req any, _ *grpc.UnaryServerInfo, h grpc.UnaryHandler) (any, error) {
		serial.Lock()
		defer serial.Unlock()
		return h(ctx, req)
	}))
	trillian.RegisterTrillianLogServer(l.grpcSrv, server.NewTrillianLogRPCServer(registry, clock.System))
	group.Go(func() error { return l.grpcSrv.Serve(lis) })

	if l.conn, err = grpc.NewClient(lis.Addr().String(), grpc.WithTransportCredentials(insecure.NewCredentials())); err != nil {
		return l, fmt.Errorf("trillian: dial %s: %w", lis.Addr(), err)
	}
	logClient := trillian.NewTrillianLogClient(l.conn)
	if _, err := logClient.InitLog(ctx, &trillian.InitLogRequest{LogId: tree.TreeId}); err != nil {
		return l, fmt.Errorf("trillian: init log %d: %w", tree.TreeId, err)
	}

	// The sequencer merges queued leaves into the tree.
	seq := tlog.NewOperationManager(tlog.OperationInfo{
		Registry:    registry,
		BatchSize:   256,
		NumWorkers:  1,
		RunInterval: sequencerInterval,
		TimeSource:  clock.System,
		Timeout:     10 * time.Second,
	}, tlog.NewSequencerManager(registry, 0))
	group.Go(func() error { seq.OperationLoop(gctx); return nil })

	privAny, err := anypb.New(&keyspb.PrivateKey{Der: privDER})
	if err != nil {
		return l, err
	}
	const prefix = "log"
	cfg, err := ctfe.ValidateLogConfig(&configpb.LogConfig{
		LogId:                 tree.TreeId,
		Prefix:                prefix,
		RootsPemFile:          []string{roots},
		PrivateKey:            privAny,
		PublicKey:             &keyspb.PublicKey{Der: pubDER},
		MaxMergeDelaySec:      60,
		ExpectedMergeDelaySec: 1,
	})
	if err != nil {
		return l, fmt.Errorf("CTFE config: %w", err)
	}
	inst, err := ctfe.SetUpInstance(ctx, ctfe.InstanceOptions{
		Validated:     cfg,
		Client:        logClient,
		Deadline:      10 * time.Second,
		MetricFactory: monitoring.InertMetricFactory{},
		RequestLog:    new(ctfe.DefaultRequestLog),
	})
	if err != nil {
		return l, fmt.Errorf("CTFE: %w", err)
	}
	mux := http.NewServeMux()
	for path, h := range inst.Handlers {
		mux.Handle(path, h)
	}

	hlis, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return l, err
	}
	l.httpSrv = &http.Server{Handler: mux, ReadHeaderTimeout: 10 * time.Second}
	group.Go(func() error {
		if err := l.httpSrv.Serve(hlis); !errors.Is(err, http.ErrServerClosed) {
			return err
		}
		return nil
	})
	l.URL = "http://" + hlis.Addr().String() + "/" + prefix + "/"
	return l, nil
}

// Close stops the log and waits for every goroutine it started.
func (l *RFC6962Log) Close() {
	l.once.Do(func() {
		if l.httpSrv != nil {
			l.httpSrv.Close()
		}
		l.cancel()
		if l.conn != nil {
			l.conn.Close()
		}
		if l.grpcSrv != nil {
			l.grpcSrv.Stop()
		}
		l.group.Wait()
		if l.dir != "" {
			os.RemoveAll(l.dir)
		}
	})
}

// AddChain submits a certificate chain (DER, leaf first) and returns the
// log's SCT.
func (l *RFC6962Log) AddChain(ctx context.Context, chain [][]byte) (*ct.SignedCertificateTimestamp, error) {
	return l.add(ctx, "add-chain", chain)
}

// AddPreChain submits a precertificate chain (DER, precertificate first)
// and returns the log's SCT.
func (l *RFC6962Log) AddPreChain(ctx context.Context, chain [][]byte) (*ct.SignedCertificateTimestamp, error) {
	return l.add(ctx, "add-pre-chain", chain)
}

func (l *RFC6962Log) add(ctx context.Context, endpoint string, chain [][]byte) (*ct.SignedCertificateTimestamp, error) {
	body, err := json.Marshal(ct.AddChainRequest{Chain: chain})
	if err != nil {
		return nil, err
	}
	hr, err := http.NewRequestWithContext(ctx, http.MethodPost, l.URL+"ct/v1/"+endpoint, bytes.NewReader(body))
	if err != nil {
		return nil, err
	}
	hr.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(hr)
	if err != nil {
		return nil, fmt.Errorf("CT log %s: %s: %w", l.Description, endpoint, err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("CT log %s: %s: HTTP %d: %s", l.Description, endpoint, resp.StatusCode, bytes.TrimSpace(b))
	}
	var r ct.AddChainResponse
	if err := json.Unmarshal(b, &r); err != nil {
		return nil, fmt.Errorf("CT log %s: %s reply: %w", l.Description, endpoint, err)
	}
	return r.ToSignedCertificateTimestamp()
}

// LogListWith is a loglist3 document like LogList's, listing the tiled
// logs in tiled_logs and the RFC 6962 logs in logs (the "description",
// "log_id", "key", "url", "mmd", "state" form), all usable, grouped by
// operator in the order operators first appear.
func LogListWith(version string, tiled []*Log, rfc6962 []*RFC6962Log) []byte {
	type state struct {
		Timestamp time.Time `json:"timestamp"`
	}
	usable := map[string]state{"usable": {Timestamp: time.Now().Add(-24 * time.Hour).UTC().Truncate(time.Second)}}
	type tiledLog struct {
		Description   string           `json:"description"`
		LogID         []byte           `json:"log_id"`
		Key           []byte           `json:"key"`
		SubmissionURL string           `json:"submission_url"`
		MonitoringURL string           `json:"monitoring_url"`
		MMD           int              `json:"mmd"`
		State         map[string]state `json:"state"`
	}
	type log struct {
		Description string           `json:"description"`
		LogID       []byte           `json:"log_id"`
		Key         []byte           `json:"key"`
		URL         string           `json:"url"`
		MMD         int              `json:"mmd"`
		State       map[string]state `json:"state"`
	}
	type operator struct {
		Name  string     `json:"name"`
		Email []string   `json:"email"`
		Logs  []log      `json:"logs"`
		Tiled []tiledLog `json:"tiled_logs"`
	}
	doc := struct {
		Version   string      `json:"version"`
		Timestamp time.Time   `json:"log_list_timestamp"`
		Operators []*operator `json:"operators"`
	}{Version: version, Timestamp: time.Now().UTC().Truncate(time.Second)}
	byName := map[string]*operator{}
	op := func(name string) *operator {
		o := byName[name]
		if o == nil {
			o = &operator{Name: name, Email: []string{"ct@devproof.test"}, Logs: []log{}, Tiled: []tiledLog{}}
			byName[name] = o
			doc.Operators = append(doc.Operators, o)
		}
		return o
	}
	for _, l := range tiled {
		o := op(l.Operator)
		o.Tiled = append(o.Tiled, tiledLog{Description: l.Description, LogID: l.ID[:], Key: l.KeyDER,
			SubmissionURL: l.URL, MonitoringURL: l.MonitoringURL, MMD: 60, State: usable})
	}
	for _, l := range rfc6962 {
		o := op(l.Operator)
		o.Logs = append(o.Logs, log{Description: l.Description, LogID: l.ID[:], Key: l.KeyDER, URL: l.URL, MMD: 60, State: usable})
	}
	b, _ := json.MarshalIndent(doc, "", "  ")
	return b
}
