// Package sandbox is a local Confluence Cloud emulator: one loopback HTTP server that serves the Confluence
// site of package confluence (a faithful subset of the REST API, also behind the OAuth gateway prefix), the
// CSUM Admin API of package app and the Atlassian organization Admin API of package admin, all over one
// in-memory model that can be seeded and persisted to a state file. FIDELITY.md maps what it emulates to the
// tests that prove it.
package sandbox

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"strings"
	"time"

	"github.com/csum-tools/terraform-provider-csum/internal/sandbox/admin"
	"github.com/csum-tools/terraform-provider-csum/internal/sandbox/app"
	"github.com/csum-tools/terraform-provider-csum/internal/sandbox/confluence"
	"github.com/csum-tools/terraform-provider-csum/internal/sandbox/faults"
)

// AppPrefix is where the CSUM Admin API is mounted: app_url = URL() + AppPrefix.
const AppPrefix = "/csum-admin"

// AdminPrefix is where the Atlassian organization Admin API is mounted, as on api.atlassian.com:
// admin_api_url = AdminURL(), and its paths start with /admin/v1 or /admin/v2.
const AdminPrefix = "/admin"

// Options configure Start.
type Options struct {
	// Seed is the initial model; a zero Seed means DemoSeed().
	Seed Seed
	// StatePath, when set, is loaded at start if it exists (instead of Seed) and rewritten atomically after
	// every successful write.
	StatePath string
	Faults    faults.Config
	// SpaceRoleMode, when set, puts the site in that space role mode at start, whatever the seed or the state
	// file says.
	SpaceRoleMode string
	// Addr to listen on; default 127.0.0.1:0 (a free loopback port).
	Addr string
	// Journal records every write served over HTTP with the facts it changed (Server.Journal). It
	// serializes writes and snapshots the model twice per write: for tests, not for large models.
	Journal bool
	// StableIDs makes the IDs the sandbox assigns derive from what they identify (see
	// confluence.Store.UseStableIDs), so that runs making the same changes in any order assign the same.
	StableIDs bool
}

// Server is a running sandbox.
type Server struct {
	store       *confluence.Store
	app         *app.App
	org         *admin.Org
	injector    *faults.Injector
	credentials Credentials
	cloudID     string
	appSeed     app.Seed
	url         string
	http        *http.Server
	served      chan error
	state       *stateWriter
	journal     *journal // nil unless Options.Journal
}

// Start builds the model (state file or seed), listens and serves; it returns once the listener is up.
func Start(opts Options) (*Server, error) {
	seed, saved, err := initialModel(opts)
	if err != nil {
		return nil, err
	}
	store, err := seed.build()
	if err != nil {
		return nil, fmt.Errorf("building the sandbox model: %w", err)
	}
	if saved != nil {
		store.RaiseNextPermissionID(saved.NextPermissionID)
		if err := store.RestoreSystemRoleIDs(saved.SystemRoleIDs); err != nil {
			return nil, fmt.Errorf("state file %s: %w", opts.StatePath, err)
		}
	}
	if opts.SpaceRoleMode != "" {
		if err := store.SetSpaceRoleMode(opts.SpaceRoleMode); err != nil {
			return nil, err
		}
	}
	if opts.StableIDs {
		if err := store.UseStableIDs(); err != nil {
			return nil, err
		}
	}
	org, err := seed.buildOrg(store, time.Now())
	if err != nil {
		return nil, fmt.Errorf("building the sandbox organization: %w", err)
	}
	s := &Server{store: store, org: org, injector: faults.New(opts.Faults), credentials: seed.Credentials,
		cloudID: seed.CloudID, appSeed: seed.App, served: make(chan error, 1)}
	if s.cloudID == "" {
		s.cloudID = confluence.DefaultCloudID
	}
	if opts.StatePath != "" {
		s.state = &stateWriter{path: opts.StatePath}
	}
	s.app = app.New(directory{store}, seed.App, s.persist)
	if saved != nil {
		s.app.Restore(saved.App)
	}
	if opts.Journal {
		s.journal = &journal{facts: s.Facts}
	}
	addr := opts.Addr
	if addr == "" {
		addr = "127.0.0.1:0"
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, err
	}
	s.url = "http://" + ln.Addr().String()
	s.http = &http.Server{Handler: s.injector.Wrap(s.routes()), ReadHeaderTimeout: 10 * time.Second}
	if err := s.persistErr(); err != nil { // a state path that cannot be written fails now, not later
		_ = ln.Close()
		return nil, err
	}
	go func() { s.served <- s.http.Serve(ln) }()
	return s, nil
}

// initialModel picks the state file when it exists, else the seed; saved is nil when starting from a seed.
func initialModel(opts Options) (seed Seed, saved *stateFile, err error) {
	if opts.StatePath != "" {
		st, found, err := readState(opts.StatePath)
		if err != nil {
			return Seed{}, nil, err
		}
		if found {
			return st.Confluence, &st, nil
		}
	}
	if seedIsZero(opts.Seed) {
		return DemoSeed(), nil, nil
	}
	return opts.Seed, nil, nil
}

func seedIsZero(s Seed) bool {
	return len(s.Users) == 0 && len(s.Groups) == 0 && len(s.Spaces) == 0
}

// routes is the whole sandbox: the control endpoints (faults, counts, space role mode), the app, and
// Confluence.
func (s *Server) routes() *persistingMux {
	mux := http.NewServeMux()
	mux.Handle("/_sandbox/", s.injector.ControlHandler())
	mux.Handle("/_sandbox/space-role-mode", s.spaceRoleModeControl())
	mux.Handle("/_sandbox/journal", s.journalControl())
	for _, m := range mounts {
		inner := http.StripPrefix(m.prefix, m.handler(s))
		mux.Handle(m.prefix+"/", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			// Count requests per endpoint, as Confluence's are, rather than all under one prefix.
			faults.SetRoute(r, r.Method+" "+m.route(r.URL.Path))
			inner.ServeHTTP(w, r)
		}))
	}
	confluence.Register(mux, s.store, s.cloudID)
	mux.HandleFunc("/", confluence.NotFound)
	return &persistingMux{ServeMux: mux, persist: s.persist, cloudID: s.cloudID, journal: s.journal}
}

// persistingMux serves the gateway prefix as the site it stands for, saves the model after every
// successful Confluence write and journals writes when asked to. It stays a pattern resolver so the fault
// injector can name the route of a request it answers itself.
type persistingMux struct {
	*http.ServeMux
	persist func()
	cloudID string
	journal *journal // nil unless Options.Journal
}

// mount is an API served under its own prefix, beside Confluence.
type mount struct {
	prefix  string
	handler func(*Server) http.Handler
	// template names the endpoint of a path relative to prefix, with IDs as placeholders.
	template func(path string) string
}

// route is the route template of a path under the mount ("/csum-admin/v1/spaces/{spaceKey}/groups").
func (m mount) route(path string) string {
	return m.prefix + m.template(strings.TrimPrefix(path, m.prefix))
}

// mounts are the CSUM app and the organization's Admin API.
var mounts = []mount{
	{AppPrefix, func(s *Server) http.Handler { return s.app.Handler() }, app.RouteTemplate},
	{AdminPrefix, func(s *Server) http.Handler { return s.org.Handler() }, admin.RouteTemplate},
}

// Handler resolves a gateway path as the site path behind it, and names the paths of the mounted APIs by
// their endpoint.
func (m *persistingMux) Handler(r *http.Request) (http.Handler, string) {
	for _, mt := range mounts {
		if strings.HasPrefix(r.URL.Path, mt.prefix+"/") {
			h, _ := m.ServeMux.Handler(r)
			return h, mt.route(r.URL.Path)
		}
	}
	if _, rest, ok := confluence.SplitGateway(r.URL.Path); ok {
		u := *r.URL
		u.Path, u.RawPath = rest, ""
		inner := *r
		inner.URL = &u
		return m.ServeMux.Handler(&inner)
	}
	return m.ServeMux.Handler(r)
}

func (m *persistingMux) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	r, ok := confluence.ThroughGateway(w, r, m.cloudID)
	if !ok {
		return
	}
	if r.Method == http.MethodGet || r.Method == http.MethodHead {
		m.ServeMux.ServeHTTP(w, r)
		return
	}
	serve := func() int {
		rec := &statusRecorder{ResponseWriter: w, status: http.StatusOK}
		m.ServeMux.ServeHTTP(rec, r)
		if rec.status < 400 && strings.HasPrefix(r.URL.Path, "/wiki/") {
			m.persist() // the app saves its own writes
		}
		return rec.status
	}
	if m.journal == nil {
		serve()
		return
	}
	m.journal.record(r, serve)
}

type statusRecorder struct {
	http.ResponseWriter
	status int
}

func (r *statusRecorder) WriteHeader(status int) {
	r.status = status
	r.ResponseWriter.WriteHeader(status)
}

// URL is the site URL (site_url).
func (s *Server) URL() string { return s.url }

// AppURL is the CSUM Admin API base URL (app_url).
func (s *Server) AppURL() string { return s.url + AppPrefix }

// AdminURL is the base URL of the organization Admin API (admin_api_url), whose paths start with /admin.
func (s *Server) AdminURL() string { return s.url }

// OrgID is the seeded organization's ID (org_id), or "" when the seed has none.
func (s *Server) OrgID() string { return s.org.ID() }

// AdminAPIKey is the organization's first API key (admin_api_key), or "" when the seed has no organization.
func (s *Server) AdminAPIKey() string { return s.org.APIKey() }

// Admin is the organization, for out-of-band changes in tests (last activity, membership status).
func (s *Server) Admin() *admin.Org { return s.org }

// CloudID is the site's cloud ID: gateway URLs are URL() + confluence.GatewayPrefix + CloudID() + "/wiki/...".
func (s *Server) CloudID() string { return s.cloudID }

// Credentials are the seed's advertised basic-auth email and API token.
func (s *Server) Credentials() Credentials { return s.credentials }

// AppAPIKey is the Admin API key the app accepts.
func (s *Server) AppAPIKey() string {
	if s.appSeed.APIKey == "" {
		return app.DefaultAPIKey
	}
	return s.appSeed.APIKey
}

// Faults is the fault injector in front of every Confluence and app route.
func (s *Server) Faults() *faults.Injector { return s.injector }

// Store is the Confluence model, for out-of-band (drift) changes in tests.
func (s *Server) Store() *confluence.Store { return s.store }

// App is the app half, for out-of-band changes in tests.
func (s *Server) App() *app.App { return s.app }

// Close stops serving, waits briefly for requests in flight, and writes the state file one last time. The
// wait is short because net/http keeps a freshly dialled but unused connection open for 5s on Shutdown;
// sandbox requests take milliseconds, so anything still open after a second is forced closed.
func (s *Server) Close() error {
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	err := s.http.Shutdown(ctx)
	if errors.Is(err, context.DeadlineExceeded) {
		err = s.http.Close()
	}
	if serveErr := <-s.served; !errors.Is(serveErr, http.ErrServerClosed) {
		err = errors.Join(err, serveErr)
	}
	return errors.Join(err, s.persistErr())
}

// persist writes the state file if there is one. A failed write cannot fail the request that caused it;
// Close reports whether the final write succeeded.
func (s *Server) persist() { _ = s.persistErr() }

func (s *Server) persistErr() error {
	if s.state == nil {
		return nil
	}
	return s.state.write(s.snapshot())
}

// snapshot is the whole model as a state document.
func (s *Server) snapshot() stateFile {
	model := s.store.Snapshot()
	conf := seedOf(model)
	conf.Credentials = s.credentials
	conf.CloudID = s.cloudID
	conf.App = s.appSeed
	if s.org.ID() != "" {
		org := s.org.Snapshot()
		conf.Org = &org
	}
	if c := conf.App.LegacyCredentials; c != nil {
		// The app keeps only the presence and email of legacy credentials; the token is not carried over.
		conf.App.LegacyCredentials = &struct{ Email, APIToken string }{Email: c.Email}
	}
	return stateFile{Version: stateVersion, Confluence: conf, NextPermissionID: model.NextPermissionID,
		SystemRoleIDs: model.SystemRoleIDs(), App: s.app.Snapshot()}
}
