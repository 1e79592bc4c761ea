package fakeapi

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// TerminalAttack is what the hostile fake puts where a client may print it: it sets the window
// title, clears the screen, moves the cursor home and writes in red, with C1 and bidi controls.
const TerminalAttack = "\x1b]0;pwned\x07\x1b[2J\x1b[H\x1b[31mFAKE\u009b0m\u202eevil"

// HeaderAttack is what the hostile fake puts in headers: Go's client refuses C0 controls such
// as ESC there, not a C1 CSI (in UTF-8) or a right-to-left override.
const HeaderAttack = "\u009b2J\u202eevil"

// Hostile returns a fake that answers as an attacker would like a client to print it. It
// remembers every secret it was sent (a bearer token; the password of a Basic credential, as a
// base URL with userinfo makes Go's client send) and echoes each, in every form forms returns,
// in every later answer: in login-log fields (IpAddress, Name, an unknown member's name, a
// CreatedAt that is no date-time, after the valid entries), in error descriptions, and in the
// Set-Cookie, Location and X-Echo headers; UserAgent and error_description carry TerminalAttack,
// Location and the Content-Type of the 400 HeaderAttack.
// Any bearer token but the checker's wrong one is taken: the documented request gets a 200
// (its last entry broken), a request without a token a redirect, the wrong token a 401, no
// client_id a 400, an unknown user a 404.
func Hostile(logs []byte, forms func(secret string) []string) *API {
	h := &hostile{forms: forms}
	a := New(logs)
	a.Intercept = h.serve
	return a
}

// wrongToken is the token the contract checker's wrong-token check sends: no secret.
const wrongToken = "loginlogs-contract-check.not-a-valid-token"

type hostile struct {
	forms   func(string) []string
	mu      sync.Mutex
	secrets []string
}

// echoes remembers the secrets r carries and returns the forms of all those seen so far.
func (h *hostile) echoes(r *http.Request) []string {
	h.mu.Lock()
	defer h.mu.Unlock()
	auth := r.Header.Get("Authorization")
	var sent []string
	if tok, ok := strings.CutPrefix(auth, "Bearer "); ok && tok != "" {
		sent = append(sent, tok)
	}
	if _, pass, ok := r.BasicAuth(); ok && pass != "" {
		sent = append(sent, pass)
	}
	for _, s := range sent {
		if !contains(h.secrets, s) && s != wrongToken {
			h.secrets = append(h.secrets, s)
		}
	}
	var out []string
	for _, s := range h.secrets {
		out = append(out, h.forms(s)...)
	}
	return out
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func (h *hostile) serve(w http.ResponseWriter, r *http.Request) bool {
	echoes := h.echoes(r)
	for i, e := range echoes {
		w.Header().Add("X-Echo", e)
		if i == 0 {
			w.Header().Add("Set-Cookie", "session="+e+"; Path=/; HttpOnly")
			w.Header().Add("Set-Cookie", "tracking="+url.QueryEscape(e))
		}
	}
	user := strings.TrimSuffix(strings.TrimPrefix(r.URL.Path, "/api/v1/users/"), "/loginlogs")
	auth := r.Header.Get("Authorization")
	fail := func(status int, name string) bool {
		desc := "you sent " + strings.Join(echoes, " ") + " " + TerminalAttack
		if status == http.StatusBadRequest {
			w.Header().Set("Content-Type", "application/json; x="+HeaderAttack)
			w.WriteHeader(status)
			json.NewEncoder(w).Encode(map[string]any{"error": name, "error_description": desc, "error_code": 842})
			return true
		}
		WriteError(w, status, name, 1002, desc)
		return true
	}
	switch {
	case auth == "" || strings.HasPrefix(auth, "Basic "):
		loc := "https://login.ssojet.test/" + HeaderAttack + "?next=" + url.QueryEscape(r.URL.String())
		if len(echoes) > 0 {
			loc += "&token=" + url.QueryEscape(echoes[0]) + "&b64=" + base64.URLEncoding.EncodeToString([]byte(echoes[0]))
		}
		w.Header().Set("Location", loc)
		w.WriteHeader(http.StatusFound)
		return true
	case !strings.HasPrefix(auth, "Bearer ") || auth == "Bearer "+wrongToken:
		return fail(http.StatusUnauthorized, "invalid_token")
	case r.URL.Query().Get("client_id") == "":
		return fail(http.StatusBadRequest, "invalid_query_parameters "+strings.Join(echoes, " "))
	case user != UserID:
		return fail(http.StatusNotFound, "resource_not_found")
	}
	var entries []string
	entry := func(ip, name, extra, createdAt string) string {
		m := map[string]string{"IpAddress": ip, "Country": "India", "City": "UnknownCity", "UserAgent": TerminalAttack,
			"Name": name, "Os": "", "Device": "", "CreatedAt": createdAt}
		if extra != "" {
			m["x-"+extra] = "1"
		}
		b, _ := json.Marshal(m)
		return string(b)
	}
	for i, e := range echoes {
		s := entry(e, "echo "+e, e, fmt.Sprintf("2024-07-10T12:16:%02d.647Z", i%60))
		if i%2 == 1 {
			s = strings.ReplaceAll(s, "/", `\/`) // as PHP writes JSON
		}
		entries = append(entries, s)
	}
	if len(echoes) > 0 {
		entries = append(entries, entry("10.0.0.1", "bad date", "", echoes[0]))
	}
	echo, _ := json.Marshal(strings.Join(echoes, " "))
	w.Header().Set("Content-Type", "application/json")
	fmt.Fprintf(w, `{"login_logs":[%s],"echo":%s}`, strings.Join(entries, ","), echo)
	return true
}

// Slow is a hostile upstream's answer that never ends, for the OK field of an API: with an
// Interval, a 200 whose body starts like login logs and then comes one byte per Interval;
// without, nothing at all, not even the status. Each answer ends only when its client goes
// away or Stop is closed; Open counts those still going.
type Slow struct {
	Interval time.Duration
	Stop     chan struct{}
	open     atomic.Int64
}

// NewSlow returns a Slow answer of one byte per interval (0: no answer at all).
func NewSlow(interval time.Duration) *Slow {
	return &Slow{Interval: interval, Stop: make(chan struct{})}
}

// Open returns how many answers are still going.
func (s *Slow) Open() int64 { return s.open.Load() }

// Serve answers as s says; it is an API's OK.
func (s *Slow) Serve(w http.ResponseWriter, r *http.Request) {
	s.open.Add(1)
	defer s.open.Add(-1)
	if s.Interval <= 0 {
		select {
		case <-r.Context().Done():
		case <-s.Stop:
		}
		return
	}
	rc := http.NewResponseController(w)
	w.Header().Set("Content-Type", "application/json")
	io.WriteString(w, `{"login_logs":[`)
	rc.Flush()
	tick := time.NewTicker(s.Interval)
	defer tick.Stop()
	for {
		select {
		case <-r.Context().Done():
			return
		case <-s.Stop:
			return
		case <-tick.C:
			if _, err := io.WriteString(w, " "); err != nil {
				return
			}
			rc.Flush()
		}
	}
}
