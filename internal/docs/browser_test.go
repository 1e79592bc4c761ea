package docs_test

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	cdplog "github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"github.com/ssojet-tools/loginlogs/internal/docs"
	"github.com/ssojet-tools/loginlogs/internal/server"
	"github.com/ssojet-tools/loginlogs/internal/spec"
	"github.com/ssojet-tools/loginlogs/internal/store/sqlite"
	"github.com/ssojet-tools/loginlogs/internal/validate"
)

var updateScreenshot = flag.Bool("update-screenshot", false, "write the page as rendered to docs/api-reference.png")

// browsers are the names Chromium goes by on PATH.
var browsers = []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "headless-shell"}

// findChromium returns Chromium's path. Without one the test is skipped, loudly, unless CI=true:
// CI installs it (.ci/run), so there a missing browser fails the test.
func findChromium(t *testing.T) string {
	t.Helper()
	for _, name := range browsers {
		if path, err := exec.LookPath(name); err == nil {
			return path
		}
	}
	msg := "\n" + strings.Repeat("!", 78) + "\n" +
		"!! SKIPPED: the browser test of /docs needs Chromium, and none of " + strings.Join(browsers, ", ") + "\n" +
		"!! is on PATH. Install it (Debian/Ubuntu: apt-get install chromium) and run\n" +
		"!!   go test ./internal/docs/\n" +
		strings.Repeat("!", 78)
	if os.Getenv("CI") == "true" {
		t.Fatal(msg + "\nCI=true: failing instead of skipping")
	}
	fmt.Fprintln(os.Stderr, msg)
	t.Skip(msg)
	return ""
}

// newServer starts the real reference server (internal/server over SQLite) on loopback.
func newServer(t *testing.T) *httptest.Server {
	t.Helper()
	ctx := context.Background()
	st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "loginlogs.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	doc, err := spec.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := server.SeedDemo(ctx, st, doc); err != nil {
		t.Fatal(err)
	}
	tokens := &server.Tokens{}
	tokens.Add("tok_docs_browser_test", server.DemoClientID)
	srv := httptest.NewServer(server.NewHandler(server.Config{
		Store: st, Validator: validate.New(doc), Tokens: tokens, Mode: server.Enforce,
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil)),
	}))
	t.Cleanup(srv.Close)
	return srv
}

// pageRecord is what the browser reported while it loaded the page.
type pageRecord struct {
	mu       sync.Mutex
	problems []string // console errors, exceptions, error log entries, failed loads
	requests []string // every URL the page asked for
}

func (p *pageRecord) add(list *[]string, s string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	*list = append(*list, s)
}

func (p *pageRecord) listen(ev any) {
	switch ev := ev.(type) {
	case *runtime.EventConsoleAPICalled:
		if ev.Type == runtime.ConsoleAPICalledTypeError || ev.Type == runtime.ConsoleAPICalledTypeAssert {
			var args []string
			for _, a := range ev.Args {
				args = append(args, string(a.Value)+a.Description)
			}
			p.add(&p.problems, "console."+string(ev.Type)+": "+strings.Join(args, " "))
		}
	case *runtime.EventExceptionThrown:
		d := ev.ExceptionDetails
		desc := ""
		if d.Exception != nil {
			desc = d.Exception.Description
		}
		p.add(&p.problems, fmt.Sprintf("exception at %s:%d: %s %s", d.URL, d.LineNumber+1, d.Text, desc))
	case *cdplog.EventEntryAdded:
		if ev.Entry.Level == cdplog.EntryLevelError {
			p.add(&p.problems, "log "+string(ev.Entry.Source)+": "+ev.Entry.Text+" "+ev.Entry.URL)
		}
	case *network.EventRequestWillBeSent:
		p.add(&p.requests, ev.Request.URL)
	case *network.EventLoadingFailed:
		p.add(&p.problems, "loading failed: "+ev.ErrorText+" "+string(ev.BlockedReason))
	}
}

// loginLogFields are the fields of LoginLog that the page must show (checked against the contract).
var loginLogFields = []string{"IpAddress", "Country", "City", "UserAgent", "Name", "Os", "Device", "CreatedAt"}

// TestDocsPageInChromium loads /docs of the real server in headless Chromium and checks that the
// operation's summary and every LoginLog field are rendered, that the browser reported no console
// error, exception or failed load, and that the page asked nothing of any host but the server.
func TestDocsPageInChromium(t *testing.T) {
	chromium := findChromium(t)
	doc, err := spec.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	op := doc.Paths.Find("/users/{userid}/loginlogs").Get
	var fromContract []string
	for name := range doc.Components.Schemas["LoginLog"].Value.Properties {
		fromContract = append(fromContract, name)
	}
	slices.Sort(fromContract)
	if want := slices.Sorted(slices.Values(loginLogFields)); !slices.Equal(fromContract, want) {
		t.Fatalf("LoginLog's properties in the contract are %q, the test expects %q", fromContract, want)
	}
	srv := newServer(t)
	page := srv.URL + docs.Path + "#/user-management/" + strings.ToLower(op.OperationID)

	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(chromium),
		chromedp.NoSandbox, // CI runs as root, where Chromium's sandbox refuses to start
		chromedp.WindowSize(1280, 1000),
	)
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	ctx, cancelAlloc := chromedp.NewExecAllocator(ctx, opts...)
	defer cancelAlloc()
	ctx, cancelBrowser := chromedp.NewContext(ctx)
	defer cancelBrowser()

	rec := &pageRecord{}
	if err := chromedp.Listen(ctx, rec.listen); err != nil {
		t.Fatalf("start Chromium %s: %v", chromium, err)
	}
	if err := chromedp.Do(ctx, chromedp.Navigate(page)); err != nil {
		t.Fatalf("load %s in Chromium: %v", page, err)
	}
	// Redoc renders a nested schema once it scrolls into view: scroll the response body's
	// schema into view until the page shows every expected text, or a minute has passed.
	want := append([]string{op.Summary}, loginLogFields...)
	wantJSON, _ := json.Marshal(want)
	_, err = chromedp.Run(ctx, chromedp.Poll[bool](`(() => {
		document.querySelector('[data-schema-nested-open]')?.scrollIntoView();
		const text = document.body.innerText;
		return `+string(wantJSON)+`.every(s => text.includes(s));
	})()`, chromedp.WithPollingTimeout(time.Minute)))
	text, textErr := chromedp.Run(ctx, chromedp.Evaluate[string](`document.body.innerText`))
	if err != nil || textErr != nil {
		var missing []string
		for _, s := range want {
			if !strings.Contains(text, s) {
				missing = append(missing, s)
			}
		}
		t.Fatalf("%s: waiting for %q: %v, %v; missing %q; browser reported %q", page, want, err, textErr, missing, rec.problems)
	}

	if *updateScreenshot {
		png, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
		if err != nil {
			t.Fatalf("screenshot: %v", err)
		}
		if err := os.WriteFile(filepath.Join("..", "..", "docs", "api-reference.png"), png, 0o644); err != nil {
			t.Fatal(err)
		}
	}

	rec.mu.Lock()
	defer rec.mu.Unlock()
	for _, p := range rec.problems {
		t.Errorf("%s: the browser reported: %s", page, p)
	}
	server, _ := url.Parse(srv.URL)
	if len(rec.requests) == 0 {
		t.Errorf("%s: no request seen; the network listener is not working", page)
	}
	for _, r := range rec.requests {
		u, err := url.Parse(r)
		switch {
		case err != nil:
			t.Errorf("%s requested %q, which does not parse: %v", page, r, err)
		case u.Scheme == "data":
			// inline content (the logo, an icon font): nothing is fetched
		case u.Host != server.Host:
			t.Errorf("%s requested %s: a host other than the server's %s", page, r, server.Host)
		}
	}
}
