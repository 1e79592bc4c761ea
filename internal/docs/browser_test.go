package docs_test

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/audits"
	"github.com/chromedp/cdproto/cdp"
	cdplog "github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"github.com/ssojet-tools/loginlogs/internal/docs"
	"github.com/ssojet-tools/loginlogs/internal/server/servertest"
	"github.com/ssojet-tools/loginlogs/internal/spec"
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

// pageRecord is what the browser reported while it loaded the page.
type pageRecord struct {
	mu       sync.Mutex
	problems []string // console errors, exceptions, error log entries, CSP issues, failed loads
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
	case *audits.EventIssueAdded:
		// Chromium reports some CSP violations, a refused eval among them, only as issues.
		if ev.Issue.Code == audits.InspectorIssueCodeContentSecurityPolicyIssue {
			b, _ := json.Marshal(ev.Issue.Details)
			p.add(&p.problems, "CSP issue: "+string(b))
		}
	case *network.EventRequestWillBeSent:
		p.add(&p.requests, ev.Request.URL)
	case *network.EventLoadingFailed:
		p.add(&p.problems, "loading failed: "+ev.ErrorText+" "+string(ev.BlockedReason))
	}
}

// loginLogFields are the fields of LoginLog that the page must show (checked against the contract).
var loginLogFields = []string{"IpAddress", "Country", "City", "UserAgent", "Name", "Os", "Device", "CreatedAt"}

// searchedField is the field the test looks up with the page's search box.
const searchedField = "CreatedAt"

// cspReporter runs in the page before its own scripts (DevTools injects it, so the page's CSP does
// not stop it) and turns each securitypolicyviolation event into a console error.
const cspReporter = `addEventListener('securitypolicyviolation', e => console.error(
	'CSP violation: ' + e.effectiveDirective + ' refused ' + (e.blockedURI || '(inline)') +
	' at ' + e.sourceFile + ':' + e.lineNumber + ' ' + e.sample))`

// menuItem returns an XPath of the link in Redoc's sidebar whose label is label.
func menuItem(t *testing.T, label string) string {
	t.Helper()
	if strings.Contains(label, `"`) {
		t.Fatalf("sidebar label %q has a double quote, which menuItem does not quote", label)
	}
	return `//a[.//li[@data-testid="menu-item-label"]//span[@data-text="` + label + `"]]`
}

// jsString returns s as a JavaScript string literal.
func jsString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

// TestDocsPageInChromium uses /docs of the real server in headless Chromium as a reader would:
// it opens the operation from the sidebar (the URL's fragment and the section's heading follow),
// checks that the operation's summary and every LoginLog field are rendered, types a field's name
// into the search box and follows the result it offers. Throughout, the browser must report no
// console error, exception, error log entry, CSP violation (as an issue or as a
// securitypolicyviolation event) or failed load, and the page must ask nothing of any host but
// the server. It does so twice: on the server itself, and behind a reverse proxy that serves it
// under /sandbox/ (behindPrefix), where the page must ask for nothing outside the prefix.
func TestDocsPageInChromium(t *testing.T) {
	chromium := findChromium(t)
	srv := servertest.Start(t)
	t.Run("direct", func(t *testing.T) { browseDocs(t, chromium, srv.URL) })
	t.Run("behind a path prefix", func(t *testing.T) { browseDocs(t, chromium, behindPrefix(t, srv.URL, "/sandbox")) })
}

// browseDocs is TestDocsPageInChromium on the page under base (a server's root URL).
func browseDocs(t *testing.T, chromium, base string) {
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
	if len(op.Tags) != 1 {
		t.Fatalf("the operation has tags %q, the test expects one", op.Tags)
	}
	// Redoc's deep links: #/<tag, lower case, spaces as hyphens>/<operationId, lower case>.
	tagFragment := "#/" + strings.ToLower(strings.ReplaceAll(op.Tags[0], " ", "-"))
	opFragment := tagFragment + "/" + strings.ToLower(op.OperationID)
	pageURL := base + docs.Path

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
	if _, err := chromedp.Call(ctx, audits.Enable, cdp.Empty{}); err != nil {
		t.Fatalf("enable Chromium's issue reports: %v", err)
	}
	if _, err := chromedp.Call(ctx, page.AddScriptToEvaluateOnNewDocument,
		page.AddScriptToEvaluateOnNewDocumentParams{Source: cspReporter}); err != nil {
		t.Fatalf("install the CSP violation reporter: %v", err)
	}
	if err := chromedp.Do(ctx, chromedp.Navigate(pageURL)); err != nil {
		t.Fatalf("load %s in Chromium: %v", pageURL, err)
	}
	// wait polls the JavaScript expression js until it is true, or fails the test saying what it
	// waited for, with state (an expression) as the page shows it then.
	wait := func(what, js, state string) {
		t.Helper()
		if _, err := chromedp.Run(ctx, chromedp.Poll[bool](js, chromedp.WithPollingTimeout(30*time.Second))); err != nil {
			got, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`String(`+state+`)`))
			rec.mu.Lock()
			defer rec.mu.Unlock()
			t.Fatalf("%s: waiting for %s: %v; the page shows %q; the browser reported %q", pageURL, what, err, got, rec.problems)
		}
	}
	// click clicks the element at xpath, as a mouse would.
	click := func(what, xpath string) {
		t.Helper()
		if err := chromedp.Do(ctx, chromedp.Click(xpath)); err != nil {
			t.Fatalf("%s: click %s: %v", pageURL, what, err)
		}
	}

	// The sidebar: open the tag's group, wait for it to finish unfolding (a click on a moving
	// item can miss), then open the operation.
	opItem := menuItem(t, op.Summary)
	click("the sidebar's "+op.Tags[0], menuItem(t, op.Tags[0]))
	wait("the sidebar to show "+op.Summary+" and stop moving",
		`document.evaluate(`+jsString(opItem)+`, document, null, XPathResult.FIRST_ORDERED_NODE_TYPE, null).singleNodeValue !== null && document.getAnimations().length === 0`,
		`document.querySelector('[data-component-name="Menu/Menu"]')?.innerText`)
	click("the sidebar's "+op.Summary, opItem)
	// A click that lands while Redoc re-renders the menu can be lost: the poll clicks the item
	// again, once a second, until the page has followed it.
	opened := `location.hash === ` + jsString(opFragment) + ` && [...document.querySelectorAll('h1, h2')].some(h => {
			const r = h.getBoundingClientRect();
			return h.innerText.trim() === ` + jsString(op.Summary) + ` && r.top >= 0 && r.top < innerHeight;
		})`
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](`(() => {
		if (`+opened+`) return true;
		const now = Date.now();
		if (!window.__clickedAt || now - window.__clickedAt > 1000) {
			window.__clickedAt = now;
			document.evaluate(`+jsString(opItem)+`, document, null, XPathResult.FIRST_ORDERED_NODE_TYPE, null).singleNodeValue?.click();
		}
		return false;
	})()`, chromedp.WithPollingInterval(100*time.Millisecond), chromedp.WithPollingTimeout(30*time.Second))); err != nil {
		got, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`location.hash + ' ' + [...document.querySelectorAll('h1, h2')].map(h => h.innerText.trim() + '@' + Math.round(h.getBoundingClientRect().top)).join(', ')`))
		t.Fatalf("%s: waiting for the URL fragment %s and the operation's heading in view: %v; the page shows %q", pageURL, opFragment, err, got)
	}

	// Redoc renders a nested schema once it scrolls into view: scroll the response body's
	// schema into view until the page shows every expected text.
	want := append([]string{op.Summary}, loginLogFields...)
	wantJSON, _ := json.Marshal(want)
	wait("the summary and every LoginLog field", `(() => {
		document.querySelector('[data-schema-nested-open]')?.scrollIntoView();
		const text = document.body.innerText;
		return `+string(wantJSON)+`.every(s => text.includes(s));
	})()`, `(() => { const text = document.body.innerText; return 'missing ' + `+string(wantJSON)+`.filter(s => !text.includes(s)); })()`)
	// The search box reads "Loading" until Redoc has indexed the contract.
	trigger := `document.querySelector('[data-testid="search-trigger"]')`
	wait("the search box to be ready", trigger+`?.innerText.startsWith('Search')`, trigger+`?.innerText`)

	if *updateScreenshot {
		png, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
		if err != nil {
			t.Fatalf("screenshot: %v", err)
		}
		if err := os.WriteFile(filepath.Join("..", "..", "docs", "api-reference.png"), png, 0o644); err != nil {
			t.Fatal(err)
		}
	}

	// Search: type a field's name, expect a result in the operation naming the field, follow it.
	click("the search box", `[data-testid="search-trigger"]`)
	if err := chromedp.Do(ctx, chromedp.SendKeys(`[data-testid="search-dialog"] input`, searchedField)); err != nil {
		t.Fatalf("%s: type %q into the search box: %v", pageURL, searchedField, err)
	}
	results := `[...document.querySelectorAll('[data-testid="search-dialog"] a[data-component-name="Search/SearchItem"]')]`
	hit := results + `.find(a => a.innerText.includes(` + jsString(op.Summary) + `) && a.innerText.includes(` + jsString(searchedField) + `))`
	wait("a search result for "+searchedField+" in "+op.Summary, hit+` !== undefined`,
		`document.querySelector('[data-testid="search-dialog"]')?.innerText`)
	click("the search result", `//div[@data-testid="search-dialog"]//a[@data-component-name="Search/SearchItem"][contains(., "`+searchedField+`")]`)
	wait("the search dialog to close and the URL to lead to "+searchedField,
		`document.querySelector('[data-testid="search-dialog"]') === null && location.hash.startsWith(`+jsString(opFragment)+`) && location.hash.toLowerCase().includes(`+jsString(strings.ToLower(searchedField))+`)`,
		`location.hash`)

	rec.mu.Lock()
	defer rec.mu.Unlock()
	for _, p := range rec.problems {
		t.Errorf("%s: the browser reported: %s", pageURL, p)
	}
	server, _ := url.Parse(base)
	if len(rec.requests) == 0 {
		t.Errorf("%s: no request seen; the network listener is not working", pageURL)
	}
	for _, r := range rec.requests {
		u, err := url.Parse(r)
		switch {
		case err != nil:
			t.Errorf("%s requested %q, which does not parse: %v", pageURL, r, err)
		case u.Scheme == "data":
			// inline content (the logo, an icon font): nothing is fetched
		case u.Host != server.Host:
			t.Errorf("%s requested %s: a host other than the server's %s", pageURL, r, server.Host)
		case !strings.HasPrefix(u.Path, server.Path+"/"):
			t.Errorf("%s requested %s: a path outside %s/", pageURL, r, server.Path)
		}
	}
}
